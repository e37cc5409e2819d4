// `omvarld filter test`: which nämnder and topics would this text reach, and why.

#include <algorithm>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/runtime.h"
#include "cli/commands.h"
#include "cli/explanation.h"
#include "cli/terminal_output.h"
#include "core/translate.h"
#include "filters/matcher.h"
#include "markup/html_text.h"

namespace omvarld::cli {

namespace {

// Without --source the text is tested as if it came from each source in
// turn, so a nämnd limited to some sources still shows up.
filters::Classification classify_from_any_source(const filters::Matcher& matcher, core::Item item,
                                                 const config::Config& config) {
  filters::Classification found;
  for (const config::SourceConfig& source : config.sources) {
    item.source = source.id;
    filters::Classification one = matcher.classify(item);
    if (found.topics.empty()) found.topics = one.topics;
    for (core::Match& match : one.namnder) {
      const bool known = std::any_of(found.namnder.begin(), found.namnder.end(),
                                     [&](const core::Match& m) { return m.namnd == match.namnd; });
      if (!known) found.namnder.push_back(std::move(match));
    }
  }
  // Keep configuration order, as classify() does.
  std::vector<core::Match> ordered;
  for (const config::NamndConfig& namnd : config.namnder) {
    for (core::Match& match : found.namnder) {
      if (match.namnd == namnd.id) ordered.push_back(std::move(match));
    }
  }
  found.namnder = std::move(ordered);
  return found;
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) out += (out.empty() ? "" : ", ") + value;
  return out;
}

// Why not, below the nämnder that get the item: each nämnd a term brings the
// item to, and what keeps it out.
void print_exclusions(const std::vector<filters::Exclusion>& excluded, const core::Item& item) {
  for (const filters::Exclusion& exclusion : excluded) {
    // A query such as "INTE x" brings every item without x: no term to name.
    std::cout << (exclusion.terms.empty()
                      ? core::trf("{0}  why not: its query holds, but", {exclusion.namnd})
                      : core::trf("{0}  why not: found {1}, but", {exclusion.namnd, joined(exclusion.terms)}))
              << "\n";
    for (const filters::NoneFound& none : exclusion.none) {
      std::cout << "  "
                << (none.topic ? core::trf("topic {0}'s none term \"{1}\" found \"{2}\"",
                                           {*none.topic, none.term, none.found})
                               : core::trf("its none term \"{0}\" found \"{1}\"", {none.term, none.found}))
                << "\n";
    }
    if (!exclusion.sources.empty()) {
      std::cout << "  "
                << core::trf("it takes items only from {0}, not from {1}",
                             {joined(exclusion.sources), item.source})
                << "\n";
    }
  }
}

nlohmann::ordered_json exclusions_json(const std::vector<filters::Exclusion>& excluded) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const filters::Exclusion& exclusion : excluded) {
    nlohmann::ordered_json none = nlohmann::ordered_json::array();
    for (const filters::NoneFound& found : exclusion.none) {
      none.push_back({{"term", found.term},
                      {"found", found.found},
                      {"topic", found.topic ? nlohmann::ordered_json(*found.topic) : nullptr}});
    }
    out.push_back({{"namnd", exclusion.namnd},
                   {"terms", exclusion.terms},
                   {"none", std::move(none)},
                   {"sources", exclusion.sources}});
  }
  return out;
}

}  // namespace

int filter_test(const std::filesystem::path& config_path, const FilterTestOptions& options) {
  auto config = app::load_checked_config(config_path);
  if (!config) return config.error();
  auto matcher = app::compile_matcher(*config);
  if (!matcher) return matcher.error();

  core::Item item;
  item.title = options.title;
  // As the poll reads a feed's summary: markup removed, entities decoded.
  item.summary = markup::html_to_text(options.summary);
  filters::Classification found;
  if (options.source) {
    item.source = *options.source;
    found = matcher->classify(item);
  } else {
    found = classify_from_any_source(*matcher, item, *config);
  }
  const std::vector<filters::Exclusion> excluded = matcher->exclusions(
      item, options.source ? filters::SourceRule::kItemSource : filters::SourceRule::kAnySource);

  if (options.json) {
    nlohmann::ordered_json out = {{"matches", nlohmann::ordered_json::array()},
                                {"topics", nlohmann::ordered_json::array()}};
    for (const core::Match& match : found.namnder) {
      out["matches"].push_back({{"namnd", match.namnd}, {"terms", match.terms}});
    }
    for (const filters::TopicMatch& topic : found.topics) {
      out["topics"].push_back({{"topic", topic.topic}, {"terms", topic.terms}});
    }
    out["excluded"] = exclusions_json(excluded);
    std::cout << json_for_terminal(out) << "\n";
  } else {
    for (const core::Match& match : found.namnder) {
      std::cout << match.namnd << "  " << core::tr("why:") << " " << explain(match) << "\n";
    }
    if (found.namnder.empty()) std::cout << core::tr("no nämnd would get this item") << "\n";
    print_exclusions(excluded, item);
  }
  return found.namnder.empty() ? app::kExitNothing : app::kExitOk;
}

}  // namespace omvarld::cli
