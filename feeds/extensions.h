// feeds/extensions.h
//
// The namespaced extension elements of a feed (iTunes, Media RSS, GeoRSS and
// GML, Podlove Simple Chapters, FeedBurner, threading, wfw, slash, …) read
// into ParsedFeed::extras and each ParsedEntry::extras under feedparser's
// key names. A separate pass over the tree after the format parser ran, so
// the format files stay about their own elements. Internal to feeds/. Pure.

#pragma once

#include <string>

#include <pugixml.hpp>

#include "feeds/feed.h"

namespace omvarld::feeds {

// `root` is the document's feed element (<rss>, <rdf:RDF> or <feed>);
// `feed.entries` are its items in document order, one per item element.
void read_extensions(pugi::xml_node root, const std::string& document_url, ParsedFeed& feed);

}  // namespace omvarld::feeds
