// markup/html_entities.h
//
// The named character references of HTML 4 (plus &apos;), which feeds use
// freely although XML defines only five. Used by markup/ and feeds/. A pure
// function over a constant table.

#pragma once

#include <optional>
#include <string_view>

namespace omvarld::markup {

// The code point `name` ("eacute", "nbsp", "amp"; case-sensitive) stands for.
std::optional<char32_t> html_entity(std::string_view name);

}  // namespace omvarld::markup
