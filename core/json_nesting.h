// core/json_nesting.h
//
// How deep a JSON document nests, found before anything is built: shared
// by the readers of JSON from outside (sources/json_items.cpp for APIs,
// feeds/json_feed.cpp for JSON Feed), which use different JSON code paths
// but the same guard. Pure.

#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace omvarld::core {

// How deep outside JSON may nest arrays and objects. The APIs and feeds we
// read nest fewer than ten levels. nlohmann's parser does not recurse, but
// its dump() and comparisons do, and a 10 MiB document of "[" would build
// ten million nested arrays to find nothing in them.
inline constexpr std::size_t kMaxJsonNesting = 128;

// Where `document` opens an array or object more than `limit` deep (a byte
// offset, 1-based as nlohmann's), skipping strings; nullopt when it never
// does. One pass, no allocation.
inline std::optional<std::size_t> json_too_deep_at(std::string_view document,
                                                   std::size_t limit = kMaxJsonNesting) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t at = 0; at < document.size(); ++at) {
    const char c = document[at];
    if (in_string) {
      if (c == '\\') {
        ++at;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return at + 1;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

}  // namespace omvarld::core
