// bench/filter_bench.cpp
//
// How classification scales with the number of terms: the compiled Matcher
// (hash tables over words, base forms and wildcard fragments) against the
// naive baseline that tries every term on every item, for configurations of
// 100 to 1,000,000 terms, on the items of the generated feed corpus
// (bench/corpus/gen_corpus.py). Prints one markdown table.
//
//   filter_bench CORPUS_DIR [TERM_COUNTS] [ITEM_LIMIT]
//   filter_bench build/bench/corpus 100,10000,100000,1000000 10000

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "app/stem_cache.h"
#include "bench/measure.h"
#include "feeds/normalize.h"
#include "feeds/parser.h"
#include "filters/hunspell_lemmatizer.h"
#include "filters/matcher.h"
#include "filters/term.h"
#include "filters/tokenize.h"

namespace {

using namespace omvarld;
using omvarld::bench::Clock;
using omvarld::bench::rss_kib;
using omvarld::bench::seconds_since;

std::vector<core::Item> load_items(const std::filesystem::path& corpus, std::size_t limit) {
  std::vector<core::Item> items;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
    if (entry.path().extension() == ".xml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream body;
    body << in.rdbuf();
    auto feed = feeds::parse_feed(body.str(), feeds::DocumentHints::at("http://127.0.0.1/" + file.filename().string()));
    if (!feed) continue;
    for (core::Item& item : feeds::normalize(*feed, file.stem().string())) {
      if (items.size() >= limit) return items;
      items.push_back(std::move(item));
    }
  }
  return items;
}

// The distinct words of the corpus, so that generated terms also hit.
std::vector<std::string> vocabulary(const std::vector<core::Item>& items) {
  std::unordered_set<std::string> seen;
  std::vector<std::string> words;
  for (const core::Item& item : items) {
    for (const auto& token : filters::tokenize(item.title + " " + item.summary, filters::Field::kTitle)) {
      if (token.length == 1 && token.word.size() >= 4 && seen.insert(token.word).second) words.push_back(token.word);
    }
  }
  return words;
}

// A word no feed uses, made of letters only (so the lemmatizer works on it
// as on a real word): "kalomi", "stoberga", …, distinct for every `n`.
std::string invented_word(std::size_t n) {
  static const char* const kSyllables[] = {"ka", "lo", "mi", "ne", "ru", "sto", "ber", "ga",
                                           "fi", "lu", "dra", "ven", "po", "tis", "mo", "jal"};
  std::string word = "q";  // no Swedish or English word starts with "q" + these
  do {
    word += kSyllables[n % 16];
    n /= 16;
  } while (n > 0);
  return word;
}

// `count` terms, 200 per nämnd, in the proportions a large installation
// might have: 70 % words, 10 % phrases, 10 % prefixes, 5 % suffixes, 5 %
// infixes. The first 100 are drawn one in ten from the corpus vocabulary, so
// every configuration finds the same matches; the rest are invented words
// no item contains, so a larger configuration adds only the cost of having
// more terms, which is what the index must keep flat.
std::vector<filters::FilterSpec> generate(std::size_t count, const std::vector<std::string>& vocabulary) {
  std::mt19937 random(42);
  const auto pick = [&] { return vocabulary[random() % vocabulary.size()]; };
  std::vector<filters::FilterSpec> namnder;
  for (std::size_t i = 0; i < count; ++i) {
    if (i % 200 == 0) {
      namnder.push_back(filters::FilterSpec{"k/n" + std::to_string(i / 200), {}, {}, {}, {}, std::nullopt});
    }
    const std::size_t kind = random() % 100;
    const bool from_corpus = i < 100 && random() % 10 == 0;
    const std::string word = from_corpus ? pick() : invented_word(i);
    std::string text;
    if (kind < 70) {
      text = word;
    } else if (kind < 80) {
      text = "\"" + word + " " + (from_corpus ? pick() : invented_word(i + 1)) + "\"";
    } else if (kind < 90) {
      text = word.substr(0, std::min<std::size_t>(word.size(), 5 + random() % 4)) + "*";
    } else if (kind < 95) {  // an invented word whole, so that its "q" keeps it from matching
      text = "*" + (from_corpus ? word.substr(word.size() > 6 ? word.size() - 6 : 0) : word);
    } else {
      text = "*" + (from_corpus ? word.substr(word.size() / 3, std::max<std::size_t>(4, word.size() / 2)) : word) + "*";
    }
    // A fragment cut from a UTF-8 word may split a letter: skip such terms.
    if (!filters::parse_term(text)) continue;
    namnder.back().any.push_back(filters::Term{text, FilePos{"bench.toml", 1, 1}});
  }
  return namnder;
}

// Compiles `namnder` in a fresh process's way twice: without a stem cache,
// leaving one in a scratch folder, then with fresh dictionaries that read
// it. Returns the second's seconds, reading the file included.
double cached_start(const std::vector<filters::FilterSpec>& namnder) {
  char scratch[] = "/tmp/omvarld-filter-bench-XXXXXX";
  if (::mkdtemp(scratch) == nullptr) return -1;
  const std::filesystem::path cache = std::filesystem::path(scratch) / app::kStemCacheFile;
  const std::string identity = app::dictionary_identity(filters::dictionary_files());
  auto first = filters::load_hunspell_lemmatizer();
  if (!first) return -1;
  auto first_compile = filters::Matcher::compile({}, namnder, *first);
  if (!first_compile || !app::save_stem_cache(app::compiled_answers(*first_compile, **first), cache, identity)) {
    return -1;
  }
  auto next = filters::load_hunspell_lemmatizer();
  if (!next) return -1;
  const auto start = Clock::now();
  app::load_stem_cache(**next, cache, identity);
  const bool compiled = filters::Matcher::compile({}, namnder, *next).has_value();
  const double seconds = seconds_since(start);
  std::filesystem::remove_all(scratch);
  return compiled ? seconds : -1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: filter_bench CORPUS_DIR [TERM_COUNTS] [ITEM_LIMIT]\n";
    return 2;
  }
  std::vector<std::size_t> counts = {100, 10'000, 100'000, 1'000'000};
  if (argc > 2) {
    counts.clear();
    std::stringstream list(argv[2]);
    for (std::string part; std::getline(list, part, ',');) counts.push_back(std::stoul(part));
  }
  const std::size_t item_limit = argc > 3 ? std::stoul(argv[3]) : 10'000;
  const std::vector<core::Item> items = load_items(argv[1], item_limit);
  if (items.empty()) {
    std::cerr << "no items under " << argv[1] << " (run bench/corpus/gen_corpus.py)\n";
    return 2;
  }
  const std::vector<std::string> words = vocabulary(items);
  auto lemmatizer = filters::load_hunspell_lemmatizer();
  if (!lemmatizer) {
    std::cerr << lemmatizer.error().message << "\n";
    return 2;
  }
  // Warm the lemma cache on the corpus, as a daemon's would be after its
  // first polls, so the runs below compare matching, not first look-ups.
  for (const core::Item& item : items) {
    filters::ItemWords warm(item.title, item.summary, item.content);
    warm.add_lemmas(**lemmatizer);
  }

  std::printf("items: %zu from %s; vocabulary %zu words\n\n", items.size(), argv[1], words.size());
  // Cold: fresh dictionaries (an empty cache, as after a start or a reload),
  // the items classified once, with inflections compiled (the poll's way:
  // only words that could inflect a term are looked up) and with every
  // distinct item word looked up (before #23).
  std::printf("| cold, %zu items | compile s | items/s | µs/item | matches |\n|---|---:|---:|---:|---:|\n", items.size());
  for (const auto inflections : {filters::Inflections::kEveryWord, filters::Inflections::kCompiled}) {
    auto fresh = filters::load_hunspell_lemmatizer();
    const std::vector<filters::FilterSpec> namnder = generate(counts.front(), words);
    auto start = Clock::now();
    auto matcher = filters::Matcher::compile({}, namnder, *fresh, inflections);
    const double compile_seconds = seconds_since(start);
    std::size_t matches = 0;
    start = Clock::now();
    for (const core::Item& item : items) matches += matcher->classify(item).namnder.size();
    const double seconds = seconds_since(start);
    std::printf("| %s, %zu terms | %.2f | %.0f | %.1f | %zu |\n",
                inflections == filters::Inflections::kCompiled ? "compiled" : "every word", counts.front(),
                compile_seconds, static_cast<double>(items.size()) / seconds, seconds * 1e6 / items.size(), matches);
  }
  std::printf("\n");

  // "recompile s": the same terms compiled again in the same process, as a
  // configuration reload does: the stems are then in the lemmatizer's cache.
  // "cached start s": fresh dictionaries that read the stem cache file the
  // first compile left (app/stem_cache.h), then compile, as the next start.
  std::printf("| terms | compile s | recompile s | cached start s | RSS MiB | matcher items/s | µs/item | matches | every-word items/s | naive items/s | naive µs/item |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const std::size_t count : counts) {
    const std::vector<filters::FilterSpec> namnder = generate(count, words);
    const long rss_before = rss_kib();
    auto start = Clock::now();
    auto matcher = filters::Matcher::compile({}, namnder, *lemmatizer);
    const double compile_seconds = seconds_since(start);
    if (!matcher) {
      std::cerr << "compile failed: " << matcher.error().front().message << "\n";
      return 1;
    }
    const double rss_mib = static_cast<double>(rss_kib() - rss_before) / 1024.0;
    start = Clock::now();
    const bool recompiled = filters::Matcher::compile({}, namnder, *lemmatizer).has_value();
    const double recompile_seconds = seconds_since(start);
    if (!recompiled) return 1;
    const double cached_start_seconds = cached_start(namnder);

    std::size_t matches = 0;
    start = Clock::now();
    for (const core::Item& item : items) matches += matcher->classify(item).namnder.size();
    const double matcher_seconds = seconds_since(start);

    // The same, every distinct item word looked up (warm cache): before #23.
    auto every_word = filters::Matcher::compile({}, namnder, *lemmatizer, filters::Inflections::kEveryWord);
    std::size_t every_word_matches = 0;
    start = Clock::now();
    for (const core::Item& item : items) every_word_matches += every_word->classify(item).namnder.size();
    const double every_word_seconds = seconds_since(start);
    if (every_word_matches != matches) std::fprintf(stderr, "%zu terms: every-word matches differ\n", count);

    // The naive baseline: every term tried on every item (the same term
    // semantics, no index), for at most three seconds.
    std::vector<filters::TermPattern> patterns;
    for (const auto& namnd : namnder) {
      for (const auto& term : namnd.any) {
        auto pattern = filters::parse_term(term.text);
        filters::inflect(*pattern, **lemmatizer);
        patterns.push_back(std::move(*pattern));
      }
    }
    std::size_t naive_items = 0;
    std::size_t naive_hits = 0;
    start = Clock::now();
    while (naive_items < items.size() && seconds_since(start) < 3.0) {
      const core::Item& item = items[naive_items++];
      filters::ItemWords item_words(item.title, item.summary, item.content);
      item_words.add_lemmas(**lemmatizer);
      for (const auto& pattern : patterns) naive_hits += filters::matches(pattern, item_words) ? 1 : 0;
    }
    const double naive_seconds = seconds_since(start);

    std::printf("| %zu | %.2f | %.2f | %.2f | %.0f | %.0f | %.1f | %zu | %.0f | %.1f | %.0f |\n", count,
                compile_seconds, recompile_seconds, cached_start_seconds, rss_mib,
                static_cast<double>(items.size()) / matcher_seconds, matcher_seconds * 1e6 / items.size(), matches,
                static_cast<double>(items.size()) / every_word_seconds, static_cast<double>(naive_items) / naive_seconds,
                naive_seconds * 1e6 / naive_items);
    std::fprintf(stderr, "%zu terms: naive found %zu term hits in %zu items\n", count, naive_hits, naive_items);
    std::fflush(stdout);
  }
  return 0;
}
