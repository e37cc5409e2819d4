// The [web] table: where the web archive listens and the address mail links
// to. Like [daemon], a later file overrides only the keys it sets; the
// table's presence in any file turns the archive on.

#include <arpa/inet.h>
#include <netinet/in.h>

#include <array>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "config/readers.h"
#include "core/ascii.h"
#include "core/translate.h"

namespace omvarld::config {

namespace {

constexpr std::array<std::string_view, 2> kWebKeys = {"listen", "base_url"};

struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
  bool loopback = false;
};

// "127.0.0.1:8080" or "[::1]:8080": an address, not a host name, so that
// where the archive listens never depends on DNS at start.
std::optional<ListenAddress> parse_listen(std::string_view text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view host = text.substr(0, colon);
  const std::string_view port_text = text.substr(colon + 1);
  const bool bracketed = host.size() >= 2 && host.front() == '[' && host.back() == ']';
  if (bracketed) host = host.substr(1, host.size() - 2);
  ListenAddress address;
  address.host = std::string(host);
  if (bracketed) {
    in6_addr v6{};
    if (::inet_pton(AF_INET6, address.host.c_str(), &v6) != 1) return std::nullopt;
    address.loopback = IN6_IS_ADDR_LOOPBACK(&v6);
  } else {
    in_addr v4{};
    if (::inet_pton(AF_INET, address.host.c_str(), &v4) != 1) return std::nullopt;
    address.loopback = (ntohl(v4.s_addr) >> 24) == 127;
  }
  unsigned port = 0;
  const auto [end, problem] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (problem != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
      port > 65535) {
    return std::nullopt;
  }
  address.port = static_cast<std::uint16_t>(port);
  return address;
}

// http(s)://host[...]: mail readers open it from anywhere, so nothing relative.
bool is_base_url(std::string_view url) {
  const std::string lowered = core::lowercase_ascii(url);
  std::string_view rest = lowered;
  if (rest.starts_with("https://")) {
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    return false;
  }
  if (rest.empty() || rest.front() == '/') return false;
  for (const char c : url) {
    // A backslash is a slash to browsers: "https://host\arkiv" has a path.
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' ||
        c == '\\') {
      return false;
    }
  }
  return rest.find_first_of("?#") == std::string_view::npos;
}

// Whether a base URL (already is_base_url) goes on past its host, such as
// "https://intranet.se/omvarld". The pages and mails link from the root
// ("/namnd/…"), so the archive cannot live under a path.
bool has_path(std::string_view url) {
  const std::size_t host = url.find("://") + 3;
  const std::size_t slash = url.find('/', host);
  if (slash == std::string_view::npos) return false;
  return url.find_first_not_of('/', slash) != std::string_view::npos;
}

}  // namespace

void read_web(TableReader& table, Draft& draft) {
  if (!draft.config.web) draft.config.web.emplace();
  WebSection& web = *draft.config.web;
  table.reject_unknown_keys(kWebKeys);
  if (auto listen = table.string("listen")) {
    if (auto address = parse_listen(listen->value)) {
      web.host = address->host;
      web.port = address->port;
      if (!address->loopback) {
        draft.warnings.push_back(Error{
            Errc::kInvalidConfig,
            core::trf("listen: {0} can be reached from other machines: let the archive listen on "
                      "127.0.0.1 behind the municipality's reverse proxy and its sign-on",
                      {listen->value}),
            listen->where});
      }
    } else {
      table.error(core::trf("listen: expected an address and port such as \"127.0.0.1:8080\" or "
                            "\"[::1]:8080\", got \"{0}\"",
                            {listen->value}),
                  listen->where);
    }
  }
  if (auto base_url = table.string("base_url")) {
    if (!base_url->value.empty() && !is_base_url(base_url->value)) {
      table.error(core::trf("base_url: expected the archive's address as mail readers open it, "
                            "such as \"https://omvarld.linkoping.se\", got \"{0}\"",
                            {base_url->value}),
                  base_url->where);
    } else if (has_path(base_url->value)) {
      table.error(core::trf("base_url: \"{0}\" has a path: the archive's pages and mails link "
                            "from the root (\"/namnd/…\"); let the reverse proxy give the archive "
                            "a host name of its own, such as \"https://omvarld.linkoping.se\"",
                            {base_url->value}),
                  base_url->where);
    }
    std::string url = base_url->value;
    while (url.ends_with('/')) url.pop_back();
    web.base_url = std::move(url);
  }
}

}  // namespace omvarld::config
