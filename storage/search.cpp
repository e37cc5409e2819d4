// ItemStore::search: full-text search over the items_fts index (schema
// version 4).

#include <string>

#include "storage/connection.h"
#include "storage/item_store.h"
#include "storage/rows.h"
#include "storage/search_query.h"
#include "storage/sqlite.h"

namespace omvarld::storage {
namespace {

// bm25 weights of title, summary and content: a word in the title says more
// about what an item is than the same word deep in its text.
constexpr std::string_view kRank = "bm25(items_fts, 10.0, 3.0, 1.0)";

// snippet(): from the column that matched best, the matched words in
// brackets, "…" where text was cut, about a dozen words.
constexpr std::string_view kSnippet = "snippet(items_fts, -1, '[', ']', '…', 12)";

}  // namespace

Result<std::vector<SearchHit>> ItemStore::search(const SearchQuery& request) const {
  auto match = to_fts5_query(request.text, request.forms);
  if (!match) return unexpected<Error>(match.error());

  // The newest `candidates` matches (FTS5 walks its index in rowid
  // order, so this stops early: the rank is computed for those alone),
  // the best `limit` of them, then the snippets of those alone: SQLite
  // computes every result column before it sorts, and a snippet for each
  // of thousands of matches made a broad query take seconds.
  std::string sql =
      "WITH newest AS ("
      " SELECT items_fts.rowid AS id, ";
  sql += kRank;
  sql +=
      " AS rank FROM items_fts JOIN items i ON i.id = items_fts.rowid"
      " WHERE items_fts MATCH ?1"
      "   AND (?2 IS NULL OR i.first_seen >= ?2)"
      "   AND (?5 IS NULL OR i.first_seen < ?5)"
      "   AND (?3 IS NULL OR EXISTS ("
      "     SELECT 1 FROM matches m WHERE m.item_id = i.id AND m.namnd = ?3))"
      " ORDER BY items_fts.rowid DESC LIMIT ?7), "
      "best AS (SELECT id, rank FROM newest ORDER BY rank, id DESC LIMIT ?4 OFFSET ?6) "
      "SELECT ";
  sql += kItemColumns;
  sql += ", ";
  sql += kSnippet;
  sql +=
      " FROM best JOIN items i ON i.id = best.id"
      " JOIN items_fts ON items_fts.rowid = best.id"
      " WHERE items_fts MATCH ?1"
      " ORDER BY best.rank, i.id DESC";
  auto query = sqlite::Statement::prepare(connection_->db.get(), sql,
                                          {"search items", "query " + request.text});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, *match);
  query->bind(2, request.since);
  if (request.namnd) {
    query->bind(3, *request.namnd);
  } else {
    query->bind_null(3);
  }
  query->bind(4, static_cast<std::int64_t>(request.limit));
  query->bind(5, request.until);
  query->bind(6, static_cast<std::int64_t>(request.offset));
  query->bind(7, static_cast<std::int64_t>(request.candidates));

  std::vector<SearchHit> hits;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return hits;
    hits.push_back({read_stored_item(*query), query->text(kItemColumnCount)});
  }
}

}  // namespace omvarld::storage
