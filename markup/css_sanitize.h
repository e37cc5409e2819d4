// markup/css_sanitize.h
//
// The value of an HTML style attribute reduced to the declarations
// feedparser's sanitizer allows (its sanitize_style). Internal to markup/:
// html_sanitize.cpp calls it for every style attribute it keeps. Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::markup {

// `style` (as written in the attribute, entities not decoded) with url(...)
// removed and then only the allowed declarations kept, each written
// "property: value;" and joined by single spaces. A value with any
// character outside feedparser's small CSS alphabet, or that is not a list
// of `property: value` declarations, yields "" (the attribute is dropped).
// background*, border*, margin* and padding* are kept only when every word
// of their value is a known keyword or a plain size or colour. `in_svg`
// also allows SVG's fill and stroke properties.
std::string sanitize_style(std::string_view style, bool in_svg);

}  // namespace omvarld::markup
