// `omvarld check-config`: every problem in every file, then a verdict.

#include <iostream>

#include "daemon/commands.h"
#include "daemon/runtime.h"

namespace omvarld::daemon {

int check_config(const std::filesystem::path& config_path) {
  auto config = load_checked_config(config_path);
  if (!config) return config.error();
  std::cout << "configuration OK: " << config->files.size() << " file"
            << (config->files.size() == 1 ? "" : "s") << ", " << config->sources.size()
            << " sources, " << config->topics.size() << " topics, " << config->namnder.size()
            << " nämnder\n";
  for (const auto& file : config->files) std::cout << "  " << file.string() << "\n";
  return kExitOk;
}

}  // namespace omvarld::daemon
