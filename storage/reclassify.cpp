// ItemStore::replace_matches: the matches of stored items after a filter
// change (`omvarld reclassify`).

#include <algorithm>
#include <string>
#include <utility>

#include "storage/connection.h"
#include "storage/item_store.h"
#include "storage/match_replacement.h"
#include "storage/rows.h"
#include "storage/sqlite.h"

namespace omvarld::storage {
namespace {

Result<std::vector<core::Match>> stored_matches(sqlite::Statement& select, std::int64_t item_id,
                                                const sqlite::Task& task) {
  select.reset(task);
  select.bind(1, item_id);
  std::vector<core::Match> found;
  while (true) {
    auto row = select.step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return found;
    auto match = read_match(select, 0);
    if (!match) return unexpected<Error>(match.error());
    found.push_back(std::move(*match));
  }
}

// Binds item, nämnd and the explanation columns shared by insert and update.
Result<void> write_match(sqlite::Statement& statement, std::int64_t item_id, const core::Match& match,
                         const sqlite::Task& task) {
  statement.reset(task);
  statement.bind(1, item_id);
  statement.bind(2, match.namnd);
  statement.bind(3, to_json_list(match.terms));
  statement.bind(4, to_json_list(match.topics));
  statement.bind(5, to_json_list(match.title_terms));
  statement.bind(6, to_json_lists(match.found_words));
  return statement.run();
}

}  // namespace

Result<MatchStatements> MatchStatements::prepare(sqlite::StatementCache& statements,
                                                 const sqlite::Task& task) {
  auto select = statements.lease(
      "SELECT " + std::string(kMatchColumns) + " FROM matches m WHERE item_id = ?1", task);
  // A match the filters now find joins the next digest: it is never held,
  // since a coordinator asked for it.
  auto insert = statements.lease(
      "INSERT INTO matches (item_id, namnd, terms, topics, title_terms, found_words, held)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
      task);
  auto update = statements.lease(
      "UPDATE matches SET terms = ?3, topics = ?4, title_terms = ?5, found_words = ?6"
      " WHERE item_id = ?1 AND namnd = ?2",
      task);
  auto delivered = statements.lease(
      "SELECT 1 FROM digest_items WHERE item_id = ?1 AND namnd = ?2", task);
  auto remove =
      statements.lease("DELETE FROM matches WHERE item_id = ?1 AND namnd = ?2", task);
  for (auto* statement : {&select, &insert, &update, &delivered, &remove}) {
    if (!*statement) return unexpected<Error>(statement->error());
  }
  return MatchStatements{std::move(*select), std::move(*insert), std::move(*update),
                         std::move(*delivered), std::move(*remove)};
}

Result<void> replace_item_matches(MatchStatements& statements, const Reclassification& item,
                                  MatchChanges& changes, const sqlite::Task& task) {
  auto before = stored_matches(statements.select, item.item_id, task);
  if (!before) return unexpected<Error>(before.error());
  const auto find_in = [](const std::vector<core::Match>& list, const core::NamndId& namnd) {
    return std::find_if(list.begin(), list.end(), [&](const core::Match& m) { return m.namnd == namnd; });
  };
  for (const core::Match& match : item.matches) {
    const auto old = find_in(*before, match.namnd);
    if (old == before->end()) {
      if (auto added = write_match(statements.insert, item.item_id, match, task); !added) return added;
      ++changes.added;
    } else if (*old != match) {
      if (auto updated = write_match(statements.update, item.item_id, match, task); !updated) return updated;
      ++changes.updated;
    }
  }
  for (const core::Match& old : *before) {
    if (find_in(item.matches, old.namnd) != item.matches.end()) continue;
    statements.delivered.reset(task);
    statements.delivered.bind(1, item.item_id);
    statements.delivered.bind(2, old.namnd);
    auto delivered = statements.delivered.step();
    if (!delivered) return unexpected<Error>(delivered.error());
    if (*delivered) {
      ++changes.kept_delivered;  // history: the digest that held it stays as it was
      continue;
    }
    statements.remove.reset(task);
    statements.remove.bind(1, item.item_id);
    statements.remove.bind(2, old.namnd);
    if (auto removed = statements.remove.run(); !removed) return removed;
    ++changes.removed;
  }
  return {};
}

Result<MatchChanges> ItemStore::replace_matches(std::span<const Reclassification> items) {
  sqlite3* db = connection_->db.get();
  const sqlite::Task task{"replace matches of " + std::to_string(items.size()) + " items",
                          connection_->path};
  auto transaction = sqlite::Transaction::begin(db, task);
  if (!transaction) return unexpected<Error>(transaction.error());
  auto statements = MatchStatements::prepare(connection_->statements, task);
  if (!statements) return unexpected<Error>(statements.error());
  MatchChanges changes;
  for (const Reclassification& item : items) {
    if (auto replaced = replace_item_matches(*statements, item, changes, task); !replaced) {
      return unexpected<Error>(replaced.error());
    }
  }
  if (auto committed = transaction->commit(); !committed) return unexpected<Error>(committed.error());
  return changes;
}

}  // namespace omvarld::storage
