// web/feed_item.h
//
// What the calendar (web/icalendar.h) and the Atom feed (web/atom_out.h)
// both say about an item: when it last changed, a short plain excerpt of its
// text, and bytes made safe for an identifier. Pure.

#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/item.h"
#include "storage/item_queries.h"

namespace omvarld::web {

inline constexpr std::size_t kFeedExcerptLength = 280;  // code points, as in a digest

// When the feed last changed the item: its updated_at, else when first seen.
core::TimePoint changed_at(const storage::NamndItem& item);

// `text` made safe (core::safe_text), on one line (whitespace collapsed),
// and when longer than `max_length` code points cut at the last space before
// that (or hard, for one long word) and ended with "…".
std::string feed_excerpt(std::string_view text, std::size_t max_length = kFeedExcerptLength);


}  // namespace omvarld::web
