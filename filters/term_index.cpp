// filters/term_index.cpp

#include "filters/term_index.h"

#include <algorithm>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "filters/string_keys.h"

namespace omvarld::filters {
namespace {

using TermsByKey = StringMap<std::vector<TermId>>;

const std::vector<TermId>* find(const TermsByKey& table, std::string_view key) {
  const auto found = table.find(key);
  return found == table.end() ? nullptr : &found->second;
}

void add_once(std::vector<TermId>& ids, TermId id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

// True when byte `offset` of UTF-8 `word` starts a code point (or is its end).
bool at_code_point(std::string_view word, std::size_t offset) {
  return offset >= word.size() || (static_cast<unsigned char>(word[offset]) & 0xC0U) != 0x80U;
}

// The wildcard terms of one kind by fragment, and the fragment lengths in
// bytes that occur, so that an item word is cut only at those lengths.
struct FragmentTable {
  TermsByKey terms;
  std::vector<std::size_t> lengths;  // ascending, each once
  // The first two bytes of every fragment, as a bit per pair: a place in a
  // word where no fragment can start costs one bit test instead of a hash
  // look-up per length. Fragments of one byte turn the filter off.
  std::vector<bool> first_pairs = std::vector<bool>(1U << 16);
  bool has_one_byte_fragment = false;

  static std::size_t pair_at(std::string_view text, std::size_t offset) {
    return static_cast<std::size_t>(static_cast<unsigned char>(text[offset])) << 8U |
           static_cast<unsigned char>(text[offset + 1]);
  }

  void add(const std::string& fragment, TermId id) {
    add_once(terms[fragment], id);
    const auto at = std::lower_bound(lengths.begin(), lengths.end(), fragment.size());
    if (at == lengths.end() || *at != fragment.size()) lengths.insert(at, fragment.size());
    if (fragment.size() >= 2) {
      first_pairs[pair_at(fragment, 0)] = true;
    } else {
      has_one_byte_fragment = true;
    }
  }

  bool may_start_at(std::string_view word, std::size_t start) const {
    if (has_one_byte_fragment) return true;
    return start + 2 <= word.size() && first_pairs[pair_at(word, start)];
  }

  // Calls visit(ids, piece) for every piece of `word` the table holds, where a piece
  // is the word's prefix (kPrefix), suffix (kSuffix) or any substring (kInfix).
  template <class Visit>
  void visit_pieces(TermKind kind, std::string_view word, const Visit& visit) const {
    for (const std::size_t length : lengths) {
      if (length > word.size()) break;
      const std::size_t last_start = kind == TermKind::kPrefix ? 0 : word.size() - length;
      const std::size_t first_start = kind == TermKind::kSuffix ? last_start : 0;
      for (std::size_t start = first_start; start <= last_start; ++start) {
        if (!may_start_at(word, start)) continue;
        if (!at_code_point(word, start) || !at_code_point(word, start + length)) continue;
        const std::string_view piece = word.substr(start, length);
        if (const auto* ids = find(terms, piece)) visit(*ids, piece);
      }
    }
  }
};

}  // namespace

bool TermHit::wants(const Token& token) const {
  return found.size() < kMaxFoundWords &&
         std::none_of(found.begin(), found.end(), [&](const Token* kept) { return kept->word == token.word; });
}

void TermHit::add(unsigned place, const Token& token) {
  places |= place;
  if (wants(token)) found.push_back(&token);
}

struct TermIndex::Tables {
  std::vector<TermPattern> patterns;  // by TermId
  TermsByKey exact_words;  // exact word and phrase terms, by their first word
  TermsByKey word_forms;   // the other word and phrase terms, by their first word and its base forms
  FragmentTable prefixes;
  FragmentTable suffixes;
  FragmentTable infixes;
  FragmentTable compound_heads;  // word terms, by the forms they take at the start of a compound

  const FragmentTable& fragments(TermKind kind) const {
    return kind == TermKind::kPrefix ? prefixes : kind == TermKind::kSuffix ? suffixes : infixes;
  }
};

TermIndex::TermIndex() : tables_(std::make_unique<Tables>()) {}
TermIndex::TermIndex(TermIndex&&) noexcept = default;
TermIndex& TermIndex::operator=(TermIndex&&) noexcept = default;
TermIndex::~TermIndex() = default;

TermId TermIndex::add(TermPattern pattern) {
  const TermId id = tables_->patterns.size();
  const std::string& first = pattern.words.front();
  switch (pattern.kind) {
    case TermKind::kWord:
    case TermKind::kPhrase:
      if (pattern.exact) {
        add_once(tables_->exact_words[first], id);
        break;
      }
      add_once(tables_->word_forms[first], id);
      if (!pattern.lemmas.empty()) {
        for (const std::string& lemma : pattern.lemmas.front()) add_once(tables_->word_forms[lemma], id);
      }
      for (const std::string& head : compound_heads(pattern)) tables_->compound_heads.add(head, id);
      break;
    case TermKind::kPrefix:
      tables_->prefixes.add(first, id);
      break;
    case TermKind::kSuffix:
      tables_->suffixes.add(first, id);
      break;
    case TermKind::kInfix:
      tables_->infixes.add(first, id);
      break;
  }
  tables_->patterns.push_back(std::move(pattern));
  return id;
}

const TermPattern& TermIndex::pattern(TermId id) const { return tables_->patterns[id]; }

std::size_t TermIndex::size() const { return tables_->patterns.size(); }

TermHits TermIndex::match(const ItemWords& words) const {
  const Tables& tables = *tables_;
  TermHits hits;

  // Word and phrase terms: at each word, those filed under it or one of its
  // base forms are checked in full (title scope, phrase continuation). The
  // look-ups are made once per distinct word: filed[filed_end[n - 1] …
  // filed_end[n]) are word n's.
  std::vector<const std::vector<TermId>*> filed;
  std::vector<std::size_t> filed_end(words.word_count());
  for (std::size_t number = 0; number < words.word_count(); ++number) {
    for (const auto* ids : {find(tables.exact_words, words.word(number)),
                            find(tables.word_forms, words.word(number))}) {
      if (ids != nullptr) filed.push_back(ids);
    }
    for (const std::string& lemma : words.lemmas_of_word(number)) {
      if (const auto* ids = find(tables.word_forms, lemma)) filed.push_back(ids);
    }
    filed_end[number] = filed.size();
  }
  for (const Token& token : words.tokens()) {
    const std::size_t number = words.word_number(token);
    const std::size_t first_filed = number == 0 ? 0 : filed_end[number - 1];
    if (first_filed == filed_end[number]) continue;
    const unsigned place = token.field == Field::kTitle ? kInTitle : kInText;
    for (std::size_t k = first_filed; k < filed_end[number]; ++k) {
      for (const TermId id : *filed[k]) {
        // Checked again at a place already matched only for another word to show.
        const auto found = hits.find(id);
        if (found != hits.end() && (found->second.places & place) != 0 && !found->second.wants(token)) continue;
        if (matches_at(tables.patterns[id], words, token)) hits[id].add(place, token);
      }
    }
  }

  // Wildcard terms and compounds depend on the word alone: each distinct
  // word is cut into pieces once, with every place it occurs.
  if (tables.prefixes.lengths.empty() && tables.suffixes.lengths.empty() &&
      tables.infixes.lengths.empty() && tables.compound_heads.lengths.empty()) {
    return hits;
  }
  struct Occurrence {
    std::string_view word;
    unsigned places = 0;
    std::span<const std::string> lemmas;
    const Token* first = nullptr;           // where the word first stands
    const Token* first_in_title = nullptr;  // for title: terms
  };
  // In the order of first occurrence, so that the words a hit keeps are the first ones.
  std::vector<Occurrence> distinct_words;
  distinct_words.reserve(words.word_count());
  for (std::size_t number = 0; number < words.word_count(); ++number) {
    distinct_words.push_back(Occurrence{words.word(number), 0, words.lemmas_of_word(number),
                                        &words.first_token(number), nullptr});
  }
  for (const Token& token : words.tokens()) {
    Occurrence& occurrence = distinct_words[words.word_number(token)];
    occurrence.places |= token.field == Field::kTitle ? kInTitle : kInText;
    if (token.field == Field::kTitle && occurrence.first_in_title == nullptr) occurrence.first_in_title = &token;
  }
  for (const Occurrence& occurrence : distinct_words) {
    const std::string_view word = occurrence.word;
    const auto record_ids = [&](const std::vector<TermId>& ids) {
      for (const TermId id : ids) {
        const bool title_only = tables.patterns[id].title_only;
        const unsigned where = title_only ? (occurrence.places & kInTitle) : occurrence.places;
        if (where == 0) continue;
        hits[id].add(where, title_only ? *occurrence.first_in_title : *occurrence.first);
      }
    };
    const auto record = [&](const std::vector<TermId>& ids, std::string_view /*piece*/) { record_ids(ids); };
    for (const TermKind kind : {TermKind::kPrefix, TermKind::kSuffix, TermKind::kInfix}) {
      tables.fragments(kind).visit_pieces(kind, word, record);
    }
    // A suffix also matches through the base form ("grundskolan" → grundskola).
    for (const std::string& lemma : occurrence.lemmas) {
      tables.suffixes.visit_pieces(TermKind::kSuffix, lemma, record);
    }
    // A compound that begins with a word term: förskole|lärare for förskola.
    tables.compound_heads.visit_pieces(TermKind::kPrefix, word,
                                       [&](const std::vector<TermId>& ids, std::string_view head) {
                                         if (is_compound_of(word, head, words)) record_ids(ids);
                                       });
  }
  return hits;
}

}  // namespace omvarld::filters
