// core::display_link: links as people see them, with hosts that mix
// scripts in their xn-- form; and the mixed-script rule itself.

#include "core/display_link.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace omvarld::core {
namespace {

struct Case {
  const char* name;
  std::string in;
  std::string out;
};

TEST(WithoutTracking, DropsUtmParametersAndKeepsTheRest) {
  const std::vector<Case> cases = {
      {"only utm", "https://x.se/a?utm_source=rss&utm_medium=rss", "https://x.se/a"},
      {"utm among others", "https://x.se/a?id=1&utm_source=rss&p=2", "https://x.se/a?id=1&p=2"},
      {"any case", "https://x.se/a?UTM_Campaign=eu&id=1", "https://x.se/a?id=1"},
      {"the fragment stays", "https://x.se/a?utm_source=rss#top", "https://x.se/a#top"},
      {"a ? in the fragment is no query", "https://x.se/a#q?utm_source=x",
       "https://x.se/a#q?utm_source=x"},
      {"utm without a value", "https://x.se/a?utm_&b", "https://x.se/a?b"},
      {"a name that only starts alike", "https://x.se/a?utmost=1&utm=2", "https://x.se/a?utmost=1&utm=2"},
      {"empty parameters go too", "https://x.se/a?&&id=1&", "https://x.se/a?id=1"},
      {"no query", "https://x.se/a", "https://x.se/a"},
      {"empty", "", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(without_tracking(c.in), c.out);
  }
}

TEST(DisplayLink, ShowsALinkWithoutItsUtmParameters) {
  EXPECT_EQ(display_link("https://ec.europa.eu/x?lang=sv&utm_source=rss&utm_medium=feed"),
            "https://ec.europa.eu/x?lang=sv");
}

TEST(DisplayLink, ShowsAHostThatMixesScriptsInItsAsciiForm) {
  const std::vector<Case> cases = {
      {"Latin with a Cyrillic a", "https://\xD0\xB0pple.com/login", "https://xn--pple-43d.com/login"},
      {"Latin with a Greek omicron", "http://g\xCE\xBFogle.se/", "http://xn--gogle-rce.se/"},
      {"a capital Cyrillic A, mapped as curl looks it up", "https://\xD0\x90pple.com",
       "https://xn--pple-43d.com"},
      {"in the middle of a label", "https://p\xD0\xB0ypal.com/x?y#z", "https://xn--pypal-4ve.com/x?y#z"},
      {"the other labels go along", "https://www.\xD0\xB0pple.r\xC3\xA4ksm\xC3\xB6rg\xC3\xA5s.se/",
       "https://www.xn--pple-43d.xn--rksmrgs-5wao1o.se/"},
      {"with user and port", "https://anna@\xD0\xB0pple.com:8443/a",
       "https://anna@xn--pple-43d.com:8443/a"},
      {"with the scheme in capitals", "HTTPS://\xD0\xB0pple.com", "HTTPS://xn--pple-43d.com"},
      {"a mix that is no valid IDNA name is percent-encoded",
       "https://\xD0\xB0pple\xEF\xBF\xBDx.com/", "https://%D0%B0pple%EF%BF%BDx.com/"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(display_link(c.in), c.out);
  }
}

TEST(DisplayLink, ShowsSingleScriptHostsAsTheyAre) {
  const std::vector<Case> cases = {
      {"ASCII", "https://www.skr.se/nyheter", "https://www.skr.se/nyheter"},
      {"Latin with å, ä and ö", "https://r\xC3\xA4ksm\xC3\xB6rg\xC3\xA5s.se/",
       "https://r\xC3\xA4ksm\xC3\xB6rg\xC3\xA5s.se/"},
      {"Cyrillic with a Latin top-level domain", "https://\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB5\xD1\x80.com/",
       "https://\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB5\xD1\x80.com/"},
      {"Cyrillic with digits and a hyphen", "https://\xD0\xBC\xD0\xB8\xD1\x80-24.\xD1\x80\xD1\x84",
       "https://\xD0\xBC\xD0\xB8\xD1\x80-24.\xD1\x80\xD1\x84"},
      {"Japanese with Latin", "https://abc\xE6\x97\xA5\xE6\x9C\xAC\xE3\x81\x82.jp/",
       "https://abc\xE6\x97\xA5\xE6\x9C\xAC\xE3\x81\x82.jp/"},
      {"already punycode", "https://xn--pple-43d.com/", "https://xn--pple-43d.com/"},
      {"Cyrillic only in the path", "https://example.se/\xD0\xB0pple", "https://example.se/\xD0\xB0pple"},
      {"Cyrillic only in the user", "https://\xD0\xB0nna@example.se/", "https://\xD0\xB0nna@example.se/"},
      {"an IPv6 literal", "http://[::1]:8080/feed", "http://[::1]:8080/feed"},
      {"mailto", "mailto:info@\xD0\xB0pple.com", "mailto:info@\xD0\xB0pple.com"},
      {"a relative link", "/\xD0\xB0pple.com/x", "/\xD0\xB0pple.com/x"},
      {"no host", "file:///tmp/a", "file:///tmp/a"},
      {"empty", "", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(display_link(c.in), c.out);
  }
}

TEST(DisplayLink, MakesTheLinkSafeFirst) {
  EXPECT_EQ(display_link("https://example.se/\xE2\x80\xAEgpj.exe\x1B[2J"),
            "https://example.se/%E2%80%AEgpj.exe%1B[2J");
  // A zero-width space inside a mixed host: encoded, which no IDNA name holds.
  EXPECT_EQ(display_link("https://\xD0\xB0pp\xE2\x80\x8Ble.com/"), "https://%D0%B0pp%E2%80%8Ble.com/");
}

TEST(MixesScripts, FollowsTheHighlyRestrictiveLevel) {
  struct Label {
    const char* text;
    bool mixed;
  };
  const std::vector<Label> labels = {
      {"apple", false},
      {"r\xC3\xA4ksm\xC3\xB6rg\xC3\xA5s", false},                 // Latin with åäö
      {"\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB5\xD1\x80", false},  // Cyrillic
      {"\xCE\xB5\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1", false},  // Greek
      {"\xD0\xB0pple", true},                                      // Latin + Cyrillic
      {"g\xCE\xBFogle", true},                                     // Latin + Greek
      {"\xD0\xBF\xCE\xB1", true},                                  // Cyrillic + Greek
      {"abc\xE6\x97\xA5\xE6\x9C\xAC", false},                      // Latin + Han
      {"abc\xE3\x81\x82\xE3\x82\xA2\xE6\x97\xA5", false},          // Latin + kana + Han
      {"abc\xED\x95\x9C\xE6\x97\xA5", false},                      // Latin + Hangul + Han
      {"\xE3\x81\x82\xED\x95\x9C", true},                          // kana + Hangul
      {"abc\xD7\xA9", true},                                       // Latin + Hebrew
      {"\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85", false},                 // Arabic
      {"a\xE0\xA4\x95", true},                                     // Latin + Devanagari
      {"e\xCC\x81x", false},                                       // a combining accent
      {"123-456", false},                                          // Common only
      {"", false},
  };
  for (const Label& label : labels) {
    SCOPED_TRACE(label.text);
    EXPECT_EQ(mixes_scripts(label.text), label.mixed);
  }
}

}  // namespace
}  // namespace omvarld::core
