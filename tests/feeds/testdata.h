// tests/feeds/testdata.h
//
// Reads a feed fixture from tests/testdata/feeds/ as raw bytes.

#pragma once

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

namespace omvarld::feeds::testing {

inline std::string testdata_path(std::string_view name) {
  return std::string(OMVARLD_SOURCE_DIR) + "/tests/testdata/feeds/" + std::string(name);
}

inline std::string read_testdata(std::string_view name) {
  std::ifstream in(testdata_path(name), std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace omvarld::feeds::testing
