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
#include "core/translate.h"

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
  std::cout << core::trf("{0} items since {1}: {2} new matches (they join the next digests), {3} "
                         "updated, {4} removed, {5} no longer matching but already delivered (kept)",
                         {std::to_string(replacements.size()), app::rfc3339(*since),
                          std::to_string(changes->added), std::to_string(changes->updated),
                          std::to_string(changes->removed), std::to_string(changes->kept_delivered)})
            << "\n";
  return changes->added + changes->updated + changes->removed > 0 ? app::kExitOk : app::kExitNothing;
}

}  // namespace omvarld::cli
