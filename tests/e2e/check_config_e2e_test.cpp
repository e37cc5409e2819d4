// `omvarld check-config` on a folder of configuration files with the
// mistakes a coordinator makes (issue #20), through the real binary: every
// error and warning at its FILE:LINE:COL in one run, with what to write
// instead; warnings alone leave the exit status 0.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/omvarld_cli.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace omvarld::testing {
namespace {

void expect_contains(const std::string& text, const std::string& expected) {
  EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\nin:\n" << text;
}

TEST(CheckConfigE2e, ReportsACoordinatorsMistakesWithTheFixInOneRun) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml", R"toml([daemon]
allow_file_urls = true

[[source]]
id = "skr"
url = "feeds/skr.xml"
tags = ["Sverige"]

[[topic]]
id = "eu-finansiering"
any = ["utlysning"]
)toml");
  const auto linkoping = dir.write("conf.d/20-linkoping.toml", R"toml([[namnd]]
id = "linköping/äldrenämnden"
name = "Äldrenämnden"
recipients = ["aldre@linkoping.se"]
schedule = "tis,tor 07.00"
sources = ["skrr"]
topics = ["eu-finansering"]
query = 'omsorg och digitalisering AND'
)toml");
  const auto not_read = dir.write("conf.d/30-norrkoping.toml.txt", "[[namnd]]\n");

  auto checked = run_omvarld({"--config", main_file.string(), "check-config"},
                             dir.path());

  EXPECT_EQ(checked.exit_code, 2);
  const std::string main = main_file.string();
  const std::string conf = linkoping.string();
  for (const std::string& expected : std::vector<std::string>{
           main + ":6:7: url: det finns ingen fil " + (dir.path() / "feeds/skr.xml").string() +
               ": kontrollera filens namn och mapp",
           main + ":7:9: tags: \"Sverige\" går inte att använda som tagg: använd små bokstäver a–z, siffror, \".\", \"_\" och \"-\", och börja med en bokstav eller siffra; skriv \"sverige\"",
           conf + ":2:6: id: \"linköping/äldrenämnden\" innehåller \"ö\" och \"ä\", men som nämnd-id går bara a–z, 0–9, \".\", \"_\" och \"-\" att använda: skriv \"linkoping/aldrenamnden\"",
           conf + ":6:12: sources: \"skrr\" är varken ett käll-id eller en tagg (menade du \"skr\"?)",
           conf + ":7:11: topics: okänt ämne \"eu-finansering\" (menade du \"eu-finansiering\"?)",
           conf + ":8:39: query: väntade ett ord efter AND",
           not_read.string() +
               ": lästes inte: bara filer vars namn slutar på .toml läses; byt namn på den till "
               "\"30-norrkoping.toml\"",
           "6 fel i konfigurationen",
       }) {
    expect_contains(checked.err, expected);
  }
}

TEST(CheckConfigE2e, WarningsAloneLeaveTheConfigurationValid) {
  TempDir dir;
  const auto main_file = dir.write("omvarld.toml", R"toml([[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden"
recipients = ["utbildning@linkoping.se"]
schedule = "Måndag 7:30"
query = 'skola och digitalisering'

[[namnd]]
id = "norrkoping/kultur"
name = "Kulturnämnden"
recipients = ["kultur@norrkoping.se"]
schedule = "vardagar"
any = ["museum"]
)toml");
  const auto not_read = dir.write("conf.d/20-linkoping.toml.txt", "");

  auto checked = run_omvarld({"--config", main_file.string(), "check-config"},
                             dir.path());

  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  expect_contains(checked.err,
                  main_file.string() + ":6:16: query: \"och\" söks som ett ord, inte som en "
                                       "operator: operatorer skrivs med versaler, så om du menade "
                                       "en operator, skriv OCH");
  expect_contains(checked.err, not_read.string() + ": lästes inte: bara filer vars namn slutar på "
                                                   ".toml läses");
  expect_contains(checked.out, "konfigurationen är OK: 1 fil, 0 källor, 0 ämnen, 2 nämnder; 2 "
                               "varningar ovan");
}

TEST(CheckConfigE2e, AnUnknownCommandProposesTheClosestOne) {
  TempDir dir;
  auto typo = run_omvarld({"chek-config"}, dir.path());
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.err,
            "omvarld: okänt kommando \"chek-config\" (menade du \"check-config\"?); kör 'omvarld "
            "--help' för att se kommandona\n");

  auto nested = run_omvarld({"--config", "x.toml", "digest", "sned", "--now"}, dir.path());
  EXPECT_EQ(nested.exit_code, 2);
  EXPECT_EQ(nested.err,
            "omvarld digest: okänt kommando \"sned\" (menade du \"send\"?); kör 'omvarld digest "
            "--help' för att se kommandona\n");

  auto unknown = run_omvarld({"frobnicate"}, dir.path());
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err, "omvarld: okänt kommando \"frobnicate\"; kör 'omvarld --help' för att se "
                         "kommandona\n");
}

}  // namespace
}  // namespace omvarld::testing
