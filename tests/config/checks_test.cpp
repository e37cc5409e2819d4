#include "config/checks.h"

#include <array>
#include <string_view>

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
