// Inflections through hunspell with Debian's Swedish and English
// dictionaries: the terms of the filter language
// (docs/reference.md, "Filter language"), each against the
// forms a coordinator expects it to find, and those it must not.

#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "filters/hunspell_lemmatizer.h"
#include "filters/matcher.h"

namespace omvarld::filters {
namespace {

std::shared_ptr<const Lemmatizer> dictionaries() {
  static const std::shared_ptr<const Lemmatizer> loaded = [] {
    auto lemmatizer = load_hunspell_lemmatizer();
    EXPECT_TRUE(lemmatizer) << lemmatizer.error().message;
    return lemmatizer ? *lemmatizer : nullptr;
  }();
  return loaded;
}

TEST(HunspellLemmatizer, GivesSwedishAndEnglishBaseForms) {
  struct Case {
    const char* word;
    std::vector<std::string> lemmas;
  };
  const Case cases[] = {
      {"förskolornas", {"förskola"}},
      {"förskolan", {"förskola"}},
      {"äldreomsorgen", {"äldreomsorg"}},
      {"kommunerna", {"kommun"}},
      {"municipalities", {"municipality"}},
      {"calls", {"call"}},
      {"linköpings", {"linköping"}},  // names the dictionary only knows capitalised
      {"förskola", {}},               // its own base form
      {"erasmus+", {}},               // unknown
  };
  ASSERT_TRUE(dictionaries());
  for (const Case& c : cases) {
    SCOPED_TRACE(c.word);
    EXPECT_EQ(dictionaries()->lemmas(c.word), c.lemmas);
  }
}

TEST(HunspellLemmatizer, KeepsNoCompoundPartAsABaseForm) {
  // hunspell stems "klimatanpassning" to "klimat" and "äldreomsorgsnämnden"
  // to "nämnd": taken as lemmas, `nämnd` would find compounds that end with
  // it, and `klimat` compounds whatever their rest. Compounds are found by
  // their own rule (term.h, compound_heads), not as base forms.
  ASSERT_TRUE(dictionaries());
  EXPECT_EQ(dictionaries()->lemmas("klimatanpassning"), std::vector<std::string>{});
  EXPECT_EQ(dictionaries()->lemmas("klimatanpassningen"), std::vector<std::string>{"klimatanpassning"});
  EXPECT_EQ(dictionaries()->lemmas("äldreomsorgsnämnden"), std::vector<std::string>{});
}

TEST(HunspellLemmatizer, KnowsWordsAndTheirInflectionsButNotChanceEndings) {
  ASSERT_TRUE(dictionaries());
  for (const char* word : {"lärare", "klassen", "nämnden", "anpassning", "priset"}) {
    EXPECT_TRUE(dictionaries()->knows(word)) << word;
  }
  // Chance endings, English words (compounds are Swedish) and overlong words.
  for (const char* word : {"elärare", "rskola", "xqz", "municipalities", "mare"}) {
    EXPECT_FALSE(dictionaries()->knows(word)) << word;
  }
  EXPECT_FALSE(dictionaries()->knows(std::string(101, 'a')));
}

// The daemon unloads the dictionaries between polls (app::rest_dictionaries).
TEST(HunspellLemmatizer, LoadsTheDictionariesAgainAfterUnloadingThem) {
  const std::filesystem::path folder = std::filesystem::path(::testing::TempDir()) / "unloaded-dictionaries";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const std::vector<std::filesystem::path> files = dictionary_files();
  for (const auto& file : files) std::filesystem::copy_file(file, folder / file.filename());
  auto loaded = load_hunspell_lemmatizer(folder);
  ASSERT_TRUE(loaded) << loaded.error().message;
  const Lemmatizer& lemmatizer = **loaded;
  EXPECT_EQ(lemmatizer.lemmas("förskolornas"), std::vector<std::string>{"förskola"});
  lemmatizer.unload();
  EXPECT_EQ(lemmatizer.lemmas("kommunerna"), std::vector<std::string>{"kommun"});  // loaded again
  EXPECT_TRUE(lemmatizer.knows("nämnden"));

  // Files gone (a package being upgraded) while unloaded: what was asked
  // before is still answered, a new word gets no answer, and is not
  // cached as having none.
  lemmatizer.unload();
  for (const auto& file : files) std::filesystem::rename(folder / file.filename(), folder / (file.filename().string() + ".old"));
  EXPECT_EQ(lemmatizer.lemmas("förskolornas"), std::vector<std::string>{"förskola"});
  EXPECT_EQ(lemmatizer.lemmas("äldreomsorgen"), std::vector<std::string>{});
  EXPECT_FALSE(lemmatizer.knows("lärare"));
  for (const auto& file : files) std::filesystem::rename(folder / (file.filename().string() + ".old"), folder / file.filename());
  EXPECT_EQ(lemmatizer.lemmas("äldreomsorgen"), std::vector<std::string>{"äldreomsorg"});
  EXPECT_TRUE(lemmatizer.knows("lärare"));
  std::filesystem::remove_all(folder);
}

TEST(HunspellLemmatizer, NamesTheMissingDictionary) {
  auto missing = load_hunspell_lemmatizer("/nonexistent/hunspell");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message,
            "dictionary /nonexistent/hunspell/sv_SE.aff not found (install hunspell-sv and hunspell-en-us)");
}

struct TermCase {
  const char* term;
  const char* title;
  bool matches;
};

core::Item titled(const std::string& title) {
  core::Item item;
  item.source = "s";
  item.title = title;
  return item;
}

bool term_matches(const std::string& term, const std::string& title) {
  FilterSpec spec{"k/n", {}, {}, {Term{term, FilePos{"t.toml", 1, 1}}}, {}, std::nullopt};
  auto matcher = Matcher::compile({}, std::vector<FilterSpec>{spec}, dictionaries());
  EXPECT_TRUE(matcher);
  return matcher && !matcher->classify(titled(title)).namnder.empty();
}

TEST(Matcher, FindsEveryRowOfTheFilterLanguageWithInflections) {
  const TermCase cases[] = {
      // A word and its inflections, Swedish or English, either way round.
      {"förskola", "Nya regler för förskolan", true},
      {"förskola", "Fler förskolor i Linköping", true},
      {"förskola", "Förskolornas lokaler", true},
      {"förskola", "FÖRSKOLANS ROLL", true},
      {"förskolan", "Fler förskolor", true},
      {"äldreomsorg", "Äldreomsorgen i Norrköping", true},
      {"municipality", "Funding for municipalities", true},
      {"municipalities", "A municipality in Sweden", true},
      {"call", "Open calls for proposals", true},
      {"regions", "Cohesion for every region", true},
      {"förskola", "Högskolan växer", false},
      // Compounds that begin with the word, through the linking forms.
      {"förskola", "Förskollärare sökes", true},
      {"förskola", "Ny förskolelärare anställd", true},
      {"förskola", "Förskoleklassen börjar", true},
      {"äldreomsorg", "Äldreomsorgsnämnden sammanträder", true},
      {"välfärdsteknik", "Välfärdsteknikpriset delas ut", true},
      {"klimat", "Klimatanpassning i kommunerna", true},
      {"skola", "Skolverket informerar", true},
      // Never a compound that ends with it, nor a chance beginning.
      {"skola", "Högskolan växer", false},
      {"skola", "Grundskolan", false},
      {"=förskola", "Förskolelärare sökes", false},
      {"lag", "Lagret töms", false},     // shorter than kMinCompoundTerm
      {"vara", "Varför då?", false},     // a stem of three letters begins no compound
      {"vara", "Varandra", false},
      {"klimat", "Klimat2030", false},   // a rest with digits
      {"klimat", "Klimatet", true},      // an inflection, not a compound
      {"förskola", "Förskolor", true},   // förskol + "or" is no compound, but an inflection
      // Wildcards: prefix, suffix (compounds), infix.
      {"skol*", "Skolverket informerar", true},
      {"skol*", "Skolan", true},
      {"skol*", "Grundskolan", false},
      {"*skola", "Ny förskola", true},
      {"*skola", "Grundskolan", true},  // through its base form, grundskola
      {"*skola", "Skolans", true},
      {"*skola", "Skolgården", false},
      {"*skola*", "Grundskolan", true},
      {"*klimat*", "Klimatanpassning i kommunerna", true},
      {"*klimat*", "EU-klimatlagen antagen", true},
      {"*klimat*", "Miljöbalken", false},
      {"a*", "Arbete pågår", true},  // fragments of one byte
      {"*ö*", "Miljöbalken", true},  // and of one letter in two bytes
      {"*ö*", "Miljabalken", false},
      // Phrases: each word inflected, in order, across punctuation.
      {"\"social ekonomi\"", "Den sociala ekonomin växer", true},
      {"\"social ekonomi\"", "Social, ekonomi och miljö", true},
      {"\"social ekonomi\"", "Ekonomi och socialt arbete", false},
      {"\"call for proposals\"", "New calls for proposals open", true},
      // Exact: no inflection, case still ignored.
      {"=EU", "eu:s budget", true},
      {"=regions", "Every region", false},
      {"=förskola", "Förskolan", false},
      // Hyphenated compounds are seen whole and as parts.
      {"kommissionen", "EU-kommissionen föreslår", true},
      {"EU-kommissionen", "EU-kommissionen föreslår", true},
  };
  ASSERT_TRUE(dictionaries());
  for (const TermCase& c : cases) {
    SCOPED_TRACE(std::string(c.term) + " in \"" + c.title + "\"");
    EXPECT_EQ(term_matches(c.term, c.title), c.matches);
  }
}

TEST(Matcher, ExplainsWhichTermsMatchedInTheTitle) {
  FilterSpec spec{"linkoping/utbildning", {}, {}, {}, {}, std::nullopt};
  for (const char* text : {"förskola", "Erasmus+", "title:skola"}) spec.any.push_back(Term{text, FilePos{"t.toml", 1, 1}});
  auto matcher = Matcher::compile({}, std::vector<FilterSpec>{spec}, dictionaries());
  ASSERT_TRUE(matcher);
  core::Item item = titled("Förskolorna får mer pengar");
  item.summary = "Ansök via Erasmus+ senast i mars. Skolan ansvarar.";
  const std::vector<core::Match> expected{
      {"linkoping/utbildning", {"förskola", "Erasmus+"}, {}, {"förskola"}, {{"Förskolorna"}, {"Erasmus+"}}}};
  EXPECT_EQ(matcher->classify(item).namnder, expected);
}

TEST(Matcher, RecordsTheInflectionsAndCompoundsATermFound) {
  FilterSpec spec{"k/n", {}, {}, {}, {}, std::nullopt};
  for (const char* text : {"förskola", "äldreomsorg", "\"social ekonomi\""}) {
    spec.any.push_back(Term{text, FilePos{"t.toml", 1, 1}});
  }
  auto matcher = Matcher::compile({}, std::vector<FilterSpec>{spec}, dictionaries());
  ASSERT_TRUE(matcher);
  core::Item item = titled("Förskolelärare saknas i äldreomsorgen");
  item.summary = "Förskolorna och den sociala ekonomin.";
  const auto found = matcher->classify(item).namnder;
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].terms, (std::vector<std::string>{"förskola", "äldreomsorg", "\"social ekonomi\""}));
  const std::vector<std::vector<std::string>> words{
      {"Förskolelärare", "Förskolorna"}, {"äldreomsorgen"}, {"sociala ekonomin"}};
  EXPECT_EQ(found[0].found_words, words);
}

TEST(Matcher, ClassifiesFromSeveralThreadsAtOnce) {
  FilterSpec spec{"k/n", {}, {}, {Term{"förskola", FilePos{"t.toml", 1, 1}}}, {}, std::nullopt};
  auto matcher = Matcher::compile({}, std::vector<FilterSpec>{spec}, dictionaries());
  ASSERT_TRUE(matcher);
  std::vector<int> found(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < found.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const std::string title = "Förskolornas dag " + std::to_string(i) + " ord" + std::to_string(t);
        found[t] += matcher->classify(titled(title)).namnder.size() == 1 ? 1 : 0;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(found, std::vector<int>(4, 200));
}

}  // namespace
}  // namespace omvarld::filters
