// markup/html_entities.h
//
// The named character references of HTML 4 (plus &apos;), which feeds use
// freely although XML defines only five, and UTF-8 encoding of a code point.
// Used by markup/ and feeds/. Pure functions over a constant table.

#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace omvarld::markup {

// The code point `name` ("eacute", "nbsp", "amp"; case-sensitive) stands for.
std::optional<char32_t> html_entity(std::string_view name);

// Appends `code_point` as UTF-8; values that are not Unicode scalar values
// (surrogates, beyond U+10FFFF) become U+FFFD.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace omvarld::markup
