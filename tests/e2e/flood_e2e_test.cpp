// A flood through the binary: one poll of a file:// feed brings 20,000 items
// that match two nämnder. `digest send --all --now` makes one digest per
// nämnd within the limits — at most [mail] max_items entries shown, the .eml
// at most 2 MiB, the rest summed up ("Och 19 850 träffar till") — and marks
// every item delivered, so the next digest holds only what came after.

#include <chrono>
#include <filesystem>
#include <iostream>
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/eml_reader.h"
#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"
#include "tests/support/utc_time.h"

namespace omvarld::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using omvarld::testing::describe;
using omvarld::testing::ProcessResult;
using omvarld::testing::read_whole_file;
using omvarld::testing::TempDir;

constexpr int kFlood = 20000;
constexpr std::size_t kMaxEml = 2 * 1024 * 1024;
constexpr char kNbsp[] = "\u00a0";

// `count` items from number `first` on, each a minute older than the one
// before, starting an hour ago; each matches both nämnder.
std::string items(int first, int count, std::chrono::system_clock::time_point newest) {
  std::string xml;
  for (int i = first; i < first + count; ++i) {
    const std::string id = "flod-" + std::to_string(i);
    xml += "<item><title>Förskola och klimat nr " + std::to_string(i) +
           "</title><link>https://flod.example.se/" + id + "</link><guid isPermaLink=\"false\">" +
           id + "</guid><pubDate>" +
           omvarld::testing::rfc822_date(newest - std::chrono::seconds(i - first)) +
           "</pubDate><description>Om förskola och klimat, del " + std::to_string(i) +
           ".</description></item>\n";
  }
  return xml;
}

std::string feed(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
         "<title>Flod</title><link>https://flod.example.se/</link><description>x</description>\n" +
         body + "</channel></rss>\n";
}

const char* kConfig = R"toml([daemon]
database = "omvarld.db"
timezone = "Europe/Stockholm"
allow_file_urls = true

[mail]
transport = "directory"
directory = "outbox"
from = "Omvärldsbevakning <omvarld@linkoping.se>"
coordinators = ["Anna Samordnare <anna@linkoping.se>"]

[[source]]
id = "flod"
name = "Flodkällan"
url = "feeds/flod.xml"

[[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden, Linköping"
recipients = ["utbildning@linkoping.se"]
schedule = "mon 07:00"
any = ["förskola"]

[[namnd]]
id = "linkoping/miljo"
name = "Miljönämnden, Linköping"
recipients = ["miljo@linkoping.se"]
schedule = "mon 07:00"
any = ["klimat"]
)toml";

class Flood : public ::testing::Test {
 protected:
  ProcessResult run(const std::vector<std::string>& args) {
    return omvarld::testing::run_omvarld(temp_.path() / "omvarld.toml", args, temp_.path());
  }

  // The .eml files written so far that were not seen before, per nämnd.
  std::map<std::string, std::vector<fs::path>> new_digests() {
    std::map<std::string, std::vector<fs::path>> found;
    for (const auto& entry : fs::directory_iterator(temp_.path() / "outbox")) {
      if (entry.path().extension() != ".eml" || seen_.contains(entry.path())) continue;
      seen_.insert(entry.path());
      auto eml = omvarld::testing::parse_eml(read_whole_file(entry.path()));
      EXPECT_TRUE(eml) << entry.path();
      if (!eml) continue;
      found[eml->header("X-Omvarld-Namnd").value_or("?")].push_back(entry.path());
    }
    return found;
  }

  TempDir temp_;
  std::set<fs::path> seen_;
};

TEST_F(Flood, TwentyThousandItemsMakeOneDigestPerNamndWithinTheLimitsAndAllAreDelivered) {
  const auto now = std::chrono::system_clock::now();
  temp_.write("omvarld.toml", kConfig);
  temp_.write("feeds/flod.xml", feed(items(0, kFlood, now - 1h)));

  const auto poll_start = std::chrono::steady_clock::now();
  const ProcessResult polled = run({"poll", "--once"});
  const auto poll_took = std::chrono::steady_clock::now() - poll_start;
  ASSERT_EQ(polled.exit_code, 0) << describe(polled);

  const auto send_start = std::chrono::steady_clock::now();
  const ProcessResult sent = run({"digest", "send", "--all", "--now"});
  const auto send_took = std::chrono::steady_clock::now() - send_start;
  ASSERT_EQ(sent.exit_code, 0) << describe(sent);

  const auto digests = new_digests();
  ASSERT_EQ(digests.size(), 3u) << "two nämnder and the report";
  std::uintmax_t largest = 0;
  for (const std::string namnd : {"linkoping/utbildning", "linkoping/miljo"}) {
    SCOPED_TRACE(namnd);
    ASSERT_EQ(digests.at(namnd).size(), 1u);
    const fs::path path = digests.at(namnd).front();
    const std::uintmax_t size = fs::file_size(path);
    largest = std::max(largest, size);
    EXPECT_LE(size, kMaxEml);
    auto eml = omvarld::testing::parse_eml(read_whole_file(path));
    ASSERT_TRUE(eml);
    EXPECT_NE(eml->subject().find(std::string("20") + kNbsp + "000 nya träffar"),
              std::string::npos)
        << eml->subject();
    // The 150 newest shown, in both parts; the rest summed up with how to see them.
    const std::string& text = eml->text;
    EXPECT_NE(text.find("* Förskola och klimat nr 149\n"), std::string::npos);
    EXPECT_EQ(text.find("* Förskola och klimat nr 150\n"), std::string::npos);
    std::size_t shown = 0;
    for (std::size_t at = text.find("\n* Förskola och klimat nr "); at != std::string::npos;
         at = text.find("\n* Förskola och klimat nr ", at + 1)) {
      ++shown;
    }
    EXPECT_EQ(shown, 150u);
    EXPECT_NE(text.find(std::string("\nOch 19") + kNbsp + "850 träffar till\n"),
              std::string::npos);
    EXPECT_NE(text.find(std::string("Per källa: Flodkällan (19") + kNbsp + "850)\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("Vill du se dem? Kontakta Anna Samordnare <anna@linkoping.se> och be om"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("  omvarld items --namnd " + namnd + " --since 2d --limit 20000\n"),
              std::string::npos)
        << text;
    EXPECT_NE(eml->html.find(std::string(">Och 19") + kNbsp + "850 träffar till</h2>"),
              std::string::npos);
    // All of them count as delivered: nothing is left for a next digest.
    const ProcessResult preview = run({"digest", "preview", "--namnd", namnd});
    EXPECT_EQ(preview.exit_code, 1) << describe(preview);
  }

  // After the flood, an ordinary digest with only what came after.
  temp_.write("feeds/flod.xml",
              feed(items(kFlood, 3, now - 10min) + items(0, kFlood, now - 1h)));
  ASSERT_EQ(run({"poll", "--once"}).exit_code, 0);
  ASSERT_EQ(run({"digest", "send", "--all", "--now"}).exit_code, 0);
  const auto after = new_digests();
  for (const std::string namnd : {"linkoping/utbildning", "linkoping/miljo"}) {
    SCOPED_TRACE(namnd);
    ASSERT_EQ(after.at(namnd).size(), 1u);
    auto eml = omvarld::testing::parse_eml(read_whole_file(after.at(namnd).front()));
    ASSERT_TRUE(eml);
    EXPECT_NE(eml->subject().find(": 3 nya träffar"), std::string::npos) << eml->subject();
    EXPECT_NE(eml->text.find("3 nya träffar sedan förra utskicket.\n"), std::string::npos);
    EXPECT_EQ(eml->text.find("träffar till"), std::string::npos);
    EXPECT_NE(eml->text.find("* Förskola och klimat nr 20002\n"), std::string::npos);
  }

  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  std::cout << "[ flood ] " << kFlood << " items in one poll: poll "
            << duration_cast<milliseconds>(poll_took).count() << " ms; two digests (150 shown, "
            << kFlood - 150 << " summed up) composed, written and marked in "
            << duration_cast<milliseconds>(send_took).count() << " ms; largest .eml " << largest
            << " bytes\n";
}

}  // namespace
}  // namespace omvarld::e2e
