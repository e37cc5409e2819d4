#include "storage/sqlite.h"

#include <utility>

namespace omvarld::storage::sqlite {

void DatabaseCloser::operator()(sqlite3* db) const noexcept {
  // sqlite3_close_v2 defers the close until the last statement is
  // finalized instead of failing with SQLITE_BUSY.
  sqlite3_close_v2(db);
}

void StatementFinalizer::operator()(sqlite3_stmt* statement) const noexcept {
  if (home != nullptr) {
    home->give_back(statement);
  } else {
    sqlite3_finalize(statement);
  }
}

Error storage_error(const Task& task, std::string_view reason) {
  std::string message = "storage: " + task.what;
  if (!task.context.empty()) message += " (" + task.context + ")";
  message += ": ";
  message += reason;
  return Error{Errc::kStorage, std::move(message), std::nullopt};
}

namespace {

// "the database" when the task's context already names the file, else
// "the database /path/to/omvarld.db".
std::string database_named(const Task& task, sqlite3* db) {
  const char* file = sqlite3_db_filename(db, "main");
  if (file == nullptr || *file == '\0' || task.context.find(file) != std::string::npos) {
    return "the database";
  }
  return std::string("the database ") + file;
}

// The reason for a failure an operator can act on: plain words naming the
// file, the remedy, and SQLite's own words in parentheses. "" for the rest
// (constraint violations, SQL errors), whose SQLite message is clear enough
// to a developer and means nothing to an operator anyway.
std::string explain(const Task& task, sqlite3* db) {
  const std::string database = database_named(task, db);
  const std::string sqlite_words = std::string(" (") + sqlite3_errmsg(db) + ")";
  switch (sqlite3_extended_errcode(db) & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return database + " is locked: another process has held it for more than " +
             std::to_string(kBusyTimeoutMilliseconds / 1000) +
             " s; try again when that process is done" + sqlite_words;
    case SQLITE_FULL:
      return "no space left for " + database +
             ": free disk space, then try again; nothing was half-written" + sqlite_words;
    case SQLITE_READONLY:
      return database +
             " is read-only for this process: let the user omvarld runs as write the file, its"
             " -wal and -shm files and its directory" +
             sqlite_words;
    case SQLITE_CANTOPEN:
      return "cannot open " + database +
             ": check that its directory exists and that the user omvarld runs as may write"
             " there" +
             sqlite_words;
    case SQLITE_CORRUPT:
      return database + " is damaged: stop omvarld and restore the file from a backup" +
             sqlite_words;
    case SQLITE_NOTADB:
      return database +
             " is not an SQLite database: check the database path in the configuration" +
             sqlite_words;
    case SQLITE_INTERRUPT:
      return "the query took longer than its time limit and was stopped" + sqlite_words;
    case SQLITE_IOERR:
      // A disk that is full says ENOSPC, which SQLite reports as SQLITE_FULL;
      // a quota (EDQUOT), a file size limit (EFBIG) or a failing disk arrive
      // as an I/O error, and which one it was SQLite does not tell (a failed
      // write while its cache spills even loses the extended code).
      return "cannot write " + database +
             ": the disk or the quota is full, the file reached its size limit, or the disk is"
             " failing; free disk space or check the disk, then try again; nothing was"
             " half-written" +
             sqlite_words;
    default:
      return {};
  }
}

}  // namespace

Error storage_error(const Task& task, sqlite3* db) {
  if (db == nullptr) return storage_error(task, "out of memory");
  const std::string explained = explain(task, db);
  Error error = storage_error(task, explained.empty() ? std::string(sqlite3_errmsg(db)) : explained);
  const int primary = sqlite3_extended_errcode(db) & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) error.code = Errc::kStorageBusy;
  if (primary == SQLITE_INTERRUPT) error.code = Errc::kStorageTimeout;
  return error;
}

Result<Database> open(const std::string& path) {
  sqlite3* raw = nullptr;
  // NOMUTEX: a connection is used by one thread at a time (item_store.h), so
  // SQLite's per-connection mutex would only cost.
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int result = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  // SQLite hands back a handle even when opening fails; it carries the
  // message and must be closed all the same.
  Database db(raw);
  const Task task{"open database", path};
  if (result != SQLITE_OK) {
    return unexpected<Error>(db ? storage_error(task, db.get())
                                : storage_error(task, sqlite3_errstr(result)));
  }
  return db;
}

Result<void> execute(sqlite3* db, const std::string& sql, const Task& task) {
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return unexpected<Error>(storage_error(task, db));
  }
  return {};
}

std::int64_t to_unix_seconds(core::TimePoint time) { return time.time_since_epoch().count(); }

core::TimePoint from_unix_seconds(std::int64_t seconds) {
  return core::TimePoint{std::chrono::seconds{seconds}};
}

// Statement

Statement::Statement(sqlite3* db, StatementHandle handle, Task task)
    : db_(db), handle_(std::move(handle)), task_(std::move(task)) {}

Result<Statement> Statement::prepare(sqlite3* db, std::string_view sql, Task task) {
  sqlite3_stmt* raw = nullptr;
  const int result =
      sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  StatementHandle handle(raw);
  if (result != SQLITE_OK) return unexpected<Error>(storage_error(task, db));
  return Statement(db, std::move(handle), std::move(task));
}

// StatementCache

StatementCache::~StatementCache() {
  for (const auto& [sql, statement] : kept_) sqlite3_finalize(statement);
}

Result<Statement> StatementCache::lease(std::string_view sql, Task task) {
  if (auto kept = kept_.find(sql); kept != kept_.end() && kept->second != nullptr) {
    return Statement(db_, StatementHandle(std::exchange(kept->second, nullptr), {this}),
                     std::move(task));
  }
  sqlite3_stmt* raw = nullptr;
  const int result = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                        SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  StatementHandle handle(raw);
  if (result != SQLITE_OK) return unexpected<Error>(storage_error(task, db_));
  if (!handle) return unexpected<Error>(storage_error(task, "the SQL holds no statement"));
  kept_.try_emplace(std::string(sql), nullptr);
  return Statement(db_, StatementHandle(handle.release(), {this}), std::move(task));
}

std::size_t StatementCache::kept() const {
  std::size_t count = 0;
  for (const auto& [sql, statement] : kept_) count += statement != nullptr ? 1 : 0;
  return count;
}

void StatementCache::give_back(sqlite3_stmt* statement) noexcept {
  if (statement == nullptr) return;
  sqlite3_reset(statement);
  sqlite3_clear_bindings(statement);
  // Keyed by the text it was prepared from: the same SQL as lease()'s.
  auto slot = kept_.find(std::string_view(sqlite3_sql(statement)));
  if (slot == kept_.end() || slot->second != nullptr) {
    sqlite3_finalize(statement);  // another of the same SQL is kept already
    return;
  }
  slot->second = statement;
}

void Statement::reset(Task task) {
  sqlite3_reset(handle_.get());
  sqlite3_clear_bindings(handle_.get());
  bind_result_ = SQLITE_OK;
  task_ = std::move(task);
}

// A bind fails only for a bad index or out of memory; the first failure is
// kept and reported by step(), so call sites stay one line per parameter.
void Statement::bind(int index, std::int64_t value) {
  if (bind_result_ == SQLITE_OK) bind_result_ = sqlite3_bind_int64(handle_.get(), index, value);
}

void Statement::bind(int index, std::string_view value) {
  // A default string_view has a null data(), which SQLite would bind as NULL.
  const char* data = value.data() != nullptr ? value.data() : "";
  if (bind_result_ == SQLITE_OK) {
    bind_result_ = sqlite3_bind_text64(handle_.get(), index, data, value.size(), SQLITE_TRANSIENT,
                                       SQLITE_UTF8);
  }
}

void Statement::bind(int index, core::TimePoint value) { bind(index, to_unix_seconds(value)); }

void Statement::bind(int index, const std::optional<core::TimePoint>& value) {
  if (value) return bind(index, *value);
  bind_null(index);
}

void Statement::bind_null(int index) {
  if (bind_result_ == SQLITE_OK) bind_result_ = sqlite3_bind_null(handle_.get(), index);
}

Result<bool> Statement::step() {
  if (bind_result_ != SQLITE_OK) {
    return unexpected<Error>(storage_error(task_, sqlite3_errstr(bind_result_)));
  }
  switch (sqlite3_step(handle_.get())) {
    case SQLITE_ROW:
      return true;
    case SQLITE_DONE:
      return false;
    default:
      return unexpected<Error>(storage_error(task_, db_));
  }
}

Result<void> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return {};
  }
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(handle_.get(), column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const {
  return sqlite3_column_int64(handle_.get(), column);
}

std::string Statement::text(int column) const {
  const unsigned char* data = sqlite3_column_text(handle_.get(), column);
  if (data == nullptr) return {};
  // Ask for the size after the text: column_text may convert the value.
  const int size = sqlite3_column_bytes(handle_.get(), column);
  return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::string_view Statement::text_view(int column) const {
  const unsigned char* data = sqlite3_column_text(handle_.get(), column);
  if (data == nullptr) return {};
  const int size = sqlite3_column_bytes(handle_.get(), column);
  return {reinterpret_cast<const char*>(data), static_cast<std::size_t>(size)};
}

std::optional<core::TimePoint> Statement::time(int column) const {
  if (is_null(column)) return std::nullopt;
  return from_unix_seconds(int64(column));
}

int Statement::changes() const { return sqlite3_changes(db_); }

std::int64_t Statement::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

// Transaction

namespace {

// The name of the savepoint a Transaction begun inside another one takes.
// Savepoints of one name nest: RELEASE and ROLLBACK TO take the innermost.
constexpr const char* kSavepoint = "omvarld_part";

}  // namespace

Transaction::Transaction(sqlite3* db, Task task, bool is_savepoint)
    : db_(db), task_(std::move(task)), is_savepoint_(is_savepoint) {}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      task_(std::move(other.task_)),
      is_savepoint_(other.is_savepoint_) {}

Result<Transaction> Transaction::begin(sqlite3* db, Task task) {
  const bool inside = sqlite3_get_autocommit(db) == 0;
  const std::string sql = inside ? std::string("SAVEPOINT ") + kSavepoint : "BEGIN IMMEDIATE";
  if (auto begun = execute(db, sql, task); !begun) {
    return unexpected<Error>(begun.error());
  }
  return Transaction(db, std::move(task), inside);
}

Transaction::~Transaction() {
  // Some errors (disk full, I/O) make SQLite roll back by itself, the
  // outer transaction too; then there is nothing left to undo and ROLLBACK
  // would only fail.
  if (db_ == nullptr || sqlite3_get_autocommit(db_) != 0) return;
  if (is_savepoint_) {
    const std::string sql =
        std::string("ROLLBACK TO ") + kSavepoint + "; RELEASE " + kSavepoint;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK) return;
    // Half a call must never be committed with the batch: undo all of it
    // (the batch's owner hears of it through the autocommit state).
    if (sqlite3_get_autocommit(db_) != 0) return;
  }
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Result<void> Transaction::commit() {
  // A statement that returned a row but was not stepped to its end (a
  // lookup of one row) holds a read transaction past COMMIT; the automatic
  // checkpoint that follows the commit then fails, silently (SQLITE_LOCKED),
  // and the write-ahead log grows without bound while the connection lives.
  // Whatever such a statement read has been used by now: reset it.
  for (sqlite3_stmt* statement = sqlite3_next_stmt(db_, nullptr); statement != nullptr;
       statement = sqlite3_next_stmt(db_, statement)) {
    if (sqlite3_stmt_busy(statement) != 0) sqlite3_reset(statement);
  }
  const std::string sql = is_savepoint_ ? std::string("RELEASE ") + kSavepoint : "COMMIT";
  if (auto committed = execute(db_, sql, task_); !committed) return committed;
  db_ = nullptr;
  return {};
}

}  // namespace omvarld::storage::sqlite
