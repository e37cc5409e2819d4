// kind = "json": items read from saved API answers (tests/testdata/api/) by
// a profile — paths with array indexes and one-element arrays, dates as ISO
// text with "+0000" and as epoch milliseconds, deadlines from a field,
// link templates, keys — the "json" failures a coordinator sees when an API
// changes, and the request json_request builds: method, headers, body or
// multipart form, and "changed since" in its three places.

#include <chrono>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "config/config.h"
#include "core/json_path.h"
#include "net/fetch_engine.h"
#include "sources/json_items.h"
#include "sources/source_items.h"

namespace omvarld::sources {
namespace {

using namespace std::chrono;

constexpr const char* kFtUrl =
    "https://api.tech.ec.europa.eu/search-api/prod/rest/search?apiKey=SEDIA&text=***&pageSize=50&pageNumber=1";
constexpr const char* kVinnovaUrl = "https://data.vinnova.se/api/utlysningar/{since}";

std::string read_answer(std::string_view name) {
  std::ifstream in(std::string(OMVARLD_SOURCE_DIR) + "/tests/testdata/api/" + std::string(name),
                   std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

core::TimePoint utc(int y, unsigned m, unsigned d, int hour = 0, int minute = 0) {
  return sys_days(year{y} / month{m} / day{d}) + hours(hour) + minutes(minute);
}

core::Date date(int y, unsigned m, unsigned d) { return sys_days(year{y} / month{m} / day{d}); }

// The Funding & Tenders search, as examples/api/funding-tenders.toml has it.
config::SourceConfig ft_source() {
  config::SourceConfig source;
  source.id = "eu-funding-tenders";
  source.url = kFtUrl;
  source.kind = config::SourceKind::kJson;
  source.json.method = "POST";
  source.json.items = "results";
  source.json.id = "metadata.identifier";
  source.json.title = "metadata.title";
  source.json.summary = "metadata.descriptionByte";
  source.json.link_template =
      "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/{id}";
  source.json.date = "metadata.startDate";
  source.json.deadline = "metadata.deadlineDate";
  source.json.form = {
      {"query", R"({"bool":{"must":[{"terms":{"type":["1","2"]}}]}})"},
      {"languages", R"(["en"])"},
      {"sort", R"({"field":"sortStatus","order":"ASC"})"}};
  return source;
}

// Vinnova's calls, the answer being the list itself.
config::SourceConfig vinnova_source() {
  config::SourceConfig source;
  source.id = "vinnova";
  source.url = kVinnovaUrl;
  source.kind = config::SourceKind::kJson;
  source.json.id = "Diarienummer";
  source.json.title = "Titel";
  source.json.summary = "Beskrivning";
  source.json.link = "Utlysningssida";
  source.json.link_template = "https://www.vinnova.se/sok/?q={id}";
  source.json.date = "Publiceringsdatum";
  source.json.deadline = "Stangningsdatum";
  source.json.since_format = "%Y-%m-%d";
  return source;
}

Result<std::vector<core::Item>, SourceFailure> items_of(const config::SourceConfig& source,
                                                        const std::string& answer) {
  return json_items(source, answer, source.url);
}

TEST(JsonItems, ReadsTheFundingAndTendersSearchAnswer) {
  auto items = items_of(ft_source(), read_answer("ft-search.json"));
  ASSERT_TRUE(items) << items.error().message;
  ASSERT_EQ(items->size(), 3u);
  const core::Item& first = (*items)[0];
  EXPECT_EQ(first.source, "eu-funding-tenders");
  EXPECT_EQ(first.key, "HORIZON-CL5-2027-01-D4-02");
  EXPECT_EQ(first.title, "Energy-efficient renovation of public buildings in cities & regions");
  EXPECT_EQ(first.summary, "Municipalities and regions renovate schools, libraries and town halls.");
  EXPECT_EQ(first.link,
            "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
            "topic-details/HORIZON-CL5-2027-01-D4-02");
  EXPECT_EQ(first.canonical_link, first.link);
  EXPECT_EQ(first.published, utc(2026, 11, 12));
  EXPECT_EQ(first.deadline, date(2027, 3, 15));
  EXPECT_EQ((*items)[1].title, "Erasmus+ Centres of Vocational Excellence");
  EXPECT_EQ((*items)[1].deadline, date(2027, 9, 4));
  // Several deadlines (a two-stage call): the first.
  EXPECT_EQ((*items)[2].deadline, date(2027, 1, 28));
}

TEST(JsonItems, ReadsVinnovasSwedishKeysLinksAndDates) {
  auto items = items_of(vinnova_source(), read_answer("vinnova-utlysningar.json"));
  ASSERT_TRUE(items) << items.error().message;
  ASSERT_EQ(items->size(), 3u);
  const core::Item& first = (*items)[0];
  EXPECT_EQ(first.key, "2026-03012");
  EXPECT_EQ(first.title, "Välfärdsteknik i hemtjänsten");
  EXPECT_EQ(first.summary,
            "Utlysningen stödjer kommuner som prövar välfärdsteknik tillsammans med företag.");
  EXPECT_EQ(first.link, "https://www.vinnova.se/e/valfardsteknik-i-hemtjansten-2027/");
  EXPECT_EQ(first.published, utc(2026, 11, 5, 9));
  EXPECT_EQ(first.deadline, date(2027, 2, 10));
  // Epoch milliseconds; a null link falls back to the template; a plain day.
  const core::Item& second = (*items)[1];
  EXPECT_EQ(second.published, utc(2026, 11, 6, 8));
  EXPECT_EQ(second.link, "https://www.vinnova.se/sok/?q=2026-02890");
  EXPECT_EQ(second.deadline, date(2027, 3, 3));
  // A deadline field in words.
  const core::Item& third = (*items)[2];
  EXPECT_EQ(third.published, utc(2026, 10, 28));
  EXPECT_EQ(third.deadline, date(2027, 4, 15));
}

TEST(JsonItems, FollowsIndexesNestedObjectsAndArraysOfObjects) {
  config::SourceConfig source = vinnova_source();
  source.url = "https://api.example.se/v2/calls";
  source.json.items = "data.page[0].hits";
  source.json.id = "ids[1]";
  source.json.title = "fields.name";  // fields is [{...}]: a name step takes its first element
  source.json.link = "href";           // relative: resolved against the API's URL
  source.json.link_template = "";
  source.json.summary = "";
  source.json.date = "when";
  source.json.deadline = "";
  const std::string answer = R"({"data":{"page":[{"hits":[
      {"ids":["x","call-7"],"fields":[{"name":"  Första\n  utlysningen "}],"href":"/calls/7",
       "when":1793952000},
      {"ids":[1, 42],"fields":[{"name":"Andra"}],"href":"calls/8","when":"Fri, 06 Nov 2026 08:00:00 +0100"}
  ]}]}})";
  auto items = json_items(source, answer, source.url);
  ASSERT_TRUE(items) << items.error().message;
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0].key, "call-7");
  EXPECT_EQ((*items)[0].title, "Första utlysningen");
  EXPECT_EQ((*items)[0].link, "https://api.example.se/calls/7");
  EXPECT_EQ((*items)[0].published, utc(2026, 11, 6, 8));  // epoch seconds
  EXPECT_EQ((*items)[1].key, "42");                         // a number as an id
  EXPECT_EQ((*items)[1].link, "https://api.example.se/v2/calls/8");
  EXPECT_EQ((*items)[1].published, utc(2026, 11, 6, 7));
}

TEST(JsonItems, KeysByCanonicalLinkWithoutAnIdAndKeepsTheFirstOfTwins) {
  config::SourceConfig source = vinnova_source();
  source.json.id = "";
  source.json.link_template = "";
  const std::string answer = R"([
      {"Titel":"A","Utlysningssida":"https://www.vinnova.se/e/a/?utm_source=api"},
      {"Titel":"A again","Utlysningssida":"https://www.vinnova.se/e/a/"},
      {"Titel":"No link"}])";
  auto items = items_of(source, answer);
  ASSERT_TRUE(items) << items.error().message;
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0].key, "https://www.vinnova.se/e/a/");
  EXPECT_EQ((*items)[0].title, "A");
  EXPECT_EQ((*items)[1].link, "");
  EXPECT_TRUE((*items)[1].key.starts_with("fnv1a64:")) << (*items)[1].key;

  source.json.id = "Titel";
  source.identity = config::Identity::kLink;
  auto by_link = items_of(source, answer);
  ASSERT_TRUE(by_link);
  EXPECT_EQ((*by_link)[0].key, "https://www.vinnova.se/e/a/");
}

TEST(JsonItems, AnEmptyListIsNoNews) {
  config::SourceConfig source = ft_source();
  auto items = items_of(source, R"({"results":[],"totalResults":0})");
  ASSERT_TRUE(items) << items.error().message;
  EXPECT_TRUE(items->empty());
}

TEST(JsonItems, FailsOnAnAnswerThatIsNotJsonWithTheByteWhereItBreaks) {
  auto html = items_of(ft_source(), "<!DOCTYPE html><html><body>Service unavailable</body></html>");
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().kind, core::FailureKind::kJson);
  EXPECT_EQ(html.error().message, "the answer is not JSON: syntax error at byte 1 (it looks like HTML or XML)");

  auto cut = items_of(ft_source(), R"({"results":[{"metadata":)");
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().message, "the answer is not JSON: syntax error at byte 25");

  auto empty = items_of(ft_source(), "  \n");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().message, "the answer is empty, not JSON");
}

TEST(JsonItems, FailsWhenThereIsNoListAtTheItemsPathAndNamesIt) {
  auto missing = items_of(ft_source(), R"({"hits":[{"a":1}],"facets":[]})");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, core::FailureKind::kJson);
  EXPECT_EQ(missing.error().message,
            "items \"results\" found nothing in the answer (arrays in it: facets, hits) — has the "
            "API changed?");

  auto object = items_of(ft_source(), R"({"results":{"total":0}})");
  ASSERT_FALSE(object);
  EXPECT_EQ(object.error().message, "items \"results\" is an object, not an array");

  auto root = items_of(vinnova_source(), R"({"utlysningar":[]})");
  ASSERT_FALSE(root);
  EXPECT_EQ(root.error().message,
            "the answer is an object, not an array: set items to the path of the list (arrays in "
            "it: utlysningar)");
}

TEST(JsonItems, FailsOnItemsWithoutATitle) {
  const std::string answer = R"({"results":[
      {"metadata":{"title":["A"]}}, {"metadata":{"title":[]}}, {"metadata":{}},
      {"metadata":{"title":[""]}}]})";
  auto items = items_of(ft_source(), answer);
  ASSERT_FALSE(items);
  EXPECT_EQ(items.error().kind, core::FailureKind::kJson);
  EXPECT_EQ(items.error().message,
            "title \"metadata.title\" found nothing in 3 of 4 items (the first is item 2) — has the "
            "API changed?");
}

TEST(JsonItems, ReportsABadPathInAProfileBuiltInCode) {
  config::SourceConfig source = ft_source();
  source.json.title = "metadata..title";
  auto items = items_of(source, R"({"results":[]})");
  ASSERT_FALSE(items);
  EXPECT_EQ(items.error().message,
            "title \"metadata..title\" is not a path: expected a name after \".\"");
}

TEST(JsonItems, ComesThroughItemsFromDocumentWithDeadlinesFromTheText) {
  config::SourceConfig source = vinnova_source();
  source.json.deadline = "";
  net::FetchOutcome fetched;
  fetched.status = net::FetchStatus::kOk;
  fetched.url = "https://data.vinnova.se/api/utlysningar/2026-11-01";
  fetched.body = R"([{"Diarienummer":"1","Titel":"Utlysning","Beskrivning":"Sista ansökningsdag 15 april 2027.",
                     "Publiceringsdatum":"2026-10-28"}])";
  auto items = items_from_document(source, fetched);
  ASSERT_TRUE(items) << items.error().message;
  ASSERT_EQ(items->items.size(), 1u);
  EXPECT_EQ(items->items[0].deadline, date(2027, 4, 15));
}

TEST(JsonPath, ParsesNamesAndIndexesAndPointsAtTheFirstProblem) {
  auto path = core::parse_json_path("data.page[0].hits[12]");
  ASSERT_TRUE(path);
  ASSERT_EQ(path->steps.size(), 5u);
  EXPECT_EQ(std::get<std::string>(path->steps[0]), "data");
  EXPECT_EQ(std::get<std::size_t>(path->steps[2]), 0u);
  EXPECT_EQ(std::get<std::size_t>(path->steps[4]), 12u);
  EXPECT_TRUE(core::parse_json_path("")->steps.empty());
  EXPECT_EQ(core::parse_json_path("[0].dc:title")->steps.size(), 2u);

  struct Case {
    const char* path;
    const char* message;
    std::size_t offset;
  };
  for (const Case& bad : {Case{"a..b", "expected a name after \".\"", 2}, Case{".a", "expected a name", 0}, Case{"a.", "expected a name after \".\"", 2},
                          Case{"a[x]", "expected an array index (0, 1, …) between \"[\" and \"]\"", 2},
                          Case{"a[1", "\"[\" is not closed by \"]\"", 1},
                          Case{"a]", "\"]\" without \"[\"", 1}, Case{"a[0]b", "expected \".\" or \"[\" after \"]\"", 4}}) {
    auto parsed = core::parse_json_path(bad.path);
    ASSERT_FALSE(parsed) << bad.path;
    EXPECT_EQ(parsed.error().message, bad.message) << bad.path;
    EXPECT_EQ(parsed.error().offset, bad.offset) << bad.path;
  }
}

// --- the request -------------------------------------------------------

const core::TimePoint kNow = utc(2026, 11, 30, 12);

TEST(JsonRequest, PostsTheFormWithJsonPartsAndNoValidators) {
  const FetchContext context{kFtUrl, "\"etag\"", "Mon, 30 Nov 2026 10:00:00 GMT", std::nullopt};
  const net::FetchRequest request = json_request(ft_source(), context, kNow);
  EXPECT_EQ(request.key, "eu-funding-tenders");
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, kFtUrl);
  EXPECT_EQ(request.etag, "");
  EXPECT_EQ(request.last_modified, "");
  ASSERT_EQ(request.form.size(), 3u);
  EXPECT_EQ(request.form[1], (std::pair<std::string, std::string>{"languages", R"(["en"])"}));
  EXPECT_EQ(request.form_types, (std::vector<std::string>{"application/json", "application/json",
                                                          "application/json"}));
  EXPECT_EQ(request.headers, std::vector<std::string>{"Accept: application/json"});
}

TEST(JsonRequest, SendsConfiguredHeadersAndARawBody) {
  config::SourceConfig source = ft_source();
  source.json.form.clear();
  source.json.body = R"({"changedAfter":"{since}"})";
  source.json.content_type = "application/json; charset=utf-8";
  source.json.headers = {{"accept", "application/vnd.api+json"}, {"X-Api-Key", "hemlig"}};
  const FetchContext context{kFtUrl, "", "", utc(2026, 11, 29, 6, 30)};
  const net::FetchRequest request = json_request(source, context, kNow);
  EXPECT_EQ(request.headers,
            (std::vector<std::string>{"accept: application/vnd.api+json", "X-Api-Key: hemlig"}));
  EXPECT_EQ(request.body, R"({"changedAfter":"2026-11-29T05:30:00Z"})");
  EXPECT_EQ(request.body_type, "application/json; charset=utf-8");
  EXPECT_TRUE(request.form.empty());
}

TEST(JsonRequest, PutsChangedSinceInTheUrlPathByTheFormat) {
  config::SourceConfig source = vinnova_source();
  // Before the first success: 30 days back.
  net::FetchRequest first = json_request(source, {kVinnovaUrl, "", "", std::nullopt}, kNow);
  EXPECT_EQ(first.method, "GET");
  EXPECT_EQ(first.url, "https://data.vinnova.se/api/utlysningar/2026-10-31");
  // After one: that poll less an hour, from the configured url even when
  // a filled one moved.
  const FetchContext moved{"https://data.vinnova.se/v2/utlysningar/2026-10-31", "\"v1\"", "",
                           utc(2026, 11, 29, 0, 30)};
  net::FetchRequest next = json_request(source, moved, kNow);
  EXPECT_EQ(next.url, "https://data.vinnova.se/api/utlysningar/2026-11-28");
  EXPECT_EQ(next.etag, "\"v1\"");
}

TEST(JsonRequest, AddsTheSinceParameterOnlyAfterAFirstSuccessAndOnlyOverHttp) {
  config::SourceConfig source = vinnova_source();
  source.url = "https://api.example.se/calls?lang=sv";
  source.json.since_param = "changed since";
  source.json.since_format = "%Y-%m-%dT%H:%M:%SZ";
  const FetchContext never{source.url, "", "", std::nullopt};
  EXPECT_EQ(json_request(source, never, kNow).url, "https://api.example.se/calls?lang=sv");
  const FetchContext once{source.url, "", "", utc(2026, 11, 30, 6)};
  EXPECT_EQ(json_request(source, once, kNow).url,
            "https://api.example.se/calls?lang=sv&changed%20since=2026-11-30T05%3A00%3A00Z");
  const FetchContext file{"file:///srv/demo/api/calls.json", "", "", utc(2026, 11, 30, 6)};
  EXPECT_EQ(json_request(source, file, kNow).url, "file:///srv/demo/api/calls.json");
}

TEST(JsonRequest, SendsTheSinceParameterAsAFormFieldOfAPostWithAForm) {
  config::SourceConfig source = ft_source();
  source.json.since_param = "modifiedSince";
  source.json.form.emplace_back("text", "{since}");
  const FetchContext once{kFtUrl, "", "", utc(2026, 11, 30, 6)};
  const net::FetchRequest request = json_request(source, once, kNow);
  EXPECT_EQ(request.url, kFtUrl);
  ASSERT_EQ(request.form.size(), 5u);
  EXPECT_EQ(request.form[3], (std::pair<std::string, std::string>{"text", "2026-11-30T05:00:00Z"}));
  EXPECT_EQ(request.form[4],
            (std::pair<std::string, std::string>{"modifiedSince", "2026-11-30T05:00:00Z"}));
  EXPECT_EQ(request.form_types[3], "");
  EXPECT_EQ(request.form_types.size(), request.form.size());
}

TEST(JsonRequest, GoesThroughRequestFor) {
  const net::FetchRequest request =
      request_for(ft_source(), {kFtUrl, "", "", std::nullopt});
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.form.size(), 3u);
}

}  // namespace
}  // namespace omvarld::sources
