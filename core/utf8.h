// core/utf8.h
//
// Writing a code point as UTF-8, for every folder that builds text from
// code points (character references, decoded charsets, case folding), and
// counting the characters of UTF-8 text, for columns a person reads.
// Reading UTF-8 stays with each reader: they differ on purpose in what an
// ill-formed sequence becomes. Pure; header-only.

#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace omvarld::core {

// Appends `code_point` to `out` as UTF-8; a value that is no Unicode scalar
// value (a surrogate, or past U+10FFFF) is written as U+FFFD.
inline void append_utf8(std::string& out, char32_t code_point) {
  if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    code_point = 0xFFFD;
  }
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// The characters (code points) in UTF-8 `text`: its bytes less the
// continuation bytes, so "å" counts 1 where its bytes count 2. An editor's
// column counts characters, so an offset into a line becomes a column this
// way.
inline std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) == 0x80 ? 0 : 1;
  return count;
}

}  // namespace omvarld::core
