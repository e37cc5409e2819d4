#include "app/runtime.h"

#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
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

// The dictionaries and what the stem cache must match for them, taken
// just before they were read: should the files change while the process
// runs, its answers are not kept as the new files'.
struct LoadedDictionaries {
  std::shared_ptr<const filters::Lemmatizer> lemmatizer;
  std::string identity;
};

const LoadedDictionaries& loaded_dictionaries() {
  // Loaded once per process: the dictionaries take a fifth of a second, and
  // the lemmatizer caches what it has looked up. Never destroyed: freeing
  // hunspell's many small allocations at exit took 50-70 ms of a 1.6 s
  // `poll --once`, for memory the process gives back as it ends anyway
  // (the daemon frees the dictionaries between polls: rest_between_tasks).
  static const LoadedDictionaries& loaded = *new LoadedDictionaries([] {
    std::string identity = dictionary_identity(filters::dictionary_files());
    auto lemmatizer = filters::load_hunspell_lemmatizer();
    if (lemmatizer) return LoadedDictionaries{*lemmatizer, std::move(identity)};
    spdlog::warn("{}; terms match only the word as written, not its inflections",
                 lemmatizer.error().message);
    return LoadedDictionaries{};
  }());
  return loaded;
}

// A database in memory or named by URI has no folder of its own for the
// stem cache (as for app/crash_quarantine.h).
bool has_state_folder(const std::string& database) {
  return !database.empty() && database != ":memory:" && !database.starts_with("file:");
}

// True unless the database exists and belongs to another user, or cannot be
// looked at: a file that `digest send` run as root wrote next to it would
// be root's, and the daemon could not replace it.
bool owns_database(const std::string& database) {
  struct stat status {};
  if (::stat(database.c_str(), &status) != 0) return errno == ENOENT;
  return status.st_uid == ::geteuid();
}

std::set<std::string> words_of(const filters::Lemmatizer::Answers& answers) {
  std::set<std::string> words;
  for (const auto& answer : answers) words.insert(answer.first);
  return words;
}

}  // namespace

std::shared_ptr<const filters::Lemmatizer> dictionaries() { return loaded_dictionaries().lemmatizer; }

void rest_between_tasks() {
  if (const auto& lemmatizer = loaded_dictionaries().lemmatizer) lemmatizer->unload();
  ::malloc_trim(0);
}

Result<filters::Matcher, ExitCode> compile_matcher(const config::Config& config) {
  const LoadedDictionaries& loaded = loaded_dictionaries();
  if (!loaded.lemmatizer || !has_state_folder(config.daemon.database)) {
    return compile_with(config, loaded.lemmatizer);
  }
  // The dictionaries' answers of an earlier process (app/stem_cache.h):
  // learned once per process and file, written back when this compile
  // asked about a word the file does not have. `kept`: the words of each
  // file as read or last written.
  static std::mutex cache_mutex;
  static std::map<std::filesystem::path, std::set<std::string>> kept;
  const std::filesystem::path cache = stem_cache_path(config.daemon.database);
  const std::lock_guard lock(cache_mutex);
  if (!kept.contains(cache)) kept[cache] = words_of(load_stem_cache(*loaded.lemmatizer, cache, loaded.identity));
  auto compiled = compile_with(config, loaded.lemmatizer);
  if (!compiled) return compiled;
  filters::Lemmatizer::Answers answers = compiled_answers(*compiled, *loaded.lemmatizer);
  const std::set<std::string>& in_file = kept[cache];
  const bool asked_anew = std::any_of(answers.begin(), answers.end(),
                                      [&](const auto& answer) { return !in_file.contains(answer.first); });
  if (asked_anew && owns_database(config.daemon.database) &&
      dictionary_identity(filters::dictionary_files()) == loaded.identity) {
    if (auto saved = save_stem_cache(answers, cache, loaded.identity); saved) {
      kept[cache] = words_of(answers);
    } else {
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

void checkpoint_in_background(storage::ItemStore& store) {
  if (auto started = store.checkpoint_in_background(); !started) {
    spdlog::warn("{}; the commits copy the write-ahead log themselves", started.error().message);
  }
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
