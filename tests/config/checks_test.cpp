#include "config/checks.h"

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace omvarld::config {
namespace {

struct AddressCase {
  const char* name;
  std::string_view text;
  bool valid;
};

TEST(IsEmailAddress, AcceptsBareAndNamedAddressesAndRejectsTheRest) {
  const AddressCase cases[] = {
      {"bare", "utbildning.omvarld@linkoping.se", true},
      {"with display name", "Omvärldsbevakning <omvarld@linkoping.se>", true},
      {"plus and hyphen", "eu+kontor@region-ostergotland.se", true},
      {"non-ASCII domain", "nämnd@norrköping.se", true},
      {"doubled at", "utbildning@@linkoping.se", false},
      {"two ats", "a@b@linkoping.se", false},
      {"no at", "utbildning.linkoping.se", false},
      {"domain without dot", "utbildning@linkoping", false},
      {"space in address", "utbildning nämnd@linkoping.se", false},
      {"line feed", "a@linkoping.se\nBcc: b@evil.example", false},
      {"carriage return in display name", "Evil\r <a@linkoping.se>", false},
      {"empty local part", "@linkoping.se", false},
      {"empty domain label", "a@linkoping..se", false},
      {"unclosed angle", "Namn <a@linkoping.se", false},
      {"empty", "", false},
  };
  for (const AddressCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(is_email_address(c.text), c.valid);
  }
}

TEST(IsNamndId, WantsTwoSimpleIdsJoinedByOneSlash) {
  EXPECT_TRUE(is_namnd_id("linkoping/utbildning"));
  EXPECT_TRUE(is_namnd_id("norrkoping/kultur-och-fritid"));
  EXPECT_FALSE(is_namnd_id("utbildning"));
  EXPECT_FALSE(is_namnd_id("linkoping/utbildning/extra"));
  EXPECT_FALSE(is_namnd_id("Linkoping/utbildning"));
  EXPECT_FALSE(is_namnd_id("/utbildning"));
  EXPECT_FALSE(is_namnd_id("linkoping/"));
}

TEST(IsSimpleId, AllowsLowerCaseDigitsDotsUnderscoresAndHyphens) {
  EXPECT_TRUE(is_simple_id("ec-press"));
  EXPECT_TRUE(is_simple_id("skr.nyheter_2"));
  EXPECT_FALSE(is_simple_id("EC-press"));
  EXPECT_FALSE(is_simple_id("-ec"));
  EXPECT_FALSE(is_simple_id("ec press"));
  EXPECT_FALSE(is_simple_id(""));
}

TEST(IsTimeZone, KnowsTheTzDatabase) {
  EXPECT_TRUE(is_time_zone("Europe/Stockholm"));
  EXPECT_TRUE(is_time_zone("UTC"));
  EXPECT_FALSE(is_time_zone("Europe/Linkoping"));
  EXPECT_FALSE(is_time_zone("CET+1"));
  EXPECT_FALSE(is_time_zone(""));
}

TEST(AsciiId, WritesSwedishLettersCapitalsAndSpacesAsAnIdMay) {
  EXPECT_EQ(ascii_id("linköping/äldrenämnden"), "linkoping/aldrenamnden");
  EXPECT_EQ(ascii_id("Linköping/Äldrenämnden"), "linkoping/aldrenamnden");
  EXPECT_EQ(ascii_id("ÅÄÖ"), "aao");
  EXPECT_EQ(ascii_id("EU stöd"), "eu-stod");
  EXPECT_EQ(ascii_id("regionkommittén"), "regionkommitten");
  EXPECT_EQ(ascii_id("skr"), "skr");
  EXPECT_EQ(ascii_id("€-fonden"), "") << "no ASCII letter for it";
}

TEST(NonAsciiCharacters, NamesEachOnceInOrder) {
  EXPECT_EQ(non_ascii_characters("linköping/äldrenämnden"), (std::vector<std::string>{"ö", "ä"}));
  EXPECT_EQ(non_ascii_characters("skr"), std::vector<std::string>{});
  EXPECT_EQ(non_ascii_characters("a\xff"), std::vector<std::string>{}) << "not UTF-8";
}

TEST(ExplainBadId, NamesTheCharacterAndTheIdToWrite) {
  // `what` comes translated from the caller, as core::tr("namnd id") does.
  EXPECT_EQ(explain_bad_id("linköping/äldrenämnden", "nämnd-id", "RULE", is_namnd_id),
            "\"linköping/äldrenämnden\" innehåller \"ö\" och \"ä\", men som nämnd-id går bara a–z, "
            "0–9, \".\", \"_\" och \"-\" att använda: skriv \"linkoping/aldrenamnden\"");
  EXPECT_EQ(explain_bad_id("EU", "tagg", "RULE", is_simple_id), "\"EU\" går inte att använda som tagg: RULE; skriv \"eu\"");
  EXPECT_EQ(explain_bad_id("€", "tagg", "RULE", is_simple_id), "\"€\" går inte att använda som tagg: RULE");
  EXPECT_EQ(explain_bad_id("Utbildning", "nämnd-id", "RULE", is_namnd_id),
            "\"Utbildning\" går inte att använda som nämnd-id: RULE")
      << "no suggestion that is not a valid id either";
}

TEST(DidYouMean, ProposesTheAsciiIdOrACloseSpelling) {
  constexpr std::array<std::string_view, 3> kKnown = {"linkoping", "eu", "regionkommitten"};
  EXPECT_EQ(did_you_mean("linköping", kKnown),
            " (id skrivs utan \"ö\": menade du \"linkoping\"?)");
  EXPECT_EQ(did_you_mean("linkopnig", kKnown), " (menade du \"linkoping\"?)");
  EXPECT_EQ(did_you_mean("regionkomitén", kKnown),
            " (id skrivs utan \"é\": menade du \"regionkommitten\"?)");
  EXPECT_EQ(did_you_mean("bryssel", kKnown), "");
  EXPECT_EQ(did_you_mean("söderköping", kKnown), " (id skrivs utan \"ö\")");
}

TEST(FilePath, DecodesFileUrls) {
  EXPECT_EQ(file_path("file:///srv/feeds/a%20b.xml"), std::filesystem::path("/srv/feeds/a b.xml"));
  EXPECT_EQ(file_path("file://localhost/srv/a.xml?x#y"), std::filesystem::path("/srv/a.xml"));
  EXPECT_EQ(file_path("FILE:///srv/a.xml"), std::filesystem::path("/srv/a.xml"));
  EXPECT_EQ(file_path(file_url("/srv/x #1%.xml")), std::filesystem::path("/srv/x #1%.xml"));
  EXPECT_EQ(file_path("file://server/share/a.xml"), std::nullopt);
  EXPECT_EQ(file_path("https://skr.se/rss"), std::nullopt);
}

TEST(UrlForm, TellsHttpFileRelativeAndOtherSchemesApart) {
  EXPECT_EQ(url_form("https://ec.europa.eu/rss"), UrlForm::kHttp);
  EXPECT_EQ(url_form("HTTP://skr.se/feed"), UrlForm::kHttp);
  EXPECT_EQ(url_form("file:///srv/feeds/a.xml"), UrlForm::kFile);
  EXPECT_EQ(url_form("feeds/ec-press.xml"), UrlForm::kRelative);
  EXPECT_EQ(url_form("/srv/feeds/a.xml"), UrlForm::kRelative);
  EXPECT_EQ(url_form("ftp://ec.europa.eu/rss"), UrlForm::kOtherScheme);
  EXPECT_EQ(url_form("http://"), UrlForm::kOtherScheme);
}

TEST(FileUrl, PercentEncodesWhatAUrlCannotCarry) {
  EXPECT_EQ(file_url("/srv/my feeds/50%#1.xml"), "file:///srv/my%20feeds/50%25%231.xml");
}

}  // namespace
}  // namespace omvarld::config
