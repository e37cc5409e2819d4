// sources/web_link.h
//
// Which links in a page, an API answer or a newsletter lead to a story: the
// one rule for html, json and imap sources and for feed discovery, so that
// a mailto:, tel: or javascript: link, an empty href or a bare "#" is
// never an item's link (and never the key that makes twenty items one).
// Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::sources {

// `href` resolved against `base` (the page's or answer's URL; "" when there
// is none, as in a newsletter) when the result is a web address: http or
// https (core::is_web_scheme), or the scheme of `base` itself (file:// for the saved pages the
// demo reads). "" for any other scheme (mailto:, tel:, javascript:,
// data:), for a reference that stays relative, and for one that leads
// back to `base` itself without a fragment ("", "#"). A fragment of `base`
// ("#nyhet-12") is kept: a page may hold its stories itself.
std::string web_link(std::string_view base, std::string_view href);

// Whether `link` (as web_link returns it) points into the document at
// `base` ("https://x.se/nyheter#nyhet-12" on https://x.se/nyheter).
bool is_fragment_of(std::string_view base, std::string_view link);

}  // namespace omvarld::sources
