// storage/schema.h
//
// The connection settings and the schema of omvarld's database. Internal to
// storage/. The schema evolves by migrations numbered from 1; the database's
// PRAGMA user_version says how many have been applied. Each migration runs
// in its own transaction, so a crash leaves the database at a known version.

#pragma once

#include <sqlite3.h>

#include <string>

#include "core/result.h"

namespace omvarld::storage {

// The schema version this build writes: the number of migrations.
int latest_schema_version();

// Sets the pragmas every connection needs: busy_timeout 5 s, WAL (except
// for ":memory:"), synchronous=NORMAL, foreign_keys=ON. `path` names the
// database in error messages.
Result<void> configure_connection(sqlite3* db, const std::string& path);

// Applies the migrations the database has not seen. Safe when another
// process opens the same file at the same moment. Fails with kStorage when
// the database is newer than this build.
Result<void> migrate(sqlite3* db, const std::string& path);

// Applies the migrations up to `target` only (0 <= target <= latest), as
// an earlier omvarld would have left the database; for the tests that
// upgrade from every version. Fails as migrate() does.
Result<void> migrate_to(sqlite3* db, const std::string& path, int target);

}  // namespace omvarld::storage
