// feeds/ascii.h
//
// ASCII-only case folding for the names feeds are made of (encoding labels,
// tag and time-zone names, doctypes), where Unicode rules must not apply.
// Internal to feeds/. Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::feeds {

inline std::string lowercase_ascii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

}  // namespace omvarld::feeds
