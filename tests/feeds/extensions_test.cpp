// read_extensions through parse_feed: each namespace's elements land in the
// feed's or the entry's extras under feedparser's key, and values that cannot
// be read are left out rather than guessed.

#include <cstdio>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "feeds/feed_value.h"
#include "feeds/parser.h"

namespace omvarld::feeds {
namespace {

// A compact JSON rendering of `value`, so a case states a whole value.
std::string render(const FeedValue& value) {
  switch (value.kind()) {
    case FeedValue::Kind::kNull: return "null";
    case FeedValue::Kind::kBool: return value.as_bool() ? "true" : "false";
    case FeedValue::Kind::kInteger: return std::to_string(value.as_integer());
    case FeedValue::Kind::kNumber: {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%g", value.as_number());
      return buffer;
    }
    case FeedValue::Kind::kString: return "\"" + value.as_string() + "\"";
    case FeedValue::Kind::kArray: {
      std::string out = "[";
      for (const FeedValue& item : value.items()) out += (out.size() > 1 ? "," : "") + render(item);
      return out + "]";
    }
    case FeedValue::Kind::kObject: {
      std::string out = "{";
      for (const FeedValue::Member& member : value.members()) {
        out += (out.size() > 1 ? "," : "") + ("\"" + member.key + "\":") + render(member.value);
      }
      return out + "}";
    }
  }
  return "?";
}

constexpr const char* kAbsent = "<absent>";

struct Case {
  const char* name;
  const char* body;   // the elements inside the feed-level element or the entry
  const char* key;
  const char* value;  // render() of the value, or kAbsent
};

// Wraps `body` in an RSS item (entry) or channel (feed) that declares the
// namespaces the cases use.
std::string rss(const char* body, bool in_item) {
  std::string document =
      "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""
      " xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns:georss=\"http://www.georss.org/georss\""
      " xmlns:gml=\"http://www.opengis.net/gml\" xmlns:psc=\"http://podlove.org/simple-chapters\""
      " xmlns:wfw=\"http://wellformedweb.org/CommentAPI/\" xmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\""
      " xmlns:thr=\"http://purl.org/syndication/thread/1.0\""
      " xmlns:feedburner=\"http://rssnamespace.org/feedburner/ext/1.0\"><channel><title>t</title>";
  document += in_item ? std::string("<item><title>i</title>") + body + "</item>" : std::string(body);
  return document + "</channel></rss>";
}

void expect_cases(const Case* cases, std::size_t count, bool in_item) {
  for (std::size_t i = 0; i < count; ++i) {
    const Case& c = cases[i];
    SCOPED_TRACE(c.name);
    const Result<ParsedFeed> feed = parse_feed(rss(c.body, in_item), DocumentHints::at("http://example.com/feed/"));
    ASSERT_TRUE(feed) << feed.error().message;
    ASSERT_FALSE(feed->bozo) << feed->bozo_reason;
    const FeedValue* extras = &feed->extras;
    if (in_item) {
      ASSERT_EQ(feed->entries.size(), 1u);
      extras = &feed->entries[0].extras;
    }
    const FeedValue* value = extras->find(c.key);
    EXPECT_EQ(value == nullptr ? std::string(kAbsent) : render(*value), c.value);
  }
}

TEST(ReadExtensions, ReadsItunesValuesAsFeedparserReportsThem) {
  static constexpr Case kCases[] = {
      {"block yes is 1", "<itunes:block>yes</itunes:block>", "itunes_block", "1"},
      {"block other than yes is 0", "<itunes:block>true</itunes:block>", "itunes_block", "0"},
      {"block with spaces is 0", "<itunes:block> yes </itunes:block>", "itunes_block", "0"},
      {"explicit yes", "<itunes:explicit>yes</itunes:explicit>", "itunes_explicit", "true"},
      {"explicit clean", "<itunes:explicit>clean</itunes:explicit>", "itunes_explicit", "false"},
      {"explicit uppercase is unrecognised", "<itunes:explicit>YES</itunes:explicit>", "itunes_explicit", kAbsent},
      {"duration kept as written", "<itunes:duration>3:00</itunes:duration>", "itunes_duration", "\"3:00\""},
      {"non-numeric duration kept as text, not converted", "<itunes:duration>long</itunes:duration>",
       "itunes_duration", "\"long\""},
      {"image href", "<itunes:image href=\"http://example.com/a.jpg\"/>", "image",
       "{\"href\":\"http://example.com/a.jpg\"}"},
      {"image without href or url", "<itunes:image/>", "image", kAbsent},
      {"subtitle is a text construct", "<itunes:subtitle>Sub</itunes:subtitle>", "subtitle_detail",
       "{\"type\":\"text/plain\",\"base\":\"http://example.com/feed/\",\"value\":\"Sub\"}"},
      {"author", "<itunes:author>Mark</itunes:author>", "author_detail", "{\"name\":\"Mark\"}"},
  };
  expect_cases(kCases, std::size(kCases), true);
}

TEST(ReadExtensions, TurnsItunesCategoriesKeywordsAndOwnerIntoFeedKeys) {
  static constexpr Case kCases[] = {
      {"nested categories, keywords deduplicated",
       "<itunes:category text=\"Tech\"><itunes:category text=\"Gadgets\"/></itunes:category>"
       "<itunes:keywords>Tech, Radio,</itunes:keywords>",
       "tags",
       "[{\"term\":\"Tech\",\"scheme\":\"http://www.itunes.com/\"},"
       "{\"term\":\"Gadgets\",\"scheme\":\"http://www.itunes.com/\"},"
       "{\"term\":\"Radio\",\"scheme\":\"http://www.itunes.com/\"}]"},
      {"keywords leave no key of their own", "<itunes:keywords>a</itunes:keywords>", "itunes_keywords", kAbsent},
      {"owner is the publisher",
       "<itunes:owner><itunes:name>Mark</itunes:name><itunes:email>m@example.com</itunes:email></itunes:owner>",
       "publisher", "\"Mark (m@example.com)\""},
      {"feedburner browserFriendly is info", "<feedburner:browserFriendly>Hi</feedburner:browserFriendly>",
       "info", "\"Hi\""},
  };
  expect_cases(kCases, std::size(kCases), false);
}

TEST(ReadExtensions, ReadsMediaRssElements) {
  static constexpr Case kCases[] = {
      {"thumbnail attributes", "<media:thumbnail url=\"http://example.com/t.jpg\" width=\"72\"/>",
       "media_thumbnail", "[{\"url\":\"http://example.com/t.jpg\",\"width\":\"72\"}]"},
      {"credits inside a group", "<media:group><media:credit role=\"creator\">C</media:credit></media:group>",
       "media_credit", "[{\"role\":\"creator\",\"content\":\"C\"}]"},
      {"restriction country list",
       "<media:restriction relationship=\"allow\">AU us</media:restriction>", "media_restriction",
       "{\"relationship\":\"allow\",\"content\":[\"au\",\"us\"]}"},
      {"category with the default scheme", "<media:category>cat1</media:category>", "tags",
       "[{\"term\":\"cat1\",\"scheme\":\"http://search.yahoo.com/mrss/category_schema\"}]"},
      {"player", "<media:player url=\"http://example.com/\"/>", "media_player",
       "{\"url\":\"http://example.com/\",\"content\":\"\"}"},
  };
  expect_cases(kCases, std::size(kCases), true);
}

TEST(ReadExtensions, ReadsGeoRssAndGmlGeometriesAsLonLat) {
  static constexpr Case kCases[] = {
      {"simple point", "<georss:point> 36.9382 31.1732 </georss:point>", "where",
       "{\"type\":\"Point\",\"coordinates\":[31.1732,36.9382]}"},
      {"comma separators", "<georss:point>45.5,-122.5</georss:point>", "where",
       "{\"type\":\"Point\",\"coordinates\":[-122.5,45.5]}"},
      {"box", "<georss:box>1 2 3 4</georss:box>", "where", "{\"type\":\"Box\",\"coordinates\":[[2,1],[4,3]]}"},
      {"point without coordinates", "<georss:point> </georss:point>", "where", "{}"},
      {"point with a word among the numbers", "<georss:point>12 north</georss:point>", "where", "{}"},
      {"polygon of three points", "<georss:polygon>1 2 3 4 1 2</georss:polygon>", "where", "{}"},
      {"gml point in a projected system keeps its order",
       "<georss:where><gml:Point srsName=\"EPSG:26913\"><gml:pos>36.9 31.1</gml:pos></gml:Point></georss:where>",
       "where", "{\"srsName\":\"EPSG:26913\",\"srsDimension\":2,\"type\":\"Point\",\"coordinates\":[36.9,31.1]}"},
      {"gml 3d point",
       "<georss:where><gml:Point srsDimension=\"3\"><gml:pos>42.5 -156.25 45</gml:pos></gml:Point></georss:where>",
       "where", "{\"srsDimension\":3,\"type\":\"Point\",\"coordinates\":[-156.25,42.5,45]}"},
      {"gml polygon",
       "<georss:where><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>1 2 3 4 5 6 1 2"
       "</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></georss:where>",
       "where", "{\"srsDimension\":2,\"type\":\"Polygon\",\"coordinates\":[[[2,1],[4,3],[6,5],[2,1]]]}"},
  };
  expect_cases(kCases, std::size(kCases), true);
}

TEST(ReadExtensions, ReadsTheFirstPodloveChaptersList) {
  static constexpr Case kCases[] = {
      {"start in seconds and as written",
       "<psc:chapters version=\"1.2\"><psc:chapter start=\"00:03:07.250\" title=\"Intro\"/></psc:chapters>"
       "<psc:chapters version=\"9\"><psc:chapter start=\"00:00\" title=\"Ignored\"/></psc:chapters>",
       "psc_chapters",
       "{\"version\":\"1.2\",\"chapters\":[{\"start_raw\":\"00:03:07.250\",\"start\":187.25,\"title\":\"Intro\"}]}"},
      {"unreadable start keeps only start_raw",
       "<psc:chapters><psc:chapter start=\"3 minutes\"/></psc:chapters>", "psc_chapters",
       "{\"chapters\":[{\"start_raw\":\"3 minutes\"}]}"},
  };
  expect_cases(kCases, std::size(kCases), true);
}

TEST(ReadExtensions, KeepsOtherNamespacedElementsAsPrefixAndLocalName) {
  static constexpr Case kCases[] = {
      {"comment feed resolved against the document", "<wfw:commentRss>c/rss</wfw:commentRss>", "wfw_commentrss",
       "\"http://example.com/feed/c/rss\""},
      {"slash comments", "<slash:comments>4</slash:comments>", "slash_comments", "\"4\""},
      {"an element with attributes becomes an object",
       "<thr:in-reply-to ref=\"tag:x\" href=\"http://example.com/p\"/>", "thr_in-reply-to",
       "{\"ref\":\"tag:x\",\"href\":\"http://example.com/p\"}"},
      {"unknown namespace keeps the document's prefix, lowercased",
       "<MadeUp:Element xmlns:MadeUp=\"http://madeup.test\">test</MadeUp:Element>", "madeup_element", "\"test\""},
      {"dc elements are the format parser's", "<dc:creator xmlns:dc=\"http://purl.org/dc/elements/1.1/\">x</dc:creator>",
       "dc_creator", kAbsent},
  };
  expect_cases(kCases, std::size(kCases), true);
}

TEST(ReadExtensions, MatchesTheItunesNamespaceWhateverItsCase) {
  static constexpr const char* kUris[] = {
      "http://www.itunes.com/DTDs/Podcast-1.0.dtd", "HTTP://WWW.ITUNES.COM/DTDS/PODCAST-1.0.DTD",
      "http://example.com/DTDs/Podcast-1.0.dtd"};
  for (const char* uri : kUris) {
    SCOPED_TRACE(uri);
    const Result<ParsedFeed> feed = parse_feed(
        std::string("<rss xmlns:i=\"") + uri + "\"><channel><i:block>yes</i:block></channel></rss>",
        DocumentHints());
    ASSERT_TRUE(feed);
    const FeedValue* block = feed->extras.find("itunes_block");
    ASSERT_NE(block, nullptr);
    EXPECT_EQ(render(*block), "1");
  }
}

}  // namespace
}  // namespace omvarld::feeds
