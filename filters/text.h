// filters/text.h
//
// The character level of the filter language: UTF-8 decoding, which code
// points belong to words, and case folding by a small table (no ICU). Covers
// ASCII, Latin-1 Supplement, Latin Extended-A/B and Additional, Greek and
// Cyrillic; other scripts pass through unfolded. Pure functions.

#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace omvarld::filters {

struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0;  // bytes it took in the input; invalid bytes decode as U+FFFD, length 1
};

// Decodes the code point starting at byte `offset` of `text` (offset < size).
CodePoint decode_utf8(std::string_view text, std::size_t offset);

// Letters and digits, plus combining marks (which continue a word).
bool is_word_char(char32_t value);

// U+0300..U+036F: accents written as a separate code point (decomposed text).
bool is_combining_mark(char32_t value);

// The lower-case form of one code point: Å → å, É → é, ẞ → ß, Σ → σ.
char32_t fold_char(char32_t value);

// `base` followed by combining `mark` as one precomposed letter (a + U+030A →
// å), or 0 when the table does not know the pair.
char32_t compose(char32_t base, char32_t mark);

// Folds every code point of `text` and composes the accents the table knows,
// so "ÅR", "år" and "a\u030Ar" fold alike.
std::string fold_case(std::string_view text);

}  // namespace omvarld::filters
