// tests/support/omvarld_cli.h
//
// The built omvarld binary run against one configuration file, as a
// coordinator would from a shell: for end-to-end tests of a source kind.
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

class OmvarldCli {
 public:
  explicit OmvarldCli(std::filesystem::path config) : config_(std::move(config)) {}

  ProcessResult run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--config", config_.string()});
    return run_process(std::string(OMVARLD_BINARY_DIR) + "/cli/omvarld", args,
                       scratch_.path());
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
