// tests/storage/raw_sqlite.h
//
// A plain SQLite connection for tests that look at or tamper with a database
// file behind ItemStore's back: read one value, run a script, hold a lock.
// Header-only; one thread at a time, like any connection.

#pragma once

#include <sqlite3.h>

#include <string>
#include <vector>

namespace omvarld::storage::testing {

class RawDatabase {
 public:
  // Opens `path` for reading and writing (creating it), with no busy
  // timeout unless one is set: a test that meets a lock sees it at once.
  explicit RawDatabase(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
      error_ = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    }
  }
  ~RawDatabase() { sqlite3_close_v2(db_); }
  RawDatabase(const RawDatabase&) = delete;
  RawDatabase& operator=(const RawDatabase&) = delete;

  // "" when opening worked, else SQLite's message.
  const std::string& open_error() const { return error_; }

  // Runs `sql` (one or more statements); returns "" or SQLite's message.
  std::string execute(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return {};
    std::string error = message != nullptr ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return error;
  }

  // The first column of every row of `sql`, NULL as "", or {"error: …"}.
  std::vector<std::string> column(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      return {"error: " + std::string(sqlite3_errmsg(db_))};
    }
    std::vector<std::string> values;
    int result = SQLITE_OK;
    while ((result = sqlite3_step(statement)) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(statement, 0);
      values.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
    }
    if (result != SQLITE_DONE) values = {"error: " + std::string(sqlite3_errmsg(db_))};
    sqlite3_finalize(statement);
    return values;
  }

  // The first column of the first row, "" when there is none.
  std::string value(const std::string& sql) {
    auto values = column(sql);
    return values.empty() ? std::string() : values.front();
  }

 private:
  sqlite3* db_ = nullptr;
  std::string error_;
};

}  // namespace omvarld::storage::testing
