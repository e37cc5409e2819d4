#include "digest/html_escape.h"

#include "core/uri_scheme.h"

namespace omvarld::digest {

std::string html_escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      case '\t':
      case '\n':
        escaped += c;
        break;
      default: {
        const auto byte = static_cast<unsigned char>(c);
        escaped += (byte < 0x20 || byte == 0x7F) ? ' ' : c;
      }
    }
  }
  return escaped;
}

bool is_web_link(std::string_view link) {
  // Something must follow "http://": the scheme, "://" and a host.
  if (!core::is_web_url(link) || link.size() == core::uri_scheme(link).size() + 3) return false;
  for (char c : link) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) return false;
  }
  return true;
}

}  // namespace omvarld::digest
