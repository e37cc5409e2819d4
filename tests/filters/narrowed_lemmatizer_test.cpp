// The lemmatizer narrowed to a configuration's terms: which item words it
// still asks the dictionary about, and that it keeps the base forms a term
// can use.

#include "filters/narrowed_lemmatizer.h"

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "filters/matcher.h"
#include "filters/term.h"

namespace omvarld::filters {
namespace {

// A dictionary of a few Swedish words that counts what it is asked.
class CountingDictionary final : public Lemmatizer {
 public:
  std::vector<std::string> lemmas(std::string_view word) const override {
    const std::lock_guard lock(mutex_);
    asked_.insert(std::string(word));
    const std::map<std::string, std::vector<std::string>, std::less<>> known = {
        {"förskolorna", {"förskola"}}, {"förskolan", {"förskola"}}, {"grundskolan", {"grundskola"}},
        {"nämnden", {"nämnd"}},        {"husen", {"hus"}},          {"budgeten", {"budget"}}};
    const auto found = known.find(word);
    return found == known.end() ? std::vector<std::string>{} : found->second;
  }
  bool knows(std::string_view word) const override { return word == "lärare"; }

  std::set<std::string> asked() const {
    const std::lock_guard lock(mutex_);
    return asked_;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::set<std::string> asked_;
};

TermPattern inflected(const char* text, const Lemmatizer& lemmatizer) {
  TermPattern pattern = *parse_term(text);
  inflect(pattern, lemmatizer);
  return pattern;
}

TEST(NarrowedLemmatizer, AsksOnlyAboutWordsThatCouldInflectATerm) {
  const auto dictionary = std::make_shared<CountingDictionary>();
  const std::vector<TermPattern> patterns = {inflected("förskola", *dictionary), inflected("*skola", *dictionary),
                                             inflected("=nämnd", *dictionary), inflected("bud*", *dictionary)};
  const auto narrowed = narrow_lemmatizer(patterns, dictionary);
  ASSERT_TRUE(narrowed);
  const std::set<std::string> before = dictionary->asked();

  EXPECT_EQ(narrowed->lemmas("förskolorna"), std::vector<std::string>{"förskola"});
  EXPECT_EQ(narrowed->lemmas("grundskolan"), std::vector<std::string>{"grundskola"});  // ends like *skola
  // Words no term can use: the exact term takes no inflections, a prefix
  // term none, and "husen" begins like no term.
  EXPECT_EQ(narrowed->lemmas("nämnden"), std::vector<std::string>{});
  EXPECT_EQ(narrowed->lemmas("budgeten"), std::vector<std::string>{});
  EXPECT_EQ(narrowed->lemmas("husen"), std::vector<std::string>{});

  std::set<std::string> asked = dictionary->asked();
  for (const std::string& word : before) asked.erase(word);
  EXPECT_EQ(asked, (std::set<std::string>{"förskolorna", "grundskolan"}));
  EXPECT_TRUE(narrowed->knows("lärare"));
  EXPECT_FALSE(narrowed->knows("orna"));
}

TEST(NarrowedLemmatizer, AsksNotAboutWordsLongerThanAnInflection) {
  const auto dictionary = std::make_shared<CountingDictionary>();
  const std::vector<TermPattern> patterns = {inflected("förskola", *dictionary)};
  const auto narrowed = narrow_lemmatizer(patterns, dictionary);
  ASSERT_TRUE(narrowed);
  // Begins like "förskola", but adds more than kMaxEnding bytes to what it keeps.
  EXPECT_EQ(narrowed->lemmas("förskolanslärarutbildningarna"), std::vector<std::string>{});
  EXPECT_FALSE(dictionary->asked().contains("förskolanslärarutbildningarna"));
  EXPECT_EQ(narrowed->lemmas("förskolorna"), std::vector<std::string>{"förskola"});
  EXPECT_TRUE(dictionary->asked().contains("förskolorna"));
  EXPECT_EQ(narrow_lemmatizer(patterns, nullptr), nullptr);
}

// Every start, also one of a single byte, still lets its words through the
// quick look at their first two bytes.
TEST(NarrowedLemmatizer, ShortStartsAndFragmentsStillLetTheirWordsThrough) {
  const auto dictionary = std::make_shared<CountingDictionary>();
  // "hus" keeps no byte of its end (kMaxChangedEnd), "*skola" keeps "sk".
  const std::vector<TermPattern> patterns = {inflected("hus", *dictionary),
                                             inflected("*skola", *dictionary)};
  const auto narrowed = narrow_lemmatizer(patterns, dictionary);
  ASSERT_TRUE(narrowed);
  EXPECT_EQ(narrowed->lemmas("husen"), std::vector<std::string>{"hus"});
  EXPECT_EQ(narrowed->lemmas("grundskolan"), std::vector<std::string>{"grundskola"});
  EXPECT_TRUE(dictionary->asked().contains("husen"));
  EXPECT_TRUE(dictionary->asked().contains("grundskolan"));

  const auto longer = std::make_shared<CountingDictionary>();
  const auto narrowed_longer = narrow_lemmatizer(
      std::vector<TermPattern>{inflected("förskola", *longer), inflected("*grundskola", *longer)},
      longer);
  EXPECT_EQ(narrowed_longer->lemmas("nämnden"), std::vector<std::string>{});
  EXPECT_EQ(narrowed_longer->lemmas("grundskolan"), std::vector<std::string>{"grundskola"});
  EXPECT_FALSE(longer->asked().contains("nämnden"));  // begins like no start: never asked
}

TEST(NarrowedLemmatizer, ClassifiesAsEveryWordLookUpsWithFewerQuestions) {
  const std::vector<FilterSpec> namnder = {
      FilterSpec{"k/bun", {}, {}, {{"förskola", {"f.toml", 1, 1}}, {"*skola", {"f.toml", 2, 1}}}, {}, std::nullopt}};
  core::Item item;
  item.title = "Förskolorna och grundskolan";
  item.summary = "Nämnden beslutade om husen och budgeten. Förskolelärare sökes.";
  for (const auto inflections : {Inflections::kEveryWord, Inflections::kCompiled}) {
    const auto dictionary = std::make_shared<CountingDictionary>();
    auto matcher = Matcher::compile({}, namnder, dictionary, inflections);
    ASSERT_TRUE(matcher);
    const std::set<std::string> before = dictionary->asked();
    const Classification got = matcher->classify(item);
    ASSERT_EQ(got.namnder.size(), 1U);
    EXPECT_EQ(got.namnder[0].terms, (std::vector<std::string>{"förskola", "*skola"}));
    EXPECT_EQ(got.namnder[0].found_words,
              (std::vector<std::vector<std::string>>{{"Förskolorna", "Förskolelärare"}, {"Förskolorna", "grundskolan"}}));
    std::set<std::string> asked = dictionary->asked();
    for (const std::string& word : before) asked.erase(word);
    if (inflections == Inflections::kEveryWord) {
      EXPECT_TRUE(asked.contains("husen"));
    } else {
      // Words that begin like "förskola" or hold "sk" of "*skola".
      EXPECT_EQ(asked, (std::set<std::string>{"förskolorna", "grundskolan", "förskolelärare"}));
    }
  }
}

}  // namespace
}  // namespace omvarld::filters
