// `omvarld items` and `omvarld status`: what the database holds.

#include <iostream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "daemon/commands.h"
#include "daemon/delivery_status.h"
#include "daemon/runtime.h"
#include "daemon/time_format.h"

namespace omvarld::daemon {

namespace {

nlohmann::json item_json(const storage::StoredItem& stored,
                         const std::vector<core::Match>& matches) {
  nlohmann::json json = {{"id", stored.id},
                         {"source", stored.item.source},
                         {"key", stored.item.key},
                         {"title", stored.item.title},
                         {"link", stored.item.link},
                         {"first_seen", rfc3339(stored.first_seen)}};
  if (stored.item.published) json["published"] = rfc3339(*stored.item.published);
  json["matches"] = nlohmann::json::array();
  for (const core::Match& match : matches) {
    json["matches"].push_back({{"namnd", match.namnd}, {"terms", match.terms}});
  }
  return json;
}

}  // namespace

int list_items(const std::filesystem::path& config_path, const ItemsOptions& options) {
  auto runtime = open_runtime(config_path);
  if (!runtime) return runtime.error();
  storage::ItemQuery query;
  query.namnd = options.namnd;
  query.limit = options.limit;
  if (options.since) {
    auto since = since_option(*options.since, core::SystemClock());
    if (!since) return since.error();
    query.since = *since;
  }
  auto items = (*runtime)->store.items(query);
  if (!items) {
    spdlog::error("{}", items.error().message);
    return kExitRuntime;
  }

  nlohmann::json all = nlohmann::json::array();
  for (const storage::StoredItem& stored : *items) {
    auto matches = (*runtime)->store.matches_of(stored.id);
    if (!matches) {
      spdlog::error("{}", matches.error().message);
      return kExitRuntime;
    }
    if (options.json) {
      all.push_back(item_json(stored, *matches));
      continue;
    }
    std::cout << rfc3339_or_empty(stored.item.published) << "  " << stored.item.source << "  "
              << stored.item.title << "\n";
    for (const core::Match& match : *matches) {
      std::cout << "    → " << match.namnd << " (varför: ";
      for (size_t i = 0; i < match.terms.size(); ++i) {
        std::cout << (i ? ", " : "") << match.terms[i];
      }
      std::cout << ")\n";
    }
  }
  if (options.json) std::cout << all.dump(2) << "\n";
  return items->empty() ? kExitNothing : kExitOk;
}

int show_status(const std::filesystem::path& config_path, bool json) {
  auto runtime = open_runtime(config_path);
  if (!runtime) return runtime.error();
  auto sources = (*runtime)->store.source_status();
  if (!sources) {
    spdlog::error("{}", sources.error().message);
    return kExitRuntime;
  }
  nlohmann::json out = {{"sources", nlohmann::json::array()}, {"namnder", nlohmann::json::array()}};
  for (const storage::SourceStatus& status : *sources) {
    out["sources"].push_back({{"id", status.source.id},
                              {"url", status.source.url},
                              {"last_attempt", rfc3339_or_empty(status.last_attempt)},
                              {"last_success", rfc3339_or_empty(status.last_success)},
                              {"http_status", status.http_status},
                              {"error_streak", status.error_streak},
                              {"last_error", status.last_error},
                              {"items", status.item_count}});
  }
  const std::string& timezone = (*runtime)->config.daemon.timezone;
  const core::TimePoint now = core::SystemClock().now();
  for (const config::NamndConfig& namnd : (*runtime)->config.namnder) {
    auto delivery = delivery_status(namnd, (*runtime)->store, now, timezone);
    if (!delivery) {
      spdlog::error("{}: {}", namnd.id, delivery.error().message);
      return kExitRuntime;
    }
    nlohmann::json entry = {{"id", namnd.id},
                            {"schedule", core::to_string(namnd.schedule)},
                            {"last_digest", rfc3339_or_empty(delivery->last_digest)},
                            {"next_due", rfc3339_local(delivery->next_due, timezone)},
                            {"overdue", delivery->overdue},
                            {"failure_streak", 0}};
    if (const auto& failure = delivery->failure) {
      entry["failure_streak"] = failure->streak;
      entry["failing_since"] = rfc3339(failure->first_failure);
      entry["last_error"] = failure->last_error;
      entry["next_retry"] = rfc3339_local(failure->next_attempt, timezone);
    }
    out["namnder"].push_back(std::move(entry));
  }
  if (json) {
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "Sources:\n";
  for (const auto& source : out["sources"]) {
    const int streak = source["error_streak"].get<int>();
    std::cout << "  " << source["id"].get<std::string>() << "  "
              << (streak ? "FAILING x" + std::to_string(streak) + ": " +
                               source["last_error"].get<std::string>()
                         : "ok")
              << "  last success " << source["last_success"].get<std::string>() << ", "
              << source["items"].get<std::int64_t>() << " items\n";
  }
  std::cout << "Nämnder:\n";
  for (const auto& namnd : out["namnder"]) {
    const std::string last = namnd["last_digest"].get<std::string>();
    std::cout << "  " << namnd["id"].get<std::string>() << "  " << namnd["schedule"].get<std::string>()
              << "  last digest " << (last.empty() ? "never" : last) << ", next due "
              << namnd["next_due"].get<std::string>()
              << (namnd["overdue"].get<bool>() ? " (overdue: goes out at the next send)" : "")
              << "\n";
    if (const int streak = namnd["failure_streak"].get<int>(); streak > 0) {
      std::cout << "    FAILING x" << streak << " since " << namnd["failing_since"].get<std::string>()
                << ": " << namnd["last_error"].get<std::string>() << "; next retry "
                << namnd["next_retry"].get<std::string>() << "\n";
    }
  }
  return kExitOk;
}

}  // namespace omvarld::daemon
