// The dictionaries' answers kept between processes (app/stem_cache.h): the
// file's format and its limits, read as hostile input; a fresh lemmatizer
// answering from the file; a file made with other dictionaries left
// unused; and compile_matcher writing the file next to the database. Real
// hunspell dictionaries and files on disk, so labelled integration.

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/runtime.h"
#include "app/stem_cache.h"
#include "config/config.h"
#include "filters/hunspell_lemmatizer.h"
#include "tests/support/temp_dir.h"

namespace omvarld::app {
namespace {

using Answers = filters::Lemmatizer::Answers;

constexpr std::string_view kIdentity = "/usr/share/hunspell/sv_SE.aff 10 20";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::shared_ptr<const filters::Lemmatizer> fresh_dictionaries() {
  auto loaded = filters::load_hunspell_lemmatizer();
  EXPECT_TRUE(loaded) << loaded.error().message;
  return loaded ? *loaded : nullptr;
}

TEST(StemCache, WhatIsWrittenIsReadBack) {
  const Answers answers{{"förskolorna", {"förskola"}}, {"qkalomi", {}}, {"nämnderna", {"nämnd", "nämnde"}}};
  const std::string text = format_stem_cache(kIdentity, answers);
  EXPECT_EQ(text,
            "omvarld stem cache 1\n"
            "dictionaries /usr/share/hunspell/sv_SE.aff 10 20\n"
            "förskolorna\tförskola\nqkalomi\nnämnderna\tnämnd\tnämnde\n");
  auto parsed = parse_stem_cache(text, kIdentity);
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_TRUE(*parsed);
  EXPECT_EQ(**parsed, answers);
}

TEST(StemCache, AFileOfOtherDictionariesIsNotUsed) {
  const std::string text = format_stem_cache(kIdentity, {{"förskolorna", {"förskola"}}});
  auto parsed = parse_stem_cache(text, "/usr/share/hunspell/sv_SE.aff 11 20");
  ASSERT_TRUE(parsed);
  EXPECT_FALSE(*parsed);
}

TEST(StemCache, ABrokenFileIsRefusedNamingTheLine) {
  const std::string head = "omvarld stem cache 1\ndictionaries " + std::string(kIdentity) + "\n";
  const struct {
    const char* name;
    std::string text;
    std::string message;
  } cases[] = {
      {"another format", "omvarld stem cache 2\n", "line 1: not an omvarld stem cache"},
      {"empty", "", "line 1: no dictionaries line"},
      {"header only", "omvarld stem cache 1\n", "line 2: no dictionaries line"},
      {"no dictionaries line", "omvarld stem cache 1\nförskola\n", "line 2: no dictionaries line"},
      {"cut short", head + "förskolorna\tförsk", "line 1: cut short (no final line feed)"},
      {"an empty line", head + "a\n\nb\n", "line 4: not a word and its base forms"},
      {"an empty base form", head + "förskolorna\t\n", "line 3: not a word and its base forms"},
      {"no word", head + "\tförskola\n", "line 3: not a word and its base forms"},
      {"a control character", head + "för\x1b[2Jskola\n", "line 3: not a word and its base forms"},
      {"a carriage return", head + "förskola\r\n", "line 3: not a word and its base forms"},
      {"ill-formed UTF-8", head + "f\xc3r\n", "line 3: not a word and its base forms"},
      {"a word too long", head + std::string(kMaxStemCacheWordBytes + 1, 'a') + "\n",
       "line 3: not a word and its base forms"},
      {"too many base forms", head + "a" + [] {
         std::string many;
         for (std::size_t i = 0; i <= kMaxStemCacheLemmas; ++i) many += "\tb";
         return many;
       }() + "\n",
       "line 3: not a word and its base forms"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto parsed = parse_stem_cache(c.text, kIdentity);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, Errc::kStorage);
    EXPECT_EQ(parsed.error().message, c.message);
  }
}

TEST(StemCache, TheLimitsHold) {
  const std::string head = "omvarld stem cache 1\ndictionaries " + std::string(kIdentity) + "\n";
  std::string big = head + std::string(kMaxStemCacheBytes, 'a') + "\n";
  auto parsed = parse_stem_cache(big, kIdentity);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().message, "line 1: larger than 33554432 bytes");

  std::string many = head;
  for (std::size_t i = 0; i <= kMaxStemCacheWords; ++i) many += "w" + std::to_string(i) + "\n";
  parsed = parse_stem_cache(many, kIdentity);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().message, "line 100003: more than 100000 words");

  // What could not be read back is not written, and no more than the limit.
  Answers answers{{"a\tb", {}}, {"c\nd", {}}, {"ok", {"e\x01"}}, {std::string(101, 'x'), {}}, {"fine", {"f"}}};
  EXPECT_EQ(format_stem_cache(kIdentity, answers), head + "fine\tf\n");
  answers.clear();
  for (std::size_t i = 0; i <= kMaxStemCacheWords; ++i) answers.push_back({"w" + std::to_string(i), {}});
  parsed = parse_stem_cache(format_stem_cache(kIdentity, answers), kIdentity);
  ASSERT_TRUE(parsed);
  ASSERT_TRUE(*parsed);
  EXPECT_EQ((*parsed)->size(), kMaxStemCacheWords);
}

TEST(StemCache, AFreshLemmatizerAnswersFromTheFile) {
  omvarld::testing::TempDir dir;
  const auto path = dir.path() / kStemCacheFile;
  // An answer the dictionary would not give ("förskolx") shows where the
  // answer came from. Answers lemmas() could never give are not learned:
  // a base form that is no inflection of its word, one not folded, the
  // word itself, a word with digits.
  dir.write(kStemCacheFile, format_stem_cache(kIdentity, {{"förskolorna", {"förskolx"}},
                                                          {"bomb", {"skola"}},
                                                          {"skolorna", {"Skola"}},
                                                          {"skolan", {"skolan"}},
                                                          {"skola2026", {"skola"}}}));
  auto lemmatizer = fresh_dictionaries();
  ASSERT_TRUE(lemmatizer);
  EXPECT_EQ(load_stem_cache(*lemmatizer, path, kIdentity).size(), 5u);
  EXPECT_EQ(lemmatizer->answers(), (Answers{{"förskolorna", {"förskolx"}}}));
  EXPECT_EQ(lemmatizer->lemmas("förskolorna"), std::vector<std::string>{"förskolx"});
  EXPECT_EQ(lemmatizer->lemmas("skolorna"), std::vector<std::string>{"skola"});  // the dictionary's

  // Made with other dictionaries: not learned, the dictionary answers.
  auto other = fresh_dictionaries();
  ASSERT_TRUE(other);
  EXPECT_TRUE(load_stem_cache(*other, path, "/usr/share/hunspell/sv_SE.aff 10 21").empty());
  EXPECT_EQ(other->lemmas("förskolorna"), std::vector<std::string>{"förskola"});
}

TEST(StemCache, WhatALemmatizerAnsweredIsSavedAndLearned) {
  omvarld::testing::TempDir dir;
  const auto path = dir.path() / kStemCacheFile;
  auto first = fresh_dictionaries();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->lemmas("förskolorna"), std::vector<std::string>{"förskola"});
  EXPECT_TRUE(first->lemmas("qkalomi").empty());
  ASSERT_TRUE(save_stem_cache(first->answers(), path, kIdentity));
  struct stat status {};
  ASSERT_EQ(::stat(path.c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0600u);

  auto second = fresh_dictionaries();
  ASSERT_TRUE(second);
  EXPECT_EQ(load_stem_cache(*second, path, kIdentity).size(), 2u);
  Answers learned = second->answers();
  std::sort(learned.begin(), learned.end());
  EXPECT_EQ(learned, (Answers{{"förskolorna", {"förskola"}}, {"qkalomi", {}}}));
}

TEST(StemCache, NoFileABrokenOneOrAFifoTeachesNothingAndNeverWaits) {
  omvarld::testing::TempDir dir;
  auto lemmatizer = fresh_dictionaries();
  ASSERT_TRUE(lemmatizer);
  EXPECT_TRUE(load_stem_cache(*lemmatizer, dir.path() / "missing", kIdentity).empty());
  dir.write("broken", "omvarld stem cache 1\ndictionaries x\nförskolorna\t\n");
  EXPECT_TRUE(load_stem_cache(*lemmatizer, dir.path() / "broken", "x").empty());
  ASSERT_EQ(::mkfifo((dir.path() / "fifo").c_str(), 0600), 0);
  EXPECT_TRUE(load_stem_cache(*lemmatizer, dir.path() / "fifo", kIdentity).empty());
  // A link is not followed, even to a good file.
  dir.write("good", format_stem_cache(kIdentity, {{"förskolorna", {"förskola"}}}));
  std::filesystem::create_symlink(dir.path() / "good", dir.path() / "link");
  EXPECT_TRUE(load_stem_cache(*lemmatizer, dir.path() / "link", kIdentity).empty());
  EXPECT_TRUE(lemmatizer->answers().empty());
}

TEST(StemCache, TheIdentityFollowsTheDictionaryFiles) {
  omvarld::testing::TempDir dir;
  const std::vector<std::filesystem::path> files{dir.write("sv_SE.aff", "SET UTF-8\n"),
                                                 dir.write("sv_SE.dic", "1\nskola\n")};
  const std::string before = dictionary_identity(files);
  EXPECT_TRUE(before.starts_with("rules 3 7 " + (dir.path() / "sv_SE.aff").string() + " 10 ")) << before;
  EXPECT_NE(before.find((dir.path() / "sv_SE.dic").string() + " 8 "), std::string::npos) << before;
  dir.write("sv_SE.dic", "2\nskola\nförskola\n");
  EXPECT_NE(dictionary_identity(files), before);
  EXPECT_EQ(dictionary_identity(std::vector<std::filesystem::path>{dir.path() / "missing.dic"}), "");
}

TEST(StemCache, CompilingTheFiltersKeepsTheAnswersNextToTheDatabase) {
  omvarld::testing::TempDir dir;
  dir.write("omvarld.toml", R"toml(
[daemon]
database = "state/omvarld.db"

[[source]]
id = "a"
url = "https://example.se/a.xml"

[[namnd]]
id = "linkoping/utbildning"
name = "Utbildningsnämnden"
recipients = ["u@linkoping.se"]
any = ["förskolorna", "qkalomi"]
)toml");
  std::filesystem::create_directories(dir.path() / "state");
  auto config = config::load_config(dir.path() / "omvarld.toml");
  ASSERT_TRUE(config);
  ASSERT_TRUE(compile_matcher(*config));
  const std::filesystem::path cache = dir.path() / "state" / kStemCacheFile;
  std::string text = read_file(cache);
  EXPECT_TRUE(text.starts_with("omvarld stem cache 1\ndictionaries rules 3 7 /usr/share/hunspell/sv_SE.aff "))
      << text;
  EXPECT_NE(text.find("\nförskolorna\tförskola\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nqkalomi\n"), std::string::npos) << text;

  // Only the terms' words are kept: not an item's word that the same
  // dictionaries looked up meanwhile. A term added by a reload is.
  EXPECT_EQ(dictionaries()->lemmas("skolorna"), std::vector<std::string>{"skola"});
  config->namnder.front().any.push_back(filters::Term{"nämnderna", FilePos{"omvarld.toml", 13, 1}});
  ASSERT_TRUE(compile_matcher(*config));
  text = read_file(cache);
  EXPECT_NE(text.find("\nnämnderna"), std::string::npos) << text;
  EXPECT_NE(text.find("\nförskolorna\tförskola\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("\nskolorna"), std::string::npos) << text;
}

}  // namespace
}  // namespace omvarld::app
