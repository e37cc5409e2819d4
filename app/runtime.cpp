#include "app/runtime.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <set>
#include <utility>

#include <spdlog/spdlog.h>

#include "app/stem_cache.h"
#include "core/duration.h"
#include "core/translate.h"
#include "filters/hunspell_lemmatizer.h"

namespace omvarld::app {

namespace {

void log_errors(const std::vector<Error>& errors) {
  for (const Error& error : errors) spdlog::error("{}", to_string(error));
}

// True unless the database exists and belongs to another user: a file
// that `digest send` run as root wrote next to it would be root's, and
// the daemon could not replace it.
bool owns_database(const std::string& database) {
  struct stat status {};
  return ::stat(database.c_str(), &status) != 0 || status.st_uid == ::geteuid();
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

void log_config_warnings(const std::filesystem::path& config_path) {
  for (const Error& warning : config::check_config(config_path).warnings) {
    spdlog::warn("{}", to_string(warning));
  }
}

namespace {

Result<filters::Matcher, ExitCode> compile_with(
    const config::Config& config, std::shared_ptr<const filters::Lemmatizer> lemmatizer) {
  auto matcher = filters::Matcher::compile(config::topic_specs(config), config::filter_specs(config),
                                           std::move(lemmatizer));
  if (!matcher) {
    log_errors(matcher.error());
    return unexpected<ExitCode>(kExitUsage);
  }
  spdlog::debug("filters: {} distinct terms compiled", matcher->term_count());
  return std::move(*matcher);
}

}  // namespace

std::shared_ptr<const filters::Lemmatizer> dictionaries() {
  // Loaded once per process: the dictionaries take a fifth of a second, and
  // the lemmatizer caches what it has looked up.
  static const std::shared_ptr<const filters::Lemmatizer> loaded = [] {
    auto lemmatizer = filters::load_hunspell_lemmatizer();
    if (lemmatizer) return *lemmatizer;
    spdlog::warn("{}; terms match only the word as written, not its inflections",
                 lemmatizer.error().message);
    return std::shared_ptr<const filters::Lemmatizer>();
  }();
  return loaded;
}

Result<filters::Matcher, ExitCode> compile_matcher(const config::Config& config) {
  const std::shared_ptr<const filters::Lemmatizer> lemmatizer = dictionaries();
  if (!lemmatizer) return compile_with(config, nullptr);
  // The dictionaries' answers of an earlier process (app/stem_cache.h):
  // learned once per process and cache file, written back when this
  // compile asked the dictionaries something new.
  static std::mutex cache_mutex;
  static std::set<std::filesystem::path> learned_from;
  const std::filesystem::path cache = stem_cache_path(config.daemon.database);
  const std::string identity = dictionary_identity(filters::dictionary_files());
  const std::lock_guard lock(cache_mutex);
  if (learned_from.insert(cache).second) load_stem_cache(*lemmatizer, cache, identity);
  const std::size_t known = lemmatizer->answers().size();
  auto compiled = compile_with(config, lemmatizer);
  if (compiled && lemmatizer->answers().size() != known && owns_database(config.daemon.database)) {
    if (auto saved = save_stem_cache(*lemmatizer, cache, identity); !saved) {
      spdlog::warn("the dictionaries' answers are not kept for the next start: {}", saved.error().message);
    }
  }
  return compiled;
}

Runtime::Runtime(config::Config checked_config, storage::ItemStore opened_store)
    : config(std::move(checked_config)), store(std::move(opened_store)) {}

const filters::Matcher& Runtime::matcher() {
  if (!matcher_) {
    auto compiled = compile_matcher(config);
    // load_config checked these filters (filters::Matcher::check), so this
    // cannot fail on the filters themselves; should it anyway, the
    // words-as-written matcher is the safe answer.
    if (!compiled) compiled = compile_with(config, nullptr);
    matcher_.emplace(std::move(*compiled));
  }
  return *matcher_;
}

void Runtime::replace_config(config::Config checked_config, filters::Matcher compiled) {
  config = std::move(checked_config);
  matcher_.emplace(std::move(compiled));
}

Result<core::TimePoint, ExitCode> since_option(const std::string& age, const core::Clock& clock) {
  const auto duration = core::parse_duration(age);
  if (!duration) {
    spdlog::error("{}", core::trf("--since: expected a duration such as \"30d\", got \"{0}\"", {age}));
    return unexpected<ExitCode>(kExitUsage);
  }
  return clock.now() - *duration;
}

Result<void> sync_configured_sources(const config::Config& config, storage::SourcePolls& store) {
  std::vector<storage::SourceRecord> sources;
  for (const config::SourceConfig& source : config.sources) {
    sources.push_back({source.id, source.name, source.url});
  }
  return store.sync_sources(sources);
}

Result<std::unique_ptr<Runtime>, ExitCode> open_runtime(const std::filesystem::path& config_path) {
  // The filters' own mistakes (a bad query, an unknown topic) are config
  // errors that load_config reports (filters::Matcher::check); the filters
  // are compiled, with the dictionaries, when something is classified.
  auto config = load_checked_config(config_path);
  if (!config) return unexpected<ExitCode>(config.error());

  auto store = storage::ItemStore::open(config->daemon.database);
  if (!store) {
    spdlog::error("{}", store.error().message);
    return unexpected<ExitCode>(kExitRuntime);
  }
  if (auto synced = sync_configured_sources(*config, *store); !synced) {
    spdlog::error("{}", synced.error().message);
    return unexpected<ExitCode>(kExitRuntime);
  }
  return std::make_unique<Runtime>(std::move(*config), std::move(*store));
}

}  // namespace omvarld::app
