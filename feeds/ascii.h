// feeds/ascii.h
//
// ASCII-only helpers for the names feeds are made of (encoding labels, tag
// and time-zone names, doctypes, URLs), where Unicode rules must not apply.
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

// `text` without the XML whitespace (space, tab, CR, LF) around it.
inline std::string_view trim_space(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

}  // namespace omvarld::feeds
