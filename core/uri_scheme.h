// core/uri_scheme.h
//
// The one scheme parser and the two scheme allow-lists built on it. The
// lists differ on purpose: a link kept in a feed's HTML may use any scheme
// feedparser accepts (mailto:, ftp:, irc: ...; not javascript:), while a link
// that is a story, a page to fetch or a link in a digest must be a web page
// (http or https). markup/ (the sanitizer), sources/ (web_link, discovery,
// JSON APIs), config/, digest/ and cli/ use these and no list of their own.
// Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::core {

// The scheme of `uri` by RFC 3986 §3.1, lower-cased: a letter, then
// letters, digits, '+', '-' or '.', up to the first ':'. "" when the URI
// has none (it is relative, or what precedes ':' is not a scheme).
std::string uri_scheme(std::string_view uri);

// Whether a link in feed HTML may use `lower_scheme` (feedparser's
// ACCEPTABLE_URI_SCHEMES: http, https, mailto, ftp, ...). The sanitizer's
// list.
bool is_html_link_scheme(std::string_view lower_scheme);

// Whether `lower_scheme` is a web page's: http or https. The list for
// story links, pages to fetch and links in a digest.
bool is_web_scheme(std::string_view lower_scheme);

// Whether `url` begins with "http://" or "https://", in any case: a web
// scheme followed by an authority.
bool is_web_url(std::string_view url);

}  // namespace omvarld::core
