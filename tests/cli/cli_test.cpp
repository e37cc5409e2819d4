// The command line as coordinators and IT use it: the real binary, no shell.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"

namespace omvarld::testing {
namespace {

TEST(Cli, HelpNamesEveryCommandAndTheExitCodes) {
  TempDir scratch;
  auto help = run_omvarld({"--help"}, scratch.path());
  EXPECT_EQ(help.exit_code, 0);
  for (const char* text : {"check-config", "poll", "digest", "parse", "items", "status", "filter",
                           "Exit status: 0 ok, 1 nothing matched"}) {
    EXPECT_NE(help.out.find(text), std::string::npos) << text << "\n" << help.out;
  }
}

TEST(Cli, AMissingOrUnknownCommandIsAUsageError) {
  TempDir scratch;
  EXPECT_EQ(run_omvarld({}, scratch.path()).exit_code, 2);
  EXPECT_EQ(run_omvarld({"frobnicate"}, scratch.path()).exit_code, 2);
  EXPECT_EQ(run_omvarld({"poll", "--twice"}, scratch.path()).exit_code, 2);
}

TEST(Cli, CheckConfigReportsFiveMistakesInTwoFilesWithFileAndLine) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml",
             "[daemon]\n"
             "default_interval = \"half an hour\"\n"
             "\n"
             "[[source]]\n"
             "id = \"skr\"\n"
             "url = \"https://skr.example.se/rss\"\n");
  const auto drop_in = dir.write("conf.d/20-linkoping.toml",
             "[[namnd]]\n"
             "id = \"linkoping/utbildning\"\n"
             "name = \"Utbildningsnämnden\"\n"
             "recipents = [\"utbildning@linkoping.se\"]\n"
             "recipients = [\"utbildning@@linkoping\"]\n"
             "schedule = \"mondy 7am\"\n"
             "topics = [\"eu-finans\"]\n");

  auto checked = run_omvarld({"--config", main_file.string(), "check-config"}, dir.path());

  EXPECT_EQ(checked.exit_code, 2);
  const std::string main = main_file.string();
  const std::string conf = drop_in.string();
  for (const std::string& expected : std::vector<std::string>{
           main + ":2:20: default_interval: expected a duration such as \"30m\", got \"half an "
                  "hour\"",
           conf + ":4:1: unknown key \"recipents\" in [[namnd]] (did you mean \"recipients\"?)",
           conf + ":5:15: recipients: \"utbildning@@linkoping\" is not an email address"
                  " (write name@example.se or \"Name <name@example.se>\")",
           conf + ":6:12: schedule: unknown weekday \"mondy\" (did you mean \"monday\"?)",
           conf + ":7:11: topics: unknown topic \"eu-finans\"",
       }) {
    EXPECT_NE(checked.err.find(expected), std::string::npos) << expected << "\n" << checked.err;
  }
  EXPECT_NE(checked.err.find("5 configuration errors"), std::string::npos) << checked.err;
}

TEST(Cli, ConfigMayFollowTheSubcommand) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml", "[daemon]\ndatabase = \"x.db\"\n");
  auto checked = run_omvarld({"check-config", "--config", main_file.string()}, dir.path());
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_NE(checked.out.find("configuration OK: 1 file, 0 sources"), std::string::npos)
      << checked.out;
}

TEST(Cli, FilterTestPrintsTheJsonOfTheContract) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml",
             "[[source]]\nid = \"ec-press\"\nurl = \"https://ec.example.eu/rss\"\n\n"
             "[[topic]]\nid = \"eu-finansiering\"\nname = \"EU-finansiering\"\n"
             "any = [\"Erasmus+\", \"utlysning\"]\n\n"
             "[[namnd]]\nid = \"linkoping/utbildning\"\nname = \"Utbildningsnämnden\"\n"
             "recipients = [\"utbildning@linkoping.se\"]\ntopics = [\"eu-finansiering\"]\n"
             "any = [\"förskola\"]\n\n"
             "[[namnd]]\nid = \"norrkoping/kultur\"\nname = \"Kulturnämnden\"\n"
             "recipients = [\"kultur@norrkoping.se\"]\nany = [\"museum\"]\n");

  auto found = run_omvarld({"--config", main_file.string(), "filter", "test", "--json", "--title",
                            "Ny utlysning: Erasmus+ för FÖRSKOLA"},
                           dir.path());
  EXPECT_EQ(found.exit_code, 0) << found.err;
  EXPECT_EQ(found.out,
            "{\"matches\":[{\"namnd\":\"linkoping/utbildning\",\"terms\":[\"förskola\","
            "\"Erasmus+\",\"utlysning\"]}],\"topics\":[{\"topic\":\"eu-finansiering\","
            "\"terms\":[\"Erasmus+\",\"utlysning\"]}],\"excluded\":[]}\n");

  auto none = run_omvarld({"--config", main_file.string(), "filter", "test", "--title", "Väder"},
                          dir.path());
  EXPECT_EQ(none.exit_code, 1) << none.err;
}

TEST(Cli, ParsePrintsNormalizedJsonAndRefusesAPageThatIsNoFeed) {
  TempDir dir;
  dir.write("feed.xml",
             "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>SKR</title>"
             "<item><title>Förskolan lyfts</title><link>/a</link><guid>x-1</guid></item>"
             "</channel></rss>");
  dir.write("page.html", "<html><head><title>Just a moment</title></head></html>");

  auto parsed = run_omvarld(
      {"parse", (dir.path() / "feed.xml").string(), "--base-url", "https://skr.example.se/rss"},
      dir.path());
  EXPECT_EQ(parsed.exit_code, 0) << parsed.err;
  EXPECT_NE(parsed.out.find("\"version\":\"rss20\""), std::string::npos) << parsed.out;
  EXPECT_NE(parsed.out.find("\"link\":\"https://skr.example.se/a\""), std::string::npos)
      << parsed.out;

  auto refused = run_omvarld({"parse", (dir.path() / "page.html").string()}, dir.path());
  EXPECT_EQ(refused.exit_code, 3);
  EXPECT_NE(refused.err.find("not a feed: got an HTML page"), std::string::npos) << refused.err;
}

// The conformance runner's contract (feedparser corpus README, "Using
// check.py"): FEED_URL and FEED_HEADERS carry the HTTP context.
TEST(Cli, ParseTakesTheHttpContextFromTheEnvironment) {
  TempDir dir;
  dir.write("feed.xml",
            "<rss version=\"2.0\"><channel><link>nyheter</link>"
            "<item><title>a</title></item></channel></rss>");
  auto parsed = run_process(
      "/usr/bin/env",
      {"FEED_URL=http://127.0.0.1:8097/tests/feed.xml",
       "FEED_HEADERS={\"content-TYPE\": \"text/xml\", \"Content-Location\": \"/kommun/\", "
       "\"Content-Language\": \"sv\", \"ETag\": \"\\\"v1\\\"\", "
       "\"Last-Modified\": \"Tue, 03 Nov 2026 10:00:00 GMT\"}",
       omvarld_binary(), "parse", (dir.path() / "feed.xml").string()},
      dir.path());
  EXPECT_EQ(parsed.exit_code, 0) << parsed.err;
  for (const char* expected :
       {"\"encoding\":\"us-ascii\"", "\"etag\":\"\\\"v1\\\"\"",
        "\"modified\":\"2026-11-03T10:00:00Z\"",
        "\"modified_raw\":\"Tue, 03 Nov 2026 10:00:00 GMT\"",
        "\"link\":\"http://127.0.0.1:8097/kommun/nyheter\"", "\"language\":\"sv\""}) {
    EXPECT_NE(parsed.out.find(expected), std::string::npos) << expected << "\n" << parsed.out;
  }
}

}  // namespace
}  // namespace omvarld::testing
