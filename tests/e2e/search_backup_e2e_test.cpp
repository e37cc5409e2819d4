// `items --search`, retention after `poll --once` and `backup FILE`, through
// the real binary on a copy of examples/.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/demo_copy.h"
#include "tests/support/process.h"
#include "tests/support/sql_text.h"

namespace omvarld::e2e {
namespace {

namespace fs = std::filesystem;
using omvarld::testing::ProcessResult;
using omvarld::testing::sql_text;

constexpr const char* kStudieresa = "Studieresa till Bryssel för skolledare i Östergötland";

class SearchBackupE2e : public ::testing::Test {
 protected:
  ProcessResult run(std::vector<std::string> args) { return demo_copy_.run(std::move(args)); }

  void run_ok(std::vector<std::string> args) {
    args.push_back("-q");
    const ProcessResult result = run(args);
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }

  std::size_t stored_items() {
    return std::stoul(sql_text(demo_ / "demo.db", "SELECT COUNT(*) FROM items"));
  }

  omvarld::testing::DemoCopy demo_copy_;
  const fs::path& demo_ = demo_copy_.dir();
};

TEST_F(SearchBackupE2e, SearchPrintsEachHitWithSourceDateLinkAndSnippet) {
  run_ok({"poll", "--once"});
  const ProcessResult found = run({"-q", "items", "--search", "STUDIERESA östergötland"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  // Published 09:00 UTC, 10:00 in Stockholm; then the link, the snippet and
  // the nämnder it concerns.
  EXPECT_TRUE(found.out.starts_with(
      "2026-11-04 10:00  east-sweden-bryssel  " + std::string(kStudieresa) +
      "\n"
      "    https://eastsweden.example.se/eu-kontor/nyheter/2026/studieresa-skolledare\n"
      "    [Studieresa] till Bryssel för skolledare i [Östergötland]\n"))
      << found.out;
  EXPECT_TRUE(found.out.ends_with("\n\n")) << found.out;
}

TEST_F(SearchBackupE2e, SearchJsonIsAnArrayOfItemsWithSnippets) {
  run_ok({"poll", "--once"});
  const ProcessResult found =
      run({"-q", "items", "--search", "\"skolledare i Östergötland\"", "--since", "1d", "--json"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  const auto json = nlohmann::json::parse(found.out);
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), 1U);
  EXPECT_EQ(json[0]["title"], kStudieresa);
  EXPECT_EQ(json[0]["source"], "east-sweden-bryssel");
  EXPECT_EQ(json[0]["published"], "2026-11-04T09:00:00Z");
  EXPECT_EQ(json[0]["snippet"], "Studieresa till Bryssel för [skolledare i Östergötland]");
  EXPECT_TRUE(json[0]["matches"].is_array());
}

TEST_F(SearchBackupE2e, SearchExitsOneWhenNothingMatchesAndTwoWithoutWords) {
  run_ok({"poll", "--once"});
  // Without its diaeresis it is another word.
  const ProcessResult none = run({"-q", "items", "--search", "ostergotland", "--json"});
  EXPECT_EQ(none.exit_code, 1) << none.err;
  EXPECT_EQ(none.out, "[]\n");
  EXPECT_NE(none.err.find("Inga nyheter matchade ”ostergotland”\n"), std::string::npos) << none.err;

  const ProcessResult empty = run({"-q", "items", "--search", "( )"});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_EQ(empty.out, "");
  EXPECT_NE(empty.err.find("error search: the query has no word to search for\n"),
            std::string::npos)
      << empty.err;
}

TEST_F(SearchBackupE2e, PollPrunesOldUndeliveredItemsAndKeepsDeliveredOnes) {
  run_ok({"poll", "--once"});
  run_ok({"digest", "send", "--all", "--now"});
  const std::string delivered =
      sql_text(demo_ / "demo.db", "SELECT COUNT(DISTINCT item_id) FROM digest_items");
  ASSERT_NE(delivered, "0");
  const std::size_t before = stored_items();
  ASSERT_GT(before, std::stoul(delivered));
  // Everything was first seen three years ago (retention is 730d).
  sql_text(demo_ / "demo.db", "UPDATE items SET first_seen = first_seen - 3 * 365 * 86400");

  const ProcessResult polled = run({"poll", "--once"});
  ASSERT_EQ(polled.exit_code, 0) << polled.err;
  const std::size_t pruned = before - std::stoul(delivered);
  EXPECT_NE(polled.err.find("retention: pruned " + std::to_string(pruned) +
                            " items first seen before "),
            std::string::npos)
      << polled.err;
  EXPECT_EQ(std::to_string(stored_items()), delivered);
  EXPECT_EQ(sql_text(demo_ / "demo.db",
                     "SELECT COUNT(*) FROM digest_items d"
                     " WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id = d.item_id)"),
            "0");
}

TEST_F(SearchBackupE2e, BackupWritesACompleteCopyAndRefusesTheDatabaseItself) {
  run_ok({"poll", "--once"});
  const fs::path copy = demo_copy_.scratch() / "copy.db";
  const ProcessResult backed_up = run({"backup", copy.string()});
  ASSERT_EQ(backed_up.exit_code, 0) << backed_up.err;
  EXPECT_EQ(sql_text(copy, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(sql_text(copy, "SELECT COUNT(*) FROM items"), std::to_string(stored_items()));

  const fs::path database = demo_ / "demo.db";
  const ProcessResult refused = run({"backup", database.string()});
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(refused.err.find("error storage: back up database (" + database.string() + " to " +
                             database.string() +
                             "): the target is the database itself; name another file\n"),
            std::string::npos)
      << refused.err;
}

// The key that signs feedback links goes with the database: without it,
// every link already mailed stops working after a restore.
TEST_F(SearchBackupE2e, BackupCopiesTheFeedbackKeyPrivately) {
  const fs::path copy = demo_copy_.scratch() / "copy.db";
  const fs::path key_copy = demo_copy_.scratch() / "copy.db.feedback.key";
  const ProcessResult without_key = run({"backup", copy.string()});
  ASSERT_EQ(without_key.exit_code, 0) << without_key.err;
  EXPECT_FALSE(fs::exists(key_copy));

  const std::string key(32, '\x5a');
  {
    std::ofstream out(demo_ / "feedback.key", std::ios::binary);
    out << key;
  }
  fs::permissions(demo_ / "feedback.key", fs::perms::owner_read | fs::perms::owner_write);
  const ProcessResult backed_up = run({"backup", copy.string()});
  ASSERT_EQ(backed_up.exit_code, 0) << backed_up.err;
  EXPECT_NE(backed_up.err.find("backup: kopierade nyckeln för svarslänkarna till " +
                               key_copy.string()),
            std::string::npos)
      << backed_up.err;
  std::ifstream in(key_copy, std::ios::binary);
  const std::string copied((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(copied, key);
  EXPECT_EQ(fs::status(key_copy).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(SearchBackupE2e, HelpNamesSearchAndBackup) {
  const ProcessResult help = run({"--help"});
  ASSERT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("backup"), std::string::npos) << help.out;
  const ProcessResult items_help = run({"items", "--help"});
  ASSERT_EQ(items_help.exit_code, 0);
  EXPECT_NE(items_help.out.find("--search"), std::string::npos) << items_help.out;
}

}  // namespace
}  // namespace omvarld::e2e
