// markup/uri_scheme.h
//
// The scheme of a URI found in feed HTML, and whether the sanitizer may
// keep the URI (core/uri_scheme.h holds the list). Internal to markup/.
// Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::markup {

// The scheme as Python's urlparse finds it, lower-cased: core::uri_scheme
// of `uri` with leading control characters and spaces skipped and tabs and
// newlines ignored, as browsers read it. "" when the URI has none.
std::string uri_scheme(std::string_view uri);

// `uri` when its scheme is one a link may use (http, https, mailto, ...;
// core::is_html_link_scheme) or it has none, read as written and with its
// character references decoded ("jav&#x09;ascript:" is javascript:);
// otherwise "". An empty `uri` yields "".
std::string safe_uri(std::string_view uri);

}  // namespace omvarld::markup
