#include "sources/web_link.h"

#include "markup/url.h"

namespace omvarld::sources {

namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// "http:", "file:": up to and with the first ':', lower-cased; "" when
// what precedes it is not a scheme (RFC 3986 §3.1).
std::string scheme_of(std::string_view url) {
  std::string scheme;
  for (char c : url) {
    if (c == ':') return scheme.empty() ? std::string() : scheme + ':';
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!letter && (scheme.empty() || !other)) return {};
    scheme += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return {};
}

std::string_view fragment_of(std::string_view url) {
  const std::size_t hash = url.find('#');
  return hash == std::string_view::npos ? std::string_view() : url.substr(hash + 1);
}

}  // namespace

std::string web_link(std::string_view base, std::string_view href) {
  if (href.find_first_not_of(" \t\r\n\f") == std::string_view::npos) return {};
  std::string link = markup::resolve_url(base, href);
  const std::string scheme = scheme_of(link);
  const bool web = scheme == "http:" || scheme == "https:" ||
                   (!scheme.empty() && scheme == scheme_of(base));
  if (!web || !starts_with_ignoring_case(link, scheme + "//")) return {};
  if (!base.empty() && fragment_of(link).empty() &&
      markup::canonical_url(link) == markup::canonical_url(base)) {
    return {};
  }
  return link;
}

bool is_fragment_of(std::string_view base, std::string_view link) {
  return !base.empty() && !fragment_of(link).empty() &&
         markup::canonical_url(link) == markup::canonical_url(base);
}

}  // namespace omvarld::sources
