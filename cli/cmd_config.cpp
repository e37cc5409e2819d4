// `omvarld check-config`: every problem in every file, then a verdict.

#include <iostream>

#include <spdlog/spdlog.h>

#include "app/exit_code.h"
#include "cli/commands.h"
#include "config/config.h"
#include "core/translate.h"

namespace omvarld::cli {

int check_config(const std::filesystem::path& config_path) {
  const config::ConfigReport report = config::check_config(config_path);
  for (const Error& warning : report.warnings) spdlog::warn("{}", to_string(warning));
  for (const Error& error : report.errors) spdlog::error("{}", to_string(error));
  if (!report.config) {
    const std::size_t errors = report.errors.size();
    spdlog::error("{}: {}", config_path.string(),
                  errors == 1 ? std::string(core::tr("1 configuration error"))
                              : core::trf("{0} configuration errors", {std::to_string(errors)}));
    return app::kExitUsage;
  }
  // Warnings leave the exit status 0 (docs/reference.md, check-config).
  const config::Config& config = *report.config;
  const auto count = [](std::size_t n) { return std::to_string(n); };
  std::cout << (config.files.size() == 1
                    ? core::trf("configuration OK: 1 file, {0} sources, {1} topics, {2} nämnder",
                                {count(config.sources.size()), count(config.topics.size()),
                                 count(config.namnder.size())})
                    : core::trf("configuration OK: {0} files, {1} sources, {2} topics, {3} nämnder",
                                {count(config.files.size()), count(config.sources.size()),
                                 count(config.topics.size()), count(config.namnder.size())}));
  if (report.warnings.size() == 1) {
    std::cout << core::tr("; 1 warning above");
  } else if (!report.warnings.empty()) {
    std::cout << core::trf("; {0} warnings above", {count(report.warnings.size())});
  }
  std::cout << "\n";
  for (const auto& file : config.files) std::cout << "  " << file.string() << "\n";
  return app::kExitOk;
}

}  // namespace omvarld::cli
