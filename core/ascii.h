// core/ascii.h
//
// ASCII-only helpers for the names feeds are made of (encoding labels, tag
// and time-zone names, doctypes, URLs), where Unicode rules must not apply.
// Used by every folder that reads such names; Unicode-aware lowercase for
// people's text is filters/'s business (filters/text.h). Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::core {

inline std::string lowercase_ascii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

inline char lowercase_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The value of hexadecimal digit `c` ("%C3" escapes), -1 for another character.
inline int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// a == b with ASCII letters compared without case ("HTTP" and "http").
inline bool equals_ascii_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lowercase_ascii(a[i]) != lowercase_ascii(b[i])) return false;
  }
  return true;
}

// Whether `text` begins with `prefix`, ASCII letters compared without case
// ("HTTPS://x.se" begins with "https://").
inline bool starts_with_ascii_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && equals_ascii_nocase(text.substr(0, prefix.size()), prefix);
}

// `text` without the XML whitespace (space, tab, CR, LF) around it.
inline std::string_view trim_space(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// a == b byte by byte, inline, for the same reason as less_bytes below.
inline bool same_bytes(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// a < b byte by byte, inline: names are short, and a call to memcmp per
// comparison costs more than the comparison.
inline bool less_bytes(std::string_view a, std::string_view b) {
  const std::size_t common = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < common; ++i) {
    if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
  }
  return a.size() < b.size();
}

}  // namespace omvarld::core
