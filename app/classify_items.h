// app/classify_items.h
//
// A source's new items classified side by side: the poll hands them over
// all at once (storage::SourcePolls::ClassifyItems) and they are shared out
// to the machine's cores, item by item. A Matcher is safe to use from
// several threads (filters/matcher.h), and an item's classification does
// not depend on another's, so the answers are those of one thread, in the
// same order.

#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/item.h"
#include "filters/matcher.h"

namespace omvarld::app {

// Below this many items a second thread costs more than it saves.
inline constexpr std::size_t kItemsWorthAThread = 8;

// How many threads classify_items uses by default: the cores, at most 4
// (the items share the lemmatizer's lock).
unsigned classifying_threads();

// The nämnder each of `items` concerns (Matcher::classify), in order, on
// up to `threads` threads, the caller's among them. An exception from any
// item is thrown here once every thread has stopped; when no thread can be
// started, the caller's does all.
std::vector<std::vector<core::Match>> classify_items(const filters::Matcher& matcher,
                                                     std::span<const core::Item* const> items,
                                                     unsigned threads = classifying_threads());

}  // namespace omvarld::app
