#include "digest/highlight.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "digest/html_escape.h"
#include "digest/utf8.h"

namespace omvarld::digest {

namespace {

constexpr std::string_view kTitleScope = "title:";
// The display heuristic for inflections (highlight.h).
constexpr std::size_t kMinInflectedTerm = 4;  // code points
constexpr std::size_t kMaxEnding = 5;         // code points after the stem

// A word of the text: bytes [begin, end) of it, and the simple words it
// spans, numbered from 0 through the text (a compound spans its parts).
struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  int position = 0;
  int length = 1;
};

enum class Shape { kWord, kPrefix, kSuffix, kInfix, kPhrase };

// One pattern word, folded, with the stem its inflections start with ("" when
// the term is not inflected).
struct Needle {
  std::string word;
  std::string stem;
};

struct Pattern {
  Shape shape = Shape::kWord;
  bool exact = false;
  bool title_only = false;
  std::vector<Needle> needles;  // one, or a phrase's words
};

struct Run {
  std::size_t begin = 0;
  std::size_t end = 0;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool starts_word(std::string_view text, std::size_t at) {
  return at < text.size() && is_word_char(decode_utf8(text, at).value);
}

std::size_t end_of_run(std::string_view text, std::size_t at) {
  while (starts_word(text, at)) at += decode_utf8(text, at).size;
  return at;
}

// The words of `text` in order, a compound before its parts.
std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  int position = 0;
  for (std::size_t at = 0; at < text.size();) {
    if (!starts_word(text, at)) {
      at += decode_utf8(text, at).size;
      continue;
    }
    std::vector<Word> parts{{at, end_of_run(text, at), position++, 1}};
    while (parts.back().end + 1 < text.size() && text[parts.back().end] == '-' &&
           starts_word(text, parts.back().end + 1)) {
      const std::size_t begin = parts.back().end + 1;
      parts.push_back({begin, end_of_run(text, begin), position++, 1});
    }
    while (parts.back().end < text.size() && text[parts.back().end] == '+') ++parts.back().end;
    if (parts.size() > 1) {
      words.push_back({parts.front().begin, parts.back().end, parts.front().position,
                       static_cast<int>(parts.size())});
    }
    words.insert(words.end(), parts.begin(), parts.end());
    at = parts.back().end;
  }
  return words;
}

std::string_view text_of(std::string_view text, const Word& word) {
  return text.substr(word.begin, word.end - word.begin);
}

// "förskola" → "förskol"; "" for a term too short or with a digit or '+'.
std::string stem_of(std::string_view word) {
  std::size_t count = 0;
  std::size_t last = 0;  // where the last code point starts
  for (std::size_t at = 0; at < word.size();) {
    const CodePoint cp = decode_utf8(word, at);
    if (!is_word_char(cp.value) || (cp.value >= U'0' && cp.value <= U'9')) return "";
    last = at;
    ++count;
    at += cp.size;
  }
  return count >= kMinInflectedTerm ? std::string(word.substr(0, last)) : "";
}

Needle needle_for(std::string word, bool exact) {
  std::string stem = exact ? "" : stem_of(word);
  return {std::move(word), std::move(stem)};
}

// A wildcard's fragment: letters, digits, '-' and '+', at least one letter.
bool is_fragment(std::string_view text) {
  bool seen_word_char = false;
  for (std::size_t at = 0; at < text.size();) {
    const CodePoint cp = decode_utf8(text, at);
    if (is_word_char(cp.value)) {
      seen_word_char = true;
    } else if (cp.value != U'-' && cp.value != U'+') {
      return false;
    }
    at += cp.size;
  }
  return seen_word_char;
}

// Reads `term` as the filter language writes it; nullopt for what it rejects.
std::optional<Pattern> parse_pattern(std::string_view term) {
  while (!term.empty() && is_space(term.front())) term.remove_prefix(1);
  while (!term.empty() && is_space(term.back())) term.remove_suffix(1);
  Pattern pattern;
  if (term.starts_with(kTitleScope)) {
    pattern.title_only = true;
    term.remove_prefix(kTitleScope.size());
  }
  if (term.starts_with('=')) {
    pattern.exact = true;
    term.remove_prefix(1);
  }
  if (term.empty()) return std::nullopt;
  const std::string folded = fold_case(term);
  const std::string_view body = folded;

  if (body.front() == '"') {
    if (body.size() < 2 || body.back() != '"') return std::nullopt;
    const std::string_view inside = body.substr(1, body.size() - 2);
    if (inside.find_first_of("\"*") != std::string_view::npos) return std::nullopt;
    for (const Word& word : split_words(inside)) {
      if (word.length == 1)
        pattern.needles.push_back(needle_for(std::string(text_of(inside, word)), pattern.exact));
    }
    if (pattern.needles.empty()) return std::nullopt;
    pattern.shape = pattern.needles.size() == 1 ? Shape::kWord : Shape::kPhrase;
    return pattern;
  }

  const bool leading = body.front() == '*';
  const bool trailing = body.size() > 1 && body.back() == '*';
  const std::string_view fragment =
      body.substr(leading ? 1 : 0, body.size() - (leading ? 1 : 0) - (trailing ? 1 : 0));
  if (fragment.empty() || (pattern.exact && (leading || trailing))) return std::nullopt;
  if (leading || trailing) {
    if (!is_fragment(fragment)) return std::nullopt;
    pattern.shape = leading && trailing ? Shape::kInfix
                    : leading           ? Shape::kSuffix
                                        : Shape::kPrefix;
    pattern.needles.push_back({std::string(fragment), ""});
    return pattern;
  }
  const std::vector<Word> words = split_words(fragment);
  if (words.empty() || words.front().begin != 0 || words.front().end != fragment.size()) {
    return std::nullopt;
  }
  pattern.needles.push_back(needle_for(std::string(fragment), pattern.exact));
  return pattern;
}

// True when `word` is the needle's word or, by the heuristic, an inflection.
bool same_word(const Needle& needle, std::string_view word) {
  if (word == needle.word) return true;
  if (needle.stem.empty() || !word.starts_with(needle.stem)) return false;
  const std::string_view ending = word.substr(needle.stem.size());
  return ending.size() == static_cast<std::size_t>(end_of_run(ending, 0)) &&
         count_code_points(ending) <= kMaxEnding;
}

// True when `word` begins with the needle's stem and goes on, whatever its
// length: a compound that begins with the term ("förskoleklass"), which a
// word term matches (docs/reference.md, "Compounds") and a phrase does not.
bool begins_compound(const Needle& needle, std::string_view word) {
  if (needle.stem.empty() || !word.starts_with(needle.stem)) return false;
  return end_of_run(word, needle.stem.size()) == word.size();
}

bool word_matches(const Pattern& pattern, std::string_view word) {
  const std::string& wanted = pattern.needles.front().word;
  switch (pattern.shape) {
    case Shape::kWord:
      return same_word(pattern.needles.front(), word) || begins_compound(pattern.needles.front(), word);
    case Shape::kPhrase:
      return same_word(pattern.needles.front(), word);
    case Shape::kPrefix:
      return word.starts_with(wanted);
    case Shape::kSuffix:
      return word.ends_with(wanted);
    case Shape::kInfix:
      return word.find(wanted) != std::string_view::npos;
  }
  return false;
}

// Adds the runs where `pattern` matches the `words` of `folded` to `runs`.
void find_runs(const Pattern& pattern, std::string_view folded, const std::vector<Word>& words,
               std::vector<Run>& runs) {
  if (pattern.shape != Shape::kPhrase) {
    for (const Word& word : words) {
      if (word_matches(pattern, text_of(folded, word))) runs.push_back({word.begin, word.end});
    }
    return;
  }
  // A phrase runs over simple words with consecutive positions.
  std::vector<Word> simple;
  for (const Word& word : words) {
    if (word.length == 1) simple.push_back(word);
  }
  const std::size_t count = pattern.needles.size();
  for (std::size_t first = 0; first + count <= simple.size(); ++first) {
    bool all = true;
    for (std::size_t i = 0; i < count && all; ++i)
      all = same_word(pattern.needles[i], text_of(folded, simple[first + i]));
    if (all) runs.push_back({simple[first].begin, simple[first + count - 1].end});
  }
}

// Sorted, with overlapping and touching runs joined.
std::vector<Run> merged(std::vector<Run> runs) {
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.begin < b.begin; });
  std::vector<Run> joined;
  for (const Run& run : runs) {
    if (!joined.empty() && run.begin <= joined.back().end) {
      joined.back().end = std::max(joined.back().end, run.end);
    } else {
      joined.push_back(run);
    }
  }
  return joined;
}

}  // namespace

std::string highlight_terms(std::string_view text, std::span<const std::string> terms,
                            ShownText part) {
  std::vector<Pattern> patterns;
  for (const std::string& term : terms) {
    std::optional<Pattern> pattern = parse_pattern(term);
    if (pattern && (part == ShownText::kTitle || !pattern->title_only))
      patterns.push_back(std::move(*pattern));
  }
  if (patterns.empty()) return html_escape(text);

  // fold_case keeps byte offsets, so runs found in `folded` apply to `text`.
  const std::string folded = fold_case(text);
  const std::vector<Word> words = split_words(folded);
  std::vector<Run> runs;
  for (const Pattern& pattern : patterns) find_runs(pattern, folded, words, runs);

  std::string html;
  std::size_t plain_from = 0;  // start of the text not yet written
  for (const Run& run : merged(std::move(runs))) {
    html += html_escape(text.substr(plain_from, run.begin - plain_from));
    html += "<strong>";
    html += html_escape(text.substr(run.begin, run.end - run.begin));
    html += "</strong>";
    plain_from = run.end;
  }
  html += html_escape(text.substr(plain_from));
  return html;
}

}  // namespace omvarld::digest
