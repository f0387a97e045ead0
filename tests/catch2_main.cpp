// The one translation unit that holds Catch2's main, so every test file compiles fast.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
