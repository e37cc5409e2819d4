#include "core/result.h"

#include <gtest/gtest.h>

namespace omvarld {
namespace {

TEST(Error, PrintsItsPositionTheWayEditorsReadIt) {
  Error located{Errc::kInvalidConfig, "unknown key \"recipents\" in [[namnd]]",
                FilePos{"/etc/omvarld/conf.d/utbildning.toml", 12, 1}};
  EXPECT_EQ(to_string(located),
            "/etc/omvarld/conf.d/utbildning.toml:12:1: unknown key \"recipents\" in [[namnd]]");
  EXPECT_EQ(to_string(Error{Errc::kFetchFailed, "timed out", std::nullopt}), "timed out");
}

TEST(Fail, MakesAnUnexpectedResult) {
  Result<int> result = fail(Errc::kStorage, "database is locked");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::kStorage);
}

}  // namespace
}  // namespace omvarld
