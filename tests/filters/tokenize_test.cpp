#include "filters/tokenize.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "filters/text.h"

namespace omvarld::filters {
namespace {

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& token : tokenize(text, Field::kTitle)) out.push_back(token.word);
  return out;
}

struct WordsCase {
  const char* name;
  const char* text;
  std::vector<std::string> words;
};

TEST(Tokenize, SplitsFoldsAndKeepsCompounds) {
  const WordsCase cases[] = {
      {"swedish letters fold", "ÅRETS Ärende ÖVER", {"årets", "ärende", "över"}},
      {"accented latin-1 letters fold", "CAFÉ Über ØRESUND ÆBLE Straße", {"café", "über", "øresund", "æble", "straße"}},
      {"latin extended-a letters fold", "ŁÓDŹ ŠKODA Œuvre", {"łódź", "škoda", "œuvre"}},
      {"decomposed accents compose", "A\xCC\x8Ar och o\xCC\x88verenskommelse", {"år", "och", "överenskommelse"}},
      {"punctuation separates", "skola, förskola. (grundskola)!", {"skola", "förskola", "grundskola"}},
      {"digits are word characters", "2024 års budget, covid19", {"2024", "års", "budget", "covid19"}},
      {"plus after a word belongs to it", "Erasmus+ och C++!", {"erasmus+", "och", "c++"}},
      {"plus between words separates", "a+b", {"a", "b"}},
      {"hyphenated compound and its parts", "EU-kommissionen föreslår", {"eu-kommissionen", "eu", "kommissionen", "föreslår"}},
      {"compound with plus", "EU-Erasmus+ nu", {"eu-erasmus+", "eu", "erasmus+", "nu"}},
      {"dash separates", "Linköping – Norrköping", {"linköping", "norrköping"}},
      {"hanging hyphen separates", "för- och grundskola", {"för", "och", "grundskola"}},
      {"non-breaking hyphen joins", "e\xE2\x80\x91post", {"e-post", "e", "post"}},
      {"empty text", "", {}},
  };
  for (const WordsCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(words(c.text), c.words);
  }
}

TEST(Tokenize, RecordsPositionsSpansAndField) {
  const std::vector<Token> expected{
      {"eu-kommissionen", Field::kSummary, 0, 2, 0, 15},
      {"eu", Field::kSummary, 0, 1, 0, 2},
      {"kommissionen", Field::kSummary, 1, 1, 3, 15},
      {"föreslår", Field::kSummary, 2, 1, 16, 26},  // ö and å take two bytes each
  };
  EXPECT_EQ(tokenize("EU-kommissionen föreslår", Field::kSummary), expected);
}

TEST(ItemWords, GivesAWordOrAPhraseAsItStoodInTheText) {
  const ItemWords item_words("Om Erasmus+", "EU-Kommissionen  Föreslår\nnu", "");
  const auto& tokens = item_words.tokens();
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_EQ(item_words.written(tokens[1]), "Erasmus+");
  EXPECT_EQ(item_words.written(tokens[2]), "EU-Kommissionen");        // the compound
  EXPECT_EQ(item_words.written(tokens[4]), "Kommissionen");           // its part
  EXPECT_EQ(item_words.written(tokens[4], 1), "Kommissionen  Föreslår");  // through the next word
  EXPECT_EQ(item_words.written(tokens[4], 5), "Kommissionen");        // no word stands that far on
}

TEST(ItemWords, FindsTheTokensStartingAtAPlaceOfAField) {
  const ItemWords item_words("Skola", "EU-kommissionen föreslår", "skola");
  const auto at_start = item_words.starting_at(Field::kSummary, 0);
  ASSERT_EQ(at_start.size(), 2u);
  EXPECT_EQ(at_start[0].word, "eu-kommissionen");
  EXPECT_EQ(at_start[1].word, "eu");
  const auto in_content = item_words.starting_at(Field::kContent, 0);
  ASSERT_EQ(in_content.size(), 1u);
  EXPECT_EQ(in_content[0].field, Field::kContent);
  EXPECT_TRUE(item_words.starting_at(Field::kTitle, 1).empty());
}

// A repeated word is one distinct word, numbered where it first stands, in
// every field; its base forms are looked up once and shared by each token.
TEST(ItemWords, NumbersEachDistinctWordOnceAndSharesItsBaseForms) {
  class Counting final : public Lemmatizer {
   public:
    std::vector<std::string> lemmas(std::string_view word) const override {
      asked.emplace_back(word);
      return word == "skolor" ? std::vector<std::string>{"skola"} : std::vector<std::string>{};
    }
    mutable std::vector<std::string> asked;
  };
  ItemWords item_words("Skolor och skolor", "SKOLOR", "och EU-skolor");
  const auto& tokens = item_words.tokens();
  ASSERT_EQ(tokens.size(), 8u);
  ASSERT_EQ(item_words.word_count(), 4u);
  EXPECT_EQ(item_words.word(0), "skolor");
  EXPECT_EQ(item_words.word(1), "och");
  EXPECT_EQ(item_words.word(2), "eu-skolor");
  EXPECT_EQ(item_words.word(3), "eu");
  EXPECT_EQ(item_words.word_number(tokens[4]), 1u);
  for (std::size_t index : {0u, 2u, 3u, 7u}) {
    SCOPED_TRACE(index);
    EXPECT_EQ(item_words.word_number(tokens[index]), 0u);
  }
  EXPECT_EQ(&item_words.first_token(0), &tokens[0]);
  EXPECT_EQ(&item_words.first_token(1), &tokens[1]);
  EXPECT_TRUE(item_words.lemmas_of(tokens[7]).empty());  // before add_lemmas

  Counting lemmatizer;
  item_words.add_lemmas(lemmatizer);
  EXPECT_EQ(lemmatizer.asked, (std::vector<std::string>{"skolor", "och", "eu-skolor", "eu"}));
  for (const Token& token : tokens) {
    SCOPED_TRACE(token.word);
    const auto lemmas = item_words.lemmas_of(token);
    EXPECT_EQ(std::vector<std::string>(lemmas.begin(), lemmas.end()),
              token.word == "skolor" ? std::vector<std::string>{"skola"} : std::vector<std::string>{});
  }
}

TEST(FoldCase, LowersUnicodeLettersAndLeavesTheRest) {
  EXPECT_EQ(fold_case("ÅÄÖÉÜ ÇÑ ẞ Ÿ ΣΑΣ ДОМ 42 ✓"), "åäöéü çñ ß ÿ σασ дом 42 ✓");
}

TEST(DecodeUtf8, ReplacesInvalidBytes) {
  EXPECT_EQ(decode_utf8("\xFF", 0).value, U'\uFFFD');
  EXPECT_EQ(decode_utf8("\xC3", 0).value, U'\uFFFD');     // truncated
  EXPECT_EQ(decode_utf8("\xC0\xAF", 0).value, U'\uFFFD');  // overlong '/'
  EXPECT_EQ(words("ok\xFFja"), (std::vector<std::string>{"ok", "ja"}));
}

}  // namespace
}  // namespace omvarld::filters
