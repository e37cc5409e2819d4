// The coordinators' pages called as functions over a real SQLite file:
// /samordnare (the sources' health, the charts) and /samordnare/prova
// ("Prova ett filter", which finds, explains and changes nothing).

#include "web/coordinator_pages.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "storage/item_store.h"
#include "storage/test_entry_points.h"
#include "tests/storage/raw_sqlite.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_doubles.h"

namespace omvarld::web {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_days;

constexpr char kAldre[] = "linkoping/aldre";

class CoordinatorPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = std::make_shared<config::Config>();
    config->sources.push_back({"skr", "SKR", "https://skr.example.se/rss", {}, {}, {}, {}, {}});
    config->sources.push_back(
        {"kommun", "Linköpings kommun", "https://kommun.example.se/rss", {}, {}, {}, {}, {}});
    config::NamndConfig aldre;
    aldre.id = kAldre;
    aldre.name = "Äldrenämnden <Linköping>";
    aldre.any = {{"äldreomsorg", {}}};
    config->namnder.push_back(aldre);
    config_ = config;
    path_ = (dir_.path() / "omvarld.db").string();
    auto opened = storage::ItemStore::open(path_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<storage::ItemStore>(std::move(*opened));
    const std::vector<storage::SourceRecord> sources = {
        {"skr", "SKR", "https://skr.example.se/rss"},
        {"kommun", "Linköpings kommun", "https://kommun.example.se/rss"}};
    ASSERT_TRUE(store_->sync_sources(sources));
    site_ = std::make_unique<Site>(Site{config_, *store_, clock_, dir_.path()});
  }

  // An item of `source` first seen at `at`, matched for the nämnd when
  // `matched`.
  void store_item(const std::string& source, const std::string& key, const std::string& title,
                  core::TimePoint at, bool matched) {
    core::Item item;
    item.source = source;
    item.key = key;
    item.title = title;
    item.link = "https://" + source + ".example.se/" + key;
    std::vector<storage::ClassifiedItem> items = {{item, {}}};
    if (matched) items[0].matches.push_back({kAldre, {"äldreomsorg"}, {}, {}});
    storage::PollRecord poll;
    poll.at = at;
    poll.http_status = 200;
    auto stored = storage::testing::store_classified_poll(*store_, source, items, poll);
    ASSERT_TRUE(stored) << stored.error().message;
  }

  Response get(Response (*page)(const Request&, Site&), Fields query) {
    Request request;
    request.method = "GET";
    request.query = std::move(query);
    return page(request, *site_);
  }

  // How many rows each table holds, to see that a page changed nothing.
  std::string row_counts() {
    storage::testing::RawDatabase raw(path_);
    std::string counts;
    for (const char* table : {"items", "matches", "sources", "digests", "floods"}) {
      counts += std::string(table) + "=" +
                raw.value(std::string("SELECT COUNT(*) FROM ") + table) + " ";
    }
    counts += "changes=" + raw.value("SELECT total_changes()");
    return counts;
  }

  testing::TempDir dir_;
  std::string path_;
  std::shared_ptr<const config::Config> config_;
  std::unique_ptr<storage::ItemStore> store_;
  // Wednesday 2026-12-02, 12:00 UTC: week 49.
  omvarld::testing::FixedClock clock_{sys_days{std::chrono::year{2026} / 12 / 2} + 12h};
  std::unique_ptr<Site> site_;
};

TEST_F(CoordinatorPagesTest, CountsMatchesPerWeekInOneQuery) {
  const core::TimePoint monday = sys_days{std::chrono::year{2026} / 11 / 16};
  store_item("skr", "a", "Äldreomsorgen får mer", monday + 1h, true);
  store_item("skr", "b", "Äldreomsorgen igen", monday + 6 * 24h, true);
  store_item("skr", "c", "Skolan", monday + 7 * 24h, false);
  store_item("skr", "d", "Äldreomsorg två veckor senare", monday + 14 * 24h, true);
  store_item("skr", "e", "Före perioden", monday - 1s, true);
  auto weeks = store_->weekly_matches(monday, 3);
  ASSERT_TRUE(weeks) << weeks.error().message;
  ASSERT_EQ(weeks->size(), 2u);
  EXPECT_EQ((*weeks)[0].namnd, kAldre);
  EXPECT_EQ((*weeks)[0].week, 0);
  EXPECT_EQ((*weeks)[0].matches, 2);
  EXPECT_EQ((*weeks)[1].week, 2);
  EXPECT_EQ((*weeks)[1].matches, 1);
}

TEST_F(CoordinatorPagesTest, ShowsTheSourcesHealthInPlainSwedish) {
  const core::TimePoint now = clock_.now();
  store_item("kommun", "gammal", "Gammal nyhet", now - 60 * 24h, false);
  ASSERT_TRUE(store_->record_failed_fetch(
      "skr", {now - 2h, 503, "HTTP 503 <Service Unavailable>", "http-status", now + 1h}));
  ASSERT_TRUE(store_->record_moved("kommun", "https://kommun.example.se/rss",
                                   "https://www.kommun.example.se/rss"));
  const Response page = get(coordinator_page, {});
  EXPECT_EQ(page.status, 200);
  const std::string& html = page.body;
  EXPECT_NE(html.find("<strong>SKR (skr)</strong>: Servern svarade med felkod 503. "
                      "1 misslyckad hämtning"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("Tekniskt: HTTP 503 &lt;Service Unavailable&gt;"), std::string::npos);
  // Silent: nothing new for 60 days, beyond the default 30.
  EXPECT_NE(html.find("<strong>Linköpings kommun (kommun)</strong>: senaste nya nyhet"),
            std::string::npos);
  EXPECT_NE(html.find("hämtas nu från <a href=\"https://www.kommun.example.se/rss\">"),
            std::string::npos);
  EXPECT_NE(html.find("<h3>Äldrenämnden &lt;Linköping&gt; (linkoping/aldre)</h3>"),
            std::string::npos);
  EXPECT_NE(html.find("role=\"img\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/samordnare/prova\""), std::string::npos);
  EXPECT_EQ(html.find("style="), std::string::npos);
}

TEST_F(CoordinatorPagesTest, MakesANamndWhoseMatchesStoppedStandOut) {
  const core::TimePoint now = clock_.now();
  for (int week = 5; week <= 12; ++week) {
    store_item("skr", "v" + std::to_string(week), "Äldreomsorgen vecka " + std::to_string(week),
               now - std::chrono::days(7) * week, true);
  }
  const std::string html = get(coordinator_page, {}).body;
  EXPECT_NE(html.find("Inga träffar de senaste 4 veckorna – kontrollera filtret"),
            std::string::npos)
      << html;
}

TEST_F(CoordinatorPagesTest, ProvaFindsInflectedFormsSaysWhyAndChangesNothing) {
  const core::TimePoint now = clock_.now();
  store_item("skr", "1", "Nytt statsbidrag till äldreomsorgen", now - 48h, false);
  store_item("kommun", "2", "Ny skolstart i Linköping", now - 24h, false);
  store_item("skr", "3", "Äldreomsorg förr i tiden", now - 40 * 24h, false);  // before the period
  const std::string before = row_counts();

  const Response page = get(filter_trial_page, {{"filter", "äldreomsorg"}, {"dagar", "30"}});
  EXPECT_EQ(page.status, 200);
  const std::string& html = page.body;
  EXPECT_NE(html.find("Filtret hade hittat 1 nyhet av 2 som kom in de senaste 30 dagarna. "
                      "Ingenting har ändrats."),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<a href=\"https://skr.example.se/1\">Nytt statsbidrag till "
                      "äldreomsorgen</a>"),
            std::string::npos);
  EXPECT_NE(html.find("Varför: äldreomsorgen"), std::string::npos);
  EXPECT_EQ(html.find("Ny skolstart"), std::string::npos);
  EXPECT_EQ(html.find("förr i tiden"), std::string::npos);
  EXPECT_NE(html.find("value=\"äldreomsorg\""), std::string::npos);  // the form keeps it

  EXPECT_EQ(row_counts(), before);
  auto stored = store_->items({});
  ASSERT_TRUE(stored);
  for (const storage::StoredItem& item : *stored) {
    auto matches = store_->matches_of(item.id);
    ASSERT_TRUE(matches);
    EXPECT_TRUE(matches->empty()) << item.item.title;  // no match stored by trying
  }
}

TEST_F(CoordinatorPagesTest, ProvaShowsTheParsersProblemBesideTheField) {
  const Response page =
      get(filter_trial_page, {{"filter", "äldreomsorg AND"}, {"sort", "fraga"}, {"dagar", "7"}});
  // Where the missing term should be: just after AND, the 16th character (ä is one).
  EXPECT_EQ(page.status, 400);
  EXPECT_NE(page.body.find("<p id=\"filter-fel\" class=\"fel\">Filtret går inte att läsa vid "
                           "tecken 16: <code>väntade ett ord efter AND</code></p>"),
            std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_NE(page.body.find("value=\"fraga\" checked"), std::string::npos);
  EXPECT_EQ(page.body.find("Resultat"), std::string::npos);
}

TEST_F(CoordinatorPagesTest, ProvaRefusesBadDaysUnknownNamnderAndEscapesWhatWasTyped) {
  const Response days = get(filter_trial_page, {{"filter", "skola"}, {"dagar", "366"}});
  EXPECT_EQ(days.status, 400);
  EXPECT_NE(days.body.find("Skriv ett helt antal dagar från 1 till 365."), std::string::npos);

  const Response namnd =
      get(filter_trial_page, {{"filter", "skola"}, {"namnd", "linkoping/okand"}});
  EXPECT_EQ(namnd.status, 404);
  EXPECT_NE(namnd.body.find("Det finns ingen nämnd med id linkoping/okand."), std::string::npos);

  const Response typed = get(filter_trial_page, {{"filter", "\"><script>alert(1)</script>"}});
  EXPECT_EQ(typed.body.find("<script"), std::string::npos);
  EXPECT_NE(typed.body.find("value=\"&quot;&gt;&lt;script&gt;"), std::string::npos);

  const Response empty = get(filter_trial_page, {});
  EXPECT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("<label for=\"filter\">"), std::string::npos);
  EXPECT_NE(empty.body.find("<option value=\"linkoping/aldre\">Äldrenämnden &lt;Linköping&gt;"),
            std::string::npos);
}

TEST_F(CoordinatorPagesTest, ProvaForANamndTakesOnlyItsSources) {
  config::Config only_skr = *config_;
  only_skr.namnder[0].sources = {"skr"};
  site_->config = std::make_shared<const config::Config>(only_skr);
  const core::TimePoint now = clock_.now();
  store_item("skr", "1", "Äldreomsorgen i SKR", now - 48h, false);
  store_item("kommun", "2", "Äldreomsorgen i kommunen", now - 24h, false);
  const std::string html =
      get(filter_trial_page, {{"filter", "äldreomsorg"}, {"namnd", kAldre}}).body;
  EXPECT_NE(html.find("Äldreomsorgen i SKR"), std::string::npos) << html;
  EXPECT_EQ(html.find("Äldreomsorgen i kommunen"), std::string::npos);
}

}  // namespace
}  // namespace omvarld::web
