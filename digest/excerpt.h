// digest/excerpt.h
//
// The short piece of an item's text that a digest shows, and the wrapping of
// plain-text paragraphs. Pure functions over UTF-8; lengths count code
// points, not bytes.

#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace omvarld::digest {

inline constexpr std::size_t kExcerptLength = 280;

// `text` on one line (whitespace collapsed); when longer than `max_length`
// code points, cut at the last word boundary before that (or hard at the
// limit when a single word is too long) and ended with "…".
std::string make_excerpt(std::string_view text, std::size_t max_length = kExcerptLength);

// Breaks one-line `text` at spaces into lines of at most `width` code points;
// a longer word gets a line of its own.
std::vector<std::string> wrap_words(std::string_view text, std::size_t width);

}  // namespace omvarld::digest
