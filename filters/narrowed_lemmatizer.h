// filters/narrowed_lemmatizer.h
//
// A Lemmatizer narrowed, when a configuration is compiled, to what its terms
// can use, so that classifying an item asks the dictionary about the few
// words that could be an inflection of a term and about no other. A base
// form matters to the matcher only when it is a word term's or phrase
// word's own word or base form, or ends with a `*suffix` term's fragment;
// and a base form keeps all but the last kMaxChangedEnd bytes of itself at
// the start of its word (lemmatizer.h). So an item word is looked up only
// when it begins with such a form less those bytes and is at most
// kMaxEnding bytes longer than the form, or holds a suffix fragment less
// those bytes; every other word has, for these terms, no base form.
//
// The answers equal the wrapped lemmatizer's, less the base forms no term
// can use, so a Matcher classifies alike with either. knows() is the
// wrapped lemmatizer's: the matcher asks it only for the rest of a word
// that begins like a word term (a compound).

#pragma once

#include <memory>
#include <span>

#include "filters/lemmatizer.h"
#include "filters/term.h"

namespace omvarld::filters {

// `patterns` inflected already (inflect()). Null for a null `dictionary`.
std::shared_ptr<const Lemmatizer> narrow_lemmatizer(std::span<const TermPattern> patterns,
                                                    std::shared_ptr<const Lemmatizer> dictionary);

}  // namespace omvarld::filters
