// tests/support/omvarld_cli.h
//
// The built omvarld binary, run as a coordinator would from a shell: where
// it is, running it with or without a configuration file and capturing what
// it printed, and OmvarldCli, one configuration file's commands with JSON
// answers. The one way every binary-driven suite reaches omvarld.
// Header-only; needs OMVARLD_BINARY_DIR and nlohmann/json.

#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace omvarld::testing {

// The omvarld binary of this build, for run_process and ChildProcess.
inline std::string omvarld_binary() { return std::string(OMVARLD_BINARY_DIR) + "/cli/omvarld"; }

// Runs omvarld with `args` and waits for it; its stdout and stderr go
// through files in `scratch` (which must exist), as run_process says.
inline ProcessResult run_omvarld(const std::vector<std::string>& args,
                                 const std::filesystem::path& scratch) {
  return run_process(omvarld_binary(), args, scratch);
}

// Runs omvarld with `--config config`, then `args`.
inline ProcessResult run_omvarld(const std::filesystem::path& config, std::vector<std::string> args,
                                 const std::filesystem::path& scratch) {
  args.insert(args.begin(), {"--config", config.string()});
  return run_omvarld(args, scratch);
}

// One configuration file's commands, each run in a scratch directory of
// its own.
class OmvarldCli {
 public:
  explicit OmvarldCli(std::filesystem::path config) : config_(std::move(config)) {}

  ProcessResult run(std::vector<std::string> args) const {
    return run_omvarld(config_, std::move(args), scratch_.path());
  }

  // A command that must succeed and print JSON; a failure is reported and
  // gives a discarded value.
  nlohmann::json run_json(const std::vector<std::string>& args) const {
    const ProcessResult result = run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    nlohmann::json json = nlohmann::json::parse(result.out, nullptr, false);
    EXPECT_FALSE(json.is_discarded()) << result.out;
    return json;
  }

  // One source's entry of `status --json`.
  nlohmann::json source_status(std::string_view source_id) const {
    const nlohmann::json status = run_json({"status", "--json"});
    if (status.contains("sources")) {
      for (const nlohmann::json& source : status["sources"]) {
        if (source["id"] == source_id) return source;
      }
    }
    ADD_FAILURE() << "no status for " << source_id;
    return {};
  }

 private:
  std::filesystem::path config_;
  TempDir scratch_;
};

}  // namespace omvarld::testing
