#include "net/http_headers.h"

#include <gtest/gtest.h>

namespace omvarld::net {
namespace {

using namespace std::chrono_literals;

// Wed, 21 Oct 2015 07:28:00 GMT
constexpr core::TimePoint kNow{std::chrono::sys_days{std::chrono::year{2015} / 10 / 21} + 7h + 28min};

TEST(ParseRetryAfter, ReadsDelaySecondsAndHttpDates) {
  struct Case {
    const char* name;
    const char* value;
    std::optional<std::chrono::seconds> expected;
  };
  const Case cases[] = {
      {"seconds", "120", 120s},
      {"seconds with spaces", "  30 ", 30s},
      {"zero", "0", 0s},
      {"http date", "Wed, 21 Oct 2015 07:29:30 GMT", 90s},
      {"date in the past", "Wed, 21 Oct 2015 07:00:00 GMT", 0s},
      {"negative", "-5", std::nullopt},
      {"words", "soon", std::nullopt},
      {"empty", "", std::nullopt},
      {"too many digits", "99999999999999999999999", std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(parse_retry_after(c.value, kNow), c.expected);
  }
}

TEST(ReasonPhrase, NamesTheCommonStatusesAndNothingElse) {
  EXPECT_EQ(reason_phrase(404), "Not Found");
  EXPECT_EQ(reason_phrase(410), "Gone");
  EXPECT_EQ(reason_phrase(429), "Too Many Requests");
  EXPECT_EQ(reason_phrase(418), "");
}

TEST(HostKey, NamesHostAndPortAsOneLimitCountsThem) {
  struct Case {
    const char* url;
    const char* expected;
  };
  const Case cases[] = {
      {"https://EC.Europa.eu/rss", "ec.europa.eu:443"},
      {"http://skr.se/feed", "skr.se:80"},
      {"http://127.0.0.1:8080/feed?x=1", "127.0.0.1:8080"},
      {"https://user:pw@example.se:8443#top", "example.se:8443"},
      {"http://[::1]:81/feed", "[::1]:81"},
      {"http://[::1]/feed", "[::1]:80"},
      {"file:///srv/feed.xml", "file"},
      {"no-scheme", ""},
      {"http:///feed", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.url);
    EXPECT_EQ(host_key(c.url), c.expected);
  }
}

TEST(DescribeSize, WritesWholeMebibytesAndKibibytesAsSuch) {
  EXPECT_EQ(describe_size(10 * 1024 * 1024), "10 MiB");
  EXPECT_EQ(describe_size(512 * 1024), "512 KiB");
  EXPECT_EQ(describe_size(1000), "1000 bytes");
  EXPECT_EQ(describe_size(1), "1 byte");
  EXPECT_EQ(describe_size(1024 * 1024 + 1), "1048577 bytes");
}

}  // namespace
}  // namespace omvarld::net
