#include "feeds/url.h"

#include <gtest/gtest.h>

namespace omvarld::feeds {
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

TEST(ResolveUrl, ResolvesAgainstAHostWithoutPath) {
  EXPECT_EQ(resolve_url("https://k.example", "b.html"), "https://k.example/b.html");
}

}  // namespace
}  // namespace omvarld::feeds
