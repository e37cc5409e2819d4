// ItemStore: officials' answers to "Relevant? Ja / Nej" (storage/feedback_votes.h).

#include "storage/feedback_votes.h"

#include <string>

#include "storage/connection.h"
#include "storage/item_store.h"
#include "storage/rows.h"
#include "storage/sqlite.h"

namespace omvarld::storage {
namespace {

std::string_view vote_text(Vote vote) { return vote == Vote::kJa ? "ja" : "nej"; }

// The answers about `namnd` in [?2, ?3): every query below binds these.
void bind_period(sqlite::Statement& statement, const core::NamndId& namnd, core::TimePoint from,
                 core::TimePoint to) {
  statement.bind(1, namnd);
  statement.bind(2, from);
  statement.bind(3, to);
}

}  // namespace

Result<std::optional<VotedItem>> ItemStore::voted_item(std::int64_t item_id) const {
  auto query = sqlite::Statement::prepare(connection_->db.get(),
                                          "SELECT id, title, link FROM items WHERE id = ?1",
                                          {"read item", "item " + std::to_string(item_id)});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, item_id);
  auto row = query->step();
  if (!row) return unexpected<Error>(row.error());
  if (!*row) return std::nullopt;
  return VotedItem{query->int64(0), query->text(1), query->text(2)};
}

Result<bool> ItemStore::record_vote(const VoteRecord& vote) {
  // One statement: the item's existence and the upsert are one atomic step,
  // and an item removed meanwhile leaves no vote pointing nowhere.
  auto statement = sqlite::Statement::prepare(
      connection_->db.get(),
      "INSERT INTO feedback_votes (namnd, item_id, recipient, vote, voted_at)"
      " SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM items WHERE id = ?2)"
      " ON CONFLICT (namnd, item_id, recipient)"
      " DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at",
      {"record vote", "nämnd " + vote.namnd + ", item " + std::to_string(vote.item_id)});
  if (!statement) return unexpected<Error>(statement.error());
  statement->bind(1, vote.namnd);
  statement->bind(2, vote.item_id);
  statement->bind(3, vote.recipient);
  statement->bind(4, vote_text(vote.vote));
  statement->bind(5, vote.voted_at);
  if (auto ran = statement->run(); !ran) return unexpected<Error>(ran.error());
  return statement->changes() > 0;
}

Result<NamndFeedback> ItemStore::namnd_feedback(const core::NamndId& namnd, core::TimePoint from,
                                                core::TimePoint to) const {
  sqlite3* db = connection_->db.get();
  const sqlite::Task task{"read feedback", "nämnd " + namnd};
  NamndFeedback feedback;

  auto totals = sqlite::Statement::prepare(
      db,
      "SELECT COALESCE(SUM(vote = 'ja'), 0), COALESCE(SUM(vote = 'nej'), 0)"
      " FROM feedback_votes WHERE namnd = ?1 AND voted_at >= ?2 AND voted_at < ?3",
      task);
  if (!totals) return unexpected<Error>(totals.error());
  bind_period(*totals, namnd, from, to);
  if (auto row = totals->step(); !row) return unexpected<Error>(row.error());
  feedback.ja = totals->int64(0);
  feedback.nej = totals->int64(1);
  if (feedback.ja + feedback.nej == 0) return feedback;

  // The match says which terms brought the item; an item reclassified
  // away from the nämnd since has none (LEFT JOIN).
  auto items = sqlite::Statement::prepare(
      db,
      std::string("SELECT i.id, i.title, i.link, COUNT(*) AS nej, m.namnd IS NOT NULL, ") +
          std::string(kMatchColumns) +
          " FROM feedback_votes v JOIN items i ON i.id = v.item_id"
          " LEFT JOIN matches m ON m.item_id = v.item_id AND m.namnd = v.namnd"
          " WHERE v.namnd = ?1 AND v.voted_at >= ?2 AND v.voted_at < ?3 AND v.vote = 'nej'"
          " GROUP BY i.id ORDER BY nej DESC, i.id DESC LIMIT ?4",
      task);
  if (!items) return unexpected<Error>(items.error());
  bind_period(*items, namnd, from, to);
  items->bind(4, static_cast<std::int64_t>(kMaxFeedbackRows));
  for (;;) {
    auto row = items->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) break;
    NejItem nej{{items->int64(0), items->text(1), items->text(2)}, items->int64(3), {}};
    // A damaged match shows no terms rather than failing the report.
    if (items->int64(4) != 0) {
      if (auto match = read_match(*items, 5)) nej.terms = std::move(match->terms);
    }
    feedback.nej_items.push_back(std::move(nej));
  }

  // A term counts every answer about an item it brought; an item two terms
  // brought counts for both. A damaged terms column counts for none rather
  // than failing the report.
  auto terms = sqlite::Statement::prepare(
      db,
      "SELECT t.value, SUM(v.vote = 'ja') AS ja, SUM(v.vote = 'nej') AS nej"
      " FROM feedback_votes v"
      " JOIN matches m ON m.item_id = v.item_id AND m.namnd = v.namnd,"
      " json_each(CASE WHEN json_valid(m.terms) THEN m.terms ELSE '[]' END) t"
      " WHERE v.namnd = ?1 AND v.voted_at >= ?2 AND v.voted_at < ?3 AND t.type = 'text'"
      " GROUP BY t.value ORDER BY nej DESC, ja ASC, t.value LIMIT ?4",
      task);
  if (!terms) return unexpected<Error>(terms.error());
  bind_period(*terms, namnd, from, to);
  terms->bind(4, static_cast<std::int64_t>(kMaxFeedbackRows));
  for (;;) {
    auto row = terms->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) break;
    feedback.terms.push_back({terms->text(0), terms->int64(1), terms->int64(2)});
  }
  return feedback;
}

}  // namespace omvarld::storage
