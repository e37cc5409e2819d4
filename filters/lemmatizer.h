// filters/lemmatizer.h
//
// A Lemmatizer knows the base forms of words, so that a term and an item
// word match when they are inflections of one another: "förskolornas" →
// "förskola", "municipalities" → "municipality", and which words it knows,
// so that a compound's rest can be told from a chance ending. The matcher
// asks for every term once when it compiles and for every distinct item
// word when it classifies; implementations cache and are safe to call from
// several threads at once.

#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace omvarld::filters {

// What a base form keeps of its word: all but at most kMaxChangedEnd bytes
// of the base form's end begin the word, which adds at most kMaxEnding
// bytes after them ("förskol|ornas" from "förskol|a"). A lemmatizer returns
// no other base forms, so a word that begins otherwise cannot be an
// inflection of a given term (filters/narrowed_lemmatizer.h relies on it).
inline constexpr std::size_t kMaxChangedEnd = 3;
inline constexpr std::size_t kMaxEnding = 7;  // "ornas", "arnas", "ernas" with room for ä/ö

class Lemmatizer {
 public:
  virtual ~Lemmatizer() = default;

  // The base forms of `word` — folded as tokenize() folds, and so are the
  // results — other than `word` itself; empty for a word it does not know
  // or one that is its own base form.
  virtual std::vector<std::string> lemmas(std::string_view word) const = 0;

  // True when `word` (folded) is a word of the language that forms
  // compounds (Swedish) or an inflection of one: "lärare", "nämnden",
  // "anpassning". A lemmatizer without a word list knows none, and then no
  // compound is found.
  virtual bool knows(std::string_view word) const {
    (void)word;
    return false;
  }

  // What lemmas() has answered so far, word → base forms (none: the word is
  // its own or unknown), and answers given by an earlier process to take as
  // this one's: app/stem_cache.h keeps them between processes, so that a
  // start compiles thousands of terms without asking the dictionary again.
  // A lemmatizer without a cache has none and learns nothing.
  using Answers = std::vector<std::pair<std::string, std::vector<std::string>>>;
  virtual Answers answers() const { return {}; }
  virtual void learn(const Answers& answers) const { (void)answers; }

  // Frees what it loads again when next asked about a word it has not
  // answered (the dictionaries, a fifth of a second and 24 MB), keeping its
  // answers: the daemon holds no dictionary between polls.
  virtual void unload() const {}
};

}  // namespace omvarld::filters
