// Two or three senders at once, through the real binary: `digest send --all
// --now` started two and three times at the same moment, round after round,
// against the SMTP test server (tests/support/smtp_server.py, with a slow
// answer to DATA so that the senders overlap) and against the directory
// transport; and `omvarld run` with a `digest send --all --now` by hand
// beside it, as docs/operations.md allows. Every nämnd gets each digest
// exactly once: the messages received are counted per nämnd, and each holds
// its own round's items. No sender fails, and no temporary file is left.

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/eml_reader.h"
#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"
#include "tests/support/smtp_server.h"
#include "tests/support/utc_time.h"

namespace omvarld::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using omvarld::testing::ChildProcess;
using omvarld::testing::describe;
using omvarld::testing::ProcessResult;
using omvarld::testing::read_whole_file;
using omvarld::testing::SmtpServerOptions;
using omvarld::testing::SmtpTestServer;
using omvarld::testing::TempDir;

// Each nämnd and the word its filter looks for; the items of a round are
// titled "<word> runda R nr N".
const std::map<std::string, std::string> kWords = {
    {"linkoping/utbildning", "Förskola"},
    {"norrkoping/vard", "Äldreomsorg"},
    {"linkoping/miljo", "Klimat"},
};

std::string an_hour_ago() {
  return omvarld::testing::rfc822_date(std::chrono::system_clock::now() - std::chrono::hours(1));
}

std::string title(const std::string& word, int round, int n) {
  return word + " runda " + std::to_string(round) + " nr " + std::to_string(n);
}

// The feed after `rounds` rounds: two items per nämnd and round, all kept.
std::string feed(int rounds) {
  const std::string date = an_hour_ago();
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
      "<title>SKR</title><link>https://skr.example.se/</link><description>x</description>\n";
  for (int round = 0; round < rounds; ++round) {
    for (const auto& [namnd, word] : kWords) {
      for (int n = 1; n <= 2; ++n) {
        const std::string text = title(word, round, n);
        const std::string id = namnd + "-" + std::to_string(round) + "-" + std::to_string(n);
        xml += "<item><title>" + text + "</title><link>https://skr.example.se/" + id +
               "</link><guid isPermaLink=\"false\">" + id + "</guid><pubDate>" + date +
               "</pubDate><description>Om " + text + ".</description></item>\n";
      }
    }
  }
  return xml + "</channel></rss>\n";
}

std::string config(const std::string& mail) {
  std::string toml =
      "[daemon]\n"
      "database = \"omvarld.db\"\n"
      "timezone = \"Europe/Stockholm\"\n"
      "allow_file_urls = true\n"
      "\n"
      "[mail]\n" +
      mail +
      "from = \"Omvärldsbevakning <omvarld@linkoping.se>\"\n"
      "\n"
      "[[source]]\n"
      "id = \"skr\"\n"
      "name = \"SKR\"\n"
      "url = \"feeds/skr.xml\"\n";
  for (const auto& [namnd, word] : kWords) {
    toml += "\n[[namnd]]\nid = \"" + namnd + "\"\nname = \"" + namnd +
            "\"\nrecipients = [\"omvarld-" + std::to_string(toml.size()) +
            "@linkoping.se\"]\nschedule = \"mon 07:00\"\nany = [\"" + word + "\"]\n";
  }
  return toml;
}

// The messages received so far, per nämnd, oldest first (by file name).
using Received = std::map<std::string, std::vector<omvarld::testing::Eml>>;

void add(Received& received, const std::string& raw, const std::string& where) {
  auto eml = omvarld::testing::parse_eml(raw);
  ASSERT_TRUE(eml) << where << ": " << eml.error();
  const auto namnd = eml->header("X-Omvarld-Namnd");
  ASSERT_TRUE(namnd) << where;
  received[*namnd].push_back(std::move(*eml));
}

class ConcurrentSend : public ::testing::Test {
 protected:
  ProcessResult run(const std::vector<std::string>& args) {
    return omvarld::testing::run_omvarld(temp_.path() / "omvarld.toml", args, temp_.path());
  }

  // Starts `senders` `digest send --all --now` at once and waits for all;
  // each must succeed (a skipped nämnd is no failure).
  void send_at_once(int senders, const std::string& label) {
    std::vector<std::unique_ptr<ChildProcess>> children;
    for (int i = 0; i < senders; ++i) {
      children.push_back(std::make_unique<ChildProcess>(
          omvarld::testing::omvarld_binary(),
          std::vector<std::string>{"--config", (temp_.path() / "omvarld.toml").string(), "digest",
                                   "send", "--all", "--now"},
          temp_.path() / (label + "-" + std::to_string(i) + ".log")));
    }
    for (int i = 0; i < senders; ++i) {
      const int status = children[static_cast<std::size_t>(i)]->wait();
      const std::string log = read_whole_file(temp_.path() / (label + "-" + std::to_string(i) +
                                                              ".log"));
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << label << ":\n" << log;
      EXPECT_EQ(log.find("UNIQUE"), std::string::npos) << log;
      EXPECT_EQ(log.find("[error]"), std::string::npos) << log;
      skipped_ += count_lines(log, ": skipped: ");
    }
  }

  static int count_lines(const std::string& log, const std::string& needle) {
    int count = 0;
    for (std::size_t at = log.find(needle); at != std::string::npos;
         at = log.find(needle, at + 1)) {
      ++count;
    }
    return count;
  }

  // After round `round`: each nämnd has round + 1 digests, the last one
  // with exactly this round's two items.
  void expect_one_digest_per_round(const Received& received, int round) {
    for (const auto& [namnd, word] : kWords) {
      SCOPED_TRACE(namnd + " after round " + std::to_string(round));
      const auto found = received.find(namnd);
      ASSERT_NE(found, received.end());
      ASSERT_EQ(found->second.size(), static_cast<std::size_t>(round + 1));
      const std::string& text = found->second.back().text;
      EXPECT_NE(text.find(title(word, round, 1) + "\n"), std::string::npos) << text;
      EXPECT_NE(text.find(title(word, round, 2) + "\n"), std::string::npos) << text;
      EXPECT_NE(found->second.back().subject().find("2 nya träffar"), std::string::npos);
    }
  }

  // Polls, sends with 2 and 3 senders in turn, and checks, for `rounds`.
  template <class ReadReceived>
  void rounds_of_concurrent_sends(int rounds, ReadReceived read_received) {
    const auto start = std::chrono::steady_clock::now();
    for (int round = 0; round < rounds; ++round) {
      temp_.write("feeds/skr.xml", feed(round + 1));
      const ProcessResult polled = run({"poll", "--once"});
      ASSERT_EQ(polled.exit_code, 0) << describe(polled);
      const int senders = round % 2 == 0 ? 2 : 3;
      send_at_once(senders, "round-" + std::to_string(round));
      Received received;
      read_received(received);
      expect_one_digest_per_round(received, round);
      if (HasFailure()) return;
    }
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    std::cout << "[ concurrency ] " << rounds << " rounds of 2 and 3 senders, " << kWords.size()
              << " nämnder: " << rounds << " digests per nämnd, " << skipped_
              << " skips for a held lease, " << took.count() << " ms\n";
  }

  TempDir temp_;
  int skipped_ = 0;
};

TEST_F(ConcurrentSend, TwoAndThreeSendersOverSmtpDeliverEachDigestOnce) {
  SmtpServerOptions options;
  options.data_delay_seconds = 0.2;  // a slow relay: the senders overlap
  SmtpTestServer server(temp_.path() / "received", options);
  ASSERT_NE(server.port(), 0);
  temp_.write("omvarld.toml", config("transport = \"smtp\"\nsmtp_url = \"" + server.url() +
                                     "\"\nstarttls = \"off\"\n"));

  rounds_of_concurrent_sends(20, [&](Received& received) {
    for (const omvarld::testing::ReceivedMail& mail : server.received()) {
      add(received, mail.eml, mail.eml_path.string());
    }
  });
  EXPECT_GT(skipped_, 0) << "the senders never overlapped; the test proves nothing";
}

TEST_F(ConcurrentSend, TwoAndThreeSendersIntoADirectoryDeliverEachDigestOnce) {
  temp_.write("omvarld.toml", config("transport = \"directory\"\ndirectory = \"outbox\"\n"));

  rounds_of_concurrent_sends(20, [&](Received& received) {
    std::vector<fs::path> emls;
    for (const auto& entry : fs::directory_iterator(temp_.path() / "outbox")) {
      const std::string name = entry.path().filename().string();
      EXPECT_EQ(name.find(".tmp"), std::string::npos) << name;
      if (entry.path().extension() == ".eml") emls.push_back(entry.path());
    }
    // Names sort by time, then "-2", "-3" for one second: order by the
    // digest's round instead, which the subject cannot tell, so by mtime.
    std::sort(emls.begin(), emls.end(), [](const fs::path& a, const fs::path& b) {
      return fs::last_write_time(a) < fs::last_write_time(b);
    });
    for (const fs::path& eml : emls) add(received, read_whole_file(eml), eml.string());
  });
}

// The daemon's first tick sends every nämnd its first digest (none was
// ever sent); two `digest send --all --now` started with it race it for
// them. Fresh database each round.
TEST_F(ConcurrentSend, RunAndASendByHandBesideItDeliverEachDigestOnce) {
  constexpr int kRounds = 5;
  SmtpServerOptions options;
  options.data_delay_seconds = 0.2;
  SmtpTestServer server(temp_.path() / "received", options);
  ASSERT_NE(server.port(), 0);
  temp_.write("omvarld.toml", config("transport = \"smtp\"\nsmtp_url = \"" + server.url() +
                                     "\"\nstarttls = \"off\"\n"));
  temp_.write("feeds/skr.xml", feed(1));
  std::size_t before = 0;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    fs::remove(temp_.path() / "omvarld.db");
    fs::remove(temp_.path() / "omvarld.db-wal");
    fs::remove(temp_.path() / "omvarld.db-shm");
    ASSERT_EQ(run({"poll", "--once"}).exit_code, 0);

    const fs::path log = temp_.path() / ("run-" + std::to_string(round) + ".log");
    ChildProcess daemon(omvarld::testing::omvarld_binary(),
                        {"--config", (temp_.path() / "omvarld.toml").string(), "run"}, log);
    ASSERT_TRUE(daemon.started());
    send_at_once(2, "beside-" + std::to_string(round));
    // The daemon's tick is done once it logged its digest line.
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (read_whole_file(log).find("digests: ") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(50ms);
    }
    daemon.kill(SIGTERM);
    const int status = daemon.wait();
    const std::string daemon_log = read_whole_file(log);
    ASSERT_NE(daemon_log.find("digests: "), std::string::npos) << daemon_log;
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << daemon_log;
    EXPECT_EQ(daemon_log.find("[error]"), std::string::npos) << daemon_log;
    skipped_ += count_lines(daemon_log, ": skipped: ");

    const std::vector<omvarld::testing::ReceivedMail> mails = server.received();
    Received received;
    for (std::size_t i = before; i < mails.size(); ++i) {
      add(received, mails[i].eml, mails[i].eml_path.string());
    }
    before = mails.size();
    expect_one_digest_per_round(received, 0);
    if (HasFailure()) return;
  }
  std::cout << "[ concurrency ] " << kRounds << " rounds of `run` beside 2 senders, "
            << kWords.size() << " nämnder: 1 digest per nämnd and round, " << skipped_
            << " skips for a held lease\n";
}

}  // namespace
}  // namespace omvarld::e2e
