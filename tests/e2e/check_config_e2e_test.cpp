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

// CLI11's own words ("The following argument was not expected", "Check xml
// value in {eml->2,...} FAILED") never reach a coordinator: the command, the
// option and what to write instead, in Swedish.
TEST(CheckConfigE2e, AMistypedOptionOrValueSaysWhatToWriteInstead) {
  TempDir dir;
  const std::string help_line = "Kör 'omvarld digest preview --help' för att se vad som går att skriva.\n";
  auto typo = run_omvarld({"digest", "preview", "--namd", "linkoping/utbildning"}, dir.path());
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.err, "omvarld digest preview: okänt val --namd (menade du --namnd?)\n"
                      "omvarld digest preview: oväntat argument \"linkoping/utbildning\"\n" + help_line);

  auto format = run_omvarld({"digest", "preview", "--namnd", "x", "--format", "pdf"}, dir.path());
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_EQ(format.err, "omvarld digest preview: --format kan inte vara \"pdf\"; skriv något av: text, "
                        "html, eml\n" + help_line);

  auto both = run_omvarld({"digest", "preview", "--report", "--namnd", "x"}, dir.path());
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_EQ(both.err, "omvarld digest preview: --namnd kan inte användas tillsammans med --report\n" +
                          help_line);

  auto required = run_omvarld({"digest", "show"}, dir.path());
  EXPECT_EQ(required.exit_code, 2);
  EXPECT_EQ(required.err, "omvarld digest show: --namnd måste anges\n"
                          "Kör 'omvarld digest show --help' för att se vad som går att skriva.\n");

  auto no_command = run_omvarld({"digest"}, dir.path());
  EXPECT_EQ(no_command.exit_code, 2);
  EXPECT_EQ(no_command.err, "omvarld digest: ange ett av dess kommandon: send, preview, show\n"
                            "Kör 'omvarld digest --help' för att se vad som går att skriva.\n");

  auto twice = run_omvarld({"items", "--namnd", "a", "--namnd", "b"}, dir.path());
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_EQ(twice.err, "omvarld items: --namnd får bara anges en gång\n"
                       "Kör 'omvarld items --help' för att se vad som går att skriva.\n");

  auto number = run_omvarld({"items", "--limit", "tio"}, dir.path());
  EXPECT_EQ(number.exit_code, 2);
  EXPECT_EQ(number.err, "omvarld items: --limit ska vara ett heltal, inte \"tio\"\n"
                        "Kör 'omvarld items --help' för att se vad som går att skriva.\n");

  auto value = run_omvarld({"items", "--limit"}, dir.path());
  EXPECT_EQ(value.exit_code, 2);
  EXPECT_EQ(value.err, "omvarld items: --limit behöver ett värde\n"
                       "Kör 'omvarld items --help' för att se vad som går att skriva.\n");
}

}  // namespace
}  // namespace omvarld::testing
