// filters/tokenize.h
//
// Splits an item's plain text into the words the filter language matches on.
// A word is a run of letters and digits, case-folded ("Förskolan" →
// "förskolan"); '+' directly after a word belongs to it ("Erasmus+", "C++");
// a hyphenated compound yields itself and its parts ("EU-kommissionen" →
// "eu-kommissionen", "eu", "kommissionen"). Pure functions.

#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "filters/lemmatizer.h"

namespace omvarld::filters {

enum class Field { kTitle, kSummary, kContent };

struct Token {
  std::string word;  // folded
  Field field = Field::kTitle;
  int position = 0;  // index of its first simple word within the field
  int length = 1;    // simple words it spans: 1, or a compound's part count
  // Where it stood in its field's text, in bytes [begin, end): the word as
  // written, case and hyphens kept ("Förskolelärare", "EU-kommissionen").
  std::size_t begin = 0;
  std::size_t end = 0;

  friend bool operator==(const Token&, const Token&) = default;
};

// The words of `text` in order; a compound comes before its parts. Parts
// occupy consecutive positions and the compound spans them all, so a phrase
// can continue after either ("EU-kommissionen föreslår").
std::vector<Token> tokenize(std::string_view text, Field field);

// The words of one item's title, summary and content, ordered by field and
// position, so a phrase can look up what follows a word; with their base
// forms once add_lemmas() has looked them up. It keeps views of the texts
// it was given, which must outlive it.
class ItemWords {
 public:
  ItemWords(std::string_view title, std::string_view summary, std::string_view content);

  const std::vector<Token>& tokens() const { return tokens_; }

  // Asks `lemmatizer` for the base forms of every distinct word, once each.
  void add_lemmas(const Lemmatizer& lemmatizer);

  // The base forms of `token`, which must be one of tokens(); empty before
  // add_lemmas() and for words that are their own base form.
  std::span<const std::string> lemmas_of(const Token& token) const;

  // The distinct words of tokens(), numbered 0 … word_count() - 1 in the
  // order they first occur; word_number() of a token is its word's.
  std::size_t word_count() const { return first_tokens_.size(); }
  std::size_t word_number(const Token& token) const;  // `token` one of tokens()
  std::string_view word(std::size_t number) const { return tokens_[first_tokens_[number]].word; }
  const Token& first_token(std::size_t number) const { return tokens_[first_tokens_[number]]; }
  std::span<const std::string> lemmas_of_word(std::size_t number) const;

  // True when the lemmatizer given to add_lemmas() knows `word` (the rest of
  // a compound); false before.
  bool knows(std::string_view word) const;

  // The tokens that start at `position` of `field` (a compound and its first part).
  std::span<const Token> starting_at(Field field, int position) const;

  // The item's text from `first` through the simple word `more` positions
  // after it in its field (a phrase's last word), as written: "sociala
  // ekonomin" where the folded words say "sociala", "ekonomin". `first` must
  // be one of tokens(); when no word stands `more` positions on, `first` alone.
  std::string_view written(const Token& first, int more = 0) const;

 private:
  std::string_view text_of(Field field) const;

  std::string_view title_;  // the texts given, which must outlive this
  std::string_view summary_;
  std::string_view content_;
  std::vector<Token> tokens_;
  std::vector<std::uint32_t> word_numbers_;       // by index into tokens_
  std::vector<std::uint32_t> first_tokens_;       // by word number: index into tokens_
  std::vector<std::vector<std::string>> lemmas_;  // by word number, when looked up
  const Lemmatizer* lemmatizer_ = nullptr;        // the one add_lemmas() used
};

}  // namespace omvarld::filters
