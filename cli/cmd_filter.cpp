// `omvarld filter test`: which nämnder and topics would this text reach, and why.

#include <algorithm>
#include <iostream>
#include <utility>

#include <nlohmann/json.hpp>

#include "app/runtime.h"
#include "cli/commands.h"
#include "cli/explanation.h"
#include "cli/terminal_output.h"
#include "filters/matcher.h"

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

}  // namespace

int filter_test(const std::filesystem::path& config_path, const FilterTestOptions& options) {
  auto config = app::load_checked_config(config_path);
  if (!config) return config.error();
  auto matcher = app::compile_matcher(*config);
  if (!matcher) return matcher.error();

  core::Item item;
  item.title = options.title;
  item.summary = options.summary;
  filters::Classification found;
  if (options.source) {
    item.source = *options.source;
    found = matcher->classify(item);
  } else {
    found = classify_from_any_source(*matcher, item, *config);
  }

  if (options.json) {
    nlohmann::ordered_json out = {{"matches", nlohmann::ordered_json::array()},
                                {"topics", nlohmann::ordered_json::array()}};
    for (const core::Match& match : found.namnder) {
      out["matches"].push_back({{"namnd", match.namnd}, {"terms", match.terms}});
    }
    for (const filters::TopicMatch& topic : found.topics) {
      out["topics"].push_back({{"topic", topic.topic}, {"terms", topic.terms}});
    }
    std::cout << json_for_terminal(out) << "\n";
  } else {
    for (const core::Match& match : found.namnder) {
      std::cout << match.namnd << "  varför: " << explain(match) << "\n";
    }
    if (found.namnder.empty()) std::cout << "no nämnd would get this item\n";
  }
  return found.namnder.empty() ? app::kExitNothing : app::kExitOk;
}

}  // namespace omvarld::cli
