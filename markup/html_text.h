// markup/html_text.h
//
// Plain text of HTML fragments, and the whitespace folding it shares with
// the plain-text fields of feeds/normalize.h. Pure.

#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace omvarld::markup {

// Runs of whitespace (ASCII and U+00A0 no-break space) become one space;
// leading and trailing whitespace is removed.
std::string collapse_whitespace(std::string_view text);

// Plain text of an HTML fragment: tags removed (script and style with their
// content), entities decoded, whitespace collapsed to single spaces, trimmed.
std::string html_to_text(std::string_view html);

// html_to_text(html) when sanitizing_keeps_text(html) (html_sanitize.h),
// in one pass over the markup; std::nullopt when that does not hold.
std::optional<std::string> kept_html_text(std::string_view html);

}  // namespace omvarld::markup
