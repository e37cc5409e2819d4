// markup/html_allowlists.h
//
// The vocabularies feedparser's HTML sanitizer lets through (its
// _HTMLSanitizer and _BaseHTMLProcessor tables): HTML, MathML and SVG
// elements and attributes, CSS properties and keywords, the URI schemes a
// link may use, and the HTML elements written without an end tag. Internal
// to markup/ (the sanitizer). Pure lookups in constant tables.

#pragma once

#include <optional>
#include <string_view>

namespace omvarld::markup {

// Names are compared as given: callers pass lower-case tag and attribute
// names, as the markup scanner reports them.
bool is_acceptable_element(std::string_view tag);
bool is_acceptable_attribute(std::string_view name);
bool is_mathml_element(std::string_view tag);
bool is_mathml_attribute(std::string_view name);

// Elements dropped together with their content (script, style, applet).
bool is_dropped_with_content(std::string_view tag);

// Elements written `<br />`, never with an end tag.
bool is_void_element(std::string_view tag);

// The SVG element or attribute spelled as SVG spells it ("lineargradient" →
// "linearGradient"), or nullopt when it is not allowed.
std::optional<std::string_view> svg_element(std::string_view lower_tag);
std::optional<std::string_view> svg_attribute(std::string_view lower_name);

// CSS: properties allowed on any element, the keywords allowed in the
// values of background*, border*, margin* and padding*, and the extra
// properties allowed inside SVG. Property names are lower-case; keywords
// are case-sensitive, as feedparser compares them.
bool is_acceptable_css_property(std::string_view lower_name);
bool is_acceptable_css_keyword(std::string_view keyword);
bool is_acceptable_svg_property(std::string_view lower_name);

// Attributes whose value is a URI, on any element: the sanitizer checks
// their scheme. (feedparser checks href only; see html_sanitize.cpp.)
bool is_uri_attribute(std::string_view name);

// (element, attribute) pairs whose relative URI is made absolute, as
// feedparser's _RelativeURIResolver lists them.
bool is_relative_uri_attribute(std::string_view tag, std::string_view name);

}  // namespace omvarld::markup
