#include "sources/feed_discovery.h"

#include <algorithm>
#include <set>

#include <spdlog/spdlog.h>

#include "core/ascii.h"
#include "core/failure_kind.h"
#include "core/uri_scheme.h"
#include "feeds/parser.h"
#include "markup/html_text.h"
#include "markup/url.h"
#include "sources/html_document.h"
#include "sources/web_link.h"

namespace omvarld::sources {

namespace {

constexpr std::size_t kMaxAnchors = 10;

bool has_token(std::string_view list, std::string_view token) {
  const std::string lower = core::lowercase_ascii(list);
  std::size_t at = 0;
  while (at < lower.size()) {
    const std::size_t end = std::min(lower.find_first_of(" \t\r\n", at), lower.size());
    if (std::string_view(lower).substr(at, end - at) == token) return true;
    at = end + 1;
  }
  return false;
}

// The media types of feeds (RFC 4287 Atom, the RSS Advisory Board's RSS
// autodiscovery, JSON Feed 1.1). Plain application/json is left out on
// purpose: WordPress advertises its REST API with it on every page.
bool is_feed_type(std::string_view type) {
  const std::string lower = core::lowercase_ascii(type.substr(0, type.find(';')));
  return lower == "application/rss+xml" || lower == "application/atom+xml" ||
         lower == "application/rdf+xml" || lower == "application/feed+json" ||
         lower == "application/x.atom+xml" || lower == "application/x-rss+xml";
}

// An anchor that leads to a feed more often than not: "…/rss.xml",
// "…/feed/", "?feed=rss2", "…/feed.json", or the link text "RSS".
bool looks_like_feed_link(std::string_view href, std::string_view text) {
  const std::string url = core::lowercase_ascii(href);
  if (url.starts_with("mailto:") || url.starts_with("javascript:") || url.starts_with("#")) {
    return false;
  }
  const std::string words = core::lowercase_ascii(text);
  return url.find("rss") != std::string::npos || url.find("atom") != std::string::npos ||
         url.ends_with("/feed") || url.ends_with("/feed/") || url.find("/feed/") != std::string::npos ||
         url.find("feed=") != std::string::npos || url.find("feed.json") != std::string::npos ||
         words.find("rss") != std::string::npos;
}

}  // namespace

const char* found_by_name(FoundBy found_by) {
  switch (found_by) {
    case FoundBy::kLinkAlternate: return "link-alternate";
    case FoundBy::kAnchor: return "anchor";
    case FoundBy::kCommonPath: break;
  }
  return "common-path";
}

std::vector<FeedCandidate> feeds_on_page(std::string_view page, std::string_view page_url) {
  std::vector<FeedCandidate> found;
  auto document = HtmlPage::parse(page);
  auto links = XPath::compile("//link[@href]");
  auto anchors = XPath::compile("//a[@href]");
  auto text = XPath::compile(".");
  if (!document || !links || !anchors || !text) return found;
  // The <link>s are in the <head>, before any break; anchors after it are
  // not seen, and the coordinator is told so.
  if (!document->incomplete().empty()) {
    spdlog::warn("{}: the page cannot be read to its end: {}; feeds named after that point are not seen",
                 page_url, document->incomplete());
  }
  const std::string base = document->base_url(page_url);
  std::set<std::string> seen;
  const auto add = [&](const std::string& href, FoundBy by, std::string type, std::string title) {
    // Only what can be fetched: not mailto:, javascript:, "#" (web_link.h).
    std::string url = web_link(base, href);
    if (url.empty() || !seen.insert(markup::canonical_url(url)).second) return false;
    found.push_back({std::move(url), by, std::move(type), std::move(title)});
    return true;
  };
  for (const HtmlNode& link : document->select(*links)) {
    const std::string type = link.attribute("type");
    if (!has_token(link.attribute("rel"), "alternate") || !is_feed_type(type)) continue;
    add(link.attribute("href"), FoundBy::kLinkAlternate, type, link.attribute("title"));
  }
  std::size_t anchor_count = 0;
  for (const HtmlNode& anchor : document->select(*anchors)) {
    if (anchor_count == kMaxAnchors) break;
    const std::string href = anchor.attribute("href");
    const std::string words = anchor.text(*text).value_or("");
    if (!looks_like_feed_link(href, words)) continue;
    if (add(href, FoundBy::kAnchor, anchor.attribute("type"), words)) ++anchor_count;
  }
  return found;
}

std::vector<FeedCandidate> common_feed_locations(std::string_view page_url) {
  std::vector<FeedCandidate> found;
  if (!core::is_web_url(page_url)) return found;
  std::set<std::string> seen = {markup::canonical_url(page_url)};
  const auto add = [&](const std::string& base, std::string_view reference) {
    std::string url = markup::resolve_url(base, reference);
    if (seen.insert(markup::canonical_url(url)).second) {
      found.push_back({std::move(url), FoundBy::kCommonPath, {}, {}});
    }
  };
  // The page as a folder: "https://x.eu/en/news?page=2" -> "https://x.eu/en/news/".
  std::string folder(page_url.substr(0, page_url.find_first_of("?#")));
  if (!folder.ends_with("/")) folder += "/";
  if (markup::resolve_url(folder, "/") != folder) {
    for (std::string_view path : {"feed/", "rss", "rss.xml", "rss_sv", "rss_en"}) add(folder, path);
  }
  for (std::string_view path : {"/feed/", "/rss", "/rss.xml", "/feed.xml", "/atom.xml",
                                "/index.xml", "/?feed=rss2", "/rss_sv", "/rss/sv", "/sv/rss"}) {
    add(folder, path);
  }
  return found;
}

Result<CandidateFeed, SourceFailure> read_candidate(std::string_view body, const std::string& url,
                                                    const std::string& content_type) {
  auto parsed = feeds::parse_feed(body, feeds::DocumentHints::at(url, content_type));
  if (!parsed) return tl::unexpected(SourceFailure{core::FailureKind::kNotAFeed, parsed.error().message});
  return CandidateFeed{parsed->version, markup::html_to_text(parsed->title.value), parsed->entries.size()};
}

}  // namespace omvarld::sources
