// fuzz/query_fuzzer.cpp
//
// libFuzzer target for the filter language: a nämnd's `query` through
// parse_query, leaves and evaluate, and through Matcher::compile and
// classify as check-config and the poll use it. The input is the query;
// the item classified is made of the same bytes. Properties: no crash,
// leak or hang (deep nesting and long queries included); a parsed query
// has at most 1000 terms, numbered 0, 1, … in the order leaves() gives,
// each term's text standing at its offset in the query, and every
// evaluation answers; compile succeeds exactly when parse_query does, and
// a failure is one kInvalidQuery error.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "filters/matcher.h"
#include "filters/query_parser.h"
#include "fuzz/fuzz_check.h"

namespace {

using omvarld::fuzz::fail;
constexpr const char* kTarget = "query_fuzzer";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  namespace filters = omvarld::filters;
  auto query = filters::parse_query(text);
  if (query) {
    const std::vector<filters::QueryLeaf> found = filters::leaves(*query);
    if (found.size() > filters::kMaxQueryTerms) fail(kTarget, "more terms than the limit", std::to_string(found.size()));
    for (std::size_t i = 0; i < found.size(); ++i) {
      const filters::QueryTerm& term = *found[i].term;
      if (term.index != i) fail(kTarget, "terms out of order", term.text);
      if (std::string_view(text).substr(term.offset, term.text.size()) != term.text) {
        fail(kTarget, "a term not at its offset", term.text);
      }
    }
    std::vector<bool> matched(found.size(), false);
    filters::evaluate(*query, matched);
    for (std::size_t i = 0; i < matched.size(); ++i) matched[i] = size > 0 && (data[i % size] & 1) != 0;
    filters::evaluate(*query, matched);
  } else if (query.error().offset > text.size()) {
    fail(kTarget, "a problem past the end of the query", query.error().message);
  }

  const filters::FilterSpec spec{"fuzz/namnd", {}, {}, {}, {}, filters::Term{text, {"fuzz.toml", 1, 9}}};
  auto matcher = filters::Matcher::compile({}, std::vector<filters::FilterSpec>{spec});
  if (matcher.has_value() != query.has_value()) {
    fail(kTarget, query ? "compile failed where parse_query succeeded" : "compile succeeded where parse_query failed");
  }
  if (!matcher) {
    if (matcher.error().size() != 1 || matcher.error()[0].code != omvarld::Errc::kInvalidQuery) {
      fail(kTarget, "not one kInvalidQuery error", matcher.error().front().message);
    }
    return 0;
  }
  omvarld::core::Item item;
  item.source = "fuzz";
  item.title = text.substr(0, text.size() / 2);
  item.summary = text.substr(text.size() / 2);
  matcher->classify(item);
  return 0;
}
