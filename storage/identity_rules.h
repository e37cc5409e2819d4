// storage/identity_rules.h
//
// How store_poll recognises an item it already has under another key, as
// pure rules so they can be read and tested apart from SQL. Internal to
// storage/.
//
// The same story: two items share a canonical link (Item::canonical_link),
// or a title-day key: the same normalized title, published on the same UTC
// day. Within a source this recognises an item whose id changed (an id
// rotation); across sources it folds the same story into one digest entry.
//
// An id rotation: a poll of a source that already has items brings at
// least kRotationMinimum items, none of whose keys is known, while at least
// kRotationShare of them are the same story as a stored item of the source.
// Those are re-keyed, not stored again.

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/item.h"

namespace omvarld::storage {

// A title needs this many words to identify a story by title and day:
// "Nyhetsbrev" or "Pressmeddelande" on one day is not one story.
inline constexpr int kTitleDayMinimumWords = 3;

// "2026-11-27 erasmus öppnar ny utlysning": the UTC day of publication and
// the title lower-cased (ASCII and the Latin-1 letters: Å, Ä, Ö, É), every
// other ASCII character but letters and digits a word break, words joined
// by one space. "" when the item is undated or its title has fewer than
// kTitleDayMinimumWords words.
std::string title_day_key(std::string_view title, std::optional<core::TimePoint> published);

// What the store indexes a canonical link or a title-day key by (table
// story_keys, schema 14): its 64-bit FNV-1a hash, as SQLite's signed
// integer. An index of 8-byte numbers has a fraction of the pages of one
// of whole URLs and titles, so a poll's inserts dirty fewer of them. Two
// keys may share a hash: every look-up compares the text as well.
// std::nullopt for "", which names no story.
std::optional<std::int64_t> story_key_hash(std::string_view key);

inline constexpr int kRotationMinimum = 3;
inline constexpr double kRotationShare = 0.8;

// Whether a poll is an id rotation: `polled` distinct keys, none known
// (`known` == 0), the source had `stored` items before, and `recognised`
// of the polled items are the same story as one of them.
bool is_id_rotation(int polled, int known, std::int64_t stored, int recognised);

}  // namespace omvarld::storage
