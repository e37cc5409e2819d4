// The poll's classifier, whose inflections are narrowed to the terms when
// the configuration is compiled (filters/narrowed_lemmatizer.h), against
// the one that looks up every item word in the dictionaries: the same
// nämnder, topics, terms, title terms and found words, and the same
// exclusions, for the demo configuration and for terms drawn from the
// items themselves, on the test feeds, the demo's feeds and 2,000 items of
// the benchmark corpus (bench/corpus/gen_corpus.py, generated here).

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include "app/classify_items.h"
#include "config/config.h"
#include "feeds/normalize.h"
#include "feeds/parser.h"
#include "filters/hunspell_lemmatizer.h"
#include "filters/matcher.h"
#include "filters/term.h"
#include "filters/tokenize.h"

namespace omvarld {
namespace {

const std::filesystem::path kSource = OMVARLD_SOURCE_DIR;

std::shared_ptr<const filters::Lemmatizer> dictionaries() {
  static const std::shared_ptr<const filters::Lemmatizer> loaded = [] {
    auto lemmatizer = filters::load_hunspell_lemmatizer();
    EXPECT_TRUE(lemmatizer) << lemmatizer.error().message;
    return lemmatizer ? *lemmatizer : nullptr;
  }();
  return loaded;
}

// The items of every feed document under `directory` (sorted by path), at
// most `limit`.
void add_items(const std::filesystem::path& directory, std::size_t limit, std::vector<core::Item>& items) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    const auto extension = entry.path().extension();
    if (extension == ".xml" || extension == ".json" || extension == ".rss" || extension == ".atom") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::size_t added = 0;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream body;
    body << in.rdbuf();
    auto feed = feeds::parse_feed(body.str(), feeds::DocumentHints::at("http://127.0.0.1/" + file.filename().string()));
    if (!feed) continue;
    for (core::Item& item : feeds::normalize(*feed, "s")) {
      if (added++ >= limit) return;
      items.push_back(std::move(item));
    }
  }
}

const std::vector<core::Item>& corpus() {
  static const std::vector<core::Item> items = [] {
    std::vector<core::Item> all;
    add_items(kSource / "tests/testdata/feeds", 100'000, all);
    add_items(kSource / "tests/testdata/real", 100'000, all);
    add_items(kSource / "examples/feeds", 100'000, all);
    // One directory per process: ctest runs the tests of this file side by side.
    const std::filesystem::path bench =
        std::filesystem::path(OMVARLD_BINARY_DIR) / ("inflections-corpus-" + std::to_string(::getpid()));
    const std::string generate = "/usr/bin/python3 " + (kSource / "bench/corpus/gen_corpus.py").string() +
                                 " --feeds 40 --items 50 --out " + bench.string() + " >/dev/null";
    EXPECT_EQ(std::system(generate.c_str()), 0) << generate;
    const std::size_t before = all.size();
    add_items(bench / "feeds", 2'000, all);
    EXPECT_EQ(all.size() - before, 2'000U);
    std::filesystem::remove_all(bench);
    return all;
  }();
  return items;
}

// Terms a coordinator might write about these very items: their words,
// inflected or not, as words, phrases, `*suffix` and `prefix*` terms, one
// nämnd of each kind, and a topic with a `none` term.
std::vector<filters::FilterSpec> terms_from(const std::vector<core::Item>& items, std::vector<filters::TopicSpec>& topics) {
  std::vector<std::string> words;
  std::unordered_set<std::string> seen;
  for (const core::Item& item : items) {
    for (const filters::Token& token : filters::tokenize(item.title, filters::Field::kTitle)) {
      if (token.length == 1 && token.word.size() >= 4 && seen.insert(token.word).second) words.push_back(token.word);
    }
  }
  const FilePos at{"terms.toml", 1, 1};
  std::vector<filters::FilterSpec> namnder(4);
  for (std::size_t n = 0; n < namnder.size(); ++n) namnder[n].namnd = "k/n" + std::to_string(n);
  for (std::size_t i = 0; i < words.size(); i += 3) {
    const std::string& word = words[i];
    namnder[0].any.push_back({word, at});
    if (i + 1 < words.size()) namnder[1].any.push_back({"\"" + word + " " + words[i + 1] + "\"", at});
    if (word.size() > 6) namnder[2].any.push_back({"*" + word.substr(word.size() - 5), at});
    namnder[3].any.push_back({"title:" + word.substr(0, 4) + "*", at});
  }
  for (auto& namnd : namnder) {
    std::erase_if(namnd.any, [](const filters::Term& term) { return !filters::parse_term(term.text); });
  }
  topics.push_back(filters::TopicSpec{"t", {{words.at(1), at}, {words.at(4), at}}, {{words.at(7), at}}});
  namnder[0].topics.push_back("t");
  return namnder;
}

void expect_alike(const std::vector<filters::TopicSpec>& topics, const std::vector<filters::FilterSpec>& namnder) {
  ASSERT_TRUE(dictionaries());
  auto every_word = filters::Matcher::compile(topics, namnder, dictionaries(), filters::Inflections::kEveryWord);
  auto compiled = filters::Matcher::compile(topics, namnder, dictionaries(), filters::Inflections::kCompiled);
  ASSERT_TRUE(every_word);
  ASSERT_TRUE(compiled);
  auto plain = filters::Matcher::compile(topics, namnder);  // the words as written only
  ASSERT_TRUE(plain);
  std::size_t matched = 0;
  std::size_t found_through_inflection = 0;
  for (const core::Item& item : corpus()) {
    SCOPED_TRACE(item.title);
    const filters::Classification expected = every_word->classify(item);
    const filters::Classification got = compiled->classify(item);
    EXPECT_EQ(got.namnder, expected.namnder);
    EXPECT_EQ(got.topics, expected.topics);
    EXPECT_EQ(compiled->exclusions(item, filters::SourceRule::kAnySource),
              every_word->exclusions(item, filters::SourceRule::kAnySource));
    matched += expected.namnder.size();
    // A match that the words as written would miss: the comparison covers inflections.
    if (plain->classify(item).namnder != expected.namnder) ++found_through_inflection;
  }
  EXPECT_GT(matched, 0U);
  EXPECT_GT(found_through_inflection, 0U);
}

TEST(CompiledInflections, ClassifyTheDemoConfigurationAsEveryWordLookUps) {
  auto config = config::load_config(kSource / "examples/omvarld.toml");
  ASSERT_TRUE(config);
  expect_alike(config::topic_specs(*config), config::filter_specs(*config));
}

TEST(CompiledInflections, ClassifyTermsDrawnFromTheItemsAsEveryWordLookUps) {
  std::vector<filters::TopicSpec> topics;
  const std::vector<filters::FilterSpec> namnder = terms_from(corpus(), topics);
  expect_alike(topics, namnder);
}

// The poll classifies a source's items on several threads
// (app/classify_items.h): with a lemmatizer that has only the terms'
// answers and has let its dictionaries go, so that the threads read the
// files again and fill its answers while they race, every item gets what
// one thread gives it, in order.
TEST(CompiledInflections, ClassifiedSideBySideAsOneByOne) {
  auto fresh = filters::load_hunspell_lemmatizer();
  ASSERT_TRUE(fresh) << fresh.error().message;
  std::vector<filters::TopicSpec> topics;
  const std::vector<filters::FilterSpec> namnder = terms_from(corpus(), topics);
  auto side_by_side = filters::Matcher::compile(topics, namnder, *fresh);
  auto alone = filters::Matcher::compile(topics, namnder, dictionaries());
  ASSERT_TRUE(side_by_side);
  ASSERT_TRUE(alone);
  (*fresh)->unload();  // compiling read the files: the threads read them again
  std::vector<const core::Item*> items;
  for (const core::Item& item : corpus()) items.push_back(&item);
  const std::vector<std::vector<core::Match>> got = app::classify_items(*side_by_side, items, 4);
  ASSERT_EQ(got.size(), items.size());
  std::size_t matched = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(got[i], alone->classify(*items[i]).namnder) << items[i]->title;
    matched += got[i].size();
  }
  EXPECT_GT(matched, 0U);
}

}  // namespace
}  // namespace omvarld
