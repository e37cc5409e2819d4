// `omvarld items` and `omvarld status`: what the database holds.

#include <algorithm>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "app/delivery_status.h"
#include "app/digest_run.h"
#include "app/item_search.h"
#include "app/runtime.h"
#include "app/time_format.h"
#include "cli/commands.h"
#include "cli/namnd_option.h"
#include "cli/terminal_output.h"
#include "core/clock.h"
#include "core/display_link.h"
#include "core/translate.h"
#include "storage/item_queries.h"

namespace omvarld::cli {

namespace {

// When each nämnd the item concerns was sent it, by nämnd id.
using SentAt = std::map<core::NamndId, core::TimePoint>;

Result<SentAt> sent_at(const storage::ItemQueries& store, std::int64_t item_id) {
  auto deliveries = store.deliveries_of(item_id);
  if (!deliveries) return unexpected<Error>(deliveries.error());
  SentAt sent;
  for (const storage::ItemDelivery& delivery : *deliveries) {
    sent.emplace(delivery.namnd, delivery.delivered_at);
  }
  return sent;
}

nlohmann::json item_json(const storage::StoredItem& stored, const std::vector<core::Match>& matches,
                         const SentAt& sent) {
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
    const auto delivered = sent.find(match.namnd);
    json["matches"].push_back(
        {{"namnd", match.namnd},
         {"terms", match.terms},
         {"sent_at", delivered == sent.end() ? nlohmann::json(nullptr)
                                             : nlohmann::json(app::rfc3339(delivered->second))}});
  }
  return json;
}

// One line per nämnd the item concerns (only `only`, when given): why, and
// whether and when its digest carried the item.
void print_matches(const std::vector<core::Match>& matches, const SentAt& sent,
                   const std::optional<core::NamndId>& only, const std::string& timezone) {
  for (const core::Match& match : matches) {
    if (only && match.namnd != *only) continue;
    std::cout << "    → " << match.namnd << " (varför: ";
    for (size_t i = 0; i < match.terms.size(); ++i) {
      std::cout << (i ? ", " : "") << match.terms[i];
    }
    const auto delivered = sent.find(match.namnd);
    std::cout << "); "
              << (delivered == sent.end()
                      ? std::string(core::tr("not sent yet"))
                      : core::trf("sent {0}", {app::local_minute(delivered->second, timezone)}))
              << "\n";
  }
}

// An item as the listing and the search print it: when (published, else
// first seen, local time), source, title and link, then its nämnder.
void print_item(const storage::StoredItem& stored, const std::vector<core::Match>& matches,
                const SentAt& sent, const ItemsOptions& options, const std::string& timezone,
                const std::string& snippet) {
  std::cout << app::local_minute(stored.item.published.value_or(stored.first_seen), timezone)
            << "  " << stored.item.source << "  " << stored.item.title << "\n";
  if (!stored.item.link.empty()) std::cout << "    " << core::display_link(stored.item.link) << "\n";
  if (!snippet.empty()) std::cout << "    " << snippet << "\n";
  print_matches(matches, sent, options.namnd, timezone);
}

// Prints the items (and their snippets, for a search), as text or JSON.
int print_items(const storage::ItemQueries& store, const std::vector<storage::StoredItem>& items,
                const std::vector<std::string>& snippets, const ItemsOptions& options,
                const std::string& timezone) {
  nlohmann::json all = nlohmann::json::array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const storage::StoredItem& stored = items[i];
    auto matches = store.matches_of(stored.id);
    if (!matches) {
      spdlog::error("{}", matches.error().message);
      return app::kExitRuntime;
    }
    auto sent = sent_at(store, stored.id);
    if (!sent) {
      spdlog::error("{}", sent.error().message);
      return app::kExitRuntime;
    }
    const std::string snippet = i < snippets.size() ? snippets[i] : std::string();
    if (options.json) {
      nlohmann::json json = item_json(stored, *matches, *sent);
      if (options.search) json["snippet"] = snippet;
      all.push_back(std::move(json));
      continue;
    }
    print_item(stored, *matches, *sent, options, timezone, snippet);
    if (options.search) std::cout << "\n";
  }
  if (options.json) std::cout << json_for_terminal(all, 2) << "\n";
  if (items.empty()) {
    std::cerr << (options.search ? core::trf("No items matched \"{0}\"", {*options.search})
                                 : std::string(core::tr("No stored items match these options")))
              << "\n";
    return app::kExitNothing;
  }
  return app::kExitOk;
}

// `items --search`: the hits, best first, a plain word finding what a filter
// term would (app/item_search.h).
int print_search(const storage::ItemQueries& store, const ItemsOptions& options,
                 std::optional<core::TimePoint> since, const std::string& timezone) {
  storage::SearchQuery query;
  query.text = *options.search;
  query.forms = app::search_forms(app::dictionaries());
  query.namnd = options.namnd;
  query.since = since;
  query.limit = options.limit;
  // As many as asked for are ranked, at least the usual newest 5,000.
  query.candidates = std::max(storage::kSearchCandidates, options.limit);
  auto hits = store.search(query);
  if (!hits) {
    spdlog::error("{}", hits.error().message);
    return hits.error().code == Errc::kInvalidQuery ? app::kExitUsage : app::kExitRuntime;
  }
  std::vector<storage::StoredItem> items;
  std::vector<std::string> snippets;
  for (storage::SearchHit& hit : *hits) {
    items.push_back(std::move(hit.stored));
    snippets.push_back(std::move(hit.snippet));
  }
  return print_items(store, items, snippets, options, timezone);
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
  if (state.is_moved()) entry["moved_to"] = state.moved_to;
}

// A time of the JSON answer (RFC 3339), as people read it: local, to the
// minute; "" stays "".
std::string local_time(const nlohmann::json& rfc3339, const std::string& timezone) {
  const std::string text = rfc3339.get<std::string>();
  const auto time = app::parse_rfc3339(text);
  return time ? app::local_minute(*time, timezone) : text;
}

void print_fetch_state(const nlohmann::json& source, const std::string& timezone) {
  if (!source.contains("disabled")) return;
  if (source["disabled"].get<bool>()) {
    std::cout << "    "
              << core::trf("DISABLED since {0}: {1}; not polled until its url changes in the config",
                           {local_time(source["disabled_at"], timezone),
                            source["disabled_reason"].get<std::string>()})
              << "\n";
  } else if (const std::string next = local_time(source["next_poll"], timezone); !next.empty()) {
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
  if (options.namnd && !configured_namnd((*runtime)->config, *options.namnd)) {
    return app::kExitUsage;
  }
  const std::string& timezone = (*runtime)->config.daemon.timezone;
  storage::ItemQuery query;
  query.namnd = options.namnd;
  query.limit = options.limit;
  if (options.since) {
    auto since = app::since_option(*options.since, core::SystemClock());
    if (!since) return since.error();
    query.since = *since;
  }
  if (options.search) return print_search((*runtime)->store, options, query.since, timezone);
  auto items = (*runtime)->store.items(query);
  if (!items) {
    spdlog::error("{}", items.error().message);
    return app::kExitRuntime;
  }
  return print_items((*runtime)->store, *items, {}, options, timezone);
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
                           {or_never(local_time(source["last_success"], timezone)),
                            std::to_string(source["items"].get<std::int64_t>())})
              << "\n";
    print_fetch_state(source, timezone);
  }
  std::cout << core::tr("Nämnder:") << "\n";
  for (const auto& namnd : out["namnder"]) {
    std::cout << "  " << namnd["id"].get<std::string>() << "  " << namnd["schedule"].get<std::string>()
              << "  "
              << core::trf("last digest {0}, next due {1}",
                           {or_never(local_time(namnd["last_digest"], timezone)),
                            local_time(namnd["next_due"], timezone)})
              << (namnd["overdue"].get<bool>() ? core::tr(" (overdue: goes out at the next send)") : "")
              << "\n";
    if (const int streak = namnd["failure_streak"].get<int>(); streak > 0) {
      const bool permanent = namnd["failure_kind"] == "permanent";
      const std::string count = std::to_string(streak);
      const std::string since = local_time(namnd["failing_since"], timezone);
      const std::string error = namnd["last_error"].get<std::string>();
      const std::string retry = local_time(namnd["next_retry"], timezone);
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
