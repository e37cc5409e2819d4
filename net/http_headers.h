// net/http_headers.h
//
// The small readings of an HTTP answer the fetch engine needs: a Retry-After
// value, a status's reason phrase (HTTP/2 answers carry none), the host a
// URL names (for the per-host limit), and byte limits as people read them.
// Internal to net/ (and its tests). Pure.

#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/item.h"

namespace omvarld::net {

// The wait a Retry-After value asks for (RFC 9110 §10.2.3): delta-seconds
// ("120") or an HTTP date, counted from `now` (the answer's own Date header
// when it has one, so a skewed server clock does not matter). A date in the
// past is 0 s. nullopt when the value is neither.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, core::TimePoint now);

// "Not Found" for 404; "" for a status it does not know.
std::string_view reason_phrase(long status);

// "host:port" of an http(s) URL, lower-cased, the port explicit ("80" or
// "443" when the URL has none); "file" for file:// URLs; "" when `url` names
// no host. Transfers with the same key count against one per-host limit.
std::string host_key(std::string_view url);

// `bytes` as a limit is written in messages: "10 MiB", "512 KiB", "1000 bytes".
std::string describe_size(std::uint64_t bytes);

}  // namespace omvarld::net
