// filters/matcher.cpp
//
// Compiling interns every distinct term (by its text as written) once into a
// TermIndex, which finds the terms an item matches with look-ups per word.
// From the matched terms classify() reaches the topics and nämnder that use
// them through reverse lists, and evaluates only those.

#include "filters/matcher.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/translate.h"
#include "filters/narrowed_lemmatizer.h"
#include "filters/query_parser.h"
#include "filters/term.h"
#include "filters/term_index.h"
#include "filters/tokenize.h"

namespace omvarld::filters {
namespace {

struct CompiledTopic {
  core::TopicId id;
  std::vector<TermId> any;
  std::vector<TermId> none;
};

struct CompiledQuery {
  Query query;
  std::vector<TermId> terms;  // by QueryTerm::index
  std::vector<bool> negated;  // by QueryTerm::index
};

struct CompiledNamnd {
  core::NamndId id;
  std::vector<core::SourceId> sources;  // sorted; empty: every source
  std::vector<std::size_t> topics;      // into Index::topics, in the nämnd's order
  std::vector<TermId> any;
  std::vector<TermId> none;
  std::optional<CompiledQuery> query;
};

// Adds `value` to `list` unless it is there already (lists are short).
template <class T>
void add_once(std::vector<T>& list, const T& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

template <class T>
void sort_unique(std::vector<T>& list) {
  std::sort(list.begin(), list.end());
  list.erase(std::unique(list.begin(), list.end()), list.end());
}

// The words term `id` found, as written in the item: a phrase from its first
// word through its last, each cut to kMaxFoundWordBytes at a character.
std::vector<std::string> found_words(const TermIndex& terms, TermId id, const TermHit& hit,
                                     const ItemWords& words) {
  std::vector<const Token*> found = hit.found;
  std::sort(found.begin(), found.end());  // tokens are in title, summary, content order
  const TermPattern& pattern = terms.pattern(id);
  const int more = pattern.kind == TermKind::kPhrase ? static_cast<int>(pattern.words.size()) - 1 : 0;
  std::vector<std::string> written;
  for (const Token* token : found) {
    std::string_view word = words.written(*token, more);
    if (word.size() > kMaxFoundWordBytes) {
      std::size_t cut = kMaxFoundWordBytes;
      while (cut > 0 && (static_cast<unsigned char>(word[cut]) & 0xC0U) == 0x80U) --cut;
      word = word.substr(0, cut);
    }
    if (!word.empty()) written.emplace_back(word);
  }
  return written;
}

bool any_matched(const std::vector<TermId>& terms, const TermHits& matched) {
  return std::any_of(terms.begin(), terms.end(), [&](TermId id) { return matched.contains(id); });
}

// Everything compile() builds; Matcher::Index wraps it.
struct Tables {
  std::vector<std::string> texts;  // by TermId: as written in the config
  TermIndex terms;
  std::shared_ptr<const Lemmatizer> lemmatizer;  // may be null: no inflections

  std::vector<CompiledTopic> topics;
  std::vector<CompiledNamnd> namnder;

  std::vector<std::vector<std::size_t>> topics_using;     // by TermId: topics with it in `any`
  std::vector<std::vector<std::size_t>> namnder_using;    // by TermId: nämnder with it in `any` or query
  std::vector<std::vector<std::size_t>> namnder_of_topic;  // by topic
  std::vector<std::size_t> always_considered;             // nämnder whose query holds with no term (NOT x)
};

// Whether the Compiler builds the index or only finds the errors.
enum class Build { kIndex, kErrorsOnly };

class Compiler {
 public:
  Compiler(Tables& index, Build build) : index_(index), build_(build) {}

  std::vector<Error>& errors() { return errors_; }

  std::vector<TermId> add_terms(const std::vector<Term>& terms, std::string_view key) {
    std::vector<TermId> ids;
    for (const Term& term : terms) {
      if (auto misplaced = operator_in_list_term(term.text)) {
        errors_.push_back(locate(*misplaced, key, term));
        continue;
      }
      auto pattern = parse_term(term.text);
      if (!pattern) {
        errors_.push_back(locate(pattern.error(), key, term));
        continue;
      }
      ids.push_back(intern(term.text, std::move(*pattern)));
    }
    return ids;
  }

  std::optional<CompiledQuery> add_query(const Term& written) {
    auto query = parse_query(written.text);
    if (!query) {
      errors_.push_back(locate(query.error(), "query", written));
      return std::nullopt;
    }
    CompiledQuery compiled{std::move(*query), {}, {}};
    for (const QueryLeaf& leaf : leaves(compiled.query)) {
      compiled.terms.push_back(intern(leaf.term->text, leaf.term->pattern));
      compiled.negated.push_back(leaf.negated);
    }
    return compiled;
  }

 private:
  TermId intern(const std::string& text, TermPattern pattern) {
    if (build_ == Build::kErrorsOnly) return 0;  // the term parsed: nothing more to check
    if (auto found = ids_.find(text); found != ids_.end()) return found->second;
    if (index_.lemmatizer) inflect(pattern, *index_.lemmatizer);
    const TermId id = index_.terms.add(std::move(pattern));
    ids_.emplace(text, id);
    index_.texts.push_back(text);
    return id;
  }

  Tables& index_;
  Build build_;
  std::unordered_map<std::string, TermId> ids_;
  std::vector<Error> errors_;
};

// Where to point at a nämnd that names an unknown topic: config/ checks the
// reference first, so this is a safety net and the nämnd's first term or
// query is close enough.
std::optional<FilePos> namnd_position(const FilterSpec& spec) {
  if (!spec.any.empty()) return spec.any.front().where;
  if (!spec.none.empty()) return spec.none.front().where;
  if (spec.query) return spec.query->where;
  return std::nullopt;
}

void link_usages(Tables& index) {
  const std::size_t term_count = index.texts.size();
  index.topics_using.resize(term_count);
  index.namnder_using.resize(term_count);
  index.namnder_of_topic.resize(index.topics.size());
  for (std::size_t t = 0; t < index.topics.size(); ++t) {
    for (TermId id : index.topics[t].any) add_once(index.topics_using[id], t);
  }
  for (std::size_t n = 0; n < index.namnder.size(); ++n) {
    const CompiledNamnd& namnd = index.namnder[n];
    for (TermId id : namnd.any) add_once(index.namnder_using[id], n);
    for (std::size_t t : namnd.topics) add_once(index.namnder_of_topic[t], n);
    if (!namnd.query) continue;
    for (std::size_t leaf = 0; leaf < namnd.query->terms.size(); ++leaf) {
      if (!namnd.query->negated[leaf]) add_once(index.namnder_using[namnd.query->terms[leaf]], n);
    }
    if (evaluate(namnd.query->query, std::vector<bool>(namnd.query->terms.size(), false))) {
      index.always_considered.push_back(n);
    }
  }
}

// Parses every topic's and nämnd's terms into `index` (their ids only,
// with kErrorsOnly) and returns the errors found.
std::vector<Error> add_specs(Tables& index, Build build, std::span<const TopicSpec> topics,
                             std::span<const FilterSpec> namnder) {
  Compiler compiler(index, build);
  std::unordered_map<core::TopicId, std::size_t> topic_numbers;
  for (const TopicSpec& spec : topics) {
    topic_numbers.emplace(spec.id, index.topics.size());
    index.topics.push_back(
        CompiledTopic{spec.id, compiler.add_terms(spec.any, "any"), compiler.add_terms(spec.none, "none")});
  }
  for (const FilterSpec& spec : namnder) {
    CompiledNamnd namnd{spec.namnd, spec.sources, {}, {}, {}, std::nullopt};
    sort_unique(namnd.sources);
    for (const core::TopicId& topic : spec.topics) {
      if (auto found = topic_numbers.find(topic); found != topic_numbers.end()) {
        add_once(namnd.topics, found->second);
      } else {
        compiler.errors().push_back(
            Error{Errc::kInvalidConfig, core::trf("topics: unknown topic \"{0}\"", {topic}), namnd_position(spec)});
      }
    }
    namnd.any = compiler.add_terms(spec.any, "any");
    namnd.none = compiler.add_terms(spec.none, "none");
    if (spec.query) namnd.query = compiler.add_query(*spec.query);
    index.namnder.push_back(std::move(namnd));
  }
  return std::move(compiler.errors());
}

}  // namespace

struct Matcher::Index {
  Tables tables;
};

Matcher::Matcher(std::shared_ptr<const Index> index) : index_(std::move(index)) {}

Result<Matcher, std::vector<Error>> Matcher::compile(std::span<const TopicSpec> topics,
                                                     std::span<const FilterSpec> namnder,
                                                     std::shared_ptr<const Lemmatizer> lemmatizer,
                                                     Inflections inflections) {
  auto compiled = std::make_shared<Index>();
  Tables* index = &compiled->tables;
  index->lemmatizer = std::move(lemmatizer);
  if (auto errors = add_specs(*index, Build::kIndex, topics, namnder); !errors.empty()) {
    return unexpected<std::vector<Error>>(std::move(errors));
  }
  link_usages(*index);
  if (inflections == Inflections::kCompiled && index->lemmatizer) {
    std::vector<TermPattern> patterns;
    patterns.reserve(index->terms.size());
    for (TermId id = 0; id < index->terms.size(); ++id) patterns.push_back(index->terms.pattern(id));
    index->lemmatizer = narrow_lemmatizer(patterns, std::move(index->lemmatizer));
  }
  return Matcher(std::move(compiled));
}

std::vector<Error> Matcher::check(std::span<const TopicSpec> topics, std::span<const FilterSpec> namnder) {
  Tables scratch;
  return add_specs(scratch, Build::kErrorsOnly, topics, namnder);
}

namespace {

// The topics among `candidates` that match: an `any` term and no `none` term.
std::vector<std::size_t> topics_matching(const Tables& index, std::vector<std::size_t> candidates,
                                         const TermHits& matched) {
  sort_unique(candidates);
  std::erase_if(candidates, [&](std::size_t t) { return any_matched(index.topics[t].none, matched); });
  return candidates;
}

// When `query` holds for `matched`: the terms it found (not those under
// NOT), in query order; nullopt when it does not hold.
std::optional<std::vector<TermId>> query_terms_found(const CompiledQuery& query, const TermHits& matched) {
  std::vector<bool> leaf_matched(query.terms.size());
  for (std::size_t leaf = 0; leaf < query.terms.size(); ++leaf) {
    leaf_matched[leaf] = matched.contains(query.terms[leaf]);
  }
  if (!evaluate(query.query, leaf_matched)) return std::nullopt;
  std::vector<TermId> found;
  for (std::size_t leaf = 0; leaf < query.terms.size(); ++leaf) {
    if (leaf_matched[leaf] && !query.negated[leaf]) found.push_back(query.terms[leaf]);
  }
  return found;
}

// The Match of `namnd` for an item from `source`, if it concerns the nämnd.
// `topics` maps the index of each matching topic to its TopicMatch.
std::optional<core::Match> match_namnd(const Tables& index, const CompiledNamnd& namnd,
                                       const core::SourceId& source, const TermHits& matched,
                                       const ItemWords& words,
                                       const std::unordered_map<std::size_t, const TopicMatch*>& topics) {
  if (!namnd.sources.empty() && !std::binary_search(namnd.sources.begin(), namnd.sources.end(), source)) {
    return std::nullopt;
  }
  if (any_matched(namnd.none, matched)) return std::nullopt;
  core::Match match{namnd.id, {}, {}, {}};
  // Records why: the term as written, the words it found, and whether it was found in the title.
  const auto explain = [&](TermId id) {
    const std::string& text = index.texts[id];
    if (std::find(match.terms.begin(), match.terms.end(), text) != match.terms.end()) return;
    match.terms.push_back(text);
    const auto found = matched.find(id);
    if (found == matched.end()) {
      match.found_words.emplace_back();
      return;
    }
    match.found_words.push_back(found_words(index.terms, id, found->second, words));
    if ((found->second.places & kInTitle) != 0) match.title_terms.push_back(text);
  };
  for (TermId id : namnd.any) {
    if (matched.contains(id)) explain(id);
  }
  bool concerned = !match.terms.empty();
  if (namnd.query) {
    if (auto found = query_terms_found(*namnd.query, matched)) {
      concerned = true;
      for (TermId id : *found) explain(id);
    }
  }
  for (std::size_t t : namnd.topics) {
    const auto found = topics.find(t);
    if (found == topics.end()) continue;
    concerned = true;
    match.topics.push_back(found->second->topic);
    for (TermId id : index.topics[t].any) {
      if (matched.contains(id)) explain(id);
    }
  }
  if (!concerned) return std::nullopt;
  return match;
}

// The words of `item`, with their base forms when the index has a lemmatizer.
ItemWords words_of(const Tables& index, const core::Item& item) {
  ItemWords words(item.title, item.summary, item.content);
  if (index.lemmatizer) words.add_lemmas(*index.lemmatizer);
  return words;
}

// The item's words where term `id` matches: the first word, and a phrase's
// following words; empty when it matches nowhere.
std::string found_words(const Tables& index, TermId id, const ItemWords& words) {
  const TermPattern& pattern = index.terms.pattern(id);
  for (const Token& token : words.tokens()) {
    if (!matches_at(pattern, words, token)) continue;
    std::string found = token.word;
    if (pattern.kind != TermKind::kPhrase) return found;
    int position = token.position + token.length;
    for (std::size_t k = 1; k < pattern.words.size(); ++k) {
      const std::span<const Token> next = words.starting_at(token.field, position);
      if (next.empty()) break;
      // A compound and its first part start here: the part is the phrase's word.
      const Token& word = next.back();
      found += " " + word.word;
      position += word.length;
    }
    return found;
  }
  return {};
}

// The `none` terms of `terms` that `matched` holds, for an Exclusion.
void add_none_found(const Tables& index, const std::vector<TermId>& terms, const TermHits& matched,
                    const ItemWords& words, const std::optional<core::TopicId>& topic,
                    std::vector<NoneFound>& out) {
  for (TermId id : terms) {
    if (matched.contains(id)) out.push_back(NoneFound{topic, index.texts[id], found_words(index, id, words)});
  }
}

// Why `namnd` does not get an item whose terms are `matched`, if something
// would bring it; match_namnd() in reverse.
std::optional<Exclusion> exclusion_of(const Tables& index, const CompiledNamnd& namnd,
                                      const core::SourceId& source, SourceRule rule,
                                      const TermHits& matched, const ItemWords& words) {
  Exclusion out{namnd.id, {}, {}, {}};
  for (TermId id : namnd.any) {
    if (matched.contains(id)) add_once(out.terms, index.texts[id]);
  }
  bool own = !out.terms.empty();  // its own terms or query would bring it
  if (namnd.query) {
    if (auto found = query_terms_found(*namnd.query, matched)) {
      own = true;
      for (TermId id : *found) add_once(out.terms, index.texts[id]);
    }
  }
  bool through_open_topic = false;  // a topic whose terms match and no `none` of its own does
  std::vector<NoneFound> topic_none;
  for (std::size_t t : namnd.topics) {
    const CompiledTopic& topic = index.topics[t];
    if (!any_matched(topic.any, matched)) continue;
    for (TermId id : topic.any) {
      if (matched.contains(id)) add_once(out.terms, index.texts[id]);
    }
    if (any_matched(topic.none, matched)) {
      add_none_found(index, topic.none, matched, words, topic.id, topic_none);
    } else {
      through_open_topic = true;
    }
  }
  if (out.terms.empty() && !own) return std::nullopt;  // nothing would bring it

  const bool source_refused = rule == SourceRule::kItemSource && !namnd.sources.empty() &&
                              !std::binary_search(namnd.sources.begin(), namnd.sources.end(), source);
  if (source_refused) out.sources = namnd.sources;
  add_none_found(index, namnd.none, matched, words, std::nullopt, out.none);
  // A topic's `none` keeps out only what that topic alone would bring.
  if (!own && !through_open_topic) {
    for (NoneFound& found : topic_none) out.none.push_back(std::move(found));
  }
  if (!source_refused && out.none.empty()) return std::nullopt;  // classify() lets it in
  return out;
}

}  // namespace

std::vector<Exclusion> Matcher::exclusions(const core::Item& item, SourceRule rule) const {
  const Tables& index = index_->tables;
  const ItemWords words = words_of(index, item);
  const TermHits matched = index.terms.match(words);
  std::vector<Exclusion> out;
  for (const CompiledNamnd& namnd : index.namnder) {
    if (auto excluded = exclusion_of(index, namnd, item.source, rule, matched, words)) {
      out.push_back(std::move(*excluded));
    }
  }
  return out;
}

Classification Matcher::classify(const core::Item& item) const {
  const Tables& index = index_->tables;
  const ItemWords words = words_of(index, item);
  const TermHits matched = index.terms.match(words);

  std::vector<std::size_t> candidate_topics;
  std::vector<std::size_t> candidates = index.always_considered;
  for (const auto& [id, places] : matched) {
    const auto& topics_using = index.topics_using[id];
    candidate_topics.insert(candidate_topics.end(), topics_using.begin(), topics_using.end());
    const auto& namnder_using = index.namnder_using[id];
    candidates.insert(candidates.end(), namnder_using.begin(), namnder_using.end());
  }

  Classification result;
  const std::vector<std::size_t> topics = topics_matching(index, std::move(candidate_topics), matched);
  for (std::size_t t : topics) {
    TopicMatch found{index.topics[t].id, {}};
    for (TermId id : index.topics[t].any) {
      if (matched.contains(id)) add_once(found.terms, index.texts[id]);
    }
    result.topics.push_back(std::move(found));
    const auto& of_topic = index.namnder_of_topic[t];
    candidates.insert(candidates.end(), of_topic.begin(), of_topic.end());
  }
  std::unordered_map<std::size_t, const TopicMatch*> topic_matches;  // result.topics no longer grows
  for (std::size_t i = 0; i < topics.size(); ++i) topic_matches.emplace(topics[i], &result.topics[i]);

  sort_unique(candidates);
  for (std::size_t n : candidates) {
    if (auto match = match_namnd(index, index.namnder[n], item.source, matched, words, topic_matches)) {
      result.namnder.push_back(std::move(*match));
    }
  }
  return result;
}

std::size_t Matcher::term_count() const { return index_->tables.terms.size(); }

std::vector<std::string> Matcher::inflected_words() const {
  const TermIndex& terms = index_->tables.terms;
  std::vector<std::string> words;
  for (TermId id = 0; id < terms.size(); ++id) {
    const TermPattern& pattern = terms.pattern(id);
    if (!pattern.lemmas.empty()) words.insert(words.end(), pattern.words.begin(), pattern.words.end());
  }
  sort_unique(words);
  return words;
}

}  // namespace omvarld::filters
