#include "filters/term.h"
#include "filters/term_index.h"

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace omvarld::filters {
namespace {

struct ParseCase {
  const char* name;
  const char* text;
  TermPattern pattern;
};

TEST(ParseTerm, ReadsEveryKindOfTerm) {
  const ParseCase cases[] = {
      {"word is folded", "Förskola", {TermKind::kWord, false, false, {"förskola"}, {}}},
      {"exact word", "=EU", {TermKind::kWord, true, false, {"eu"}, {}}},
      {"prefix", "skol*", {TermKind::kPrefix, false, false, {"skol"}, {}}},
      {"suffix", "*skola", {TermKind::kSuffix, false, false, {"skola"}, {}}},
      {"infix", "*Klimat*", {TermKind::kInfix, false, false, {"klimat"}, {}}},
      {"prefix ending in a hyphen", "eu-*", {TermKind::kPrefix, false, false, {"eu-"}, {}}},
      {"phrase", "\"Social Ekonomi\"", {TermKind::kPhrase, false, false, {"social", "ekonomi"}, {}}},
      {"phrase words across punctuation", "\"EU:s budget\"", {TermKind::kPhrase, false, false, {"eu", "s", "budget"}, {}}},
      {"one quoted word is a word", "\"vuxenutbildning\"", {TermKind::kWord, false, false, {"vuxenutbildning"}, {}}},
      {"exact phrase", "=\"social ekonomi\"", {TermKind::kPhrase, true, false, {"social", "ekonomi"}, {}}},
      {"title scope", "title:skola", {TermKind::kWord, false, true, {"skola"}, {}}},
      {"title scope on a phrase", "title:\"social ekonomi\"", {TermKind::kPhrase, false, true, {"social", "ekonomi"}, {}}},
      {"title scope on an exact word", "title:=EU", {TermKind::kWord, true, true, {"eu"}, {}}},
      {"plus belongs to the word", "Erasmus+", {TermKind::kWord, false, false, {"erasmus+"}, {}}},
      {"hyphenated compound", "EU-kommissionen", {TermKind::kWord, false, false, {"eu-kommissionen"}, {}}},
      {"surrounding spaces are ignored", "  skola ", {TermKind::kWord, false, false, {"skola"}, {}}},
  };
  for (const ParseCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto parsed = parse_term(c.text);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(*parsed, c.pattern);
  }
}

TEST(Locate, PrefixesTheKeyAndCountsTheColumnFromTheOpeningQuote) {
  const Term written{"sk*la", FilePos{"conf.d/a.toml", 4, 9}};
  const Error error = locate(Problem{"\"*\" måste stå i början eller slutet av ett ord", 2}, "none", written);
  EXPECT_EQ(error.code, Errc::kInvalidQuery);
  EXPECT_EQ(to_string(error), "conf.d/a.toml:4:12: none: \"*\" måste stå i början eller slutet av ett ord");
}

TEST(Locate, CountsCharactersNotBytesBeforeTheProblem) {
  // 15 characters, 19 bytes, come before the "*".
  const Term written{"förskola ÅÄÖ sk*", FilePos{"a.toml", 2, 9}};
  const Error error = locate(Problem{"bad", std::string("förskola ÅÄÖ sk").size()}, "query", written);
  EXPECT_EQ(to_string(error), "a.toml:2:25: query: bad");
}

struct MatchCase {
  const char* name;
  const char* term;
  const char* title;
  const char* summary;
  bool matches;
};

TEST(Matches, FollowsEachKindOfTerm) {
  const MatchCase cases[] = {
      {"word, any case", "förskola", "Ny FÖRSKOLA i Linköping", "", true},
      {"word is not a substring", "skola", "Ny förskola", "", false},
      {"word matches a compound's part", "kommissionen", "EU-kommissionen föreslår", "", true},
      {"compound matches the whole compound", "EU-kommissionen", "EU-kommissionen föreslår", "", true},
      {"compound needs the hyphen", "EU-kommissionen", "EU kommissionen föreslår", "", false},
      {"exact word", "=EU", "Nytt från EU", "", true},
      {"exact word before a colon", "=EU", "EU:s budget", "", true},
      {"exact word is whole", "=EU", "Europa", "", false},
      {"prefix", "skol*", "Skolverket informerar", "", true},
      {"prefix is at the start", "skol*", "Ny förskola", "", false},
      {"suffix", "*skola", "Ny grundskola", "", true},
      {"suffix is at the end", "*skola", "Skolan", "", false},
      {"infix inside a compound", "*klimat*", "EU-klimatlagen antagen", "", true},
      {"infix may be the whole word", "*klimat*", "Klimat", "", true},
      {"infix at the start", "*klimat*", "Klimaträttvisa", "", true},
      {"infix not there", "*klimat*", "Klima", "", false},
      {"word with plus", "Erasmus+", "Erasmus+ 2027", "", true},
      {"word with plus needs the plus", "Erasmus+", "Erasmus", "", false},
      {"phrase", "\"social ekonomi\"", "Social ekonomi växer", "", true},
      {"phrase across punctuation", "\"social ekonomi\"", "Social, ekonomi.", "", true},
      {"phrase in order only", "\"social ekonomi\"", "ekonomi social", "", false},
      {"phrase words adjacent only", "\"social ekonomi\"", "social och ekonomi", "", false},
      {"phrase after a compound", "\"eu-kommissionen föreslår\"", "EU-kommissionen föreslår", "", true},
      {"phrase from a compound's part", "\"kommissionen föreslår\"", "EU-kommissionen föreslår", "", true},
      {"phrase into a compound", "\"nya eu-regler\"", "Nya EU-regler", "", true},
      {"phrase does not cross fields", "\"social ekonomi\"", "Social", "ekonomi", false},
      {"phrase in the summary", "\"social ekonomi\"", "", "om social ekonomi", true},
      {"title scope in title", "title:skola", "Skola", "", true},
      {"title scope ignores summary", "title:skola", "", "skola", false},
      {"title phrase ignores summary", "title:\"social ekonomi\"", "", "social ekonomi", false},
  };
  for (const MatchCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto pattern = parse_term(c.term);
    ASSERT_TRUE(pattern) << pattern.error().message;
    EXPECT_EQ(matches(*pattern, ItemWords(c.title, c.summary, "")), c.matches);
  }
}

// Each word of a phrase was one call deeper: a phrase of 100,000 words
// found in an item's text overflowed the stack of the poll. Phrases are at
// most 32 words, and followed without recursion.
TEST(Matches, FollowsAPhraseOf32WordsInATextOfAHundredThousand) {
  std::string phrase;
  for (int i = 0; i < 32; ++i) phrase += i == 0 ? "eu" : " eu";
  auto pattern = parse_term("\"" + phrase + "\"");
  ASSERT_TRUE(pattern) << pattern.error().message;
  std::string text;
  for (int i = 0; i < 100000; ++i) text += i == 0 ? "eu" : " eu";
  EXPECT_TRUE(matches(*pattern, ItemWords("", text, "")));
  EXPECT_FALSE(matches(*pattern, ItemWords("", phrase.substr(3), "")));
  EXPECT_TRUE(matches(*pattern, ItemWords("", "EU-kommissionen " + phrase + " slut", "")));
}

TEST(ParseTerm, RefusesAPhraseOfMoreThan32Words) {
  std::string phrase = "\"";
  for (int i = 0; i < 33; ++i) phrase += "ord ";
  auto pattern = parse_term("title:" + phrase + "\"");
  ASSERT_FALSE(pattern);
  EXPECT_EQ(pattern.error(), (Problem{"en fras med fler än 32 ord", 6}));
}


// Knows a fixed list of words and no base forms: enough to tell a
// compound's rest from a chance ending without the dictionaries.
class WordList final : public Lemmatizer {
 public:
  explicit WordList(std::set<std::string, std::less<>> words) : words_(std::move(words)) {}
  std::vector<std::string> lemmas(std::string_view) const override { return {}; }
  bool knows(std::string_view word) const override { return words_.contains(word); }

 private:
  std::set<std::string, std::less<>> words_;
};

TermPattern inflected(const char* text, const Lemmatizer& lemmatizer) {
  auto parsed = parse_term(text);
  EXPECT_TRUE(parsed) << text;
  TermPattern pattern = parsed ? *parsed : TermPattern{};
  inflect(pattern, lemmatizer);
  return pattern;
}

TEST(CompoundHeads, AreTheWordAndItsLinkingForms) {
  const WordList none({});
  EXPECT_EQ(compound_heads(inflected("förskola", none)),
            (std::vector<std::string>{"förskola", "förskolas", "förskol", "förskole", "förskolo", "förskolu",
                                      "förskols"}));
  EXPECT_EQ(compound_heads(inflected("Äldreomsorg", none)), (std::vector<std::string>{"äldreomsorg", "äldreomsorgs"}));
  // A four-letter word keeps its last vowel: a stem of three letters begins too much.
  EXPECT_EQ(compound_heads(inflected("vara", none)), (std::vector<std::string>{"vara", "varas"}));
  // Terms that never match compounds.
  for (const char* term : {"=förskola", "skol*", "*skola", "*skola*", "\"social ekonomi\"", "lag", "EU",
                           "h2020", "EU-kommissionen", "Erasmus+"}) {
    SCOPED_TRACE(term);
    EXPECT_EQ(compound_heads(inflected(term, none)), std::vector<std::string>{});
  }
  // Nor does a term that was not inflected (no lemmatizer: checking syntax).
  EXPECT_EQ(compound_heads(*parse_term("förskola")), std::vector<std::string>{});
}

TEST(Matches, FindsCompoundsThatBeginWithAWordWhoseRestIsAKnownWord) {
  const WordList words({"lärare", "klass", "klassen", "nämnden", "anpassning", "orna", "ret", "2030"});
  const struct {
    const char* term;
    const char* title;
    bool matches;
  } cases[] = {
      {"förskola", "Förskolelärare", true},
      {"förskola", "Förskollärare", true},
      {"förskola", "förskoleklassen", true},
      {"äldreomsorg", "Äldreomsorgsnämnden", true},
      {"klimat", "Klimatanpassning", true},
      {"klimat", "Klimatanpassningar", false},  // a rest the list does not know
      {"förskola", "Förskolepedagog", false},
      {"förskola", "Förskolorna", true},        // förskol + "orna", a known rest of three letters or more
      {"klimat", "Klimatret", true},             // three letters is enough…
      {"förskola", "Förskolest", false},         // …two are not
      {"skola", "Högskoleklassen", false},        // never a compound that ends with the term
      {"=förskola", "Förskolelärare", false},
      {"klimat", "Klimat2030", false},           // digits are no word, even one the list knows
      {"title:förskola", "", false},              // the title scope holds (the text is in the summary below)
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.term) + " / " + c.title);
    const TermPattern pattern = inflected(c.term, words);
    ItemWords item(c.title, std::string_view(c.term).starts_with("title:") ? "Förskolelärare" : "", "");
    item.add_lemmas(words);
    EXPECT_EQ(matches(pattern, item), c.matches);
  }
  // The term index finds the same compounds as matches().
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string("index: ") + c.term + " / " + c.title);
    TermIndex index;
    const TermId id = index.add(inflected(c.term, words));
    ItemWords item(c.title, std::string_view(c.term).starts_with("title:") ? "Förskolelärare" : "", "");
    item.add_lemmas(words);
    EXPECT_EQ(index.match(item).contains(id), c.matches);
  }
  // Without the lemmatizer's word list no rest is known.
  ItemWords unknown("Förskolelärare", "", "");
  EXPECT_FALSE(matches(inflected("förskola", words), unknown));
}

}  // namespace
}  // namespace omvarld::filters
