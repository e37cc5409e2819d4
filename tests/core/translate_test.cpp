#include "core/translate.h"

#include <gtest/gtest.h>

namespace omvarld::core {
namespace {

// Restores Swedish, the default, whatever a test set.
class Translate : public ::testing::Test {
 protected:
  void TearDown() override { set_language(Language::swedish); }
};

TEST_F(Translate, SwedishByDefaultFromTheEmbeddedCatalog) {
  EXPECT_EQ(current_language(), Language::swedish);
  EXPECT_EQ(tr("print JSON"), "skriv ut JSON");
}

TEST_F(Translate, EnglishGivesTheMessageAsWritten) {
  set_language(Language::english);
  EXPECT_EQ(tr("print JSON"), "print JSON");
  EXPECT_EQ(trf("language: expected \"sv\" (Swedish) or \"en\" (English), got \"{0}\"", {"x"}),
            "language: expected \"sv\" (Swedish) or \"en\" (English), got \"x\"");
}

TEST_F(Translate, AMessageTheCatalogLacksStaysEnglish) {
  EXPECT_EQ(tr("no catalog has this message"), "no catalog has this message");
}

TEST_F(Translate, TrfTranslatesThenFillsThePlaceholders) {
  EXPECT_EQ(trf("language: expected \"sv\" (Swedish) or \"en\" (English), got \"{0}\"",
                {"svenska"}),
            "language: väntade \"sv\" (svenska) eller \"en\" (engelska), fick \"svenska\"");
}

TEST_F(Translate, TrfFillsEachPlaceholderAsOftenAsItStandsAndLeavesOthers) {
  set_language(Language::english);
  EXPECT_EQ(trf("{0} and {1}, {0} again", {"a", "b"}), "a and b, a again");
  EXPECT_EQ(trf("{1}{0}", {"x", "y"}), "yx");
  EXPECT_EQ(trf("{2} has no value", {"a"}), "{2} has no value");
  EXPECT_EQ(trf("{x} {} {0", {"a"}), "{x} {} {0");
  EXPECT_EQ(trf("{0}", {"{1}", "b"}), "{1}");  // a value is not scanned again
  EXPECT_EQ(trf("", {"a"}), "");
  EXPECT_EQ(trf("{10}", {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "ten"}), "ten");
}

}  // namespace
}  // namespace omvarld::core
