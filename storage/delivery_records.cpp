// ItemStore: delivery failures, floods, per-nämnd activity and the
// coordinators' reports — the bookkeeping behind `status` and the report.

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>

#include "storage/connection.h"
#include "storage/item_store.h"
#include "storage/sqlite.h"

namespace omvarld::storage {

namespace {

// The columns failure_streak … config_fingerprint, from column 0 on.
DeliveryFailure read_failure(const sqlite::Statement& query, core::NamndId namnd) {
  DeliveryFailure failure;
  failure.namnd = std::move(namnd);
  failure.streak = static_cast<int>(query.int64(0));
  failure.first_failure = sqlite::from_unix_seconds(query.int64(1));
  failure.last_failure = sqlite::from_unix_seconds(query.int64(2));
  failure.last_error = query.text(3);
  failure.next_attempt = sqlite::from_unix_seconds(query.int64(4));
  failure.kind = query.int64(5) != 0 ? DeliveryFailureKind::kPermanent
                                     : DeliveryFailureKind::kTemporary;
  failure.config_fingerprint = query.text(6);
  return failure;
}

}  // namespace

Result<std::optional<DeliveryFailure>> ItemStore::delivery_failure(
    const core::NamndId& namnd) const {
  auto query = sqlite::Statement::prepare(connection_->db.get(), R"sql(
      SELECT failure_streak, first_failure, last_failure, last_error, next_attempt, permanent,
             config_fingerprint
      FROM delivery_failures WHERE namnd = ?1)sql",
                                          {"read delivery failure", "nämnd " + namnd});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, namnd);
  auto row = query->step();
  if (!row) return unexpected<Error>(row.error());
  if (!*row) return std::nullopt;
  return read_failure(*query, namnd);
}

Result<std::vector<DeliveryFailure>> ItemStore::delivery_failures() const {
  auto query = sqlite::Statement::prepare(connection_->db.get(), R"sql(
      SELECT failure_streak, first_failure, last_failure, last_error, next_attempt, permanent,
             config_fingerprint, namnd
      FROM delivery_failures ORDER BY namnd)sql",
                                          {"list delivery failures", connection_->path});
  if (!query) return unexpected<Error>(query.error());
  std::vector<DeliveryFailure> failures;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return failures;
    failures.push_back(read_failure(*query, query->text(7)));
  }
}

Result<void> ItemStore::record_delivery_failure(const DeliveryFailure& failure) {
  auto upsert = sqlite::Statement::prepare(connection_->db.get(), R"sql(
      INSERT OR REPLACE INTO delivery_failures
        (namnd, failure_streak, first_failure, last_failure, last_error, next_attempt,
         permanent, config_fingerprint)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql",
                                           {"record delivery failure", "nämnd " + failure.namnd});
  if (!upsert) return unexpected<Error>(upsert.error());
  upsert->bind(1, failure.namnd);
  upsert->bind(2, std::int64_t{failure.streak});
  upsert->bind(3, failure.first_failure);
  upsert->bind(4, failure.last_failure);
  upsert->bind(5, failure.last_error);
  upsert->bind(6, failure.next_attempt);
  upsert->bind(7, std::int64_t{failure.kind == DeliveryFailureKind::kPermanent ? 1 : 0});
  upsert->bind(8, failure.config_fingerprint);
  return upsert->run();
}

Result<std::vector<FloodRecord>> ItemStore::floods_since(core::TimePoint since) const {
  auto query = sqlite::Statement::prepare(connection_->db.get(), R"sql(
      SELECT source_id, at, new_items, held_items FROM floods WHERE at >= ?1
      ORDER BY at, id)sql",
                                          {"list floods", connection_->path});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, since);
  std::vector<FloodRecord> floods;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return floods;
    floods.push_back({query->text(0), sqlite::from_unix_seconds(query->int64(1)),
                      static_cast<int>(query->int64(2)), static_cast<int>(query->int64(3))});
  }
}

Result<std::vector<NamndActivity>> ItemStore::namnd_activity(core::TimePoint since) const {
  auto query = sqlite::Statement::prepare(connection_->db.get(), R"sql(
      SELECT namnd, COUNT(DISTINCT item_id),
             (SELECT COUNT(*) FROM digests d WHERE d.namnd = matched.namnd AND d.delivered_at >= ?1)
      FROM (
        SELECT m.namnd AS namnd, m.item_id AS item_id
        FROM matches m JOIN items i ON i.id = m.item_id
        WHERE i.first_seen >= ?1 AND m.held = 0
        UNION ALL
        SELECT di.namnd, di.item_id FROM digest_items di JOIN digests d ON d.id = di.digest_id
        WHERE d.delivered_at >= ?1
        UNION ALL
        SELECT namnd, NULL FROM digests WHERE delivered_at >= ?1) AS matched
      GROUP BY namnd ORDER BY namnd)sql",
                                          {"count matches and digests", connection_->path});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, since);
  std::vector<NamndActivity> activity;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return activity;
    activity.push_back({query->text(0), query->int64(1), query->int64(2)});
  }
}

Result<std::vector<WeekMatches>> ItemStore::weekly_matches(core::TimePoint first_week,
                                                           int weeks) const {
  weeks = std::clamp(weeks, 1, kMaxCountedWeeks);
  // One range scan of items_by_first_seen (schema 11) over the period's
  // items, each joined to its matches by the primary key (item_id, namnd):
  // about 0.2 s at a million items, where a walk of every match took 3 s.
  auto query = sqlite::Statement::prepare(connection_->db.get(), R"sql(
      SELECT m.namnd, (i.first_seen - ?1) / 604800 AS week, COUNT(*)
      FROM items i JOIN matches m ON m.item_id = i.id
      WHERE i.first_seen >= ?1 AND i.first_seen < ?2 AND m.held = 0
      GROUP BY m.namnd, week ORDER BY m.namnd, week)sql",
                                          {"count matches per week", connection_->path});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, first_week);
  query->bind(2, first_week + std::chrono::days(7) * weeks);
  std::vector<WeekMatches> counts;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return counts;
    counts.push_back({query->text(0), static_cast<int>(query->int64(1)), query->int64(2)});
  }
}

Result<std::string> ItemStore::last_report_id() const {
  // The row recorded last: delivery times may tie within a second.
  auto query = sqlite::Statement::prepare(connection_->db.get(),
                                          "SELECT message_id FROM reports ORDER BY id DESC LIMIT 1",
                                          {"read last report", connection_->path});
  if (!query) return unexpected<Error>(query.error());
  auto row = query->step();
  if (!row) return unexpected<Error>(row.error());
  return *row ? query->text(0) : std::string();
}

Result<std::optional<core::TimePoint>> ItemStore::last_report() const {
  auto query = sqlite::Statement::prepare(connection_->db.get(),
                                          "SELECT MAX(delivered_at) FROM reports",
                                          {"read last report", connection_->path});
  if (!query) return unexpected<Error>(query.error());
  auto row = query->step();
  if (!row) return unexpected<Error>(row.error());
  return query->time(0);
}

Result<void> ItemStore::record_report(const ReportRecord& report) {
  auto insert = sqlite::Statement::prepare(
      connection_->db.get(),
      "INSERT INTO reports (message_id, subject, delivered_at) VALUES (?1, ?2, ?3)",
      {"record report " + report.message_id, connection_->path});
  if (!insert) return unexpected<Error>(insert.error());
  insert->bind(1, report.message_id);
  insert->bind(2, report.subject);
  insert->bind(3, report.delivered_at);
  return insert->run();
}

}  // namespace omvarld::storage
