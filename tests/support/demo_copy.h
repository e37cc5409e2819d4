// tests/support/demo_copy.h
//
// A fresh copy of the bundled demo (examples/) in a temporary directory, for
// end-to-end tests that run the omvarld binary on it: no database or outbox
// left over from a run in the source tree, and the copy may be edited. The
// test target must define OMVARLD_SOURCE_DIR and OMVARLD_BINARY_DIR.

#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace omvarld::testing {

class DemoCopy {
 public:
  DemoCopy() {
    std::filesystem::copy(std::filesystem::path(OMVARLD_SOURCE_DIR) / "examples", dir_,
                          std::filesystem::copy_options::recursive);
    for (const char* leftover : {"demo.db", "demo.db-wal", "demo.db-shm", "outbox"}) {
      std::filesystem::remove_all(dir_ / leftover);
    }
  }

  // The copy: omvarld.toml, conf.d/, feeds/, and what runs write there.
  const std::filesystem::path& dir() const { return dir_; }

  // Beside the copy, for the runs' output and a test's own files.
  const std::filesystem::path& scratch() const { return temp_.path(); }

  // Runs omvarld with --config of the copy, then `args`.
  ProcessResult run(std::vector<std::string> args) const {
    return run_omvarld(dir_ / "omvarld.toml", std::move(args), temp_.path());
  }

 private:
  TempDir temp_;
  std::filesystem::path dir_ = temp_.path() / "demo";
};

}  // namespace omvarld::testing
