#include "feeds/feed_items.h"

#include <utility>

#include "feeds/straight_items.h"

namespace omvarld::feeds {

Result<FeedItems> parse_items(std::string_view body, const DocumentHints& hints,
                              const core::SourceId& source, ItemIdentity identity) {
  if (std::optional<FeedItems> straight = straight_items(body, hints, source, identity)) return std::move(*straight);
  ItemNormalizer normalizer(source, identity);
  auto parsed = parse_feed_for_items(body, hints, [&](ParsedEntry&& entry) { normalizer.add(std::move(entry)); });
  if (!parsed) return unexpected(parsed.error());
  FeedItems result;
  result.items = std::move(normalizer).finish();
  result.bozo = parsed->bozo;
  result.bozo_reason = std::move(parsed->bozo_reason);
  result.unread = std::move(parsed->unread);
  return result;
}

}  // namespace omvarld::feeds
