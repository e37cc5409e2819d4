// web/request_target.h
//
// What the server makes of a request's target and form body before any page
// sees them: percent-decoding, the query and form fields, and which Route a
// path is. Pure; the text that comes out is UTF-8 without NUL, so a page
// never has to check for either.

#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "web/http.h"

namespace omvarld::web {

// `text` with each %XX replaced by its byte (and '+' by a space when
// `plus_is_space`, as in forms and queries); nullopt for a broken escape
// ("%4", "%zz"), a NUL, or a result that is not UTF-8.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// "a=1&b=x+y" → {{"a","1"},{"b","x y"}}, in order; empty pieces ("a=1&&")
// are skipped, a name without "=" has the value "". nullopt when a name or
// value does not decode.
std::optional<Fields> parse_urlencoded(std::string_view text);

// The path of a request target ("/sok?q=x" → "/sok") split into its
// segments, each decoded: "/namnd/a%2Fb/" → {"namnd", "a/b", ""}. nullopt
// when the target is not an absolute path or a segment does not decode.
std::optional<std::vector<std::string>> path_segments(std::string_view path);

// The query of a target: what follows the first '?', "" when none.
std::string_view query_of(std::string_view target);
// The target without its query.
std::string_view path_of(std::string_view target);

// The values of `pattern`'s "{}" segments when `segments` match it
// ("/namnd/{}/digest/{}"); nullopt when they do not.
std::optional<std::vector<std::string>> match_pattern(std::string_view pattern,
                                                      const std::vector<std::string>& segments);

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or
// code points past U+10FFFF).
bool is_utf8(std::string_view text);

}  // namespace omvarld::web
