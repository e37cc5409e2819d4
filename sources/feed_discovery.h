// sources/feed_discovery.h
//
// Where a web page's feeds are, so a coordinator tries a feed before
// writing a [source.html] profile: the feeds the page advertises, the links
// in it that look like feeds, and the paths where sites commonly keep them.
// Pure: `omvarld source discover` (cli/cmd_source.cpp) fetches the page
// and every candidate and checks each with feeds::parse_feed.

#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace omvarld::sources {

enum class FoundBy {
  kLinkAlternate,  // <link rel="alternate" type="application/rss+xml" href="…">
  kAnchor,         // <a href="…/rss.xml">RSS</a>
  kCommonPath,     // not on the page: where CMSs usually put one
};

// "link-alternate", "anchor", "common-path": as `source discover --json` prints it.
const char* found_by_name(FoundBy found_by);

struct FeedCandidate {
  std::string url;    // absolute
  FoundBy found_by = FoundBy::kCommonPath;
  std::string type;   // the advertised media type, "" when none was
  std::string title;  // the advertised title or the anchor's text, "" when none
};

// The feeds `page` names, each URL once, in page order: first every
// <link rel="alternate"> whose type is RSS, Atom, RDF or JSON Feed, then at
// most ten <a href> whose URL or text says RSS, Atom or feed. Links resolve
// against the page's <base href> and `page_url`; only http(s) URLs (or
// ones of `page_url`'s own scheme) are candidates. A page that is not HTML
// yields {}; of a page libxml2 stops reading part-way, the part before the
// break is read and a warning logged.
std::vector<FeedCandidate> feeds_on_page(std::string_view page, std::string_view page_url);

// Where sites commonly keep their feeds, for a page that names none: under
// the page's own path (…/news/feed/, …/news/rss_sv: WordPress categories,
// Drupal views, the EU institutions' language suffixes) and at the site's
// root (/feed/, /rss, /rss.xml, /feed.xml, /atom.xml, /index.xml,
// /?feed=rss2, /rss_sv, /rss/sv, /sv/rss), each once and never `page_url`
// itself. {} for a URL that is not http(s), such as a saved file://.
std::vector<FeedCandidate> common_feed_locations(std::string_view page_url);

}  // namespace omvarld::sources
