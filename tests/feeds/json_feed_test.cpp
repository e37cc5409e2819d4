// JSON Feed 1.0 and 1.1 through parse_feed, parse_items and to_json: the
// same ParsedFeed fields and Items as RSS and Atom give, content_html
// sanitized and resolved, and hostile documents (too deep, wrong types,
// not JSON, JSON that is no feed) refused or read around.

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "feeds/feed_items.h"
#include "feeds/feed_json.h"
#include "feeds/normalize.h"
#include "feeds/parser.h"
#include "tests/feeds/testdata.h"

namespace omvarld::feeds {
namespace {

using testing::read_testdata;

const DocumentHints kHints = DocumentHints::at("https://www.linkoping.se/nyheter/feed.json", "application/feed+json");

TEST(JsonFeed, ReadsVersion11IntoTheFieldsRssAndAtomFill) {
  const auto feed = parse_feed(read_testdata("jsonfeed11-basic.json"), kHints);
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_EQ(feed->version, "json11");
  EXPECT_FALSE(feed->bozo) << feed->bozo_reason;
  EXPECT_EQ(feed->encoding, "utf-8");
  EXPECT_EQ(feed->title.value, "Linköpings kommun – nyheter");
  EXPECT_EQ(feed->subtitle.value, "Nyheter från kommunen");
  EXPECT_EQ(feed->link, "https://www.linkoping.se/nyheter/");
  EXPECT_EQ(feed->language, "sv");
  EXPECT_EQ(feed->author, "Kommunikationsavdelningen");
  ASSERT_EQ(feed->entries.size(), 2u);

  const ParsedEntry& first = feed->entries[0];
  EXPECT_EQ(first.id, "https://www.linkoping.se/nyheter/budget-2027");
  EXPECT_EQ(first.link, "https://www.linkoping.se/nyheter/budget-2027") << "resolved against the document";
  EXPECT_EQ(first.title.value, "Budget 2027 antagen");
  EXPECT_EQ(first.summary.value, "Fullmäktige har antagit budgeten.");
  ASSERT_EQ(first.content.size(), 1u);
  EXPECT_EQ(first.content[0].type, "text/html");
  EXPECT_EQ(first.content[0].value.find("script"), std::string::npos) << first.content[0].value;
  EXPECT_NE(first.content[0].value.find("href=\"https://www.linkoping.se/protokoll\""), std::string::npos)
      << first.content[0].value;
  ASSERT_TRUE(first.published.value);
  EXPECT_EQ(first.published.raw, "2026-11-20T10:00:00+01:00");
  EXPECT_EQ(*first.published.value, core::TimePoint(std::chrono::sys_days(std::chrono::year{2026} / 11 / 20)) +
                                        std::chrono::hours(9));
  EXPECT_EQ(first.updated.raw, "2026-11-21T08:30:00Z");
  EXPECT_EQ(first.author, "Anna Andersson");
  ASSERT_EQ(first.tags.size(), 2u) << "the number 7 is no tag";
  EXPECT_EQ(first.tags[1].term, "fullmäktige");
  std::vector<Link> enclosures;
  for (const Link& link : first.links) {
    if (link.rel == "enclosure") enclosures.push_back(link);
  }
  ASSERT_EQ(enclosures.size(), 1u) << "a javascript: attachment is dropped";
  EXPECT_EQ(enclosures[0].href, "https://www.linkoping.se/filer/budget.pdf");
  EXPECT_EQ(enclosures[0].type, "application/pdf");
  EXPECT_EQ(enclosures[0].length, "123456");
  EXPECT_EQ(enclosures[0].title, "Budgeten");

  const ParsedEntry& second = feed->entries[1];
  ASSERT_EQ(second.content.size(), 1u);
  EXPECT_EQ(second.content[0].type, "text/plain");
  EXPECT_TRUE(second.summary.empty());
}

TEST(JsonFeed, ReadsVersion1WithItsSingleAuthorAndANumericId) {
  const auto feed = parse_feed(read_testdata("jsonfeed1-author.json"), DocumentHints::at("https://www.norrkoping.se/feed.json"));
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_EQ(feed->version, "json1");
  EXPECT_EQ(feed->author, "Norrköpings kommun");
  ASSERT_EQ(feed->entries.size(), 1u);
  EXPECT_EQ(feed->entries[0].id, "42");
  EXPECT_EQ(feed->entries[0].author, "Stadsbyggnadskontoret");
  ASSERT_TRUE(feed->entries[0].author_detail);
  EXPECT_TRUE(feed->entries[0].author_detail->href.empty());
}

TEST(JsonFeed, GivesTheSameItemsAsAnRssFeedWithTheSameContent) {
  const auto items = parse_items(read_testdata("jsonfeed11-basic.json"), kHints, "linkoping");
  ASSERT_TRUE(items) << items.error().message;
  ASSERT_EQ(items->items.size(), 2u);
  const core::Item& first = items->items[0];
  EXPECT_EQ(first.key, "https://www.linkoping.se/nyheter/budget-2027");
  EXPECT_EQ(first.title, "Budget 2027 antagen");
  EXPECT_EQ(first.summary, "Fullmäktige har antagit budgeten.");
  EXPECT_EQ(first.content, "Fullmäktige har antagit budgeten. Protokoll");
  const core::Item& second = items->items[1];
  EXPECT_EQ(second.key, "2");
  EXPECT_EQ(second.summary, "Skolvalet öppnar den 1 februari.") << "the text content stands in for a summary";

  const std::string rss = R"(<rss version="2.0"><channel><title>x</title>
<item><guid>https://www.linkoping.se/nyheter/budget-2027</guid><link>/nyheter/budget-2027</link>
<title>Budget 2027 antagen</title><description>Fullmäktige har antagit budgeten.</description>
<pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate></item></channel></rss>)";
  const auto from_rss = parse_items(rss, kHints, "linkoping");
  ASSERT_TRUE(from_rss);
  ASSERT_EQ(from_rss->items.size(), 1u);
  EXPECT_EQ(from_rss->items[0].key, first.key);
  EXPECT_EQ(from_rss->items[0].link, first.link);
  EXPECT_EQ(from_rss->items[0].canonical_link, first.canonical_link);
  EXPECT_EQ(from_rss->items[0].published, first.published);

  // The poll's one-pass path and parse_feed + normalize agree.
  const auto parsed = parse_feed(read_testdata("jsonfeed11-basic.json"), kHints);
  ASSERT_TRUE(parsed);
  const auto normalized = normalize(*parsed, "linkoping");
  ASSERT_EQ(normalized.size(), items->items.size());
  for (std::size_t i = 0; i < normalized.size(); ++i) {
    EXPECT_EQ(normalized[i].key, items->items[i].key);
    EXPECT_EQ(normalized[i].content, items->items[i].content);
  }
}

TEST(JsonFeed, PrintsAsTheNormalizedJsonOfOtherFeeds) {
  const auto feed = parse_feed(read_testdata("jsonfeed11-basic.json"), kHints);
  ASSERT_TRUE(feed);
  const nlohmann::json json = nlohmann::json::parse(to_json(*feed));
  EXPECT_EQ(json["version"], "json11");
  EXPECT_EQ(json["feed"]["title"], "Linköpings kommun – nyheter");
  const nlohmann::json& entry = json["entries"][0];
  EXPECT_EQ(entry["link"], "https://www.linkoping.se/nyheter/budget-2027");
  EXPECT_EQ(entry["published"], "2026-11-20T09:00:00Z");
  EXPECT_EQ(entry["enclosures"][0]["href"], "https://www.linkoping.se/filer/budget.pdf");
  EXPECT_EQ(entry["tags"][0]["term"], "budget");
  EXPECT_EQ(entry["authors"][0]["name"], "Anna Andersson");
}

std::string failure_of(const std::string& document) {
  const auto feed = parse_feed(document, kHints);
  return feed ? "parsed" : feed.error().message;
}

TEST(JsonFeed, RefusesWhatIsNotAJsonFeedSayingWhy) {
  EXPECT_EQ(failure_of(R"({"title": "x", "items": []})"),
            "not a feed: JSON without a JSON Feed \"version\" (https://jsonfeed.org/version/1.1)");
  EXPECT_EQ(failure_of(R"({"version": "https://example.org/version/1", "items": []})"),
            "not a feed: JSON without a JSON Feed \"version\" (https://jsonfeed.org/version/1.1)");
  EXPECT_EQ(failure_of(R"({"version": 1.1})"),
            "not a feed: JSON without a JSON Feed \"version\" (https://jsonfeed.org/version/1.1)");
  EXPECT_EQ(failure_of(R"({"version": "https://jsonfeed.org/version/1", "items": [)"),
            "not a feed: JSON syntax error at byte 57");
  EXPECT_EQ(failure_of(R"({"version": "https://jsonfeed.org/version/1", "n": 1e400})"),
            "not a feed: JSON that cannot be read (a number out of range)");
}

TEST(JsonFeed, RefusesNestingPastTheLimitWithoutBuildingIt) {
  const std::string deep = R"({"version": "https://jsonfeed.org/version/1.1", "items": [)" +
                           std::string(1'000'000, '[') + std::string(1'000'000, ']') + "]}";
  const std::string message = failure_of(deep);
  EXPECT_EQ(message, "not a feed: JSON nests arrays and objects more than 128 deep (at byte 185)");
  // Brackets inside strings do not count.
  const auto shallow = parse_feed(R"({"version": "https://jsonfeed.org/version/1.1", "title": ")" +
                                      std::string(1000, '[') + R"(", "items": []})", kHints);
  ASSERT_TRUE(shallow) << shallow.error().message;
}

TEST(JsonFeed, IgnoresFieldsOfTheWrongTypeAsIfAbsent) {
  const auto feed = parse_feed(R"({"version": "https://jsonfeed.org/version/1.1", "title": ["x"],
    "home_page_url": 5, "authors": "nobody", "items": [
      "a string", 7, null,
      {"id": {"x": 1}, "url": ["https://x.se/"], "title": 3, "content_html": {"a": "b"},
       "content_text": "Text", "summary": false, "date_published": 20261120, "tags": "budget",
       "attachments": {"url": "https://x.se/a.pdf"}, "authors": [5, {"name": 3}, {"name": "Ada"}]}
    ]})", kHints);
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_TRUE(feed->title.empty());
  EXPECT_TRUE(feed->link.empty());
  EXPECT_TRUE(feed->authors.empty());
  EXPECT_TRUE(feed->bozo);
  EXPECT_EQ(feed->bozo_reason, "3 of the \"items\" are not objects and are not read");
  ASSERT_EQ(feed->entries.size(), 1u);
  const ParsedEntry& entry = feed->entries[0];
  EXPECT_TRUE(entry.id.empty());
  EXPECT_TRUE(entry.link.empty());
  EXPECT_TRUE(entry.title.empty());
  ASSERT_EQ(entry.content.size(), 1u);
  EXPECT_EQ(entry.content[0].value, "Text");
  EXPECT_TRUE(entry.summary.empty());
  EXPECT_TRUE(entry.published.raw.empty());
  EXPECT_TRUE(entry.tags.empty());
  EXPECT_TRUE(entry.links.empty());
  ASSERT_EQ(entry.authors.size(), 1u);
  EXPECT_EQ(entry.authors[0].name, "Ada");
}

TEST(JsonFeed, SaysWhenTheItemsAreMissing) {
  const auto feed = parse_feed(R"({"version": "https://jsonfeed.org/version/1", "title": "Tom"})", kHints);
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_TRUE(feed->entries.empty());
  EXPECT_TRUE(feed->bozo);
  EXPECT_EQ(feed->bozo_reason, "a JSON Feed without an \"items\" array");
}

TEST(JsonFeed, FlagsAFeedThatIsNotUtf8) {
  std::string latin1 = R"({"version": "https://jsonfeed.org/version/1.1", "title": "Link)";
  latin1 += '\xF6';
  latin1 += R"(ping", "items": []})";
  const auto feed = parse_feed(latin1, DocumentHints::at("https://x.se/feed.json", "application/feed+json; charset=iso-8859-1"));
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_EQ(feed->title.value, "Linköping");
  EXPECT_TRUE(feed->bozo);
  EXPECT_NE(feed->bozo_reason.find("a JSON Feed must be UTF-8"), std::string::npos) << feed->bozo_reason;
}

}  // namespace
}  // namespace omvarld::feeds
