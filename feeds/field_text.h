// feeds/field_text.h
//
// What the reader does to the text of every field when its element ends,
// shared by the general reader (feed_reader.h) and the straight path
// (straight_items.h): trimming, feedparser's guess that plain text is HTML,
// and its repairs of mis-decoded text. Internal to feeds/. Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::feeds {

// A letter, digit or underscore (Python's \w in ASCII).
bool word_char(char c);

// feedparser's guess that nominally plain RSS text is HTML: a close tag or
// an entity reference, every tag a known HTML element, every entity known.
bool looks_like_html(std::string_view s);

// Whether `s` is UTF-8 as feedparser's decoder takes it.
bool valid_utf8(std::string_view s);

// UTF-8 that was read as ISO-8859-1 and encoded again ("Ã©" for "é"):
// undone when the whole text survives the round trip.
void repair_double_utf8(std::string& s);

// The C1 controls mapped to what windows-1252 puts there, as feedparser does.
void translate_cp1252(std::string& s);

// trim_space (core/ascii.h) without a copy.
void trim_in_place(std::string& text);

}  // namespace omvarld::feeds
