#include "feeds/normalize.h"

#include <gtest/gtest.h>

#include "core/dates.h"
#include "feeds/parser.h"
#include "tests/feeds/testdata.h"

namespace omvarld::feeds {
namespace {

ParsedEntry entry_with(std::string id, std::string link, std::string title, std::string date) {
  ParsedEntry entry;
  entry.id = std::move(id);
  entry.link = std::move(link);
  entry.title = Text{std::move(title), "text/plain"};
  entry.published = read_date(date);
  return entry;
}

ParsedFeed feed_of(std::vector<ParsedEntry> entries) {
  ParsedFeed feed;
  feed.entries = std::move(entries);
  return feed;
}

TEST(Normalize, IdentifiesAnItemByItsIdThenLinkThenHash) {
  const auto items = normalize(
      feed_of({entry_with("urn:x:1", "https://k.example/1", "Med id", ""),
               entry_with("", "https://k.example/2", "Bara länk", ""),
               entry_with("", "", "Varken id eller länk", "Tue, 03 Nov 2026 10:00:00 GMT")}),
      "ec-press");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].key, "urn:x:1");
  EXPECT_EQ(items[1].key, "https://k.example/2");
  // FNV-1a 64 of "Varken id eller länk\nTue, 03 Nov 2026 10:00:00 GMT", checked
  // against an independent implementation: a changed value re-keys stored items.
  EXPECT_EQ(items[2].key, "fnv1a64:a2a3ba05f82040fc");
  for (const core::Item& item : items) EXPECT_EQ(item.source, "ec-press");
}

TEST(Normalize, HashesTitleAndDateStably) {
  const auto first = normalize(feed_of({entry_with("", "", "Titel", "2026-11-03")}), "s");
  const auto again = normalize(feed_of({entry_with("", "", "Titel", "2026-11-03")}), "s");
  const auto other_date = normalize(feed_of({entry_with("", "", "Titel", "2026-11-04")}), "s");
  const auto other_title = normalize(feed_of({entry_with("", "", "Titeln", "2026-11-03")}), "s");
  EXPECT_EQ(first[0].key, again[0].key);
  EXPECT_NE(first[0].key, other_date[0].key);
  EXPECT_NE(first[0].key, other_title[0].key);
  EXPECT_TRUE(first[0].key.starts_with("fnv1a64:"));
  EXPECT_EQ(first[0].key.size(), 8u + 16u);
}

TEST(Normalize, IgnoresAnIdThatSeveralEntriesShare) {
  const auto items = normalize(feed_of({entry_with("https://k.example/", "https://k.example/1", "A", ""),
                                        entry_with("https://k.example/", "https://k.example/2", "B", ""),
                                        entry_with("urn:unique", "https://k.example/3", "C", "")}),
                               "s");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].key, "https://k.example/1");
  EXPECT_EQ(items[1].key, "https://k.example/2");
  EXPECT_EQ(items[2].key, "urn:unique");
}

TEST(Normalize, FillsTheCanonicalLink) {
  const auto items =
      normalize(feed_of({entry_with("urn:x:1", "https://SKR.se/a?utm_source=rss#top", "T", ""),
                         entry_with("urn:x:2", "", "Utan länk", "")}),
                "skr");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].link, "https://SKR.se/a?utm_source=rss#top");
  EXPECT_EQ(items[0].canonical_link, "https://skr.se/a");
  EXPECT_EQ(items[1].canonical_link, "");
}

struct IdentityCase {
  const char* name;
  ItemIdentity identity;
  ParsedEntry entry;
  std::string key;
};

TEST(Normalize, KeysAnItemAsTheSourceIdentitySays) {
  ParsedEntry with_summary = entry_with("urn:x:1", "https://skr.se/a", "Rubrik", "2026-11-03");
  with_summary.summary = Text{"<p>Kort   text</p>", "text/html"};
  const IdentityCase cases[] = {
      {"id: the entry id", ItemIdentity::kId,
       entry_with("urn:x:1", "https://skr.se/a?utm_source=x", "T", ""), "urn:x:1"},
      {"link: the canonical link, not the id", ItemIdentity::kLink,
       entry_with("urn:x:1", "https://SKR.se/a?utm_source=x", "T", ""), "https://skr.se/a"},
      {"link without a link: the id as for id", ItemIdentity::kLink,
       entry_with("urn:x:1", "", "T", ""), "urn:x:1"},
      {"link without link or id: the hash of title and date", ItemIdentity::kLink,
       entry_with("", "", "Varken id eller länk", "Tue, 03 Nov 2026 10:00:00 GMT"),
       "fnv1a64:a2a3ba05f82040fc"},
      // FNV-1a 64 of "Rubrik\nKort text": title and summary as plain text.
      {"content: a hash of title and summary text", ItemIdentity::kContent, with_summary,
       "content:0dbce20ac8e3976d"},
  };
  for (const IdentityCase& c : cases) {
    SCOPED_TRACE(c.name);
    const auto items = normalize(feed_of({c.entry}), "skr", c.identity);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].key, c.key);
  }
}

TEST(Normalize, KeysByContentRegardlessOfIdLinkDateAndMarkup) {
  ParsedEntry first = entry_with("urn:a", "https://skr.se/a", "Rubrik", "2026-11-03");
  first.summary = Text{"<b>Kort</b> text", "text/html"};
  ParsedEntry rotated = entry_with("urn:b", "https://skr.se/b", "Rubrik", "2026-11-09");
  rotated.summary = Text{"Kort text", "text/plain"};
  ParsedEntry edited = first;
  edited.title = Text{"Ny rubrik", "text/plain"};
  const auto items = normalize(feed_of({first, rotated, edited}), "skr", ItemIdentity::kContent);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].key, items[1].key);
  EXPECT_NE(items[0].key, items[2].key);
}

TEST(Normalize, TurnsHtmlFieldsIntoTextAndKeepsPlainTextAsWritten) {
  auto parsed = parse_feed(testing::read_testdata("rss20-basic.xml"), {});
  ASSERT_TRUE(parsed);
  const auto items = normalize(*parsed, "eu-kontoret");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].title, "Erasmus+ öppnar ny utlysning");
  EXPECT_EQ(items[0].link, "https://example.se/nyheter/erasmus");
  EXPECT_EQ(items[0].summary, "Skolor kan söka bidrag.");
  EXPECT_EQ(items[0].content, "Hela texten om Erasmus+.");
  ASSERT_TRUE(items[0].published);
  EXPECT_EQ(core::format_rfc3339(*items[0].published), "2026-11-02T08:30:00Z");

  ParsedEntry plain;
  plain.title = Text{"  a &lt;b&gt;\n  title  ", "text/plain"};
  EXPECT_EQ(normalize(feed_of({plain}), "s")[0].title, "a &lt;b&gt; title");
}

TEST(Normalize, FallsBackToContentForSummaryAndToUpdatedForPublished) {
  ParsedEntry entry;
  entry.content.push_back(Text{"<p>Bara innehåll</p>", "text/html"});
  entry.updated = read_date("2026-11-03T10:00:00Z");
  const auto items = normalize(feed_of({entry}), "s");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].summary, "Bara innehåll");
  EXPECT_EQ(items[0].content, "Bara innehåll");
  ASSERT_TRUE(items[0].published);
  EXPECT_EQ(core::format_rfc3339(*items[0].published), "2026-11-03T10:00:00Z");
}

TEST(Normalize, ReadsXhtmlContentAsHtml) {
  auto parsed = parse_feed(testing::read_testdata("atom10-basic.xml"), {});
  ASSERT_TRUE(parsed);
  const auto items = normalize(*parsed, "skr");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].title, "Budget & ekonomi");
  EXPECT_EQ(items[0].summary, "Kort om budgeten");
  EXPECT_EQ(items[0].content, "Lång text");
}

}  // namespace
}  // namespace omvarld::feeds
