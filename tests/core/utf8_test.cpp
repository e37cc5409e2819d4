// core/utf8.h: counting characters, for the columns a person reads.

#include "core/utf8.h"

#include <gtest/gtest.h>

namespace omvarld::core {
namespace {

TEST(CountCodePoints, CountsEachCharacterOnceWhateverItsBytes) {
  EXPECT_EQ(count_code_points(""), 0u);
  EXPECT_EQ(count_code_points("skola"), 5u);
  EXPECT_EQ(count_code_points("förskola"), 8u);       // ö: 2 bytes
  EXPECT_EQ(count_code_points("ÅÄÖ åäö"), 7u);        // 13 bytes
  EXPECT_EQ(count_code_points("€ 𝄞"), 3u);            // 3 and 4 bytes
}

TEST(CountCodePoints, CountsACharacterCutInTheMiddleAsTheCharacter) {
  // An offset may end inside a character: only its lead byte counts.
  const std::string text = "å";
  EXPECT_EQ(count_code_points(std::string_view(text).substr(0, 1)), 1u);
}

TEST(AppendUtf8, WritesWhatCountCodePointsCountsAsOne) {
  std::string out;
  append_utf8(out, U'ö');
  append_utf8(out, 0x1D11E);
  EXPECT_EQ(out, "ö𝄞");
  EXPECT_EQ(count_code_points(out), 2u);
}

}  // namespace
}  // namespace omvarld::core
