#include "core/uri_scheme.h"

#include <algorithm>
#include <iterator>

#include "core/ascii.h"

namespace omvarld::core {
namespace {

// feedparser's ACCEPTABLE_URI_SCHEMES, sorted for binary search.
constexpr std::string_view kHtmlLinkSchemes[] = {
    "aim", "callto", "cvs", "facetime", "feed", "file", "ftp", "git", "gopher", "gtalk",
    "h323", "hdl", "http", "https", "imap", "irc", "irc6", "ircs", "itms", "magnet",
    "mailto", "mms", "msnim", "news", "nntp", "prospero", "rsync", "rtsp", "rtspu",
    "sftp", "shttp", "sip", "sips", "skype", "smb", "snews", "ssh", "svn", "svn+ssh",
    "telnet", "wais", "ymsg",
};
static_assert(std::is_sorted(std::begin(kHtmlLinkSchemes), std::end(kHtmlLinkSchemes)));

}  // namespace

std::string uri_scheme(std::string_view uri) {
  std::string scheme;
  for (const char c : uri) {
    if (c == ':') return scheme;
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!letter && (scheme.empty() || !other)) return {};
    scheme += lowercase_ascii(c);
  }
  return {};
}

bool is_html_link_scheme(std::string_view lower_scheme) {
  return std::binary_search(std::begin(kHtmlLinkSchemes), std::end(kHtmlLinkSchemes), lower_scheme, less_bytes);
}

bool is_web_scheme(std::string_view lower_scheme) { return lower_scheme == "http" || lower_scheme == "https"; }

bool is_web_url(std::string_view url) {
  return starts_with_ascii_nocase(url, "http://") || starts_with_ascii_nocase(url, "https://");
}

}  // namespace omvarld::core
