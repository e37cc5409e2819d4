// JSON answers whose values are not what the profile expects: null, a
// number or boolean where text is wanted, arrays of arrays, objects, empty
// arrays and strings, numbers too large for a double or a date, links that
// are no web address, and answers nested deeper than 128 levels. Each case
// is the whole outcome: the item's fields, or the failure's message.

#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sources/json_items.h"

namespace omvarld::sources {
namespace {

using namespace std::chrono;

constexpr const char* kAnswerUrl = "https://api.example.se/utlysningar?page=1";

config::SourceConfig api_source() {
  config::SourceConfig source;
  source.id = "api";
  source.url = kAnswerUrl;
  source.kind = config::SourceKind::kJson;
  source.json.id = "id";
  source.json.title = "title";
  source.json.link = "link";
  source.json.link_template = "https://api.example.se/utlysning/{id}";
  source.json.date = "date";
  source.json.deadline = "deadline";
  return source;
}

std::string day_of(std::optional<core::TimePoint> time) {
  if (!time) return "-";
  const year_month_day day{floor<days>(*time)};
  return std::to_string(static_cast<int>(day.year())) + "-" + std::to_string(static_cast<unsigned>(day.month())) +
         "-" + std::to_string(static_cast<unsigned>(day.day()));
}

// "title | link | key | date | deadline", or the failure's message.
std::string outcome(const std::string& answer, config::SourceConfig source = api_source()) {
  auto items = json_items(source, answer, kAnswerUrl);
  if (!items) return core::to_string(items.error().kind) + ": " + items.error().message;
  if (items->size() != 1) return std::to_string(items->size()) + " items";
  const core::Item& item = items->front();
  return item.title + " | " + item.link + " | " + item.key + " | " + day_of(item.published) + " | " +
         (item.deadline ? day_of(core::TimePoint(*item.deadline)) : "-");
}

struct ValueCase {
  const char* name;
  std::string answer;
  std::string outcome;
};

const std::string kUntitled =
    "json: title \"title\" found nothing in 1 of 1 items (the first is item 1) — has the API changed?";

TEST(JsonValues, TitlesOfEveryType) {
  const ValueCase cases[] = {
      {"null", R"([{"id":"7","title":null}])", kUntitled},
      {"an integer", R"([{"id":"7","title":42}])", "42 | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"a fraction", R"([{"id":"7","title":1.5}])", "1.5 | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"a boolean", R"([{"id":"7","title":true}])", "true | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"an integer past 64 bits", R"([{"id":"7","title":18446744073709551616}])",
       "1.8446744073709552e+19 | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"an array of one string", R"([{"id":"7","title":["Utlysning"]}])",
       "Utlysning | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"an array of arrays", R"([{"id":"7","title":[["Utlysning"]]}])", kUntitled},
      {"an empty array", R"([{"id":"7","title":[]}])", kUntitled},
      {"an object", R"([{"id":"7","title":{"sv":"Utlysning"}}])", kUntitled},
      {"an empty string", R"([{"id":"7","title":""}])", kUntitled},
      {"markup only", R"([{"id":"7","title":"<b> </b>"}])", kUntitled},
      {"an item that is a string", R"(["Utlysning"])", kUntitled},
      {"an item that is null", R"([null])", kUntitled},
      {"an item that is an array", R"([[{"title":"x"}]])",
       "x |  | fnv1a64:08f0de07b58d2b17 | - | -"},
      {"a number too large for a double", R"([{"id":"7","title":1e400}])",
       "json: the answer is not JSON we can read: number overflow parsing '1e400'"},
  };
  for (const ValueCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(outcome(c.answer), c.outcome);
  }
}

TEST(JsonValues, LinksThatAreNoWebAddressGiveWayToTheTemplate) {
  const ValueCase cases[] = {
      {"mailto", R"([{"id":"7","title":"T","link":"mailto:info@example.se"}])",
       "T | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"javascript", R"j([{"id":"7","title":"T","link":"javascript:alert(1)"}])j",
       "T | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"a bare #", R"([{"id":"7","title":"T","link":"#"}])", "T | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"tel", R"([{"id":"7","title":"T","link":"tel:+46"}])", "T | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"an object", R"([{"id":"7","title":"T","link":{"href":"/a"}}])",
       "T | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"a relative path", R"([{"id":"7","title":"T","link":"/sok/7"}])", "T | https://api.example.se/sok/7 | 7 | - | -"},
      {"no id for the template either", R"([{"title":"T","link":"mailto:x@example.se"}])",
       "T |  | fnv1a64:0934d607b5c6ea4b | - | -"},
  };
  for (const ValueCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(outcome(c.answer), c.outcome);
  }
}

TEST(JsonValues, DatesOfEveryType) {
  const ValueCase cases[] = {
      {"epoch seconds", R"([{"id":"7","title":"T","date":1800000000}])",
       "T | https://api.example.se/utlysning/7 | 7 | 2027-1-15 | -"},
      {"epoch milliseconds", R"([{"id":"7","title":"T","date":1800000000000}])",
       "T | https://api.example.se/utlysning/7 | 7 | 2027-1-15 | -"},
      {"the last instant of 9999", R"([{"id":"7","title":"T","date":253402300799999}])",
       "T | https://api.example.se/utlysning/7 | 7 | 9999-12-31 | -"},
      {"past the year 9999", R"([{"id":"7","title":"T","date":1e15}])",
       "T | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"before 1970", R"([{"id":"7","title":"T","date":-86400}])", "T | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"a huge negative number", R"([{"id":"7","title":"T","date":-1e300}])",
       "T | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"NaN as text", R"([{"id":"7","title":"T","date":"NaN"}])", "T | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"a boolean", R"([{"id":"7","title":"T","date":false}])", "T | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"an array of arrays", R"([{"id":"7","title":"T","date":[[1800000000]]}])",
       "T | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"an impossible day as a deadline", R"([{"id":"7","title":"T","deadline":"2027-02-30"}])",
       "T | https://api.example.se/utlysning/7 | 7 | - | -"},
      {"a deadline in epoch milliseconds past 9999", R"([{"id":"7","title":"T","deadline":9e18}])",
       "T | https://api.example.se/utlysning/7 | 7 | - | -"},
  };
  for (const ValueCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(outcome(c.answer), c.outcome);
  }
}

std::string nested(const std::string& open, const std::string& inside, const std::string& close, int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += open;
  out += inside;
  for (int i = 0; i < depth; ++i) out += close;
  return out;
}

TEST(JsonValues, AnswersNestedMoreThan128DeepAreAFailure) {
  config::SourceConfig deep = api_source();
  deep.json.title = "a.a.a";
  const ValueCase cases[] = {
      {"128 levels", "[{\"a\":{\"a\":{\"a\":\"T\"}},\"deep\":" + nested("[", "", "]", 126) + "}]",
       "T |  | fnv1a64:0934d607b5c6ea4b | - | -"},
      {"129 levels", "[{\"a\":{\"a\":{\"a\":\"T\"}},\"deep\":" + nested("[", "", "]", 127) + "}]",
       "json: the answer nests arrays and objects more than 128 deep (at byte 156)"},
      {"a hundred thousand arrays", nested("[", "", "]", 100000),
       "json: the answer nests arrays and objects more than 128 deep (at byte 129)"},
      {"a hundred thousand objects", "[" + nested("{\"a\":", "1", "}", 100000) + "]",
       "json: the answer nests arrays and objects more than 128 deep (at byte 637)"},
      {"brackets inside strings do not count",
       "[{\"a\":{\"a\":{\"a\":\"T\"}},\"junk\":\"\\\"" + nested("[{", "", "}]", 1000) + "\"}]",
       "T |  | fnv1a64:0934d607b5c6ea4b | - | -"},
  };
  for (const ValueCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(outcome(c.answer, deep), c.outcome);
  }
}

}  // namespace
}  // namespace omvarld::sources
