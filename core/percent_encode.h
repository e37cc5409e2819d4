// core/percent_encode.h
//
// Percent-encoding for the URLs omvarld writes (RFC 3986): a nämnd id in a
// path segment ("linkoping%2Futbildning"), a query value, a Message-ID.
// Pure; header-only.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::core {

// `text` with every byte but ASCII letters, digits and those in `keep`
// written as %XX (upper-case hex). The default keeps RFC 3986's unreserved
// marks, so the result is one path segment or one query value.
inline std::string percent_encode(std::string_view text, std::string_view keep = "-._~") {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                       (byte >= '0' && byte <= '9') || keep.find(c) != std::string_view::npos;
    if (plain) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0x0F];
    }
  }
  return encoded;
}

}  // namespace omvarld::core
