// feeds/formats.h
//
// The per-format parsers parse_feed dispatches to, one file each: they map a
// well-formed (or repaired) tree to a ParsedFeed. Internal to feeds/. Pure.
// Version, encoding and bozo are parse_feed's business, not theirs.

#pragma once

#include <string>

#include <pugixml.hpp>

#include "feeds/feed.h"

namespace omvarld::feeds {

// RSS 0.9x and 2.0 (rss20.cpp): `rss` is the <rss> element.
ParsedFeed parse_rss20(pugi::xml_node rss, const std::string& document_url);

// RSS 1.0 and 0.90, both RDF (rss10.cpp): `rdf` is the <rdf:RDF> element.
ParsedFeed parse_rss10(pugi::xml_node rdf, const std::string& document_url);

// Atom 1.0 and its draft, Atom 0.3 (atom10.cpp): `feed` is the <feed> element.
ParsedFeed parse_atom(pugi::xml_node feed, const std::string& document_url);

}  // namespace omvarld::feeds
