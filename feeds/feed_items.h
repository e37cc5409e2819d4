// feeds/feed_items.h
//
// A feed document's Items in one pass, as a poll needs them: parse_feed and
// normalize with the entries handed from one to the other as the reader
// finishes them, so no document-sized ParsedFeed is ever held. Pure.

#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/item.h"
#include "core/result.h"
#include "feeds/normalize.h"
#include "feeds/parser.h"

namespace omvarld::feeds {

struct FeedItems {
  std::vector<core::Item> items;
  bool bozo = false;        // as ParsedFeed::bozo
  std::string bozo_reason;  // as ParsedFeed::bozo_reason
  // As ParsedFeed::unread: "" when the whole document was read, else why
  // not, and the items after that point are missing. The poll should then
  // store the items it has and mark the source failing with this reason.
  std::string unread;
};

// The same Items, in the same order, as normalize(*parse_feed(body, hints),
// source, identity), and the same failure when the body holds no feed.
Result<FeedItems> parse_items(std::string_view body, const DocumentHints& hints,
                              const core::SourceId& source, ItemIdentity identity = ItemIdentity::kId);

}  // namespace omvarld::feeds
