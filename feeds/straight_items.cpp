// The straight path's entry (straight_items.h): the document decoded, or
// read in place when it is UTF-8 as written, then read by StraightReader
// (straight_reader.h), which takes RSS 2.0, RSS 1.0 or Atom 1.0 by its root.

#include "feeds/straight_items.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/ascii.h"
#include "feeds/encoding.h"
#include "feeds/normalize.h"
#include "feeds/parser.h"
#include "feeds/straight_reader.h"

namespace omvarld::feeds {

std::optional<FeedItems> straight_items(std::string_view body, const DocumentHints& hints,
                                        const core::SourceId& source, ItemIdentity identity) {
  // Most feeds are UTF-8 and say so: read in place, without a decoded
  // copy, and checked as the reader goes.
  DecodedDocument decoded;
  std::string_view text;
  bool checked = false;
  if (const std::optional<std::string_view> as_written = utf8_as_written(body, hints.content_type)) {
    text = *as_written;
    decoded.encoding = "utf-8";
  } else {
    decoded = decode_document(body, hints.content_type);
    // A problem makes the document bozo.
    if (!decoded.problem.empty()) return std::nullopt;
    text = decoded.text;
    checked = true;
  }
  const std::size_t space = std::min(text.size(), text.find_first_not_of(" \t\r\n"));
  ItemNormalizer normalizer(source, identity);
  const bool utf8 = core::lowercase_ascii(decoded.encoding) == "utf-8";
  straight_reader::StraightReader reader(text, space, checked, document_base(hints), utf8, normalizer);
  if (!reader.read()) return std::nullopt;
  FeedItems result;
  result.items = std::move(normalizer).finish();
  return result;
}

}  // namespace omvarld::feeds
