#include "markup/url.h"

#include <gtest/gtest.h>

namespace omvarld::markup {
namespace {

struct UrlCase {
  const char* reference;
  const char* expected;
};

// RFC 3986 §5.4.1 and §5.4.2, against its base "http://a/b/c/d;p?q".
TEST(ResolveUrl, FollowsTheExamplesOfRfc3986) {
  const UrlCase cases[] = {
      {"g:h", "g:h"},           {"g", "http://a/b/c/g"},       {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"}, {"/g", "http://a/g"},          {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"}, {"g?y", "http://a/b/c/g?y"}, {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"}, {"g?y#s", "http://a/b/c/g?y#s"}, {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"}, {"g;x?y#s", "http://a/b/c/g;x?y#s"}, {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},    {"./", "http://a/b/c/"},      {"..", "http://a/b/"},
      {"../", "http://a/b/"},    {"../g", "http://a/b/g"},      {"../..", "http://a/"},
      {"../../", "http://a/"},   {"../../g", "http://a/g"},
      // §5.4.2, abnormal examples.
      {"../../../g", "http://a/g"}, {"../../../../g", "http://a/g"}, {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},   {"g.", "http://a/b/c/g."},    {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."}, {"..g", "http://a/b/c/..g"}, {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"}, {"g/./h", "http://a/b/c/g/h"}, {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"}, {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"}, {"g#s/../x", "http://a/b/c/g#s/../x"},
      {"http:g", "http:g"},
  };
  for (const UrlCase& c : cases) {
    SCOPED_TRACE(c.reference);
    EXPECT_EQ(resolve_url("http://a/b/c/d;p?q", c.reference), c.expected);
  }
}

TEST(ResolveUrl, LeavesTheReferenceAsItIsWithoutABase) {
  EXPECT_EQ(resolve_url("", "nyheter/1.html"), "nyheter/1.html");
}

TEST(ResolveUrl, IgnoresWhitespaceAroundTheReference) {
  EXPECT_EQ(resolve_url("https://k.example/a/", "\n  b.html  \n"), "https://k.example/a/b.html");
}

TEST(ResolveUrl, KeepsAnAbsoluteUrlAndRemovesItsDotSegments) {
  EXPECT_EQ(resolve_url("http://a/b/", "https://k.example/x/y.html?q=1#f"), "https://k.example/x/y.html?q=1#f");
  EXPECT_EQ(resolve_url("http://a/b/", "https://k.example/x/./y/../z"), "https://k.example/x/z");
  EXPECT_EQ(resolve_url("http://a/b/", " http://k.example/x/.. "), "http://k.example/");
}

// feedparser's _urifixer, before every join; a file: URL's empty authority
// is its own.
TEST(ResolveUrl, DropsSlashesDoubledAfterTheScheme) {
  EXPECT_EQ(resolve_url("http://example.com/", "http:///example.com/test/"), "http://example.com/test/");
  EXPECT_EQ(resolve_url("", "HTTPS:////k.example/a"), "HTTPS://k.example/a");
  EXPECT_EQ(resolve_url("http://a/b/", "svn+ssh://///h/p"), "svn+ssh://h/p");
  EXPECT_EQ(resolve_url("http://a/b/", "file:///etc/hosts"), "file:///etc/hosts");
  EXPECT_EQ(resolve_url("http://a/b/", "c///d"), "http://a/b/c///d");
  EXPECT_EQ(resolve_url("http://a/b/", "/c:///d"), "http://a/c:///d");
}

TEST(ResolveUrl, ResolvesAgainstAHostWithoutPath) {
  EXPECT_EQ(resolve_url("https://k.example", "b.html"), "https://k.example/b.html");
}

struct CanonicalCase {
  const char* name;
  const char* url;
  const char* canonical;
};

TEST(CanonicalUrl, WritesEveryLinkToOnePageTheSameWay) {
  const CanonicalCase cases[] = {
      {"already canonical", "https://ec.europa.eu/news/1", "https://ec.europa.eu/news/1"},
      {"scheme and host lower-cased, path kept", "HTTPS://EC.Europa.EU/News/1",
       "https://ec.europa.eu/News/1"},
      {"default https port dropped", "https://skr.se:443/a", "https://skr.se/a"},
      {"default http port dropped", "http://skr.se:80/a", "http://skr.se/a"},
      {"other port kept", "https://skr.se:8443/a", "https://skr.se:8443/a"},
      {"port 80 kept for https", "https://skr.se:80/a", "https://skr.se:80/a"},
      {"empty port dropped", "https://skr.se:/a", "https://skr.se/a"},
      {"empty path becomes /", "https://skr.se", "https://skr.se/"},
      {"fragment dropped", "https://skr.se/a#stycke-2", "https://skr.se/a"},
      {"utm parameters dropped, others kept in order",
       "https://skr.se/a?id=7&utm_source=rss&lang=sv&UTM_Medium=feed",
       "https://skr.se/a?id=7&lang=sv"},
      {"only utm parameters: no query left", "https://skr.se/a?utm_source=rss&utm_campaign=x",
       "https://skr.se/a"},
      {"user information keeps its case", "https://Anna@SKR.se/a", "https://Anna@skr.se/a"},
      {"IPv6 literal with port", "http://[::1]:80/a", "http://[::1]/a"},
      {"surrounding whitespace ignored", "  https://skr.se/a \n", "https://skr.se/a"},
      {"Google Alerts redirect, percent-encoded",
       "https://www.google.com/url?rct=j&sa=t&url=https%3A%2F%2FWWW.Regeringen.se%2Fpress%2F1%3Futm_source%3Dga%26p%3D2&ct=ga&usg=AOv",
       "https://www.regeringen.se/press/1?p=2"},
      {"Google Alerts redirect, plain", "https://www.google.com/url?url=https://skr.se/a#x&ct=ga",
       "https://skr.se/a"},
      {"Google search link is not a redirect", "https://www.google.com/search?q=skr",
       "https://www.google.com/search?q=skr"},
      {"relative reference left as written, fragment dropped", "nyheter/1#a", "nyheter/1"},
      {"empty", "", ""},
  };
  for (const CanonicalCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(canonical_url(c.url), c.canonical);
  }
}

}  // namespace
}  // namespace omvarld::markup
