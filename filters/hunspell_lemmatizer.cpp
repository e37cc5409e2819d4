// filters/hunspell_lemmatizer.cpp

#include "filters/hunspell_lemmatizer.h"

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <mutex>
#include <shared_mutex>
#include <utility>

#include <hunspell/hunspell.hxx>

#include "core/utf8.h"
#include "filters/string_keys.h"
#include "filters/text.h"

namespace omvarld::filters {
namespace {

// Enough for the vocabulary of years of news in two languages.
constexpr std::size_t kCacheLimit = 200'000;
// Bytes: longer than any dictionary word; not looked up or cached.
constexpr std::size_t kMaxKnownWord = 100;

// hunspell also "stems" a compound to its first or last part
// ("klimatanpassning" → "klimat", "äldreomsorgsnämnden" → "nämnd"), which
// would make the term `klimat` behave like `klimat*`. An inflection keeps
// all but the end of its base form and adds a short ending
// ("förskol|ornas" from "förskol|a"), so only such stems are kept.
// (kMaxChangedEnd, kMaxEnding: lemmatizer.h). The answers are kept between
// processes (app/stem_cache.h): a change of what is kept here needs that
// file's format number raised, or old answers would stand.
bool is_inflection_of(std::string_view word, std::string_view lemma) {
  const auto [in_word, in_lemma] = std::ranges::mismatch(word, lemma);
  const auto common = static_cast<std::size_t>(in_word - word.begin());
  return common + kMaxChangedEnd >= lemma.size() && word.size() - common <= kMaxEnding;
}

bool has_digit(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The word with its first letter in upper case, for names that the
// dictionaries only know capitalised ("linköpings" → "Linköpings"). Latin
// letters only: the names in question are Swedish and English.
std::string capitalized(std::string_view word) {
  if (word.empty()) return {};
  const CodePoint first = decode_utf8(word, 0);
  char32_t upper = first.value;
  if (upper >= U'a' && upper <= U'z') upper -= 0x20;
  if (upper >= 0xE0 && upper <= 0xFE && upper != 0xF7) upper -= 0x20;  // à…þ → À…Þ
  std::string out;
  core::append_utf8(out, upper);
  out.append(word.substr(first.length));
  return out;
}

class HunspellLemmatizer final : public Lemmatizer {
 public:
  // The .aff and .dic files of one language, in the order they are asked.
  void add(std::filesystem::path aff, std::filesystem::path dic) {
    files_.push_back({std::move(aff), std::move(dic)});
  }

  std::vector<std::string> lemmas(std::string_view word) const override {
    // Numbers, years and codes ("2026", "covid-19", "h2020") have no
    // inflections in the dictionaries, and hunspell is slowest on them.
    if (has_digit(word)) return {};
    {  // Threads that classify side by side mostly find their words here.
      const std::shared_lock reading(mutex_);
      if (auto found = cache_.find(word); found != cache_.end()) return found->second;
    }
    const std::lock_guard lock(mutex_);
    if (auto found = cache_.find(word); found != cache_.end()) return found->second;
    // Files gone since the start (a package being upgraded): no answer
    // now, and none kept, so that the word is asked again.
    if (!load()) return {};
    if (cache_.size() >= kCacheLimit) cache_.clear();
    std::vector<std::string> found = look_up(std::string(word));
    if (found.empty()) found = look_up(capitalized(word));
    std::erase_if(found, [&](const std::string& lemma) { return lemma == word || !is_inflection_of(word, lemma); });
    cache_.emplace(word, found);
    return found;
  }

  Answers answers() const override {
    const std::shared_lock reading(mutex_);
    return Answers(cache_.begin(), cache_.end());
  }

  // Only answers lemmas() could have given: folded, without digits, each
  // base form an inflection of its word (a file cannot make "bomb" match
  // `skola`); an answer with any other is left to the dictionary. Never
  // over an answer of this process's own, and leaving room for the items'
  // words.
  void learn(const Answers& answers) const override {
    const std::lock_guard lock(mutex_);
    const auto could_answer = [](const std::string& word, const std::vector<std::string>& lemmas) {
      if (has_digit(word) || fold_case(word) != word) return false;
      return std::ranges::all_of(lemmas, [&](const std::string& lemma) {
        return lemma != word && fold_case(lemma) == lemma && is_inflection_of(word, lemma);
      });
    };
    for (const auto& [word, lemmas] : answers) {
      if (cache_.size() >= kCacheLimit / 2) return;
      if (could_answer(word, lemmas)) cache_.try_emplace(word, lemmas);
    }
  }

  // Only the first dictionary (Swedish, by default): Swedish writes
  // compounds together, English apart, and English rests ("var" + "mare")
  // would make chance compounds.
  bool knows(std::string_view word) const override {
    if (word.size() > kMaxKnownWord || files_.empty()) return false;
    {
      const std::shared_lock reading(mutex_);
      if (auto found = known_.find(std::string(word)); found != known_.end()) return found->second;
    }
    const std::lock_guard lock(mutex_);
    if (auto found = known_.find(std::string(word)); found != known_.end()) return found->second;
    if (!load()) return false;
    if (known_.size() >= kCacheLimit) known_.clear();
    Hunspell& dictionary = *dictionaries_.front();
    const bool known = spelled(dictionary, std::string(word)) || spelled(dictionary, capitalized(word));
    known_.emplace(word, known);
    return known;
  }

  void unload() const override {
    const std::lock_guard lock(mutex_);
    dictionaries_.clear();
  }

 private:
  struct Files {
    std::filesystem::path aff;
    std::filesystem::path dic;
  };

  // The dictionaries loaded, when they are not (at the first question, or
  // the first after unload()); false when a file is missing. Called with
  // the mutex held.
  bool load() const {
    if (!dictionaries_.empty()) return true;
    for (const Files& language : files_) {
      std::error_code error;
      if (!std::filesystem::is_regular_file(language.aff, error) ||
          !std::filesystem::is_regular_file(language.dic, error)) {
        return false;
      }
    }
    for (const Files& language : files_) {
      dictionaries_.push_back(std::make_unique<Hunspell>(language.aff.c_str(), language.dic.c_str()));
    }
    return true;
  }

  // Every dictionary's stems of `word`, folded, each once. Called with the
  // mutex held: Hunspell objects are not thread-safe.
  std::vector<std::string> look_up(const std::string& word) const {
    std::vector<std::string> found;
    for (const auto& dictionary : dictionaries_) {
      for (const std::string& stem : dictionary->stem(word)) {
        std::string folded = fold_case(stem);
        if (std::find(found.begin(), found.end(), folded) == found.end()) found.push_back(std::move(folded));
      }
    }
    return found;
  }

  // True when `dictionary` spells `word` so. Called with the mutex held.
  static bool spelled(Hunspell& dictionary, const std::string& word) { return dictionary.spell(word); }

  std::vector<Files> files_;
  mutable std::vector<std::unique_ptr<Hunspell>> dictionaries_;  // files_ loaded, or none
  mutable std::shared_mutex mutex_;  // shared: reading the caches
  mutable StringMap<std::vector<std::string>> cache_;
  mutable std::unordered_map<std::string, bool> known_;
};

}  // namespace

std::vector<std::filesystem::path> dictionary_files(const std::filesystem::path& directory,
                                                    const std::vector<std::string>& languages) {
  std::vector<std::filesystem::path> files;
  for (const std::string& language : languages) {
    files.push_back(directory / (language + ".aff"));
    files.push_back(directory / (language + ".dic"));
  }
  return files;
}

Result<std::shared_ptr<const Lemmatizer>> load_hunspell_lemmatizer(
    const std::filesystem::path& directory, const std::vector<std::string>& languages) {
  auto lemmatizer = std::make_shared<HunspellLemmatizer>();
  for (const std::string& language : languages) {
    const std::filesystem::path aff = directory / (language + ".aff");
    const std::filesystem::path dic = directory / (language + ".dic");
    for (const auto& file : {aff, dic}) {
      std::error_code error;
      if (!std::filesystem::is_regular_file(file, error)) {
        return fail(Errc::kInvalidConfig,
                    "dictionary " + file.string() + " not found (install hunspell-sv and hunspell-en-us)");
      }
    }
    lemmatizer->add(aff, dic);
  }
  return std::shared_ptr<const Lemmatizer>(std::move(lemmatizer));
}

}  // namespace omvarld::filters
