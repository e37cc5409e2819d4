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
                           "Slutstatus: 0 ok, 1 ingen träff"}) {
    EXPECT_NE(help.out.find(text), std::string::npos) << text << "\n" << help.out;
  }
}

// Swedish unless the configuration says otherwise: the descriptions, CLI11's
// own words and the examples of each command.
TEST(Cli, HelpIsSwedishByDefaultWithExamplesAndChoicesAsWords) {
  TempDir scratch;
  const auto missing = scratch.path() / "missing.toml";  // unreadable: Swedish
  auto help = run_omvarld({"--config", missing.string(), "--help"}, scratch.path());
  EXPECT_EQ(help.exit_code, 0);
  for (const char* text : {"Användning:", "[FLAGGOR]", "KOMMANDO", "Flaggor:", "Kommandon:",
                           "visa den här hjälpen och avsluta",
                           "kontrollera alla konfigurationsfiler och rapportera varje problem"}) {
    EXPECT_NE(help.out.find(text), std::string::npos) << text << "\n" << help.out;
  }
  EXPECT_EQ(help.out.find("Options:"), std::string::npos) << help.out;
  EXPECT_EQ(help.out.find("Subcommands:"), std::string::npos) << help.out;
  EXPECT_EQ(help.out.find("Exit status"), std::string::npos) << help.out;

  auto filter_help = run_omvarld({"filter", "test", "--help"}, scratch.path());
  EXPECT_EQ(filter_help.exit_code, 0);
  EXPECT_NE(filter_help.out.find("omvarld filter test --title \"Ny utlysning inom Erasmus+\""),
            std::string::npos)
      << filter_help.out;
  EXPECT_NE(filter_help.out.find("nyhetens rubrik"), std::string::npos) << filter_help.out;

  EXPECT_EQ(filter_help.out.find("Options:"), std::string::npos) << filter_help.out;

  auto preview_help = run_omvarld({"digest", "preview", "--help"}, scratch.path());
  EXPECT_NE(preview_help.out.find("--format text|html|eml"), std::string::npos) << preview_help.out;
  EXPECT_NE(preview_help.out.find("Exempel:\n  omvarld digest preview --namnd linkoping/utbildning"),
            std::string::npos)
      << preview_help.out;
}

// `[daemon] language = "en"`: the same commands in English, --help included
// (read before the configuration is loaded), whichever way --config is given.
TEST(Cli, LanguageEnPrintsEnglish) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml", "[daemon]\nlanguage = \"en\"\n");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--config", main_file.string(), "--help"},
        std::vector<std::string>{"--config=" + main_file.string(), "--help"},
        std::vector<std::string>{"-c" + main_file.string(), "--help"},
        std::vector<std::string>{"--help", "-c", main_file.string()}}) {
    auto help = run_omvarld(args, dir.path());
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("Usage:"), std::string::npos) << args[0] << "\n" << help.out;
    EXPECT_NE(help.out.find("Exit status: 0 ok, 1 nothing matched"), std::string::npos) << help.out;
    EXPECT_EQ(help.out.find("Användning"), std::string::npos) << help.out;
  }

  auto checked = run_omvarld({"--config", main_file.string(), "check-config"}, dir.path());
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_NE(checked.out.find("configuration OK: 1 file, 0 sources, 0 topics, 0 nämnder"),
            std::string::npos)
      << checked.out;

  dir.write("conf.d/20-linkoping.toml", "[[namnd]]\nrecipents = []\n");
  auto wrong = run_omvarld({"--config", main_file.string(), "check-config"}, dir.path());
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find(":2:1: unknown key \"recipents\" in [[namnd]] (did you mean "
                           "\"recipients\"?)"),
            std::string::npos)
      << wrong.err;
  EXPECT_NE(wrong.err.find("configuration errors"), std::string::npos) << wrong.err;

  auto unknown = run_omvarld({"--config", main_file.string(), "chek-config"}, dir.path());
  EXPECT_EQ(unknown.err,
            "omvarld: unknown command \"chek-config\" (did you mean \"check-config\"?); run "
            "'omvarld --help' for the commands\n");
}

// A drop-in may set the language too, as any [daemon] key; a later file wins.
TEST(Cli, ALaterFileSetsTheLanguage) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml", "[daemon]\nlanguage = \"en\"\n");
  dir.write("conf.d/10-sprak.toml", "[daemon]\nlanguage = \"sv\"\n");
  auto checked = run_omvarld({"--config", main_file.string(), "check-config"}, dir.path());
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_EQ(checked.out.rfind("konfigurationen är OK: 2 filer, 0 källor", 0), 0u) << checked.out;
}

// A language that is neither code: a configuration error in Swedish (the
// language it falls back to) that names the code meant.
TEST(Cli, AnUnknownLanguageIsAnErrorThatNamesTheCodeMeant) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml", "[daemon]\nlanguage = \"svenska\"\n");
  auto checked = run_omvarld({"--config", main_file.string(), "check-config"}, dir.path());
  EXPECT_EQ(checked.exit_code, 2);
  EXPECT_NE(checked.err.find(main_file.string() +
                             ":2:12: language: väntade \"sv\" eller \"en\", fick \"svenska\" "
                             "(menade du \"sv\"?)"),
            std::string::npos)
      << checked.err;
  EXPECT_NE(checked.err.find("1 fel i konfigurationen"), std::string::npos) << checked.err;

  dir.write("omvarld.toml", "[daemon]\nlanguage = \"fr\"\n");
  checked = run_omvarld({"--config", main_file.string(), "check-config"}, dir.path());
  EXPECT_NE(checked.err.find(":2:12: language: väntade \"sv\" (svenska) eller \"en\" "
                             "(engelska), fick \"fr\""),
            std::string::npos)
      << checked.err;
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
           main + ":2:20: default_interval: väntade en tidslängd som \"30m\", fick \"half an "
                  "hour\"",
           conf + ":4:1: okänd nyckel \"recipents\" i [[namnd]] (menade du \"recipients\"?)",
           conf + ":5:15: recipients: \"utbildning@@linkoping\" är ingen e-postadress (skriv namn@example.se eller \"Namn <namn@example.se>\")",
           conf + ":6:12: schedule: okänd veckodag \"mondy\" (menade du \"monday\"?)",
           conf + ":7:11: topics: okänt ämne \"eu-finans\"",
       }) {
    EXPECT_NE(checked.err.find(expected), std::string::npos) << expected << "\n" << checked.err;
  }
  EXPECT_NE(checked.err.find("5 fel i konfigurationen"), std::string::npos) << checked.err;
}

TEST(Cli, ConfigMayFollowTheSubcommand) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml", "[daemon]\ndatabase = \"x.db\"\n");
  auto checked = run_omvarld({"check-config", "--config", main_file.string()}, dir.path());
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_NE(checked.out.find("konfigurationen är OK: 1 fil, 0 källor"), std::string::npos)
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

TEST(Cli, ParseReadsAJsonFeedIntoTheSameJsonAsRss) {
  TempDir dir;
  dir.write("feed.json",
            R"({"version": "https://jsonfeed.org/version/1.1", "title": "SKR",
                "items": [{"id": "x-1", "url": "/a", "title": "Förskolan lyfts",
                           "content_html": "<p onclick='x()'>Text</p>"}]})");
  auto parsed = run_omvarld(
      {"parse", (dir.path() / "feed.json").string(), "--base-url", "https://skr.example.se/feed.json"},
      dir.path());
  EXPECT_EQ(parsed.exit_code, 0) << parsed.err;
  EXPECT_NE(parsed.out.find("\"version\":\"json11\""), std::string::npos) << parsed.out;
  EXPECT_NE(parsed.out.find("\"link\":\"https://skr.example.se/a\""), std::string::npos) << parsed.out;
  EXPECT_NE(parsed.out.find("\"title\":\"Förskolan lyfts\""), std::string::npos) << parsed.out;
  EXPECT_EQ(parsed.out.find("onclick"), std::string::npos) << parsed.out;
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
