// markup/markup_stops.h
//
// Where the next piece of markup may start in HTML text: the next '<' or
// '&'. Found with find_byte and remembered, so that long runs of text cost
// memchr's speed rather than a test per byte. Internal to markup/ (the
// sanitizer's rewriter and scanner, sanitizing_keeps_text, html_to_text).
// Not thread-safe: one per scan.

#pragma once

#include <string_view>

#include "markup/byte_search.h"

namespace omvarld::markup {

class MarkupStops {
 public:
  explicit MarkupStops(std::string_view text) : text_(text) {}

  // The first '<' or '&' at or after `from`, or the text's size.
  std::size_t next(std::size_t from) {
    if (from < from_) lt_ = amp_ = kUnknown;  // asked about an earlier place: start over
    from_ = from;
    if (lt_ == kUnknown || lt_ < from) lt_ = find('<', from);
    if (amp_ == kUnknown || amp_ < from) amp_ = find('&', from);
    return lt_ < amp_ ? lt_ : amp_;
  }

 private:
  std::size_t find(char c, std::size_t from) const {
    if (from >= text_.size()) return text_.size();
    return static_cast<std::size_t>(find_byte(text_.data() + from, text_.data() + text_.size(), c) - text_.data());
  }

  static constexpr std::size_t kUnknown = static_cast<std::size_t>(-1);

  std::string_view text_;
  std::size_t from_ = 0;
  std::size_t lt_ = kUnknown;   // the first '<' at or after from_, or the size
  std::size_t amp_ = kUnknown;  // the first '&' likewise
};

}  // namespace omvarld::markup
