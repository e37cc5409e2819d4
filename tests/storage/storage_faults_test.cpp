// A full disk (a file size limit: SQLite refuses a -wal that is a link to
// /dev/full, and a real full file system needs a mount) and a database file
// this process may not write: the poll
// fails with a message that says what to do, the database is as it was
// before (no partial poll), and once the fault is gone the same poll stores
// everything.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "storage/item_store.h"
#include "storage/test_entry_points.h"
#include "tests/storage/fault_injection.h"
#include "tests/storage/raw_sqlite.h"
#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

namespace fs = std::filesystem;
using testing::at;
using testing::FileSizeLimit;
using testing::item;
using testing::match;
using testing::ok_poll;
using testing::RawDatabase;
using testing::TempDir;
using testing::Unwritable;

const core::NamndId kUtbildning = "linkoping/utbildning";
const std::vector<SourceRecord> kSources = {{"skr", "SKR", "https://skr.example.se/rss"}};

// `count` items of about 20 kB each, every one concerning one nämnd.
std::vector<ClassifiedItem> big_poll(int count) {
  std::vector<ClassifiedItem> items;
  for (int i = 0; i < count; ++i) {
    core::Item made = item("skr", "big-" + std::to_string(i), at(1000 + i));
    made.content = std::string(20000, static_cast<char>('a' + i % 26));
    items.push_back({std::move(made), {match(kUtbildning, {"skola"})}});
  }
  return items;
}

// What a poll may change, read behind the store's back.
struct Snapshot {
  std::string items;
  std::string matches;
  std::string source;

  static Snapshot of(const std::string& path) {
    RawDatabase raw(path);
    return {raw.value("SELECT COUNT(*) FROM items"), raw.value("SELECT COUNT(*) FROM matches"),
            raw.value("SELECT last_success || '/' || http_status FROM sources")};
  }
  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

class StorageFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = ItemStore::open(path_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_.emplace(std::move(*opened));
    ASSERT_TRUE(store_->sync_sources(kSources));
    auto first = storage::testing::store_classified_poll(
        *store_, "skr", std::vector<ClassifiedItem>{{item("skr", "a", at(900)), {}}},
        ok_poll(at(5000)));
    ASSERT_TRUE(first) << first.error().message;
  }

  // A limit every file of the database is under, and that the write-ahead
  // log crosses after a few more frames (a frame is a 24-byte header and a
  // 4096-byte page after the log's 32-byte header). SQLite writes the rest of
  // a write cut short again, meets EFBIG, and reports SQLITE_IOERR_WRITE.
  rlim_t limit_a_little_above_the_files() const {
    const std::uintmax_t frames = testing::largest_database_file(path_) / 4120 + 16;
    return static_cast<rlim_t>(32 + frames * 4120 + 24 + 2048);
  }

  TempDir dir_;
  const std::string path_ = (dir_.path() / "omvarld.db").string();
  std::optional<ItemStore> store_;
};

TEST_F(StorageFaults, AFullDiskFailsThePollLeavesNothingAndTheSamePollLaterStoresAll) {
  const Snapshot before = Snapshot::of(path_);
  const auto items = big_poll(60);
  {
    FileSizeLimit full_disk(limit_a_little_above_the_files());
    auto outcome =
        storage::testing::store_classified_poll(*store_, "skr", items, ok_poll(at(6000)));
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, Errc::kStorage);
    // Which step meets the full disk (an item's insert when SQLite's cache
    // spills, or the commit) is SQLite's affair; what the operator reads
    // after it is ours.
    const std::string message = outcome.error().message;
    const std::string reason =
        ": cannot write the database " + path_ +
        ": the disk or the quota is full, the file reached its size limit, or the disk is"
        " failing; free disk space or check the disk, then try again; nothing was half-written"
        " (disk I/O error)";
    EXPECT_EQ(message.rfind("storage: ", 0), 0u) << message;
    ASSERT_GE(message.size(), reason.size()) << message;
    EXPECT_EQ(message.substr(message.size() - reason.size()), reason);
  }
  EXPECT_EQ(Snapshot::of(path_), before);
  EXPECT_EQ(RawDatabase(path_).column("PRAGMA integrity_check"), std::vector<std::string>{"ok"});

  // The same connection carries on: the retry stores the whole poll.
  auto retried = storage::testing::store_classified_poll(*store_, "skr", items, ok_poll(at(6000)));
  ASSERT_TRUE(retried) << retried.error().message;
  EXPECT_EQ(retried->new_items, 60);
  auto pending = store_->undelivered(kUtbildning);
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->size(), 60u);
  EXPECT_EQ(RawDatabase(path_).column("PRAGMA integrity_check"), std::vector<std::string>{"ok"});
}

TEST_F(StorageFaults, OpeningADatabaseThisProcessMayNotWriteSaysWhatToDo) {
  store_.reset();  // the last connection closes: no -wal or -shm file is left
  Unwritable read_only(dir_.path());
  auto opened = ItemStore::open(path_);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().message,
            "storage: set journal mode (" + path_ +
                "): the database is read-only for this process: let the user omvarld runs as"
                " write the file, its -wal and -shm files and its directory (attempt to write a"
                " readonly database)");
}

TEST_F(StorageFaults, APollIntoADatabaseThisProcessMayNotWriteChangesNothing) {
  const Snapshot before = Snapshot::of(path_);
  const auto items = big_poll(3);
  {
    // store_ (the owner) keeps the file open, so another process that may
    // only read it finds its -wal and -shm files and opens it.
    Unwritable read_only(dir_.path());
    auto reader = ItemStore::open(path_);
    ASSERT_TRUE(reader) << reader.error().message;
    auto outcome =
        storage::testing::store_classified_poll(*reader, "skr", items, ok_poll(at(6000)));
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().message,
              "storage: store poll (source skr): the database " + path_ +
                  " is read-only for this process: let the user omvarld runs as write the file,"
                  " its -wal and -shm files and its directory (attempt to write a readonly"
                  " database)");
  }
  EXPECT_EQ(Snapshot::of(path_), before);

  // With the rights restored, a new connection stores the same poll.
  auto writer = ItemStore::open(path_);
  ASSERT_TRUE(writer) << writer.error().message;
  auto retried = storage::testing::store_classified_poll(*writer, "skr", items, ok_poll(at(6000)));
  ASSERT_TRUE(retried) << retried.error().message;
  EXPECT_EQ(retried->new_items, 3);
}

TEST_F(StorageFaults, TheWriteAheadLogStaysBoundedWhileTheStoreLives) {
  // About 12 MB of polls through one long-lived connection, as the daemon's:
  // the automatic checkpoints (every 1000 pages, 4 MB) must keep running.
  for (int poll = 0; poll < 12; ++poll) {
    std::vector<ClassifiedItem> items;
    for (int i = 0; i < 50; ++i) {
      core::Item made = item("skr", std::to_string(poll) + "-" + std::to_string(i), at(1000));
      made.content = std::string(20000, 'x');
      items.push_back({std::move(made), {match(kUtbildning, {"skola"})}});
    }
    auto stored =
        storage::testing::store_classified_poll(*store_, "skr", items, ok_poll(at(6000 + poll)));
    ASSERT_TRUE(stored) << stored.error().message;
  }
  EXPECT_GT(fs::file_size(path_), 8'000'000u);  // checkpointed into the file
  EXPECT_LT(fs::file_size(path_ + "-wal"), 6'000'000u);  // and the log reused
}

TEST_F(StorageFaults, ADamagedDatabaseSaysToRestoreFromABackup) {
  store_.reset();
  // Pages 2 onwards hold the tables: overwrite them, keep the header page.
  {
    std::fstream file(path_, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(4096);
    const std::string garbage(static_cast<std::size_t>(fs::file_size(path_)) - 4096, '\x5a');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  auto opened = ItemStore::open(path_);
  Result<std::vector<StoredItem>> listed = fail(Errc::kStorage, "not opened");
  if (opened) listed = opened->items(ItemQuery{});
  ASSERT_FALSE(opened && listed);
  const Error& error = opened ? listed.error() : opened.error();
  const std::string reason = " is damaged: stop omvarld and restore the file from a backup"
                             " (database disk image is malformed)";
  ASSERT_GE(error.message.size(), reason.size());
  EXPECT_EQ(error.message.substr(error.message.size() - reason.size()), reason) << error.message;
  EXPECT_NE(error.message.find(path_), std::string::npos) << error.message;
}

}  // namespace
}  // namespace omvarld::storage
