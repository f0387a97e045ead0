// tools/conform/main.cpp: the standalone gibbs-conform program (the same as `gibbs conform`).
#include "conform_main.hpp"

int main(int argc, char** argv) {
  return gibbs_conform_main(argc, argv);
}
