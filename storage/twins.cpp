// The same story in several feeds (twins.h), and the id rotations recorded
// for the coordinators' report.

#include "storage/twins.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <utility>

#include "storage/connection.h"

namespace omvarld::storage {
namespace {

// Union-find over indices into the pending list.
class Groups {
 public:
  explicit Groups(std::size_t size) : parent_(size) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t root(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void join(std::size_t a, std::size_t b) { parent_[root(a)] = root(b); }

 private:
  std::vector<std::size_t> parent_;
};

bool is_seen_before(const StoredItem& a, const StoredItem& b) {
  if (a.first_seen != b.first_seen) return a.first_seen < b.first_seen;
  return a.id < b.id;
}

}  // namespace

std::vector<PendingItem> fold_twins(std::vector<PendingWithKeys> pending) {
  Groups groups(pending.size());
  std::map<std::string, std::size_t> by_link;
  std::map<std::string, std::size_t> by_title_day;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    for (auto [key, index] : {std::pair{&pending[i].canonical_link, &by_link},
                              std::pair{&pending[i].title_day, &by_title_day}}) {
      if (key->empty()) continue;
      auto [seen, added] = index->try_emplace(*key, i);
      if (!added) groups.join(i, seen->second);
    }
  }
  // The first-seen member of each group leads it.
  std::map<std::size_t, std::size_t> leader;  // root → index
  for (std::size_t i = 0; i < pending.size(); ++i) {
    auto [current, added] = leader.try_emplace(groups.root(i), i);
    if (!added && is_seen_before(pending[i].pending.stored, pending[current->second].pending.stored)) {
      current->second = i;
    }
  }
  std::map<std::size_t, std::vector<StoredItem>> followers;  // leader index → twins
  for (std::size_t i = 0; i < pending.size(); ++i) {
    const std::size_t lead = leader[groups.root(i)];
    if (lead != i) followers[lead].push_back(pending[i].pending.stored);
  }
  std::vector<PendingItem> folded;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    if (leader[groups.root(i)] != i) continue;
    PendingItem item = std::move(pending[i].pending);
    if (auto twins = followers.find(i); twins != followers.end()) {
      item.also_in = std::move(twins->second);
      std::stable_sort(item.also_in.begin(), item.also_in.end(), is_seen_before);
    }
    // Another feed may state the deadline that the one shown leaves out.
    for (const StoredItem& twin : item.also_in) {
      if (item.stored.item.deadline) break;
      item.stored.item.deadline = twin.item.deadline;
    }
    folded.push_back(std::move(item));
  }
  return folded;
}

Result<void> mark_twins_delivered(sqlite3* db, std::int64_t digest_id, const core::NamndId& namnd,
                                  std::span<const std::int64_t> item_ids,
                                  const sqlite::Task& task) {
  // The items whose key hashes (story_keys.h) are the item's, then whose
  // keys are. A key of '' has a NULL hash, which equals nothing.
  auto mark = sqlite::Statement::prepare(db, R"sql(
      INSERT OR IGNORE INTO digest_items (digest_id, namnd, item_id)
      SELECT ?1, ?2, t.id FROM story_keys ik
        JOIN story_keys tk ON tk.link_hash = ik.link_hash
        JOIN items i ON i.id = ik.item_id JOIN items t ON t.id = tk.item_id
      WHERE ik.item_id = ?3 AND t.id <> i.id AND t.canonical_link = i.canonical_link
      UNION
      SELECT ?1, ?2, t.id FROM story_keys ik
        JOIN story_keys tk ON tk.title_day_hash = ik.title_day_hash
        JOIN items i ON i.id = ik.item_id JOIN items t ON t.id = tk.item_id
      WHERE ik.item_id = ?3 AND t.id <> i.id AND t.title_day = i.title_day)sql",
                                         task);
  if (!mark) return unexpected<Error>(mark.error());
  for (const std::int64_t item_id : item_ids) {
    mark->reset({"mark the twins of item " + std::to_string(item_id) + " delivered",
                 "nämnd " + namnd});
    mark->bind(1, digest_id);
    mark->bind(2, namnd);
    mark->bind(3, item_id);
    if (auto marked = mark->run(); !marked) return marked;
  }
  return {};
}

Result<std::vector<IdRotationRecord>> ItemStore::id_rotations_since(core::TimePoint since) const {
  auto query = sqlite::Statement::prepare(connection_->db.get(), R"sql(
      SELECT source_id, at, rekeyed_items FROM id_rotations WHERE at >= ?1
      ORDER BY at, id)sql",
                                          {"list id rotations", connection_->path});
  if (!query) return unexpected<Error>(query.error());
  query->bind(1, since);
  std::vector<IdRotationRecord> rotations;
  for (;;) {
    auto row = query->step();
    if (!row) return unexpected<Error>(row.error());
    if (!*row) return rotations;
    rotations.push_back({query->text(0), sqlite::from_unix_seconds(query->int64(1)),
                         static_cast<int>(query->int64(2))});
  }
}

}  // namespace omvarld::storage
