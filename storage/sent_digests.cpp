// ItemStore: the digests delivered, read back for `omvarld digest show` and
// for what `omvarld items` says of each item.

#include <string>

#include "storage/connection.h"
#include "storage/item_store.h"
#include "storage/sqlite.h"

namespace omvarld::storage {
namespace {

// The columns id … items, from column 0 on; the bodies, when selected,
// follow as columns 6 and 7.
constexpr std::string_view kDigestColumns =
    "d.id, d.namnd, d.message_id, d.subject, d.delivered_at,"
    " (SELECT COUNT(*) FROM digest_items di WHERE di.digest_id = d.id)";

SentDigest read_digest(const sqlite::Statement& query) {
  SentDigest digest;
  digest.id = query.int64(0);
  digest.namnd = query.text(1);
  digest.message_id = query.text(2);
  digest.subject = query.text(3);
  digest.delivered_at = sqlite::from_unix_seconds(query.int64(4));
  digest.items = query.int64(5);
  return digest;
}

// Every row of `query`, a statement over kDigestColumns.
Result<std::vector<SentDigest>> read_digests(sqlite::Statement& query) {
  std::vector<SentDigest> digests;
  for (;;) {
    auto row = query.step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return digests;
    digests.push_back(read_digest(query));
  }
}

}  // namespace

Result<std::vector<SentDigest>> ItemStore::sent_digests(const core::NamndId& namnd) const {
  auto query = sqlite::Statement::prepare(
      connection_->db.get(),
      std::string("SELECT ") + std::string(kDigestColumns) +
          " FROM digests d WHERE d.namnd = ?1 ORDER BY d.delivered_at, d.id",
      {"list delivered digests", "nämnd " + namnd});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, namnd);
  return read_digests(*query);
}

Result<std::vector<SentDigest>> ItemStore::latest_digests(const core::NamndId& namnd,
                                                          int limit) const {
  // digests_by_namnd (namnd, delivered_at), walked backwards.
  auto query = sqlite::Statement::prepare(
      connection_->db.get(),
      std::string("SELECT ") + std::string(kDigestColumns) +
          " FROM digests d WHERE d.namnd = ?1 ORDER BY d.delivered_at DESC, d.id DESC LIMIT ?2",
      {"list latest digests", "nämnd " + namnd});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, namnd);
  query->bind(2, static_cast<std::int64_t>(limit));
  return read_digests(*query);
}

namespace {

// The digest the prepared `query` (the digest columns and both bodies) finds.
Result<std::optional<SentDigest>> read_one_digest(sqlite::Statement& query) {
  auto row = query.step();
  if (!row) return unexpected<Error>(row.error());
  if (!*row) return std::nullopt;
  SentDigest digest = read_digest(query);
  if (!query.is_null(6)) digest.text_body = query.text(6);
  if (!query.is_null(7)) digest.html_body = query.text(7);
  return digest;
}

constexpr std::string_view kDigestWithBodies = ", d.text_body, d.html_body FROM digests d WHERE ";

}  // namespace

Result<std::optional<SentDigest>> ItemStore::sent_digest(std::int64_t id) const {
  auto query = sqlite::Statement::prepare(
      connection_->db.get(),
      std::string("SELECT ") + std::string(kDigestColumns) + std::string(kDigestWithBodies) + "d.id = ?1",
      {"read delivered digest " + std::to_string(id), connection_->path});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, id);
  return read_one_digest(*query);
}

Result<std::optional<SentDigest>> ItemStore::sent_digest_with_message_id(
    const std::string& message_id) const {
  auto query = sqlite::Statement::prepare(
      connection_->db.get(),
      std::string("SELECT ") + std::string(kDigestColumns) + std::string(kDigestWithBodies) +
          "d.message_id = ?1",
      {"read delivered digest " + message_id, connection_->path});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, message_id);
  return read_one_digest(*query);
}

Result<std::vector<ItemDelivery>> ItemStore::deliveries_of(std::int64_t item_id) const {
  auto query = sqlite::Statement::prepare(connection_->db.get(), R"sql(
      SELECT di.namnd, d.delivered_at FROM digest_items di JOIN digests d ON d.id = di.digest_id
      WHERE di.item_id = ?1 ORDER BY di.namnd)sql",
                                          {"list deliveries of item " + std::to_string(item_id),
                                           connection_->path});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, item_id);
  std::vector<ItemDelivery> deliveries;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return deliveries;
    deliveries.push_back({query->text(0), sqlite::from_unix_seconds(query->int64(1))});
  }
}

}  // namespace omvarld::storage
