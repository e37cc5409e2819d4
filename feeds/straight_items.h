// feeds/rss_items.h
//
// The straight path of parse_items for the commonest document a poll meets:
// RSS 2.0 that is well-formed as it stands, declares its namespaces on
// <rss>, and whose items hold only elements with a simple meaning (title,
// link, guid, dates, description, content:encoded, category, author,
// enclosure, extension elements), each holding text. Such a document is read
// in one pass over its text, with no tree and no element stack, into the
// same Items, bozo and all, as the general path (parser.h, feed_reader.h)
// makes of it. For anything else (another format, a repair the document
// needs, a DOCTYPE, xml:base, markup inside a field, a repeated description)
// it declines, and the general path reads the document. Internal to feeds/.
// Pure.

#pragma once

#include <optional>
#include <string_view>

#include "feeds/feed_items.h"

namespace omvarld::feeds {

// The Items of `body` when it is such a document; std::nullopt when it is
// not, having returned nothing: the caller then takes the general path.
std::optional<FeedItems> rss_items(std::string_view body, const DocumentHints& hints,
                                   const core::SourceId& source, ItemIdentity identity);

}  // namespace omvarld::feeds
