// Crash safety: a child process (crash_child.cpp) stores batches of items in
// a loop and reports each commit; it is killed with SIGKILL at random
// moments — while opening and migrating, mid-batch, mid-checkpoint — again
// and again. After every kill the database passes integrity_check, holds
// every batch the child reported committed, each batch whole, no item
// twice; the next child carries on where the database says.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "tests/storage/raw_sqlite.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace omvarld::storage {
namespace {

using omvarld::testing::ChildProcess;
using omvarld::testing::TempDir;
using testing::RawDatabase;

constexpr int kKills = 24;
constexpr int kItemsPerBatch = 40;
const std::string kChild = OMVARLD_CRASH_CHILD;

// "committed 17" → 17, anything else → -1.
long committed_batch(const std::string& line) {
  const std::string prefix = "committed ";
  if (line.rfind(prefix, 0) != 0) return -1;
  return std::stol(line.substr(prefix.size()));
}

// Checks the database after a kill and returns the last batch it holds
// (-1 for none). Every batch from 0 to the last is there with all its
// items and their matches.
long check_database(const std::string& path) {
  RawDatabase raw(path);
  EXPECT_EQ(raw.column("PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  if (raw.value("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'items'") != "1") return -1;
  EXPECT_EQ(raw.value("SELECT COUNT(*) - COUNT(DISTINCT key) FROM items"), "0");
  EXPECT_EQ(raw.value("SELECT COUNT(*) FROM items WHERE id NOT IN (SELECT item_id FROM matches)"),
            "0");
  const auto sizes = raw.column(
      "SELECT COUNT(*) FROM items GROUP BY CAST(substr(key, 1, instr(key, '-') - 1) AS INTEGER)"
      " ORDER BY CAST(substr(key, 1, instr(key, '-') - 1) AS INTEGER)");
  for (std::size_t batch = 0; batch < sizes.size(); ++batch) {
    EXPECT_EQ(sizes[batch], std::to_string(kItemsPerBatch)) << "batch " << batch;
  }
  const std::string last =
      raw.value("SELECT MAX(CAST(substr(key, 1, instr(key, '-') - 1) AS INTEGER)) FROM items");
  if (last.empty()) return -1;
  // Batches are numbered from 0 without gaps: as many batches as the last + 1.
  EXPECT_EQ(std::stol(last) + 1, static_cast<long>(sizes.size()));
  return std::stol(last);
}

TEST(CrashSafety, EveryReportedBatchSurvivesSigkillAtRandomMoments) {
  TempDir dir;
  const std::string path = (dir.path() / "omvarld.db").string();
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> delay_ms(0, 150);

  std::set<long> reported;
  long next_batch = 0;
  for (int kill = 0; kill < kKills; ++kill) {
    SCOPED_TRACE("kill " + std::to_string(kill) + " from batch " + std::to_string(next_batch));
    ChildProcess child(kChild,
                       {path, std::to_string(next_batch), std::to_string(kItemsPerBatch), "60"},
                       dir.path() / "child-stderr.txt");
    ASSERT_TRUE(child.started()) << kChild;
    auto record = [&reported](const std::string& line) {
      const long batch = committed_batch(line);
      EXPECT_GE(batch, 0) << line;
      reported.insert(batch);
    };

    // One kill in four counts its delay from the start, so it may land while
    // the child opens and migrates; the others wait for a first commit.
    if (kill % 4 != 0) {
      auto first = child.read_line(std::chrono::seconds(20));
      ASSERT_TRUE(first) << omvarld::testing::read_whole_file(dir.path() / "child-stderr.txt");
      record(*first);
    }
    const auto kill_at = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms(random));
    while (std::chrono::steady_clock::now() < kill_at) {
      auto line = child.read_line(std::chrono::duration_cast<std::chrono::milliseconds>(
          kill_at - std::chrono::steady_clock::now()));
      if (line) record(*line);
    }
    child.kill(SIGKILL);
    // What the child wrote before it died is still in the pipe.
    while (auto line = child.read_line(std::chrono::seconds(5))) record(*line);
    const int status = child.wait();
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the child ended by itself: "
        << omvarld::testing::read_whole_file(dir.path() / "child-stderr.txt");

    const long last = check_database(path);
    const long last_reported = reported.empty() ? -1 : *reported.rbegin();
    // Every reported batch is there; at most the one in flight is there unreported.
    EXPECT_GE(last, last_reported);
    EXPECT_LE(last, last_reported + 1);
    next_batch = last + 1;
  }
  // The children made progress between kills.
  EXPECT_GE(reported.size(), static_cast<std::size_t>(kKills / 2));
}

}  // namespace
}  // namespace omvarld::storage
