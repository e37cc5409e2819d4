// tests/support/sql_text.h
//
// One value out of a database file the binary wrote, for end-to-end tests
// that look behind its commands. Header-only; the test target links
// SQLite::SQLite3.

#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace omvarld::testing {

// Runs `sql` on the database file and returns the first column of the first
// row as text ("" when there is none); waits up to five seconds for a lock.
// A statement that does not prepare or step is reported as a failure.
inline std::string sql_text(const std::filesystem::path& database, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(database.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* statement = nullptr;
  std::string value;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
  } else {
    const int stepped = sqlite3_step(statement);
    if (stepped == SQLITE_ROW && sqlite3_column_text(statement, 0) != nullptr) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    } else if (stepped != SQLITE_ROW && stepped != SQLITE_DONE) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db);
    }
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

}  // namespace omvarld::testing
