// filters/matcher.h
//
// Matcher decides which topics and nämnder an item concerns, and why.
//
// It is compiled once from every topic's and nämnd's terms into hash tables
// keyed by words, base forms and wildcard fragments, so classifying an item
// costs look-ups per word of the item, not a loop over the terms: a million
// terms cost about what a hundred do. It never changes afterwards, so threads
// may share one instance (the lemmatizer is thread-safe); a config reload
// compiles a new one and swaps it in.

#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/item.h"
#include "core/result.h"
#include "filters/filter_spec.h"
#include "filters/lemmatizer.h"

namespace omvarld::filters {

// How long a found word may be, in bytes: a phrase's words or one long
// compound; a feed's run of letters without spaces is cut here.
inline constexpr std::size_t kMaxFoundWordBytes = 80;

struct TopicMatch {
  core::TopicId topic;
  std::vector<std::string> terms;  // as configured, each once, in config order

  friend bool operator==(const TopicMatch&, const TopicMatch&) = default;
};

struct Classification {
  std::vector<TopicMatch> topics;   // every topic whose terms match (regardless of sources)
  std::vector<core::Match> namnder;  // the nämnder the item belongs to, in config order
};

// A `none` term found in an item: the nämnd's own (`topic` empty) or a
// topic's, as configured, and the item's word where it matched (folded:
// "förskolan"; a phrase's words from there).
struct NoneFound {
  std::optional<core::TopicId> topic;
  std::string term;
  std::string found;

  friend bool operator==(const NoneFound&, const NoneFound&) = default;
};

// A nämnd that the item's words would bring the item to, and what keeps it
// out: the item's source is not among the nämnd's `sources` (then
// `sources` lists them), a `none` term of the nämnd, or — when only its
// topics would bring it — of each of those topics.
struct Exclusion {
  core::NamndId namnd;
  std::vector<std::string> terms;  // that would bring it, as configured, each once
  std::vector<core::SourceId> sources;
  std::vector<NoneFound> none;

  friend bool operator==(const Exclusion&, const Exclusion&) = default;
};

// How classify() finds an item word's base forms. kCompiled (the poll's
// way) asks the lemmatizer only about item words that could be an
// inflection of a term or end in a `*suffix` term's fragment, and about the
// rests of words that begin like a term (filters/narrowed_lemmatizer.h);
// kEveryWord asks about every distinct item word, as before, and is kept to
// check that both classify alike.
enum class Inflections { kCompiled, kEveryWord };

// Whether exclusions() holds the item's source against a nämnd's `sources`.
enum class SourceRule { kItemSource, kAnySource };

class Matcher {
 public:
  // Compiles the terms of `topics` and `namnder`. Word and phrase terms
  // match their inflections through `lemmatizer`; without one (checking a
  // configuration's syntax, say) a word matches only itself. Fails with one
  // kInvalidQuery error per bad term or query, located at FILE:LINE:COL of
  // the problem (inside the string), and with kInvalidConfig for a nämnd
  // that names an unknown topic.
  static Result<Matcher, std::vector<Error>> compile(
      std::span<const TopicSpec> topics, std::span<const FilterSpec> namnder,
      std::shared_ptr<const Lemmatizer> lemmatizer = nullptr, Inflections inflections = Inflections::kCompiled);

  // The errors compile() would report, in the same order, without building
  // the index: what checking a configuration needs, at a fraction of the
  // cost for thousands of terms.
  static std::vector<Error> check(std::span<const TopicSpec> topics, std::span<const FilterSpec> namnder);

  // Matches words case-insensitively (Unicode: Å/å, Ä/ä, Ö/ö, É/é) in the
  // item's title, summary and content, which are plain text. Each Match
  // says which terms matched, which of them in the title, and the words
  // each found (at most kMaxFoundWords per term, each at most
  // kMaxFoundWordBytes, cut at a character).
  Classification classify(const core::Item& item) const;

  // Why not: each nämnd, in config order, that classify() leaves out
  // although a term of its own, its query or one of its topics matches the
  // item. With kAnySource the item is taken to come from whichever source
  // a nämnd takes, so only `none` terms keep it out. For `omvarld filter
  // test`, not the poll: it looks at every nämnd.
  std::vector<Exclusion> exclusions(const core::Item& item, SourceRule rule) const;

  // The number of distinct terms compiled, for logs and benchmarks.
  std::size_t term_count() const;

  // The words whose base forms compiling asked the lemmatizer for (those
  // of word and phrase terms that are not exact), each once: what
  // app/stem_cache.h keeps for the next start.
  std::vector<std::string> inflected_words() const;

 private:
  struct Index;
  explicit Matcher(std::shared_ptr<const Index> index);

  std::shared_ptr<const Index> index_;
};

}  // namespace omvarld::filters
