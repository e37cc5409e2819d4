// PollIntake: how store_poll treats items it already has (poll_intake.h).

#include "storage/poll_intake.h"

#include <array>
#include <set>
#include <string_view>
#include <utility>

#include "storage/identity_rules.h"
#include "storage/rows.h"
#include "storage/story_keys.h"

namespace omvarld::storage {
namespace {

enum StatementId : std::size_t { kByKey, kCount, kSameStory, kRekey, kUpdate, kRefresh, kRecord };

constexpr std::string_view kRowColumns =
    "id, title, link, summary, content, canonical_link, title_day, deadline FROM items";

// In StatementId order.
const std::array<std::string, 7> kStatementSql = {
    std::string("SELECT ") + std::string(kRowColumns) + " WHERE source_id = ?1 AND key = ?2",
    "SELECT COUNT(*) FROM items WHERE source_id = ?1",
    // By the keys' hashes (?4, ?5: NULL for a key of ''), then their text.
    // Two indexed lookups rather than one OR, which would scan the source;
    // the unary + keeps SQLite from choosing the source's own index
    // (items_by_source_first_seen), which visits all the source's items.
    std::string("SELECT ") + std::string(kRowColumns) +
        " WHERE id IN (SELECT item_id FROM story_keys WHERE link_hash = ?4)"
        " AND +source_id = ?1 AND canonical_link = ?2 UNION SELECT " +
        std::string(kRowColumns) +
        " WHERE id IN (SELECT item_id FROM story_keys WHERE title_day_hash = ?5)"
        " AND +source_id = ?1 AND title_day = ?3 ORDER BY id",
    "UPDATE items SET key = ?2 WHERE id = ?1",
    "UPDATE items SET title = ?2, link = ?3, summary = ?4, content = ?5, published = ?6,"
    " canonical_link = ?7, title_day = ?8, updated_at = ?9, deadline = ?10 WHERE id = ?1",
    // Rows stored before migration 3 get their keys of the same story, and
    // before migration 6 their deadline, as they are polled again; a JSON
    // API may move a deadline without touching the text. Not an update of
    // what the item says, so no new matches; but a moved deadline is a
    // change subscribers must see (the calendar's SEQUENCE and
    // LAST-MODIFIED come from updated_at), so it is stamped. SET sees the
    // row's old deadline.
    "UPDATE items SET canonical_link = ?2, title_day = ?3, deadline = ?4,"
    " updated_at = CASE WHEN deadline IS ?4 THEN updated_at ELSE ?5 END WHERE id = ?1",
    "INSERT INTO id_rotations (source_id, at, rekeyed_items) VALUES (?1, ?2, ?3)",
};

bool fields_changed(const std::string& title, const std::string& link, const std::string& summary,
                    const std::string& content, const core::Item& item) {
  return title != item.title || link != item.link || summary != item.summary ||
         content != item.content;
}

}  // namespace

PollIntake::PollIntake(sqlite::StatementCache& cache, core::SourceId source, core::TimePoint at,
                       sqlite::Task task, std::vector<sqlite::Statement> statements,
                       MatchStatements matches)
    : cache_(cache),
      source_(std::move(source)),
      at_(at),
      task_(std::move(task)),
      statements_(std::move(statements)),
      matches_(std::move(matches)) {}

Result<PollIntake> PollIntake::prepare(sqlite::StatementCache& cache, const core::SourceId& source,
                                       core::TimePoint at, const sqlite::Task& task) {
  std::vector<sqlite::Statement> statements;
  for (const std::string& sql : kStatementSql) {
    auto statement = cache.lease(sql, task);
    if (!statement) return unexpected<Error>(statement.error());
    statements.push_back(std::move(*statement));
  }
  auto matches = MatchStatements::prepare(cache, task);
  if (!matches) return unexpected<Error>(matches.error());
  return PollIntake(cache, source, at, task, std::move(statements), std::move(*matches));
}

Result<std::optional<PollIntake::KnownRow>> PollIntake::read_row(sqlite::Statement& query) {
  auto row = query.step();
  if (!row) return unexpected<Error>(row.error());
  if (!*row) return std::nullopt;
  return KnownRow{query.int64(0), query.text(1), query.text(2), query.text(3),
                  query.text(4),  query.text(5), query.text(6), from_day_text(query.text(7))};
}

Result<void> PollIntake::recognise(std::span<const ClassifiedItem> items) {
  roles_.assign(items.size(), IntakeRole::kNew);
  rows_.assign(items.size(), std::nullopt);
  rekey_.assign(items.size(), false);
  std::set<std::string_view> keys;
  int known = 0;
  sqlite::Statement& by_key = statements_[kByKey];
  for (std::size_t i = 0; i < items.size(); ++i) {
    const core::Item& item = items[i].item;
    if (!keys.insert(item.key).second) {
      roles_[i] = IntakeRole::kRepeat;
      continue;
    }
    by_key.reset({"look up item \"" + item.key + "\"", "source " + source_});
    by_key.bind(1, source_);
    by_key.bind(2, item.key);
    auto row = read_row(by_key);
    if (!row) return unexpected<Error>(row.error());
    if (!*row) continue;
    rows_[i] = std::move(*row);
    roles_[i] = IntakeRole::kKnown;
    ++known;
  }
  if (known > 0 || static_cast<int>(keys.size()) < kRotationMinimum) return {};
  auto rotated = find_rotated(items, static_cast<int>(keys.size()));
  if (!rotated) return unexpected<Error>(rotated.error());
  rotation_ = *rotated;
  return {};
}

// Pairs each polled item with a stored row of the same story, each row
// once, and adopts the pairs when they make the poll an id rotation.
Result<bool> PollIntake::find_rotated(std::span<const ClassifiedItem> items, int polled) {
  sqlite::Statement& count = statements_[kCount];
  count.reset({"count items", "source " + source_});
  count.bind(1, source_);
  auto counted = count.step();
  if (!counted) return unexpected<Error>(counted.error());
  const std::int64_t stored = count.int64(0);
  if (stored == 0) return false;

  sqlite::Statement& same_story = statements_[kSameStory];
  std::set<std::int64_t> claimed;
  std::vector<std::optional<KnownRow>> found(items.size());
  int recognised = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (roles_[i] != IntakeRole::kNew) continue;
    const core::Item& item = items[i].item;
    same_story.reset({"look up the story of item \"" + item.key + "\"", "source " + source_});
    const std::string title_day = title_day_key(item.title, item.published);
    same_story.bind(1, source_);
    same_story.bind(2, item.canonical_link);
    same_story.bind(3, title_day);
    bind_story_key_hash(same_story, 4, item.canonical_link);
    bind_story_key_hash(same_story, 5, title_day);
    for (;;) {
      auto row = read_row(same_story);
      if (!row) return unexpected<Error>(row.error());
      if (!*row) break;
      if (!claimed.insert((*row)->id).second) continue;
      found[i] = std::move(*row);
      ++recognised;
      break;
    }
  }
  if (!is_id_rotation(polled, 0, stored, recognised)) return false;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!found[i]) continue;
    rows_[i] = std::move(found[i]);
    roles_[i] = IntakeRole::kKnown;
    rekey_[i] = true;
  }
  return true;
}

bool PollIntake::is_changed(std::size_t index, const core::Item& item) const {
  const KnownRow& row = *rows_[index];
  return fields_changed(row.title, row.link, row.summary, row.content, item);
}

Result<void> PollIntake::apply_known(std::size_t index, const ClassifiedItem& classified,
                                     PollOutcome& outcome) {
  const KnownRow& row = *rows_[index];
  const core::Item& item = classified.item;
  const std::string context = "source " + source_;
  if (rekey_[index]) {
    sqlite::Statement& rekey = statements_[kRekey];
    rekey.reset({"re-key item " + std::to_string(row.id) + " to \"" + item.key + "\"", context});
    rekey.bind(1, row.id);
    rekey.bind(2, item.key);
    if (auto done = rekey.run(); !done) return done;
    ++outcome.rekeyed_items;
  }
  const std::string title_day = title_day_key(item.title, item.published);
  const bool keys_changed = row.canonical_link != item.canonical_link || row.title_day != title_day;
  if (keys_changed) {
    auto record = cache_.lease(kRecordStoryKeysSql, task_);
    if (!record) return unexpected<Error>(record.error());
    if (auto recorded =
            record_story_keys(*record, row.id, item.canonical_link, title_day,
                              {"record the story keys of item \"" + item.key + "\"", context});
        !recorded) {
      return recorded;
    }
  }
  if (!fields_changed(row.title, row.link, row.summary, row.content, item)) {
    if (!keys_changed && row.deadline == item.deadline) return {};
    sqlite::Statement& refresh = statements_[kRefresh];
    refresh.reset({"refresh item \"" + item.key + "\"", context});
    refresh.bind(1, row.id);
    refresh.bind(2, item.canonical_link);
    refresh.bind(3, title_day);
    bind_deadline(refresh, 4, item.deadline);
    refresh.bind(5, at_);
    return refresh.run();
  }
  sqlite::Statement& update = statements_[kUpdate];
  update.reset({"update item \"" + item.key + "\"", context});
  update.bind(1, row.id);
  update.bind(2, item.title);
  update.bind(3, item.link);
  update.bind(4, item.summary);
  update.bind(5, item.content);
  update.bind(6, item.published);
  update.bind(7, item.canonical_link);
  update.bind(8, title_day);
  update.bind(9, at_);
  bind_deadline(update, 10, item.deadline);
  if (auto done = update.run(); !done) return done;
  ++outcome.updated_items;
  return replace_item_matches(matches_, {row.id, classified.matches}, match_changes_,
                              {"re-evaluate matches of item \"" + item.key + "\"", context});
}

Result<void> PollIntake::finish(PollOutcome& outcome) {
  if (!rotation_) return {};
  outcome.id_rotation = true;
  sqlite::Statement& record = statements_[kRecord];
  record.reset({"record id rotation", "source " + source_});
  record.bind(1, source_);
  record.bind(2, at_);
  record.bind(3, std::int64_t{outcome.rekeyed_items});
  return record.run();
}

}  // namespace omvarld::storage
