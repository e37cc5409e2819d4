// `omvarld check-config`: every problem in every file, then a verdict.

#include <iostream>

#include <spdlog/spdlog.h>

#include "app/runtime.h"
#include "cli/commands.h"
#include "config/password_file.h"

namespace omvarld::cli {

int check_config(const std::filesystem::path& config_path) {
  auto config = app::load_checked_config(config_path);
  if (!config) return config.error();
  // The files the configuration names are checked here only: other
  // commands do not need them, and a systemd credential exists only inside
  // the service.
  const config::PasswordFileFindings findings = config::check_password_files(*config);
  for (const Error& warning : findings.warnings) spdlog::warn("{}", to_string(warning));
  for (const Error& error : findings.errors) spdlog::error("{}", to_string(error));
  if (!findings.errors.empty()) {
    spdlog::error("{}: {} configuration error{}", config_path.string(), findings.errors.size(),
                  findings.errors.size() == 1 ? "" : "s");
    return app::kExitUsage;
  }
  std::cout << "configuration OK: " << config->files.size() << " file"
            << (config->files.size() == 1 ? "" : "s") << ", " << config->sources.size()
            << " sources, " << config->topics.size() << " topics, " << config->namnder.size()
            << " nämnder\n";
  for (const auto& file : config->files) std::cout << "  " << file.string() << "\n";
  return app::kExitOk;
}

}  // namespace omvarld::cli
