// Feed discovery on saved pages: the feeds a page advertises and links to,
// the common locations tried when it names none, and each candidate read as
// the poll reads a feed. Pure; the fetching of each candidate is tested
// through `omvarld source discover` (discover_e2e_test.cpp).

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "sources/feed_discovery.h"
#include "sources/source_items.h"

namespace omvarld::sources {
namespace {

std::string read_page(std::string_view name) {
  std::ifstream in(std::string(OMVARLD_SOURCE_DIR) + "/tests/testdata/pages/" + std::string(name),
                   std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> urls_of(const std::vector<FeedCandidate>& candidates) {
  std::vector<std::string> urls;
  for (const FeedCandidate& candidate : candidates) urls.push_back(candidate.url);
  return urls;
}

TEST(FeedsOnPage, ListsAdvertisedFeedsThenLinksThatLookLikeFeeds) {
  const auto found =
      feeds_on_page(read_page("mitt-eu-kontor.html"), "https://eukontor.example.se/nyheter/");
  ASSERT_EQ(found.size(), 4u) << testing::PrintToString(urls_of(found));

  EXPECT_EQ(found[0].url, "https://eukontor.example.se/nyheter/rss.xml");
  EXPECT_EQ(found[0].found_by, FoundBy::kLinkAlternate);
  EXPECT_EQ(found[0].type, "application/rss+xml");
  EXPECT_EQ(found[0].title, "EU-kontoret – nyheter");

  EXPECT_EQ(found[1].url, "https://eukontor.example.se/evenemang/atom");
  EXPECT_EQ(found[1].type, "application/atom+xml");

  EXPECT_EQ(found[2].url, "https://eukontor.example.se/kommentarer/rss.xml");
  EXPECT_EQ(found[2].found_by, FoundBy::kLinkAlternate);

  // /nyheter/rss.xml is linked too, but already listed; mailto and "Om oss" are no feeds.
  EXPECT_EQ(found[3].url, "https://eukontor.example.se/press/rss_sv");
  EXPECT_EQ(found[3].found_by, FoundBy::kAnchor);
  EXPECT_EQ(found[3].title, "Pressmeddelanden (RSS)");
}

TEST(FeedsOnPage, FindsNothingOnAPageWithoutFeedsOrInSomethingElse) {
  EXPECT_TRUE(feeds_on_page(read_page("kommun-nyheter.html"), "https://x.example.se/").empty());
  EXPECT_TRUE(feeds_on_page("", "https://x.example.se/").empty());
  EXPECT_TRUE(feeds_on_page("{\"not\": \"html\"}", "https://x.example.se/").empty());
}

TEST(FeedsOnPage, ResolvesAgainstTheBaseHrefAndTakesJsonFeed) {
  const auto found = feeds_on_page(
      "<head><base href='https://cdn.example.eu/sv/'>"
      "<link rel='alternate feed' type='application/feed+json' href='feed.json'></head>",
      "https://www.example.eu/sv/nyheter");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].url, "https://cdn.example.eu/sv/feed.json");
}

TEST(CommonFeedLocations, TriesThePagesOwnPathThenTheSiteRoot) {
  EXPECT_EQ(urls_of(common_feed_locations("https://cor.example.eu/en/news?page=2")),
            (std::vector<std::string>{
                "https://cor.example.eu/en/news/feed/",
                "https://cor.example.eu/en/news/rss",
                "https://cor.example.eu/en/news/rss.xml",
                "https://cor.example.eu/en/news/rss_sv",
                "https://cor.example.eu/en/news/rss_en",
                "https://cor.example.eu/feed/",
                "https://cor.example.eu/rss",
                "https://cor.example.eu/rss.xml",
                "https://cor.example.eu/feed.xml",
                "https://cor.example.eu/atom.xml",
                "https://cor.example.eu/index.xml",
                "https://cor.example.eu/?feed=rss2",
                "https://cor.example.eu/rss_sv",
                "https://cor.example.eu/rss/sv",
                "https://cor.example.eu/sv/rss",
            }));
}

TEST(CommonFeedLocations, TriesOnlyTheRootForTheSiteRootAndNothingForAFile) {
  const auto root = common_feed_locations("https://skr.example.se/");
  ASSERT_EQ(root.size(), 10u);
  EXPECT_EQ(root[0].url, "https://skr.example.se/feed/");
  EXPECT_EQ(root[0].found_by, FoundBy::kCommonPath);
  EXPECT_TRUE(common_feed_locations("file:///home/samordnare/sidan.html").empty());
}

// A candidate is a feed exactly when the poll reads it as one: the same
// document through read_candidate and through a kind = "feed" source.
TEST(ReadCandidate, RecommendsOnlyWhatThePollCanRead) {
  config::SourceConfig source;
  source.id = "kandidat";
  source.kind = config::SourceKind::kFeed;
  const auto polled = [&](const std::string& body, const std::string& type) {
    net::FetchOutcome fetched;
    fetched.key = source.id;
    fetched.url = "https://kommun.example.se/feed";
    fetched.status = net::FetchStatus::kOk;
    fetched.body = body;
    fetched.content_type = type;
    return items_from_document(source, fetched);
  };

  const std::string rss =
      "<rss version=\"2.0\"><channel><title>Kommunen &amp; nämnderna</title>"
      "<item><title>Budget</title><link>https://kommun.example.se/1</link></item></channel></rss>";
  auto feed = read_candidate(rss, "https://kommun.example.se/feed", "application/rss+xml");
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_EQ(feed->version, "rss20");
  EXPECT_EQ(feed->title, "Kommunen & nämnderna");
  EXPECT_EQ(feed->items, 1u);
  EXPECT_TRUE(polled(rss, "application/rss+xml"));

  // JSON Feed 1.1: read by the poll, so recommended too.
  const std::string json_feed =
      R"({"version": "https://jsonfeed.org/version/1.1", "title": "Kommunen",
          "items": [{"id": "1", "url": "https://kommun.example.se/1", "title": "Budget"}]})";
  auto json = read_candidate(json_feed, "https://kommun.example.se/feed.json", "application/feed+json");
  ASSERT_TRUE(json) << json.error().message;
  EXPECT_EQ(json->version, "json11");
  EXPECT_EQ(json->items, 1u);
  auto json_polled = polled(json_feed, "application/feed+json");
  ASSERT_TRUE(json_polled);

  // JSON that is no JSON Feed (an API's answer): refused by both alike.
  const std::string api = R"({"data": [{"title": "Budget"}]})";
  auto not_read = read_candidate(api, "https://kommun.example.se/api", "application/json");
  ASSERT_FALSE(not_read);
  EXPECT_EQ(not_read.error().kind, core::FailureKind::kNotAFeed);
  auto not_polled = polled(api, "application/json");
  ASSERT_FALSE(not_polled);
  EXPECT_EQ(not_polled.error().kind, core::FailureKind::kNotAFeed);
  EXPECT_EQ(not_read.error().message, not_polled.error().message);
}

}  // namespace
}  // namespace omvarld::sources
