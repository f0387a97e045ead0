// tools/conform/conform_main.hpp: the entry point of `gibbs conform`, for the gibbs program to
// dispatch to (argv[0] is the subcommand's name, argv[1..] its options).
#ifndef GIBBS_TOOLS_CONFORM_CONFORM_MAIN_HPP
#define GIBBS_TOOLS_CONFORM_CONFORM_MAIN_HPP

/// Runs `gibbs conform` with the given arguments; returns the exit status (0 pass, 1 fail,
/// 2 usage error).
int gibbs_conform_main(int argc, char** argv);

#endif // GIBBS_TOOLS_CONFORM_CONFORM_MAIN_HPP
