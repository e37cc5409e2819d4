// storage/sqlite.h
//
// The thin RAII layer over the SQLite C API that the rest of storage/ uses.
// Internal to storage/: no other folder includes this header, so sqlite3
// types stay inside this folder.
//
// Every failure becomes an Error{kStorage} whose message reads
// "storage: <what we were doing> (<context>): <sqlite3_errmsg>", the context
// naming the source, nämnd, item or path involved. Nothing here throws.
// A Database and the Statements prepared on it belong to one thread at a
// time; every Statement must be destroyed before its Database.

#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/item.h"
#include "core/result.h"

namespace omvarld::storage::sqlite {

struct DatabaseCloser {
  void operator()(sqlite3* db) const noexcept;
};
class StatementCache;
// Finalizes a statement, or gives it back to the cache it was leased from.
struct StatementFinalizer {
  StatementCache* home = nullptr;
  void operator()(sqlite3_stmt* statement) const noexcept;
};

using Database = std::unique_ptr<sqlite3, DatabaseCloser>;
using StatementHandle = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// What a call is doing, for its error message: `what` is a phrase such as
// `insert item "urn:x:42"`, `context` names where, such as "source ec-press".
struct Task {
  std::string what;
  std::string context;
};

// How long a connection waits for another one's lock before it fails with
// SQLITE_BUSY (configure_connection sets it).
constexpr int kBusyTimeoutMilliseconds = 5000;

// "storage: <what> (<context>): <reason>"; kStorage.
Error storage_error(const Task& task, std::string_view reason);

// The same, with the connection's last error as the reason. The failures an
// operator can act on (a lock held too long, a full disk, a read-only,
// missing, damaged or foreign file, an I/O error) are said in plain words
// naming the file and what to do, SQLite's own message in parentheses:
// "storage: store poll (source skr): the database /var/lib/omvarld/omvarld.db
// is locked: another process has held it for more than 5 s; …". A lock held
// past the busy timeout is kStorageBusy, a statement stopped at the
// connection's deadline kStorageTimeout, everything else kStorage.
Error storage_error(const Task& task, sqlite3* db);

// Opens or creates the database file at `path` (":memory:" for a private
// one) for reading and writing. Sets nothing else: see schema.h.
Result<Database> open(const std::string& path);

// Runs one or more SQL statements that return no rows we need.
Result<void> execute(sqlite3* db, const std::string& sql, const Task& task);

std::int64_t to_unix_seconds(core::TimePoint time);
core::TimePoint from_unix_seconds(std::int64_t seconds);

// One prepared statement. Bind parameters (1-based), then step() through
// its rows or run() it to completion; reset() makes it ready for the next
// set of parameters. A failed bind is reported by the following step().
class Statement {
 public:
  static Result<Statement> prepare(sqlite3* db, std::string_view sql, Task task);

  // Clears the previous run and bindings, and names what the next run does.
  void reset(Task task);

  void bind(int index, std::int64_t value);
  void bind(int index, std::string_view value);
  void bind(int index, core::TimePoint value);
  void bind(int index, const std::optional<core::TimePoint>& value);
  void bind_null(int index);

  // True when a row is ready to read, false when the statement is done.
  Result<bool> step();

  // Steps until done, ignoring any rows.
  Result<void> run();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  std::string text(int column) const;  // "" for NULL
  // The same without a copy, valid until the next step() or reset().
  std::string_view text_view(int column) const;
  std::optional<core::TimePoint> time(int column) const;

  // Rows changed by the last completed INSERT, UPDATE or DELETE.
  int changes() const;
  std::int64_t last_insert_id() const;

  const Task& task() const { return task_; }

 private:
  friend class StatementCache;
  Statement(sqlite3* db, StatementHandle handle, Task task);

  sqlite3* db_;
  StatementHandle handle_;
  Task task_;
  int bind_result_ = SQLITE_OK;
};

// The prepared statements of one connection kept for the next use, by
// their SQL: a poll stores one source after the other with the same twenty
// statements, and preparing them again for each source cost 4 % of a cold
// cycle. lease() hands out the kept one, or prepares one when none is kept
// (the first use, or the kept one is leased already); the Statement gives
// it back, reset and unbound, when destroyed, and the cache keeps one per
// SQL text. Only for SQL from our own code, never SQL built from input, as
// every distinct text is kept until the cache goes. Destroy every leased
// Statement before the cache, and the cache before its Database.
class StatementCache {
 public:
  explicit StatementCache(sqlite3* db) : db_(db) {}
  ~StatementCache();
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  sqlite3* db() const { return db_; }

  Result<Statement> lease(std::string_view sql, Task task);

  // How many statements are kept, not leased.
  std::size_t kept() const;

 private:
  friend struct StatementFinalizer;
  void give_back(sqlite3_stmt* statement) noexcept;

  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> kept_;  // null while leased
};

// A write transaction that rolls back when destroyed uncommitted, so every
// early return on error leaves the database as it was.
//
// Begun inside another transaction (a batch of polls, ItemStore's
// begin_batch), it is a savepoint of that one instead: commit() releases
// it into the outer transaction, and destroying it uncommitted undoes only
// its own writes. So each call stays all or nothing while a batch saves
// the commits.
class Transaction {
 public:
  // BEGIN IMMEDIATE: take the write lock now. A deferred transaction that
  // reads first and writes later can fail with SQLITE_BUSY at the write
  // without waiting on busy_timeout, when another connection wrote meanwhile.
  // Inside a transaction: SAVEPOINT.
  static Result<Transaction> begin(sqlite3* db, Task task);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  // Commits. Resets first every statement of the connection that is still
  // mid-way (returned a row, never stepped to its end), so that the
  // automatic checkpoint after the commit can run. A savepoint is released
  // into its outer transaction, which commits it or not.
  Result<void> commit();

 private:
  Transaction(sqlite3* db, Task task, bool is_savepoint);

  sqlite3* db_;  // null once committed or moved from
  Task task_;
  bool is_savepoint_;
};

}  // namespace omvarld::storage::sqlite
