// digest/html_escape.h
//
// Making feed strings safe inside an HTML document. Every string that came
// from a feed goes through html_escape() before it reaches the HTML body, and
// a link becomes an href only when is_web_link() says so. Pure functions.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::digest {

// Escapes & < > " ' as entities, so the result is safe both as element text
// and inside a double- or single-quoted attribute. Control characters other
// than tab and newline become spaces.
std::string html_escape(std::string_view text);

// True for an absolute http: or https: URL (scheme in any case) without
// whitespace or control characters: the only links rendered as links.
// "javascript:", "data:", "file:" and relative links are shown as text.
bool is_web_link(std::string_view link);

}  // namespace omvarld::digest
