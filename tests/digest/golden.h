// tests/digest/golden.h
//
// Golden files for the digest tests: what a composed digest looks like is
// kept in tests/testdata/digest and reviewed like code.
// OMVARLD_UPDATE_GOLDEN=1 rewrites a file instead of comparing.

#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

namespace omvarld::digest::testing {

inline void expect_golden(const std::string& name, const std::string& actual) {
  const std::filesystem::path path =
      std::filesystem::path(OMVARLD_SOURCE_DIR) / "tests/testdata/digest" / name;
  const char* update = std::getenv("OMVARLD_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << path << " is missing; run with OMVARLD_UPDATE_GOLDEN=1";
  std::ifstream in(path, std::ios::binary);
  const std::string expected{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_EQ(actual, expected)
      << "differs from " << path << "; run with OMVARLD_UPDATE_GOLDEN=1 and review";
}

}  // namespace omvarld::digest::testing
