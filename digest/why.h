// digest/why.h
//
// The words of an entry's "varför:" line: what an official recognises from
// the item, not the filter language. A term that recorded the words it
// found shows them as they stood ("Förskolelärare", "Erasmus+", "sociala
// ekonomin"); one stored before omvarld kept them shows its own words
// without the syntax (`förskol*` → "förskol", `"social ekonomi"` → "social
// ekonomi", `title:=EU` → "EU"). Pure.

#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace omvarld::digest {

// How many words one "varför:" line names: the first ones say why; an item
// that hits twenty terms needs no twenty words.
inline constexpr std::size_t kMaxWhyWords = 8;

// `term` as plain words: without "title:", "=", "*" and quotes, spaces
// collapsed. "" when nothing is left.
std::string term_as_words(std::string_view term);

// The "varför:" words of an entry: for each term in order, the words it
// found (found_words[i], when there is such a list and it is not empty),
// else term_as_words(term); each one line, once regardless of case, at most
// kMaxWhyWords.
std::vector<std::string> why_words(const std::vector<std::string>& terms,
                                   const std::vector<std::vector<std::string>>& found_words);

}  // namespace omvarld::digest
