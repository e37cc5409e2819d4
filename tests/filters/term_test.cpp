#include "filters/term.h"

#include <string>
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
  const Error error = locate(Problem{"\"*\" must be at the start or end of a word", 2}, "none", written);
  EXPECT_EQ(error.code, Errc::kInvalidQuery);
  EXPECT_EQ(to_string(error), "conf.d/a.toml:4:12: none: \"*\" must be at the start or end of a word");
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
  EXPECT_EQ(pattern.error(), (Problem{"a phrase of more than 32 words", 6}));
}

}  // namespace
}  // namespace omvarld::filters
