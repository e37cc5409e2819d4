// filters/narrowed_lemmatizer.cpp

#include "filters/narrowed_lemmatizer.h"

#include <algorithm>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "filters/string_keys.h"

namespace omvarld::filters {
namespace {


// A word's first two bytes as one number, for a quick first look.
std::size_t two_bytes(std::string_view text) {
  return static_cast<std::size_t>(static_cast<unsigned char>(text[0])) << 8 |
         static_cast<unsigned char>(text[1]);
}

// The first two bytes of a set of starts, so that a word that begins like
// none of them (most words) is turned away without a hash look-up per
// length; a start of fewer than two bytes lets every word through.
class TwoByteFilter {
 public:
  void add(std::string_view start) {
    if (start.size() < 2) {
      everything_ = true;
    } else {
      seen_[two_bytes(start)] = true;
    }
  }
  bool may_begin(std::string_view text) const {
    return everything_ || (text.size() >= 2 && seen_[two_bytes(text)]);
  }

 private:
  std::vector<bool> seen_ = std::vector<bool>(1U << 16);
  bool everything_ = false;
};

// What is left of a base form that every inflection of it begins with.
std::string_view kept_start(std::string_view form) {
  return form.substr(0, form.size() > kMaxChangedEnd ? form.size() - kMaxChangedEnd : 0);
}

class NarrowedLemmatizer final : public Lemmatizer {
 public:
  NarrowedLemmatizer(std::span<const TermPattern> patterns, std::shared_ptr<const Lemmatizer> dictionary)
      : dictionary_(std::move(dictionary)) {
    for (const TermPattern& pattern : patterns) {
      if (pattern.kind == TermKind::kSuffix) {
        add_fragment(pattern.words.front());
        continue;
      }
      if (pattern.exact || (pattern.kind != TermKind::kWord && pattern.kind != TermKind::kPhrase)) continue;
      for (const std::string& word : pattern.words) add_form(word);
      for (const std::vector<std::string>& lemmas : pattern.lemmas) {
        for (const std::string& lemma : lemmas) add_form(lemma);
      }
    }
  }

  std::vector<std::string> lemmas(std::string_view word) const override {
    if (!could_inflect(word)) return {};
    std::vector<std::string> found = dictionary_->lemmas(word);
    std::erase_if(found, [&](const std::string& lemma) { return !usable(lemma); });
    return found;
  }

  bool knows(std::string_view word) const override { return dictionary_->knows(word); }

 private:
  void add_form(const std::string& form) {
    forms_.insert(form);
    const std::string_view start = kept_start(form);
    std::size_t& longest = starts_[std::string(start)];
    longest = std::max(longest, form.size() + kMaxEnding);
    start_lengths_.insert(start.size());
    start_filter_.add(start);
  }

  void add_fragment(const std::string& fragment) {
    fragments_.insert(fragment);
    const std::string_view start = kept_start(fragment);
    fragment_starts_.insert(std::string(start));
    fragment_start_lengths_.insert(start.size());
    fragment_start_filter_.add(start);
  }

  // True when `word` may have a base form that usable() keeps.
  bool could_inflect(std::string_view word) const {
    for (const std::size_t length : start_lengths_) {
      if (length > word.size() || !start_filter_.may_begin(word)) break;
      const auto found = starts_.find(word.substr(0, length));
      if (found != starts_.end() && word.size() <= found->second) return true;
    }
    for (const std::size_t length : fragment_start_lengths_) {
      if (length > word.size()) break;
      for (std::size_t at = 0; at + length <= word.size(); ++at) {
        const std::string_view piece = word.substr(at, length);
        if (fragment_start_filter_.may_begin(piece) && fragment_starts_.contains(piece)) return true;
      }
    }
    return false;
  }

  // True when some term compares with base form `lemma`.
  bool usable(const std::string& lemma) const {
    if (forms_.contains(lemma)) return true;
    for (std::size_t at = 0; at < lemma.size(); ++at) {
      if (fragments_.contains(std::string_view(lemma).substr(at))) return true;
    }
    return false;
  }

  std::shared_ptr<const Lemmatizer> dictionary_;
  StringSet forms_;                                        // word and phrase terms' words and base forms
  StringMap<std::size_t> starts_;                          // kept_start(form) → longest word it may begin
  std::set<std::size_t> start_lengths_;                    // ascending
  TwoByteFilter start_filter_;
  StringSet fragments_;                                    // of `*suffix` terms
  StringSet fragment_starts_;                              // kept_start(fragment)
  std::set<std::size_t> fragment_start_lengths_;           // ascending
  TwoByteFilter fragment_start_filter_;
};

}  // namespace

std::shared_ptr<const Lemmatizer> narrow_lemmatizer(std::span<const TermPattern> patterns,
                                                    std::shared_ptr<const Lemmatizer> dictionary) {
  if (!dictionary) return nullptr;
  return std::make_shared<NarrowedLemmatizer>(patterns, std::move(dictionary));
}

}  // namespace omvarld::filters
