// filters/term_index.h
//
// TermIndex finds which of many terms an item's words match, and where,
// without looping over the terms: word and phrase terms are kept in hash
// tables under their first word and each of its base forms, wildcard terms
// under their fragment, word terms also under the forms that begin a
// compound (compound_heads()); an item word is looked up under itself, its
// base forms, and those of its prefixes, suffixes and inner pieces whose
// length some wildcard term or compound head has. The cost per item grows with its words (and the
// spread of fragment lengths), not with the number of terms.
//
// Built once by add(), then read-only: safe to share between threads.

#pragma once

#include <cstddef>
#include <memory>
#include <unordered_map>
#include <vector>

#include "filters/term.h"
#include "filters/tokenize.h"

namespace omvarld::filters {

using TermId = std::size_t;

// Where a term matched, as bits: in the title, in the summary or content.
enum Place : unsigned { kInTitle = 1U, kInText = 2U };

// How many distinct words of an item one term's hit keeps: enough to say
// why ("förskolan, förskolelärare"), bounded however often it matched.
inline constexpr std::size_t kMaxFoundWords = 3;

// Where a term matched, and the first distinct words it matched (by folded
// word, title before text), which point into the ItemWords matched.
struct TermHit {
  unsigned places = 0;  // Place bits
  std::vector<const Token*> found;

  // True while `token` would add a word not kept yet and there is room.
  bool wants(const Token& token) const;
  // Records a match at `token`, which is in `place`.
  void add(unsigned place, const Token& token);
};

// The terms that matched, each with where it did.
using TermHits = std::unordered_map<TermId, TermHit>;

class TermIndex {
 public:
  TermIndex();
  TermIndex(TermIndex&&) noexcept;
  TermIndex& operator=(TermIndex&&) noexcept;
  ~TermIndex();

  // Adds a parsed term (inflected already, if it is to match inflections).
  // Ids count from 0 in the order of adding.
  TermId add(TermPattern pattern);

  const TermPattern& pattern(TermId id) const;
  std::size_t size() const;

  // Every term that matches `words` (with their lemmas, if added), where,
  // and the first words it matched.
  TermHits match(const ItemWords& words) const;

 private:
  struct Tables;
  std::unique_ptr<Tables> tables_;
};

}  // namespace omvarld::filters
