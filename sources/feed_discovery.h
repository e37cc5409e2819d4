// sources/feed_discovery.h
//
// Where a web page's feeds are, so a coordinator tries a feed before
// writing a [source.html] profile: the feeds the page advertises, the links
// in it that look like feeds, and the paths where sites commonly keep them.
// Pure: `omvarld source discover` (cli/cmd_source.cpp) fetches the page
// and every candidate and checks each with read_candidate, which reads it
// as the poll reads a kind = "feed" source: a format the poll cannot read
// is never recommended.

#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "sources/source_items.h"

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
// most ten <a href> whose URL or text says RSS, Atom or feed (feed.json too). Links resolve
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

// A document that is a feed the poll can read.
struct CandidateFeed {
  std::string version;  // feeds::ParsedFeed::version: "rss20", "atom10", …
  std::string title;    // as text
  std::size_t items = 0;
};

// Reads `body`, fetched from `url` with `content_type`, with the reader
// a kind = "feed" source is polled with (feeds::parse_feed, of which
// feeds::parse_items is the one-pass form: RSS, RDF, Atom, CDF and JSON
// Feed). Anything else fails with kind kNotAFeed and the reader's
// one-line reason.
Result<CandidateFeed, SourceFailure> read_candidate(std::string_view body, const std::string& url,
                                                    const std::string& content_type);

}  // namespace omvarld::sources
