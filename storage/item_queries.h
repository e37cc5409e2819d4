// storage/item_queries.h
//
// ItemQueries: the store's role for reading items back, what `omvarld
// items` and classify_stored (app/stored_classification.h) need: stored
// items newest first, the nämnder each concerns, and full-text search.
// Implemented by ItemStore (storage/item_queries.cpp, storage/search.cpp)
// on its one connection, so the thread rule of storage/item_store.h
// applies.

#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/item.h"
#include "core/result.h"
#include "storage/records.h"

namespace omvarld::storage {

struct ItemQuery {
  std::optional<core::TimePoint> since;  // first seen at or after
  std::optional<core::NamndId> namnd;    // only items that concern this nämnd
  int limit = 1000;
};

// A full-text search over the items' title, summary and content.
//
// `text` is what a person types, never FTS5 syntax: words, each of which
// must occur (AND); "a phrase" in double quotes, its words in this order;
// a trailing * for every word that starts so (skol*); OR (ELLER) between
// two words or phrases for either; NOT (INTE) between two for the first
// without the second. Explicit AND (OCH) is the default. Case is ignored
// (Å = å), but å, ä and ö differ from a and o. Every other character only
// separates words: parentheses, colons and quotes never reach SQLite as
// syntax. OR binds weaker than AND: `a b OR c` is `(a b) OR c`.
//
// A plain word (not quoted, no *) is also searched for in the forms that
// `forms` gives, when it is set: app/item_search.h gives the inflections
// and compounds a filter term would find, so that äldreomsorg finds
// "äldreomsorgen" and "äldreomsorgsnämnden".
struct SearchForm {
  std::string text;     // folded as the index folds: lower case, å ä ö kept
  bool prefix = false;  // every word that begins with `text`
};
using SearchForms = std::function<std::vector<SearchForm>(std::string_view word)>;

// How many of the matching items a search ranks: the newest. Ranking costs
// per match, and a common word matches half the store: at 1,000,000 items
// ranking all of them took 8 s (on the daemon's event loop, for the web
// archive); the newest 5,000 take 0.15 s, and a search that broad is
// narrowed with more words or a period anyway.
inline constexpr int kSearchCandidates = 5000;

struct SearchQuery {
  std::string text;
  SearchForms forms = {};
  std::optional<core::NamndId> namnd;    // only items that concern this nämnd
  std::optional<core::TimePoint> since;  // first seen at or after
  int limit = 100;
  std::optional<core::TimePoint> until = {};  // first seen before
  int offset = 0;                             // hits skipped, for pages of results
  int candidates = kSearchCandidates;         // the newest matches ranked
};

struct SearchHit {
  StoredItem stored;
  // A few words around the best match, the matched words in [brackets],
  // "…" where text was left out.
  std::string snippet;
};

// A digest that delivered an item to a nämnd.
struct ItemDelivery {
  core::NamndId namnd;
  core::TimePoint delivered_at;
};

// The web archive's reads (web/): each bounded by a limit.

// An item a nämnd's filters matched, with why.
struct MatchedItem {
  StoredItem stored;
  core::Match match;
};

// A page of the items that matched one nämnd, first seen in [since, until),
// the last stored first.
struct MatchedItemsQuery {
  core::NamndId namnd;
  core::TimePoint since;
  core::TimePoint until;
  int offset = 0;
  int limit = 50;
};

// An item with a deadline, and the nämnder it concerns (by id, sorted).
struct DeadlineItem {
  StoredItem stored;
  std::vector<core::NamndId> namnder;
};

// An item that concerns a nämnd, for its calendar and feed out
// (web/icalendar.h, web/atom_out.h): the item, why it matched, when the feed
// last changed it and the name of its source.
struct NamndItem {
  StoredItem stored;
  core::Match match;
  std::optional<core::TimePoint> updated_at;  // nullopt while as first seen
  std::string source_name;                    // "" when the source has none
};

// At most this many rows from namnd_deadlines() and namnd_matches().
inline constexpr int kMaxNamndItems = 2000;

class ItemQueries {
 public:
  // Stored items, newest first.
  virtual Result<std::vector<StoredItem>> items(const ItemQuery& query) const = 0;

  // The nämnder an item concerns, as stored with it.
  virtual Result<std::vector<core::Match>> matches_of(std::int64_t item_id) const = 0;

  // The digests that delivered the item, by nämnd id; a twin delivered in
  // its place counts (storage/source_polls.h).
  virtual Result<std::vector<ItemDelivery>> deliveries_of(std::int64_t item_id) const = 0;

  // The items that match `query`, best first: bm25, a match in the title
  // weighing most, then summary, then content (search.cpp), among the
  // newest `candidates` items that match. Fails with
  // kInvalidQuery when the text has no word to search for or NOT has
  // nothing before it; kStorage otherwise.
  virtual Result<std::vector<SearchHit>> search(const SearchQuery& query) const = 0;

  // The web archive's reads (storage/archive_queries.cpp).
  // A page of the items that matched the nämnd in the period, with why.
  virtual Result<std::vector<MatchedItem>> matched_items(const MatchedItemsQuery& query) const = 0;
  // Items that concern some nämnd with a deadline on or after `from`,
  // soonest first, at most `limit` (items_by_deadline).
  virtual Result<std::vector<DeadlineItem>> upcoming_deadlines(core::Date from,
                                                                int limit) const = 0;

  // The items concerning `namnd` whose deadline is `from` or later, soonest
  // first (then by id), at most `limit` (capped at kMaxNamndItems).
  virtual Result<std::vector<NamndItem>> namnd_deadlines(const core::NamndId& namnd,
                                                         core::Date from, int limit) const = 0;

  // The items concerning `namnd` whose deadline is `from` or later and
  // before `before`, the latest first (then by id, highest first), at most
  // `limit` (capped at kMaxNamndItems): the recent past ones, after the
  // future ones, for a calendar that must not lose the future to the past.
  virtual Result<std::vector<NamndItem>> namnd_past_deadlines(const core::NamndId& namnd,
                                                              core::Date from, core::Date before,
                                                              int limit) const = 0;

  // The items concerning `namnd`, the last stored first, at most `limit`
  // (capped at kMaxNamndItems). Stored order, not publication order, so the
  // nämnd's index answers it without a sort at any size of the store.
  virtual Result<std::vector<NamndItem>> namnd_matches(const core::NamndId& namnd,
                                                       int limit) const = 0;

 protected:
  ~ItemQueries() = default;
};

}  // namespace omvarld::storage
