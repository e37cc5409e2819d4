// `omvarld backup FILE`: an online copy of the database.

#include <spdlog/spdlog.h>

#include "app/runtime.h"
#include "cli/commands.h"
#include "core/translate.h"
#include "storage/item_store.h"

namespace omvarld::cli {

int backup_database(const std::filesystem::path& config_path, const std::filesystem::path& target) {
  // Only the configuration and the store: a backup needs no filters.
  auto config = app::load_checked_config(config_path);
  if (!config) return config.error();
  auto store = storage::ItemStore::open(config->daemon.database);
  if (!store) {
    spdlog::error("{}", store.error().message);
    return app::kExitRuntime;
  }
  if (auto backed_up = store->backup_to(target.string()); !backed_up) {
    spdlog::error("{}", backed_up.error().message);
    return app::kExitRuntime;
  }
  spdlog::info("{}", core::trf("backup: copied {0} to {1}", {config->daemon.database, target.string()}));
  return app::kExitOk;
}

}  // namespace omvarld::cli
