#include "storage/schema.h"

#include <array>
#include <string_view>

#include "storage/sqlite.h"

namespace omvarld::storage {
namespace {

// Version N of the schema is kMigrations[N - 1]. Append, never edit: a
// database in the field has already run every entry up to its version.
// Times are Unix seconds (core::TimePoint).
constexpr std::array<std::string_view, 5> kMigrations = {
    // 1: sources, items and their matches, delivered digests.
    R"sql(
CREATE TABLE sources (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL DEFAULT '',
  url           TEXT NOT NULL DEFAULT '',
  last_attempt  INTEGER,
  last_success  INTEGER,
  http_status   INTEGER,
  last_error    TEXT,
  error_streak  INTEGER NOT NULL DEFAULT 0
);

-- An item is stored once per source, identified by the key normalize gave it.
CREATE TABLE items (
  id          INTEGER PRIMARY KEY,
  source_id   TEXT NOT NULL REFERENCES sources(id),
  key         TEXT NOT NULL,
  title       TEXT NOT NULL DEFAULT '',
  link        TEXT NOT NULL DEFAULT '',
  summary     TEXT NOT NULL DEFAULT '',
  content     TEXT NOT NULL DEFAULT '',
  published   INTEGER,
  first_seen  INTEGER NOT NULL,
  UNIQUE (source_id, key)
);

-- Why an item concerns a nämnd; terms and topics are JSON arrays of strings.
CREATE TABLE matches (
  item_id  INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  namnd    TEXT NOT NULL,
  terms    TEXT NOT NULL DEFAULT '[]',
  topics   TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (item_id, namnd)
);
CREATE INDEX matches_by_namnd ON matches(namnd, item_id);

CREATE TABLE digests (
  id            INTEGER PRIMARY KEY,
  namnd         TEXT NOT NULL,
  message_id    TEXT NOT NULL UNIQUE,
  subject       TEXT NOT NULL DEFAULT '',
  delivered_at  INTEGER NOT NULL
);
CREATE INDEX digests_by_namnd ON digests(namnd, delivered_at);

-- namnd repeats the digest's so that the primary key itself guarantees an
-- item is never delivered twice to one nämnd.
CREATE TABLE digest_items (
  digest_id  INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
  namnd      TEXT NOT NULL,
  item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  PRIMARY KEY (namnd, item_id)
);
CREATE INDEX digest_items_by_digest ON digest_items(digest_id);
CREATE INDEX digest_items_by_item ON digest_items(item_id);
)sql",
    // 2: filter explanations, held matches, delivery failures, floods and
    // the coordinators' reports.
    R"sql(
-- The terms (JSON array) that matched in the item's title.
ALTER TABLE matches ADD COLUMN title_terms TEXT NOT NULL DEFAULT '[]';
-- 1 when the item was already old news when it arrived (dated before the
-- nämnd's last digest): kept for queries, never put in a digest.
ALTER TABLE matches ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
-- The first failed poll of a source's current error streak.
ALTER TABLE sources ADD COLUMN failing_since INTEGER;

-- A nämnd whose digest could not be delivered, since its last success; the
-- row goes away when a delivery succeeds.
CREATE TABLE delivery_failures (
  namnd           TEXT PRIMARY KEY,
  failure_streak  INTEGER NOT NULL,
  first_failure   INTEGER NOT NULL,
  last_failure    INTEGER NOT NULL,
  last_error      TEXT NOT NULL,
  next_attempt    INTEGER NOT NULL
);

-- Polls that brought an unusual number of new items from one source.
CREATE TABLE floods (
  id          INTEGER PRIMARY KEY,
  source_id   TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  new_items   INTEGER NOT NULL,
  held_items  INTEGER NOT NULL
);
CREATE INDEX floods_by_time ON floods(at);

-- Coordinators' reports that the transport accepted.
CREATE TABLE reports (
  id            INTEGER PRIMARY KEY,
  message_id    TEXT NOT NULL UNIQUE,
  subject       TEXT NOT NULL DEFAULT '',
  delivered_at  INTEGER NOT NULL
);
)sql",
    // 3: item identity, updates and the same story in several feeds.
    R"sql(
)sql",
    // 4: full-text search over items (FTS5).
    R"sql(
)sql",
    // 5: fetch state per source: validators, body hash, backoff, moved URLs.
    R"sql(
)sql",
};

Result<int> user_version(sqlite3* db, const std::string& path) {
  auto statement =
      sqlite::Statement::prepare(db, "PRAGMA user_version", {"read schema version", path});
  if (!statement) return unexpected<Error>(statement.error());
  auto row = statement->step();
  if (!row) return unexpected<Error>(row.error());
  return *row ? static_cast<int>(statement->int64(0)) : 0;
}

// Applies migration `version` unless another connection did while this one
// waited for the write lock.
Result<void> apply(sqlite3* db, const std::string& path, int version) {
  const sqlite::Task task{"migrate schema to version " + std::to_string(version), path};
  auto transaction = sqlite::Transaction::begin(db, task);
  if (!transaction) return unexpected<Error>(transaction.error());
  auto current = user_version(db, path);
  if (!current) return unexpected<Error>(current.error());
  if (*current >= version) return {};

  const std::string sql(kMigrations[static_cast<std::size_t>(version - 1)]);
  if (auto applied = sqlite::execute(db, sql, task); !applied) return applied;
  // PRAGMA takes no bound parameters; the version is our own integer.
  const std::string set_version = "PRAGMA user_version = " + std::to_string(version);
  if (auto set = sqlite::execute(db, set_version, task); !set) return set;
  return transaction->commit();
}

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

Result<void> configure_connection(sqlite3* db, const std::string& path) {
  // The daemon and the CLI share the file: wait for a lock rather than fail.
  if (sqlite3_busy_timeout(db, 5000) != SQLITE_OK) {
    return unexpected<Error>(sqlite::storage_error({"set busy timeout", path}, db));
  }
  // WAL lets the CLI read while the daemon writes; NORMAL is durable across
  // process crashes in WAL mode and loses at most the last commits on power
  // loss, which the next poll fetches again. A memory database has no WAL.
  if (path != ":memory:" && !path.empty()) {
    if (auto wal = sqlite::execute(db, "PRAGMA journal_mode = WAL", {"set journal mode", path});
        !wal) {
      return wal;
    }
  }
  if (auto sync = sqlite::execute(db, "PRAGMA synchronous = NORMAL", {"set synchronous", path});
      !sync) {
    return sync;
  }
  return sqlite::execute(db, "PRAGMA foreign_keys = ON", {"enable foreign keys", path});
}

Result<void> migrate(sqlite3* db, const std::string& path) {
  auto version = user_version(db, path);
  if (!version) return unexpected<Error>(version.error());
  if (*version > latest_schema_version()) {
    return unexpected<Error>(sqlite::storage_error(
        {"open database", path}, "schema version " + std::to_string(*version) +
                                     " is newer than this omvarld knows (" +
                                     std::to_string(latest_schema_version()) + ")"));
  }
  for (int next = *version + 1; next <= latest_schema_version(); ++next) {
    if (auto applied = apply(db, path, next); !applied) return applied;
  }
  return {};
}

}  // namespace omvarld::storage
