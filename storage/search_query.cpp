#include "storage/search_query.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace omvarld::storage {
namespace {

enum class Operator { kAnd, kOr, kNot };

// One piece of the query as typed: a word, a "quoted phrase" or an operator.
struct Piece {
  std::string text;  // the word or the phrase's inside, without the *
  bool prefix = false;
  std::optional<Operator> op;
  bool phrase = false;  // written in double quotes
};

// Parentheses separate words as white space does: grouping is not part of
// the syntax, and "(skola" should find skola. So do the other control
// characters: a NUL inside an FTS5 string ends it there, and FTS5 then
// reports the rest as a syntax error. Other punctuation stays in the word,
// where the tokenizer splits it into a phrase: "EU:s" is the words EU and
// s, one after the other.
bool is_space(char c) {
  return static_cast<unsigned char>(c) <= ' ' || c == '\x7F' || c == '(' || c == ')';
}

// Whether FTS5's unicode61 tokenizer could find a word in `text`. ASCII
// letters and digits are word characters and every other ASCII character
// separates words; non-ASCII text is left to the tokenizer, which drops a
// phrase without words ("–") by itself.
bool has_word(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool ascii_word =
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (byte >= 0x80 || ascii_word) return true;
  }
  return false;
}

// Only the upper-case spelling is an operator: "och" and "or" are words.
std::optional<Operator> operator_named(std::string_view word) {
  if (word == "AND" || word == "OCH") return Operator::kAnd;
  if (word == "OR" || word == "ELLER") return Operator::kOr;
  if (word == "NOT" || word == "INTE") return Operator::kNot;
  return std::nullopt;
}

// A word or phrase ending in * is a prefix: strip the stars and remember.
Piece term(std::string_view text, bool starred) {
  while (!text.empty() && text.back() == '*') {
    text.remove_suffix(1);
    starred = true;
  }
  return Piece{std::string(text), starred, std::nullopt};
}

// Splits at white space; a double quote opens a phrase that runs to the next
// double quote or to the end of the text, and a * right after its closing
// quote makes its last word a prefix.
std::vector<Piece> split(std::string_view text) {
  std::vector<Piece> pieces;
  std::size_t at = 0;
  while (at < text.size()) {
    if (is_space(text[at])) {
      ++at;
    } else if (text[at] == '"') {
      const std::size_t close = text.find('"', at + 1);
      const std::size_t end = close == std::string_view::npos ? text.size() : close;
      std::string_view inside = text.substr(at + 1, end - at - 1);
      at = close == std::string_view::npos ? text.size() : close + 1;
      bool starred = false;
      while (at < text.size() && text[at] == '*') {
        starred = true;
        ++at;
      }
      Piece phrase = term(inside, starred);
      phrase.phrase = true;
      pieces.push_back(std::move(phrase));
    } else {
      std::size_t end = at;
      while (end < text.size() && !is_space(text[end]) && text[end] != '"') ++end;
      const std::string_view word = text.substr(at, end - at);
      at = end;
      if (auto op = operator_named(word)) {
        pieces.push_back(Piece{{}, false, op});
      } else {
        pieces.push_back(term(word, false));
      }
    }
  }
  return pieces;
}

// An FTS5 string: double quotes, inner ones doubled, control characters
// (a NUL would end the string early) made spaces, which separate words
// there as they do to the tokenizer. Inside one, FTS5 sees no syntax at
// all, only text for the tokenizer.
std::string quoted(const Piece& piece) {
  std::string out = "\"";
  for (char c : piece.text) {
    const bool control = static_cast<unsigned char>(c) < ' ' || c == '\x7F';
    out += control ? ' ' : c;
    if (c == '"') out += '"';
  }
  out += '"';
  if (piece.prefix) out += '*';
  return out;
}

// A plain word and its forms, either of which may match:
// `("skola" OR "skol"*)`; the word alone when it has no other forms.
std::string with_forms(const Piece& piece, const SearchForms& forms) {
  if (!forms || piece.phrase || piece.prefix) return quoted(piece);
  std::string query = "(" + quoted(piece);
  std::size_t taken = 0;
  for (const SearchForm& form : forms(piece.text)) {
    if (form.text.empty() || (!form.prefix && form.text == piece.text)) continue;
    if (++taken > kMaxSearchForms) break;
    query += " OR " + quoted(Piece{form.text, form.prefix, std::nullopt});
  }
  if (taken == 0) return quoted(piece);
  return query + ")";
}

const char* fts5_operator(Operator op) {
  switch (op) {
    case Operator::kAnd:
      return " AND ";
    case Operator::kOr:
      return " OR ";
    case Operator::kNot:
      return " NOT ";
  }
  return " AND ";
}

}  // namespace

Result<std::string> to_fts5_query(std::string_view text, const SearchForms& forms) {
  std::string query;
  std::size_t terms = 0;
  // The operator typed since the last term, applied only when a term follows:
  // one left dangling ("skola OR") is dropped, as is one before the first.
  Operator pending = Operator::kAnd;
  for (const Piece& piece : split(text)) {
    if (piece.op) {
      if (*piece.op == Operator::kNot && query.empty()) {
        return fail(Errc::kInvalidQuery,
                    "search: NOT needs a word or phrase before it, as in: skola NOT högskola");
      }
      pending = *piece.op;
      continue;
    }
    if (!has_word(piece.text)) continue;
    if (++terms > kMaxSearchTerms) {
      return fail(Errc::kInvalidQuery, "search: the query has more than " + std::to_string(kMaxSearchTerms) +
                                           " words and phrases; use at most " +
                                           std::to_string(kMaxSearchTerms));
    }
    if (!query.empty()) query += fts5_operator(pending);
    pending = Operator::kAnd;
    query += with_forms(piece, forms);
  }
  if (query.empty()) {
    return fail(Errc::kInvalidQuery, "search: the query has no word to search for");
  }
  return query;
}

}  // namespace omvarld::storage
