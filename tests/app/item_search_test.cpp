// The forms `items --search` looks up for a plain word: those a filter term
// finds, as beginnings the full-text index can search, with the real
// Swedish and English dictionaries and without them.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/item_search.h"
#include "filters/hunspell_lemmatizer.h"

namespace omvarld::app {
namespace {

std::shared_ptr<const filters::Lemmatizer> hunspell() {
  static const std::shared_ptr<const filters::Lemmatizer> loaded = [] {
    auto lemmatizer = filters::load_hunspell_lemmatizer();
    EXPECT_TRUE(lemmatizer) << lemmatizer.error().message;
    return lemmatizer ? *lemmatizer : nullptr;
  }();
  return loaded;
}

// "förskol*", "förskola": each form as the index query writes it.
std::vector<std::string> written(const std::vector<storage::SearchForm>& forms) {
  std::vector<std::string> out;
  for (const storage::SearchForm& form : forms) out.push_back(form.text + (form.prefix ? "*" : ""));
  return out;
}

TEST(ItemSearch, AWordIsSearchedByTheBeginningsItsInflectionsAndCompoundsShare) {
  const storage::SearchForms forms = search_forms(hunspell());
  // The word and its linking -s: äldreomsorgen, äldreomsorgsnämnden.
  EXPECT_EQ(written(forms("äldreomsorg")), std::vector<std::string>{"äldreomsorg*"});
  // A stem without its vowel covers förskolan, förskolor, förskollärare, förskoleklass.
  EXPECT_EQ(written(forms("Förskola")), std::vector<std::string>{"förskol*"});
  // An inflected word is searched through its base form too.
  EXPECT_EQ(written(forms("förskolornas")), std::vector<std::string>{"förskol*"});
}

TEST(ItemSearch, AShortWordIsSearchedAsWrittenAndAnInflectedOneThroughItsBaseForm) {
  const storage::SearchForms forms = search_forms(hunspell());
  // Fewer than four letters: no compounds, as in a filter (`lag` does not
  // find lagstiftning).
  EXPECT_EQ(written(forms("lag")), std::vector<std::string>{"lag"});
  // Through its base form: kommunerna → kommun, whose beginning covers it.
  EXPECT_EQ(written(forms("kommunerna")), std::vector<std::string>{"kommun*"});
}

TEST(ItemSearch, WithoutDictionariesCompoundsAndRegularInflectionsAreStillFound) {
  const storage::SearchForms forms = search_forms(nullptr);
  EXPECT_EQ(written(forms("äldreomsorg")), std::vector<std::string>{"äldreomsorg*"});
  EXPECT_EQ(written(forms("förskolornas")), std::vector<std::string>{"förskolornas*"});
}

TEST(ItemSearch, WhatIsNoWordTermHasNoForms) {
  const storage::SearchForms forms = search_forms(hunspell());
  EXPECT_TRUE(forms("").empty());
  EXPECT_TRUE(forms("eu-kommissionen").size() <= 1U);
  EXPECT_TRUE(forms("a b").empty());
}

}  // namespace
}  // namespace omvarld::app
