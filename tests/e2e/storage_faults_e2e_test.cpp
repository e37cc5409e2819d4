// The binary on a copy of examples/ when the database is in trouble: a CLI
// command meets a lock another process holds too long, and a poll meets a
// full disk. Each says so clearly, exits with 3 (runtime failure) and
// leaves the database as it was; the next run does the work.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/storage/fault_injection.h"
#include "tests/storage/raw_sqlite.h"
#include "tests/support/demo_copy.h"
#include "tests/support/process.h"

namespace omvarld::e2e {
namespace {

namespace fs = std::filesystem;
using omvarld::storage::testing::FileSizeLimit;
using omvarld::storage::testing::RawDatabase;
using omvarld::testing::ProcessResult;


class StorageFaultsE2e : public ::testing::Test {
 protected:
  ProcessResult run(std::vector<std::string> args) { return demo_copy_.run(std::move(args)); }

  std::size_t stored_items() {
    const ProcessResult listed = run({"items", "--json"});
    EXPECT_TRUE(listed.exit_code == 0 || listed.exit_code == 1) << listed.err;
    if (listed.exit_code == 1) return 0;
    return nlohmann::json::parse(listed.out).size();
  }

  omvarld::testing::DemoCopy demo_copy_;
  const fs::path& demo_ = demo_copy_.dir();
  std::string database_ = (demo_ / "demo.db").string();
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(StorageFaultsE2e, ACommandMeetingALockHeldTooLongSaysWhoHoldsWhatAndExits3) {
  const ProcessResult polled = run({"poll", "--once"});
  ASSERT_EQ(polled.exit_code, 0) << polled.err;
  const std::size_t before = stored_items();
  ASSERT_GT(before, 0u);

  RawDatabase other_process(database_);
  ASSERT_EQ(other_process.execute("BEGIN IMMEDIATE; DELETE FROM matches"), "");
  const ProcessResult listed = run({"items"});
  EXPECT_EQ(listed.exit_code, 3);
  EXPECT_TRUE(contains(listed.err,
                       "storage: sync sources (" + database_ +
                           "): the database is locked: another process has held it for more"
                           " than 5 s; try again when that process is done (database is locked)"))
      << listed.err;

  ASSERT_EQ(other_process.execute("ROLLBACK"), "");
  EXPECT_EQ(stored_items(), before);
}

TEST_F(StorageFaultsE2e, APollMeetingAFullDiskIsAbandonedAndTheNextPollStoresEverything) {
  // The database exists, up to date and empty; its write-ahead log is gone.
  ASSERT_EQ(stored_items(), 0u);
  ASSERT_FALSE(fs::exists(database_ + "-wal"));

  ProcessResult polled;
  {
    // Room for the -shm index (32 kB) and a few pages of log: not for a poll.
    FileSizeLimit full_disk(40'000);
    polled = run({"poll", "--once"});
  }
  EXPECT_EQ(polled.exit_code, 3) << polled.err;
  EXPECT_TRUE(contains(polled.err,
                       "ec-press: storage: ")) << polled.err;
  // Which write meets the full disk first is the store's business.
  EXPECT_TRUE(contains(polled.err,
                       "(source ec-press): cannot write the database " + database_ +
                           ": the disk or the quota is full, the file reached its size limit, or"
                           " the disk is failing; free disk space or check the disk, then try"
                           " again; nothing was half-written (disk I/O error)"))
      << polled.err;
  EXPECT_EQ(RawDatabase(database_).column("PRAGMA integrity_check"),
            std::vector<std::string>{"ok"});
  EXPECT_EQ(stored_items(), 0u);

  const ProcessResult retried = run({"poll", "--once"});
  EXPECT_EQ(retried.exit_code, 0) << retried.err;
  EXPECT_GT(stored_items(), 0u);
}

}  // namespace
}  // namespace omvarld::e2e
