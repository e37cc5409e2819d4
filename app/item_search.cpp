#include "app/item_search.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "filters/term.h"

namespace omvarld::app {
namespace {

// Adds the forms that begin `word` as a term (compound_heads: the word and
// its linking stems) to `forms` as prefixes; the word alone when a filter
// would find no compounds of it.
void add_forms_of(const std::string& word, std::vector<storage::SearchForm>& forms) {
  filters::TermPattern pattern;
  pattern.words = {word};
  pattern.lemmas = {{}};  // looked up: the caller passes base forms on their own
  const std::vector<std::string> heads = filters::compound_heads(pattern);
  if (heads.empty()) {
    forms.push_back({word, false});
    return;
  }
  for (const std::string& head : heads) forms.push_back({head, true});
}

// Leaves out every form another prefix in `forms` already covers, shortest
// prefixes first: förskol* covers förskola, förskole* and förskolan.
std::vector<storage::SearchForm> covering(std::vector<storage::SearchForm> forms) {
  std::sort(forms.begin(), forms.end(), [](const auto& a, const auto& b) {
    return a.text.size() != b.text.size() ? a.text.size() < b.text.size() : a.prefix > b.prefix;
  });
  std::vector<storage::SearchForm> kept;
  for (storage::SearchForm& form : forms) {
    const bool covered = std::any_of(kept.begin(), kept.end(), [&](const storage::SearchForm& by) {
      return by.prefix ? form.text.starts_with(by.text) : form.text == by.text && !form.prefix;
    });
    if (!covered) kept.push_back(std::move(form));
  }
  return kept;
}

}  // namespace

storage::SearchForms search_forms(std::shared_ptr<const filters::Lemmatizer> lemmatizer) {
  return [dictionary = std::move(lemmatizer)](std::string_view written) {
    // Folded as filters fold, which is as the index folds: "Förskola" → "förskola".
    auto parsed = filters::parse_term(written);
    // Filter syntax (=word, title:) means nothing to a search: as written.
    if (!parsed || parsed->kind != filters::TermKind::kWord || parsed->exact ||
        parsed->title_only || parsed->words.size() != 1) {
      return std::vector<storage::SearchForm>{};
    }
    const std::string& word = parsed->words.front();
    std::vector<storage::SearchForm> forms;
    add_forms_of(word, forms);
    if (dictionary) {
      for (const std::string& lemma : dictionary->lemmas(word)) add_forms_of(lemma, forms);
    }
    return covering(std::move(forms));
  };
}

}  // namespace omvarld::app
