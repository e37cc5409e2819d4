// storage/search_query.h
//
// Turns what a person types into `omvarld items --search` into an FTS5 query
// that cannot be anything else: every word and phrase goes to SQLite as a
// quoted string, so FTS5's own syntax (NEAR, column:, ^, parentheses) never
// reaches it. The syntax accepted is the one ItemQueries::search documents
// (storage/item_queries.h). Internal to storage/; a pure function.

#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"
#include "storage/item_queries.h"

namespace omvarld::storage {

// How many words and phrases one search may hold. A person searching types
// a few. FTS5's snippet(), which `items --search` shows for every hit,
// compares each match of every phrase with the others in the row, so its
// work grows faster than the number of terms: 1,000 "e*" took 1.1 s and
// 4,000 took 14.6 s.
inline constexpr std::size_t kMaxSearchTerms = 16;

// The FTS5 MATCH expression for `text`, e.g. `skola "social ekonomi" skol*`
// becomes `"skola" AND "social ekonomi" AND "skol"*`. Fails with
// kInvalidQuery when `text` holds no word to search for, when NOT (INTE)
// has no word or phrase before it, or when it holds more than
// kMaxSearchTerms words and phrases. With `forms`, each plain word becomes
// the word or any of its forms: `äldreomsorg` becomes `("äldreomsorg" OR
// "äldreomsorg"*)`; at most kMaxSearchForms forms a word.
Result<std::string> to_fts5_query(std::string_view text, const SearchForms& forms = {});

// How many forms of one word a search takes: the forms of a word share a
// stem, and a few prefixes cover them.
inline constexpr std::size_t kMaxSearchForms = 6;

}  // namespace omvarld::storage
