// ItemStore: each source's fetch state (migration 5) — validators, body
// hash, backoff, 410 Gone and permanent redirects.

#include "storage/source_state.h"

#include <string>

#include "storage/connection.h"
#include "storage/item_store.h"
#include "storage/sqlite.h"

namespace omvarld::storage {
namespace {

void bind_optional(sqlite::Statement& statement, int index, const std::optional<std::string>& value) {
  if (value) return statement.bind(index, *value);
  statement.bind_null(index);
}

void bind_optional(sqlite::Statement& statement, int index,
                   const std::optional<std::chrono::seconds>& value) {
  if (value) return statement.bind(index, static_cast<std::int64_t>(value->count()));
  statement.bind_null(index);
}

}  // namespace

Result<void> require_known_source(const sqlite::Statement& update) {
  if (update.changes() > 0) return {};
  return unexpected<Error>(sqlite::storage_error(update.task(), "no such source"));
}

Result<void> save_fetch_state(sqlite::StatementCache& statements, const core::SourceId& source,
                              const PollRecord& poll, const sqlite::Task& task) {
  auto update = statements.lease(R"sql(
      UPDATE sources SET etag = COALESCE(?2, etag), last_modified = COALESCE(?3, last_modified),
                         body_hash = COALESCE(?4, body_hash), next_attempt = ?5,
                         failure_kind = CASE WHEN ?6 = '' THEN NULL ELSE 'partial' END,
                         retry_after = NULL,
                         disabled_at = NULL, disabled_reason = NULL, disabled_url = NULL
      WHERE id = ?1)sql",
                                           task);
  if (!update) return unexpected<Error>(update.error());
  update->bind(1, source);
  bind_optional(*update, 2, poll.etag);
  bind_optional(*update, 3, poll.last_modified);
  bind_optional(*update, 4, poll.body_hash);
  update->bind(5, poll.next_attempt);
  update->bind(6, poll.error);
  return update->run();
}

Result<std::vector<SourceFetchState>> ItemStore::fetch_states() const {
  auto query = sqlite::Statement::prepare(connection_->db.get(), R"sql(
      SELECT id, url, etag, last_modified, body_hash, last_attempt, last_success, last_unchanged,
             http_status, last_error, failure_kind, error_streak, next_attempt, retry_after,
             disabled_at, disabled_reason, disabled_url, moved_to, moved_from
      FROM sources ORDER BY id)sql",
                                          {"read fetch state of sources", connection_->path});
  if (!query) return unexpected<Error>(query.error());
  std::vector<SourceFetchState> states;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return states;
    SourceFetchState state;
    state.id = query->text(0);
    state.url = query->text(1);
    state.etag = query->text(2);
    state.last_modified = query->text(3);
    state.body_hash = query->text(4);
    state.last_attempt = query->time(5);
    state.last_success = query->time(6);
    state.last_unchanged = query->time(7);
    state.http_status = static_cast<long>(query->int64(8));
    state.last_error = query->text(9);
    state.failure_kind = query->text(10);
    state.error_streak = static_cast<int>(query->int64(11));
    state.next_attempt = query->time(12);
    if (!query->is_null(13)) state.retry_after = std::chrono::seconds(query->int64(13));
    state.disabled_at = query->time(14);
    state.disabled_reason = query->text(15);
    state.disabled_url = query->text(16);
    state.moved_to = query->text(17);
    state.moved_from = query->text(18);
    states.push_back(std::move(state));
  }
}

Result<void> ItemStore::record_unchanged(const core::SourceId& source, const UnchangedPoll& poll) {
  auto update = sqlite::Statement::prepare(connection_->db.get(), R"sql(
      UPDATE sources SET last_attempt = ?2, last_success = ?2, last_unchanged = ?2,
                         http_status = ?3, last_error = NULL, error_streak = 0,
                         failing_since = NULL, failure_kind = NULL, retry_after = NULL,
                         etag = ?4, last_modified = ?5, next_attempt = ?6
      WHERE id = ?1)sql",
                                           {"record unchanged poll", "source " + source});
  if (!update) return unexpected<Error>(update.error());
  update->bind(1, source);
  update->bind(2, poll.at);
  update->bind(3, static_cast<std::int64_t>(poll.http_status));
  update->bind(4, poll.etag);
  update->bind(5, poll.last_modified);
  update->bind(6, poll.next_attempt);
  if (auto recorded = update->run(); !recorded) return recorded;
  return require_known_source(*update);
}

Result<void> ItemStore::record_failed_fetch(const core::SourceId& source,
                                            const FailedFetch& failure) {
  auto update = sqlite::Statement::prepare(connection_->db.get(), R"sql(
      UPDATE sources SET last_attempt = ?2, http_status = ?3, last_error = ?4,
                         error_streak = error_streak + 1,
                         failing_since = COALESCE(failing_since, ?2),
                         failure_kind = ?5, next_attempt = ?6, retry_after = ?7,
                         disabled_at = CASE WHEN ?8 THEN ?2 ELSE disabled_at END,
                         disabled_reason = CASE WHEN ?8 THEN ?4 ELSE disabled_reason END,
                         disabled_url = CASE WHEN ?8 THEN url ELSE disabled_url END
      WHERE id = ?1)sql",
                                           {"record failed fetch", "source " + source});
  if (!update) return unexpected<Error>(update.error());
  update->bind(1, source);
  update->bind(2, failure.at);
  update->bind(3, static_cast<std::int64_t>(failure.http_status));
  update->bind(4, failure.error);
  update->bind(5, failure.kind);
  update->bind(6, failure.next_attempt);
  bind_optional(*update, 7, failure.retry_after);
  update->bind(8, std::int64_t{failure.disable ? 1 : 0});
  if (auto recorded = update->run(); !recorded) return recorded;
  return require_known_source(*update);
}

Result<void> ItemStore::record_moved(const core::SourceId& source, const std::string& from,
                                     const std::string& to) {
  auto update = sqlite::Statement::prepare(
      connection_->db.get(), "UPDATE sources SET moved_to = ?2, moved_from = ?3 WHERE id = ?1",
      {"record moved URL " + to, "source " + source});
  if (!update) return unexpected<Error>(update.error());
  update->bind(1, source);
  update->bind(2, to);
  update->bind(3, from);
  if (auto recorded = update->run(); !recorded) return recorded;
  return require_known_source(*update);
}

}  // namespace omvarld::storage
