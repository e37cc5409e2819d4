// storage/intake_rules.h
//
// What store_poll decides about the new items of a poll, as pure rules so
// they can be read and tested apart from SQL. Internal to storage/.
//
// Old news: a new source, or a source whose ids all change at once, brings
// items that are not news. Such a match is stored but held: it stays
// queryable and is never put in a digest. Undated items are never held.
//
// Floods: a poll that brings an unusual number of new items from one source
// is recorded (ItemStore::floods_since) so the coordinators hear of it.

#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "core/item.h"

namespace omvarld::storage {

// A nämnd that never had a digest still gets items dated this far back,
// unless the poll says otherwise (PollRecord::first_digest_reach).
inline constexpr std::chrono::days kFirstDigestReach{14};

// Publishers often date an item (or only its day) hours before it shows up
// in their feed; an item dated less than this before the last digest is
// still news.
inline constexpr std::chrono::hours kLateArrivalGrace{24};

// Whether a new match for a nämnd is held: its item is dated before the
// nämnd's last digest (less kLateArrivalGrace), or, when the nämnd never had
// one, more than `first_digest_reach` before `stored_at`.
bool is_old_news(std::optional<core::TimePoint> published,
                 std::optional<core::TimePoint> last_digest, core::TimePoint stored_at,
                 std::chrono::seconds first_digest_reach = kFirstDigestReach);

// More than this many new items in one poll is always a flood.
inline constexpr int kFloodAlways = 100;
// A source with at least kFloodHistory earlier polls that brought new items
// floods when a poll brings more than kFloodFactor times the median of those
// (the last 20), and more than kFloodMinimum. Polls that brought nothing
// are left out of the median: most polls of most feeds bring nothing.
inline constexpr int kFloodHistory = 5;
inline constexpr int kFloodFactor = 10;
inline constexpr int kFloodMinimum = 20;

// Whether `new_items` is a flood, given the new-item counts of the source's
// earlier polls that brought any (any order).
bool is_flood(int new_items, std::vector<int> earlier_counts);

}  // namespace omvarld::storage
