// The poll cycle's per-source barrier and its crash quarantine, in process:
// an exception while one source's items are classified fails that source
// with kind "internal" and the others are stored; a note a dead process
// left behind sets its source aside; the quarantine's markers themselves;
// the summary's split of where the poll's time went.
// Files on disk (file:// feeds, an SQLite file), so labelled integration.

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "app/crash_quarantine.h"
#include "app/poll_cycle.h"
#include "app/time_format.h"
#include "config/config.h"
#include "filters/matcher.h"
#include "storage/item_store.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_doubles.h"

namespace omvarld::app {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kConfig = R"toml(
[daemon]
database = "omvarld.db"
allow_file_urls = true
default_interval = "30m"
first_digest_reach = "3650d"

[[source]]
id = "a"
url = "a.xml"

[[source]]
id = "b"
url = "b.xml"

[[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden"
recipients = ["u@linkoping.se"]
any = ["förskola"]
)toml";

std::string feed(const std::string& name) {
  return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + name +
         "</title><link>https://e.se/</link><description>d</description>"
         "<item><guid>" + name + "-1</guid><title>Förskola i " + name +
         "</title><link>https://e.se/" + name + "</link></item></channel></rss>\n";
}

class PollBarrier : public ::testing::Test {
 protected:
  void SetUp() override { set_up(kConfig); }

  void set_up(const std::string& config) {
    dir_.write("omvarld.toml", config);
    dir_.write("a.xml", feed("a"));
    dir_.write("b.xml", feed("b"));
    auto loaded = config::load_config(dir_.path() / "omvarld.toml");
    ASSERT_TRUE(loaded);
    config_ = std::move(*loaded);
    auto opened = storage::ItemStore::open(config_.daemon.database);
    ASSERT_TRUE(opened) << opened.error().message;
    store_.emplace(std::move(*opened));
    std::vector<storage::SourceRecord> sources;
    for (const config::SourceConfig& source : config_.sources) {
      sources.push_back({source.id, "", source.url});
    }
    ASSERT_TRUE(store_->sync_sources(sources));
    auto compiled = filters::Matcher::compile(config::topic_specs(config_),
                                              config::filter_specs(config_), nullptr);
    ASSERT_TRUE(compiled);
    matcher_.emplace(std::move(*compiled));
  }

  std::map<std::string, storage::SourceFetchState> states() {
    std::map<std::string, storage::SourceFetchState> by_id;
    auto all = store_->fetch_states();
    EXPECT_TRUE(all);
    if (all) {
      for (auto& state : *all) by_id[state.id] = state;
    }
    return by_id;
  }

  // Polls with a matcher that throws `thrown` the first time it is asked.
  template <class Thrown>
  PollSummary poll_throwing_once(Thrown thrown) {
    int calls = 0;
    PollCycle cycle(config_, [&]() -> const filters::Matcher& {
      if (calls++ == 0) throw thrown;
      return *matcher_;
    }, *store_, clock_);
    return cycle.poll_all();
  }

  omvarld::testing::TempDir dir_;
  omvarld::testing::FixedClock clock_{core::TimePoint{std::chrono::sys_days{2026y / 11 / 23}}};
  config::Config config_;
  std::optional<storage::ItemStore> store_;
  std::optional<filters::Matcher> matcher_;
};

TEST_F(PollBarrier, AnExceptionFailsOneSourceAsInternalAndTheOthersAreStored) {
  const PollSummary summary = poll_throwing_once(std::runtime_error("classifier exploded"));
  EXPECT_EQ(summary.sources, 2);
  EXPECT_EQ(summary.failed, 1);
  EXPECT_EQ(summary.new_items, 1);
  auto by_id = states();
  const bool a_failed = by_id["a"].error_streak == 1;
  const storage::SourceFetchState& failed = by_id[a_failed ? "a" : "b"];
  const storage::SourceFetchState& stored = by_id[a_failed ? "b" : "a"];
  EXPECT_EQ(failed.failure_kind, "internal");
  EXPECT_EQ(failed.last_error, "internal error: classifier exploded");
  ASSERT_TRUE(failed.next_attempt);
  EXPECT_GT(*failed.next_attempt, clock_.now());
  EXPECT_EQ(stored.error_streak, 0);
  EXPECT_EQ(stored.failure_kind, "");
  ASSERT_TRUE(stored.last_success);
}

// A document the reader stops in (here a mismatched end tag in item 2) is
// never a silent "ok" with fewer items: what was read is stored, and the
// source shows failing with the reason until a document is read whole.
TEST_F(PollBarrier, ADocumentReadOnlyInPartStoresWhatWasReadAndLeavesTheSourceFailing) {
  const std::string cut =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>a</title>\n"
      "<item><guid>a-1</guid><title>Förskola ett</title><link>https://e.se/1</link></item>\n"
      "<item><guid>a-2</guid><title><b>Förskola två</i></title></item>\n"
      "<item><guid>a-3</guid><title>Förskola tre</title><link>https://e.se/3</link></item>\n"
      "</channel></rss>\n";
  dir_.write("a.xml", cut);
  PollCycle cycle(config_, [&]() -> const filters::Matcher& { return *matcher_; }, *store_,
                  clock_);
  PollSummary summary = cycle.poll_all();
  EXPECT_EQ(summary.failed, 1);
  EXPECT_EQ(summary.new_items, 3);  // a-1, a-2 up to the mismatch, and b's item
  storage::SourceFetchState a = states()["a"];
  EXPECT_EQ(a.error_streak, 1);
  EXPECT_EQ(a.failure_kind, "partial");
  EXPECT_EQ(a.last_error,
            "only part of the document could be read: 3:47: Start-end tags mismatch: the rest"
            " of the document (120 bytes) is not read");
  EXPECT_EQ(states()["b"].error_streak, 0);

  // The same document again is not "unchanged": it stays failing.
  summary = cycle.poll_all();
  EXPECT_EQ(summary.failed, 1);
  EXPECT_EQ(summary.unchanged, 1);  // b
  EXPECT_EQ(states()["a"].error_streak, 2);

  dir_.write("a.xml", feed("a"));
  summary = cycle.poll_all();
  EXPECT_EQ(summary.failed, 0);
  a = states()["a"];
  EXPECT_EQ(a.error_streak, 0);
  EXPECT_EQ(a.failure_kind, "");
  EXPECT_EQ(a.last_error, "");
}

TEST_F(PollBarrier, AnExceptionOfAnyTypeIsCaughtToo) {
  const PollSummary summary = poll_throwing_once(42);
  EXPECT_EQ(summary.failed, 1);
  EXPECT_EQ(summary.new_items, 1);
  auto by_id = states();
  const storage::SourceFetchState& failed = by_id[by_id["a"].error_streak == 1 ? "a" : "b"];
  EXPECT_EQ(failed.failure_kind, "internal");
  EXPECT_EQ(failed.last_error, "internal error: an exception that is not a std::exception");
}

TEST_F(PollBarrier, TheFailedSourceIsStoredOnTheNextPoll) {
  poll_throwing_once(std::runtime_error("once"));
  PollCycle cycle(config_, [&]() -> const filters::Matcher& { return *matcher_; }, *store_, clock_);
  const PollSummary summary = cycle.poll_all();
  EXPECT_EQ(summary.failed, 0);
  EXPECT_EQ(summary.new_items, 1);
}

// The summary's split of the poll's time: the first matcher asked for is
// the compile (here it takes 50 ms), reading and storing happen only for
// documents that changed, and the parts never exceed the whole.
TEST_F(PollBarrier, TheSummarySaysWhereThePollsTimeWent) {
  bool compiled = false;
  PollCycle cycle(config_, [&]() -> const filters::Matcher& {
    if (!compiled) std::this_thread::sleep_for(50ms);
    compiled = true;
    return *matcher_;
  }, *store_, clock_);
  const PollTimes cold = cycle.poll_all().times;
  EXPECT_GE(cold.compiling, 50ms);
  EXPECT_LT(cold.compiling, 5s);
  EXPECT_GT(cold.reading.count(), 0);
  EXPECT_GT(cold.classifying.count(), 0);
  EXPECT_GT(cold.storing.count(), 0);
  EXPECT_GE(cold.total, cold.reading + cold.compiling + cold.classifying + cold.storing);

  const PollTimes unchanged = cycle.poll_all().times;  // the same documents: nothing parsed
  EXPECT_GT(unchanged.total.count(), 0);
  EXPECT_EQ(unchanged.compiling.count(), 0);
  EXPECT_EQ(unchanged.reading.count(), 0);
  EXPECT_EQ(unchanged.classifying.count(), 0);
  EXPECT_EQ(unchanged.storing.count(), 0);
}

// A marker as a process that died while reading leaves it: a file nobody
// holds a lock on, with the note in it, last written at `noted_at`.
void leave_marker(const fs::path& dir, const std::string& name, const std::string& note,
                  core::TimePoint noted_at = core::TimePoint{std::chrono::sys_days{2026y / 11 / 22}}) {
  std::ofstream(dir / name, std::ios::binary) << note;
  const timespec times[2] = {{noted_at.time_since_epoch().count(), 0},
                             {noted_at.time_since_epoch().count(), 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, (dir / name).c_str(), times, 0), 0);
}

TEST_F(PollBarrier, ANoteLeftBehindSetsItsSourceAsideAndTheOthersArePolled) {
  leave_marker(dir_.path(), "omvarld.db-reading.4242.0", "a\n");
  PollCycle cycle(config_, [&]() -> const filters::Matcher& { return *matcher_; }, *store_, clock_);
  const PollSummary summary = cycle.poll_all();
  EXPECT_EQ(summary.set_aside, 1);
  EXPECT_EQ(summary.sources, 1);
  EXPECT_EQ(summary.failed, 0);
  EXPECT_EQ(summary.new_items, 1);
  auto by_id = states();
  EXPECT_EQ(by_id["a"].failure_kind, "crash");
  EXPECT_EQ(by_id["a"].error_streak, 1);
  ASSERT_TRUE(by_id["a"].next_attempt);
  // The wait after a first failure: the interval, ±10 % jitter (app/poll_policy.h).
  EXPECT_GE(*by_id["a"].next_attempt, clock_.now() + 27min);
  EXPECT_LE(*by_id["a"].next_attempt, clock_.now() + 33min);
  EXPECT_EQ(by_id["a"].last_error,
            "omvarld (process 4242) stopped while reading this source (at 2026-11-22T00:00:00Z); "
            "it is skipped until " + rfc3339(*by_id["a"].next_attempt));
  EXPECT_EQ(by_id["b"].failure_kind, "");
  EXPECT_FALSE(fs::exists(dir_.path() / "omvarld.db-reading.4242.0"));

  // Once its wait is over, it is polled again.
  clock_.advance(2h);
  PollCycle later(config_, [&]() -> const filters::Matcher& { return *matcher_; }, *store_, clock_);
  const PollSummary next = later.poll_all();
  EXPECT_EQ(next.set_aside, 0);
  EXPECT_EQ(next.failed, 0);
  EXPECT_EQ(states()["a"].failure_kind, "");
}

TEST_F(PollBarrier, AMarkerHeldByALiveProcessIsLeftAlone) {
  const fs::path live = dir_.path() / "omvarld.db-reading.99.0";
  leave_marker(dir_.path(), "omvarld.db-reading.99.0", "a\n");
  const int fd = ::open(live.c_str(), O_RDWR);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  PollCycle cycle(config_, [&]() -> const filters::Matcher& { return *matcher_; }, *store_, clock_);
  const PollSummary summary = cycle.poll_all();
  ::close(fd);
  EXPECT_EQ(summary.set_aside, 0);
  EXPECT_EQ(summary.failed, 0);
  EXPECT_EQ(summary.new_items, 2);
  EXPECT_TRUE(fs::exists(live));
}

class PollBarrierMailbox : public PollBarrier {
 protected:
  void SetUp() override {
    const fs::path examples = fs::path(OMVARLD_SOURCE_DIR) / "examples/newsletters";
    fs::create_directories(dir_.path() / "mail");
    fs::copy_file(examples / "east-sweden-veckobrev-48.eml", dir_.path() / "mail/48.eml");
    fs::copy_file(fs::path(OMVARLD_SOURCE_DIR) / "tests/testdata/hostile/edges-text-newsletter.eml",
                  dir_.path() / "mail/49.eml");
    set_up(std::string(kConfig) + "\n[[source]]\nid = \"brev\"\nurl = \"mail/\"\nkind = \"imap\"\n");
  }

  std::size_t stored_items(const std::string& source) {
    storage::ItemQuery query;
    query.limit = 1000;
    auto items = store_->items(query);
    EXPECT_TRUE(items);
    std::size_t count = 0;
    for (const storage::StoredItem& stored : items ? *items : std::vector<storage::StoredItem>{}) {
      count += stored.item.source == source ? 1 : 0;
    }
    return count;
  }
};

TEST_F(PollBarrierMailbox, AMessageThatCrashedIsSkippedAndTheOthersAreReadAfterTheWait) {
  // 48.eml has 5 stories, 49.eml 2 more.
  leave_marker(dir_.path(), "omvarld.db-reading.4242.0", "brev\n49.eml\n");
  PollCycle cycle(config_, [&]() -> const filters::Matcher& { return *matcher_; }, *store_, clock_);
  const PollSummary first = cycle.poll_all();
  EXPECT_EQ(first.set_aside, 1);
  EXPECT_EQ(stored_items("brev"), 0u);
  EXPECT_EQ(states()["brev"].failure_kind, "crash");

  clock_.advance(2h);
  PollCycle later(config_, [&]() -> const filters::Matcher& { return *matcher_; }, *store_, clock_);
  const PollSummary second = later.poll_all();
  EXPECT_EQ(second.set_aside, 0);
  // The other message is read; the one set aside is news nobody gets, so
  // the source shows it until the message or its line is removed.
  EXPECT_EQ(second.failed, 1);
  EXPECT_EQ(stored_items("brev"), 5u);
  EXPECT_EQ(states()["brev"].failure_kind, "partial");
  EXPECT_EQ(states()["brev"].last_error,
            "1 message left unread: message 49.eml: omvarld stopped while reading it on "
            "2026-11-23T00:00:00Z; skipped until its line is removed from " +
                (dir_.path() / "omvarld.db-skipped-messages").string());
  CrashQuarantine quarantine(config_.daemon.database);
  auto skipped = quarantine.skipped_messages();
  ASSERT_TRUE(skipped);
  ASSERT_EQ(skipped->size(), 1u);
  EXPECT_EQ((*skipped)[0].source, "brev");
  EXPECT_EQ((*skipped)[0].uid, "49.eml");
  EXPECT_EQ((*skipped)[0].since, core::TimePoint{std::chrono::sys_days{2026y / 11 / 23}});
}

TEST(CrashQuarantine, NotesTheSourceAndMessageBeingReadAndBlanksThemAfter) {
  omvarld::testing::TempDir dir;
  const std::string database = (dir.path() / "omvarld.db").string();
  CrashQuarantine quarantine(database);
  const auto marker = [&]() -> std::string {
    for (const auto& entry : fs::directory_iterator(dir.path())) {
      if (entry.path().filename().string().rfind("omvarld.db-reading.", 0) == 0) {
        std::ifstream in(entry.path(), std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      }
    }
    return "(no marker)";
  };
  EXPECT_EQ(marker(), "");
  {
    const auto source = quarantine.reading("veckobrev");
    EXPECT_EQ(marker(), "veckobrev\n");
    {
      const auto message = quarantine.reading("veckobrev", "1234");
      EXPECT_EQ(marker(), "veckobrev\n1234\n");
    }
    EXPECT_EQ(marker(), "veckobrev\n");
  }
  EXPECT_EQ(marker(), "");
}

TEST(CrashQuarantine, HandsBackWhatADeadProcessLeftOnceWithItsMessage) {
  omvarld::testing::TempDir dir;
  const std::string database = (dir.path() / "omvarld.db").string();
  leave_marker(dir.path(), "omvarld.db-reading.77.3", "veckobrev\nmsg 12.eml\n");
  leave_marker(dir.path(), "omvarld.db-reading.78.0", "");  // died between sources
  leave_marker(dir.path(), "other.db-reading.79.0", "x\n");  // another database's
  CrashQuarantine quarantine(database);
  const std::vector<LeftBehind> left = quarantine.collect_left_behind();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].source, "veckobrev");
  EXPECT_EQ(left[0].message_uid, "msg 12.eml");
  EXPECT_EQ(left[0].pid, 77);
  EXPECT_EQ(left[0].noted_at, core::TimePoint{std::chrono::sys_days{2026y / 11 / 22}});
  EXPECT_TRUE(quarantine.collect_left_behind().empty());
  EXPECT_FALSE(fs::exists(dir.path() / "omvarld.db-reading.78.0"));
  EXPECT_TRUE(fs::exists(dir.path() / "other.db-reading.79.0"));
}

TEST(CrashQuarantine, TwoInstancesDoNotTakeEachOthersLiveNotes) {
  omvarld::testing::TempDir dir;
  const std::string database = (dir.path() / "omvarld.db").string();
  CrashQuarantine first(database);
  CrashQuarantine second(database);
  const auto reading = first.reading("a");
  EXPECT_TRUE(second.collect_left_behind().empty());
}

TEST(CrashQuarantine, KeepsSkippedMessagesWithAnyCharacterInTheirUid) {
  omvarld::testing::TempDir dir;
  CrashQuarantine quarantine((dir.path() / "omvarld.db").string());
  const core::TimePoint since{std::chrono::sys_days{2026y / 11 / 23}};
  ASSERT_TRUE(quarantine.skip_message({"veckobrev", "42", since}));
  ASSERT_TRUE(quarantine.skip_message({"nyhetsbrev", "a\tb\nc%d.eml", since + 1h}));
  auto skipped = quarantine.skipped_messages();
  ASSERT_TRUE(skipped);
  ASSERT_EQ(skipped->size(), 2u);
  EXPECT_EQ((*skipped)[0].source, "veckobrev");
  EXPECT_EQ((*skipped)[0].uid, "42");
  EXPECT_EQ((*skipped)[0].since, since);
  EXPECT_EQ((*skipped)[1].uid, "a\tb\nc%d.eml");
  EXPECT_EQ((*skipped)[1].since, since + 1h);
  EXPECT_EQ(quarantine.skipped_messages_path(), dir.path() / "omvarld.db-skipped-messages");
}

TEST(CrashQuarantine, NotesNothingWithoutADatabaseFile) {
  CrashQuarantine quarantine(":memory:");
  const auto reading = quarantine.reading("a");
  EXPECT_TRUE(quarantine.collect_left_behind().empty());
  auto skipped = quarantine.skipped_messages();
  ASSERT_TRUE(skipped);
  EXPECT_TRUE(skipped->empty());
}

}  // namespace
}  // namespace omvarld::app
