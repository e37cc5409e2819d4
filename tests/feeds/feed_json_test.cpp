#include "feeds/feed_json.h"

#include <gtest/gtest.h>

#include "feeds/parser.h"
#include "tests/feeds/testdata.h"

namespace omvarld::feeds {
namespace {

using testing::read_testdata;

// The golden file is the reviewed output; regenerate it only on purpose.
TEST(ToJson, PrintsTheNormalizedDocumentOfASmallFeed) {
  auto parsed = parse_feed(read_testdata("rss20-basic.xml"), {});
  ASSERT_TRUE(parsed);
  std::string golden = read_testdata("rss20-basic.golden.json");
  while (!golden.empty() && golden.back() == '\n') golden.pop_back();
  EXPECT_EQ(to_json(*parsed), golden);
}

TEST(ToJson, LeavesOutEmptyKeysAndKeepsRawUnreadableDates) {
  ParsedFeed feed;
  feed.version = "rss20";
  ParsedEntry entry;
  entry.title = Text{"T", "text/plain"};
  entry.published.raw = "någon gång";
  feed.entries.push_back(entry);
  EXPECT_EQ(to_json(feed),
            R"({"bozo":false,"version":"rss20","feed":{},"entries":[{"title":"T",)"
            R"("title_detail":{"type":"text/plain","value":"T"},"published_raw":"någon gång"}]})");
}

TEST(ToJson, ReportsBozoAndItsReason) {
  auto parsed = parse_feed(read_testdata("bare-ampersand.xml"), {});
  ASSERT_TRUE(parsed);
  const std::string json = to_json(*parsed);
  EXPECT_TRUE(json.starts_with(R"({"bozo":true,"bozo_exception":"3:18: unescaped '&'","encoding":"utf-8")"))
      << json;
}

}  // namespace
}  // namespace omvarld::feeds
