// feeds/html_text.h
//
// Whitespace folding shared by html_to_text (normalize.h) and the plain-text
// fields of normalize. Internal to feeds/. Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::feeds {

// Runs of whitespace (ASCII and U+00A0 no-break space) become one space;
// leading and trailing whitespace is removed.
std::string collapse_whitespace(std::string_view text);

}  // namespace omvarld::feeds
