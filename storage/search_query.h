// storage/search_query.h
//
// Turns what a person types into `omvarld items --search` into an FTS5 query
// that cannot be anything else: every word and phrase goes to SQLite as a
// quoted string, so FTS5's own syntax (NEAR, column:, ^, parentheses) never
// reaches it. The syntax accepted is the one ItemStore::search documents
// (storage/item_store.h). Internal to storage/; a pure function.

#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace omvarld::storage {

// The FTS5 MATCH expression for `text`, e.g. `skola "social ekonomi" skol*`
// becomes `"skola" AND "social ekonomi" AND "skol"*`. Fails with
// kInvalidQuery when `text` holds no word to search for, or when NOT (INTE)
// has no word or phrase before it.
Result<std::string> to_fts5_query(std::string_view text);

}  // namespace omvarld::storage
