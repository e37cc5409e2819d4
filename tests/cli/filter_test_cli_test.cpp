// `omvarld filter test` saying why not, and reading --summary as a feed's
// summary is read; `poll` logging check-config's warnings. The real binary.

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"

namespace omvarld::testing {
namespace {

// Two nämnder kept out by `none` terms (their own, a topic's), two limited
// to the source skr, and one that takes everything about förskola.
const char* const kConfig = R"toml([[source]]
id = "ec-press"
url = "https://ec.example.eu/rss"

[[source]]
id = "skr"
url = "https://skr.example.se/rss"

[[topic]]
id = "eu-finansiering"
name = "EU-finansiering"
any = ["Erasmus+"]
none = ["Horisont"]

[[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden"
recipients = ["utbildning@linkoping.se"]
any = ["förskola"]
none = ["gymnasi*"]

[[namnd]]
id = "norrkoping/kultur"
name = "Kulturnämnden"
recipients = ["kultur@norrkoping.se"]
topics = ["eu-finansiering"]
sources = ["skr"]

[[namnd]]
id = "linkoping/kultur"
name = "Kulturnämnden"
recipients = ["kultur@linkoping.se"]
any = ["museum"]
sources = ["skr"]

[[namnd]]
id = "norrkoping/barn"
name = "Barn"
recipients = ["barn@norrkoping.se"]
any = ["förskola"]
)toml";

TEST(FilterTestWhyNot, NamesTheNoneTermTheWordFoundAndTheSources) {
  TempDir dir;
  const auto config = dir.write("omvarld.toml", kConfig);

  auto tested = run_omvarld(config,
                            {"filter", "test", "--source", "ec-press", "--title",
                             "Erasmus+ och Horisont för förskola i Gymnasiet"},
                            dir.path());

  EXPECT_EQ(tested.exit_code, 0) << tested.err;
  EXPECT_EQ(tested.out,
            "norrkoping/barn  varför: förskola (i rubriken)\n"
            "linkoping/utbildning  varför inte: hittade förskola, men\n"
            "  dess none-ord \"gymnasi*\" hittade \"gymnasiet\"\n"
            "norrkoping/kultur  varför inte: hittade Erasmus+, men\n"
            "  ämnet eu-finansierings none-ord \"Horisont\" hittade \"horisont\"\n"
            "  den tar bara nyheter från skr, inte från ec-press\n");
}

// "varför" names the word of the text a term found when it is not the term
// itself: a compound (förskola finds "Förskolelärare"), not a case change.
TEST(FilterTestWhy, NamesTheWordFoundBesideTheTerm) {
  TempDir dir;
  const auto config = dir.write("omvarld.toml", kConfig);

  auto compound = run_omvarld(
      config, {"filter", "test", "--title", "Förskolelärare saknas", "--summary", "Förskola"},
      dir.path());
  EXPECT_EQ(compound.exit_code, 0) << compound.err;
  EXPECT_NE(compound.out.find("norrkoping/barn  varför: förskola (Förskolelärare; i rubriken)\n"),
            std::string::npos)
      << compound.out;

  auto itself = run_omvarld(config, {"filter", "test", "--title", "Förskola i Linköping"},
                            dir.path());
  EXPECT_NE(itself.out.find("norrkoping/barn  varför: förskola (i rubriken)\n"), std::string::npos)
      << itself.out;
}

TEST(FilterTestWhyNot, WithoutASourceOnlyNoneTermsKeepANamndOut) {
  TempDir dir;
  const auto config = dir.write("omvarld.toml", kConfig);

  auto tested = run_omvarld(config,
                            {"filter", "test", "--title", "Horisont och Erasmus+ på museum"},
                            dir.path());

  // linkoping/kultur takes items from skr, so a museum item reaches it.
  EXPECT_EQ(tested.exit_code, 0) << tested.err;
  EXPECT_EQ(tested.out,
            "linkoping/kultur  varför: museum (i rubriken)\n"
            "norrkoping/kultur  varför inte: hittade Erasmus+, men\n"
            "  ämnet eu-finansierings none-ord \"Horisont\" hittade \"horisont\"\n");
}

TEST(FilterTestWhyNot, ASourceRestrictionAloneIsSaid) {
  TempDir dir;
  const auto config = dir.write("omvarld.toml", kConfig);

  auto tested = run_omvarld(
      config, {"filter", "test", "--source", "ec-press", "--title", "Nytt museum"}, dir.path());

  EXPECT_EQ(tested.exit_code, 1) << tested.err;
  EXPECT_EQ(tested.out,
            "ingen nämnd skulle få den här nyheten\n"
            "linkoping/kultur  varför inte: hittade museum, men\n"
            "  den tar bara nyheter från skr, inte från ec-press\n");
}

TEST(FilterTestWhyNot, JsonAddsExcludedBesideTheKeysOfTheContract) {
  TempDir dir;
  const auto config = dir.write("omvarld.toml", kConfig);

  auto tested = run_omvarld(config,
                            {"filter", "test", "--json", "--source", "ec-press", "--title",
                             "Erasmus+ och Horisont för förskola i Gymnasiet"},
                            dir.path());

  EXPECT_EQ(tested.exit_code, 0) << tested.err;
  EXPECT_EQ(tested.out,
            "{\"matches\":[{\"namnd\":\"norrkoping/barn\",\"terms\":[\"förskola\"]}],"
            "\"topics\":[],"
            "\"excluded\":["
            "{\"namnd\":\"linkoping/utbildning\",\"terms\":[\"förskola\"],"
            "\"none\":[{\"term\":\"gymnasi*\",\"found\":\"gymnasiet\",\"topic\":null}],"
            "\"sources\":[]},"
            "{\"namnd\":\"norrkoping/kultur\",\"terms\":[\"Erasmus+\"],"
            "\"none\":[{\"term\":\"Horisont\",\"found\":\"horisont\",\"topic\":\"eu-finansiering\"}],"
            "\"sources\":[\"skr\"]}]}\n");
}

TEST(FilterTestSummary, IsReadAsAFeedsSummaryWithoutMarkupAndWithEntitiesDecoded) {
  TempDir dir;
  const auto config = dir.write("omvarld.toml", kConfig);
  const OmvarldCli cli(config);

  // F&ouml;rskola is förskola; the museum in the link's address is markup, not text.
  const nlohmann::json found = cli.run_json(
      {"filter", "test", "--json", "--title", "Nyheter", "--summary",
       "<p>Ny F&ouml;rskola &amp; <a href=\"https://museum.example.se/\">mer</a></p>"});

  ASSERT_EQ(found["matches"].size(), 2u) << found.dump();
  EXPECT_EQ(found["matches"][0]["namnd"], "linkoping/utbildning");
  EXPECT_EQ(found["matches"][1]["namnd"], "norrkoping/barn");
  EXPECT_EQ(found["excluded"], nlohmann::json::array());
}

TEST(PollWarnings, PollLogsWhatCheckConfigWarnsOfAndStillSucceeds) {
  TempDir dir;
  const auto config = dir.write("omvarld.toml",
                                "[daemon]\ndatabase = \"x.db\"\n\n"
                                "[[namnd]]\nid = \"linkoping/utbildning\"\nname = \"U\"\n"
                                "recipients = [\"u@linkoping.se\"]\n"
                                "query = 'förskola och skola'\n");
  const auto notes = dir.write("conf.d/notes.txt", "# not configuration\n");

  auto polled = run_omvarld(config, {"poll", "--once"}, dir.path());

  EXPECT_EQ(polled.exit_code, 0) << polled.err;
  EXPECT_NE(polled.err.find(notes.string() + ": lästes inte: bara filer vars namn slutar på .toml"),
            std::string::npos)
      << polled.err;
  // ö is one column: the bytes would say 20.
  EXPECT_NE(polled.err.find(config.string() +
                            ":8:19: query: \"och\" söks som ett ord, inte som en operator"),
            std::string::npos)
      << polled.err;
}

}  // namespace
}  // namespace omvarld::testing
