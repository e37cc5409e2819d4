// core/utf8.h
//
// Writing a code point as UTF-8, for every folder that builds text from
// code points (character references, decoded charsets, case folding).
// Reading UTF-8 stays with each reader: they differ on purpose in what an
// ill-formed sequence becomes. Pure; header-only.

#pragma once

#include <string>

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

}  // namespace omvarld::core
