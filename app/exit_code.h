// app/exit_code.h
//
// The exit statuses of the command-line contract (docs/reference.md, "Exit status").

#pragma once

namespace omvarld::app {

enum ExitCode : int {
  kExitOk = 0,
  kExitNothing = 1,  // nothing matched / nothing to do, where a command says so
  kExitUsage = 2,    // usage or configuration error
  kExitRuntime = 3,  // runtime failure
};

}  // namespace omvarld::app
