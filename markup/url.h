// markup/url.h
//
// Reference resolution as RFC 3986 §5.2 defines it: how a relative link in
// a feed ("/nyheter/1", "../a.html") becomes absolute against xml:base and
// the document's URL; and the canonical form of a link, by which the same
// story is recognised in several feeds. Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::markup {

// `reference` resolved against `base`. Surrounding whitespace of the
// reference is ignored, and so are slashes doubled after its scheme
// ("http:///x" is "http://x", as feedparser reads it; not for file:). An
// empty base leaves the reference as it is; an empty reference yields the
// base without its fragment.
std::string resolve_url(std::string_view base, std::string_view reference);

// The form of `url` by which two links to one page compare equal: scheme and
// host lower-cased, the scheme's default port (http 80, https 443) and an
// empty port dropped, an empty path written "/", the fragment and every
// `utm_*` query parameter dropped (the rest keep their order), and a Google
// Alerts redirect (https://www.google.com/url?...&url=REAL) replaced by
// the canonical form of REAL, percent-decoded. Surrounding whitespace is
// ignored; an empty url yields "".
std::string canonical_url(std::string_view url);

}  // namespace omvarld::markup
