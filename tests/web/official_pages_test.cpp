// The pages officials use (web/official_pages.h), called as the server
// calls them, over a real SQLite file whose items were stored through the
// store's poll: the HTML they answer, escaped, in Swedish, with its links,
// and the 400 and 404 pages for what does not exist or does not parse.

#include "web/official_pages.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/item_store.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_doubles.h"
#include "tests/support/utc_time.h"
#include "web/stylesheet.h"

namespace omvarld::web {
namespace {

using omvarld::testing::parse_utc;
using std::chrono::days;

const core::NamndId kUtbildning = "linkoping/utbildning";
const core::NamndId kAldre = "linkoping/aldre";
const core::NamndId kVard = "norrkoping/vard";

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

config::Config official_config() {
  config::Config config;
  config.daemon.timezone = "Europe/Stockholm";
  config::KommunConfig linkoping;
  linkoping.id = "linkoping";
  linkoping.name = "Linköpings kommun";
  config.kommuner.push_back(linkoping);
  for (const auto& [id, name] : {std::pair{kUtbildning, "Utbildningsnämnden"},
                                 std::pair{kAldre, "Äldrenämnden"},
                                 std::pair{kVard, "Vård- och omsorgsnämnden"}}) {
    config::NamndConfig namnd;
    namnd.id = id;
    namnd.name = name;
    config.namnder.push_back(namnd);
  }
  config::SourceConfig source;
  source.id = "skr";
  source.name = "SKR & Co";
  config.sources.push_back(source);
  return config;
}

core::Item item(const std::string& key, const std::string& title, const std::string& published) {
  core::Item made;
  made.source = "skr";
  made.key = key;
  made.title = title;
  made.link = "https://skr.example.se/" + key;
  made.summary = "Om " + title;
  made.published = parse_utc(published);
  return made;
}

core::Match match(const core::NamndId& namnd, std::vector<std::string> terms,
                  std::vector<std::vector<std::string>> found = {}) {
  return core::Match{namnd, std::move(terms), {}, {}, std::move(found)};
}

class OfficialPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::ItemStore::open((directory_.path() / "omvarld.db").string());
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<storage::ItemStore>(std::move(*opened));
    const std::vector<storage::SourceRecord> sources = {{"skr", "SKR", "https://skr.example.se/"}};
    ASSERT_TRUE(store_->sync_sources(sources));

    core::Item hostile = item("hostile", "<script>alert(1)</script> Skolan växer", "2026-12-01T09:00:00Z");
    hostile.deadline = core::Date{std::chrono::year{2027} / 2 / 4};
    core::Item aldre = item("aldre", "Nya regler för äldreomsorgen", "2026-12-02T09:00:00Z");
    aldre.deadline = core::Date{std::chrono::year{2026} / 12 / 20};
    core::Item passed = item("passed", "Skolans remiss som gått ut", "2026-11-20T09:00:00Z");
    passed.deadline = core::Date{std::chrono::year{2026} / 12 / 1};
    core::Item script_link = item("script-link", "Länk som inte är en webbadress", "2026-12-03T09:00:00Z");
    script_link.link = "javascript:alert(1)";
    const std::vector<core::Item> items = {hostile, aldre, passed, script_link};
    // What the filters would say of each, by key.
    const auto classify = [](const core::Item& one) -> std::vector<core::Match> {
      if (one.key == "hostile") return {match(kUtbildning, {"skol*"}, {{"Skolan"}})};
      if (one.key == "aldre") {
        return {match(kAldre, {"äldreomsorg"}, {{"äldreomsorgen"}}), match(kVard, {"omsorg"})};
      }
      if (one.key == "passed") return {match(kUtbildning, {"skola"})};
      return {match(kUtbildning, {"länk"})};
    };
    storage::PollRecord poll{parse_utc("2026-12-04T10:00:00Z"), 200, 0, {}};
    auto stored = store_->store_poll("skr", items, poll, classify);
    ASSERT_TRUE(stored) << stored.error().message;
    ASSERT_EQ(stored->new_items, 4);
  }

  std::int64_t id_of(const std::string& key) {
    auto items = store_->items(storage::ItemQuery{});
    for (const storage::StoredItem& stored : *items) {
      if (stored.item.key == key) return stored.id;
    }
    ADD_FAILURE() << "no item " << key;
    return 0;
  }

  Response get(const std::string& pattern, std::vector<std::string> params = {},
               Fields query = {}) {
    Site site{config_, *store_, clock_, directory_.path()};
    Request request;
    request.method = "GET";
    request.path_params = std::move(params);
    request.query = std::move(query);
    for (const Route& route : official_routes()) {
      if (route.pattern == pattern && route.method == "GET") return route.handler(request, site);
    }
    ADD_FAILURE() << "no route " << pattern;
    return {};
  }

  omvarld::testing::TempDir directory_;
  std::unique_ptr<storage::ItemStore> store_;
  std::shared_ptr<const config::Config> config_ =
      std::make_shared<const config::Config>(official_config());
  omvarld::testing::FixedClock clock_{parse_utc("2026-12-06T12:00:00Z")};
};

TEST_F(OfficialPagesTest, TheStyleSheetIsCssCachedLongWithFocusAndASkipLink) {
  const Response css = get("/static/omvarld.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  ASSERT_FALSE(css.headers.empty());
  EXPECT_EQ(css.headers[0].first, "Cache-Control");
  EXPECT_TRUE(contains(css.headers[0].second, "max-age=604800"));
  EXPECT_TRUE(contains(css.body, ".skip:focus"));
  EXPECT_TRUE(contains(css.body, ":focus-visible{outline:3px solid #00538a"));
  EXPECT_TRUE(contains(css.body, "font-family:Arial,Helvetica,sans-serif"));
}

TEST_F(OfficialPagesTest, TheFrontPageListsTheNamnderPerKommunWithTheirLatestDigest) {
  const std::vector<std::int64_t> ids = {id_of("hostile")};
  ASSERT_TRUE(store_->record_delivery(
      {kUtbildning, "<1@x>", "Omvärldsbevakning v. 48", parse_utc("2026-11-30T06:00:00Z")}, ids));
  const Response page = get("/");
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "<h2>Linköpings kommun</h2>"));
  // A kommun without a [kommun.ID] table is headed by its id.
  EXPECT_TRUE(contains(page.body, "<h2>norrkoping</h2>"));
  EXPECT_TRUE(contains(page.body, "<a href=\"/namnd/linkoping%2Futbildning\">Utbildningsnämnden</a>"));
  EXPECT_TRUE(contains(page.body, "Senaste utskick: <time>2026-11-30</time>"));
  EXPECT_TRUE(contains(page.body, "Inget utskick ännu"));
  EXPECT_LT(page.body.find("Utbildningsnämnden"), page.body.find("Vård- och omsorgsnämnden"));
}

TEST_F(OfficialPagesTest, ANamndPageEscapesAHostileTitleAndSaysWhyAndWhenItCloses) {
  const Response page = get("/namnd/{}", {kUtbildning});
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(contains(page.body, "<script>"));
  EXPECT_TRUE(contains(page.body, "<a href=\"https://skr.example.se/hostile\">&lt;script&gt;alert(1)"
                                  "&lt;/script&gt; Skolan växer</a>"));
  EXPECT_TRUE(contains(page.body, "SKR &amp; Co · <time>2026-12-01</time>"));
  EXPECT_TRUE(contains(page.body, "Sista dag: 4 februari 2027</p>"));
  EXPECT_TRUE(contains(page.body, "Sista dag: 1 december 2026, passerad</p>"));
  EXPECT_TRUE(contains(page.body, "varför: Skolan"));
  // A link that is no web address is shown as text only.
  EXPECT_FALSE(contains(page.body, "javascript:"));
  EXPECT_TRUE(contains(page.body, "Länk som inte är en webbadress"));
  // The last 30 days by default; the item polled two days ago is in them,
  // the other nämnd's is not.
  EXPECT_TRUE(contains(page.body, "value=\"2026-11-07\""));
  EXPECT_TRUE(contains(page.body, "value=\"2026-12-06\""));
  EXPECT_FALSE(contains(page.body, "äldreomsorgen"));
  EXPECT_TRUE(contains(page.body, "Inga utskick ännu."));
}

TEST_F(OfficialPagesTest, ANamndPageShowsOnlyThePeriodAskedFor) {
  const Response before = get("/namnd/{}", {kUtbildning}, {{"fran", "2026-11-01"}, {"till", "2026-12-03"}});
  EXPECT_EQ(before.status, 200);
  EXPECT_TRUE(contains(before.body, "Inga nyheter matchade under perioden."));
  const Response covering = get("/namnd/{}", {kUtbildning}, {{"fran", "2026-12-04"}, {"till", "2026-12-04"}});
  EXPECT_TRUE(contains(covering.body, "Skolan växer"));
}

TEST_F(OfficialPagesTest, ABadDateOrPageIsA400InSwedish) {
  const Response bad_date = get("/namnd/{}", {kUtbildning}, {{"fran", "2026-13-01"}});
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_TRUE(contains(bad_date.body, "Felaktig begäran"));
  EXPECT_TRUE(contains(bad_date.body, "ska skrivas ÅÅÅÅ-MM-DD"));
  const Response backwards = get("/namnd/{}", {kUtbildning}, {{"fran", "2026-12-05"}, {"till", "2026-12-01"}});
  EXPECT_EQ(backwards.status, 400);
  EXPECT_TRUE(contains(backwards.body, "Perioden slutar innan den börjar"));
  EXPECT_EQ(get("/namnd/{}", {kUtbildning}, {{"sida", "0"}}).status, 400);
  EXPECT_EQ(get("/namnd/{}", {kUtbildning}, {{"sida", "2x"}}).status, 400);
  EXPECT_EQ(get("/sok", {}, {{"q", "skola"}, {"till", "i går"}}).status, 400);
}

TEST_F(OfficialPagesTest, AnUnknownNamndIsA404ThatSuggestsTheClosest) {
  const Response page = get("/namnd/{}", {"linkoping/utbilding"});
  EXPECT_EQ(page.status, 404);
  EXPECT_TRUE(contains(page.body, "<h1>Nämnden finns inte</h1>"));
  EXPECT_TRUE(contains(page.body, "Menade du <a href=\"/namnd/linkoping%2Futbildning\">"
                                  "Utbildningsnämnden</a>?"));
  const Response hostile = get("/namnd/{}", {"<script>x</script>"});
  EXPECT_EQ(hostile.status, 404);
  EXPECT_FALSE(contains(hostile.body, "<script>"));
}

TEST_F(OfficialPagesTest, ADigestIsServedAsSentUnderItsOwnPolicyAndOnlyForItsNamnd) {
  const std::vector<std::int64_t> ids = {id_of("hostile")};
  ASSERT_TRUE(store_->record_delivery({kUtbildning, "<1@x>", "Vecka 49", parse_utc("2026-12-04T06:00:00Z"),
                                       "Text\n", "<html><body style=\"margin:0\">Utskicket</body></html>"},
                                      ids));
  const std::vector<std::int64_t> passed = {id_of("passed")};
  ASSERT_TRUE(store_->record_delivery(
      {kUtbildning, "<2@x>", "Vecka 47 <gammal>", parse_utc("2026-11-20T06:00:00Z")}, passed));
  const std::vector<std::int64_t> script_link = {id_of("script-link")};
  ASSERT_TRUE(store_->record_delivery({kUtbildning, "<3@x>", "Vecka 46",
                                       parse_utc("2026-11-13T06:00:00Z"), "Rubrik <b>\n", ""},
                                      script_link));
  auto listed = store_->latest_digests(kUtbildning, 10);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 3U);
  const std::string with_body = std::to_string((*listed)[0].id);
  const std::string without_body = std::to_string((*listed)[1].id);
  const std::string text_only = std::to_string((*listed)[2].id);

  const Response namnd = get("/namnd/{}", {kUtbildning});
  EXPECT_TRUE(contains(namnd.body, "<a href=\"/namnd/linkoping%2Futbildning/digest/" + with_body +
                                       "\">Vecka 49</a>"));
  EXPECT_TRUE(contains(namnd.body, "Vecka 47 &lt;gammal&gt;"));
  EXPECT_LT(namnd.body.find("Vecka 49"), namnd.body.find("Vecka 47"));  // newest first

  const Response sent = get("/namnd/{}/digest/{}", {kUtbildning, with_body});
  EXPECT_EQ(sent.status, 200);
  EXPECT_EQ(sent.body, "<html><body style=\"margin:0\">Utskicket</body></html>");
  ASSERT_EQ(sent.headers.size(), 1U);
  EXPECT_EQ(sent.headers[0].first, "Content-Security-Policy");
  EXPECT_TRUE(contains(sent.headers[0].second, "default-src 'none'"));
  EXPECT_TRUE(contains(sent.headers[0].second, "sandbox"));
  EXPECT_FALSE(contains(sent.headers[0].second, "script"));

  const Response old = get("/namnd/{}/digest/{}", {kUtbildning, without_body});
  EXPECT_EQ(old.status, 200);
  EXPECT_TRUE(contains(old.body, "kan inte visas"));
  const Response text = get("/namnd/{}/digest/{}", {kUtbildning, text_only});
  EXPECT_TRUE(contains(text.body, "<pre class=\"digest-text\">Rubrik &lt;b&gt;\n</pre>"));
  EXPECT_TRUE(contains(text.body, "<h1>Vecka 46</h1>"));

  EXPECT_EQ(get("/namnd/{}/digest/{}", {kAldre, with_body}).status, 404);
  EXPECT_EQ(get("/namnd/{}/digest/{}", {kUtbildning, "999"}).status, 404);
  EXPECT_EQ(get("/namnd/{}/digest/{}", {kUtbildning, "1; DROP"}).status, 404);
}

// "Visa i webbläsaren" in a digest links /utskick/MESSAGE-ID (written before
// the digest has an id): it leads to the digest's page, once it was sent.
TEST_F(OfficialPagesTest, ADigestsWebCopyLinkLeadsToItsPageOnceSent) {
  const std::vector<std::int64_t> ids = {id_of("hostile")};
  ASSERT_TRUE(store_->record_delivery({kUtbildning, "<49.utbildning@linkoping.se>", "Vecka 49",
                                       parse_utc("2026-12-04T06:00:00Z"), "Text\n", "<html></html>"},
                                      ids));
  auto listed = store_->latest_digests(kUtbildning, 1);
  ASSERT_TRUE(listed && listed->size() == 1U);

  const Response found = get("/utskick/{}", {"<49.utbildning@linkoping.se>"});
  EXPECT_EQ(found.status, 303);
  ASSERT_EQ(found.headers.size(), 1U);
  EXPECT_EQ(found.headers[0], (std::pair<std::string, std::string>{
                                  "Location", "/namnd/linkoping%2Futbildning/digest/" +
                                                  std::to_string((*listed)[0].id)}));

  const Response not_yet = get("/utskick/{}", {"<50.utbildning@linkoping.se>"});
  EXPECT_EQ(not_yet.status, 404);
  EXPECT_TRUE(contains(not_yet.body, "länken gäller först när utskicket har skickats"));
}

TEST_F(OfficialPagesTest, SearchFindsAnInflectedWordAndEchoesTheQueryEscaped) {
  const Response found = get("/sok", {}, {{"q", "äldreomsorg"}});
  EXPECT_EQ(found.status, 200);
  EXPECT_TRUE(contains(found.body, "Nya regler för äldreomsorgen"));
  EXPECT_TRUE(contains(found.body, "<label for=\"q\">Sökord</label>"));
  EXPECT_TRUE(contains(found.body, "<label for=\"namnd\">Nämnd</label>"));

  // Narrowed to a nämnd the item does not concern, or to a period before it.
  const Response other = get("/sok", {}, {{"q", "äldreomsorg"}, {"namnd", kUtbildning}});
  EXPECT_TRUE(contains(other.body, "Inga nyheter matchade."));
  EXPECT_TRUE(contains(other.body, "<option value=\"linkoping/utbildning\" selected>"));
  const Response earlier = get("/sok", {}, {{"q", "äldreomsorg"}, {"till", "2026-12-03"}});
  EXPECT_TRUE(contains(earlier.body, "Inga nyheter matchade."));

  // Past the newest 5,000 matches nothing is ranked: the page says why.
  EXPECT_FALSE(contains(found.body, "5 000 senaste"));
  const Response far = get("/sok", {}, {{"q", "äldreomsorg"}, {"sida", "100"}});
  EXPECT_EQ(far.status, 200);
  EXPECT_TRUE(contains(far.body, "Sökningen visar de bästa bland de 5 000 senaste träffarna."));

  const Response hostile = get("/sok", {}, {{"q", "\"><script>alert(1)</script>"}});
  EXPECT_FALSE(contains(hostile.body, "<script>"));
  EXPECT_TRUE(contains(hostile.body, "value=\"&quot;&gt;&lt;script&gt;"));
  EXPECT_EQ(get("/sok", {}, {{"q", "skola"}, {"namnd", "finns/inte"}}).status, 400);
}

TEST_F(OfficialPagesTest, DeadlinesFromTodayOnSoonestFirstWithTheirNamnder) {
  const Response page = get("/deadlines");
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(contains(page.body, "<h1>Kommande deadlines</h1>"));
  const std::size_t aldre = page.body.find("Nya regler för äldreomsorgen");
  const std::size_t hostile = page.body.find("Skolan växer");
  ASSERT_NE(aldre, std::string::npos);
  ASSERT_NE(hostile, std::string::npos);
  EXPECT_LT(aldre, hostile);  // 20 december before 4 februari
  EXPECT_FALSE(contains(page.body, "Skolans remiss som gått ut"));  // 1 december has passed
  EXPECT_TRUE(contains(page.body, "Sista dag: 20 december 2026"));
  EXPECT_TRUE(contains(page.body, "Berör: <a href=\"/namnd/linkoping%2Faldre\">Äldrenämnden</a>, "
                                  "<a href=\"/namnd/norrkoping%2Fvard\">Vård- och omsorgsnämnden</a>"));
  EXPECT_FALSE(contains(page.body, "<script>"));
}

}  // namespace
}  // namespace omvarld::web
