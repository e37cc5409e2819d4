// cli/explanation.h
//
// Why an item matched, as the command line prints it after "varför:": the
// terms as configured, each followed by the words it found in the item when
// they are not the term itself, and "i rubriken" for a term found in the
// title ("förskola (förskolelärare), Erasmus+ (i rubriken)"). Pure.

#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/item.h"
#include "core/translate.h"
#include "filters/tokenize.h"

namespace omvarld::cli {

namespace explanation_detail {

// The words of `text` as the filters fold them, so that "Förskola" is the
// term förskola itself and needs no mention.
inline std::string folded_words(std::string_view text) {
  std::string out;
  for (const filters::Token& token : filters::tokenize(text, filters::Field::kTitle)) {
    if (token.length != 1) continue;  // a compound's parts follow it
    if (!out.empty()) out += ' ';
    out += token.word;
  }
  return out;
}

}  // namespace explanation_detail

inline std::string explain(const core::Match& match) {
  std::string out;
  for (std::size_t i = 0; i < match.terms.size(); ++i) {
    const std::string& term = match.terms[i];
    if (!out.empty()) out += ", ";
    out += term;
    const std::string term_words = explanation_detail::folded_words(term);
    std::vector<std::string> notes;
    if (i < match.found_words.size()) {
      for (const std::string& word : match.found_words[i]) {
        if (explanation_detail::folded_words(word) != term_words) notes.push_back(word);
      }
    }
    const bool in_title =
        std::find(match.title_terms.begin(), match.title_terms.end(), term) != match.title_terms.end();
    if (in_title) notes.emplace_back(core::tr("in the title"));
    if (notes.empty()) continue;
    out += " (";
    for (std::size_t n = 0; n < notes.size(); ++n) out += (n ? "; " : "") + notes[n];
    out += ")";
  }
  return out;
}

}  // namespace omvarld::cli
