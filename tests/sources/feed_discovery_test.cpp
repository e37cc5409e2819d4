// Feed discovery on saved pages: the feeds a page advertises and links to,
// and the common locations tried when it names none. Pure; the fetching
// and parsing of each candidate is tested through `omvarld source
// discover` (discover_e2e_test.cpp).

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "sources/feed_discovery.h"

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

}  // namespace
}  // namespace omvarld::sources
