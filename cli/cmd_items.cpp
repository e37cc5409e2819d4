// `omvarld items` and `omvarld status`: what the database holds.

#include <iostream>
#include <map>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "app/delivery_status.h"
#include "app/digest_run.h"
#include "app/runtime.h"
#include "app/time_format.h"
#include "cli/commands.h"
#include "cli/terminal_output.h"
#include "core/clock.h"
#include "core/display_link.h"
#include "core/translate.h"
#include "storage/item_queries.h"

namespace omvarld::cli {

namespace {

nlohmann::json item_json(const storage::StoredItem& stored,
                         const std::vector<core::Match>& matches) {
  nlohmann::json json = {{"id", stored.id},
                         {"source", stored.item.source},
                         {"key", stored.item.key},
                         {"title", stored.item.title},
                         {"link", stored.item.link},
                         {"first_seen", app::rfc3339(stored.first_seen)}};
  if (stored.item.published) json["published"] = app::rfc3339(*stored.item.published);
  if (stored.item.deadline) json["deadline"] = app::iso_day(*stored.item.deadline);
  json["matches"] = nlohmann::json::array();
  for (const core::Match& match : matches) {
    json["matches"].push_back({{"namnd", match.namnd}, {"terms", match.terms}});
  }
  return json;
}

// `items --search`: the hits, best first, readable on a terminal or as JSON.
int print_search(const storage::ItemQueries& store, const ItemsOptions& options,
                 std::optional<core::TimePoint> since) {
  storage::SearchQuery query;
  query.text = *options.search;
  query.namnd = options.namnd;
  query.since = since;
  query.limit = options.limit;
  auto hits = store.search(query);
  if (!hits) {
    spdlog::error("{}", hits.error().message);
    return hits.error().code == Errc::kInvalidQuery ? app::kExitUsage : app::kExitRuntime;
  }
  nlohmann::json all = nlohmann::json::array();
  for (const storage::SearchHit& hit : *hits) {
    const storage::StoredItem& stored = hit.stored;
    auto matches = store.matches_of(stored.id);
    if (!matches) {
      spdlog::error("{}", matches.error().message);
      return app::kExitRuntime;
    }
    if (options.json) {
      nlohmann::json json = item_json(stored, *matches);
      json["snippet"] = hit.snippet;
      all.push_back(std::move(json));
      continue;
    }
    std::cout << stored.item.title << "\n"
              << "  " << stored.item.source << "  "
              << app::rfc3339(stored.item.published.value_or(stored.first_seen)) << "  "
              << core::display_link(stored.item.link) << "\n";
    if (!hit.snippet.empty()) std::cout << "  " << hit.snippet << "\n";
    std::cout << "\n";
  }
  if (options.json) std::cout << json_for_terminal(all, 2) << "\n";
  return hits->empty() ? app::kExitNothing : app::kExitOk;
}

// The fetch state (storage/source_state.cpp) in a source's status entry.
void add_fetch_state(nlohmann::json& entry, const storage::SourceFetchState& state) {
  entry["fetch_url"] = state.fetch_url();
  entry["next_poll"] = state.is_disabled() ? "" : app::rfc3339_or_empty(state.next_attempt);
  entry["failure_kind"] = state.failure_kind;
  entry["last_unchanged"] = app::rfc3339_or_empty(state.last_unchanged);
  if (state.retry_after) entry["retry_after_seconds"] = state.retry_after->count();
  entry["disabled"] = state.is_disabled();
  if (state.is_disabled()) {
    entry["disabled_at"] = app::rfc3339(*state.disabled_at);
    entry["disabled_reason"] = state.disabled_reason;
  }
  if (!state.moved_to.empty() && state.moved_from == state.url) entry["moved_to"] = state.moved_to;
}

void print_fetch_state(const nlohmann::json& source) {
  if (!source.contains("disabled")) return;
  if (source["disabled"].get<bool>()) {
    std::cout << "    "
              << core::trf("DISABLED since {0}: {1}; not polled until its url changes in the config",
                           {source["disabled_at"].get<std::string>(),
                            source["disabled_reason"].get<std::string>()})
              << "\n";
  } else if (const std::string next = source["next_poll"].get<std::string>(); !next.empty()) {
    const long status = source["http_status"].get<long>();
    std::cout << "    " << (status ? "HTTP " + std::to_string(status) + ", " : "")
              << core::trf("next poll {0}", {next}) << "\n";
  }
  if (source.contains("moved_to")) {
    std::cout << "    "
              << core::trf("moved permanently to {0}; update the config",
                           {core::display_link(source["moved_to"].get<std::string>())})
              << "\n";
  }
}

}  // namespace

int list_items(const std::filesystem::path& config_path, const ItemsOptions& options) {
  auto runtime = app::open_runtime(config_path);
  if (!runtime) return runtime.error();
  storage::ItemQuery query;
  query.namnd = options.namnd;
  query.limit = options.limit;
  if (options.since) {
    auto since = app::since_option(*options.since, core::SystemClock());
    if (!since) return since.error();
    query.since = *since;
  }
  if (options.search) return print_search((*runtime)->store, options, query.since);
  auto items = (*runtime)->store.items(query);
  if (!items) {
    spdlog::error("{}", items.error().message);
    return app::kExitRuntime;
  }

  nlohmann::json all = nlohmann::json::array();
  for (const storage::StoredItem& stored : *items) {
    auto matches = (*runtime)->store.matches_of(stored.id);
    if (!matches) {
      spdlog::error("{}", matches.error().message);
      return app::kExitRuntime;
    }
    if (options.json) {
      all.push_back(item_json(stored, *matches));
      continue;
    }
    std::cout << app::rfc3339_or_empty(stored.item.published) << "  " << stored.item.source << "  "
              << stored.item.title << "\n";
    for (const core::Match& match : *matches) {
      std::cout << "    → " << match.namnd << " (varför: ";
      for (size_t i = 0; i < match.terms.size(); ++i) {
        std::cout << (i ? ", " : "") << match.terms[i];
      }
      std::cout << ")\n";
    }
  }
  if (options.json) std::cout << json_for_terminal(all, 2) << "\n";
  return items->empty() ? app::kExitNothing : app::kExitOk;
}

int show_status(const std::filesystem::path& config_path, bool json) {
  auto runtime = app::open_runtime(config_path);
  if (!runtime) return runtime.error();
  auto sources = (*runtime)->store.source_status();
  if (!sources) {
    spdlog::error("{}", sources.error().message);
    return app::kExitRuntime;
  }
  auto fetch_states = (*runtime)->store.fetch_states();
  if (!fetch_states) {
    spdlog::error("{}", fetch_states.error().message);
    return app::kExitRuntime;
  }
  std::map<core::SourceId, const storage::SourceFetchState*> state_of;
  for (const storage::SourceFetchState& state : *fetch_states) state_of[state.id] = &state;
  nlohmann::json out = {{"sources", nlohmann::json::array()}, {"namnder", nlohmann::json::array()}};
  for (const storage::SourceStatus& status : *sources) {
    nlohmann::json entry = {{"id", status.source.id},
                            {"url", status.source.url},
                            {"last_attempt", app::rfc3339_or_empty(status.last_attempt)},
                            {"last_success", app::rfc3339_or_empty(status.last_success)},
                            {"http_status", status.http_status},
                            {"error_streak", status.error_streak},
                            {"last_error", status.last_error},
                            {"items", status.item_count}};
    if (auto state = state_of.find(status.source.id); state != state_of.end()) {
      add_fetch_state(entry, *state->second);
    }
    out["sources"].push_back(std::move(entry));
  }
  const std::string& timezone = (*runtime)->config.daemon.timezone;
  const core::TimePoint now = core::SystemClock().now();
  for (const config::NamndConfig& namnd : (*runtime)->config.namnder) {
    auto delivery = app::delivery_status(namnd, (*runtime)->store, now, timezone);
    if (!delivery) {
      spdlog::error("{}: {}", namnd.id, delivery.error().message);
      return app::kExitRuntime;
    }
    nlohmann::json entry = {{"id", namnd.id},
                            {"schedule", core::to_string(namnd.schedule)},
                            {"last_digest", app::rfc3339_or_empty(delivery->last_digest)},
                            {"next_due", app::rfc3339_local(delivery->next_due, timezone)},
                            {"overdue", delivery->overdue},
                            {"failure_streak", 0}};
    if (const auto& failure = delivery->failure) {
      const bool permanent = failure->kind == storage::DeliveryFailureKind::kPermanent;
      entry["failure_streak"] = failure->streak;
      entry["failing_since"] = app::rfc3339(failure->first_failure);
      entry["last_error"] = failure->last_error;
      entry["failure_kind"] = permanent ? "permanent" : "temporary";
      // A permanent refusal made under another configuration is tried at once.
      const bool waits =
          app::waits_for_retry(*failure, app::delivery_fingerprint((*runtime)->config, namnd), now);
      entry["next_retry"] = app::rfc3339_local(waits ? failure->next_attempt : now, timezone);
    }
    out["namnder"].push_back(std::move(entry));
  }
  if (json) {
    std::cout << json_for_terminal(out, 2) << "\n";
    return app::kExitOk;
  }
  const auto or_never = [](const std::string& time) {
    return time.empty() ? std::string(core::tr("never")) : time;
  };
  std::cout << core::tr("Sources:") << "\n";
  for (const auto& source : out["sources"]) {
    const int streak = source["error_streak"].get<int>();
    std::cout << "  " << source["id"].get<std::string>() << "  "
              << (streak ? core::trf("FAILING x{0}: {1}", {std::to_string(streak),
                                                           source["last_error"].get<std::string>()})
                         : "ok")
              << "  "
              << core::trf("last success {0}, {1} items",
                           {or_never(source["last_success"].get<std::string>()),
                            std::to_string(source["items"].get<std::int64_t>())})
              << "\n";
    print_fetch_state(source);
  }
  std::cout << core::tr("Nämnder:") << "\n";
  for (const auto& namnd : out["namnder"]) {
    std::cout << "  " << namnd["id"].get<std::string>() << "  " << namnd["schedule"].get<std::string>()
              << "  "
              << core::trf("last digest {0}, next due {1}",
                           {or_never(namnd["last_digest"].get<std::string>()),
                            namnd["next_due"].get<std::string>()})
              << (namnd["overdue"].get<bool>() ? core::tr(" (overdue: goes out at the next send)") : "")
              << "\n";
    if (const int streak = namnd["failure_streak"].get<int>(); streak > 0) {
      const bool permanent = namnd["failure_kind"] == "permanent";
      const std::string count = std::to_string(streak);
      const std::string since = namnd["failing_since"].get<std::string>();
      const std::string error = namnd["last_error"].get<std::string>();
      const std::string retry = namnd["next_retry"].get<std::string>();
      std::cout << "    "
                << (permanent ? core::trf("REFUSED x{0} since {1}: permanent refusal: {2}; next retry "
                                          "{3} (the next slot, or at once when the configuration "
                                          "changes)",
                                          {count, since, error, retry})
                              : core::trf("FAILING x{0} since {1}: {2}; next retry {3}",
                                          {count, since, error, retry}))
                << "\n";
    }
  }
  return app::kExitOk;
}

}  // namespace omvarld::cli
