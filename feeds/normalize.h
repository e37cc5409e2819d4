// feeds/normalize.h
//
// From a parsed document to the pipeline's Items: plain text from HTML,
// absolute links, and the item's identity within its source. Pure.

#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/item.h"
#include "feeds/feed.h"

namespace omvarld::feeds {

// One Item per entry, in document order. Identity (Item::key) is decided
// here and only here: the entry id, else its link, else a hash of title and
// date (DESIGN.md, "Storage and delivery semantics").
std::vector<core::Item> normalize(const ParsedFeed& feed, const core::SourceId& source);

// Plain text of an HTML fragment: tags removed (script and style with their
// content), entities decoded, whitespace collapsed to single spaces, trimmed.
std::string html_to_text(std::string_view html);

}  // namespace omvarld::feeds
