// The "varför:" words and the heading of the nämnd's own section.

#include "digest/why.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "digest/layout.h"

namespace omvarld::digest {
namespace {

using Words = std::vector<std::string>;

TEST(TermAsWords, DropsTheFilterSyntax) {
  EXPECT_EQ(term_as_words("förskol*"), "förskol");
  EXPECT_EQ(term_as_words("*skola"), "skola");
  EXPECT_EQ(term_as_words("*klimat*"), "klimat");
  EXPECT_EQ(term_as_words("\"social ekonomi\""), "social ekonomi");
  EXPECT_EQ(term_as_words("title:=EU"), "EU");
  EXPECT_EQ(term_as_words("title:\"Connecting  Europe\""), "Connecting Europe");
  EXPECT_EQ(term_as_words("Erasmus+"), "Erasmus+");
  EXPECT_EQ(term_as_words("\"\""), "");
}

TEST(WhyWords, ShowsTheWordsFoundAndTheTermsWithoutAny) {
  const Words terms = {"förskola", "\"social ekonomi\"", "Erasmus+", "horisont*"};
  const std::vector<Words> found = {{"Förskolelärare", "förskolan"}, {"sociala ekonomin"}, {}};
  // The last term has no list at all (found is shorter), the third an empty one.
  EXPECT_EQ(why_words(terms, found),
            (Words{"Förskolelärare", "förskolan", "sociala ekonomin", "Erasmus+", "horisont"}));
  EXPECT_EQ(why_words(terms, {}), (Words{"förskola", "social ekonomi", "Erasmus+", "horisont"}));
}

TEST(WhyWords, NamesEachWordOnceWhateverItsCaseOnOneLineAndAtMostABound) {
  const Words terms = {"skola", "=Skolan", "*skola"};
  const std::vector<Words> found = {{"Skolan", "skolor"}, {"skolan"}, {"grund\nskolan"}};
  EXPECT_EQ(why_words(terms, found), (Words{"Skolan", "skolor", "grund skolan"}));

  Words many_terms;
  std::vector<Words> many_found;
  for (int i = 0; i < 20; ++i) {
    many_terms.push_back("term" + std::to_string(i));
    many_found.push_back({"ord" + std::to_string(i)});
  }
  const Words shown = why_words(many_terms, many_found);
  ASSERT_EQ(shown.size(), kMaxWhyWords);
  EXPECT_EQ(shown.front(), "ord0");
}

TEST(OwnSectionName, IsTheNamndsNameInTheGenitive) {
  EXPECT_EQ(own_section_name("Utbildningsnämnden, Linköping"), "Utbildningsnämndens bevakning");
  EXPECT_EQ(own_section_name("Vård- och omsorgsnämnden, Norrköping"), "Vård- och omsorgsnämndens bevakning");
  EXPECT_EQ(own_section_name("Kommunstyrelsen"), "Kommunstyrelsens bevakning");
  EXPECT_EQ(own_section_name("Kultur och fritid Linköpings"), "Kultur och fritid Linköpings bevakning");
  EXPECT_EQ(own_section_name(""), "Nämndens bevakning");
  EXPECT_EQ(own_section_name(" , Linköping"), "Nämndens bevakning");
}

}  // namespace
}  // namespace omvarld::digest
