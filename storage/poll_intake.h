// storage/poll_intake.h
//
// The part of store_poll that recognises items it already has: by key, or
// after an id rotation by canonical link or title and day
// (storage/identity_rules.h); and the writes for them — re-key, update in
// place, re-evaluate matches. New items are store_poll's own business.
// Internal to storage/; runs inside store_poll's transaction, on its
// connection, and must not outlive it.

#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/item.h"
#include "core/result.h"
#include "storage/item_store.h"
#include "storage/match_replacement.h"
#include "storage/sqlite.h"

namespace omvarld::storage {

// What an item of a poll is to the store.
enum class IntakeRole {
  kNew,     // store it
  kKnown,   // a stored row: apply_known()
  kRepeat,  // its key came earlier in this poll: the first one counts
};

class PollIntake {
 public:
  static Result<PollIntake> prepare(sqlite::StatementCache& statements,
                                    const core::SourceId& source, core::TimePoint at,
                                    const sqlite::Task& task);

  // Finds the stored row of each of `items`, first by key; when none is
  // known and the poll is an id rotation, by the same story. Call once,
  // before role() and apply_known(). Fails with kStorage.
  Result<void> recognise(std::span<const ClassifiedItem> items);

  IntakeRole role(std::size_t index) const { return roles_[index]; }

  // Whether the known item `index` differs from its stored row as polled
  // (`item`): then apply_known() re-evaluates its matches.
  bool is_changed(std::size_t index, const core::Item& item) const;

  // Writes what changed about the known item `index` (`classified` as
  // polled): its new key after a rotation; its fields, updated_at and
  // matches when the feed changed its title, link, summary or content; its
  // deadline whenever that changed.
  // Counts into `outcome`. Fails with kStorage.
  Result<void> apply_known(std::size_t index, const ClassifiedItem& classified,
                           PollOutcome& outcome);

  // Records the id rotation, if recognise() found one, into `outcome` and
  // the id_rotations table. Fails with kStorage.
  Result<void> finish(PollOutcome& outcome);

 private:
  struct KnownRow {
    std::int64_t id = 0;
    std::string title;
    std::string link;
    std::string summary;
    std::string content;
    std::string canonical_link;
    std::string title_day;
    std::optional<core::Date> deadline = {};
  };

  PollIntake(sqlite::StatementCache& cache, core::SourceId source, core::TimePoint at,
             sqlite::Task task, std::vector<sqlite::Statement> statements,
             MatchStatements matches);

  Result<std::optional<KnownRow>> read_row(sqlite::Statement& query);
  Result<bool> find_rotated(std::span<const ClassifiedItem> items, int polled);

  // For the statement of a rare write (changed story keys), leased when
  // needed: the batch end leases it too (item_store.cpp, index_items).
  sqlite::StatementCache& cache_;
  core::SourceId source_;
  core::TimePoint at_;
  sqlite::Task task_;
  std::vector<sqlite::Statement> statements_;  // see kStatementSql in poll_intake.cpp
  MatchStatements matches_;
  MatchChanges match_changes_;
  std::vector<IntakeRole> roles_;
  std::vector<std::optional<KnownRow>> rows_;
  std::vector<bool> rekey_;
  bool rotation_ = false;
};

}  // namespace omvarld::storage
