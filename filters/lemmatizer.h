// filters/lemmatizer.h
//
// A Lemmatizer knows the base forms of words, so that a term and an item
// word match when they are inflections of one another: "förskolornas" →
// "förskola", "municipalities" → "municipality". The matcher asks for every
// term once when it compiles and for every distinct item word when it
// classifies; implementations cache and are safe to call from several
// threads at once.

#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace omvarld::filters {

class Lemmatizer {
 public:
  virtual ~Lemmatizer() = default;

  // The base forms of `word` — folded as tokenize() folds, and so are the
  // results — other than `word` itself; empty for a word it does not know
  // or one that is its own base form.
  virtual std::vector<std::string> lemmas(std::string_view word) const = 0;
};

}  // namespace omvarld::filters
