// feeds/url.h
//
// Reference resolution as RFC 3986 §5.2 defines it: how a relative link in
// a feed ("/nyheter/1", "../a.html") becomes absolute against xml:base and
// the document's URL. Internal to feeds/. Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::feeds {

// `reference` resolved against `base`. Surrounding whitespace of the
// reference is ignored. An empty base leaves the reference as it is; an
// empty reference yields the base without its fragment.
std::string resolve_url(std::string_view base, std::string_view reference);

}  // namespace omvarld::feeds
