// kind = "imap" through the real poll cycle: a real dovecot on 127.0.0.1
// (tests/support/dovecot_server.h) with newsletters delivered to its
// INBOX, libcurl's IMAP, GMime, and the items in an SQLite file. Checks the
// stories, dates and deadlines stored; that messages are \Seen (asked in a
// second IMAP session) only once their stories are stored; that a
// newsletter delivered twice is stored once; and that login and connection
// failures are source failures of kind "imap".

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/poll_cycle.h"
#include "app/runtime.h"
#include "core/clock.h"
#include "tests/storage/raw_sqlite.h"
#include "tests/support/dovecot_server.h"
#include "tests/support/temp_dir.h"

namespace omvarld::sources {
namespace {

namespace fs = std::filesystem;
using omvarld::testing::DovecotServer;
using omvarld::testing::ImapProbe;
using omvarld::testing::TempDir;
using namespace std::chrono;

constexpr const char* kSource = "east-sweden-veckobrev";

fs::path newsletter(const std::string& name) {
  return fs::path(OMVARLD_SOURCE_DIR) / "tests/testdata/newsletters" / name;
}

class ImapPoll : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!omvarld::testing::dovecot_installed()) {
      GTEST_SKIP() << "dovecot is not installed (apt-get install dovecot-imapd); "
                      "scripts/install-deps.sh installs it";
    }
    server_ = std::make_unique<DovecotServer>();
    ASSERT_NE(server_->port(), 0);
  }

  // A configuration of one imap source and one nämnd that follows Erasmus+.
  fs::path write_config(const std::string& url, const std::string& password) {
    work_.write("imap-password", password + "\n");
    return work_.write("omvarld.toml", R"toml(
[daemon]
database = "omvarld.db"
first_digest_reach = "3650d"

[[source]]
id = "east-sweden-veckobrev"
name = "East Sweden EU-kontor – veckobrev"
url = ")toml" + url + R"toml("
kind = "imap"

[source.imap]
username = "omvarld"
password_file = "imap-password"

[[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden, Linköping"
recipients = ["utbildning.omvarld@linkoping.se"]
any = ["Erasmus+"]
)toml");
  }

  std::unique_ptr<app::Runtime> open(const fs::path& config) {
    auto runtime = app::open_runtime(config);
    EXPECT_TRUE(runtime) << "open_runtime failed";
    return runtime ? std::move(*runtime) : nullptr;
  }

  app::PollSummary poll(app::Runtime& runtime) {
    app::PollCycle cycle(
        runtime.config, [&runtime]() -> const filters::Matcher& { return runtime.matcher(); },
        runtime.store, clock_);
    return cycle.poll_all();
  }

  std::map<std::string, storage::StoredItem> stored_by_title(app::Runtime& runtime) {
    auto items = runtime.store.items(storage::ItemQuery{});
    EXPECT_TRUE(items);
    std::map<std::string, storage::StoredItem> by_title;
    if (items) {
      for (storage::StoredItem& stored : *items) by_title[stored.item.title] = std::move(stored);
    }
    return by_title;
  }

  storage::SourceFetchState state_of(app::Runtime& runtime) {
    auto states = runtime.store.fetch_states();
    EXPECT_TRUE(states);
    for (const storage::SourceFetchState& state : *states) {
      if (state.id == kSource) return state;
    }
    ADD_FAILURE() << "no fetch state for " << kSource;
    return {};
  }

  std::vector<std::string> unseen() {
    ImapProbe probe(server_->port(), DovecotServer::kUser, DovecotServer::kPassword);
    return probe.search("UNSEEN");
  }
  std::vector<std::string> seen() {
    ImapProbe probe(server_->port(), DovecotServer::kUser, DovecotServer::kPassword);
    return probe.search("SEEN");
  }

  std::unique_ptr<DovecotServer> server_;
  TempDir work_;
  core::SystemClock clock_;
};

using Uids = std::vector<std::string>;

TEST_F(ImapPoll, StoresTheStoriesWithDatesAndDeadlinesThenMarksTheMessagesSeen) {
  server_->deliver(newsletter("east-sweden-veckobrev-48.eml"));
  server_->deliver(newsletter("europa-direkt-latin1-base64.eml"));
  ASSERT_EQ(unseen(), (Uids{"1", "2"}));
  auto runtime = open(write_config(server_->inbox_url(), DovecotServer::kPassword));
  ASSERT_TRUE(runtime);

  const app::PollSummary summary = poll(*runtime);
  EXPECT_EQ(summary.sources, 1);
  EXPECT_EQ(summary.failed, 0);
  EXPECT_EQ(summary.new_items, 7);

  auto stored = stored_by_title(*runtime);
  ASSERT_EQ(stored.size(), 7u);
  const core::Item& erasmus = stored.at("Erasmus+ 2027: ny utlysning för skolsamarbeten").item;
  EXPECT_EQ(erasmus.source, kSource);
  EXPECT_EQ(erasmus.key, "https://eastsweden.example.se/nyheter/erasmus-2027");
  EXPECT_EQ(erasmus.published, sys_days(2026y / November / 27) + 7h + 30min);
  EXPECT_EQ(erasmus.deadline, core::Date(2027y / March / 5));
  const core::Item& consultation = stored.at("Samråd om EU:s nya dricksvattendirektiv").item;
  EXPECT_EQ(consultation.deadline, core::Date(2027y / January / 18));
  // From the ISO-8859-1 newsletter, dated by its own Date header.
  const core::Item& youth = stored.at("EU:s ungdomsdialog söker kommuner till pilotprojekt").item;
  EXPECT_EQ(youth.published, sys_days(2026y / November / 24) + 13h + 5min);
  EXPECT_EQ(youth.deadline, core::Date(2027y / January / 20));
  EXPECT_EQ(stored.count("Ny medarbetare på kontoret"), 1u);

  // Classified like any item: the nämnd that follows Erasmus+ has it.
  auto pending = runtime->store.undelivered("linkoping/utbildning");
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(pending->at(0).stored.item.title, "Erasmus+ 2027: ny utlysning för skolsamarbeten");

  EXPECT_EQ(unseen(), Uids{});
  EXPECT_EQ(seen(), (Uids{"1", "2"}));
  const storage::SourceFetchState state = state_of(*runtime);
  EXPECT_EQ(state.failure_kind, "");
  EXPECT_TRUE(state.last_success);
}

TEST_F(ImapPoll, TheSameNewsletterDeliveredTwiceIsStoredOnce) {
  server_->deliver(newsletter("east-sweden-veckobrev-48.eml"));
  server_->deliver(newsletter("east-sweden-veckobrev-48.eml"));
  auto runtime = open(write_config(server_->inbox_url(), DovecotServer::kPassword));
  ASSERT_TRUE(runtime);

  EXPECT_EQ(poll(*runtime).new_items, 5);
  EXPECT_EQ(stored_by_title(*runtime).size(), 5u);
  EXPECT_EQ(seen(), (Uids{"1", "2"}));

  // Delivered a third time, after the first two were stored.
  server_->deliver(newsletter("east-sweden-veckobrev-48.eml"));
  ASSERT_EQ(unseen(), Uids{"3"});
  const app::PollSummary again = poll(*runtime);
  EXPECT_EQ(again.failed, 0);
  EXPECT_EQ(again.new_items, 0);
  EXPECT_EQ(stored_by_title(*runtime).size(), 5u);
  EXPECT_EQ(unseen(), Uids{});
}

TEST_F(ImapPoll, AFailedStoreLeavesTheMessagesUnreadForTheNextPoll) {
  server_->deliver(newsletter("east-sweden-veckobrev-48.eml"));
  auto runtime = open(write_config(server_->inbox_url(), DovecotServer::kPassword));
  ASSERT_TRUE(runtime);
  {
    // Another process holds the write lock past the busy timeout.
    storage::testing::RawDatabase other_process((work_.path() / "omvarld.db").string());
    ASSERT_EQ(other_process.execute("BEGIN IMMEDIATE"), "");
    const app::PollSummary blocked = poll(*runtime);
    EXPECT_EQ(blocked.failed, 1);
    EXPECT_EQ(blocked.new_items, 0);
    EXPECT_EQ(unseen(), Uids{"1"});
    ASSERT_EQ(other_process.execute("ROLLBACK"), "");
  }
  EXPECT_EQ(stored_by_title(*runtime).size(), 0u);

  const app::PollSummary next = poll(*runtime);
  EXPECT_EQ(next.failed, 0);
  EXPECT_EQ(next.new_items, 5);
  EXPECT_EQ(unseen(), Uids{});
}

TEST_F(ImapPoll, AWrongPasswordIsASourceFailureOfKindImap) {
  server_->deliver(newsletter("east-sweden-veckobrev-48.eml"));
  auto runtime = open(write_config(server_->inbox_url(), "fel-losen"));
  ASSERT_TRUE(runtime);

  const app::PollSummary summary = poll(*runtime);
  EXPECT_EQ(summary.sources, 1);
  EXPECT_EQ(summary.failed, 1);
  const storage::SourceFetchState state = state_of(*runtime);
  EXPECT_EQ(state.failure_kind, "imap");
  EXPECT_EQ(state.last_error, server_->inbox_url() +
                                  ": login denied for \"omvarld\" (check username and "
                                  "password_file)");
  EXPECT_EQ(state.error_streak, 1);
  EXPECT_TRUE(state.next_attempt);
  EXPECT_EQ(unseen(), Uids{"1"});
}

TEST_F(ImapPoll, AServerThatIsDownIsASourceFailureOfKindImap) {
  const std::string url =
      "imap://127.0.0.1:" + std::to_string(omvarld::testing::free_loopback_port()) + "/INBOX";
  auto runtime = open(write_config(url, DovecotServer::kPassword));
  ASSERT_TRUE(runtime);

  EXPECT_EQ(poll(*runtime).failed, 1);
  const storage::SourceFetchState state = state_of(*runtime);
  EXPECT_EQ(state.failure_kind, "imap");
  EXPECT_TRUE(state.last_error.starts_with(url + ": cannot connect")) << state.last_error;
}

TEST_F(ImapPoll, AMissingFolderIsASourceFailureOfKindImap) {
  const std::string url = "imap://127.0.0.1:" + std::to_string(server_->port()) + "/Nyhetsbrev";
  auto runtime = open(write_config(url, DovecotServer::kPassword));
  ASSERT_TRUE(runtime);

  EXPECT_EQ(poll(*runtime).failed, 1);
  const storage::SourceFetchState state = state_of(*runtime);
  EXPECT_EQ(state.failure_kind, "imap");
  EXPECT_EQ(state.last_error, url + ": the folder cannot be opened (does it exist?)");
}

}  // namespace
}  // namespace omvarld::sources
