// The hostile corpus (tests/testdata/hostile/, whose README says what each
// input did before #19) through the binary. One poll over every hostile
// feed, page, API answer and newsletter beside a good feed must finish; the
// good feed's items are stored; an input that can be read whole or in part
// is stored with what it holds, and every other source is named in
// `status --json` with its kind and reason. `omvarld run` on the same
// configuration polls them all, keeps running and stops cleanly; and
// check-config, items --search and source discover meet the hostile
// configurations, queries and pages with a clear answer, at once.

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace omvarld::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using omvarld::testing::ChildProcess;
using omvarld::testing::ProcessResult;
using omvarld::testing::read_whole_file;
using omvarld::testing::run_omvarld;
using omvarld::testing::run_process;

const fs::path kHostile = fs::path(OMVARLD_SOURCE_DIR) / "tests" / "testdata" / "hostile";

// What one source of the corpus must show after the poll: its stored items,
// and for a failing source its kind and reason ("" and "" when it is ok).
struct Expected {
  std::string id;
  int items = 0;
  std::string kind = {};
  std::string reason = {};
};

std::string file_url(const fs::path& path) { return "file://" + path.string(); }

class HostileCorpus : public ::testing::Test {
 protected:
  // The big inputs are written by the corpus's two generators; the poll's
  // configuration is generate_sources.py's (pages, answers, the mailbox
  // and a good feed) with every hostile feed added as a feed source.
  static void SetUpTestSuite() {
    dir_ = new omvarld::testing::TempDir();
    const fs::path feeds = dir_->path() / "feeds";
    for (const auto& [script, out] : {std::pair{"generate_sources.py", dir_->path()},
                                      std::pair{"generate.py", feeds}}) {
      const ProcessResult generated =
          run_process("/usr/bin/python3", {(kHostile / script).string(), out.string()}, dir_->path());
      ASSERT_EQ(generated.exit_code, 0) << script << ": " << generated.err;
    }
    std::string config = read_whole_file(dir_->path() / "sources-poll.toml");
    std::vector<fs::path> feed_files;
    for (const fs::path& folder : {kHostile, feeds}) {
      for (const auto& entry : fs::directory_iterator(folder)) {
        const fs::path& path = entry.path();
        if (path.extension() == ".xml" || path.extension() == ".fifo") feed_files.push_back(path);
      }
    }
    // A login page where a feed was: a feed source answered with HTML.
    feed_files.push_back(kHostile / "edges-not-a-feed.html");
    for (const fs::path& path : feed_files) {
      const std::string id = path.extension() == ".html" ? "not-a-feed" : path.stem().string();
      config += "\n[[source]]\nid = \"" + id + "\"\nurl = \"" + file_url(path) + "\"\n";
    }
    config_ = dir_->path() / "hostile.toml";
    dir_->write("hostile.toml", config);
    // The daemon's own database, so that its first poll finds every source due.
    const std::string database = "database = \"sources-poll.db\"";
    const std::size_t at = config.find(database);
    ASSERT_NE(at, std::string::npos);
    config.replace(at, database.size(), "database = \"daemon.db\"");
    daemon_config_ = dir_->path() / "hostile-daemon.toml";
    dir_->write("hostile-daemon.toml", config);
  }

  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  // `omvarld --config hostile.toml ARGS` under timeout(1): a command that
  // hangs is killed after `limit` and fails the test (exit 137) instead of
  // the suite's timeout; one that crashes exits 128 + its signal.
  static ProcessResult run(std::vector<std::string> args, int limit_seconds = 120) {
    args.insert(args.begin(), {"-s", "KILL", std::to_string(limit_seconds),
                               omvarld::testing::omvarld_binary(), "--config", config_.string()});
    const ProcessResult result = run_process("/usr/bin/timeout", args, dir_->path());
    EXPECT_LT(result.exit_code, 124) << "omvarld " << args[6] << ": " << result.err;
    return result;
  }

  static std::map<std::string, nlohmann::json> status_by_source() {
    const ProcessResult status = run({"status", "--json"});
    EXPECT_EQ(status.exit_code, 0) << status.err;
    std::map<std::string, nlohmann::json> by_id;
    const nlohmann::json json = nlohmann::json::parse(status.out, nullptr, false);
    if (json.is_discarded() || !json.contains("sources")) {
      ADD_FAILURE() << "status --json: " << status.out;
      return by_id;
    }
    for (const nlohmann::json& source : json["sources"]) by_id[source["id"]] = source;
    return by_id;
  }

  static void expect_every_source(const std::vector<Expected>& expected) {
    const auto status = status_by_source();
    EXPECT_EQ(status.size(), expected.size());
    for (const Expected& source : expected) {
      SCOPED_TRACE(source.id);
      const auto found = status.find(source.id);
      ASSERT_NE(found, status.end());
      const nlohmann::json& shown = found->second;
      EXPECT_EQ(shown["items"], source.items);
      EXPECT_EQ(shown["failure_kind"], source.kind);
      EXPECT_EQ(shown["error_streak"].get<int>() > 0, !source.kind.empty());
      if (source.reason.ends_with("…")) {
        const std::string start = source.reason.substr(0, source.reason.size() - 3);
        EXPECT_TRUE(shown["last_error"].get<std::string>().starts_with(start)) << shown["last_error"];
      } else {
        EXPECT_EQ(shown["last_error"], source.reason);
      }
    }
  }

  static fs::path path(const std::string& name) { return dir_->path() / name; }

  static omvarld::testing::TempDir* dir_;
  static fs::path config_;
  static fs::path daemon_config_;
};

omvarld::testing::TempDir* HostileCorpus::dir_ = nullptr;
fs::path HostileCorpus::config_;
fs::path HostileCorpus::daemon_config_;

const std::string kUnreadable =
    "the page cannot be read to its end: elements nest more than 256 deep at line 3 (unclosed "
    "tags?); libxml2 reads no further";
const std::string kTooDeep = "the answer nests arrays and objects more than 128 deep (at byte ";
const std::string kPartial = "only part of the document could be read: ";

std::vector<Expected> expected_sources(const fs::path& dir) {
  const fs::path feeds = dir / "feeds";
  const auto not_regular = [&](const std::string& name, const std::string& what) {
    return file_url(feeds / name) + ": is " + what + ", not a regular file";
  };
  return {
      // The good feed beside them all.
      {"bra-flode", 2},
      // Feeds: nesting past the reader's limit, thousands of one thing,
      // NULs and a bad UTF-16 unit are read whole.
      {"deep-description", 3},
      {"deep-atom-xhtml", 3},
      {"deep-unknown-elements", 3},
      {"deep-channel-element", 3},
      {"deep-source-links", 3},
      {"nested-past-limit", 3},
      {"many-namespace-declarations", 40000},
      {"many-unknown-elements", 2},
      {"many-attributes", 2},
      {"nul-between-items", 4},
      {"utf16-bad-code-unit", 3},
      {"edges-text-feed", 2},
      // Feeds the reader stops in: what came before is stored, the rest
      // is named.
      {"mismatched-end-tag", 2, "partial",
       kPartial + "7:26: Start-end tags mismatch: the rest of the document (268 bytes) is not read"},
      {"unterminated-comment", 1, "partial",
       kPartial + "11:7: Error parsing comment: it runs to the end of the document, so nothing "
                  "after its start is read"},
      {"unterminated-cdata", 2, "partial",
       kPartial + "7:117: Error parsing CDATA section: the rest of the document (181 bytes) is not "
                  "read"},
      {"truncated", 3, "partial",
       kPartial + "8:74: Start-end tags mismatch: the document ends before its elements do, cut "
                  "short"},
      {"second-document-element", 1, "partial",
       kPartial + "9:2: a second document element, <rss>, is not read"},
      {"not-a-feed", 0, "not-a-feed", "not a feed: got an HTML page (<title>Inloggning KRITISKT</title>)"},
      // file:// that is no regular file, refused without waiting on it.
      {"feed", 0, "file", not_regular("feed.fifo", "a FIFO")},
      {"link-to-fifo", 0, "file", not_regular("link-to-fifo.xml", "a FIFO")},
      {"link-to-dev-zero", 0, "file", not_regular("link-to-dev-zero.xml", "a character device")},
      {"link-to-dev-urandom", 0, "file", not_regular("link-to-dev-urandom.xml", "a character device")},
      {"a-directory", 0, "file", not_regular("a-directory.xml", "a directory")},
      // Pages.
      {"page-100000-unclosed-a", 2},
      {"page-100000-unclosed-p", 2},
      {"page-100000-unclosed-li", 2},
      {"page-10000-unclosed-div", 0, "profile", kUnreadable},
      {"page-100000-unclosed-div", 0, "profile", kUnreadable},
      {"page-100000-unclosed-table", 0, "profile", kUnreadable},
      {"page-200-nested-items-1mb", 0, "profile",
       "the page cannot be read to its end: elements nest more than 256 deep at line 2 (unclosed "
       "tags?); libxml2 reads no further"},
      {"page-items-nested-100-deep", 0, "profile",
       "items \"//li[@class='nyhet']\" matched elements nested 100 deep inside one another, more "
       "than 8 (unclosed tags?) — has its markup changed?"},
      {"page-item-links-mailto-javascript", 0, "profile",
       "link \".//h2/a/@href\" found no web address in 4 of 5 items matched by items "
       "\"//li[@class='nyhet']\" (the first is item 2: \"mailto:info@kommun.example.se\")…"},
      {"page-nested-anchors-5mb", 0, "profile",
       "items \"//li[@class='nyhet']\" matched nothing on the page — has its markup changed?"},
      {"edges-not-a-feed", 0, "profile",
       "items \"//li[@class='nyhet']\" matched nothing on the page — has its markup changed?"},
      // API answers.
      {"api-links-of-every-kind", 5},
      {"edges-text-api", 1},
      {"api-10000-nested-arrays", 0, "json", kTooDeep + "129)"},
      {"api-1000000-nested-arrays", 0, "json", kTooDeep + "129)"},
      {"api-100000-nested-objects", 0, "json", kTooDeep + "637)"},
      {"api-number-1e400", 0, "json",
       "the answer is not JSON we can read: number overflow parsing '1e400'"},
      // Newsletters: the readable ones stored (the mailto: heading among
      // them), each one that is not left unread and named.
      {"nyhetsbrev", 5, "partial",
       "3 messages left unread: message newsletter-1100-nested-multiparts.eml: message "
       "<hostile-nested-multiparts@eastsweden.example.se> has no text/html or text/plain body "
       "within 32 levels of nested multiparts; message newsletter-html-10000-unclosed-div.eml: …"},
  };
}

TEST_F(HostileCorpus, APollOverEveryHostileInputFinishesAndNamesEachFailingSource) {
  const ProcessResult polled = run({"poll", "--once"});
  EXPECT_EQ(polled.exit_code, 3) << polled.err;  // some sources failed
  EXPECT_NE(polled.err.find("poll: 42 källor, 18 ok"), std::string::npos) << polled.err;
  expect_every_source(expected_sources(dir_->path()));

  // Polled again, nothing is stored twice and every failure is still named.
  const ProcessResult again = run({"poll", "--once"});
  EXPECT_EQ(again.exit_code, 3) << again.err;
  expect_every_source(expected_sources(dir_->path()));
}

TEST_F(HostileCorpus, TheDaemonPollsEveryHostileInputKeepsRunningAndStopsCleanly) {
  const fs::path log = path("run.log");
  ChildProcess daemon(omvarld::testing::omvarld_binary(),
                      {"--config", daemon_config_.string(), "run"}, log);
  ASSERT_TRUE(daemon.started());
  const auto deadline = std::chrono::steady_clock::now() + 120s;
  while (read_whole_file(log).find("poll: ") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(100ms);
  }
  const std::string polled = read_whole_file(log);
  ASSERT_NE(polled.find("poll: "), std::string::npos) << polled;
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(waitpid(daemon.pid(), nullptr, WNOHANG), 0) << "the daemon stopped: " << polled;

  daemon.kill(SIGTERM);
  const int status = daemon.wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_whole_file(log);
}

TEST_F(HostileCorpus, CheckConfigNamesTheQueryOrPhraseThatGoesTooFarWhereItDoes) {
  struct Case {
    std::string file;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"config-query-100000-parentheses.toml",
       ":6:42: query: har fler än 32 nivåer av parenteser och NOT"},
      {"config-query-100000-nots.toml",
       ":6:138: query: har fler än 32 nivåer av parenteser och NOT"},
      {"config-any-phrase-of-20000-words.toml", ":9:9: any: en fras med fler än 32 ord"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    const ProcessResult checked =
        run_omvarld({"--config", path(c.file).string(), "check-config"}, dir_->path());
    EXPECT_EQ(checked.exit_code, 2) << checked.err;
    EXPECT_NE(checked.err.find(path(c.file).string() + c.message), std::string::npos)
        << checked.err;
  }
}

TEST_F(HostileCorpus, ASearchAsLongAsOneArgumentMayBeIsRefusedAtOnce) {
  // 40,000 of the file's 100,000 prefix terms: Linux takes at most 128 KiB
  // in one argument, so this is the longest query a command line can carry.
  const std::string terms = read_whole_file(path("search-100000-prefix-terms.txt")).substr(0, 3 * 40000);
  const ProcessResult searched = run({"items", "--search", terms}, 30);
  EXPECT_EQ(searched.exit_code, 2) << searched.err;
  EXPECT_NE(searched.err.find("search: the query has more than 16 words and phrases; use at most 16"),
            std::string::npos)
      << searched.err;
}

TEST_F(HostileCorpus, DiscoveryOnPagesOfAHundredThousandUnclosedElementsAnswersAtOnce) {
  for (const std::string tag : {"div", "a", "p", "li", "table"}) {
    SCOPED_TRACE(tag);
    const fs::path page = path("page-100000-unclosed-" + tag + ".html");
    const ProcessResult discovered = run({"source", "discover", file_url(page)}, 30);
    // 0: a feed was found and works; 1: none works. Never a hang or crash.
    EXPECT_TRUE(discovered.exit_code == 0 || discovered.exit_code == 1) << discovered.err;
  }
}

}  // namespace
}  // namespace omvarld::e2e
