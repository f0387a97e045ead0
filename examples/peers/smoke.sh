#!/bin/sh
# smoke.sh PEER: the C++ peer answers the worked example (the test the examples suite runs):
# KL((0.5,0.5) || (0.7,0.3)) = 0.08717669357238892657… (the oracle, `gibbs kl --digits 20`).
echo '{"id":0,"measure":"kl","p":[0.5,0.5],"q":[0.7,0.3]}' | "$1" | grep -q '"value":0.0871766935723889'
