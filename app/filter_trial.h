// app/filter_trial.h
//
// "Prova ett filter": what a term or a query a coordinator writes would
// have matched among the stored items of a period, and why — changing
// nothing. The text is compiled as the configuration's filters are
// (filters::Matcher::compile, with the dictionaries' inflections), as if it
// were a nämnd's own term or query: with that nämnd's sources and `none`
// terms when one is named, else for items from every source. The stored
// items are classified as `omvarld filter test --since` classifies them
// (app/stored_classification.h), the newest at most kMaxTrialItems of the
// period, so a trial on the daemon's loop stays short.

#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/item.h"
#include "core/result.h"
#include "filters/lemmatizer.h"
#include "filters/matcher.h"
#include "storage/item_queries.h"

namespace omvarld::app {

// The newest items of the period a trial classifies at most: a few hundred
// milliseconds of classifying; the chosen period's older items are left out
// (FilterTrialOutcome::cut says so).
inline constexpr int kMaxTrialItems = 5000;

// How long a term or query may be, in bytes: longer than any written by
// hand, short enough to compile at once.
inline constexpr std::size_t kMaxTrialText = 2000;

// How many matched items a trial lists; it counts them all.
inline constexpr int kMaxTrialShown = 100;

enum class TrialKind { kTerm, kQuery };

// The trial's filter compiled for a nämnd named kTrialNamnd. Fails with
// kInvalidQuery for a bad term or query: the parser's message after "term: "
// or "query: ", `where->column` the 1-based character of `text` where the
// problem is; kInvalidConfig for a text over kMaxTrialText or a `namnd`
// not configured.
inline constexpr char kTrialNamnd[] = "prova";
Result<filters::Matcher> compile_trial(const config::Config& config, TrialKind kind,
                                       std::string_view text,
                                       const std::optional<core::NamndId>& namnd,
                                       std::shared_ptr<const filters::Lemmatizer> lemmatizer);

struct TrialHit {
  storage::StoredItem stored;
  core::Match match;  // why: the terms and the words they found
};

struct FilterTrialOutcome {
  int scanned = 0;  // items of the period classified
  bool cut = false;  // the period held more than kMaxTrialItems items
  int matched = 0;   // of those scanned
  std::vector<TrialHit> shown;  // the newest matched, at most kMaxTrialShown
};

// Classifies the newest items first seen at or after `since` with
// `matcher` (from compile_trial). Reads only. Fails with kStorage.
Result<FilterTrialOutcome> run_trial(const storage::ItemQueries& store,
                                     const filters::Matcher& matcher, core::TimePoint since);

}  // namespace omvarld::app
