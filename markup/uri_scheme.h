// markup/uri_scheme.h
//
// The scheme of a URI found in feed HTML, and whether the sanitizer may
// keep the URI (feedparser's ACCEPTABLE_URI_SCHEMES). Internal to markup/.
// Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::markup {

// The scheme as Python's urlparse finds it, lower-cased: leading control
// characters and spaces skipped, tabs and newlines ignored, a letter and
// then letters, digits, '+', '-' or '.' up to the first ':'. "" when the
// URI has none (it is relative, or what precedes ':' is not a scheme).
std::string uri_scheme(std::string_view uri);

// `uri` when its scheme is one a link may use (http, https, mailto, ...;
// html_allowlists.h) or it has none, read as written and with its
// character references decoded ("jav&#x09;ascript:" is javascript:);
// otherwise "". An empty `uri` yields "".
std::string safe_uri(std::string_view uri);

}  // namespace omvarld::markup
