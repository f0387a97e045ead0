// tests/oracle/contraction.cpp: cross-entropy with one tiny or subnormal mass, on the inputs where
// the FMA build of the kernel (detail/kernel.hpp) once returned an enclosure excluding the exact
// value: GCC had fused the products of the double-double terms' TwoProduct
// (detail/certified_dd.hpp, number/double_double.hpp) into FMAs, which made their error terms
// inexact. The inputs are those of tests/verify/exact_vs_oracle.cpp's tiny-mass case (seed 99) on
// which that happened. Reference: the sum -sum p_i log q_i in MPFR at 3000 bits (mpfr_log of each
// exact input, every operation rounded to nearest: the total error is far below 2^-2900 of the
// terms), compared with the oracle's lo and hi and with the kernel's certified value and error
// bound.
#include "gibbs/oracle.hpp"

#include <catch2/catch.hpp>
#include <mpfr.h>

#include <array>
#include <cstdio>
#include <span>

namespace {

struct pair3 {
  std::array<double, 3> p, q;
};

constexpr pair3 inputs[] = {
    {{0x1.3b1854a8a3e58p-1, 0x1.89cf56aeb8351p-2, 0x1p-418},
     {0x1.eb4a50fda845ep-2, 0x1p-1016, 0x1.0a5ad7812bdd1p-1}},
    {{0x1.e520258a072f1p-1, 0x1.4p-292, 0x1.adfda75f8d0fp-5},
     {0x1.3b81e45a0ce26p-2, 0x1.623f0dd2f98edp-1, 0x1p-973}},
    {{0x1.037513f192e8dp-3, 0x1.ap-816, 0x1.bf22bb039b45dp-1},
     {0x1p-981, 0x1.334645c5bcf0fp-1, 0x1.99737474861e2p-2}},
    {{0x1p-105, 0x1.2ef936419d7e8p-1, 0x1.a20d937cc503p-2},
     {0x1.6c5b1287207ap-4, 0x1p-999, 0x1.d2749daf1bf0cp-1}},
    {{0x1.7c4d351462282p-2, 0x1p-655, 0x1.41d96575ceebfp-1},
     {0x1p-999, 0x1.c62ec9842b8abp-1, 0x1.ce89b3dea3aa8p-4}},
    {{0x1.155e49b6a7d32p-1, 0x1.d5436c92b059cp-2, 0x1.8p-182},
     {0x1.ced25b399bbb6p-5, 0x1p-949, 0x1.e312da4c66445p-1}},
    {{0x1.832570ed5b0d4p-1, 0x1.f36a3c4a93cb2p-3, 0x1.6p-690},
     {0x1p-966, 0x1.007942d5df908p-1, 0x1.ff0d7a5440dfp-2}},
    {{0x1.8p-435, 0x1.f383f3f6ca43dp-1, 0x1.8f818126b786p-6},
     {0x1.a6246c84cd5cep-6, 0x1p-987, 0x1.f2cedc9bd9952p-1}},
    {{0x1.ec436651688fdp-1, 0x1.2p-266, 0x1.3bc99ae97703p-5},
     {0x1.44ac712b741p-1, 0x1.76a71da917e01p-2, 0x1p-915}},
    {{0x1.781cff3bdfedcp-2, 0x1.43f1806210092p-1, 0x1.6p-805},
     {0x1.f0ce3af415056p-1, 0x1p-864, 0x1.e638a17d5f54p-6}},
    {{0x1.8p-605, 0x1.01b73d970c1e2p-1, 0x1.fc9184d1e7c3cp-2},
     {0x1.7835adbc32566p-2, 0x1.43e52921e6d4dp-1, 0x0.0008p-1022}},
    {{0x1.04c87b6f3e26dp-1, 0x1.2p-81, 0x1.f66f092183b26p-2},
     {0x1p-852, 0x1.8571b09e790b8p-2, 0x1.3d4727b0c37a4p-1}},
    {{0x1.10d02f98c189cp-2, 0x1.7797e8339f3b2p-1, 0x1p-897},
     {0x1.9b4a6de36c6cdp-1, 0x1p-911, 0x1.92d648724e4ccp-3}},
    {{0x1.2p-663, 0x1.66cee7d2d7229p-1, 0x1.3262305a51baep-2},
     {0x1.82c9875b26578p-4, 0x1.cfa6cf149b351p-1, 0x1p-804}},
    {{0x1.716f9d0e12416p-1, 0x0.000000000034p-1022, 0x1.1d20c5e3db7d4p-2},
     {0x1p-818, 0x1.5230309b78276p-1, 0x1.5b9f9ec90fb14p-2}},
    {{0x1.998d859882e57p-1, 0x1.cp-528, 0x1.99c9e99df46a4p-3},
     {0x1.458f5b0f2068p-4, 0x1.d74e149e1bf3p-1, 0x0.0000004p-1022}},
    {{0x1.8f641e44f79fp-5, 0x1.e709be1bb0861p-1, 0x1.6p-941},
     {0x1p-949, 0x1.44f1e2437c5fp-5, 0x1.ebb0e1dbc83a1p-1}},
    {{0x1.290a970862132p-1, 0x1.2p-859, 0x1.adead1ef3bd9cp-2},
     {0x1.d95359816a9ddp-1, 0x1.356533f4ab118p-4, 0x1p-949}},
    {{0x1.cp-99, 0x1.796c275c21a4ap-1, 0x1.0d27b147bcb6cp-2},
     {0x1.d718293c5c9a3p-2, 0x1p-929, 0x1.1473eb61d1b2ep-1}},
    {{0x1.6f7d3b44a32afp-1, 0x1.cp-345, 0x1.21058976b9aa2p-2},
     {0x0.000008p-1022, 0x1.fc3b4d4950c98p-2, 0x1.01e2595b579b4p-1}},
    {{0x1.732f56f3021d1p-1, 0x1.19a15219fbc5ep-2, 0x1.4p-213},
     {0x1.0d48b77ba1a9ep-1, 0x1p-978, 0x1.e56e9108bcac4p-2}},
    {{0x1.39a4e1a061c94p-4, 0x0.0000000000003p-1022, 0x1.d8cb63cbf3c6ep-1},
     {0x1.294d091c2fcbp-1, 0x1.ad65edc7a06ap-2, 0x1p-964}},
    {{0x1.5b062cdc084a6p-2, 0x1.527ce991fbdadp-1, 0x1.2p-818},
     {0x1p-938, 0x1.30dea0b62ebf4p-1, 0x1.9e42be93a2818p-2}},
    {{0x1.4p-606, 0x1.11c91c2964f86p-1, 0x1.dc6dc7ad360f4p-2},
     {0x1.ffbbbe1a4f542p-2, 0x1p-982, 0x1.002220f2d855fp-1}},
    {{0x1.fd9afc0d93c57p-3, 0x1.4p-701, 0x1.809940fc9b0eap-1},
     {0x1p-930, 0x1.b6279ee88763dp-3, 0x1.92761845de271p-1}},
    {{0x1p-447, 0x1.afd260b1d6132p-2, 0x1.2816cfa714f67p-1},
     {0x1.6c7ba19161558p-4, 0x1.d2708bcdd3d55p-1, 0x1p-907}},
    {{0x1.4ecd8861fae3ep-1, 0x1.6264ef3c0a35fp-2, 0x1.2p-49},
     {0x1.3eb707349a558p-1, 0x1p-844, 0x1.8291f196cb55p-2}},
    {{0x1.4aad2f829b368p-3, 0x1.ad54b41f59326p-1, 0x1.4p-1004},
     {0x1.106535b43bcb2p-3, 0x1p-912, 0x1.bbe6b292f10d4p-1}},
    {{0x1.9f2a985a9031cp-1, 0x1.83559e95bf39p-3, 0x1.6p-682},
     {0x1p-893, 0x1.3efa224c523b4p-2, 0x1.6082eed9d6e26p-1}},
    {{0x1.b132bacbf4252p-2, 0x1.2766a29a05ed7p-1, 0x1.cp-535},
     {0x1.4b4f09305748dp-3, 0x1p-812, 0x1.ad2c3db3ea2ddp-1}},
    {{0x1.a2d8c6395d91dp-1, 0x1.cp-467, 0x1.749ce71a89b8cp-3},
     {0x1p-953, 0x1.4cd5dc02071d2p-1, 0x1.665447fbf1c5cp-2}},
    {{0x1.7239052033714p-1, 0x1.1b8df5bf991d8p-2, 0x1.6p-884},
     {0x1.7c1ecf4c18739p-3, 0x1p-916, 0x1.a0f84c2cf9e32p-1}},
    {{0x1.8p-502, 0x1.608b069f90f3dp-2, 0x1.4fba7cb037862p-1},
     {0x1.da254ecedbe02p-2, 0x1.12ed5898920ffp-1, 0x1p-906}},
    {{0x1.6a69301455f37p-1, 0x1.6p-339, 0x1.2b2d9fd754192p-2},
     {0x0.000000002p-1022, 0x1.491fb857dd014p-3, 0x1.adb811ea08bfbp-1}},
    {{0x1.22ccb15a200c2p-2, 0x1.4p-696, 0x1.6e99a752eff9fp-1},
     {0x1.c3337179eccecp-1, 0x1.e6647430998a4p-4, 0x1p-1009}},
    {{0x1p-153, 0x1.e83c64fcffc32p-2, 0x1.0be1cd81801e7p-1},
     {0x1.2352a46c26512p-2, 0x1p-811, 0x1.6e56adc9ecd77p-1}},
    {{0x1.f87b4ad44e9dep-2, 0x1.03c25a95d8b11p-1, 0x1.4p-450},
     {0x1.2969f6876ecc7p-2, 0x1p-989, 0x1.6b4b04bc4899cp-1}},
    {{0x1.afbf93044b4b2p-1, 0x1.4101b3eed2d37p-3, 0x1.2p-929},
     {0x1p-1003, 0x1.4f52e7f9b33bcp-1, 0x1.615a300c99888p-2}},
    {{0x1.57571411b5391p-1, 0x1.5151d7dc958dep-2, 0x1.8p-425},
     {0x1.ebcf21244ba73p-3, 0x1p-874, 0x1.850c37b6ed163p-1}},
    {{0x1.82ebd0b2b4a08p-1, 0x1.cp-626, 0x1.f450bd352d7ep-3},
     {0x1.f00418224f0a8p-3, 0x1.83fef9f76c3d6p-1, 0x1p-960}},
    {{0x1.6aa0f80ca04d9p-1, 0x1.4p-170, 0x1.2abe0fe6bf64ep-2},
     {0x1p-814, 0x1.af270d41b4ff2p-4, 0x1.ca1b1e57c9602p-1}},
    {{0x1.86ff5aeb7873p-3, 0x1.9e40294521e34p-1, 0x1.6p-847},
     {0x1p-966, 0x1.39d119af84144p-6, 0x1.f631773283df6p-1}},
    {{0x1.cp-555, 0x1.76537d3a5ee44p-1, 0x1.1359058b42378p-2},
     {0x1.1f14abb2b0a32p-2, 0x1.7075aa26a7ae7p-1, 0x1p-931}},
    {{0x1.ap-226, 0x1.3bc53449e6168p-2, 0x1.621d65db0cf4cp-1},
     {0x1.79cc4541523acp-2, 0x1.4319dd5f56e2ap-1, 0x1p-939}},
    {{0x1.c94abd5ab6e67p-1, 0x1.cp-472, 0x1.b5aa152a48cc8p-4},
     {0x1.7cea9acb662ccp-3, 0x1.a0c5594d2674dp-1, 0x1p-833}},
    {{0x1.978d80acd7194p-1, 0x1.a1c9fd4ca39bp-3, 0x1.6p-328},
     {0x1p-995, 0x1.31b7c30c8198p-3, 0x1.b3920f3cdf9ap-1}},
    {{0x1.79f176a333371p-6, 0x1.2p-651, 0x1.f430744ae6664p-1},
     {0x1.ec29b4ad691d9p-1, 0x1.3d64b5296e275p-5, 0x1p-995}},
    {{0x1.4p-845, 0x1.55a9abab8a4ccp-2, 0x1.552b2a2a3ad9ap-1},
     {0x1.6e30f83acfd7ep-2, 0x1.48e783e298141p-1, 0x1p-834}},
    {{0x1.cp-752, 0x1.300fb73d81f86p-2, 0x1.67f824613f03dp-1},
     {0x1.2b977df189d33p-1, 0x1.a8d1041cec59ap-2, 0x1p-810}},
    {{0x1.3fd1e6b5ab7b6p-2, 0x1.60170ca52a425p-1, 0x1.6p-545},
     {0x1.8ed22aae38c1p-1, 0x1p-933, 0x1.c4b755471cfcp-3}},
    {{0x1.cp-763, 0x1.f5ede30c7b4f2p-1, 0x1.42439e70961cp-6},
     {0x1.48eb7b0d5ec2cp-2, 0x1.5b8a4279509eap-1, 0x1p-812}},
    {{0x1.2p-164, 0x1.0fa4b5532a6bap-3, 0x1.bc16d2ab35652p-1},
     {0x1.d8a32dfd36f8fp-1, 0x1.3ae690164838bp-4, 0x1p-997}},
    {{0x1.8c7ee9fd564ecp-1, 0x1.4p-300, 0x1.ce04580aa6c5p-3},
     {0x1.0d7a162143bfcp-1, 0x1.e50bd3bd78809p-2, 0x1p-997}},
    {{0x1.6959463d420aap-1, 0x1.2d4d73857beadp-2, 0x1.2p-296},
     {0x1p-992, 0x1.1e4df0587c66p-1, 0x1.c3641f4f0734p-2}},
    {{0x1.4p-687, 0x1.a14cb11596f6dp-1, 0x1.7acd3ba9a424cp-3},
     {0x1.496a6b9012176p-1, 0x1.6d2b28dfdbd14p-2, 0x1p-865}},
    {{0x1.0bc8d599b035ep-1, 0x0.001p-1022, 0x1.e86e54cc9f944p-2},
     {0x1.1a099581316b2p-2, 0x1.72fb353f674a7p-1, 0x1p-815}},
    {{0x1.59bd3f6fb9111p-2, 0x1.6p-621, 0x1.5321604823778p-1},
     {0x1p-1021, 0x1.69c00ab37bf03p-2, 0x1.4b1ffaa64207ep-1}},
    {{0x1.6bd1b935b543bp-4, 0x1.cp-510, 0x1.d285c8d949579p-1},
     {0x1.49410a9edd3e8p-1, 0x1.6d7deac245831p-2, 0x1p-860}},
    {{0x1.37b4598176e3p-2, 0x1.6425d33f448e8p-1, 0x1.6p-233},
     {0x1p-886, 0x1.d73a742c80672p-2, 0x1.1462c5e9bfcc7p-1}},
    {{0x1.59cf37af9b4d3p-2, 0x1.2p-342, 0x1.5318642832596p-1},
     {0x1.acd7fed55b51p-1, 0x1.4ca004aa92bcp-3, 0x1p-894}},
    {{0x1.2p-45, 0x1.2b5de717cbee6p-1, 0x1.a94431d067ff4p-2},
     {0x1.d77b2a87fc195p-2, 0x1p-867, 0x1.14426abc01f36p-1}},
    {{0x1.bd0eb2ab39704p-1, 0x1.ap-713, 0x1.0bc535531a3fp-3},
     {0x1.482216d4ee083p-1, 0x1.6fbbd25623efap-2, 0x1p-948}},
    {{0x1.1c6ea767d2298p-4, 0x1.dc722b1305badp-1, 0x1.ap-680},
     {0x1.69e15a9b659f6p-1, 0x1p-937, 0x1.2c3d4ac934c14p-2}},
    {{0x1.ap-326, 0x1.fb789161c0c81p-2, 0x1.0243b74f1f9cp-1},
     {0x1.ed9ef27383043p-1, 0x0.000000002p-1022, 0x1.2610d8c7cfbdp-5}},
    {{0x1.9b95953378a3p-1, 0x1.91a9ab321d73fp-3, 0x1.2p-142},
     {0x0.0000000004p-1022, 0x1.816c0cb1b5241p-2, 0x1.3f49f9a7256ep-1}},
    {{0x1.4f979e25d4ea4p-1, 0x1.4p-577, 0x1.60d0c3b4562b8p-2},
     {0x1p-871, 0x1.911b10cca4d6dp-2, 0x1.37727799ad94ap-1}},
    {{0x1p-876, 0x1.8177af02b4db7p-1, 0x1.fa2143f52c924p-3},
     {0x1.57aa49ddb98c4p-1, 0x1.50ab6c448ce78p-2, 0x1p-1017}},
    {{0x1.2510d7fe4c981p-1, 0x1.8p-521, 0x1.b5de500366cfep-2},
     {0x0.000000000002p-1022, 0x1.66affb579e374p-1, 0x1.32a00950c3918p-2}},
    {{0x1.574335ddb3b64p-2, 0x1.545e65112624ep-1, 0x1.ap-935},
     {0x1p-922, 0x1.9eebfd1da0fap-1, 0x1.84500b897c18p-3}},
    {{0x1.a0d635af620b6p-2, 0x1.2f94e5284efa5p-1, 0x1.2p-685},
     {0x1.c61bddafbe5e9p-1, 0x1p-874, 0x1.cf2112820d0b8p-4}},
    {{0x1.cp-354, 0x1.6c16e43461b53p-4, 0x1.d27d237973c96p-1},
     {0x1.51b8391de4b1cp-2, 0x1.5723e3710da72p-1, 0x0.000000008p-1022}},
    {{0x1.51c66782f944fp-2, 0x1.6p-635, 0x1.571ccc3e835d8p-1},
     {0x1p-904, 0x1.54719a43891a7p-1, 0x1.571ccb78edcb2p-2}},
    {{0x1.7a403233913ffp-1, 0x1.ap-886, 0x1.0b7f9b98dd802p-2},
     {0x1p-994, 0x1.07b2a97d0309bp-1, 0x1.f09aad05f9ecap-2}},
    {{0x1.405d58f281149p-2, 0x1.8p-947, 0x1.5fd15386bf75cp-1},
     {0x1.de3ed5764b474p-1, 0x1.0e09544da5c64p-4, 0x1p-973}},
    {{0x1.6b5b96e00c389p-1, 0x1p-512, 0x1.2948d23fe78eep-2},
     {0x1p-823, 0x1.3ca6383f1a0a3p-1, 0x1.86b38f81cbebap-2}},
    {{0x1.83a46cd7e0b2p-3, 0x1.6p-150, 0x1.9f16e4ca07d38p-1},
     {0x1.82cbafe875f14p-3, 0x1.9f4d1405e283bp-1, 0x1p-844}},
    {{0x1.2p-424, 0x1.cc51655c335b6p-1, 0x1.9d74d51e6525p-4},
     {0x1.704ed4505319cp-1, 0x1.1f62575f59cc8p-2, 0x1p-881}},
    {{0x1.5b7fad1f5b8a7p-1, 0x1.4900a5bf88eb2p-2, 0x1.cp-34},
     {0x1p-809, 0x1.67a2582295c68p-2, 0x1.4c2ed3eeb51ccp-1}},
    {{0x1.6p-913, 0x1.1d731b8a6e27cp-1, 0x1.c519c8eb23b08p-2},
     {0x1.c55f60001febcp-1, 0x1.d504ffff00a1fp-4, 0x1p-876}},
    {{0x1.f7775ae95b07p-1, 0x1.1114a2d49f1f3p-6, 0x1.6p-603},
     {0x0.004p-1022, 0x1.8f0b885976e1bp-1, 0x1.c3d1de9a24794p-3}},
    {{0x1.cp-575, 0x1.da09aebd65034p-1, 0x1.2fb28a14d7e6p-4},
     {0x1.078dc3e8e17dap-3, 0x0.0000008p-1022, 0x1.be1c8f05c7a0ap-1}},
    {{0x1.2p-1009, 0x1.dcaf9abcd4651p-4, 0x1.c46a0ca865736p-1},
     {0x1.4af5a12f628dfp-1, 0x1p-912, 0x1.6a14bda13ae42p-2}},
    {{0x1.ac67dc6c3232ap-1, 0x1.4e608e4f37357p-3, 0x1.8p-565},
     {0x0.000000002p-1022, 0x1.56eb13795398fp-2, 0x1.548a764356338p-1}},
    {{0x1.69ec52beb1bcp-5, 0x1.e9613ad414e44p-1, 0x1p-204},
     {0x1.de224487f66dp-7, 0x1p-970, 0x1.f88776ede0265p-1}},
    {{0x1.958060f80dc21p-2, 0x1.4p-726, 0x1.353fcf83f91fp-1},
     {0x1.d617c3f9a8e8ep-2, 0x1.14f41e032b8b9p-1, 0x1p-896}},
    {{0x1.6p-232, 0x1.e7b9e570d438dp-2, 0x1.0c230d4795e3ap-1},
     {0x1.6089bb3dcdd34p-1, 0x1.3eec898464597p-2, 0x1p-860}},
    {{0x1.34e8fdaf29952p-1, 0x1p-205, 0x1.962e04a1acd5cp-2},
     {0x1p-875, 0x1.de48660ab733cp-2, 0x1.10dbccfaa4662p-1}},
    {{0x1.4p-562, 0x1.1b2961fcf9ae4p-1, 0x1.c9ad3c060ca38p-2},
     {0x1.f9ab91e69f3c6p-3, 0x1p-898, 0x1.81951b865830ep-1}},
    {{0x1p-567, 0x1.d7ff279b0b4b6p-1, 0x1.4006c327a5a5p-4},
     {0x1.c1d3391d8b3e8p-1, 0x1.f1663713a60c3p-4, 0x0.000000002p-1022}},
    {{0x1.3d3fa486e3b8cp-5, 0x1.8p-60, 0x1.ec2c05b791c47p-1},
     {0x1p-842, 0x1.afc66b446528cp-3, 0x1.940e652ee6b5dp-1}},
    {{0x1.cp-101, 0x1.b8de0372edb14p-2, 0x1.2390fe4689276p-1},
     {0x1.dfd5a0a4fb5e1p-2, 0x1p-858, 0x1.10152fad8251p-1}},
    {{0x1.8p-863, 0x1.10a0360b8d8f6p-1, 0x1.debf93e8e4e14p-2},
     {0x1.8edc68a2da528p-1, 0x1.c48e5d7496b62p-3, 0x1p-1004}},
    {{0x1.d30a47076ab82p-2, 0x1.167adc7c4aa3fp-1, 0x1.cp-145},
     {0x1p-1020, 0x1.86d533ec36853p-1, 0x1.e4ab304f25eb4p-3}},
    {{0x1.fa31045953d4ep-2, 0x1p-222, 0x1.02e77dd356159p-1},
     {0x1p-893, 0x1.2a2e3fee850f2p-2, 0x1.6ae8e008bd787p-1}},
    {{0x0.000000000028p-1022, 0x1.faa6c81f8ae7p-2, 0x1.02ac9bf03a8c8p-1},
     {0x1.1970ef687cc8ap-7, 0x1p-944, 0x1.fb9a3c425e0cep-1}},
    {{0x1.dbd5bbdddc273p-1, 0x1.4p-886, 0x1.215221111ec68p-4},
     {0x1p-912, 0x1.7b0835ce7d633p-4, 0x1.d09ef9463053ap-1}},
    {{0x1.e9a531bf27c9p-1, 0x1.65ace40d83701p-5, 0x1.4p-713},
     {0x0.00008p-1022, 0x1.286022b9ae13cp-1, 0x1.af3fba8ca3d88p-2}},
    {{0x1.2p-975, 0x1.297f2be527b69p-2, 0x1.6b406a0d6c24cp-1},
     {0x1.9dbd127d7f6bp-3, 0x1.9890bb60a0254p-1, 0x1p-908}},
    {{0x1.1d2eef8ee85f6p-1, 0x1.c5a220e22f413p-2, 0x1.cp-132},
     {0x1p-949, 0x1.48bdeb3b6e088p-1, 0x1.6e84298923efp-2}},
    {{0x1.a816fd755dd3p-1, 0x1p-726, 0x1.5fa40a2a88b4p-3},
     {0x1p-970, 0x1.80ea7dd465115p-2, 0x1.3f8ac115cd776p-1}},
    {{0x1.0f9b41b3b808p-2, 0x1.78325f2623fcp-1, 0x1.2p-156},
     {0x1p-816, 0x1.b11f67a0eb81cp-2, 0x1.27704c2f8a3f2p-1}},
    {{0x1.97b566c61cc8p-3, 0x1.9a12a64e78cep-1, 0x1.cp-457},
     {0x1.ba4a4c7e463c5p-2, 0x1p-933, 0x1.22dad9c0dce1ep-1}},
    {{0x1.cp-106, 0x1.e8c46007fec9bp-1, 0x1.73b9ff801365p-5},
     {0x1.c4ad06c630febp-1, 0x1p-878, 0x1.da97c9ce780a8p-4}},
    {{0x1.07bcbcca5c9b6p-1, 0x1.f086866b46c95p-2, 0x1p-534},
     {0x1.5ba84054ca83bp-1, 0x0.0000000000002p-1022, 0x1.48af7f566af8ap-2}},
    {{0x1.4p-889, 0x1.ef4e8d77b334cp-1, 0x1.0b172884ccb4p-5},
     {0x1.0d23e4c6e34e9p-1, 0x1.e5b836723962ep-2, 0x1p-814}},
    {{0x1.6p-431, 0x1.a5f6bfc5441e1p-4, 0x1.cb412807577c4p-1},
     {0x1.d8f685590fe75p-2, 0x0.2p-1022, 0x1.1384bd53780c6p-1}},
    {{0x1.ed0ca60fba8b5p-1, 0x1.2f359f04574b5p-5, 0x1.8p-767},
     {0x1.f0bd074402525p-2, 0x0.000000000002p-1022, 0x1.07a17c5dfed6ep-1}},
    {{0x1.b50cf84ea8ec3p-1, 0x1.cp-460, 0x1.2bcc1ec55c4f4p-3},
     {0x1.70da97bea4612p-2, 0x1.4792b420adcf7p-1, 0x0.01p-1022}},
    {{0x1.95b48f6b78d14p-1, 0x1.a92dc2521cbaep-3, 0x1.cp-703},
     {0x1.474cfc20c6ab8p-2, 0x0.00000001p-1022, 0x1.5c5981ef9caa4p-1}},
    {{0x1.a3a1e51b7be9fp-6, 0x1.6p-966, 0x1.f2e2f0d72420bp-1},
     {0x1.ca982550b9a38p-2, 0x1.1ab3ed57a32e4p-1, 0x1p-836}},
    {{0x1.43187be8cc9d7p-1, 0x1p-706, 0x1.79cf082e66c52p-2},
     {0x1.8773bbb1a05ep-2, 0x1.3c4622272fd1p-1, 0x0.000002p-1022}},
    {{0x1.4p-124, 0x1.b905571d0e983p-1, 0x1.1beaa38bc59f4p-3},
     {0x1.8d5cf914b54eap-2, 0x0.0000000008p-1022, 0x1.39518375a558bp-1}},
    {{0x1.30ac9d91f1e75p-5, 0x1.cp-289, 0x1.ecf53626e0e19p-1},
     {0x1.2cc378d89ef5cp-2, 0x1.699e4393b0852p-1, 0x1p-935}},
    {{0x1.571934d64b66bp-1, 0x1.51cd96536932ap-2, 0x0.00001ap-1022},
     {0x1p-852, 0x1.43ad92a41ef7fp-2, 0x1.5e2936adf084p-1}},
    {{0x1.25c4d720c491cp-1, 0x1.6p-497, 0x1.b47651be76dc8p-2},
     {0x1.5afe7478a5322p-1, 0x1.4a03170eb59bdp-2, 0x0.0000001p-1022}},
    {{0x1.c5fea15a1cb2bp-1, 0x1.2p-399, 0x1.d00af52f1a6a8p-4},
     {0x1p-810, 0x1.427e7d104371bp-1, 0x1.7b0305df791cap-2}},
    {{0x1.301611c7111a8p-2, 0x1.ap-503, 0x1.67f4f71c7772cp-1},
     {0x1p-873, 0x1.a996e330bc649p-1, 0x1.59a4733d0e6dcp-3}},
    {{0x1.233063be690fbp-1, 0x1.b99f38832de0ap-2, 0x1.cp-572},
     {0x1p-841, 0x1.f91df31ca359p-2, 0x1.03710671ae538p-1}},
    {{0x1.4p-609, 0x1.207205f987ec8p-1, 0x1.bf1bf40cf027p-2},
     {0x1.370ad6ffb47bcp-1, 0x1p-932, 0x1.91ea520097088p-2}},
    {{0x1.652b767e38294p-2, 0x0.000000000ep-1022, 0x1.4d6a44c0e3eb6p-1},
     {0x1.467ca726d5d25p-1, 0x1.7306b1b2545b6p-2, 0x1p-826}},
    {{0x1.cf9c817a425f1p-2, 0x1.8p-255, 0x1.1831bf42ded08p-1},
     {0x1p-834, 0x1.2b6efadf0d523p-1, 0x1.a9220a41e55bap-2}},
    {{0x1.4p-815, 0x1.44a353d3f4ff7p-4, 0x1.d76b958581601p-1},
     {0x1.8fb2ca7cb47p-9, 0x1.fe704d35834b9p-1, 0x1p-1018}},
    {{0x1.be8576f2bbd5cp-1, 0x1p-323, 0x1.05ea243510a9p-3},
     {0x1.1d8986f1741aap-2, 0x1.713b3c8745f2bp-1, 0x0.00008p-1022}},
    {{0x1.25b529e7e7d74p-3, 0x1.b692b586060a3p-1, 0x1.cp-921},
     {0x1p-877, 0x1.ecbe08d375f86p-2, 0x1.09a0fb964503dp-1}},
    {{0x1.b963c64abc075p-1, 0x1.8p-310, 0x1.1a70e6d50fe2cp-3},
     {0x1.abfb74f26cd1p-1, 0x1.50122c364cbc1p-3, 0x1p-989}},
    {{0x1.1fe7e94c7c6cp-2, 0x1.700c0b59c1cap-1, 0x1.2p-469},
     {0x1p-913, 0x1.afa5209ef2846p-1, 0x1.416b7d8435ee8p-3}},
    {{0x1.4797a7b09775p-6, 0x1.cp-413, 0x1.f5c342c27b446p-1},
     {0x1.52f4074a02258p-1, 0x1.5a17f16bfbb4fp-2, 0x1p-810}},
    {{0x1.6dfff5e61a493p-2, 0x1.4p-874, 0x1.4900050cf2db6p-1},
     {0x1p-901, 0x1.f083dc1dda1acp-1, 0x1.ef847c44bca8p-6}},
    {{0x1.8p-505, 0x1.99e5d35f38238p-2, 0x1.330d165063ee4p-1},
     {0x1.03a46dfa440bcp-2, 0x1p-923, 0x1.7e2dc902ddfa2p-1}},
    {{0x1.4p-403, 0x1.6b7987cdf46cep-1, 0x1.290cf06417264p-2},
     {0x1.d466e6d7db008p-3, 0x1.8ae6464a093fep-1, 0x1p-927}},
    {{0x1.0c627e7cf217ap-1, 0x1.ap-615, 0x1.e73b03061bd0cp-2},
     {0x1.703040b0064c6p-2, 0x1.47e7dfa7fcd9dp-1, 0x1p-924}},
    {{0x1.2b2d1f55718bfp-1, 0x1.6p-310, 0x1.a9a5c1551ce82p-2},
     {0x1p-977, 0x1.4807a3fdf8c82p-1, 0x1.6ff0b8040e6fcp-2}},
    {{0x1.b7ef70c480d6p-4, 0x1.c90211e76fe54p-1, 0x1.8p-138},
     {0x1p-958, 0x1.631a707105c8dp-2, 0x1.4e72c7c77d1bap-1}},
    {{0x1.7197713f036fp-3, 0x1.a39a23b03f244p-1, 0x1.cp-92},
     {0x1p-883, 0x1.420b75424044ep-4, 0x1.d7be9157b7f76p-1}},
    {{0x1.6p-666, 0x1.36f7b913208cp-1, 0x1.92108dd9bee8p-2},
     {0x1.bce345ca19916p-1, 0x1.0c72e8d799ba7p-3, 0x1p-956}},
    {{0x1.a3f6839d76a5ep-1, 0x1.cp-141, 0x1.7025f18a25688p-3},
     {0x1.73cc85dd142cp-1, 0x1.1866f445d7a7fp-2, 0x0.000004p-1022}},
    {{0x1.515ed6374da46p-1, 0x1.2p-756, 0x1.5d42539164b74p-2},
     {0x1.b9b37843e832p-5, 0x1.e464c87bc17cep-1, 0x1p-915}},
    {{0x1.cp-643, 0x1.0cdc4e3ccc32cp-1, 0x1.e6476386679a8p-2},
     {0x1.6bdf33ddfc1afp-1, 0x1p-927, 0x1.2841984407ca2p-2}},
    {{0x1.4p-425, 0x1.51c0b89a046d6p-4, 0x1.d5c7e8ecbf725p-1},
     {0x1.3d636e68fc156p-1, 0x1.8539232e07d53p-2, 0x0.0004p-1022}},
    {{0x1.2p-291, 0x1.8b7b3d3d08ee2p-1, 0x1.d2130b0bdc478p-3},
     {0x1.04a6eb758f3cfp-1, 0x1p-1003, 0x1.f6b22914e1862p-2}},
    {{0x1.cp-376, 0x1.73567789e588ap-1, 0x1.195310ec34eecp-2},
     {0x1.240917cfa370ep-1, 0x1.b7edd060b91e4p-2, 0x0.000000000002p-1022}},
    {{0x1.2p-860, 0x1.2867da58be65ep-4, 0x1.daf304b4e8334p-1},
     {0x1.464b437451a28p-4, 0x1.d736979175cbbp-1, 0x1p-917}},
    {{0x1p-408, 0x1.7318e28b3e097p-1, 0x1.19ce3ae983ed2p-2},
     {0x1.14b33597fe9p-1, 0x1p-954, 0x1.d69994d002ep-2}},
    {{0x1.6p-686, 0x1.3e9907443f756p-4, 0x1.d82cdf1778115p-1},
     {0x1.4aa41ddc80e8p-1, 0x1.6ab7c446fe3p-2, 0x1p-989}},
    {{0x1.9fcaa1e44a207p-1, 0x1p-640, 0x1.80d5786ed77e4p-3},
     {0x0.000008p-1022, 0x1.e74cfb11eb072p-3, 0x1.862cc13b853e4p-1}},
    {{0x1.ap-216, 0x1.0de7729c1a59p-2, 0x1.790c46b1f2d38p-1},
     {0x1.1bbcb442db25cp-1, 0x1.c886977a49b47p-2, 0x1p-832}},
    {{0x1.b879c7f1c28adp-2, 0x1.cp-748, 0x1.23c31c071ebaap-1},
     {0x1.a7e01dd04366ap-1, 0x1.607f88bef2657p-3, 0x0.00000004p-1022}},
    {{0x1.8p-718, 0x1.4f318dd4c9475p-1, 0x1.619ce4566d716p-2},
     {0x1.81434fc802aa6p-11, 0x1p-894, 0x1.ff9faf2c0dff5p-1}},
    {{0x1p-431, 0x1.823efe87496d3p-2, 0x1.3ee080bc5b496p-1},
     {0x1.5f458ed040c06p-2, 0x1.505d3897df9fdp-1, 0x1p-910}},
    {{0x1.8p-422, 0x1.570976ba298dp-2, 0x1.547b44a2eb398p-1},
     {0x1.ffd86f3a47cap-6, 0x1.f0013c862dc1bp-1, 0x1p-908}},
    {{0x1.6p-350, 0x1.3b73d24f5e02dp-1, 0x1.89185b6143fa6p-2},
     {0x1.ce893588dddf8p-3, 0x1p-1022, 0x1.8c5db29dc8882p-1}},
    {{0x1p-775, 0x1.062ce053b3e52p-1, 0x1.f3a63f589835cp-2},
     {0x1.a40675495c4ccp-2, 0x1.2dfcc55b51d9ap-1, 0x1p-935}},
    {{0x1.b3866942492fbp-2, 0x1.2p-921, 0x1.263ccb5edb682p-1},
     {0x1.edbdb2b4a3ep-9, 0x1.fe12424d4b5c2p-1, 0x1p-938}},
    {{0x1.cp-610, 0x1.0478c5ec6ea66p-1, 0x1.f70e742722b34p-2},
     {0x1.e9c0790a9d663p-1, 0x1p-1017, 0x1.63f86f56299dp-5}},
};

/// -sum p_i log q_i at 3000 bits.
struct reference {
  mpfr_t s;
  explicit reference(const pair3& c) {
    mpfr_t a;
    mpfr_init2(s, 3000);
    mpfr_init2(a, 3000);
    mpfr_set_zero(s, 1);
    for (std::size_t i = 0; i < 3; ++i) {
      if (c.p[i] == 0) continue;
      mpfr_set_d(a, c.q[i], MPFR_RNDN);
      mpfr_log(a, a, MPFR_RNDN);
      mpfr_mul_d(a, a, c.p[i], MPFR_RNDN);
      mpfr_sub(s, s, a, MPFR_RNDN);
    }
    mpfr_clear(a);
  }
  reference(const reference&) = delete;
  reference& operator=(const reference&) = delete;
  ~reference() { mpfr_clear(s); }
};

std::array<char, 200> show(const pair3& c) {
  std::array<char, 200> b{};
  std::snprintf(b.data(), b.size(), "p = (%a, %a, %a), q = (%a, %a, %a)", c.p[0], c.p[1], c.p[2],
                c.q[0], c.q[1], c.q[2]);
  return b;
}

} // namespace

TEST_CASE("the kernel's cross-entropy bound holds with tiny masses", "[oracle][kernel]") {
  for (const pair3& c : inputs) {
    INFO(show(c).data());
    const reference r(c);
    const gibbs::oracle::detail::certified::sum_result k =
        gibbs::oracle::detail::kernel::entropy(c.p, c.q);
    REQUIRE(k.ok);
    mpfr_t d;
    mpfr_init2(d, 3000);
    mpfr_sub_d(d, r.s, k.value.hi, MPFR_RNDN);
    mpfr_sub_d(d, d, k.value.lo, MPFR_RNDN); // exact at 3000 bits
    mpfr_abs(d, d, MPFR_RNDN);
    const bool within = mpfr_cmp_d(d, k.error) <= 0;
    INFO("|exact - value| = " << mpfr_get_d(d, MPFR_RNDU) << ", bound " << k.error);
    mpfr_clear(d);
    CHECK(within);
  }
}

TEST_CASE("oracle::cross_entropy encloses the exact value with tiny masses", "[oracle]") {
  for (const pair3& c : inputs) {
    INFO(show(c).data());
    const reference r(c);
    const gibbs::oracle::result o =
        gibbs::oracle::cross_entropy(std::span<const double>(c.p), std::span<const double>(c.q));
    INFO("oracle " << o.value << " [" << o.lo << ", " << o.hi << "]");
    CHECK(mpfr_cmp_d(r.s, o.lo) >= 0);
    CHECK(mpfr_cmp_d(r.s, o.hi) <= 0);
    CHECK(mpfr_get_d(r.s, MPFR_RNDN) == o.value);
  }
}
