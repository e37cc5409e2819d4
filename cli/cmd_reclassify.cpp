// `omvarld reclassify --since 30d`: the current filters applied to stored
// items after a change. New matches join each nämnd's next digest; matches
// that no longer hold are dropped unless a digest delivered them; nothing
// delivered is sent again (the digest_items key sees to that).

#include <iostream>
#include <vector>

#include <spdlog/spdlog.h>

#include "app/runtime.h"
#include "app/stored_classification.h"
#include "app/time_format.h"
#include "cli/commands.h"

namespace omvarld::cli {

int reclassify(const std::filesystem::path& config_path, const std::string& since_age) {
  auto runtime = app::open_runtime(config_path);
  if (!runtime) return runtime.error();
  auto since = app::since_option(since_age, core::SystemClock());
  if (!since) return since.error();
  auto verdicts = app::classify_stored((*runtime)->store, (*runtime)->matcher(), *since);
  if (!verdicts) {
    spdlog::error("{}", verdicts.error().message);
    return app::kExitRuntime;
  }

  std::vector<storage::Reclassification> replacements;
  replacements.reserve(verdicts->size());
  for (app::Verdict& verdict : *verdicts) {
    replacements.push_back({verdict.stored.id, std::move(verdict.current_matches)});
  }
  auto changes = (*runtime)->store.replace_matches(replacements);
  if (!changes) {
    spdlog::error("{}", changes.error().message);
    return app::kExitRuntime;
  }
  spdlog::info("reclassified {} items first seen since {}", replacements.size(), app::rfc3339(*since));
  std::cout << replacements.size() << " items since " << app::rfc3339(*since) << ": " << changes->added
            << " new matches (they join the next digests), " << changes->updated << " updated, "
            << changes->removed << " removed, " << changes->kept_delivered
            << " no longer matching but already delivered (kept)\n";
  return changes->added + changes->updated + changes->removed > 0 ? app::kExitOk : app::kExitNothing;
}

}  // namespace omvarld::cli
