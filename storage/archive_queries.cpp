// ItemStore: the web archive's reads (web/), each bounded by a limit.
// Declared in storage/item_queries.h; latest_digests is in sent_digests.cpp.

#include <string>
#include <string_view>

#include "storage/connection.h"
#include "storage/item_store.h"
#include "storage/rows.h"
#include "storage/sqlite.h"

namespace omvarld::storage {
namespace {

// A nämnd id holds no line break (config/ checks ids), so one joins them.
constexpr char kNamndSeparator = '\n';

std::vector<core::NamndId> split_namnder(std::string_view joined) {
  std::vector<core::NamndId> namnder;
  while (!joined.empty()) {
    const std::size_t end = joined.find(kNamndSeparator);
    namnder.emplace_back(joined.substr(0, end));
    if (end == std::string_view::npos) break;
    joined.remove_prefix(end + 1);
  }
  return namnder;
}

}  // namespace

Result<std::vector<MatchedItem>> ItemStore::matched_items(const MatchedItemsQuery& request) const {
  // Walks matches_by_namnd (namnd, item_id) backwards: item ids grow as
  // items are stored, so the last stored come first and a page stops early.
  auto query = sqlite::Statement::prepare(
      connection_->db.get(),
      std::string("SELECT ") + std::string(kItemColumns) + ", " + std::string(kMatchColumns) +
          " FROM matches m JOIN items i ON i.id = m.item_id"
          " WHERE m.namnd = ?1 AND i.first_seen >= ?2 AND i.first_seen < ?3"
          " ORDER BY m.item_id DESC LIMIT ?4 OFFSET ?5",
      {"list matched items", "nämnd " + request.namnd});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, request.namnd);
  query->bind(2, request.since);
  query->bind(3, request.until);
  query->bind(4, static_cast<std::int64_t>(request.limit));
  query->bind(5, static_cast<std::int64_t>(request.offset));
  std::vector<MatchedItem> items;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return items;
    auto match = read_match(*query, kItemColumnCount);
    if (!match) return unexpected<Error>(match.error());
    items.push_back({read_stored_item(*query), std::move(*match)});
  }
}

Result<std::vector<DeadlineItem>> ItemStore::upcoming_deadlines(core::Date from, int limit) const {
  // deadline holds "YYYY-MM-DD", so text order is date order, and
  // items_by_deadline (schema 11) gives it from `from` on.
  auto query = sqlite::Statement::prepare(
      connection_->db.get(),
      std::string("SELECT ") + std::string(kItemColumns) +
          ", (SELECT group_concat(namnd, char(10)) FROM"
          "    (SELECT m.namnd FROM matches m WHERE m.item_id = i.id ORDER BY m.namnd))"
          " FROM items i"
          " WHERE i.deadline >= ?1 AND EXISTS (SELECT 1 FROM matches m WHERE m.item_id = i.id)"
          " ORDER BY i.deadline, i.id LIMIT ?2",
      {"list upcoming deadlines", connection_->path});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, to_day_text(from));
  query->bind(2, static_cast<std::int64_t>(limit));
  std::vector<DeadlineItem> items;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return items;
    items.push_back({read_stored_item(*query), split_namnder(query->text(kItemColumnCount))});
  }
}

}  // namespace omvarld::storage
