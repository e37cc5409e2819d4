// ItemStore: the reads. Opening and the writes are in item_store.cpp.

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>

#include "storage/connection.h"
#include "storage/item_store.h"
#include "storage/rows.h"
#include "storage/sqlite.h"
#include "storage/twins.h"

namespace omvarld::storage {
namespace {

// Newest first: by publication date, or by when we first saw an item that
// carries none; the id breaks ties in insertion order.
constexpr std::string_view kNewestFirst =
    " ORDER BY COALESCE(i.published, i.first_seen) DESC, i.id DESC";

std::string sql(std::initializer_list<std::string_view> parts) {
  std::string joined;
  for (std::string_view part : parts) joined += part;
  return joined;
}

// The items concerning nämnd ?1 as read_namnd_items() reads them: their
// kItemColumns, kMatchColumns, i.updated_at and the source's name;
// `rest` goes on from the WHERE clause.
std::string namnd_items_sql(std::string_view rest) {
  return sql({"SELECT ", kItemColumns, ", ", kMatchColumns,
              ", i.updated_at, COALESCE(s.name, '')"
              " FROM matches m JOIN items i ON i.id = m.item_id"
              " LEFT JOIN sources s ON s.id = i.source_id WHERE m.namnd = ?1",
              rest});
}

// Runs a query of namnd_items_sql().
Result<std::vector<NamndItem>> read_namnd_items(sqlite::Statement& query) {
  constexpr int kUpdatedAt = kItemColumnCount + kMatchColumnCount;
  std::vector<NamndItem> items;
  for (;;) {
    auto row = query.step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return items;
    auto match = read_match(query, kItemColumnCount);
    if (!match) return unexpected<Error>(match.error());
    items.push_back({read_stored_item(query), std::move(*match), query.time(kUpdatedAt),
                     query.text(kUpdatedAt + 1)});
  }
}

std::int64_t bounded(int limit) {
  return std::clamp<std::int64_t>(limit, 0, kMaxNamndItems);
}

}  // namespace

Result<std::vector<PendingItem>> ItemStore::undelivered(const core::NamndId& namnd) const {
  auto query = sqlite::Statement::prepare(
      connection_->db.get(),
      sql({"SELECT ", kItemColumns,
           ", ", kMatchColumns, ", i.canonical_link, i.title_day"
           " FROM matches m JOIN items i ON i.id = m.item_id"
           " WHERE m.namnd = ?1 AND m.held = 0 AND NOT EXISTS ("
           "   SELECT 1 FROM digest_items d WHERE d.namnd = m.namnd AND d.item_id = m.item_id)",
           // Nor when the nämnd received the same story from another feed:
           // found by the hashes of its keys (story_keys.h), then the keys.
           " AND NOT EXISTS (SELECT 1 FROM story_keys ik"
           "   JOIN story_keys tk ON tk.link_hash = ik.link_hash"
           "   JOIN items t ON t.id = tk.item_id"
           "   JOIN digest_items d ON d.item_id = t.id AND d.namnd = m.namnd"
           "   WHERE ik.item_id = i.id AND t.canonical_link = i.canonical_link)"
           " AND NOT EXISTS (SELECT 1 FROM story_keys ik"
           "   JOIN story_keys tk ON tk.title_day_hash = ik.title_day_hash"
           "   JOIN items t ON t.id = tk.item_id"
           "   JOIN digest_items d ON d.item_id = t.id AND d.namnd = m.namnd"
           "   WHERE ik.item_id = i.id AND t.title_day = i.title_day)",
           kNewestFirst}),
      {"list undelivered items", "nämnd " + namnd});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, namnd);

  std::vector<PendingWithKeys> pending;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return fold_twins(std::move(pending));
    auto match = read_match(*query, kItemColumnCount);
    if (!match) return unexpected<Error>(match.error());
    pending.push_back({{read_stored_item(*query), std::move(*match), {}},
                       query->text(kItemColumnCount + kMatchColumnCount),
                       query->text(kItemColumnCount + kMatchColumnCount + 1)});
  }
}

Result<std::string> ItemStore::last_digest_id(const core::NamndId& namnd) const {
  // The row recorded last: delivery times may tie within a second.
  auto query = sqlite::Statement::prepare(
      connection_->db.get(),
      "SELECT message_id FROM digests WHERE namnd = ?1 ORDER BY id DESC LIMIT 1",
      {"read last digest", "nämnd " + namnd});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, namnd);
  auto row = query->step();
  if (!row) return unexpected<Error>(row.error());
  return *row ? query->text(0) : std::string();
}

Result<std::optional<core::TimePoint>> ItemStore::last_delivery(const core::NamndId& namnd) const {
  auto query = sqlite::Statement::prepare(connection_->db.get(),
                                          "SELECT MAX(delivered_at) FROM digests WHERE namnd = ?1",
                                          {"read last delivery", "nämnd " + namnd});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, namnd);
  auto row = query->step();
  if (!row) return unexpected<Error>(row.error());
  // An aggregate always yields one row; MAX over no digests is NULL.
  return query->time(0);
}

Result<std::vector<StoredItem>> ItemStore::items(const ItemQuery& request) const {
  auto query = sqlite::Statement::prepare(
      connection_->db.get(),
      sql({"SELECT ", kItemColumns,
           " FROM items i"
           " WHERE (?1 IS NULL OR i.first_seen >= ?1)"
           "   AND (?2 IS NULL OR EXISTS ("
           "     SELECT 1 FROM matches m WHERE m.item_id = i.id AND m.namnd = ?2))",
           kNewestFirst, " LIMIT ?3"}),
      {"list items", connection_->path});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, request.since);
  if (request.namnd) {
    query->bind(2, *request.namnd);
  } else {
    query->bind_null(2);
  }
  query->bind(3, static_cast<std::int64_t>(request.limit));

  std::vector<StoredItem> stored;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return stored;
    stored.push_back(read_stored_item(*query));
  }
}

Result<std::vector<NamndItem>> ItemStore::namnd_deadlines(const core::NamndId& namnd,
                                                          core::Date from, int limit) const {
  // "YYYY-MM-DD" text orders as the days do. No index on deadline: the
  // nämnd's index narrows to its matches, which the deadline then filters.
  auto query = sqlite::Statement::prepare(
      connection_->db.get(),
      namnd_items_sql(" AND i.deadline >= ?2 ORDER BY i.deadline, i.id LIMIT ?3"),
      {"list deadlines", "nämnd " + namnd});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, namnd);
  query->bind(2, to_day_text(from));
  query->bind(3, bounded(limit));
  return read_namnd_items(*query);
}

Result<std::vector<NamndItem>> ItemStore::namnd_past_deadlines(const core::NamndId& namnd,
                                                               core::Date from, core::Date before,
                                                               int limit) const {
  auto query = sqlite::Statement::prepare(
      connection_->db.get(),
      namnd_items_sql(" AND i.deadline >= ?2 AND i.deadline < ?3"
                      " ORDER BY i.deadline DESC, i.id DESC LIMIT ?4"),
      {"list past deadlines", "nämnd " + namnd});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, namnd);
  query->bind(2, to_day_text(from));
  query->bind(3, to_day_text(before));
  query->bind(4, bounded(limit));
  return read_namnd_items(*query);
}

Result<std::vector<NamndItem>> ItemStore::namnd_matches(const core::NamndId& namnd,
                                                        int limit) const {
  auto query = sqlite::Statement::prepare(
      connection_->db.get(),
      namnd_items_sql(" ORDER BY m.item_id DESC LIMIT ?2"),
      {"list matches", "nämnd " + namnd});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, namnd);
  query->bind(2, bounded(limit));
  return read_namnd_items(*query);
}

Result<std::vector<core::Match>> ItemStore::matches_of(std::int64_t item_id) const {
  // rowid order is insertion order, which is the order classify() gave.
  auto query = sqlite::Statement::prepare(
      connection_->db.get(),
      sql({"SELECT ", kMatchColumns, " FROM matches m WHERE item_id = ?1 ORDER BY rowid"}),
      {"read matches", "item " + std::to_string(item_id)});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, item_id);

  std::vector<core::Match> matches;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return matches;
    auto match = read_match(*query, 0);
    if (!match) return unexpected<Error>(match.error());
    matches.push_back(std::move(*match));
  }
}

Result<std::vector<SourceStatus>> ItemStore::source_status() const {
  auto query = sqlite::Statement::prepare(connection_->db.get(), R"sql(
      SELECT s.id, s.name, s.url, s.last_attempt, s.last_success, s.http_status, s.last_error,
             s.error_streak, (SELECT COUNT(*) FROM items i WHERE i.source_id = s.id),
             s.failing_since, (SELECT MAX(first_seen) FROM items i WHERE i.source_id = s.id)
      FROM sources s ORDER BY s.id)sql",
                                          {"read source status", connection_->path});
  if (!query) return unexpected<Error>(query.error());

  std::vector<SourceStatus> statuses;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return statuses;
    SourceStatus status;
    status.source = {query->text(0), query->text(1), query->text(2)};
    status.last_attempt = query->time(3);
    status.last_success = query->time(4);
    status.http_status = static_cast<long>(query->int64(5));
    status.last_error = query->text(6);
    status.error_streak = static_cast<int>(query->int64(7));
    status.item_count = query->int64(8);
    status.failing_since = query->time(9);
    status.last_new_item = query->time(10);
    statuses.push_back(std::move(status));
  }
}

}  // namespace omvarld::storage
