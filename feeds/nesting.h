// feeds/nesting.h
//
// How deep the feed readers follow nested elements, shared by every walk
// over a document's elements (feed_reader, extensions, the search for a
// feed inside an XHTML page) and by the straight path (straight_items.h),
// which must decline whatever the general path would not read as written.
// Internal to feeds/.

#pragma once

namespace omvarld::feeds {

// The deepest element the readers walk into, counted from the document
// element (depth 1): in RSS the channel is 2, an item 3, its description 4,
// HTML written as elements inside the description 5 and on. Real feeds stay
// far below (HTML from word processors nests tables a few dozen deep), and
// libxml2 refuses documents past 256 by default. A hostile document nests
// tens of thousands deep; a walk that followed it recursively would
// overflow the stack. Deeper elements are not walked: feed_reader takes the
// text inside them as the text of the element at this depth and flags the
// document bozo; the extension readers leave them out; the straight path
// declines.
inline constexpr int kMaxElementDepth = 256;

}  // namespace omvarld::feeds
