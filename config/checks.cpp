#include "config/checks.h"

#include <algorithm>
#include <cctype>
#include <system_error>
#include <vector>

#include "core/time_zone.h"
#include "core/uri_scheme.h"

namespace omvarld::config {

namespace {

bool is_ascii_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool is_non_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }

// RFC 5322 atext plus dots, without the characters that would need quoting;
// non-ASCII bytes are allowed for internationalized addresses (RFC 6531).
bool is_local_part(std::string_view local) {
  if (local.empty() || local.front() == '.' || local.back() == '.') return false;
  if (local.find("..") != std::string_view::npos) return false;
  constexpr std::string_view kSpecials = "()<>[]:;@\\,\" ";
  return std::none_of(local.begin(), local.end(), [&](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f ||
           kSpecials.find(c) != std::string_view::npos;
  });
}

bool is_domain_label(std::string_view label) {
  if (label.empty() || label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || is_non_ascii(c);
  });
}

bool is_domain(std::string_view domain) {
  if (domain.find('.') == std::string_view::npos) return false;
  size_t start = 0;
  while (true) {
    const size_t dot = domain.find('.', start);
    if (!is_domain_label(domain.substr(start, dot - start))) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool is_addr_spec(std::string_view address) {
  const size_t at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  return is_local_part(address.substr(0, at)) && is_domain(address.substr(at + 1));
}

}  // namespace

bool is_simple_id(std::string_view id) {
  if (id.empty() || !is_ascii_lower_or_digit(id.front())) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return is_ascii_lower_or_digit(c) || c == '.' || c == '_' || c == '-';
  });
}

bool is_namnd_id(std::string_view id) {
  const size_t slash = id.find('/');
  if (slash == std::string_view::npos) return false;
  return is_simple_id(id.substr(0, slash)) && is_simple_id(id.substr(slash + 1));
}

bool is_time_zone(const std::string& name) {
  return !name.empty() && core::find_time_zone(name).has_value();
}

bool is_email_address(std::string_view text) {
  if (text.find_first_of("\r\n") != std::string_view::npos) return false;
  const size_t open = text.find('<');
  if (open == std::string_view::npos) return is_addr_spec(text);
  if (text.back() != '>') return false;
  const std::string_view display = text.substr(0, open);
  if (display.find('>') != std::string_view::npos) return false;
  return is_addr_spec(text.substr(open + 1, text.size() - open - 2));
}

UrlForm url_form(std::string_view url) {
  const std::string scheme = core::uri_scheme(url);
  if (scheme.empty()) return UrlForm::kRelative;
  const std::string_view rest = url.substr(scheme.size() + 1);
  if (rest.substr(0, 2) != "//") return UrlForm::kOtherScheme;
  if (scheme == "file") return UrlForm::kFile;
  if (core::is_web_scheme(scheme) && rest.size() > 2 && rest[2] != '/') return UrlForm::kHttp;
  return UrlForm::kOtherScheme;
}

std::filesystem::path resolve_path(const std::filesystem::path& base_dir, std::string_view path) {
  std::filesystem::path joined = base_dir / std::filesystem::path(path);
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(joined, error);
  return (error ? joined : absolute).lexically_normal();
}

std::string file_url(const std::filesystem::path& absolute_path) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (char c : absolute_path.generic_string()) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == ' ' || c == '%' || c == '#' || c == '?') {
      url += '%';
      url += kHex[byte >> 4];
      url += kHex[byte & 0xf];
    } else {
      url += c;
    }
  }
  return url;
}

}  // namespace omvarld::config
