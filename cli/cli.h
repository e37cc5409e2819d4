// cli/cli.h
//
// The command line of `omvarld` (docs/reference.md, "Command line"): parses argv,
// runs the chosen subcommand and returns its exit code.

#pragma once

namespace omvarld::cli {

int run_cli(int argc, char** argv);

}  // namespace omvarld::cli
