// ItemStore: opening and every write. The reads are in item_queries.cpp.

#include "storage/item_store.h"

#include <utility>

#include "storage/connection.h"
#include "storage/rows.h"
#include "storage/schema.h"
#include "storage/sqlite.h"

namespace omvarld::storage {
namespace {

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

// Fails unless the last UPDATE of `source` found its row: a poll of a source
// that sync_sources never saw is a wiring bug, and its items would have no
// owner.
Result<void> require_known_source(const sqlite::Statement& update) {
  if (update.changes() > 0) return {};
  return unexpected<Error>(sqlite::storage_error(update.task(), "no such source"));
}

Result<void> store_matches(sqlite::Statement& insert, std::int64_t item_id,
                           const core::SourceId& source, const ClassifiedItem& classified) {
  for (const core::Match& match : classified.matches) {
    insert.reset({"store match of item " + quoted(classified.item.key),
                  "source " + source + ", nämnd " + match.namnd});
    insert.bind(1, item_id);
    insert.bind(2, match.namnd);
    insert.bind(3, to_json_list(match.terms));
    insert.bind(4, to_json_list(match.topics));
    if (auto stored = insert.run(); !stored) return stored;
  }
  return {};
}

}  // namespace

ItemStore::ItemStore(std::unique_ptr<Connection> connection) : connection_(std::move(connection)) {}
ItemStore::ItemStore(ItemStore&&) noexcept = default;
ItemStore& ItemStore::operator=(ItemStore&&) noexcept = default;
ItemStore::~ItemStore() = default;

Result<ItemStore> ItemStore::open(const std::string& path) {
  auto db = sqlite::open(path);
  if (!db) return unexpected<Error>(db.error());
  if (auto configured = configure_connection(db->get(), path); !configured) {
    return unexpected<Error>(configured.error());
  }
  if (auto migrated = migrate(db->get(), path); !migrated) {
    return unexpected<Error>(migrated.error());
  }
  return ItemStore(std::make_unique<Connection>(Connection{path, std::move(*db)}));
}

Result<void> ItemStore::sync_sources(std::span<const SourceRecord> sources) {
  sqlite3* db = connection_->db.get();
  auto transaction = sqlite::Transaction::begin(db, {"sync sources", connection_->path});
  if (!transaction) return unexpected<Error>(transaction.error());
  auto upsert = sqlite::Statement::prepare(db, R"sql(
      INSERT INTO sources (id, name, url) VALUES (?1, ?2, ?3)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, url = excluded.url)sql",
                                           {"sync sources", connection_->path});
  if (!upsert) return unexpected<Error>(upsert.error());
  for (const SourceRecord& source : sources) {
    upsert->reset({"sync source", "source " + source.id});
    upsert->bind(1, source.id);
    upsert->bind(2, source.name);
    upsert->bind(3, source.url);
    if (auto synced = upsert->run(); !synced) return synced;
  }
  return transaction->commit();
}

Result<int> ItemStore::store_poll(const core::SourceId& source,
                                  std::span<const ClassifiedItem> items, PollRecord poll) {
  sqlite3* db = connection_->db.get();
  const sqlite::Task task{"store poll", "source " + source};
  auto transaction = sqlite::Transaction::begin(db, task);
  if (!transaction) return unexpected<Error>(transaction.error());

  // Recording the poll first finds an unknown source before any item.
  auto record = sqlite::Statement::prepare(db, R"sql(
      UPDATE sources SET last_attempt = ?2, last_success = ?2, http_status = ?3,
                         last_error = NULL, error_streak = 0
      WHERE id = ?1)sql",
                                           task);
  if (!record) return unexpected<Error>(record.error());
  record->bind(1, source);
  record->bind(2, poll.at);
  record->bind(3, static_cast<std::int64_t>(poll.http_status));
  if (auto recorded = record->run(); !recorded) return unexpected<Error>(recorded.error());
  if (auto known = require_known_source(*record); !known) return unexpected<Error>(known.error());

  // DO NOTHING keeps an already stored item as it was first seen, including
  // its matches; feeds that repeat an id within one document land here too.
  auto insert_item = sqlite::Statement::prepare(db, R"sql(
      INSERT INTO items (source_id, key, title, link, summary, content, published, first_seen)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
      ON CONFLICT (source_id, key) DO NOTHING)sql",
                                                task);
  if (!insert_item) return unexpected<Error>(insert_item.error());
  auto insert_match = sqlite::Statement::prepare(
      db, "INSERT INTO matches (item_id, namnd, terms, topics) VALUES (?1, ?2, ?3, ?4)", task);
  if (!insert_match) return unexpected<Error>(insert_match.error());

  int new_items = 0;
  for (const ClassifiedItem& classified : items) {
    // The `source` argument is authoritative: the store files every item of
    // this poll under it.
    const core::Item& item = classified.item;
    insert_item->reset({"insert item " + quoted(item.key), "source " + source});
    insert_item->bind(1, source);
    insert_item->bind(2, item.key);
    insert_item->bind(3, item.title);
    insert_item->bind(4, item.link);
    insert_item->bind(5, item.summary);
    insert_item->bind(6, item.content);
    insert_item->bind(7, item.published);
    insert_item->bind(8, poll.at);
    if (auto inserted = insert_item->run(); !inserted) return unexpected<Error>(inserted.error());
    if (insert_item->changes() == 0) continue;
    ++new_items;
    if (auto stored =
            store_matches(*insert_match, insert_item->last_insert_id(), source, classified);
        !stored) {
      return unexpected<Error>(stored.error());
    }
  }
  if (auto committed = transaction->commit(); !committed) {
    return unexpected<Error>(committed.error());
  }
  return new_items;
}

Result<void> ItemStore::record_failure(const core::SourceId& source, const PollRecord& poll) {
  sqlite3* db = connection_->db.get();
  auto update = sqlite::Statement::prepare(db, R"sql(
      UPDATE sources SET last_attempt = ?2, http_status = ?3, last_error = ?4,
                         error_streak = error_streak + 1
      WHERE id = ?1)sql",
                                           {"record failed poll", "source " + source});
  if (!update) return unexpected<Error>(update.error());
  update->bind(1, source);
  update->bind(2, poll.at);
  update->bind(3, static_cast<std::int64_t>(poll.http_status));
  update->bind(4, poll.error);
  // One statement is atomic by itself: no transaction needed.
  if (auto recorded = update->run(); !recorded) return recorded;
  return require_known_source(*update);
}

Result<void> ItemStore::record_delivery(const DeliveryRecord& delivery,
                                        std::span<const std::int64_t> item_ids) {
  sqlite3* db = connection_->db.get();
  const sqlite::Task task{"record delivery of " + delivery.message_id, "nämnd " + delivery.namnd};
  auto transaction = sqlite::Transaction::begin(db, task);
  if (!transaction) return unexpected<Error>(transaction.error());

  auto insert_digest = sqlite::Statement::prepare(db, R"sql(
      INSERT INTO digests (namnd, message_id, subject, delivered_at)
      VALUES (?1, ?2, ?3, ?4))sql",
                                                  task);
  if (!insert_digest) return unexpected<Error>(insert_digest.error());
  insert_digest->bind(1, delivery.namnd);
  insert_digest->bind(2, delivery.message_id);
  insert_digest->bind(3, delivery.subject);
  insert_digest->bind(4, delivery.delivered_at);
  if (auto inserted = insert_digest->run(); !inserted) return inserted;
  const std::int64_t digest_id = insert_digest->last_insert_id();

  // The primary key (namnd, item_id) refuses an item this nämnd already
  // received; the transaction then takes the whole digest back.
  auto insert_item = sqlite::Statement::prepare(
      db, "INSERT INTO digest_items (digest_id, namnd, item_id) VALUES (?1, ?2, ?3)", task);
  if (!insert_item) return unexpected<Error>(insert_item.error());
  for (const std::int64_t item_id : item_ids) {
    insert_item->reset({"record delivery of item " + std::to_string(item_id),
                        "nämnd " + delivery.namnd + ", message " + delivery.message_id});
    insert_item->bind(1, digest_id);
    insert_item->bind(2, delivery.namnd);
    insert_item->bind(3, item_id);
    if (auto inserted = insert_item->run(); !inserted) return inserted;
  }
  return transaction->commit();
}

}  // namespace omvarld::storage
