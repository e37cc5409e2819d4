// Full-text search over stored items (ItemStore::search) and the query
// syntax behind it (storage/search_query.h), on an in-memory database.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "storage/item_store.h"
#include "storage/search_query.h"
#include "storage/test_entry_points.h"
#include "tests/storage/store_test_support.h"

namespace omvarld::storage {
namespace {

using testing::at;
using testing::match;
using testing::ok_poll;

const core::NamndId kUtbildning = "linkoping/utbildning";
const core::NamndId kMiljo = "norrkoping/miljo";

core::Item text_item(const std::string& key, const std::string& title,
                     const std::string& summary, const std::string& content = "") {
  core::Item made = testing::item("ec-press", key, at(1000));
  made.title = title;
  made.summary = summary;
  made.content = content;
  return made;
}

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = ItemStore::open(":memory:");
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<ItemStore>(std::move(*opened));
    const std::vector<SourceRecord> sources = {
        {"ec-press", "EC press", "https://ec.example.eu/rss"}};
    ASSERT_TRUE(store_->sync_sources(sources));
  }

  void store(const std::vector<ClassifiedItem>& items, core::TimePoint when = at(5000)) {
    auto stored =
        storage::testing::store_classified_poll(*store_, "ec-press", items, ok_poll(when));
    ASSERT_TRUE(stored) << stored.error().message;
  }

  // The keys of the items `text` finds, best first.
  std::vector<std::string> found(const std::string& text, SearchQuery query = {}) {
    query.text = text;
    auto hits = store_->search(query);
    EXPECT_TRUE(hits) << text << ": " << hits.error().message;
    std::vector<std::string> keys;
    for (const SearchHit& hit : hits.value_or(std::vector<SearchHit>{})) {
      keys.push_back(hit.stored.item.key);
    }
    return keys;
  }

  std::unique_ptr<ItemStore> store_;
};

using Keys = std::vector<std::string>;

TEST_F(SearchTest, KeepsSwedishLettersDistinctFromAAndO) {
  store({{text_item("sv", "Förskolorna får mer pengar", "Regeringen satsar på läsning"), {}},
         {text_item("ascii", "Forskolorna", "Lasning och sma barn"), {}}});
  EXPECT_EQ(found("förskolorna"), Keys{"sv"});
  EXPECT_EQ(found("forskolorna"), Keys{"ascii"});
  EXPECT_EQ(found("läsning"), Keys{"sv"});
  EXPECT_EQ(found("lasning"), Keys{"ascii"});
}

TEST_F(SearchTest, IgnoresCaseAlsoOfSwedishLetters) {
  store({{text_item("a", "ÅTGÄRDER MOT ÖVERGÖDNING", "Åtgärdsprogram för Östersjön"), {}}});
  EXPECT_EQ(found("åtgärder"), Keys{"a"});
  EXPECT_EQ(found("ÖSTERSJÖN"), Keys{"a"});
  EXPECT_EQ(found("Övergödning"), Keys{"a"});
}

TEST_F(SearchTest, RequiresEveryWordUnlessOrIsGiven) {
  store({{text_item("both", "Social ekonomi i regionen", "Stöd till föreningar"), {}},
         {text_item("one", "Ekonomi och budget", "Kommunens ekonomi"), {}}});
  EXPECT_EQ(found("ekonomi föreningar"), Keys{"both"});
  EXPECT_EQ(found("ekonomi OCH föreningar"), Keys{"both"});
  EXPECT_EQ(found("budget OR föreningar").size(), 2U);
  EXPECT_EQ(found("budget ELLER föreningar").size(), 2U);
  EXPECT_EQ(found("ekonomi NOT budget"), Keys{"both"});
  EXPECT_EQ(found("ekonomi INTE föreningar"), Keys{"one"});
}

TEST_F(SearchTest, MatchesAPhraseOnlyInItsOrder) {
  store({{text_item("phrase", "Ny strategi för social ekonomi", ""), {}},
         {text_item("apart", "Ekonomi med social inriktning", ""), {}}});
  EXPECT_EQ(found("\"social ekonomi\""), Keys{"phrase"});
  EXPECT_EQ(found("social ekonomi").size(), 2U);
}

TEST_F(SearchTest, MatchesWordsStartingWithAPrefix) {
  store({{text_item("skolan", "Skolan och digitaliseringen", ""), {}},
         {text_item("skolverket", "Skolverket publicerar statistik", ""), {}},
         {text_item("forskolan", "Förskolan växer", ""), {}}});
  EXPECT_EQ(found("skol*").size(), 2U);
  EXPECT_EQ(found("skol"), Keys{});
  EXPECT_EQ(found("\"skolan och digital\"*"), Keys{"skolan"});
}

// Forms as app/item_search.h gives them: here a fixed table.
std::vector<SearchForm> fixed_forms(std::string_view word) {
  if (word == "äldreomsorg") return {{"äldreomsorg", true}};
  if (word == "förskola") return {{"förskol", true}, {"förskola", false}};
  if (word == "man") return {{"män", false}};
  return {};
}

TEST_F(SearchTest, SearchesAPlainWordAlsoInItsForms) {
  store({{text_item("inflected", "Äldreomsorgen i Linköping", ""), {}},
         {text_item("compound", "Nya äldreomsorgsnämnden", ""), {}},
         {text_item("plural", "Förskolornas lokaler", ""), {}},
         {text_item("irregular", "Fler män i förskolan", ""), {}},
         {text_item("other", "Omsorg om äldre", ""), {}}});
  SearchQuery with_forms;
  with_forms.forms = fixed_forms;
  EXPECT_EQ(found("äldreomsorg", with_forms).size(), 2U);
  EXPECT_EQ(found("äldreomsorg"), Keys{}) << "without forms, the word as written";
  EXPECT_EQ(found("förskola", with_forms).size(), 2U);
  EXPECT_EQ(found("man förskola", with_forms), Keys{"irregular"});
  // Quoted and starred words are searched as written.
  EXPECT_EQ(found("\"äldreomsorg\"", with_forms), Keys{});
  EXPECT_EQ(found("äldreomsorgs*", with_forms), Keys{"compound"});
  EXPECT_EQ(found("förskola NOT män", with_forms), Keys{"plural"});
}

TEST_F(SearchTest, TranslatesAWordWithFormsIntoAnOrGroup) {
  auto query = to_fts5_query("förskola NOT \"man\" lag", fixed_forms);
  ASSERT_TRUE(query) << query.error().message;
  EXPECT_EQ(*query, "(\"förskola\" OR \"förskol\"*) NOT \"man\" AND \"lag\"");
  // At most kMaxSearchForms forms of one word.
  const SearchForms many = [](std::string_view) {
    std::vector<SearchForm> forms;
    for (int i = 0; i < 20; ++i) forms.push_back({"f" + std::to_string(i), false});
    return forms;
  };
  auto capped = to_fts5_query("ord", many);
  ASSERT_TRUE(capped);
  EXPECT_NE(capped->find("\"f5\""), std::string::npos);
  EXPECT_EQ(capped->find("\"f6\""), std::string::npos) << *capped;
}

TEST_F(SearchTest, RanksATitleMatchAboveOneInTheText) {
  // The text item mentions the word more often, but only in its content.
  store({{text_item("text", "Veckans nyheter", "Kort om allt",
                    "Interreg Interreg Interreg och mycket annat om regionen"),
          {}},
         {text_item("title", "Interreg öppnar ny utlysning", "Kort om utlysningen",
                    "Lång text om regionalt samarbete"),
          {}}});
  EXPECT_EQ(found("interreg"), (Keys{"title", "text"}));
}

// A common word matches half the store: only the newest matches are ranked,
// so a search costs the same at a million items as at a thousand. The
// filters apply before the cut, so a narrowed search still finds its items.
TEST_F(SearchTest, RanksOnlyTheNewestMatchesAfterTheFilters) {
  store({{text_item("oldest", "Interreg Interreg", ""), {match(kUtbildning, {"interreg"})}}},
        at(1000));
  store({{text_item("middle", "Om Interreg", "en rad"), {match(kMiljo, {"interreg"})}}}, at(2000));
  store({{text_item("newest", "Om Interreg", "en annan rad"), {match(kMiljo, {"interreg"})}}},
        at(3000));

  const Keys everything = found("interreg");
  ASSERT_EQ(everything.size(), 3U);
  EXPECT_EQ(everything.front(), "oldest");  // the best: in the title, twice
  SearchQuery two_newest;
  two_newest.candidates = 2;
  Keys newest = found("interreg", two_newest);
  std::sort(newest.begin(), newest.end());
  EXPECT_EQ(newest, (Keys{"middle", "newest"}));
  SearchQuery utbildning = two_newest;
  utbildning.namnd = kUtbildning;
  EXPECT_EQ(found("interreg", utbildning), Keys{"oldest"});
}

TEST_F(SearchTest, FiltersByNamndAndFirstSeen) {
  store({{text_item("old-school", "Skolan förr", ""), {match(kUtbildning, {"skola"})}}}, at(1000));
  store({{text_item("new-school", "Skolan nu", ""), {match(kUtbildning, {"skola"})}},
         {text_item("new-env", "Skolan och miljön", ""), {match(kMiljo, {"miljö"})}}},
        at(9000));

  SearchQuery utbildning;
  utbildning.namnd = kUtbildning;
  EXPECT_EQ(found("skolan", utbildning).size(), 2U);
  SearchQuery recent;
  recent.since = at(5000);
  EXPECT_EQ(found("skolan", recent).size(), 2U);
  SearchQuery both = utbildning;
  both.since = at(5000);
  EXPECT_EQ(found("skolan", both), Keys{"new-school"});
}

TEST_F(SearchTest, ShowsASnippetWithTheMatchInBrackets) {
  store({{text_item("a", "Veckans nyheter", "Regeringen vill att förskolan ska få mer resurser"),
          {}}});
  SearchQuery query;
  query.text = "förskolan";
  auto hits = store_->search(query);
  ASSERT_TRUE(hits) << hits.error().message;
  ASSERT_EQ(hits->size(), 1U);
  EXPECT_EQ((*hits)[0].snippet, "Regeringen vill att [förskolan] ska få mer resurser");
}

TEST_F(SearchTest, NeverPassesFts5SyntaxToSqlite) {
  store({{text_item("a", "Skolan: NEAR och fjärran (del 1)", "title:skolan med \"citat\""), {}}});
  struct Case {
    const char* name;
    const char* text;
    Keys expected;
  };
  const Case kCases[] = {
      {"dangling AND and parenthesis", "skolan AND (", {"a"}},
      {"unbalanced quote", "\"skolan med", {"a"}},
      {"quote inside a word", "sko\"lan", {}},
      {"NEAR group", "NEAR(skolan fjärran, 1)", {"a"}},
      {"column filter", "title:skolan", {"a"}},
      {"column filter on a missing column", "nosuchcolumn:skolan", {}},
      {"caret and plus", "^skolan +fjärran", {"a"}},
      {"braces", "{title}: citat", {"a"}},
      {"stars alone", "skolan * **", {"a"}},
      {"leading star", "*skolan", {"a"}},
      {"or at both ends", "OR skolan OR", {"a"}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(found(c.text), c.expected);
  }
}

TEST_F(SearchTest, RejectsAQueryWithNothingToSearchFor) {
  struct Case {
    const char* name;
    const char* text;
    const char* message;
  };
  const Case kCases[] = {
      {"empty", "", "search: the query has no word to search for"},
      {"blank", "   \t", "search: the query has no word to search for"},
      {"punctuation", "( ) : * \"\"", "search: the query has no word to search for"},
      {"operators only", "AND OR", "search: the query has no word to search for"},
      {"leading NOT", "NOT högskola",
       "search: NOT needs a word or phrase before it, as in: skola NOT högskola"},
      {"leading INTE", "INTE högskola",
       "search: NOT needs a word or phrase before it, as in: skola NOT högskola"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    SearchQuery query;
    query.text = c.text;
    auto hits = store_->search(query);
    ASSERT_FALSE(hits);
    EXPECT_EQ(hits.error().code, Errc::kInvalidQuery);
    EXPECT_EQ(hits.error().message, c.message);
  }
}

std::string repeated(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

// search_fuzzer: a NUL ended FTS5's string early, and the rest of the
// translation was an FTS5 syntax error (tests/testdata/fuzz/search/).
TEST_F(SearchTest, ReadsControlCharactersAsSpaces) {
  store({{text_item("a", "Skola för hög och låg", "Sokla"), {}}});
  const std::string kNul("\0", 1);
  struct Case {
    const char* name;
    std::string text;
    std::string translation;
  };
  const Case kCases[] = {
      {"the fuzzer's finding", "skola a b) tiNOT h\xC3\xB6g" + kNul + kNul + kNul + "sokla",
       "\"skola\" AND \"a\" AND \"b\" AND \"tiNOT\" AND \"h\xC3\xB6g\" AND \"sokla\""},
      {"a NUL inside a phrase", "\"skola" + kNul + "hög\"", "\"skola hög\""},
      {"tab, escape and delete", "skola\t\x1B\x7Fhög", "\"skola\" AND \"hög\""},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    auto translated = to_fts5_query(c.text);
    ASSERT_TRUE(translated) << translated.error().message;
    EXPECT_EQ(*translated, c.translation);
    SearchQuery query;
    query.text = c.text;
    auto hits = store_->search(query);
    EXPECT_TRUE(hits) << hits.error().message;
  }
}

// snippet() grows faster than the number of terms: 4,000 "e*" took 14.6 s.
TEST_F(SearchTest, RejectsMoreThan16WordsAndPhrases) {
  store({{text_item("a", "Energi och ekonomi i Europa", "Erasmus+ och export"), {}}});
  const std::string kTooMany = "search: the query has more than 16 words and phrases; use at most 16";
  struct Case {
    const char* name;
    std::string text;
    std::string outcome;  // the keys found, or the message
  };
  const Case kCases[] = {
      {"16 prefixes", repeated("e* ", 16), "a"},
      {"16 phrases and words with operators", repeated("\"energi och\" OR ekonomi ", 8), "a"},
      {"17 prefixes", repeated("e* ", 17), kTooMany},
      {"4,000 prefixes", repeated("e* ", 4000), kTooMany},
      {"17 alternatives", repeated("energi OR ", 16) + "europa", kTooMany},
      {"operators and punctuation do not count", repeated("energi AND ( ) : ", 16), "a"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    SearchQuery query;
    query.text = c.text;
    auto hits = store_->search(query);
    std::string outcome = hits ? "" : hits.error().message;
    for (const SearchHit& hit : hits.value_or(std::vector<SearchHit>{})) outcome += hit.stored.item.key;
    EXPECT_EQ(outcome, c.outcome);
    if (!hits) {
      EXPECT_EQ(hits.error().code, Errc::kInvalidQuery);
    }
  }
}

TEST(SearchQuery, QuotesEveryWordAndKeepsOnlyTheOperatorsItKnows) {
  struct Case {
    const char* name;
    const char* text;
    const char* fts5;
  };
  const Case kCases[] = {
      {"words", "skola förskola", "\"skola\" AND \"förskola\""},
      {"phrase", "\"social ekonomi\" EU", "\"social ekonomi\" AND \"EU\""},
      {"prefix word", "skol*", "\"skol\"*"},
      {"prefix phrase", "\"social ekon\"*", "\"social ekon\"*"},
      {"or", "a OR b", "\"a\" OR \"b\""},
      {"swedish operators", "a ELLER b OCH c INTE d",
       "\"a\" OR \"b\" AND \"c\" NOT \"d\""},
      {"lower case is a word", "forskning och innovation or not",
       "\"forskning\" AND \"och\" AND \"innovation\" AND \"or\" AND \"not\""},
      {"NEAR is a word", "NEAR(a b)", "\"NEAR\" AND \"a\" AND \"b\""},
      {"column is text", "title:a", "\"title:a\""},
      {"punctuation only words dropped", "a ( ) - b", "\"a\" AND \"b\""},
      {"dangling operators dropped", "OR a AND", "\"a\""},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    auto query = to_fts5_query(c.text);
    ASSERT_TRUE(query) << query.error().message;
    EXPECT_EQ(*query, c.fts5);
  }
}

}  // namespace
}  // namespace omvarld::storage
