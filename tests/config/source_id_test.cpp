// propose_source_id: the id `source discover` writes into the [[source]]
// block it prints, which check-config must accept as it is.

#include <string>

#include <gtest/gtest.h>

#include "config/source_id.h"

namespace omvarld::config {
namespace {

TEST(ProposeSourceId, WritesTheTitleAsAnIdWithoutSwedishMarks) {
  EXPECT_EQ(propose_source_id("EU-kontoret – nyheter", "https://x.se/"), "eu-kontoret-nyheter");
  EXPECT_EQ(propose_source_id("Linköpings kommun: Äldrenämnden & Överförmyndaren", "https://x.se/"),
            "linkopings-kommun-aldrenamnden");
  EXPECT_EQ(propose_source_id("  Nyheter 2026!  ", "https://x.se/"), "nyheter-2026");
  EXPECT_EQ(propose_source_id("Café Été", "https://x.se/"), "cafe-ete");
}

TEST(ProposeSourceId, CutsALongTitleAtAWord) {
  const std::string id = propose_source_id(
      "Regeringskansliet pressmeddelanden från Socialdepartementet om välfärd", "https://x.se/");
  EXPECT_EQ(id, "regeringskansliet-pressmeddelanden-fran");
  EXPECT_LE(id.size(), kMaxProposedId);
  EXPECT_EQ(propose_source_id(std::string(60, 'a'), "https://x.se/"), std::string(kMaxProposedId, 'a'));
}

TEST(ProposeSourceId, FallsBackToTheHostThenToFeed) {
  EXPECT_EQ(propose_source_id("", "https://www.linkoping.se/nyheter/rss"), "linkoping-se");
  EXPECT_EQ(propose_source_id("Новости", "https://user@news.example.eu:8443/feed"), "news-example-eu");
  EXPECT_EQ(propose_source_id("–", "file:///tmp/rss.xml"), "feed");
}

}  // namespace
}  // namespace omvarld::config
