// fuzz/fuzz_check.h
//
// What every fuzz target in fuzz/ does when a property fails: say which,
// with the value that broke it, and trap, so libFuzzer writes the
// reproducer and scripts/fuzz.sh prints both. Also the small checks the
// targets share. Header-only; only the fuzz targets include it.

#pragma once

#include <cstdio>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/item.h"

namespace omvarld::fuzz {

// "<target>: <what>\n  [<value>]" on stderr, then a trap.
[[noreturn]] inline void fail(const char* target, const char* what, std::string_view value = {}) {
  std::fprintf(stderr, "%s: %s\n  [%.*s]\n", target, what, static_cast<int>(value.size()), value.data());
  __builtin_trap();
}

// Well-formed UTF-8 (RFC 3629): what every text handed on to storage, the
// filters and the digest must be.
inline bool is_utf8(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || at + length > text.size()) return false;
    unsigned code = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[at + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    const unsigned smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    at += length;
  }
  return true;
}

// An absolute http(s) URL, any case: what an item's link must be when it
// has one (sources/web_link.h).
inline bool is_web_address(std::string_view url) {
  std::string head(url.substr(0, 8));
  for (char& c : head) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return head.starts_with("http://") || head.starts_with("https://");
}

// What every item a source hands on must be: a title, a key no other item
// of the document has, valid UTF-8, and a link that is empty (where
// `link_optional`) or one `is_link` takes.
template <class IsLink>
void check_items(const char* target, const std::vector<core::Item>& items, bool link_optional, IsLink is_link) {
  std::set<std::string> keys;
  for (const core::Item& item : items) {
    if (item.title.empty()) fail(target, "an item without a title", item.key);
    if (item.key.empty()) fail(target, "an item without a key", item.title);
    if (!keys.insert(item.key).second) fail(target, "two items with one key", item.key);
    if (!(link_optional && item.link.empty()) && !is_link(item.link)) {
      fail(target, "a link that is no web address", item.link);
    }
    for (const std::string* text : {&item.title, &item.summary, &item.link}) {
      if (!is_utf8(*text)) fail(target, "text that is not UTF-8", *text);
    }
  }
}

}  // namespace omvarld::fuzz
