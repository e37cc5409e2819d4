// filters/term.cpp

#include "filters/term.h"

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/translate.h"
#include "core/utf8.h"
#include "filters/text.h"

namespace omvarld::filters {
namespace {

constexpr std::string_view kTitleScope = "title:";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

unexpected<Problem> problem(std::string_view message, std::size_t offset) {
  return unexpected<Problem>(Problem{std::string(message), offset});
}

// Says what character `text[offset]` is, for "unexpected …" messages.
std::string describe_char(std::string_view text, std::size_t offset) {
  if (text[offset] == '"') return std::string(core::tr("a quote"));
  const CodePoint cp = decode_utf8(text, offset);
  // Appended piecewise: GCC 12 at -O3 warns (-Wrestrict, falsely) on the
  // concatenation of temporaries.
  std::string quoted(1, '"');
  quoted.append(text.substr(offset, cp.length));
  quoted.push_back('"');
  return quoted;
}

// Checks that text[begin, end) is one word as tokenize() reads it: letters and
// digits, inner hyphens, a trailing run of '+'. In a wildcard fragment a
// hyphen may also stand at the edge ("eu-*"). Offsets are into `text`.
Result<void, Problem> check_word(std::string_view text, std::size_t begin, std::size_t end,
                                 bool wildcard) {
  bool seen_word_char = false;
  std::optional<std::size_t> pluses;  // where the run of '+' began
  for (std::size_t offset = begin; offset < end;) {
    const CodePoint cp = decode_utf8(text, offset);
    const bool next_is_word_char =
        offset + cp.length < end && is_word_char(decode_utf8(text, offset + cp.length).value);
    if (cp.value == U'*') return problem(core::tr("\"*\" must be at the start or end of a word"), offset);
    if (is_space(text[offset])) return problem(core::tr("several words need quotes to form a phrase"), offset);
    // '+' ends a word ("Erasmus+"); a word after it means it was inside one.
    if (pluses && cp.value != U'+') return problem(core::tr("unexpected \"+\" in a term"), *pluses);
    const bool fits = is_word_char(cp.value) ? true
                      : cp.value == U'-'     ? wildcard || (seen_word_char && next_is_word_char)
                      : cp.value == U'+'     ? seen_word_char
                                             : false;
    if (!fits) return problem(core::trf("unexpected {0} in a term", {describe_char(text, offset)}), offset);
    seen_word_char = seen_word_char || is_word_char(cp.value);
    if (cp.value == U'+' && !pluses) pluses = offset;
    offset += cp.length;
  }
  if (!seen_word_char) return problem(core::trf("unexpected {0} in a term", {describe_char(text, begin)}), begin);
  return {};
}

Result<TermPattern, Problem> parse_phrase(std::string_view text, std::size_t open, std::size_t end,
                                          TermPattern pattern) {
  const std::size_t close = text.find('"', open + 1);
  if (close == std::string_view::npos || close >= end) return problem(core::tr("unterminated quote"), open);
  if (close + 1 != end) return problem(core::tr("unexpected text after the closing quote"), close + 1);
  const std::string_view inside = text.substr(open + 1, close - open - 1);
  if (const std::size_t star = inside.find('*'); star != std::string_view::npos) {
    return problem(core::tr("\"*\" is not allowed inside a phrase"), open + 1 + star);
  }
  for (Token& token : tokenize(inside, Field::kTitle)) {
    if (token.length == 1) pattern.words.push_back(std::move(token.word));
  }
  if (pattern.words.empty()) return problem(core::tr("empty phrase"), open);
  if (pattern.words.size() > kMaxPhraseWords) {
    return problem(core::trf("a phrase of more than {0} words", {std::to_string(kMaxPhraseWords)}), open);
  }
  pattern.kind = pattern.words.size() == 1 ? TermKind::kWord : TermKind::kPhrase;
  return pattern;
}

Result<TermPattern, Problem> parse_word(std::string_view text, std::size_t begin, std::size_t end,
                                        TermPattern pattern) {
  const bool leading = text[begin] == '*';
  const bool trailing = end - begin > 1 && text[end - 1] == '*';
  const std::size_t first = begin + (leading ? 1 : 0);
  const std::size_t last = end - (trailing ? 1 : 0);
  if (first >= last) return problem(core::tr("\"*\" alone matches everything"), begin);
  if (pattern.exact && (leading || trailing)) {
    return problem(core::tr("\"=\" cannot be combined with \"*\""), leading ? begin : end - 1);
  }
  if (auto checked = check_word(text, first, last, leading || trailing); !checked) {
    return unexpected<Problem>(std::move(checked.error()));
  }
  pattern.kind = leading && trailing ? TermKind::kInfix
                 : leading           ? TermKind::kSuffix
                 : trailing          ? TermKind::kPrefix
                                     : TermKind::kWord;
  pattern.words.push_back(fold_case(text.substr(first, last - first)));
  return pattern;
}

bool contains(std::span<const std::string> list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// True when the pattern's word `index` and `token` are the same word: equal,
// or — unless the term is exact — sharing a base form.
bool same_word(const TermPattern& pattern, std::size_t index, const ItemWords& words,
               const Token& token) {
  const std::string& wanted = pattern.words[index];
  if (token.word == wanted) return true;
  if (pattern.exact) return false;
  const std::span<const std::string> token_lemmas = words.lemmas_of(token);
  if (contains(token_lemmas, wanted)) return true;
  if (index >= pattern.lemmas.size()) return false;
  return std::any_of(pattern.lemmas[index].begin(), pattern.lemmas[index].end(),
                     [&](const std::string& lemma) { return lemma == token.word || contains(token_lemmas, lemma); });
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'o' || c == 'u'; }

bool begins_compound(const TermPattern& pattern, const ItemWords& words, const Token& token) {
  const std::vector<std::string> heads = compound_heads(pattern);
  return std::any_of(heads.begin(), heads.end(),
                     [&](const std::string& head) { return is_compound_of(token.word, head, words); });
}

bool first_word_matches(const TermPattern& pattern, const ItemWords& words, const Token& token) {
  const std::string& wanted = pattern.words.front();
  const std::string_view word = token.word;
  switch (pattern.kind) {
    case TermKind::kWord:
      return same_word(pattern, 0, words, token) || begins_compound(pattern, words, token);
    case TermKind::kPhrase:
      return same_word(pattern, 0, words, token);
    case TermKind::kPrefix:
      return word.starts_with(wanted);
    case TermKind::kSuffix: {
      // A compound's inflections end otherwise: "grundskolan" ends with
      // "skola" through its base form "grundskola".
      const std::span<const std::string> lemmas = words.lemmas_of(token);
      return word.ends_with(wanted) || std::any_of(lemmas.begin(), lemmas.end(), [&](const std::string& lemma) {
               return lemma.ends_with(wanted);
             });
    }
    case TermKind::kInfix:
      return word.find(wanted) != std::string_view::npos;
  }
  return false;
}

// True when words[index..] of the phrase follow at `position` of `field`.
// A compound gives more than one token at a position, so several ways may
// go on; they are followed side by side, word by word, as the set of
// positions reached so far, rather than one call deeper per word of the
// phrase (which a phrase of a thousand words would make a thousand).
bool phrase_continues(const TermPattern& pattern, std::size_t index, const ItemWords& words,
                      Field field, int position) {
  std::vector<int> reached = {position};
  for (; index < pattern.words.size(); ++index) {
    std::vector<int> next;
    for (int at : reached) {
      for (const Token& token : words.starting_at(field, at)) {
        if (same_word(pattern, index, words, token)) next.push_back(token.position + token.length);
      }
    }
    if (next.empty()) return false;
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    reached = std::move(next);
  }
  return true;
}

}  // namespace

Result<TermPattern, Problem> parse_term(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  if (begin == end) return problem(core::tr("empty term"), 0);

  TermPattern pattern;
  if (text.substr(begin, end - begin).starts_with(kTitleScope)) {
    pattern.title_only = true;
    begin += kTitleScope.size();
    if (begin == end) return problem(core::tr("empty term after \"title:\""), begin);
  }
  if (text[begin] == '=') {
    pattern.exact = true;
    ++begin;
    if (begin == end) return problem(core::tr("empty term after \"=\""), begin);
  }
  if (text[begin] == '"') return parse_phrase(text, begin, end, std::move(pattern));
  return parse_word(text, begin, end, std::move(pattern));
}

std::optional<Problem> operator_in_list_term(std::string_view text) {
  constexpr std::array<std::string_view, 6> kOperators = {"AND", "OR", "NOT", "OCH", "ELLER", "INTE"};
  // The words of `text` outside quotes, with their offsets.
  std::vector<std::pair<std::size_t, std::string_view>> words;
  bool quoted = false;
  std::size_t start = std::string_view::npos;
  for (std::size_t at = 0; at <= text.size(); ++at) {
    const bool boundary = at == text.size() || (!quoted && is_space(text[at]));
    if (at < text.size() && text[at] == '"') quoted = !quoted;
    if (boundary) {
      if (start != std::string_view::npos) words.emplace_back(start, text.substr(start, at - start));
      start = std::string_view::npos;
    } else if (start == std::string_view::npos) {
      start = at;
    }
  }
  if (words.size() < 2) return std::nullopt;
  const auto found = std::find_if(words.begin(), words.end(), [&](const auto& word) {
    return std::find(kOperators.begin(), kOperators.end(), word.second) != kOperators.end();
  });
  if (found == words.end()) return std::nullopt;
  const std::string_view op = found->second;
  const auto trimmed = [](std::string_view side) {
    while (!side.empty() && is_space(side.front())) side.remove_prefix(1);
    while (!side.empty() && is_space(side.back())) side.remove_suffix(1);
    return std::string(side.substr(0, 40));
  };
  const std::string left = trimmed(text.substr(0, found->first));
  const std::string right = trimmed(text.substr(found->first + op.size()));
  // A TOML string holding the term: in single quotes when it has a phrase's quotes.
  const auto toml = [](const std::string& term) {
    return term.find('"') == std::string::npos ? "\"" + term + "\"" : "'" + term + "'";
  };
  const std::string query = "query = '" + left + " " + std::string(op) + " " + right + "'";
  const std::string op_text(op);
  std::string message;
  if (op == "NOT" || op == "INTE") {
    message = core::trf("\"{0}\" is an operator, and operators belong in query: to keep out items with {1}, "
                        "write none = [{2}], or {3}",
                        {op_text, right, toml(right), query});
  } else if (op == "OR" || op == "ELLER") {
    message = core::trf("\"{0}\" is an operator, and operators belong in query: write the terms apart, [{1}, {2}]; "
                        "each one is enough",
                        {op_text, toml(left), toml(right)});
  } else {
    message = core::trf("\"{0}\" is an operator, and operators belong in query: write the terms apart, [{1}, {2}], "
                        "where each one is enough, or {3} where both must occur",
                        {op_text, toml(left), toml(right), query});
  }
  return Problem{std::move(message), found->first};
}

void inflect(TermPattern& pattern, const Lemmatizer& lemmatizer) {
  pattern.lemmas.clear();
  if (pattern.exact || (pattern.kind != TermKind::kWord && pattern.kind != TermKind::kPhrase)) return;
  for (const std::string& word : pattern.words) pattern.lemmas.push_back(lemmatizer.lemmas(word));
}

std::vector<std::string> compound_heads(const TermPattern& pattern) {
  if (pattern.kind != TermKind::kWord || pattern.exact || pattern.lemmas.empty()) return {};
  const std::string& word = pattern.words.front();
  if (core::count_code_points(word) < kMinCompoundTerm) return {};
  if (std::any_of(word.begin(), word.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+'; })) {
    return {};
  }
  std::vector<std::string> heads = {word, word + "s"};
  // A stem of three letters would begin too many words by chance ("vara" →
  // "var": varför, varandra).
  if (is_vowel(word.back()) && core::count_code_points(word) > kMinCompoundTerm) {
    const std::string stem = word.substr(0, word.size() - 1);
    for (const char* linking : {"", "e", "o", "u", "s"}) {
      std::string head = stem + linking;
      if (std::find(heads.begin(), heads.end(), head) == heads.end()) heads.push_back(std::move(head));
    }
  }
  return heads;
}

bool is_compound_of(std::string_view word, std::string_view head, const ItemWords& words) {
  if (!word.starts_with(head)) return false;
  const std::string_view rest = word.substr(head.size());
  // Letters only: hunspell knows numbers, but "klimat2030" is no compound.
  if (std::any_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  return core::count_code_points(rest) >= kMinCompoundRest && rest.size() <= kMaxCompoundRest &&
         words.knows(rest);
}

Error locate(const Problem& problem, std::string_view key, const Term& written) {
  FilePos where = written.where;
  // Editors count characters: "förskola" is 8 columns, 9 bytes.
  const std::string_view before = std::string_view(written.text).substr(0, problem.offset);
  where.column += 1 + static_cast<int>(core::count_code_points(before));
  return Error{Errc::kInvalidQuery, std::string(key) + ": " + problem.message, std::move(where)};
}

bool matches_at(const TermPattern& pattern, const ItemWords& words, const Token& first) {
  if (pattern.title_only && first.field != Field::kTitle) return false;
  if (!first_word_matches(pattern, words, first)) return false;
  return pattern.kind != TermKind::kPhrase ||
         phrase_continues(pattern, 1, words, first.field, first.position + first.length);
}

bool matches(const TermPattern& pattern, const ItemWords& words) {
  for (const Token& token : words.tokens()) {
    if (matches_at(pattern, words, token)) return true;
  }
  return false;
}

}  // namespace omvarld::filters
