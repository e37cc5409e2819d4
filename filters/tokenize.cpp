// filters/tokenize.cpp

#include "filters/tokenize.h"

#include <algorithm>
#include <cstddef>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "filters/text.h"

namespace omvarld::filters {
namespace {

// '-' and the Unicode hyphens (U+2010, U+2011 non-breaking); dashes (– —)
// separate words instead, as in "Linköping – Norrköping".
bool is_hyphen(char32_t value) { return value == U'-' || value == 0x2010 || value == 0x2011; }

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool at_end() const { return offset_ >= text_.size(); }
  std::size_t offset() const { return offset_; }
  char32_t peek(std::size_t ahead = 0) const {
    std::size_t at = offset_;
    for (std::size_t i = 0; i < ahead && at < text_.size(); ++i) at += decode_utf8(text_, at).length;
    return at < text_.size() ? decode_utf8(text_, at).value : 0;
  }
  void advance() { offset_ += decode_utf8(text_, offset_).length; }
  std::string_view slice(std::size_t from, std::size_t to) const { return text_.substr(from, to - from); }

 private:
  std::string_view text_;
  std::size_t offset_ = 0;
};

struct Part {
  std::string word;  // folded
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Reads the compound starting at the scanner's word character into `parts`:
// its parts, folded, the last one with any '+' that directly follows it.
// One vector for all the words of a text, which are read one by one.
void read_compound(Scanner& scanner, std::vector<Part>& parts) {
  parts.clear();
  while (true) {
    const std::size_t start = scanner.offset();
    while (!scanner.at_end() && is_word_char(scanner.peek())) scanner.advance();
    parts.push_back(Part{fold_case(scanner.slice(start, scanner.offset())), start, scanner.offset()});
    if (is_hyphen(scanner.peek()) && is_word_char(scanner.peek(1))) {
      scanner.advance();
      continue;
    }
    break;
  }
  std::size_t pluses = 0;
  while (scanner.peek(pluses) == U'+') ++pluses;
  // "Erasmus+" and "C++", but not "a+b", where '+' joins two words.
  if (pluses > 0 && !is_word_char(scanner.peek(pluses))) {
    parts.back().word.append(pluses, '+');
    for (std::size_t i = 0; i < pluses; ++i) scanner.advance();
    parts.back().end = scanner.offset();
  }
}

// Appends the words of `text` to `tokens` (see tokenize()).
void append_tokens(std::string_view text, Field field, std::vector<Token>& tokens) {
  Scanner scanner(text);
  std::vector<Part> parts;
  int position = 0;
  while (!scanner.at_end()) {
    if (!is_word_char(scanner.peek()) || is_combining_mark(scanner.peek())) {
      scanner.advance();
      continue;
    }
    read_compound(scanner, parts);
    const int count = static_cast<int>(parts.size());
    if (count > 1) {
      std::string whole;
      for (const Part& part : parts) whole += (whole.empty() ? "" : "-") + part.word;
      tokens.push_back(Token{std::move(whole), field, position, count, parts.front().begin, parts.back().end});
    }
    for (int i = 0; i < count; ++i) {
      Part& part = parts[static_cast<std::size_t>(i)];
      tokens.push_back(Token{std::move(part.word), field, position + i, 1, part.begin, part.end});
    }
    position += count;
  }
}

}  // namespace

std::vector<Token> tokenize(std::string_view text, Field field) {
  std::vector<Token> tokens;
  append_tokens(text, field, tokens);
  return tokens;
}

ItemWords::ItemWords(std::string_view title, std::string_view summary, std::string_view content)
    : title_(title), summary_(summary), content_(content) {
  // About one word per 7 bytes of text, so the vector seldom grows.
  tokens_.reserve((title.size() + summary.size() + content.size()) / 7 + 8);
  append_tokens(title, Field::kTitle, tokens_);
  append_tokens(summary, Field::kSummary, tokens_);
  append_tokens(content, Field::kContent, tokens_);
  // Each distinct word numbered once, so that the matcher and the
  // lemmatizer look at a repeated word once without hashing it again.
  std::unordered_map<std::string_view, std::uint32_t> numbers;
  numbers.reserve(tokens_.size());
  word_numbers_.reserve(tokens_.size());
  for (std::size_t index = 0; index < tokens_.size(); ++index) {
    const auto [number, added] =
        numbers.emplace(tokens_[index].word, static_cast<std::uint32_t>(first_tokens_.size()));
    if (added) first_tokens_.push_back(static_cast<std::uint32_t>(index));
    word_numbers_.push_back(number->second);
  }
}

std::size_t ItemWords::word_number(const Token& token) const {
  return word_numbers_[static_cast<std::size_t>(&token - tokens_.data())];
}

std::span<const Token> ItemWords::starting_at(Field field, int position) const {
  // tokenize() emits positions in order, and the fields follow each other in
  // enum order, so the tokens are sorted by (field, position).
  // std::equal_range rather than std::ranges::equal_range, which clang 14
  // (the fuzz build, scripts/fuzz.sh) cannot compile with GCC 12's library.
  struct ByPlace {
    bool operator()(const Token& token, const std::tuple<Field, int>& place) const {
      return std::tuple(token.field, token.position) < place;
    }
    bool operator()(const std::tuple<Field, int>& place, const Token& token) const {
      return place < std::tuple(token.field, token.position);
    }
  };
  const auto [first, last] = std::equal_range(tokens_.begin(), tokens_.end(), std::tuple(field, position), ByPlace{});
  return {first, last};
}

std::string_view ItemWords::text_of(Field field) const {
  return field == Field::kTitle ? title_ : field == Field::kSummary ? summary_ : content_;
}

std::string_view ItemWords::written(const Token& first, int more) const {
  std::size_t end = first.end;
  if (more > 0) {
    for (const Token& last : starting_at(first.field, first.position + more)) {
      if (last.length == 1) end = std::max(end, last.end);
    }
  }
  const std::string_view text = text_of(first.field);
  if (first.begin > end || end > text.size()) return {};
  return text.substr(first.begin, end - first.begin);
}

void ItemWords::add_lemmas(const Lemmatizer& lemmatizer) {
  lemmatizer_ = &lemmatizer;
  lemmas_.clear();
  lemmas_.reserve(word_count());
  for (std::size_t number = 0; number < word_count(); ++number) {
    lemmas_.push_back(lemmatizer.lemmas(word(number)));
  }
}

bool ItemWords::knows(std::string_view word) const {
  return lemmatizer_ != nullptr && lemmatizer_->knows(word);
}

std::span<const std::string> ItemWords::lemmas_of(const Token& token) const {
  return lemmas_of_word(word_number(token));
}

std::span<const std::string> ItemWords::lemmas_of_word(std::size_t number) const {
  if (number >= lemmas_.size()) return {};
  return lemmas_[number];
}

}  // namespace omvarld::filters
