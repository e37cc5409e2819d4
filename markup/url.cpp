#include "markup/url.h"

#include <cstring>
#include <optional>
#include <vector>

#include "core/ascii.h"

namespace omvarld::markup {
namespace {

// The five components of RFC 3986 Appendix B; absent differs from empty.
struct UriParts {
  std::optional<std::string> scheme;
  std::optional<std::string> authority;
  std::string path;
  std::optional<std::string> query;
  std::optional<std::string> fragment;
};

bool is_scheme_char(char c, bool first) {
  const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (first) return alpha;
  return alpha || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

UriParts split(std::string_view uri) {
  UriParts parts;
  if (const auto hash = uri.find('#'); hash != std::string_view::npos) {
    parts.fragment = std::string(uri.substr(hash + 1));
    uri = uri.substr(0, hash);
  }
  if (const auto question = uri.find('?'); question != std::string_view::npos) {
    parts.query = std::string(uri.substr(question + 1));
    uri = uri.substr(0, question);
  }
  if (const auto colon = uri.find(':'); colon != std::string_view::npos && colon > 0) {
    bool valid = true;
    for (std::size_t i = 0; i < colon && valid; ++i) valid = is_scheme_char(uri[i], i == 0);
    if (valid && uri.substr(0, colon).find('/') == std::string_view::npos) {
      parts.scheme = std::string(uri.substr(0, colon));
      uri = uri.substr(colon + 1);
    }
  }
  if (uri.starts_with("//")) {
    const auto slash = uri.find('/', 2);
    parts.authority = std::string(uri.substr(2, slash == std::string_view::npos ? slash : slash - 2));
    uri = slash == std::string_view::npos ? std::string_view() : uri.substr(slash);
  }
  parts.path = std::string(uri);
  return parts;
}

// RFC 3986 §5.2.4.
std::string remove_dot_segments(std::string_view input) {
  std::string output;
  while (!input.empty()) {
    if (input.starts_with("../")) {
      input.remove_prefix(3);
    } else if (input.starts_with("./")) {
      input.remove_prefix(2);
    } else if (input.starts_with("/./")) {
      input.remove_prefix(2);
    } else if (input == "/.") {
      input = "/";
    } else if (input.starts_with("/../") || input == "/..") {
      input = input.size() == 3 ? std::string_view("/") : input.substr(3);
      const auto last = output.rfind('/');
      output.erase(last == std::string::npos ? 0 : last);
    } else if (input == "." || input == "..") {
      input = {};
    } else {
      const auto next = input.find('/', input.starts_with('/') ? 1 : 0);
      const auto segment = input.substr(0, next);
      output.append(segment);
      input.remove_prefix(segment.size());
    }
  }
  return output;
}

// RFC 3986 §5.2.3.
std::string merge(const UriParts& base, std::string_view reference_path) {
  if (base.authority && base.path.empty()) return "/" + std::string(reference_path);
  const auto last = base.path.rfind('/');
  if (last == std::string::npos) return std::string(reference_path);
  return base.path.substr(0, last + 1) + std::string(reference_path);
}

// RFC 3986 §5.3.
std::string recompose(const UriParts& parts) {
  std::string uri;
  if (parts.scheme) uri += *parts.scheme + ":";
  if (parts.authority) uri += "//" + *parts.authority;
  uri += parts.path;
  if (parts.query) uri += "?" + *parts.query;
  if (parts.fragment) uri += "#" + *parts.fragment;
  return uri;
}

// "http://" or "https://", as written in lower case.
bool plain_http_url(std::string_view uri) { return uri.starts_with("http://") || uri.starts_with("https://"); }

// Whether `text` holds `a` or `b`; has_pair: `a` right before `b`. Where
// find_first_of and find would call memchr again at every byte or '/'.
bool has_either(std::string_view text, char a, char b) {
  return std::memchr(text.data(), a, text.size()) != nullptr || std::memchr(text.data(), b, text.size()) != nullptr;
}

bool has_pair(std::string_view text, char a, char b) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == a && text[i + 1] == b) return true;
  }
  return false;
}

// How many slashes a writer put past "scheme://" ("http:///x"), which
// feedparser's _urifixer drops from every reference before joining; its
// scheme characters include ','. None for file: URLs, whose authority is
// empty by right ("file:///etc/hosts").
std::size_t extra_authority_slashes(std::string_view uri) {
  if (uri.empty() || !is_scheme_char(uri[0], true)) return 0;
  std::size_t colon = 1;
  while (colon < uri.size() && (is_scheme_char(uri[colon], false) || uri[colon] == ',')) ++colon;
  if (uri.substr(colon, 3) != "://" || core::lowercase_ascii(uri.substr(0, colon)) == "file") return 0;
  std::size_t authority = colon + 3;
  while (authority < uri.size() && uri[authority] == '/') ++authority;
  return authority - (colon + 3);
}

}  // namespace

std::string resolve_url(std::string_view base_text, std::string_view reference_text) {
  std::string_view reference_trimmed = core::trim_space(reference_text);
  std::string collapsed;
  if (const std::size_t extra = extra_authority_slashes(reference_trimmed); extra > 0) {
    const std::size_t authority = reference_trimmed.find("://") + 3;
    collapsed.append(reference_trimmed.substr(0, authority)).append(reference_trimmed.substr(authority + extra));
    reference_trimmed = collapsed;
  }
  // The commonest reference of all, an absolute http(s) URL with no dot
  // segment, is its own resolution (§5.2.2: its scheme makes it stand
  // alone, and §5.2.4 leaves its path as it is).
  if (plain_http_url(reference_trimmed) && !has_pair(reference_trimmed, '/', '.')) {
    return std::string(reference_trimmed);
  }
  const std::string_view base_trimmed = core::trim_space(base_text);
  if (base_trimmed.empty()) return std::string(reference_trimmed);

  const UriParts reference = split(reference_trimmed);
  const UriParts base = split(base_trimmed);
  UriParts target;
  // RFC 3986 §5.2.2, strict: a reference with a scheme stands alone.
  if (reference.scheme) {
    target = reference;
    target.path = remove_dot_segments(reference.path);
  } else {
    target.scheme = base.scheme;
    if (reference.authority) {
      target.authority = reference.authority;
      target.path = remove_dot_segments(reference.path);
      target.query = reference.query;
    } else {
      target.authority = base.authority;
      if (reference.path.empty()) {
        target.path = base.path;
        target.query = reference.query ? reference.query : base.query;
      } else {
        target.path = reference.path.starts_with('/')
                          ? remove_dot_segments(reference.path)
                          : remove_dot_segments(merge(base, reference.path));
        target.query = reference.query;
      }
    }
    target.fragment = reference.fragment;
  }
  return recompose(target);
}

namespace {

// %XX escapes decoded; a malformed one is kept as written.
std::string percent_decode(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && core::hex_digit_value(text[i + 1]) >= 0 && core::hex_digit_value(text[i + 2]) >= 0) {
      decoded += static_cast<char>(core::hex_digit_value(text[i + 1]) * 16 + core::hex_digit_value(text[i + 2]));
      i += 2;
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

std::vector<std::string_view> query_parameters(std::string_view query) {
  std::vector<std::string_view> parameters;
  while (!query.empty()) {
    const auto amp = query.find('&');
    parameters.push_back(query.substr(0, amp));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return parameters;
}

std::string_view parameter_name(std::string_view parameter) {
  return parameter.substr(0, parameter.find('='));
}

// Lower-cases the host of `authority` ("user@Host:port") and drops the
// scheme's default port and an empty one; user information keeps its case.
std::string canonical_authority(const std::string& authority, const std::string& scheme) {
  const auto at = authority.rfind('@');
  const std::string user = at == std::string::npos ? "" : authority.substr(0, at + 1);
  std::string host_port = authority.substr(at == std::string::npos ? 0 : at + 1);
  // The port follows the last colon outside an IPv6 literal ("[::1]:8080").
  const auto bracket = host_port.rfind(']');
  const auto colon = host_port.rfind(':');
  std::string port;
  if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
    port = host_port.substr(colon + 1);
    host_port.erase(colon);
  }
  const bool default_port = (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
  return user + core::lowercase_ascii(host_port) + (port.empty() || default_port ? "" : ":" + port);
}

// Google Alerts links to every story through its redirector:
// https://www.google.com/url?rct=j&sa=t&url=https://real.example/story&ct=ga&...
// The real address is the `url` parameter, often percent-encoded.
std::optional<std::string> google_redirect_target(const UriParts& parts) {
  if (!parts.authority || !parts.query || parts.path != "/url") return std::nullopt;
  const std::string host = core::lowercase_ascii(*parts.authority);
  if (host != "www.google.com" && host != "google.com") return std::nullopt;
  for (std::string_view parameter : query_parameters(*parts.query)) {
    if (parameter_name(parameter) != "url" && parameter_name(parameter) != "q") continue;
    std::string target = percent_decode(parameter.substr(parameter.find('=') + 1));
    if (target.starts_with("http://") || target.starts_with("https://")) return target;
  }
  return std::nullopt;
}

}  // namespace

std::string canonical_url(std::string_view url) {
  const std::string_view trimmed = core::trim_space(url);
  // An http(s) URL already in canonical form, the usual item link, comes
  // back as it is: no query or fragment, a lower-case host without port or
  // user, and a path.
  if (plain_http_url(trimmed) && !has_either(trimmed, '?', '#')) {
    const std::string_view rest = trimmed.substr(trimmed.find("//") + 2);
    const auto slash = rest.find('/');
    if (slash != std::string_view::npos) {
      const std::string_view authority = rest.substr(0, slash);
      bool canonical = true;
      for (const char c : authority) canonical = canonical && c != '@' && c != ':' && !(c >= 'A' && c <= 'Z');
      if (canonical) return std::string(trimmed);
    }
  }
  UriParts parts = split(trimmed);
  if (auto target = google_redirect_target(parts)) {
    parts = split(*target);
  }
  parts.fragment.reset();
  if (!parts.scheme) return recompose(parts);
  parts.scheme = core::lowercase_ascii(*parts.scheme);
  if (parts.authority) {
    parts.authority = canonical_authority(*parts.authority, *parts.scheme);
    if (parts.path.empty()) parts.path = "/";
  }
  if (parts.query) {
    std::string kept;
    for (std::string_view parameter : query_parameters(*parts.query)) {
      if (core::lowercase_ascii(parameter_name(parameter)).starts_with("utm_")) continue;
      kept += (kept.empty() ? "" : "&") + std::string(parameter);
    }
    parts.query = kept.empty() ? std::nullopt : std::optional<std::string>(kept);
  }
  return recompose(parts);
}

}  // namespace omvarld::markup
