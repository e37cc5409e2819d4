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

// How deep a query may nest, counting each "(" and each NOT around a term:
// "NOT (a OR NOT b)" is three deep. Coordinators write two or three;
// the parser and every walk over the tree (its destructor, leaves(),
// evaluate()) recurse once per level, and 100,000 of them overflowed the
// stack of `check-config`.
inline constexpr std::size_t kMaxQueryDepth = 32;

// How many terms one query may hold. The longest queries in use list a few
// dozen words; a pasted word list of a thousand still works, and every
// item's classification evaluates each one.
inline constexpr std::size_t kMaxQueryTerms = 1000;

// Parses `text`. Fails with the first problem, at its byte offset in `text`:
// `expected a term after AND`, `expected a term, got end of query`,
// `missing ")"` (at the unclosed "("), `unexpected ")"`, `nests deeper than
// 32 levels of parentheses and NOT` (at the "(" or NOT one too deep), `more
// than 1000 terms in one query` (at the term one too many), or a bad
// term's problem (term.h). A parsed query is therefore at most
// kMaxQueryDepth deep, which bounds the recursion of the functions below.
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
