// ItemStore: send leases, so that two processes never send one mail at the
// same time (storage/send_leases.h).

#include <string>

#include "storage/connection.h"
#include "storage/item_store.h"
#include "storage/sqlite.h"

namespace omvarld::storage {

namespace {

// Runs `statement` (already bound) in a write transaction of its own and
// returns how many rows it changed. BEGIN IMMEDIATE takes the write lock
// first, so two processes' statements on one lease run one after the other.
Result<int> run_alone(sqlite3* db, sqlite::Statement& statement) {
  auto transaction = sqlite::Transaction::begin(db, statement.task());
  if (!transaction) return unexpected<Error>(transaction.error());
  if (auto ran = statement.run(); !ran) return unexpected<Error>(ran.error());
  const int changed = statement.changes();
  if (auto committed = transaction->commit(); !committed) {
    return unexpected<Error>(committed.error());
  }
  return changed;
}

}  // namespace

Result<bool> ItemStore::take_send_lease(const std::string& name, const std::string& owner,
                                        core::TimePoint now, core::TimePoint expires_at) {
  sqlite3* db = connection_->db.get();
  // One statement decides: a new row, or the old one only where it ran out
  // or is ours already. Whoever comes second under the write lock finds the
  // first one's unexpired row, and the WHERE leaves it alone.
  auto take = sqlite::Statement::prepare(db, R"sql(
      INSERT INTO send_leases (name, owner, expires_at) VALUES (?1, ?2, ?3)
      ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
      WHERE send_leases.expires_at <= ?4 OR send_leases.owner = excluded.owner)sql",
                                         {"take send lease " + name, connection_->path});
  if (!take) return unexpected<Error>(take.error());
  take->bind(1, name);
  take->bind(2, owner);
  take->bind(3, expires_at);
  take->bind(4, now);
  auto changed = run_alone(db, *take);
  if (!changed) return unexpected<Error>(changed.error());
  return *changed > 0;
}

Result<bool> ItemStore::renew_send_lease(const std::string& name, const std::string& owner,
                                         core::TimePoint now, core::TimePoint expires_at) {
  sqlite3* db = connection_->db.get();
  auto renew = sqlite::Statement::prepare(db, R"sql(
      UPDATE send_leases SET expires_at = ?3
      WHERE name = ?1 AND owner = ?2 AND expires_at > ?4)sql",
                                          {"renew send lease " + name, connection_->path});
  if (!renew) return unexpected<Error>(renew.error());
  renew->bind(1, name);
  renew->bind(2, owner);
  renew->bind(3, expires_at);
  renew->bind(4, now);
  auto changed = run_alone(db, *renew);
  if (!changed) return unexpected<Error>(changed.error());
  return *changed > 0;
}

Result<void> ItemStore::release_send_lease(const std::string& name, const std::string& owner) {
  sqlite3* db = connection_->db.get();
  auto release = sqlite::Statement::prepare(
      db, "DELETE FROM send_leases WHERE name = ?1 AND owner = ?2",
      {"release send lease " + name, connection_->path});
  if (!release) return unexpected<Error>(release.error());
  release->bind(1, name);
  release->bind(2, owner);
  auto changed = run_alone(db, *release);
  if (!changed) return unexpected<Error>(changed.error());
  return {};
}

Result<std::optional<SendLease>> ItemStore::send_lease(const std::string& name) const {
  auto query = sqlite::Statement::prepare(
      connection_->db.get(), "SELECT owner, expires_at FROM send_leases WHERE name = ?1",
      {"read send lease " + name, connection_->path});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, name);
  auto row = query->step();
  if (!row) return unexpected<Error>(row.error());
  if (!*row) return std::nullopt;
  return SendLease{name, query->text(0), sqlite::from_unix_seconds(query->int64(1))};
}

}  // namespace omvarld::storage
