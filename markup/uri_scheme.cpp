// Python's urlparse finds a scheme after skipping leading control
// characters and spaces and ignoring tabs and newlines anywhere; browsers
// do the same, and also decode character references in an attribute
// before they look at it. We check both readings.

#include "markup/uri_scheme.h"

#include <algorithm>
#include <cstdint>

#include "core/uri_scheme.h"
#include "core/utf8.h"
#include "markup/html_entities.h"

namespace omvarld::markup {
namespace {

// `value` with its character references decoded, as a browser reads an
// attribute before it looks at the URI's scheme.
std::string decode_references(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '&') {
      out += value[i];
      continue;
    }
    std::size_t p = i + 1;
    std::uint32_t code = 0;
    const bool numeric = p < value.size() && value[p] == '#';
    if (numeric) {
      ++p;
      const bool hex = p < value.size() && (value[p] == 'x' || value[p] == 'X');
      if (hex) ++p;
      const std::size_t start = p;
      for (; p < value.size(); ++p) {
        const char c = value[p];
        int digit = c >= '0' && c <= '9' ? c - '0' : -1;
        if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
        if (hex && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
        if (digit < 0) break;
        code = std::min<std::uint32_t>(code * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit), 0x110000);
      }
      if (p == start) {
        out += '&';
        continue;
      }
      core::append_utf8(out, code);
    } else {
      while (p < value.size() && ((value[p] >= 'a' && value[p] <= 'z') || (value[p] >= 'A' && value[p] <= 'Z') ||
                                  (value[p] >= '0' && value[p] <= '9'))) {
        ++p;
      }
      const auto entity = html_entity(value.substr(i + 1, p - i - 1));
      if (!entity) {
        out += '&';
        continue;
      }
      core::append_utf8(out, *entity);
    }
    if (p < value.size() && value[p] == ';') ++p;
    i = p - 1;
  }
  return out;
}

}  // namespace

std::string uri_scheme(std::string_view uri) {
  std::size_t i = 0;
  while (i < uri.size() && static_cast<unsigned char>(uri[i]) <= 0x20) ++i;
  std::string read;
  for (; i < uri.size(); ++i) {
    if (uri[i] != '\t' && uri[i] != '\n' && uri[i] != '\r') read += uri[i];
  }
  return core::uri_scheme(read);
}

std::string safe_uri(std::string_view uri) {
  if (uri.empty()) return {};
  const std::string scheme = uri_scheme(uri);
  const std::string decoded_scheme =
      uri.find('&') == std::string_view::npos ? scheme : uri_scheme(decode_references(uri));
  if ((!scheme.empty() && !core::is_html_link_scheme(scheme)) ||
      (!decoded_scheme.empty() && !core::is_html_link_scheme(decoded_scheme))) {
    return {};
  }
  return std::string(uri);
}

}  // namespace omvarld::markup
