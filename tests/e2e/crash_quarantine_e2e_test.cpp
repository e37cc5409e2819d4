// The crash quarantine through the real binary: `poll --once` killed with
// SIGKILL while it reads a source (it is stopped first, and killed only
// once its marker names that source), then polled again: that source is
// failing with kind "crash" and set aside, the others are stored, and the
// marker is gone. And a marker naming a newsletter message, written by
// hand as a dead process leaves it: that message is listed as skipped.

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
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
using omvarld::testing::ChildProcess;
using omvarld::testing::OmvarldCli;
using omvarld::testing::ProcessResult;
using omvarld::testing::read_whole_file;

constexpr const char* kConfig = R"toml(
[daemon]
database = "omvarld.db"
allow_file_urls = true
first_digest_reach = "3650d"

[[source]]
id = "big"
url = "big.xml"

[[source]]
id = "small"
url = "small.xml"

[[source]]
id = "brev"
url = "mail/"
kind = "imap"

[[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden"
recipients = ["u@linkoping.se"]
any = ["förskola"]
)toml";

// A feed of `count` items that all match, so that storing it (classifying
// every item, loading the dictionaries first) takes a while.
std::string feed(const std::string& name, int count) {
  std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + name +
                    "</title><link>https://e.se/</link><description>d</description>\n";
  for (int i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    xml += "<item><guid isPermaLink=\"false\">" + name + n + "</guid><title>Förskolor och skolor " +
           n + "</title><link>https://e.se/" + name + "/" + n +
           "</link><description>Om förskolans arbete, del " + n + ".</description></item>\n";
  }
  return xml + "</channel></rss>\n";
}

class CrashQuarantineE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("omvarld.toml", kConfig);
    dir_.write("big.xml", feed("big", 20000));
    dir_.write("small.xml", feed("small", 3));
    fs::create_directories(dir_.path() / "mail");
    fs::copy_file(fs::path(OMVARLD_SOURCE_DIR) / "examples/newsletters/east-sweden-veckobrev-48.eml",
                  dir_.path() / "mail/east-sweden-veckobrev-48.eml");
  }

  // The markers beside the database and what each one notes.
  std::vector<std::pair<fs::path, std::string>> markers() const {
    std::vector<std::pair<fs::path, std::string>> found;
    for (const auto& entry : fs::directory_iterator(dir_.path())) {
      if (entry.path().filename().string().rfind("omvarld.db-reading.", 0) == 0) {
        found.emplace_back(entry.path(), read_whole_file(entry.path()));
      }
    }
    return found;
  }

  bool a_marker_notes(const std::string& note) const {
    for (const auto& [path, content] : markers()) {
      if (content == note) return true;
    }
    return false;
  }

  // Starts `poll --once` and kills it (SIGKILL) while its marker notes
  // `source`; returns the killed process's pid, or nullopt when every try
  // finished before it could be caught.
  std::optional<pid_t> kill_while_reading(const std::string& source) {
    for (int attempt = 0; attempt < 5; ++attempt) {
      for (const char* file : {"omvarld.db", "omvarld.db-wal", "omvarld.db-shm"}) {
        fs::remove(dir_.path() / file);
      }
      ChildProcess child(omvarld::testing::omvarld_binary(),
                         {"--config", (dir_.path() / "omvarld.toml").string(), "poll", "--once"},
                         dir_.path() / "killed.err");
      if (!child.started()) return std::nullopt;
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (::waitpid(child.pid(), &status, WNOHANG) == child.pid()) break;  // finished: try again
        if (a_marker_notes(source + "\n")) {
          child.kill(SIGSTOP);
          if (a_marker_notes(source + "\n")) {  // stopped while still reading it
            child.kill(SIGKILL);
            child.wait();
            return child.pid();
          }
          child.kill(SIGCONT);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
    return std::nullopt;
  }

  omvarld::testing::TempDir dir_;
  OmvarldCli cli_{dir_.path() / "omvarld.toml"};
};

TEST_F(CrashQuarantineE2e, ASourceThatWasBeingReadWhenTheProcessDiedIsSetAside) {
  const std::optional<pid_t> killed = kill_while_reading("big");
  ASSERT_TRUE(killed) << "the poll never stopped while reading big: " << read_whole_file(dir_.path() / "killed.err");
  ASSERT_EQ(markers().size(), 1u);

  const ProcessResult polled = cli_.run({"poll", "--once"});
  EXPECT_EQ(polled.exit_code, 3) << polled.err;
  const std::string stopped = "omvarld (process " + std::to_string(*killed) +
                              ") stopped while reading this source (at ";
  EXPECT_NE(polled.err.find("big: " + stopped), std::string::npos) << polled.err;
  EXPECT_NE(polled.err.find("big: not polled: " + stopped), std::string::npos) << polled.err;
  EXPECT_TRUE(markers().empty());

  const nlohmann::json big = cli_.source_status("big");
  EXPECT_EQ(big["failure_kind"], "crash");
  EXPECT_EQ(big["error_streak"], 1);
  EXPECT_EQ(big["items"], 0);
  const std::string error = big["last_error"];
  const std::string until = "); it is skipped until " + big["next_poll"].get<std::string>();
  ASSERT_EQ(error.size(), stopped.size() + std::string("2026-11-23T07:00:00Z").size() + until.size())
      << error;
  EXPECT_EQ(error.substr(0, stopped.size()), stopped);
  EXPECT_EQ(error.substr(error.size() - until.size()), until);
  EXPECT_EQ(cli_.source_status("small")["items"], 3);
  EXPECT_EQ(cli_.source_status("brev")["items"], 5);

  // Still within its wait: even `poll --once` leaves it.
  const ProcessResult again = cli_.run({"poll", "--once"});
  EXPECT_EQ(again.exit_code, 3) << again.err;
  EXPECT_NE(again.err.find("big: not polled: " + error + "\n"), std::string::npos) << again.err;
  EXPECT_EQ(cli_.source_status("big")["error_streak"], 1);
  const ProcessResult status = cli_.run({"status"});
  EXPECT_NE(status.out.find("  big  MISSLYCKAS x1: " + error + "  senast lyckad aldrig, 0 "
                                                               "nyheter\n"),
            std::string::npos)
      << status.out;
}

TEST_F(CrashQuarantineE2e, ANewsletterMessageThatWasBeingReadIsSkippedForGood) {
  fs::copy_file(fs::path(OMVARLD_SOURCE_DIR) / "tests/testdata/hostile/edges-text-newsletter.eml",
                dir_.path() / "mail/edges-text-newsletter.eml");
  // As a process killed while reading that message leaves its marker.
  dir_.write("omvarld.db-reading.4242.0", "brev\nedges-text-newsletter.eml\n");

  const ProcessResult polled = cli_.run({"poll", "--once"});
  EXPECT_EQ(polled.exit_code, 3) << polled.err;
  const nlohmann::json brev = cli_.source_status("brev");
  EXPECT_EQ(brev["failure_kind"], "crash");
  const std::string error = brev["last_error"];
  const std::string stopped =
      "omvarld (process 4242) stopped while reading message edges-text-newsletter.eml (at ";
  const std::string rest = "); that message is skipped and left unread (listed in " +
                           (dir_.path() / "omvarld.db-skipped-messages").string() +
                           "), and the source waits until " + brev["next_poll"].get<std::string>();
  EXPECT_EQ(error.substr(0, stopped.size()), stopped) << error;
  ASSERT_GE(error.size(), rest.size());
  EXPECT_EQ(error.substr(error.size() - rest.size()), rest) << error;

  const std::string skipped = read_whole_file(dir_.path() / "omvarld.db-skipped-messages");
  EXPECT_EQ(skipped.rfind("brev\tedges-text-newsletter.eml\t", 0), 0u) << skipped;
  EXPECT_TRUE(markers().empty());
  EXPECT_EQ(cli_.source_status("small")["items"], 3);
}

}  // namespace
}  // namespace omvarld::e2e
