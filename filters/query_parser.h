// filters/query_parser.h
//
// A nämnd's `query`: terms (term.h) combined with AND, OR, NOT, the Swedish
// OCH, ELLER, INTE (operators in upper case only: "och" is a word) and
// parentheses. Adjacent terms mean AND. NOT binds tightest, then AND, then
// OR: `a OR b c` is `a OR (b AND c)`, `NOT a b` is `(NOT a) AND b`.
// Pure functions and plain values.

#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"
#include "filters/term.h"

namespace omvarld::filters {

struct Query;

struct QueryTerm {
  std::string text;     // as written, e.g. `title:"social ekonomi"`
  std::size_t offset;   // of `text` in the query
  std::size_t index;    // 0, 1, … in order of appearance
  TermPattern pattern;
};

struct QueryNot {
  std::unique_ptr<Query> operand;  // never null
};

enum class Connective { kAnd, kOr };

struct QueryJoin {
  Connective connective;
  std::vector<Query> operands;  // two or more
};

struct Query {
  std::variant<QueryTerm, QueryNot, QueryJoin> node;
};

// Parses `text`. Fails with the first problem, at its byte offset in `text`:
// `expected a term after AND`, `expected a term, got end of query`,
// `missing ")"` (at the unclosed "("), `unexpected ")"`, or a bad term's
// problem (term.h).
Result<Query, Problem> parse_query(std::string_view text);

struct QueryLeaf {
  const QueryTerm* term;  // points into the query, which must outlive it
  bool negated;           // under a NOT
};

// The terms of `query` in order of appearance (QueryTerm::index).
std::vector<QueryLeaf> leaves(const Query& query);

// Whether `query` holds when exactly the terms whose index is true in
// `matched` match; matched.size() is the number of terms.
bool evaluate(const Query& query, const std::vector<bool>& matched);

}  // namespace omvarld::filters
