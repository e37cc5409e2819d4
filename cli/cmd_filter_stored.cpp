// `omvarld filter test --since 30d [--namnd ID]`: what the current filters
// would catch among stored items, per nämnd, beside what is stored now — so
// a coordinator sees the effect of a change before keeping it.

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "app/runtime.h"
#include "app/stored_classification.h"
#include "app/time_format.h"
#include "cli/commands.h"
#include "cli/namnd_option.h"
#include "cli/explanation.h"
#include "cli/terminal_output.h"

namespace omvarld::cli {

namespace {

const core::Match* match_for(const std::vector<core::Match>& matches, const core::NamndId& namnd) {
  const auto found = std::find_if(matches.begin(), matches.end(),
                                  [&](const core::Match& m) { return m.namnd == namnd; });
  return found == matches.end() ? nullptr : &*found;
}

// One item in a nämnd's list: matched now (`match` set), or only before.
struct Shown {
  const app::Verdict* verdict = nullptr;
  const core::Match* match = nullptr;
  bool is_new = false;
};

struct NamndTally {
  core::NamndId namnd;
  int matches = 0;  // under the current filters
  int stored = 0;   // as stored now
  int added = 0;    // current but not stored
  int dropped = 0;  // stored but not current
  std::vector<Shown> top;      // newest current matches, up to the limit
  std::vector<Shown> dropped_items;  // up to the limit
};

NamndTally tally(const core::NamndId& namnd, const std::vector<app::Verdict>& verdicts, int limit) {
  NamndTally result{namnd, 0, 0, 0, 0, {}, {}};
  const auto fits = [&](const std::vector<Shown>& list) { return static_cast<int>(list.size()) < limit; };
  for (const app::Verdict& verdict : verdicts) {  // newest first
    const core::Match* now = match_for(verdict.current_matches, namnd);
    const bool stored = match_for(verdict.stored_matches, namnd) != nullptr;
    result.stored += stored ? 1 : 0;
    if (now != nullptr) {
      ++result.matches;
      result.added += stored ? 0 : 1;
      if (fits(result.top)) result.top.push_back(Shown{&verdict, now, !stored});
    } else if (stored) {
      ++result.dropped;
      if (fits(result.dropped_items)) result.dropped_items.push_back(Shown{&verdict, nullptr, false});
    }
  }
  return result;
}

nlohmann::ordered_json shown_json(const Shown& shown) {
  const storage::StoredItem& stored = shown.verdict->stored;
  nlohmann::ordered_json json = {{"id", stored.id},
                                 {"source", stored.item.source},
                                 {"title", stored.item.title},
                                 {"link", stored.item.link},
                                 {"first_seen", app::rfc3339(stored.first_seen)}};
  if (shown.match != nullptr) {
    json["terms"] = shown.match->terms;
    json["title_terms"] = shown.match->title_terms;
    json["new"] = shown.is_new;
  }
  return json;
}

void print_json(const std::vector<NamndTally>& tallies, std::size_t item_count, core::TimePoint since) {
  nlohmann::ordered_json out = {{"since", app::rfc3339(since)},
                                {"items", item_count},
                                {"namnder", nlohmann::ordered_json::array()}};
  for (const NamndTally& t : tallies) {
    nlohmann::ordered_json namnd = {{"namnd", t.namnd},     {"matches", t.matches}, {"stored", t.stored},
                                    {"new", t.added},        {"dropped", t.dropped},
                                    {"top", nlohmann::ordered_json::array()},
                                    {"dropped_items", nlohmann::ordered_json::array()}};
    for (const Shown& shown : t.top) namnd["top"].push_back(shown_json(shown));
    for (const Shown& shown : t.dropped_items) namnd["dropped_items"].push_back(shown_json(shown));
    out["namnder"].push_back(std::move(namnd));
  }
  std::cout << json_for_terminal(out) << "\n";
}

void print_text(const std::vector<NamndTally>& tallies, std::size_t item_count, core::TimePoint since) {
  std::cout << "The current filters over " << item_count << " stored items first seen since "
            << app::rfc3339(since) << ":\n";
  for (const NamndTally& t : tallies) {
    std::cout << "\n" << t.namnd << ": " << t.matches << " matching (stored now: " << t.stored << "; "
              << t.added << " new, " << t.dropped << " no longer)"
              << (t.matches == 0 ? "  <- nothing matches: check the filter\n" : "\n");
    for (const Shown& shown : t.top) {
      const storage::StoredItem& stored = shown.verdict->stored;
      std::cout << "  " << (shown.is_new ? "+ " : "  ") << app::rfc3339(stored.first_seen).substr(0, 10) << "  "
                << stored.item.source << "  " << stored.item.title << "  " << core::tr("why:") << " " << explain(*shown.match)
                << "\n";
    }
    for (const Shown& shown : t.dropped_items) {
      const storage::StoredItem& stored = shown.verdict->stored;
      std::cout << "  - " << app::rfc3339(stored.first_seen).substr(0, 10) << "  " << stored.item.source << "  "
                << stored.item.title << "\n";
    }
  }
}

}  // namespace

int filter_test_stored(const std::filesystem::path& config_path, const FilterTestOptions& options) {
  auto runtime = app::open_runtime(config_path);
  if (!runtime) return runtime.error();
  const config::Config& config = (*runtime)->config;
  if (options.namnd && configured_namnd(config, *options.namnd) == nullptr) return app::kExitUsage;
  auto since = app::since_option(*options.since, core::SystemClock());
  if (!since) return since.error();
  auto verdicts = app::classify_stored((*runtime)->store, (*runtime)->matcher(), *since);
  if (!verdicts) {
    spdlog::error("{}", verdicts.error().message);
    return app::kExitRuntime;
  }

  std::vector<NamndTally> tallies;
  for (const config::NamndConfig& namnd : config.namnder) {
    if (options.namnd && namnd.id != *options.namnd) continue;
    tallies.push_back(tally(namnd.id, *verdicts, options.top));
  }
  if (options.json) {
    print_json(tallies, verdicts->size(), *since);
  } else {
    print_text(tallies, verdicts->size(), *since);
  }
  const bool any = std::any_of(tallies.begin(), tallies.end(), [](const NamndTally& t) { return t.matches > 0; });
  return any ? app::kExitOk : app::kExitNothing;
}

}  // namespace omvarld::cli
