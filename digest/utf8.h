// digest/utf8.h
//
// Small UTF-8 helpers for the digest renderers: stepping over code points,
// counting them, and telling word characters from the rest. Invalid bytes
// count as one code point each (U+FFFD) so nothing here can loop or read
// past the end. Pure functions, internal to digest/.

#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace omvarld::digest {

struct CodePoint {
  char32_t value;
  std::size_t size;  // bytes it takes, 1 to 4
};

// Decodes the code point starting at text[at]; at < text.size().
CodePoint decode_utf8(std::string_view text, std::size_t at);

// The number of code points in `text`.
std::size_t count_code_points(std::string_view text);

// Letters and digits: ASCII alphanumerics and everything from U+00C0 on,
// except × ÷ and the punctuation and symbol blocks (U+2000–U+2BFF), so that
// "–" and "…" separate words while "förskola" and "é" do not.
bool is_word_char(char32_t c);

// Lower-cases ASCII and the Latin-1 capitals (Å Ä Ö É Ü …) byte for byte, so
// an offset into the result is an offset into `text`.
std::string fold_case(std::string_view text);

// Collapses every run of whitespace and control characters into one space
// and trims both ends: feed strings shown on one line. What core::safe_text
// removes goes first, so nothing a reader cannot see is left.
std::string clean_line(std::string_view text);

}  // namespace omvarld::digest
