// filters/query_parser.cpp
//
// A recursive-descent parser over lexemes, one function per precedence level:
//   or      := and (("OR" | "ELLER") and)*
//   and     := unary (("AND" | "OCH")? unary)*
//   unary   := ("NOT" | "INTE") unary | primary
//   primary := "(" or ")" | term

#include "filters/query_parser.h"

#include "core/translate.h"

#include <optional>
#include <string>
#include <utility>

namespace omvarld::filters {
namespace {

enum class LexemeKind { kTerm, kAnd, kOr, kNot, kOpen, kClose, kEnd };

struct Lexeme {
  LexemeKind kind;
  std::string_view text;
  std::size_t offset;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

LexemeKind classify_word(std::string_view word) {
  if (word == "AND" || word == "OCH") return LexemeKind::kAnd;
  if (word == "OR" || word == "ELLER") return LexemeKind::kOr;
  if (word == "NOT" || word == "INTE") return LexemeKind::kNot;
  return LexemeKind::kTerm;
}

// A term runs to the next space or parenthesis, except inside quotes; an
// unterminated quote runs to the end, and parse_term() reports it.
std::vector<Lexeme> lex(std::string_view text) {
  std::vector<Lexeme> lexemes;
  std::size_t at = 0;
  while (true) {
    while (at < text.size() && is_space(text[at])) ++at;
    if (at == text.size()) break;
    if (text[at] == '(' || text[at] == ')') {
      lexemes.push_back({text[at] == '(' ? LexemeKind::kOpen : LexemeKind::kClose, text.substr(at, 1), at});
      ++at;
      continue;
    }
    const std::size_t start = at;
    while (at < text.size() && !is_space(text[at]) && text[at] != '(' && text[at] != ')') {
      if (text[at] == '"') {
        const std::size_t close = text.find('"', at + 1);
        at = close == std::string_view::npos ? text.size() : close + 1;
      } else {
        ++at;
      }
    }
    const std::string_view word = text.substr(start, at - start);
    lexemes.push_back({classify_word(word), word, start});
  }
  lexemes.push_back({LexemeKind::kEnd, {}, text.size()});
  return lexemes;
}

unexpected<Problem> problem(std::string_view message, std::size_t offset) {
  return unexpected<Problem>(Problem{std::string(message), offset});
}

// The parser, and everything that walks the tree it builds (its destructor,
// leaves(), evaluate()), recurses once per parenthesis or NOT; the limits
// in query_parser.h keep that depth, and the tree, small.

class Parser {
 public:
  explicit Parser(std::string_view text) : lexemes_(lex(text)) {}

  Result<Query, Problem> parse() {
    auto query = parse_or(nullptr);
    if (!query) return query;
    if (peek().kind == LexemeKind::kClose) return problem(core::tr("unexpected \")\""), peek().offset);
    return query;
  }

 private:
  const Lexeme& peek() const { return lexemes_[next_]; }
  const Lexeme& take() { return lexemes_[next_++]; }

  static Query join(Connective connective, std::vector<Query> operands) {
    if (operands.size() == 1) return std::move(operands.front());
    return Query{QueryJoin{connective, std::move(operands)}};
  }

  // `after` is the operator just read, if any, so a missing term can be
  // reported as "expected a term after AND".
  Result<Query, Problem> parse_or(const Lexeme* after) {
    std::vector<Query> operands;
    for (const Lexeme* op = after;; op = &take()) {
      auto operand = parse_and(op);
      if (!operand) return operand;
      operands.push_back(std::move(*operand));
      if (peek().kind != LexemeKind::kOr) break;
    }
    return join(Connective::kOr, std::move(operands));
  }

  Result<Query, Problem> parse_and(const Lexeme* after) {
    std::vector<Query> operands;
    auto first = parse_unary(after);
    if (!first) return first;
    operands.push_back(std::move(*first));
    while (true) {
      const LexemeKind kind = peek().kind;
      if (kind == LexemeKind::kOr || kind == LexemeKind::kClose || kind == LexemeKind::kEnd) break;
      const Lexeme* op = kind == LexemeKind::kAnd ? &take() : nullptr;
      auto operand = parse_unary(op);
      if (!operand) return operand;
      operands.push_back(std::move(*operand));
    }
    return join(Connective::kAnd, std::move(operands));
  }

  Result<Query, Problem> parse_unary(const Lexeme* after) {
    if (peek().kind != LexemeKind::kNot) return parse_primary(after);
    const Lexeme& op = take();
    if (auto too_deep = enter(op)) return *too_deep;
    auto operand = parse_unary(&op);
    --depth_;
    if (!operand) return operand;
    return Query{QueryNot{std::make_unique<Query>(std::move(*operand))}};
  }

  Result<Query, Problem> parse_primary(const Lexeme* after) {
    const Lexeme& lexeme = peek();
    if (lexeme.kind == LexemeKind::kTerm) {
      take();
      if (terms_ == kMaxQueryTerms) {
        return problem(core::trf("more than {0} terms in one query", {std::to_string(kMaxQueryTerms)}), lexeme.offset);
      }
      auto pattern = parse_term(lexeme.text);
      if (!pattern) return problem(pattern.error().message, lexeme.offset + pattern.error().offset);
      return Query{QueryTerm{std::string(lexeme.text), lexeme.offset, terms_++, std::move(*pattern)}};
    }
    if (lexeme.kind == LexemeKind::kOpen) {
      const Lexeme& open = take();
      if (auto too_deep = enter(open)) return *too_deep;
      auto inner = parse_or(nullptr);
      --depth_;
      if (!inner) return inner;
      if (peek().kind != LexemeKind::kClose) return problem(core::tr("missing \")\""), open.offset);
      take();
      return inner;
    }
    if (after) return problem(core::trf("expected a term after {0}", {after->text}), lexeme.offset);
    const std::string got = lexeme.kind == LexemeKind::kEnd     ? std::string(core::tr("end of query"))
                            : lexeme.kind == LexemeKind::kClose ? "\")\""
                                                                : std::string(lexeme.text);
    return problem(core::trf("expected a term, got {0}", {got}), lexeme.offset);
  }

  // One more "(" or NOT around what follows `lexeme`; the problem, at
  // `lexeme`, when that is one more than kMaxQueryDepth.
  std::optional<unexpected<Problem>> enter(const Lexeme& lexeme) {
    if (depth_ == kMaxQueryDepth) {
      return problem(core::trf("nests deeper than {0} levels of parentheses and NOT", {std::to_string(kMaxQueryDepth)}),
                     lexeme.offset);
    }
    ++depth_;
    return std::nullopt;
  }

  std::vector<Lexeme> lexemes_;
  std::size_t next_ = 0;
  std::size_t terms_ = 0;
  std::size_t depth_ = 0;  // "(" and NOT around the lexeme being read
};

void collect(const Query& query, bool negated, std::vector<QueryLeaf>& out) {
  if (const auto* term = std::get_if<QueryTerm>(&query.node)) {
    out.push_back({term, negated});
  } else if (const auto* not_node = std::get_if<QueryNot>(&query.node)) {
    collect(*not_node->operand, !negated, out);
  } else {
    for (const Query& operand : std::get<QueryJoin>(query.node).operands) collect(operand, negated, out);
  }
}

}  // namespace

Result<Query, Problem> parse_query(std::string_view text) { return Parser(text).parse(); }

std::vector<QueryLeaf> leaves(const Query& query) {
  std::vector<QueryLeaf> out;
  collect(query, false, out);
  return out;
}

bool evaluate(const Query& query, const std::vector<bool>& matched) {
  if (const auto* term = std::get_if<QueryTerm>(&query.node)) return matched[term->index];
  if (const auto* not_node = std::get_if<QueryNot>(&query.node)) return !evaluate(*not_node->operand, matched);
  const QueryJoin& join = std::get<QueryJoin>(query.node);
  for (const Query& operand : join.operands) {
    if (evaluate(operand, matched) == (join.connective == Connective::kOr)) {
      return join.connective == Connective::kOr;
    }
  }
  return join.connective == Connective::kAnd;
}

}  // namespace omvarld::filters
