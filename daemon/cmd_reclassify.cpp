// `omvarld reclassify --since 30d`: the current filters applied to stored
// items after a change. New matches join each nämnd's next digest; matches
// that no longer hold are dropped unless a digest delivered them; nothing
// delivered is sent again (the digest_items key sees to that).

#include <iostream>
#include <vector>

#include <spdlog/spdlog.h>

#include "daemon/commands.h"
#include "daemon/runtime.h"
#include "daemon/stored_classification.h"
#include "daemon/time_format.h"

namespace omvarld::daemon {

int reclassify(const std::filesystem::path& config_path, const std::string& since_age) {
  auto runtime = open_runtime(config_path);
  if (!runtime) return runtime.error();
  auto since = since_option(since_age, core::SystemClock());
  if (!since) return since.error();
  auto verdicts = classify_stored((*runtime)->store, (*runtime)->matcher(), *since);
  if (!verdicts) {
    spdlog::error("{}", verdicts.error().message);
    return kExitRuntime;
  }

  std::vector<storage::Reclassification> replacements;
  replacements.reserve(verdicts->size());
  for (Verdict& verdict : *verdicts) {
    replacements.push_back({verdict.stored.id, std::move(verdict.current_matches)});
  }
  auto changes = (*runtime)->store.replace_matches(replacements);
  if (!changes) {
    spdlog::error("{}", changes.error().message);
    return kExitRuntime;
  }
  spdlog::info("reclassified {} items first seen since {}", replacements.size(), rfc3339(*since));
  std::cout << replacements.size() << " items since " << rfc3339(*since) << ": " << changes->added
            << " new matches (they join the next digests), " << changes->updated << " updated, "
            << changes->removed << " removed, " << changes->kept_delivered
            << " no longer matching but already delivered (kept)\n";
  return changes->added + changes->updated + changes->removed > 0 ? kExitOk : kExitNothing;
}

}  // namespace omvarld::daemon
