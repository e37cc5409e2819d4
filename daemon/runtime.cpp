#include "daemon/runtime.h"

#include <utility>

#include <spdlog/spdlog.h>

namespace omvarld::daemon {

namespace {

void log_errors(const std::vector<Error>& errors) {
  for (const Error& error : errors) spdlog::error("{}", to_string(error));
}

}  // namespace

Result<config::Config, ExitCode> load_checked_config(const std::filesystem::path& config_path) {
  auto config = config::load_config(config_path);
  if (!config) {
    log_errors(config.error());
    spdlog::error("{}: {} configuration error{}; nothing done", config_path.string(),
                  config.error().size(), config.error().size() == 1 ? "" : "s");
    return unexpected<ExitCode>(kExitUsage);
  }
  return std::move(*config);
}

Result<std::unique_ptr<Runtime>, ExitCode> open_runtime(const std::filesystem::path& config_path) {
  auto config = load_checked_config(config_path);
  if (!config) return unexpected<ExitCode>(config.error());

  const auto topics = config::topic_specs(*config);
  const auto namnder = config::filter_specs(*config);
  auto matcher = filters::Matcher::compile(topics, namnder);
  if (!matcher) {
    log_errors(matcher.error());
    return unexpected<ExitCode>(kExitUsage);
  }

  auto store = storage::ItemStore::open(config->daemon.database);
  if (!store) {
    spdlog::error("{}", store.error().message);
    return unexpected<ExitCode>(kExitRuntime);
  }
  std::vector<storage::SourceRecord> sources;
  for (const config::SourceConfig& source : config->sources) {
    sources.push_back({source.id, source.name, source.url});
  }
  if (auto synced = store->sync_sources(sources); !synced) {
    spdlog::error("{}", synced.error().message);
    return unexpected<ExitCode>(kExitRuntime);
  }
  return std::make_unique<Runtime>(
      Runtime{std::move(*config), std::move(*matcher), std::move(*store)});
}

}  // namespace omvarld::daemon
