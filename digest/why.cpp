// digest/why.cpp

#include "digest/why.h"

#include <algorithm>

#include "digest/utf8.h"

namespace omvarld::digest {

std::string term_as_words(std::string_view term) {
  constexpr std::string_view kTitleScope = "title:";
  while (!term.empty() && term.front() == ' ') term.remove_prefix(1);
  if (term.starts_with(kTitleScope)) term.remove_prefix(kTitleScope.size());
  std::string plain;
  for (const char c : term) {
    if (c == '=' || c == '*' || c == '"') continue;
    plain += c;
  }
  return clean_line(plain);
}

std::vector<std::string> why_words(const std::vector<std::string>& terms,
                                   const std::vector<std::vector<std::string>>& found_words) {
  std::vector<std::string> words;
  std::vector<std::string> folded;  // of `words`, to keep each once regardless of case
  const auto add = [&](std::string_view word) {
    std::string line = clean_line(word);
    if (line.empty() || words.size() >= kMaxWhyWords) return;
    std::string key = fold_case(line);
    if (std::find(folded.begin(), folded.end(), key) != folded.end()) return;
    folded.push_back(std::move(key));
    words.push_back(std::move(line));
  };
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (i < found_words.size() && !found_words[i].empty()) {
      for (const std::string& word : found_words[i]) add(word);
    } else {
      add(term_as_words(terms[i]));
    }
  }
  return words;
}

}  // namespace omvarld::digest
