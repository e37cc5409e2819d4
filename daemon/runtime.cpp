#include "daemon/runtime.h"

#include <utility>

#include <spdlog/spdlog.h>

#include "core/duration.h"
#include "filters/hunspell_lemmatizer.h"

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

Result<filters::Matcher, ExitCode> compile_matcher(const config::Config& config) {
  // Loaded once per process: the dictionaries take a tenth of a second, and
  // the lemmatizer caches what it has looked up.
  static const auto lemmatizer = filters::load_hunspell_lemmatizer();
  if (!lemmatizer) {
    spdlog::warn("{}; terms match only the word as written, not its inflections",
                 lemmatizer.error().message);
  }
  auto matcher = filters::Matcher::compile(config::topic_specs(config), config::filter_specs(config),
                                           lemmatizer ? *lemmatizer : nullptr);
  if (!matcher) {
    log_errors(matcher.error());
    return unexpected<ExitCode>(kExitUsage);
  }
  spdlog::debug("filters: {} distinct terms compiled", matcher->term_count());
  return std::move(*matcher);
}

Result<core::TimePoint, ExitCode> since_option(const std::string& age, const core::Clock& clock) {
  const auto duration = core::parse_duration(age);
  if (!duration) {
    spdlog::error("--since: expected a duration such as \"30d\", got \"{}\"", age);
    return unexpected<ExitCode>(kExitUsage);
  }
  return clock.now() - *duration;
}

Result<std::unique_ptr<Runtime>, ExitCode> open_runtime(const std::filesystem::path& config_path) {
  auto config = load_checked_config(config_path);
  if (!config) return unexpected<ExitCode>(config.error());

  auto matcher = compile_matcher(*config);
  if (!matcher) return unexpected<ExitCode>(matcher.error());

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
