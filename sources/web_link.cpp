#include "sources/web_link.h"

#include "core/ascii.h"
#include "core/uri_scheme.h"
#include "markup/url.h"

namespace omvarld::sources {

namespace {

std::string_view fragment_of(std::string_view url) {
  const std::size_t hash = url.find('#');
  return hash == std::string_view::npos ? std::string_view() : url.substr(hash + 1);
}

}  // namespace

std::string web_link(std::string_view base, std::string_view href) {
  if (href.find_first_not_of(" \t\r\n\f") == std::string_view::npos) return {};
  std::string link = markup::resolve_url(base, href);
  const std::string scheme = core::uri_scheme(link);
  const bool web = core::is_web_scheme(scheme) || (!scheme.empty() && scheme == core::uri_scheme(base));
  if (!web || !core::starts_with_ascii_nocase(link, scheme + "://")) return {};
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
