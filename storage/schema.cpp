#include "storage/schema.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "storage/identity_rules.h"
#include "storage/sqlite.h"

namespace omvarld::storage {
namespace {

// Version N of the schema is kMigrations[N - 1]. Append, never edit: a
// database in the field has already run every entry up to its version.
// Times are Unix seconds (core::TimePoint).
constexpr std::array<std::string_view, 14> kMigrations = {
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
-- When the feed last changed the item's title, link, summary or content;
-- NULL while it is as first seen.
ALTER TABLE items ADD COLUMN updated_at INTEGER;
-- The link in canonical form (feeds::canonical_url); '' when none. Items
-- stored before this version start with their link as it was.
ALTER TABLE items ADD COLUMN canonical_link TEXT NOT NULL DEFAULT '';
UPDATE items SET canonical_link = link;
-- "2026-11-27 normalized title" (storage/identity_rules.h); '' when the
-- item is undated or its title too short. Filled as items are polled again.
ALTER TABLE items ADD COLUMN title_day TEXT NOT NULL DEFAULT '';
-- The same story: within a source after an id rotation, across sources in
-- a digest.
CREATE INDEX items_by_canonical_link ON items(canonical_link);
CREATE INDEX items_by_title_day ON items(title_day);

-- Polls whose every id changed at once, while the items were known by
-- link or title and day: their rows were re-keyed, not stored again.
CREATE TABLE id_rotations (
  id             INTEGER PRIMARY KEY,
  source_id      TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  at             INTEGER NOT NULL,
  rekeyed_items  INTEGER NOT NULL
);
CREATE INDEX id_rotations_by_time ON id_rotations(at);
)sql",
    // 4: full-text search over items (FTS5).
    R"sql(
-- An index over the items' text that stores no copy of it (external
-- content). unicode61 folds case (Å/å) but, with remove_diacritics 0, keeps
-- å, ä and ö distinct letters, as they are in Swedish: "förskolorna" is not
-- "forskolorna".
CREATE VIRTUAL TABLE items_fts USING fts5(
  title, summary, content,
  content = 'items', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 0'
);

-- A new item is indexed by store_poll itself, after the source's INSERTs
-- (or at the end of a batch of polls): FTS5 writes its pending terms out as
-- a new segment at every savepoint, and a trigger runs inside one, so an insert trigger made a
-- segment per item and cost 5 times the insert. Updates and deletes are
-- rare and go through the triggers, which keep the index in step whoever
-- makes them. An external-content index deletes by the old values.
CREATE TRIGGER items_fts_after_delete AFTER DELETE ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, title, summary, content)
  VALUES ('delete', old.id, old.title, old.summary, old.content);
END;
CREATE TRIGGER items_fts_after_update AFTER UPDATE OF id, title, summary, content ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, title, summary, content)
  VALUES ('delete', old.id, old.title, old.summary, old.content);
  INSERT INTO items_fts(rowid, title, summary, content)
  VALUES (new.id, new.title, new.summary, new.content);
END;

-- The items stored before this version.
INSERT INTO items_fts(items_fts) VALUES ('rebuild');
)sql",
    // 5: fetch state per source: validators, body hash, backoff, moved URLs.
    R"sql(
-- The validators of the last fetched document, sent back as If-None-Match
-- and If-Modified-Since, and a hash of its body ("fnv1a64:…"), so that an
-- unchanged document is not parsed again.
ALTER TABLE sources ADD COLUMN etag TEXT;
ALTER TABLE sources ADD COLUMN last_modified TEXT;
ALTER TABLE sources ADD COLUMN body_hash TEXT;
-- The last poll that found the document unchanged (304 or same body hash).
ALTER TABLE sources ADD COLUMN last_unchanged INTEGER;
-- What kind of failure the last error was (dns, connect, http-status, …).
ALTER TABLE sources ADD COLUMN failure_kind TEXT;
-- The earliest time the daemon polls the source again (backoff, Retry-After).
ALTER TABLE sources ADD COLUMN next_attempt INTEGER;
-- The Retry-After (seconds) of the last 429 or 503, if it sent one.
ALTER TABLE sources ADD COLUMN retry_after INTEGER;
-- Set by 410 Gone at disabled_url: not polled again until the configured
-- URL changes.
ALTER TABLE sources ADD COLUMN disabled_at INTEGER;
ALTER TABLE sources ADD COLUMN disabled_reason TEXT;
ALTER TABLE sources ADD COLUMN disabled_url TEXT;
-- Where a permanent redirect chain (301, 308) led, and the configured URL it
-- replaced: polls use moved_to while the configuration still says
-- moved_from, so an edited URL in the config wins.
ALTER TABLE sources ADD COLUMN moved_to TEXT;
ALTER TABLE sources ADD COLUMN moved_from TEXT;
)sql",
    // 6: deadlines of calls and consultations.
    R"sql(
-- The closing date the item states (sources/deadlines.h, or a JSON API's
-- field) as "YYYY-MM-DD"; NULL when it states none. Items stored before this
-- version get theirs when a poll sees them again.
ALTER TABLE items ADD COLUMN deadline TEXT;
)sql",
    // 7: one sender at a time, and permanent delivery refusals.
    R"sql(
-- Who is sending a mail right now (storage/send_leases.cpp): "digest:<nämnd
-- id>" or "report". A process sends only while its owner token holds an
-- unexpired row; another one skips that mail. A crashed sender's row is
-- taken over once it expires.
CREATE TABLE send_leases (
  name        TEXT PRIMARY KEY,
  owner       TEXT NOT NULL,
  expires_at  INTEGER NOT NULL
);

-- 1 when the last attempt was refused for good (an SMTP 5xx): it is tried
-- again at the next slot of the schedule, or at once when the configuration
-- the digest was made under (config_fingerprint) changes.
ALTER TABLE delivery_failures ADD COLUMN permanent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE delivery_failures ADD COLUMN config_fingerprint TEXT NOT NULL DEFAULT '';
)sql",
    // 8: the words each matched term found.
    R"sql(
-- A JSON array with one array per entry of terms: the words that term found
-- in the item as they stood there ("Förskolelärare"). Matches stored before
-- this version have '[]' and show their terms instead, until a reclassify.
ALTER TABLE matches ADD COLUMN found_words TEXT NOT NULL DEFAULT '[]';
)sql",
    // 9: what each delivered digest said.
    R"sql(
-- The text and HTML bodies of the digest as it was delivered, for `omvarld
-- digest show` (at most storage::kMaxStoredBodyBytes each); NULL for the
-- digests delivered before this version, whose bodies were not kept.
ALTER TABLE digests ADD COLUMN text_body TEXT;
ALTER TABLE digests ADD COLUMN html_body TEXT;
)sql",
    // 10: officials' answers to "Relevant? Ja / Nej" under a digest's items.
    R"sql(
-- One answer per nämnd, item and recipient: answering again replaces it.
-- recipient is a keyed digest of the address (web/feedback_token.h), never
-- the address. The answers go with their item when retention removes it.
CREATE TABLE feedback_votes (
  namnd      TEXT NOT NULL,
  item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  recipient  TEXT NOT NULL,
  vote       TEXT NOT NULL CHECK (vote IN ('ja', 'nej')),
  voted_at   INTEGER NOT NULL,
  UNIQUE (namnd, item_id, recipient)
);
CREATE INDEX feedback_votes_by_time ON feedback_votes(namnd, voted_at);
-- For the cascade when an item is removed.
CREATE INDEX feedback_votes_by_item ON feedback_votes(item_id);
)sql",
    // 11: the web archive's reads by time and by deadline: the coordinators'
    // weeks and "Prova ett filter" read items by first_seen, "Kommande
    // deadlines" and the calendars by deadline. Without them each is a scan
    // of every item (3 s at 1,000,000 items) on the daemon's event loop.
    R"sql(
CREATE INDEX items_by_first_seen ON items(first_seen);
CREATE INDEX items_by_deadline ON items(deadline) WHERE deadline IS NOT NULL;
)sql",
    // 12: a nämnd's digest goes out one message per recipient when it carries
    // feedback links (each recipient's own tokens): which items already went
    // to which recipient, so a retry after one recipient failed sends none
    // of them to the recipients served before it.
    R"sql(
-- recipient is the bare address in lower case. The rows of a digest go
-- once the nämnd's digest is recorded delivered (digest_items), and with
-- their item when retention removes it.
CREATE TABLE recipient_deliveries (
  namnd      TEXT NOT NULL,
  recipient  TEXT NOT NULL,
  item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  PRIMARY KEY (namnd, recipient, item_id)
) WITHOUT ROWID;
-- For the cascade when an item is removed.
CREATE INDEX recipient_deliveries_by_item ON recipient_deliveries(item_id);
)sql",
    // 13: the sources' health (the coordinators' page, the report, status)
    // reads each source's newest item: with this index one step per source,
    // without it a visit to every item (9 s at 1,000,000 items, on the
    // daemon's event loop).
    R"sql(
CREATE INDEX items_by_source_first_seen ON items(source_id, first_seen);
)sql",
    // 14: the same story found by hashes of its keys (storage/story_keys.h).
    // The indexes of whole URLs and titles, in random order, were a third
    // of a cold poll's storing: each batch dirtied most of their pages,
    // which the log and the savepoint journals then copied. One row per
    // item; its columns are NULL where the item's key is ''.
    R"sql(
CREATE TABLE story_keys (
  item_id         INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  link_hash       INTEGER,
  title_day_hash  INTEGER
);
INSERT INTO story_keys (item_id, link_hash, title_day_hash)
  SELECT id, omvarld_story_key_hash(canonical_link), omvarld_story_key_hash(title_day)
  FROM items;
CREATE INDEX story_keys_by_link ON story_keys(link_hash) WHERE link_hash IS NOT NULL;
CREATE INDEX story_keys_by_title_day ON story_keys(title_day_hash)
  WHERE title_day_hash IS NOT NULL;
DROP INDEX items_by_canonical_link;
DROP INDEX items_by_title_day;
)sql",
};

// omvarld_story_key_hash(key): story_key_hash in SQL, for migration 14 to
// fill story_keys with what store_poll computes. Only migrating
// connections have it, so nothing kept in the file (an index, a trigger, a
// view) may name it: the sqlite3 shell must still be able to write there.
void story_key_hash_in_sql(sqlite3_context* context, int, sqlite3_value** arguments) {
  // sqlite3_value_text before sqlite3_value_bytes: the size is the text's.
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(arguments[0]));
  const std::string_view key =
      text == nullptr ? std::string_view{}
                      : std::string_view(text, static_cast<std::size_t>(
                                                   sqlite3_value_bytes(arguments[0])));
  if (const std::optional<std::int64_t> hash = story_key_hash(key)) {
    sqlite3_result_int64(context, *hash);
  } else {
    sqlite3_result_null(context);
  }
}

Result<void> register_migration_functions(sqlite3* db, const std::string& path) {
  if (sqlite3_create_function(db, "omvarld_story_key_hash", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, nullptr,
                              story_key_hash_in_sql, nullptr, nullptr) != SQLITE_OK) {
    return unexpected<Error>(sqlite::storage_error({"register migration functions", path}, db));
  }
  return {};
}

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
  if (sqlite3_busy_timeout(db, sqlite::kBusyTimeoutMilliseconds) != SQLITE_OK) {
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
  return migrate_to(db, path, latest_schema_version());
}

Result<void> migrate_to(sqlite3* db, const std::string& path, int target) {
  auto version = user_version(db, path);
  if (!version) return unexpected<Error>(version.error());
  if (*version > latest_schema_version()) {
    return unexpected<Error>(sqlite::storage_error(
        {"open database", path}, "schema version " + std::to_string(*version) +
                                     " is newer than this omvarld knows (" +
                                     std::to_string(latest_schema_version()) + ")"));
  }
  if (*version < target) {
    if (auto registered = register_migration_functions(db, path); !registered) return registered;
  }
  for (int next = *version + 1; next <= target && next <= latest_schema_version(); ++next) {
    if (auto applied = apply(db, path, next); !applied) return applied;
  }
  return {};
}

}  // namespace omvarld::storage
