#include "app/source_health.h"

namespace omvarld::app {

std::string source_name(const config::Config& config, const core::SourceId& id) {
  const config::SourceConfig* source = config.find_source(id);
  return source && !source->name.empty() ? source->name + " (" + id + ")" : id;
}

SourceHealth source_health(const config::Config& config,
                           const std::vector<storage::SourceStatus>& statuses,
                           core::TimePoint now) {
  SourceHealth health;
  for (const storage::SourceStatus& status : statuses) {
    if (!config.find_source(status.source.id)) continue;
    const std::string name = source_name(config, status.source.id);
    if (status.error_streak > 0) {
      health.failing.push_back({name, status.last_error, status.error_streak,
                                status.failing_since, status.source.id});
      continue;
    }
    const bool never = !status.last_new_item && status.last_success;
    if (never || (status.last_new_item && *status.last_new_item < now - config.daemon.silent_after)) {
      health.silent.push_back({name, status.last_new_item});
    }
  }
  return health;
}

std::vector<MovedSource> moved_sources(const config::Config& config,
                                       const std::vector<storage::SourceFetchState>& states) {
  std::vector<MovedSource> moved;
  for (const storage::SourceFetchState& state : states) {
    if (!config.find_source(state.id) || !state.is_moved()) continue;
    moved.push_back({state.id, source_name(config, state.id), state.url, state.moved_to});
  }
  return moved;
}

}  // namespace omvarld::app
