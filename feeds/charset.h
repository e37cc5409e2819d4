// feeds/charset.h
//
// Strict decoding of bytes in a named character encoding into UTF-8, with
// the encoding names feeds write (Python's and IANA's aliases: "latin-1",
// "utf_16", "cp1252", "sjis", …) understood. Internal to feeds/; glibc's
// iconv does the work. Pure and thread-safe.

#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace omvarld::feeds {

// `bytes` decoded from `label` into UTF-8, or nullopt when the encoding is
// unknown or `bytes` is not valid in it (an invalid or truncated sequence:
// decoding is strict, as Python's bytes.decode is). "utf-16" and "utf-32"
// without a byte order read little-endian, as Python does on this platform.
std::optional<std::string> decode_strict(std::string_view bytes, std::string_view label);

// `bytes` decoded from a wide encoding whatever they hold: each code unit
// that makes no character (a lone surrogate, a value past U+10FFFF, an odd
// byte at the end) becomes U+FFFD. For a document that says it is wide
// (its byte order mark, or "<?xml" in it) but has a bad unit somewhere:
// read narrow instead, every other byte of it would be a NUL.
struct WideText {
  std::string text;           // UTF-8
  std::size_t replaced = 0;   // code units replaced
  std::size_t first_bad = 0;  // byte offset of the first, when any
};
// `label` is "utf-16le", "utf-16be", "utf-32le" or "utf-32be"; nullopt
// for any other.
std::optional<WideText> decode_wide_replacing(std::string_view bytes, std::string_view label);

// True when `bytes` is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates).
bool is_valid_utf8(std::string_view bytes);

// is_valid_utf8 with no NUL byte: text an XML parser reads to its end.
bool is_utf8_text(std::string_view bytes);

}  // namespace omvarld::feeds
