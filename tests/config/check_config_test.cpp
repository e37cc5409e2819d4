// check_config: what `omvarld check-config` says beyond load_config, each
// message asserted whole. Warnings never make a configuration invalid.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.h"
#include "tests/support/temp_dir.h"

namespace omvarld::config {
namespace {

using omvarld::testing::TempDir;

std::vector<std::string> messages_of(const std::vector<Error>& entries) {
  std::vector<std::string> messages;
  for (const Error& entry : entries) messages.push_back(to_string(entry));
  return messages;
}

const char* const kNamnd = R"toml([[namnd]]
id = "linkoping/utbildning"
name = "U"
recipients = ["utbildning@linkoping.se"]
any = ["förskola"]
)toml";

TEST(CheckConfig, AcceptsAGoodConfigurationWithoutWarnings) {
  TempDir dir;
  const auto file = dir.write("omvarld.toml", kNamnd);
  dir.write("conf.d/20-linkoping.toml", "[daemon]\ntimezone = \"Europe/Stockholm\"\n");

  const ConfigReport report = check_config(file);

  ASSERT_TRUE(report.config);
  EXPECT_EQ(report.config->files.size(), 2u);
  EXPECT_TRUE(report.errors.empty());
  EXPECT_TRUE(report.warnings.empty());
}

TEST(CheckConfig, WarnsOfAConfDFileThatIsNotReadAndStillAcceptsTheConfiguration) {
  TempDir dir;
  const auto file = dir.write("omvarld.toml", kNamnd);
  const auto txt = dir.write("conf.d/20-linkoping.toml.txt", "[[namnd]]\n");
  const auto upper = dir.write("conf.d/30-norrkoping.TOML", "[[namnd]]\n");
  const auto readme = dir.write("conf.d/README", "notes\n");
  dir.write("conf.d/.20-linkoping.toml.swp", "");  // an editor's, left alone

  const ConfigReport report = check_config(file);

  ASSERT_TRUE(report.config);
  EXPECT_EQ(report.config->files.size(), 1u);
  EXPECT_EQ(messages_of(report.warnings),
            (std::vector<std::string>{
                txt.string() + ": lästes inte: bara filer vars namn slutar på .toml läses; byt "
                               "namn på den till \"20-linkoping.toml\"",
                upper.string() + ": lästes inte: bara filer vars namn slutar på .toml läses; byt "
                                 "namn på den till \"30-norrkoping.toml\"",
                readme.string() + ": lästes inte: bara filer vars namn slutar på .toml läses; om "
                                  "den innehåller konfiguration, ge den ett namn som slutar på "
                                  ".toml",
            }));
}

TEST(CheckConfig, WarnsOfEachLowerCaseOperatorInAQueryAtItsColumn) {
  TempDir dir;
  const auto file = dir.write("omvarld.toml", std::string(kNamnd) +
      "query = 'skola och digitalisering eller AI inte \"skola och vård\" and x or y Not z'\n");

  const ConfigReport report = check_config(file);

  ASSERT_TRUE(report.config);
  const std::string at = file.string() + ":6:";
  const auto warning = [&](int column, const char* word, const char* upper) {
    return at + std::to_string(column) + ": query: \"" + word +
           "\" söks som ett ord, inte som en operator: operatorer skrivs med versaler, så om du "
           "menade en operator, skriv " + upper;
  };
  EXPECT_EQ(messages_of(report.warnings),
            (std::vector<std::string>{
                warning(16, "och", "OCH"), warning(35, "eller", "ELLER"),
                warning(44, "inte", "INTE"), warning(66, "and", "AND"),
                warning(72, "or", "OR"), warning(77, "Not", "NOT"),  // å of vård: one column
            }));
  for (const Error& entry : report.warnings) EXPECT_EQ(entry.code, Errc::kInvalidQuery);
}

TEST(CheckConfig, CountsTheColumnOfAWarningInCharactersNotBytes) {
  TempDir dir;
  const auto file = dir.write("omvarld.toml", std::string(kNamnd) + "query = 'förskola åk och vård'\n");

  const ConfigReport report = check_config(file);

  ASSERT_TRUE(report.config);
  // ö and å are one column each (the bytes would say 24).
  EXPECT_EQ(messages_of(report.warnings),
            (std::vector<std::string>{
                file.string() + ":6:22: query: \"och\" söks som ett ord, inte som en operator: "
                                "operatorer skrivs med versaler, så om du menade en operator, "
                                "skriv OCH",
            }));
}

TEST(CheckConfig, NeedsNoWarningForOperatorsInCapitalsOrWordsThatContainThem) {
  TempDir dir;
  const auto file = dir.write("omvarld.toml", std::string(kNamnd) +
      "query = 'skola OCH (vård ELLER omsorg) INTE notarie AND \"vård och omsorg\" title:och'\n");

  const ConfigReport report = check_config(file);

  ASSERT_TRUE(report.config);
  EXPECT_EQ(messages_of(report.warnings), std::vector<std::string>{});
}

TEST(CheckConfig, ReportsAFileSourceWhoseFileIsNotThere) {
  TempDir dir;
  dir.write("feeds/skr.xml", "<rss/>");
  std::filesystem::create_directories(dir.path() / "feeds/eu");
  const auto file = dir.write("omvarld.toml", std::string(R"toml([daemon]
allow_file_urls = true

[[source]]
id = "skr"
url = "feeds/skr.xml"

[[source]]
id = "skr-typo"
url = "feeds/skr.xlm"

[[source]]
id = "eu"
url = "file://)toml") + (dir.path() / "feeds/eu").string() + R"toml("

[[source]]
id = "ec"
url = "file:///nowhere/ec%20press.xml"

[[source]]
id = "veckobrev"
url = "feeds/eu/"
kind = "imap"
[source.imap]
split = "headings"
)toml");

  const ConfigReport report = check_config(file);

  EXPECT_FALSE(report.config);
  const std::string there =
      " (en relativ sökväg utgår från mappen där den här konfigurationsfilen ligger)";
  EXPECT_EQ(messages_of(report.errors),
            (std::vector<std::string>{
                file.string() + ":10:7: url: det finns ingen fil " +
                    (dir.path() / "feeds/skr.xlm").string() +
                    ": kontrollera filens namn och mapp" + there,
                file.string() + ":14:7: url: " + (dir.path() / "feeds/eu").string() +
                    " är en mapp: ange flödesfilen i den",
                file.string() + ":18:7: url: det finns ingen fil /nowhere/ec press.xml: "
                                "kontrollera "
                                "filens namn och mapp" + there,
            }));
}

TEST(CheckConfig, ReportsEveryErrorInOneRunQueriesAndPasswordFilesIncluded) {
  TempDir dir;
  const auto file = dir.write("omvarld.toml", R"toml([mail]
password_file = "smtp-password"
transport = "smpt"

[[namnd]]
id = "linkoping/utbildning"
name = "U"
recipients = ["utbildning@linkoping.se"]
query = 'skola AND'
)toml");
  // A syntax error here must not hide the query errors of the other files.
  const auto broken = dir.write("conf.d/10-broken.toml", "[daemon\n");
  const auto other = dir.write("conf.d/20-norrkoping.toml", R"toml([[topic]]
id = "kultur"
any = ["museum", "*"]
)toml");

  const ConfigReport report = check_config(file);

  EXPECT_FALSE(report.config);
  EXPECT_EQ(messages_of(report.errors),
            (std::vector<std::string>{
                file.string() + ":2:17: password_file: kan inte läsa " +
                    (dir.path() / "smtp-password").string() + ": No such file or directory",
                file.string() + ":3:13: transport: väntade \"smtp\", \"sendmail\" eller "
                                "\"directory\", fick \"smpt\"",
                file.string() + ":9:19: query: väntade ett ord efter AND",
                broken.string() + ":1:8: en tabells namn skrivs inom hakparenteser på en egen "
                                  "rad: [mail], [[namnd]]",
                other.string() + ":3:19: any: \"*\" ensam träffar allt",
            }));
}

TEST(CheckConfig, NamesAMissingMainFile) {
  TempDir dir;
  const ConfigReport report = check_config(dir.path() / "omvarld.toml");
  EXPECT_FALSE(report.config);
  EXPECT_EQ(messages_of(report.errors),
            std::vector<std::string>{(dir.path() / "omvarld.toml").string() + ": filen finns inte"});
}

}  // namespace
}  // namespace omvarld::config
