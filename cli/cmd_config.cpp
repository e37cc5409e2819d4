// `omvarld check-config`: every problem in every file, then a verdict.

#include <iostream>

#include <spdlog/spdlog.h>

#include "app/exit_code.h"
#include "cli/commands.h"
#include "config/config.h"

namespace omvarld::cli {

int check_config(const std::filesystem::path& config_path) {
  const config::ConfigReport report = config::check_config(config_path);
  for (const Error& warning : report.warnings) spdlog::warn("{}", to_string(warning));
  for (const Error& error : report.errors) spdlog::error("{}", to_string(error));
  const auto plural = [](size_t count) { return count == 1 ? "" : "s"; };
  if (!report.config) {
    spdlog::error("{}: {} configuration error{}", config_path.string(), report.errors.size(),
                  plural(report.errors.size()));
    return app::kExitUsage;
  }
  // Warnings leave the exit status 0 (docs/reference.md, check-config).
  const config::Config& config = *report.config;
  std::cout << "configuration OK: " << config.files.size() << " file" << plural(config.files.size())
            << ", " << config.sources.size() << " sources, " << config.topics.size()
            << " topics, " << config.namnder.size() << " nämnder";
  if (!report.warnings.empty()) {
    std::cout << "; " << report.warnings.size() << " warning" << plural(report.warnings.size())
              << " above";
  }
  std::cout << "\n";
  for (const auto& file : config.files) std::cout << "  " << file.string() << "\n";
  return app::kExitOk;
}

}  // namespace omvarld::cli
