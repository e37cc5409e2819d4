#include "filters/matcher.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace omvarld::filters {
namespace {

// Every term sits at test.toml:3:10 (its opening quote), so a problem after
// k characters of the term is reported at column 11 + k.
Term term(std::string text) { return Term{std::move(text), FilePos{"test.toml", 3, 10}}; }

std::vector<Term> terms(std::vector<std::string> texts) {
  std::vector<Term> out;
  for (std::string& text : texts) out.push_back(term(std::move(text)));
  return out;
}

core::Item item(std::string source, std::string title, std::string summary = "", std::string content = "") {
  core::Item out;
  out.source = std::move(source);
  out.title = std::move(title);
  out.summary = std::move(summary);
  out.content = std::move(content);
  return out;
}

std::vector<std::string> messages(const std::vector<Error>& errors) {
  std::vector<std::string> out;
  for (const Error& error : errors) out.push_back(to_string(error));
  return out;
}

// The examples of docs/reference.md, "[[topic]]" and "[[namnd]]".
std::vector<TopicSpec> design_topics() {
  return {TopicSpec{"eu-finansiering",
                    terms({"utlysning", "\"call for proposals\"", "Erasmus+", "Interreg", "horisont*"}),
                    terms({"\"stängd utlysning\""})}};
}

std::vector<FilterSpec> design_namnder() {
  FilterSpec utbildning;
  utbildning.namnd = "linkoping/utbildning";
  utbildning.sources = {"skr", "ec-press"};
  utbildning.topics = {"eu-finansiering"};
  utbildning.any = terms({"förskola", "grundskola", "skol*", "\"vuxenutbildning\""});
  utbildning.none = terms({"högskola*"});
  utbildning.query = term("digitalisering AND (skola OR utbildning)");
  return {utbildning};
}

Matcher design_matcher() {
  auto matcher = Matcher::compile(design_topics(), design_namnder());
  EXPECT_TRUE(matcher) << (matcher ? "" : messages(matcher.error()).front());
  return std::move(*matcher);
}

// The decisions alone, without the words found (tested on their own below).
std::vector<core::Match> decisions(std::vector<core::Match> matches) {
  for (core::Match& match : matches) match.found_words.clear();
  return matches;
}

// term → the words it found, for one match.
std::vector<std::pair<std::string, std::vector<std::string>>> found_by_term(const core::Match& match) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (std::size_t i = 0; i < match.terms.size(); ++i) {
    out.emplace_back(match.terms[i], i < match.found_words.size() ? match.found_words[i] : std::vector<std::string>{});
  }
  return out;
}

struct NamndCase {
  const char* name;
  core::Item item;
  std::vector<core::Match> namnder;
};

TEST(Matcher, DecidesNamnderByTermsQueryTopicsNoneAndSources) {
  const std::string namnd = "linkoping/utbildning";
  const NamndCase cases[] = {
      {"own term", item("skr", "Mer pengar till förskola"), {{namnd, {"förskola"}, {}, {"förskola"}}}},
      {"own prefix term", item("skr", "Skolverket informerar"), {{namnd, {"skol*"}, {}, {"skol*"}}}},
      {"query", item("skr", "Digitalisering i utbildning"), {{namnd, {"digitalisering", "utbildning"}, {}, {"digitalisering", "utbildning"}}}},
      {"query half true", item("skr", "Digitalisering i vården"), {}},
      {"through a topic", item("ec-press", "Ny utlysning"), {{namnd, {"utlysning"}, {"eu-finansiering"}, {"utlysning"}}}},
      {"topic none suppresses the topic", item("ec-press", "Stängd utlysning"), {}},
      {"namnd none", item("skr", "Förskola och högskolan"), {}},
      {"namnd none also stops a topic", item("skr", "Högskolan får en ny utlysning"), {}},
      {"other source", item("ep-news", "Mer pengar till förskola"), {}},
      {"summary and content count", item("skr", "Nyhet", "om vuxenutbildning", "och Erasmus+"),
       {{namnd, {"\"vuxenutbildning\"", "Erasmus+"}, {"eu-finansiering"}, {}}}},
      {"terms in config order: any, query, topics",
       item("skr", "Ny utlysning: digitalisering i skola och förskola"),
       {{namnd, {"förskola", "skol*", "digitalisering", "skola", "utlysning"}, {"eu-finansiering"}, {"förskola", "skol*", "digitalisering", "skola", "utlysning"}}}},
      {"nothing", item("skr", "Budgetpropositionen"), {}},
  };
  const Matcher matcher = design_matcher();
  for (const NamndCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(decisions(matcher.classify(c.item).namnder), c.namnder);
  }
}

struct ExclusionCase {
  const char* name;
  core::Item item;
  SourceRule rule;
  std::vector<Exclusion> excluded;
};

TEST(Matcher, SaysWhatKeepsOutANamndThatATermWouldBringTheItemTo) {
  const std::string namnd = "linkoping/utbildning";
  const std::vector<core::SourceId> sources{"ec-press", "skr"};
  const auto kItem = SourceRule::kItemSource;
  const ExclusionCase cases[] = {
      {"its none term, with the word found", item("skr", "Förskola och högskolan"), kItem,
       {{namnd, {"förskola"}, {}, {{std::nullopt, "högskola*", "högskolan"}}}}},
      {"a topic's none phrase, its words found", item("ec-press", "Stängd utlysning"), kItem,
       {{namnd, {"utlysning"}, {}, {{"eu-finansiering", "\"stängd utlysning\"", "stängd utlysning"}}}}},
      {"another source", item("ep-news", "Mer pengar till förskola"), kItem,
       {{namnd, {"förskola"}, sources, {}}}},
      {"another source, any source taken", item("ep-news", "Mer pengar till förskola"), SourceRule::kAnySource, {}},
      {"a topic's none does not count when its own term brings it",
       item("ep-news", "Högskolan: stängd utlysning om förskola"), kItem,
       {{namnd, {"förskola", "utlysning"}, sources, {{std::nullopt, "högskola*", "högskolan"}}}}},
      {"its own term beside a blocked topic: it gets the item", item("skr", "Förskola: stängd utlysning"), kItem, {}},
      {"a query half true brings nothing", item("skr", "Digitalisering i vården"), kItem, {}},
      {"it gets the item", item("skr", "Mer pengar till förskola"), kItem, {}},
  };
  const Matcher matcher = design_matcher();
  for (const ExclusionCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(matcher.exclusions(c.item, c.rule), c.excluded);
  }
}

TEST(Matcher, SaysWhyNotForANegativeQueryWithoutATerm) {
  FilterSpec rest{"n/rest", {}, {}, {}, terms({"budget"}), term("NOT skola")};
  auto matcher = Matcher::compile({}, std::vector<FilterSpec>{rest});
  ASSERT_TRUE(matcher);
  EXPECT_EQ(matcher->exclusions(item("s", "Budget"), SourceRule::kItemSource),
            (std::vector<Exclusion>{{"n/rest", {}, {}, {{std::nullopt, "budget", "budget"}}}}));
  EXPECT_TRUE(matcher->exclusions(item("s", "Skola och budget"), SourceRule::kItemSource).empty());
}

TEST(Matcher, ListsMatchingTopicsWhateverTheSource) {
  const Matcher matcher = design_matcher();
  const Classification found = matcher.classify(item("ep-news", "Interreg: utlysning öppen", "Horisont Europa"));
  const std::vector<TopicMatch> expected{{"eu-finansiering", {"utlysning", "Interreg", "horisont*"}}};
  EXPECT_EQ(found.topics, expected);
  EXPECT_TRUE(found.namnder.empty());
}

TEST(Matcher, SuppressesATopicWhoseNoneTermMatches) {
  const Matcher matcher = design_matcher();
  EXPECT_TRUE(matcher.classify(item("ep-news", "Stängd utlysning inom Interreg")).topics.empty());
}

TEST(Matcher, NamesEachTermOnceAndKeepsNamnderInConfigOrder) {
  FilterSpec first{"a/forst", {}, {"skola"}, terms({"skola", "skol*"}), {}, term("skola OR förskola")};
  FilterSpec second{"b/andra", {}, {}, terms({"förskola"}), {}, std::nullopt};
  const std::vector<TopicSpec> topics{{"skola", terms({"förskola", "skola", "skola"}), {}}};
  auto matcher = Matcher::compile(topics, std::vector<FilterSpec>{second, first});
  ASSERT_TRUE(matcher);
  const Classification found = matcher->classify(item("any", "Skola och förskola"));
  const std::vector<core::Match> expected{
      {"b/andra", {"förskola"}, {}, {"förskola"}},
      {"a/forst", {"skola", "skol*", "förskola"}, {"skola"}, {"skola", "skol*", "förskola"}},
  };
  EXPECT_EQ(decisions(found.namnder), expected);
  EXPECT_EQ(found.topics, (std::vector<TopicMatch>{{"skola", {"förskola", "skola"}}}));
}

TEST(Matcher, MatchesANegativeQueryWithoutAnyTerm) {
  FilterSpec rest{"n/rest", {}, {}, {}, {}, term("NOT skola")};
  auto matcher = Matcher::compile({}, std::vector<FilterSpec>{rest});
  ASSERT_TRUE(matcher);
  EXPECT_EQ(decisions(matcher->classify(item("s", "Budget")).namnder), (std::vector<core::Match>{{"n/rest", {}, {}, {}}}));
  EXPECT_TRUE(matcher->classify(item("s", "Skola")).namnder.empty());
}

TEST(Matcher, MatchesTitleScopeAndPhrasesInContent) {
  FilterSpec spec{"n/x", {}, {}, terms({"title:=EU", "\"social ekonomi\""}), {}, std::nullopt};
  auto matcher = Matcher::compile({}, std::vector<FilterSpec>{spec});
  ASSERT_TRUE(matcher);
  EXPECT_EQ(matcher->classify(item("s", "EU:s budget")).namnder,
            (std::vector<core::Match>{{"n/x", {"title:=EU"}, {}, {"title:=EU"}, {{"EU"}}}}));
  EXPECT_TRUE(matcher->classify(item("s", "Budget", "EU")).namnder.empty());
  EXPECT_EQ(matcher->classify(item("s", "Budget", "", "Om social, ekonomi")).namnder,
            (std::vector<core::Match>{{"n/x", {"\"social ekonomi\""}, {}, {}, {{"social, ekonomi"}}}}));
}

TEST(Matcher, FindsTheOneNamndAmongManyThousands) {
  std::vector<FilterSpec> namnder;
  for (int i = 0; i < 5000; ++i) {
    const std::string n = std::to_string(i);
    namnder.push_back(FilterSpec{"k/n" + n, {}, {}, terms({"ord" + n, "\"fras " + n + "\""}), {}, std::nullopt});
  }
  auto matcher = Matcher::compile({}, namnder);
  ASSERT_TRUE(matcher);
  EXPECT_EQ(matcher->classify(item("s", "Om ord4711 och fras 17")).namnder,
            (std::vector<core::Match>{{"k/n17", {"\"fras 17\""}, {}, {"\"fras 17\""}, {{"fras 17"}}},
                                      {"k/n4711", {"ord4711"}, {}, {"ord4711"}, {{"ord4711"}}}}));
}

struct ErrorCase {
  const char* name;
  const char* text;
  const char* message;
};

TEST(Matcher, RecordsTheWordsEachTermFoundAsTheyStoodTitleFirst) {
  FilterSpec spec{"n/x", {}, {}, terms({"förskol*", "\"social ekonomi\"", "Erasmus+", "title:=EU"}), {},
                  std::nullopt};
  auto matcher = Matcher::compile({}, std::vector<FilterSpec>{spec});
  ASSERT_TRUE(matcher);
  const auto found = matcher->classify(item(
      "s", "EU satsar på Förskolan",
      "Förskolelärare och förskolan, förskolor, förskolornas. Sociala ekonomin? Nej: Social ekonomi i Erasmus+ och EU."));
  ASSERT_EQ(found.namnder.size(), 1u);
  using Found = std::vector<std::pair<std::string, std::vector<std::string>>>;
  const Found expected{
      // The first three distinct words (förskolan once, whatever its case), the title's first.
      {"förskol*", {"Förskolan", "Förskolelärare", "förskolor"}},
      {"\"social ekonomi\"", {"Social ekonomi"}},  // the phrase from its first word through its last
      {"Erasmus+", {"Erasmus+"}},
      {"title:=EU", {"EU"}},
  };
  EXPECT_EQ(found_by_term(found.namnder[0]), expected);
  EXPECT_EQ(found.namnder[0].title_terms, (std::vector<std::string>{"förskol*", "title:=EU"}));
}

TEST(Matcher, CutsAFoundWordAtABoundOnACharacter) {
  FilterSpec spec{"n/x", {}, {}, terms({"forskol*"}), {}, std::nullopt};
  auto matcher = Matcher::compile({}, std::vector<FilterSpec>{spec});
  ASSERT_TRUE(matcher);
  std::string long_word = "forskol";
  for (int i = 0; i < 100; ++i) long_word += "ö";
  const auto found = matcher->classify(item("s", long_word));
  ASSERT_EQ(found.namnder.size(), 1u);
  ASSERT_EQ(found.namnder[0].found_words.size(), 1u);
  std::string cut = "forskol";
  for (int i = 0; i < 36; ++i) cut += "ö";  // 79 bytes: the 80th would split an ö
  EXPECT_EQ(found.namnder[0].found_words[0], std::vector<std::string>{cut});
  EXPECT_LE(cut.size(), kMaxFoundWordBytes);
}

TEST(Matcher, RejectsBadTermsAtTheirColumn) {
  const ErrorCase cases[] = {
      {"empty", "", "test.toml:3:11: any: tomt ord"},
      {"blank", "  ", "test.toml:3:11: any: tomt ord"},
      {"lone star", "*", "test.toml:3:11: any: \"*\" ensam träffar allt"},
      {"two stars", "**", "test.toml:3:11: any: \"*\" ensam träffar allt"},
      {"star inside", "sk*la", "test.toml:3:13: any: \"*\" måste stå i början eller slutet av ett ord"},
      {"unterminated quote", "\"social ekonomi", "test.toml:3:11: any: citattecknet avslutas aldrig"},
      {"unterminated after title", "title:\"a b", "test.toml:3:17: any: citattecknet avslutas aldrig"},
      {"empty phrase", "\"\"", "test.toml:3:11: any: tom fras"},
      {"phrase of punctuation", "\" - \"", "test.toml:3:11: any: tom fras"},
      {"text after the quote", "\"a b\"c", "test.toml:3:16: any: oväntad text efter det avslutande citattecknet"},
      {"star in a phrase", "\"skol* reform\"", "test.toml:3:16: any: \"*\" får inte stå inuti en fras"},
      {"several words", "social ekonomi", "test.toml:3:17: any: flera ord behöver citattecken runt sig för att bli en fras"},
      {"an operator in a list of terms", "skola AND förskola",
       "test.toml:3:17: any: \"AND\" är en operator, och operatorer hör hemma i query: skriv orden var för sig, "
       "[\"skola\", \"förskola\"], där vart och ett räcker, eller query = 'skola AND förskola' "
       "där båda måste finnas"},
      {"a Swedish NOT points to none", "skola INTE högskola",
       "test.toml:3:17: any: \"INTE\" är en operator, och operatorer hör hemma i query: för att hålla borta "
       "nyheter med högskola, skriv none = [\"högskola\"], eller query = 'skola INTE högskola'"},
      {"an operator after a phrase", "\"social ekonomi\" ELLER kooperativ",
       "test.toml:3:28: any: \"ELLER\" är en operator, och operatorer hör hemma i query: skriv orden "
       "var för sig, ['\"social ekonomi\"', \"kooperativ\"]; vart och ett räcker"},
      {"a lower-case word is no operator", "skola and förskola",
       "test.toml:3:16: any: flera ord behöver citattecken runt sig för att bli en fras"},
      {"punctuation", "skola!", "test.toml:3:16: any: \"!\" kan inte stå här i ett ord"},
      {"quote inside a word", "skola\"", "test.toml:3:16: any: ett citattecken kan inte stå här i ett ord"},
      {"leading hyphen", "-skola", "test.toml:3:11: any: \"-\" kan inte stå här i ett ord"},
      {"plus inside a word", "a+b", "test.toml:3:12: any: \"+\" kan inte stå här i ett ord"},
      {"exact with a star", "=skol*", "test.toml:3:16: any: \"=\" kan inte kombineras med \"*\""},
      {"empty title scope", "title:", "test.toml:3:17: any: inget ord efter \"title:\""},
      {"empty exact", "=", "test.toml:3:12: any: inget ord efter \"=\""},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    const std::vector<TopicSpec> topics{{"t", terms({c.text}), {}}};
    auto matcher = Matcher::compile(topics, {});
    ASSERT_FALSE(matcher);
    ASSERT_EQ(matcher.error().size(), 1u);
    EXPECT_EQ(matcher.error()[0].code, Errc::kInvalidQuery);
    EXPECT_EQ(to_string(matcher.error()[0]), c.message);
    EXPECT_EQ(messages(Matcher::check(topics, {})), std::vector<std::string>{c.message});
  }
}

TEST(Matcher, RejectsBadQueriesAtTheColumnOfTheProblem) {
  const ErrorCase cases[] = {
      {"missing term after AND", "digitalisering AND", "test.toml:3:29: query: väntade ett ord efter AND"},
      {"missing term after OCH", "skola OCH", "test.toml:3:20: query: väntade ett ord efter OCH"},
      {"missing term before )", "(a AND)", "test.toml:3:17: query: väntade ett ord efter AND"},
      {"two operators", "skola OR OR x", "test.toml:3:20: query: väntade ett ord efter OR"},
      {"not at the end", "skola INTE", "test.toml:3:21: query: väntade ett ord efter INTE"},
      {"empty query", "", "test.toml:3:11: query: väntade ett ord, fick slutet av frågan"},
      {"operator first", "AND skola", "test.toml:3:11: query: väntade ett ord, fick AND"},
      {"empty parentheses", "()", "test.toml:3:12: query: väntade ett ord, fick \")\""},
      {"unclosed parenthesis", "a AND (b OR c", "test.toml:3:17: query: \")\" saknas"},
      {"stray parenthesis", "skola)", "test.toml:3:16: query: oväntat \")\""},
      {"unterminated phrase", "skola AND \"social ekonomi", "test.toml:3:21: query: citattecknet avslutas aldrig"},
      {"bad term", "skol* OR *", "test.toml:3:20: query: \"*\" ensam träffar allt"},
      // A query reads its operators itself: a stray quote is the mistake, not the OCH after it.
      {"stray quote before an operator", "förskola\" OCH skola", "test.toml:3:19: query: ett citattecken kan inte stå här i ett ord"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    FilterSpec spec{"n/x", {}, {}, {}, {}, term(c.text)};
    auto matcher = Matcher::compile({}, std::vector<FilterSpec>{spec});
    ASSERT_FALSE(matcher);
    ASSERT_EQ(matcher.error().size(), 1u);
    EXPECT_EQ(matcher.error()[0].code, Errc::kInvalidQuery);
    EXPECT_EQ(to_string(matcher.error()[0]), c.message);
    EXPECT_EQ(messages(Matcher::check({}, std::vector<FilterSpec>{spec})), std::vector<std::string>{c.message});
  }
}

TEST(Matcher, ReportsEveryErrorOfEveryTopicAndNamnd) {
  const std::vector<TopicSpec> topics{{"t", terms({"*", "ok"}), terms({"sk*la"})}};
  FilterSpec spec{"n/x", {}, {"t", "saknas"}, {Term{"skola", FilePos{"n.toml", 8, 7}}}, terms({"\"a"}),
                  term("a AND")};
  auto matcher = Matcher::compile(topics, std::vector<FilterSpec>{spec});
  ASSERT_FALSE(matcher);
  const std::vector<std::string> expected{
      "test.toml:3:11: any: \"*\" ensam träffar allt",
      "test.toml:3:13: none: \"*\" måste stå i början eller slutet av ett ord",
      "n.toml:8:7: topics: okänt ämne \"saknas\"",
      "test.toml:3:11: none: citattecknet avslutas aldrig",
      "test.toml:3:16: query: väntade ett ord efter AND",
  };
  EXPECT_EQ(messages(matcher.error()), expected);
  EXPECT_EQ(matcher.error()[2].code, Errc::kInvalidConfig);

  // check() finds the same, in the same order, without an index.
  const std::vector<Error> checked = Matcher::check(topics, std::vector<FilterSpec>{spec});
  EXPECT_EQ(messages(checked), expected);
  ASSERT_EQ(checked.size(), expected.size());
  EXPECT_EQ(checked[2].code, Errc::kInvalidConfig);
}

TEST(Matcher, ChecksGoodFiltersWithoutAnError) {
  const std::vector<TopicSpec> topics{{"t", terms({"skol*", "\"social ekonomi\""}), terms({"högskola"})}};
  FilterSpec spec{"n/x", {}, {"t"}, terms({"förskola", "=UHR", "*klimat*"}), {}, term("a AND (b OR NOT c)")};
  EXPECT_TRUE(Matcher::compile(topics, std::vector<FilterSpec>{spec}));
  EXPECT_EQ(messages(Matcher::check(topics, std::vector<FilterSpec>{spec})), std::vector<std::string>{});
}

}  // namespace
}  // namespace omvarld::filters
