// Item identity through the real binary, on file:// feeds written by the
// test: the same story in two feeds is one digest entry naming the other
// source; a changed title is an update, not a new item, and is not sent
// again; a feed whose ids all change is stored once and a warning names it.

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/eml_reader.h"
#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"

namespace omvarld::e2e {
namespace {

namespace fs = std::filesystem;
using omvarld::testing::ProcessResult;
using omvarld::testing::TempDir;

constexpr const char* kUtbildning = "linkoping/utbildning";

constexpr const char* kConfig = R"toml(
[daemon]
database = "omvarld.db"
timezone = "Europe/Stockholm"
allow_file_urls = true
first_digest_reach = "3650d"

[mail]
transport = "directory"
directory = "outbox"
from = "Omvärldsbevakning <omvarld@linkoping.se>"

[[source]]
id = "skr"
name = "SKR"
url = "feeds/skr.xml"

[[source]]
id = "bryssel"
name = "EU-kontoret i Bryssel"
url = "feeds/bryssel.xml"

[[source]]
id = "ombyggd"
name = "Ombyggd webbplats"
url = "feeds/ombyggd.xml"

[[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden, Linköping"
recipients = ["utbildning@linkoping.se"]
any = ["erasmus*", "förskola"]
)toml";

struct FeedItem {
  std::string guid;
  std::string title;
  std::string link;
  std::string date = "Fri, 20 Nov 2026 09:00:00 GMT";
};

std::string rss(const std::vector<FeedItem>& items) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>"
      "<title>Flöde</title><link>https://example.se/</link><description>d</description>\n";
  for (const FeedItem& item : items) {
    xml += "<item><guid isPermaLink=\"false\">" + item.guid + "</guid><title>" + item.title +
           "</title><link>" + item.link + "</link><pubDate>" + item.date +
           "</pubDate><description>Om " + item.title + ".</description></item>\n";
  }
  return xml + "</channel></rss>\n";
}

class IdentityE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "feeds");
    std::ofstream(dir_ / "omvarld.toml") << kConfig;
    write_feed("skr", {});
    write_feed("bryssel", {});
    write_feed("ombyggd", {});
  }

  void write_feed(const std::string& name, const std::vector<FeedItem>& items) {
    std::ofstream(dir_ / "feeds" / (name + ".xml"), std::ios::trunc) << rss(items);
  }

  ProcessResult run(std::vector<std::string> args) {
    return omvarld::testing::run_omvarld(dir_ / "omvarld.toml", std::move(args), temp_.path());
  }

  ProcessResult run_ok(const std::vector<std::string>& args) {
    ProcessResult result = run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result;
  }

  std::vector<omvarld::testing::Eml> sent_digests() {
    std::vector<omvarld::testing::Eml> found;
    if (!fs::exists(dir_ / "outbox")) return found;
    for (const auto& entry : fs::directory_iterator(dir_ / "outbox")) {
      if (entry.path().extension() != ".eml") continue;
      auto eml = omvarld::testing::parse_eml(omvarld::testing::read_whole_file(entry.path()));
      EXPECT_TRUE(eml) << eml.error();
      if (eml) found.push_back(std::move(*eml));
    }
    return found;
  }

  static std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
      ++count;
    }
    return count;
  }

  TempDir temp_;
  fs::path dir_ = temp_.path() / "installation";
};

TEST_F(IdentityE2e, ShowsTheSameStoryFromTwoFeedsOnceAndNamesTheOther) {
  write_feed("skr", {{"skr-1", "Erasmus+ öppnar ny utlysning för skolor",
                      "https://skr.se/erasmus?utm_source=rss"}});
  write_feed("bryssel", {{"bx-77", "Erasmus+: ny utlysning öppen",
                          "https://SKR.se/erasmus#nyhet"}});
  run_ok({"poll", "--once"});

  const ProcessResult preview =
      run_ok({"digest", "preview", "--namnd", kUtbildning, "--format", "text"});
  EXPECT_NE(preview.out.find("Ämne: Omvärldsbevakning v. "), std::string::npos) << preview.out;
  EXPECT_NE(preview.out.find(": 1 ny träff\n"), std::string::npos) << preview.out;
  EXPECT_NE(preview.out.find("* Erasmus+ öppnar ny utlysning för skolor\n"
                             "  SKR · 2026-11-20\n"
                             "  Även i: EU-kontoret i Bryssel\n"),
            std::string::npos)
      << preview.out;
  EXPECT_EQ(preview.out.find("Erasmus+: ny utlysning öppen"), std::string::npos) << preview.out;

  run_ok({"digest", "send", "--all", "--now"});
  const auto digests = sent_digests();
  ASSERT_EQ(digests.size(), 1u);
  EXPECT_EQ(occurrences(digests[0].text, "Även i: EU-kontoret i Bryssel"), 1u) << digests[0].text;
  EXPECT_NE(digests[0].html.find(">Även i: EU-kontoret i Bryssel</p>"), std::string::npos);
  // Both were delivered: neither is pending again.
  EXPECT_EQ(run({"digest", "preview", "--namnd", kUtbildning}).exit_code, 1);
}

TEST_F(IdentityE2e, UpdatesAChangedItemWithoutMakingItNewOrSendingItAgain) {
  write_feed("skr", {{"skr-1", "Ny vägledning om förskola", "https://skr.se/forskola"}});
  run_ok({"poll", "--once"});
  run_ok({"digest", "send", "--all", "--now"});
  ASSERT_EQ(sent_digests().size(), 1u);

  write_feed("skr", {{"skr-1", "Ny vägledning om förskola (uppdaterad)", "https://skr.se/forskola"}});
  const ProcessResult polled = run_ok({"poll", "--once"});
  EXPECT_NE(polled.err.find("skr: 1 items, 0 new"), std::string::npos) << polled.err;
  EXPECT_NE(polled.err.find("skr: 1 items changed in the feed, updated (not new)"),
            std::string::npos)
      << polled.err;

  const ProcessResult items = run_ok({"items"});
  EXPECT_NE(items.out.find("Ny vägledning om förskola (uppdaterad)"), std::string::npos)
      << items.out;
  EXPECT_EQ(run({"digest", "preview", "--namnd", kUtbildning}).exit_code, 1);
  run_ok({"digest", "send", "--all", "--now"});
  EXPECT_EQ(sent_digests().size(), 1u);
}

TEST_F(IdentityE2e, StoresAFeedWhoseIdsAllChangeOnceAndWarns) {
  std::vector<FeedItem> items;
  for (int n = 1; n <= 4; ++n) {
    items.push_back({"urn:gammal:" + std::to_string(n), "Erasmus nyhet nummer " + std::to_string(n),
                     "https://ombyggd.se/nyhet/" + std::to_string(n)});
  }
  write_feed("ombyggd", items);
  run_ok({"poll", "--once"});
  for (FeedItem& item : items) item.guid.replace(4, 6, "ny");  // urn:ny:N
  write_feed("ombyggd", items);

  const ProcessResult polled = run_ok({"poll", "--once"});
  EXPECT_NE(polled.err.find("ombyggd: 4 items, 0 new"), std::string::npos) << polled.err;
  EXPECT_NE(polled.err.find("ombyggd: every item id changed at once; 4 items recognised by link "
                            "or title and kept, not stored again (consider identity = \"link\" "
                            "for this source); recorded for the report"),
            std::string::npos)
      << polled.err;

  const ProcessResult preview =
      run_ok({"digest", "preview", "--namnd", kUtbildning, "--format", "text"});
  EXPECT_NE(preview.out.find(": 4 nya träffar\n"), std::string::npos) << preview.out;
  EXPECT_EQ(occurrences(preview.out, "* Erasmus nyhet nummer 1\n"), 1u) << preview.out;
}

}  // namespace
}  // namespace omvarld::e2e
