// feeds/straight_items.h
//
// The straight path of parse_items for the commonest documents a poll
// meets: RSS 2.0, RSS 1.0 and Atom 1.0 that are well-formed as they stand,
// declare their namespaces on the root (or, in RSS 2.0, the channel), and
// whose items (entries) hold only elements with a simple meaning, each
// holding text:
//
//   RSS 2.0  title, link, guid, dates, description, content:encoded,
//            category, author, enclosure, extension elements;
//   RSS 1.0  the same, the items after the channel, each with its
//            rdf:about or none;
//   Atom 1.0 title, summary and content of type text or html, link with an
//            href, id, dates, author and contributor (name, email, uri),
//            category, extension elements.
//
// Such a document is read in one pass over its text, with no tree and no
// element stack, into the same Items, bozo and all, as the general path
// (parser.h, feed_reader.h) makes of it. For anything else (another
// format, a repair the document needs, a DOCTYPE, xml:base, markup inside
// a field, XHTML content, a repeated description) it declines, and the
// general path reads the document. Internal to feeds/. Pure.

#pragma once

#include <optional>
#include <string_view>

#include "feeds/feed_items.h"

namespace omvarld::feeds {

// The Items of `body` when it is such a document; std::nullopt when it is
// not, having returned nothing: the caller then takes the general path.
std::optional<FeedItems> straight_items(std::string_view body, const DocumentHints& hints,
                                        const core::SourceId& source, ItemIdentity identity);

}  // namespace omvarld::feeds
