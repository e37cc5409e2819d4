// What every field's text goes through when its element ends
// (feeds/field_text.h), shared by both readers.

#include "feeds/field_text.h"

#include <string>

#include <gtest/gtest.h>

namespace omvarld::feeds {
namespace {

TEST(TranslateCp1252, MapsOnlyTheC1ControlsAndLeavesOtherC2PairsAlone) {
  const struct {
    std::string in;
    std::string out;
  } cases[] = {
      {"plain", "plain"},
      {"no\xC2\xA0" "break \xC2\xA7 5", "no\xC2\xA0" "break \xC2\xA7 5"},  // U+00A0, U+00A7: kept
      {"\xC2\x80 \xC2\x93quoted\xC2\x94", "\xE2\x82\xAC \xE2\x80\x9Cquoted\xE2\x80\x9D"},
      {"a\xC2\xA0" "b\xC2\x96" "c", "a\xC2\xA0" "b\xE2\x80\x93" "c"},  // a pair that stays, then one that goes
      {"end\xC2", "end\xC2"},
      {"\xC2\x81", "\xC2\x81"},  // unassigned in windows-1252: itself
  };
  for (const auto& c : cases) {
    std::string text = c.in;
    translate_cp1252(text);
    EXPECT_EQ(text, c.out) << c.in;
  }
}

}  // namespace
}  // namespace omvarld::feeds
