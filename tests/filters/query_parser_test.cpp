#include "filters/query_parser.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace omvarld::filters {
namespace {

// The tree with every group in parentheses: "(a OR (b AND c))".
std::string show(const Query& query) {
  if (const auto* term = std::get_if<QueryTerm>(&query.node)) return term->text;
  if (const auto* negation = std::get_if<QueryNot>(&query.node)) return "(NOT " + show(*negation->operand) + ")";
  const QueryJoin& join = std::get<QueryJoin>(query.node);
  std::string out = "(";
  for (const Query& operand : join.operands) {
    if (out.size() > 1) out += join.connective == Connective::kAnd ? " AND " : " OR ";
    out += show(operand);
  }
  return out + ")";
}

struct ShapeCase {
  const char* name;
  const char* query;
  const char* shape;
};

TEST(ParseQuery, HonoursPrecedenceAndSwedishOperators) {
  const ShapeCase cases[] = {
      {"single term", "skola", "skola"},
      {"and binds tighter than or", "a OR b AND c", "(a OR (b AND c))"},
      {"adjacent terms mean and", "a OR b c", "(a OR (b AND c))"},
      {"and before or", "a b OR c", "((a AND b) OR c)"},
      {"not binds tightest", "NOT a b", "((NOT a) AND b)"},
      {"parentheses group", "digitalisering AND (skola OR utbildning)", "(digitalisering AND (skola OR utbildning))"},
      {"swedish operators", "a OCH b ELLER INTE c", "((a AND b) OR (NOT c))"},
      {"lower-case och is a word", "skola och förskola", "(skola AND och AND förskola)"},
      {"mixed-case operator is a word", "skola Or förskola", "(skola AND Or AND förskola)"},
      {"phrases and scopes are terms", "\"social ekonomi\" OR title:\"ny skola\"", "(\"social ekonomi\" OR title:\"ny skola\")"},
      {"operator inside a phrase", "\"forskning OCH innovation\"", "\"forskning OCH innovation\""},
      {"redundant parentheses", "((a))", "a"},
      {"double negation", "a AND NOT NOT b", "(a AND (NOT (NOT b)))"},
      {"parenthesis ends a term", "(a)(b)", "(a AND b)"},
  };
  for (const ShapeCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto query = parse_query(c.query);
    ASSERT_TRUE(query) << query.error().message;
    EXPECT_EQ(show(*query), c.shape);
  }
}

TEST(ParseQuery, ParsesEachTermAndNumbersThemInOrder) {
  auto query = parse_query("title:Skola AND NOT skol*");
  ASSERT_TRUE(query);
  const std::vector<QueryLeaf> found = leaves(*query);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].term->text, "title:Skola");
  EXPECT_EQ(found[0].term->offset, 0u);
  EXPECT_EQ(found[0].term->index, 0u);
  EXPECT_EQ(found[0].term->pattern, (TermPattern{TermKind::kWord, false, true, {"skola"}, {}}));
  EXPECT_FALSE(found[0].negated);
  EXPECT_EQ(found[1].term->text, "skol*");
  EXPECT_EQ(found[1].term->offset, 20u);
  EXPECT_EQ(found[1].term->index, 1u);
  EXPECT_TRUE(found[1].negated);
}

struct EvaluateCase {
  const char* name;
  const char* query;
  std::vector<bool> matched;
  bool holds;
};

TEST(Evaluate, CombinesTheTermsThatMatched) {
  const EvaluateCase cases[] = {
      {"or, first", "a OR b c", {true, false, false}, true},
      {"or, half of the and", "a OR b c", {false, true, false}, false},
      {"or, all of the and", "a OR b c", {false, true, true}, true},
      {"not, absent", "a NOT b", {true, false}, true},
      {"not, present", "a NOT b", {true, true}, false},
      {"not alone", "INTE a", {false}, true},
  };
  for (const EvaluateCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto query = parse_query(c.query);
    ASSERT_TRUE(query);
    EXPECT_EQ(evaluate(*query, c.matched), c.holds);
  }
}

std::string repeated(const std::string& text, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

struct ProblemCase {
  const char* name;
  std::string query;
  Problem problem;  // at the byte offset of the lexeme one too deep or too many
};

TEST(ParseQuery, RefusesQueriesNestedDeeperThan32LevelsAtTheLevelTooDeep) {
  const std::string kTooDeep = "har fler än 32 nivåer av parenteser och NOT";
  const ProblemCase cases[] = {
      {"33 parentheses", repeated("(", 33) + "a" + repeated(")", 33), {kTooDeep, 32}},
      {"100,000 parentheses", repeated("(", 100000) + "a", {kTooDeep, 32}},
      {"100,000 NOTs", repeated("NOT ", 100000) + "a", {kTooDeep, 32 * 4}},
      {"100,000 INTEs", repeated("INTE ", 100000) + "a", {kTooDeep, 32 * 5}},
      {"NOT and parentheses mixed", repeated("NOT (", 17) + "a", {kTooDeep, 16 * 5}},
      {"deep on the right of an OR", "a OR " + repeated("(b AND ", 40) + "c", {kTooDeep, 5 + 32 * 7}},
  };
  for (const ProblemCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto query = parse_query(c.query);
    ASSERT_FALSE(query);
    EXPECT_EQ(query.error(), c.problem);
  }
}

TEST(ParseQuery, ReadsQueriesNested32LevelsDeep) {
  const std::string query_text = repeated("NOT (", 16) + "a OR b" + repeated(")", 16);
  auto query = parse_query(query_text);
  ASSERT_TRUE(query) << query.error().message;
  ASSERT_EQ(leaves(*query).size(), 2u);
  EXPECT_FALSE(leaves(*query)[1].negated);  // sixteen NOTs cancel out
  EXPECT_TRUE(evaluate(*query, {true, false}));
  EXPECT_FALSE(evaluate(*query, {false, false}));
}

TEST(ParseQuery, RefusesMoreThan1000TermsAtTheTermTooMany) {
  const std::string kTooMany = "fler än 1000 ord i en query";
  const ProblemCase cases[] = {
      {"1,001 words", repeated("a ", 1001), {kTooMany, 2000}},
      {"1,001 alternatives", repeated("skol* OR ", 1001) + "x", {kTooMany, 9000}},
      {"100,000 prefixes", repeated("e* ", 100000), {kTooMany, 3000}},
  };
  for (const ProblemCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto query = parse_query(c.query);
    ASSERT_FALSE(query);
    EXPECT_EQ(query.error(), c.problem);
  }
  auto thousand = parse_query(repeated("a OR ", 999) + "a");
  ASSERT_TRUE(thousand) << thousand.error().message;
  EXPECT_EQ(leaves(*thousand).size(), 1000u);
}

}  // namespace
}  // namespace omvarld::filters
