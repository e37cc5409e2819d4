#include "net/http_headers.h"

#include <charconv>

#include "core/ascii.h"
#include "core/dates.h"

namespace omvarld::net {

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, core::TimePoint now) {
  value = core::trim_space(value);
  if (value.empty()) return std::nullopt;
  if (value.find_first_not_of("0123456789") == std::string_view::npos) {
    long long seconds = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (error != std::errc() || end != value.data() + value.size()) return std::nullopt;
    return std::chrono::seconds(seconds);
  }
  const std::optional<core::TimePoint> when = core::parse_date(value);
  if (!when) return std::nullopt;
  if (*when <= now) return std::chrono::seconds(0);
  return std::chrono::duration_cast<std::chrono::seconds>(*when - now);
}

std::string_view reason_phrase(long status) {
  switch (status) {
    case 200: return "OK";
    case 202: return "Accepted";
    case 203: return "Non-Authoritative Information";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 410: return "Gone";
    case 429: return "Too Many Requests";
    case 451: return "Unavailable For Legal Reasons";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

std::string host_key(std::string_view url) {
  const auto separator = url.find("://");
  if (separator == std::string_view::npos) return {};
  const std::string scheme = core::lowercase_ascii(url.substr(0, separator));
  if (scheme == "file") return "file";
  std::string_view authority = url.substr(separator + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);
  }
  if (authority.empty()) return {};
  // The port follows the last colon, unless that colon is inside an IPv6
  // literal ("[::1]").
  const auto colon = authority.rfind(':');
  const bool has_port = colon != std::string_view::npos &&
                        (authority.find(']') == std::string_view::npos || colon > authority.find(']'));
  std::string host = core::lowercase_ascii(has_port ? authority.substr(0, colon) : authority);
  std::string_view port = has_port ? authority.substr(colon + 1) : std::string_view();
  if (port.empty()) port = scheme == "https" ? "443" : "80";
  return host + ":" + std::string(port);
}

std::string describe_size(std::uint64_t bytes) {
  constexpr std::uint64_t kKiB = 1024;
  constexpr std::uint64_t kMiB = 1024 * kKiB;
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  if (bytes >= kKiB && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

}  // namespace omvarld::net
