// feeds/feed_reader.h
//
// Reads the elements of any feed format (RSS 0.9x/1.0/2.0, Atom 0.3/1.0,
// CDF) into a ParsedFeed the way feedparser's element handlers do: one walk
// over the tree in document order, each element dispatched on its
// namespace-normalised name (Dublin Core, content:encoded, xhtml:body,
// creativeCommons are read here too), with feedparser's precedence rules
// when an element repeats, xml:base and xml:lang inheritance, and text
// constructs made into Text details. Extension namespaces (itunes, media,
// georss, psc) are left to extensions.h; other unknown elements go to
// `extras` under feedparser's prefix_localname key. Internal to feeds/. Pure.

#pragma once

#include <string>

#include <pugixml.hpp>

#include "feeds/feed.h"

namespace omvarld::feeds {

struct ReadOptions {
  std::string version;           // feedparser's id, from parse_feed's detection
  std::string base_url;          // the document's base URI ("" when unknown)
  std::string default_language;  // HTTP Content-Language, "" when none
  std::string encoding;          // the encoding the text was decoded from
  // The caller reads only the plain text of HTML summaries and contents
  // (parse_feed_for_items): markup whose text the sanitizer would keep as
  // it is is stored unsanitized.
  bool plain_text_only = false;
};

// `root` is the feed element (<rss>, <rdf:RDF>, <feed>, <channel>). One
// ParsedEntry per item/entry element, in document order. Leaves version,
// encoding and bozo to the caller. With `on_entry`, entries go to it when
// their element ends (an item nested in another, when the outer one ends)
// and the returned feed's `entries` stays empty: a reader that keeps only
// one entry at a time, with the same entries as without. Each element whose
// entries were handed over is then removed from the tree, to free it early.
ParsedFeed read_feed(pugi::xml_node root, const ReadOptions& options, const EntrySink& on_entry = {});

}  // namespace omvarld::feeds
