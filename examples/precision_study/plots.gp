# examples/precision_study/plots.gp: the plots of the precision study (gnuplot, PNG).
#   gnuplot -e "dir='docs'" examples/precision_study/plots.gp
# reads dir/precision_near_equal.csv and dir/precision_ce_float32.csv, writes
# dir/precision_near_equal.png and dir/precision_ce_float32.png.
if (!exists("dir")) dir = "docs"
set datafile separator ","
set terminal pngcairo size 1400,1000 font "sans,11" noenhanced
set output dir."/precision_near_equal.png"
set multiplot layout 2,2 title "KL(p||q) for near-equal p, q (n = 100): correct digits vs the gibbs oracle (higher is better)"
set logscale x
set xrange [1e-16:0.2] reverse
set yrange [-0.5:17.5]
set xlabel "perturbation eps (q = p moved by eps*p)"
set ylabel "correct decimal digits"
set key bottom left font ",9"
set grid
forms = "ratio logdiff ce_minus_h bregman"
tname(i) = (i==1?"float":i==2?"double":i==3?"long double":i==4?"float128":i==5?"double-double":i==6?"cpp_bin_float_50":i==7?"binary16":"bfloat16")
ftitle(j) = (j==1?"ratio: sum p*log(p/q)":j==2?"logdiff: sum p*(log p - log q)":j==3?"ce_minus_h: H(p,q) - H(p)":"bregman: gibbs::kl_divergence")
# one series per (formulation, type): filtered with awk so that gnuplot draws connected lines
series(form, type) = sprintf("< awk -F, '$2 == \"%s\" && $3 == \"%s\"' %s/precision_near_equal.csv", form, type, dir)
do for [j=1:4] {
  form = word(forms, j)
  set title ftitle(j)
  plot for [i=1:8] series(form, tname(i)) using 1:7 with linespoints lw 2 pt i title tname(i)
}
unset multiplot

set output dir."/precision_ce_float32.png"
set terminal pngcairo size 1000,650 font "sans,11" noenhanced
unset xrange
unset yrange
set xrange [*:*] noreverse
set logscale xy
set title "float32 cross-entropy H(p,q) of random distributions: error vs support size (3 trials per n)"
set xlabel "support size n"
set ylabel "error in float32 ulps (0 plotted as 0.5)"
set key top left
sums = "naive pairwise compensated"
stats_file = dir."/precision_ce_float32.csv"
plot for [k=1:3] stats_file using (strcol(3) eq word(sums,k) ? $1 : 1/0):($6 < 0.5 ? 0.5 : $6) \
     with points pt (k+4) ps 1.5 title word(sums,k)
