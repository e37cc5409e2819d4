// filters/term.h
//
// One term of the filter language, parsed, and how it matches an item's
// words. Syntax (docs/reference.md, "Filter language"):
//
//   word        the word and its inflections (through inflect()), case-insensitively,
//               and the compounds that begin with it (see compound_heads())
//   =word       exactly the word, never inflected
//   pre*        a word starting with "pre";  *suf  ending with "suf" (or
//               whose base form does: "grundskolan" for *skola);
//   *in*        a word containing "in"
//   "a phrase"  the words in this order, adjacent, across punctuation
//   title:T     T, only in the title
//
// Pure functions and plain values.

#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "filters/filter_spec.h"
#include "filters/lemmatizer.h"
#include "filters/tokenize.h"

namespace omvarld::filters {

enum class TermKind { kWord, kPrefix, kSuffix, kInfix, kPhrase };

struct TermPattern {
  TermKind kind = TermKind::kWord;
  bool exact = false;       // written with '='
  bool title_only = false;  // written with "title:"
  // Folded: the word; the fragment without its '*'; or the phrase's words.
  std::vector<std::string> words;
  // By index into `words`: each word's base forms, once inflect() has looked
  // them up; a word also matches every item word that shares one of them.
  std::vector<std::vector<std::string>> lemmas;

  friend bool operator==(const TermPattern&, const TermPattern&) = default;
};

// What is wrong with a term or query, at byte `offset` of its text.
struct Problem {
  std::string message;
  std::size_t offset = 0;

  friend bool operator==(const Problem&, const Problem&) = default;
};

// How many words a phrase may have. Phrases name a thing in a few words
// ("social ekonomi", "Connecting Europe Facility"); an item is searched for
// a phrase from each of its words, so a phrase as long as the item would
// make classifying it quadratic.
inline constexpr std::size_t kMaxPhraseWords = 32;

// Parses one term; surrounding spaces are ignored. Fails for an empty term,
// a lone "*", a '*' inside a word or phrase, an unterminated quote, spaces
// outside quotes, characters that cannot be part of a word, and a phrase
// of more than kMaxPhraseWords words (at its opening quote).
Result<TermPattern, Problem> parse_term(std::string_view text);

// An operator written between the words of an `any` or `none` term, where
// each term stands alone ("skola AND förskola", "skola INTE högskola"): a
// Problem at the operator that says where it belongs — the terms apart, a
// `none` term, or a `query` — in the writer's own words; nullopt for any
// other term. Words inside quotes are never operators.
std::optional<Problem> operator_in_list_term(std::string_view text);

// Looks up the base forms of a word or phrase term's words, so that it
// matches their inflections ("förskola" finds "förskolornas") and, for a
// word term, the compounds that begin with it. Exact terms and wildcards
// stay as they are.
void inflect(TermPattern& pattern, const Lemmatizer& lemmatizer);

// How short a word term, and the rest of a compound after it, may be, in
// letters: shorter terms ("EU", "lag") would find chance beginnings
// ("europa", "lagret"); write `lag*` for those.
inline constexpr std::size_t kMinCompoundTerm = 4;
inline constexpr std::size_t kMinCompoundRest = 3;
// Bytes: no dictionary word is longer, and a longer rest is not looked up.
inline constexpr std::size_t kMaxCompoundRest = 100;

// The ways an inflected word term may begin a Swedish compound: itself and
// through the linking forms — an added -s, and for a word of more than
// kMinCompoundTerm letters that ends in a vowel, its stem without it, alone
// or with -e, -o, -u or -s ("förskola" →
// "förskol", "förskole": förskollärare, förskoleklass; "äldreomsorg" →
// "äldreomsorgs": äldreomsorgsnämnden; "gata" → "gatu": gatubelysning).
// Empty for exact terms, wildcards, phrases, terms not inflected, terms of
// fewer than kMinCompoundTerm letters and terms with digits. A compound
// never ends with the term: `skola` does not find "högskola" (that is
// `*skola`).
std::vector<std::string> compound_heads(const TermPattern& pattern);

// True when item word `word` is `head` followed by a word the lemmatizer
// of `words` knows, of at least kMinCompoundRest letters and no digits
// ("förskole" + "lärare"), so that a chance ending ("förskol" + "orna") is no
// compound.
bool is_compound_of(std::string_view word, std::string_view head, const ItemWords& words);

// `problem` as a kInvalidQuery error "KEY: message" located in `written`: at
// column where.column + 1 + the characters before offset (filter_spec.h).
Error locate(const Problem& problem, std::string_view key, const Term& written);

// True when `pattern` matches the words of `words` that begin with `first`
// (which must be one of words.tokens()): its word or fragment matches
// first.word, the rest of a phrase follows it, and a title-only pattern is
// in the title. A word matches an item word that is the same word or, unless
// the term is exact, shares a base form with it (the item's from
// ItemWords::add_lemmas, the term's from inflect()); a word term also
// matches a compound that begins with it (compound_heads()).
bool matches_at(const TermPattern& pattern, const ItemWords& words, const Token& first);

// True when `pattern` matches anywhere in `words`.
bool matches(const TermPattern& pattern, const ItemWords& words);

}  // namespace omvarld::filters
