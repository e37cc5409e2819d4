// ItemStore: opening and every write. The reads are in item_queries.cpp.

#include "storage/item_store.h"

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "storage/connection.h"
#include "storage/identity_rules.h"
#include "storage/intake_rules.h"
#include "storage/poll_intake.h"
#include "storage/rows.h"
#include "storage/schema.h"
#include "storage/source_state.h"
#include "storage/sqlite.h"
#include "storage/story_keys.h"
#include "storage/twins.h"

namespace omvarld::storage {
namespace {

// `text` cut to at most `limit` bytes, at the start of a UTF-8 character.
std::string_view cut_at_character(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

// When each nämnd's last digest was delivered, read once per poll.
class LastDigests {
 public:
  static Result<LastDigests> prepare(sqlite::StatementCache& statements,
                                     const sqlite::Task& task) {
    auto query = statements.lease(
        "SELECT MAX(delivered_at) FROM digests WHERE namnd = ?1", task);
    if (!query) return unexpected<Error>(query.error());
    return LastDigests(std::move(*query));
  }

  Result<std::optional<core::TimePoint>> of(const core::NamndId& namnd) {
    if (auto known = cache_.find(namnd); known != cache_.end()) return known->second;
    query_.reset({"read last delivery", "nämnd " + namnd});
    query_.bind(1, namnd);
    auto row = query_.step();
    if (!row) return unexpected<Error>(row.error());
    return cache_[namnd] = query_.time(0);
  }

 private:
  explicit LastDigests(sqlite::Statement query) : query_(std::move(query)) {}

  sqlite::Statement query_;
  std::map<core::NamndId, std::optional<core::TimePoint>> cache_;
};

// Returns how many of the matches were held as old news.
Result<int> store_matches(sqlite::Statement& insert, LastDigests& last_digests,
                          std::int64_t item_id, const core::SourceId& source,
                          const ClassifiedItem& classified, const PollRecord& poll) {
  int held_matches = 0;
  for (const core::Match& match : classified.matches) {
    auto last_digest = last_digests.of(match.namnd);
    if (!last_digest) return unexpected<Error>(last_digest.error());
    const bool held =
        is_old_news(classified.item.published, *last_digest, poll.at, poll.first_digest_reach);
    held_matches += held ? 1 : 0;
    insert.reset({"store match of item " + quoted(classified.item.key),
                  "source " + source + ", nämnd " + match.namnd});
    insert.bind(1, item_id);
    insert.bind(2, match.namnd);
    insert.bind(3, to_json_list(match.terms));
    insert.bind(4, to_json_list(match.topics));
    insert.bind(5, std::int64_t{held ? 1 : 0});
    insert.bind(6, to_json_list(match.title_terms));
    insert.bind(7, to_json_lists(match.found_words));
    if (auto stored = insert.run(); !stored) return unexpected<Error>(stored.error());
  }
  return held_matches;
}

// The new-item counts of the source's last 20 polls that brought any, before
// `before`: the items of one poll share their first_seen.
Result<std::vector<int>> earlier_poll_counts(sqlite::StatementCache& statements,
                                             const core::SourceId& source, core::TimePoint before,
                                             const sqlite::Task& task) {
  auto query = statements.lease(R"sql(
      SELECT COUNT(*) FROM items WHERE source_id = ?1 AND first_seen < ?2
      GROUP BY first_seen ORDER BY first_seen DESC LIMIT 20)sql",
                                task);
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, source);
  query->bind(2, before);
  std::vector<int> counts;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return counts;
    counts.push_back(static_cast<int>(query->int64(0)));
  }
}

Result<void> record_flood(sqlite::StatementCache& statements, const core::SourceId& source,
                          core::TimePoint at, const PollOutcome& outcome,
                          const sqlite::Task& task) {
  auto insert = statements.lease(
      "INSERT INTO floods (source_id, at, new_items, held_items) VALUES (?1, ?2, ?3, ?4)",
      task);
  if (!insert) return unexpected<Error>(insert.error());
  insert->bind(1, source);
  insert->bind(2, at);
  insert->bind(3, std::int64_t{outcome.new_items});
  insert->bind(4, std::int64_t{outcome.held_matches});
  return insert->run();
}

// Indexes new items for search and by their story (story_keys.h),
// reading them from `items`. One row at a time, with the text bound: an
// INSERT … SELECT into items_fts runs in a statement savepoint, at which
// FTS5 writes a segment. A batch does this at its end (connection.h).
Result<void> index_items(sqlite::StatementCache& statements,
                         std::span<const std::int64_t> item_ids, const sqlite::Task& task) {
  if (item_ids.empty()) return {};
  auto read = statements.lease(
      "SELECT title, summary, content, canonical_link, title_day FROM items WHERE id = ?1", task);
  if (!read) return unexpected<Error>(read.error());
  auto index = statements.lease(
      "INSERT INTO items_fts (rowid, title, summary, content) VALUES (?1, ?2, ?3, ?4)", task);
  if (!index) return unexpected<Error>(index.error());
  auto record_keys = statements.lease(kRecordStoryKeysSql, task);
  if (!record_keys) return unexpected<Error>(record_keys.error());
  for (const std::int64_t item_id : item_ids) {
    const sqlite::Task indexing{"index item " + std::to_string(item_id), task.context};
    read->reset(indexing);
    read->bind(1, item_id);
    auto row = read->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return unexpected<Error>(sqlite::storage_error(indexing, "the item is not stored"));
    index->reset(indexing);
    index->bind(1, item_id);
    for (int column = 0; column < 3; ++column) index->bind(column + 2, read->text_view(column));
    if (auto indexed = index->run(); !indexed) return indexed;
    if (auto recorded = record_story_keys(*record_keys, item_id, read->text_view(3),
                                          read->text_view(4), indexing);
        !recorded) {
      return recorded;
    }
  }
  return {};
}

}  // namespace

ItemStore::ItemStore(std::unique_ptr<Connection> connection) : connection_(std::move(connection)) {}
ItemStore::ItemStore(ItemStore&&) noexcept = default;
ItemStore& ItemStore::operator=(ItemStore&&) noexcept = default;
ItemStore::~ItemStore() = default;

void ItemStore::set_busy_timeout(std::chrono::milliseconds wait) {
  sqlite3_busy_timeout(connection_->db.get(), static_cast<int>(wait.count()));
}

namespace {

// SQLite's machine steps between two looks at the clock: a few
// microseconds of work, so a deadline is kept to well within a millisecond.
constexpr int kStepsBetweenDeadlineChecks = 1000;

using Deadline = std::optional<std::chrono::steady_clock::time_point>;

int past_deadline(void* deadline) {
  const Deadline& when = *static_cast<const Deadline*>(deadline);
  return when && std::chrono::steady_clock::now() >= *when ? 1 : 0;
}

}  // namespace

void ItemStore::set_deadline(std::optional<std::chrono::steady_clock::time_point> deadline) {
  connection_->deadline = deadline;
  if (deadline) {
    sqlite3_progress_handler(connection_->db.get(), kStepsBetweenDeadlineChecks, &past_deadline,
                             &connection_->deadline);
  } else {
    sqlite3_progress_handler(connection_->db.get(), 0, nullptr, nullptr);
  }
}

Result<void> ItemStore::begin_batch() {
  if (connection_->batch) {
    return unexpected<Error>(sqlite::storage_error({"begin a batch of polls", connection_->path},
                                                   "a batch is already open"));
  }
  auto begun = sqlite::Transaction::begin(connection_->db.get(),
                                          {"commit a batch of polls", connection_->path});
  if (!begun) return unexpected<Error>(begun.error());
  connection_->batch.emplace(std::move(*begun));
  return {};
}

Result<void> ItemStore::end_batch() {
  if (!connection_->batch) return {};
  const bool rolled_back = batch_rolled_back();
  // However this ends, also by an exception, the batch is over: what a
  // failed index or commit left is rolled back.
  struct EndsBatch {
    Connection& connection;
    ~EndsBatch() {
      connection.batch.reset();
      connection.unindexed.clear();
      connection.unindexed_sources.clear();
    }
  } ends{*connection_};
  Result<void> committed;
  if (!rolled_back) {
    committed = index_items(connection_->statements, connection_->unindexed,
                            {"index a batch of polls", connection_->path});
    if (committed) committed = connection_->batch->commit();
  }
  if (rolled_back) {
    return unexpected<Error>(sqlite::storage_error(
        {"commit a batch of polls", connection_->path},
        "SQLite rolled the batch back after an error in it; nothing written in it was kept"));
  }
  return committed;
}

bool ItemStore::batch_rolled_back() const {
  return connection_->batch && sqlite3_get_autocommit(connection_->db.get()) != 0;
}

Result<ItemStore> ItemStore::open(const std::string& path) {
  auto db = sqlite::open(path);
  if (!db) return unexpected<Error>(db.error());
  if (auto configured = configure_connection(db->get(), path); !configured) {
    return unexpected<Error>(configured.error());
  }
  if (auto migrated = migrate(db->get(), path); !migrated) {
    return unexpected<Error>(migrated.error());
  }
  if (auto recorded = record_missing_story_keys(db->get(), path); !recorded) {
    return unexpected<Error>(recorded.error());
  }
  return ItemStore(std::make_unique<Connection>(path, std::move(*db)));
}

Result<void> ItemStore::checkpoint_in_background() {
  if (connection_->checkpoints) return {};
  auto started = BackgroundCheckpoints::start(connection_->db.get(), connection_->path);
  if (!started) return unexpected<Error>(started.error());
  connection_->checkpoints = std::move(*started);
  return {};
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

Result<PollOutcome> ItemStore::store_poll(const core::SourceId& source,
                                          std::span<const core::Item> items, PollRecord poll,
                                          const ClassifyItems& classify) {
  std::vector<ClassifiedItem> unclassified;
  unclassified.reserve(items.size());
  for (const core::Item& item : items) unclassified.push_back({item, {}});
  return store_classified_poll(source, unclassified, poll, &classify);
}

Result<PollOutcome> ItemStore::store_classified_poll(const core::SourceId& source,
                                                     std::span<const ClassifiedItem> items,
                                                     const PollRecord& poll,
                                                     const ClassifyItems* classify) {
  sqlite3* db = connection_->db.get();
  sqlite::StatementCache& statements = connection_->statements;
  const sqlite::Task task{"store poll", "source " + source};
  // In a batch, new items are indexed for search at its end (connection.h).
  // The items of a batch SQLite rolled back are gone, and their ids free.
  if (batch_rolled_back()) {
    connection_->unindexed.clear();
    connection_->unindexed_sources.clear();
  }
  const bool index_at_batch_end = connection_->batch.has_value() && !batch_rolled_back();
  std::vector<std::int64_t> new_item_ids;
  auto transaction = sqlite::Transaction::begin(db, task);
  if (!transaction) return unexpected<Error>(transaction.error());
  // This source again in the batch: the items waiting are indexed now,
  // inside its savepoint, so that a failure takes these index rows back too.
  std::size_t indexed_early = 0;
  if (connection_->unindexed_sources.contains(source)) {
    if (auto indexed = index_items(statements, connection_->unindexed, task); !indexed) {
      return unexpected<Error>(indexed.error());
    }
    indexed_early = connection_->unindexed.size();
  }

  // Recording the poll first finds an unknown source before any item.
  // A document read only in part (poll.error) stores its items and leaves
  // the source failing, so that `status` and the report show it.
  auto record = statements.lease(R"sql(
      UPDATE sources SET last_attempt = ?2, last_success = ?2, http_status = ?3,
                         last_error = NULLIF(?4, ''),
                         error_streak = CASE WHEN ?4 = '' THEN 0 ELSE error_streak + 1 END,
                         failing_since = CASE WHEN ?4 = '' THEN NULL
                                              ELSE COALESCE(failing_since, ?2) END
      WHERE id = ?1)sql",
                                task);
  if (!record) return unexpected<Error>(record.error());
  record->bind(1, source);
  record->bind(2, poll.at);
  record->bind(3, static_cast<std::int64_t>(poll.http_status));
  record->bind(4, poll.error);
  if (auto recorded = record->run(); !recorded) return unexpected<Error>(recorded.error());
  if (auto known = require_known_source(*record); !known) return unexpected<Error>(known.error());
  if (auto saved = save_fetch_state(statements, source, poll, task); !saved) {
    return unexpected<Error>(saved.error());
  }

  // Items already stored (by key, or by the same story after an id
  // rotation) are updated or left as they are by PollIntake; the rest are
  // new. DO NOTHING stays as a guard: a key is never stored twice.
  auto intake = PollIntake::prepare(statements, source, poll.at, task);
  if (!intake) return unexpected<Error>(intake.error());
  if (auto recognised = intake->recognise(items); !recognised) {
    return unexpected<Error>(recognised.error());
  }
  auto insert_item = statements.lease(R"sql(
      INSERT INTO items (source_id, key, title, link, summary, content, published, first_seen,
                         canonical_link, title_day, deadline)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
      ON CONFLICT (source_id, key) DO NOTHING)sql",
                                     task);
  if (!insert_item) return unexpected<Error>(insert_item.error());
  auto insert_match = statements.lease(
      "INSERT INTO matches (item_id, namnd, terms, topics, held, title_terms, found_words)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      task);
  if (!insert_match) return unexpected<Error>(insert_match.error());
  auto last_digests = LastDigests::prepare(statements, task);
  if (!last_digests) return unexpected<Error>(last_digests.error());

  // The items `classify` is asked about, all at once: the new ones and
  // the known ones that changed.
  std::vector<std::size_t> asked_at;  // by index into `items`: into `answers`, or kNotAsked
  std::vector<std::vector<core::Match>> answers;
  constexpr std::size_t kNotAsked = static_cast<std::size_t>(-1);
  if (classify != nullptr) {
    std::vector<const core::Item*> asked;
    asked_at.assign(items.size(), kNotAsked);
    for (std::size_t index = 0; index < items.size(); ++index) {
      const IntakeRole role = intake->role(index);
      if (role == IntakeRole::kNew ||
          (role == IntakeRole::kKnown && intake->is_changed(index, items[index].item))) {
        asked_at[index] = asked.size();
        asked.push_back(&items[index].item);
      }
    }
    if (!asked.empty()) answers = (*classify)(asked);
    if (answers.size() != asked.size()) {
      throw std::logic_error("store poll: source " + source + ": " + std::to_string(asked.size()) +
                             " items to classify, " + std::to_string(answers.size()) + " answers");
    }
  }

  PollOutcome outcome;
  for (std::size_t index = 0; index < items.size(); ++index) {
    const IntakeRole role = intake->role(index);
    if (role == IntakeRole::kRepeat) continue;
    const core::Item& polled = items[index].item;
    ClassifiedItem asked;  // the matches `classify` gave, when it was asked
    const bool ask = classify != nullptr && asked_at[index] != kNotAsked;
    if (ask) asked = {polled, std::move(answers[asked_at[index]])};
    const ClassifiedItem& classified = ask ? asked : items[index];
    if (role == IntakeRole::kKnown) {
      if (auto applied = intake->apply_known(index, classified, outcome); !applied) {
        return unexpected<Error>(applied.error());
      }
      continue;
    }
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
    insert_item->bind(9, item.canonical_link);
    insert_item->bind(10, title_day_key(item.title, item.published));
    bind_deadline(*insert_item, 11, item.deadline);
    if (auto inserted = insert_item->run(); !inserted) return unexpected<Error>(inserted.error());
    if (insert_item->changes() == 0) continue;
    ++outcome.new_items;
    const std::int64_t item_id = insert_item->last_insert_id();
    new_item_ids.push_back(item_id);
    auto held = store_matches(*insert_match, *last_digests, item_id, source, classified, poll);
    if (!held) return unexpected<Error>(held.error());
    outcome.held_matches += *held;
  }

  if (auto finished = intake->finish(outcome); !finished) {
    return unexpected<Error>(finished.error());
  }
  if (outcome.new_items > 0) {
    auto earlier = earlier_poll_counts(statements, source, poll.at, task);
    if (!earlier) return unexpected<Error>(earlier.error());
    outcome.flood = is_flood(outcome.new_items, std::move(*earlier));
    if (outcome.flood) {
      if (auto recorded = record_flood(statements, source, poll.at, outcome, task); !recorded) {
        return unexpected<Error>(recorded.error());
      }
    }
  }
  // Searchable from the same commit on (see migration 4 for why not a
  // trigger). What may allocate, and so throw, comes before the commit:
  // once it is made, the waiting list must say what the batch holds. A
  // source named there that has no item waiting costs an early index only.
  if (!index_at_batch_end) {
    if (auto indexed = index_items(statements, new_item_ids, task); !indexed) {
      return unexpected<Error>(indexed.error());
    }
  } else if (!new_item_ids.empty()) {
    connection_->unindexed_sources.insert(source);
    connection_->unindexed.reserve(connection_->unindexed.size() + new_item_ids.size());
  }
  if (auto committed = transaction->commit(); !committed) {
    return unexpected<Error>(committed.error());
  }
  std::vector<std::int64_t>& unindexed = connection_->unindexed;
  unindexed.erase(unindexed.begin(), unindexed.begin() + static_cast<std::ptrdiff_t>(indexed_early));
  if (index_at_batch_end) unindexed.insert(unindexed.end(), new_item_ids.begin(), new_item_ids.end());
  return outcome;
}

Result<void> ItemStore::record_delivery(const DeliveryRecord& delivery,
                                        std::span<const std::int64_t> item_ids) {
  sqlite3* db = connection_->db.get();
  const sqlite::Task task{"record delivery of " + delivery.message_id, "nämnd " + delivery.namnd};
  auto transaction = sqlite::Transaction::begin(db, task);
  if (!transaction) return unexpected<Error>(transaction.error());

  auto insert_digest = sqlite::Statement::prepare(db, R"sql(
      INSERT INTO digests (namnd, message_id, subject, delivered_at, text_body, html_body)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql",
                                                  task);
  if (!insert_digest) return unexpected<Error>(insert_digest.error());
  insert_digest->bind(1, delivery.namnd);
  insert_digest->bind(2, delivery.message_id);
  insert_digest->bind(3, delivery.subject);
  insert_digest->bind(4, delivery.delivered_at);
  insert_digest->bind(5, cut_at_character(delivery.text_body, kMaxStoredBodyBytes));
  insert_digest->bind(6, cut_at_character(delivery.html_body, kMaxStoredBodyBytes));
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
  // The same story from other feeds counts as delivered with it.
  if (auto marked = mark_twins_delivered(db, digest_id, delivery.namnd, item_ids, task); !marked) {
    return marked;
  }

  // Delivered to the nämnd now: what each recipient got of it no longer matters.
  auto forget_recipients = sqlite::Statement::prepare(
      db, "DELETE FROM recipient_deliveries WHERE namnd = ?1 AND item_id = ?2", task);
  if (!forget_recipients) return unexpected<Error>(forget_recipients.error());
  for (const std::int64_t item_id : item_ids) {
    forget_recipients->reset(task);
    forget_recipients->bind(1, delivery.namnd);
    forget_recipients->bind(2, item_id);
    if (auto forgotten = forget_recipients->run(); !forgotten) return forgotten;
  }

  auto clear_failure =
      sqlite::Statement::prepare(db, "DELETE FROM delivery_failures WHERE namnd = ?1", task);
  if (!clear_failure) return unexpected<Error>(clear_failure.error());
  clear_failure->bind(1, delivery.namnd);
  if (auto cleared = clear_failure->run(); !cleared) return cleared;
  return transaction->commit();
}

Result<std::vector<std::int64_t>> ItemStore::delivered_to_recipient(
    const core::NamndId& namnd, const std::string& recipient) const {
  auto query = sqlite::Statement::prepare(
      connection_->db.get(),
      "SELECT item_id FROM recipient_deliveries WHERE namnd = ?1 AND recipient = ?2"
      " ORDER BY item_id",
      {"read what went to a recipient", "nämnd " + namnd});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, namnd);
  query->bind(2, recipient);
  std::vector<std::int64_t> item_ids;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return item_ids;
    item_ids.push_back(query->int64(0));
  }
}

Result<void> ItemStore::record_recipient_delivery(const core::NamndId& namnd,
                                                  const std::string& recipient,
                                                  std::span<const std::int64_t> item_ids) {
  sqlite3* db = connection_->db.get();
  const sqlite::Task task{"record delivery to a recipient", "nämnd " + namnd};
  auto transaction = sqlite::Transaction::begin(db, task);
  if (!transaction) return unexpected<Error>(transaction.error());
  auto insert = sqlite::Statement::prepare(
      db,
      "INSERT OR IGNORE INTO recipient_deliveries (namnd, recipient, item_id) VALUES (?1, ?2, ?3)",
      task);
  if (!insert) return unexpected<Error>(insert.error());
  for (const std::int64_t item_id : item_ids) {
    insert->reset(task);
    insert->bind(1, namnd);
    insert->bind(2, recipient);
    insert->bind(3, item_id);
    if (auto inserted = insert->run(); !inserted) return inserted;
  }
  return transaction->commit();
}

}  // namespace omvarld::storage
