#include "app/filter_trial.h"

#include <utility>

#include "app/stored_classification.h"

namespace omvarld::app {

Result<filters::Matcher> compile_trial(const config::Config& config, TrialKind kind,
                                       std::string_view text,
                                       const std::optional<core::NamndId>& namnd,
                                       std::shared_ptr<const filters::Lemmatizer> lemmatizer) {
  if (text.size() > kMaxTrialText) {
    return fail(Errc::kInvalidConfig, "longer than " + std::to_string(kMaxTrialText) + " bytes");
  }
  filters::FilterSpec spec;
  if (namnd) {
    if (!config.find_namnd(*namnd)) return fail(Errc::kInvalidConfig, "no nämnd " + *namnd);
    // As if the text were the nämnd's own: its sources, its none terms.
    for (filters::FilterSpec& configured : config::filter_specs(config)) {
      if (configured.namnd != *namnd) continue;
      spec.sources = std::move(configured.sources);
      spec.none = std::move(configured.none);
    }
  }
  spec.namnd = kTrialNamnd;
  // Column 0, so that an error's column counts the characters of `text`
  // from 1 (filters::locate).
  const filters::Term written{std::string(text), FilePos{"", 1, 0}};
  if (kind == TrialKind::kQuery) {
    spec.query = written;
  } else {
    spec.any.push_back(written);
  }
  auto matcher = filters::Matcher::compile({}, std::span<const filters::FilterSpec>(&spec, 1),
                                           std::move(lemmatizer));
  if (!matcher) {
    Error first = matcher.error().front();
    // "any: ..." is the configuration's key; the form calls it a term.
    if (kind == TrialKind::kTerm && first.message.starts_with("any: ")) {
      first.message = "term: " + first.message.substr(5);
    }
    return unexpected<Error>(std::move(first));
  }
  return std::move(*matcher);
}

Result<FilterTrialOutcome> run_trial(const storage::ItemQueries& store,
                                     const filters::Matcher& matcher, core::TimePoint since) {
  // One more than is classified, to know whether the period held more.
  auto verdicts = classify_stored(store, matcher, since, kMaxTrialItems + 1);
  if (!verdicts) return unexpected<Error>(verdicts.error());
  FilterTrialOutcome outcome;
  outcome.cut = verdicts->size() > static_cast<std::size_t>(kMaxTrialItems);
  if (outcome.cut) verdicts->pop_back();
  outcome.scanned = static_cast<int>(verdicts->size());
  for (Verdict& verdict : *verdicts) {
    if (verdict.current_matches.empty()) continue;
    ++outcome.matched;
    if (outcome.shown.size() < static_cast<std::size_t>(kMaxTrialShown)) {
      outcome.shown.push_back({std::move(verdict.stored), std::move(verdict.current_matches.front())});
    }
  }
  return outcome;
}

}  // namespace omvarld::app
