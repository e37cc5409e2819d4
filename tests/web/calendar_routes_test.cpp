// GET /namnd/{}/deadlines.ics and /nyheter.atom (web/calendar_routes.h),
// called as functions over a real SQLite file filled by store_poll; what
// they serve is read back the way subscribers read it: the calendar by
// python3-icalendar, the feed by python3-feedparser and by omvarld's own
// feed parser.

#include "web/calendar_routes.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "feeds/feed_items.h"
#include "storage/item_store.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_doubles.h"
#include "web/atom_out.h"
#include "web/icalendar.h"

namespace omvarld::web {
namespace {

using nlohmann::json;

const core::NamndId kUtbildning = "linkoping/utbildning";
const core::NamndId kKultur = "linkoping/kultur";

core::TimePoint at(std::int64_t seconds) { return core::TimePoint{std::chrono::seconds{seconds}}; }

core::Date day(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year_month_day{
      std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}};
}

// 2027-01-15 08:00 UTC.
const core::TimePoint kNow = at(1'800'000'000);

core::Item item(const std::string& key, const std::string& title, std::optional<core::Date> deadline) {
  core::Item made;
  made.source = "eu";
  made.key = key;
  made.title = title;
  made.link = "https://eu.example.se/" + key;
  made.canonical_link = made.link;
  made.summary = "Om " + title + ", ansök i tid.";
  made.published = kNow - std::chrono::hours{24};
  made.deadline = deadline;
  return made;
}

// Every item concerns Utbildningsnämnden, the ones about museums Kultur.
std::vector<core::Match> classify(const core::Item& polled) {
  if (polled.title.find("museum") != std::string::npos) {
    return {{kKultur, {"museum"}, {}, {}, {}}};
  }
  return {{kUtbildning, {"skola", "erasmus+"}, {"eu-finansiering"}, {}, {}}};
}

std::shared_ptr<const config::Config> configuration() {
  auto made = std::make_shared<config::Config>();
  made->daemon.timezone = "Europe/Stockholm";
  config::NamndConfig utbildning;
  utbildning.id = kUtbildning;
  utbildning.name = "Utbildningsnämnden";
  config::NamndConfig kultur;
  kultur.id = kKultur;
  kultur.name = "Kultur- och fritidsnämnden";
  made->namnder = {utbildning, kultur};
  return made;
}

class CalendarRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::ItemStore::open((dir_.path() / "omvarld.db").string());
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::make_unique<storage::ItemStore>(std::move(*opened));
    const std::vector<storage::SourceRecord> sources = {
        {"eu", "EU-kontoret", "https://eu.example.se/rss"}};
    ASSERT_TRUE(store_->sync_sources(sources));
    site_ = std::make_unique<Site>(Site{configuration(), *store_, clock_, dir_.path()});
  }

  void poll(const std::vector<core::Item>& items, core::TimePoint when) {
    auto stored = store_->store_poll("eu", items, storage::PollRecord{when, 200, 0, {}}, classify);
    ASSERT_TRUE(stored) << stored.error().message;
  }

  Response get(const std::string& pattern, const std::string& namnd) {
    for (const Route& route : calendar_routes()) {
      if (route.pattern != pattern) continue;
      EXPECT_EQ(route.method, "GET");
      Request request;
      request.method = "GET";
      request.path = "/namnd/" + namnd_segment(namnd);
      request.path_params = {namnd};
      return route.handler(request, *site_);
    }
    ADD_FAILURE() << "no route " << pattern;
    return {};
  }

  // Runs tests/web/`script` on `body` written to a file; its JSON answer.
  json read_back(const std::string& script, const std::string& body, const std::string& name) {
    const auto file = dir_.path() / name;
    std::ofstream(file, std::ios::binary) << body;
    const omvarld::testing::ProcessResult result = omvarld::testing::run_process(
        "/usr/bin/python3",
        {std::string(OMVARLD_SOURCE_DIR) + "/tests/web/" + script, file.string()}, dir_.path());
    EXPECT_EQ(result.exit_code, 0) << script << ": " << result.err;
    return json::parse(result.out, nullptr, false);
  }

  testing::TempDir dir_;
  testing::FixedClock clock_{kNow};
  std::unique_ptr<storage::ItemStore> store_;
  std::unique_ptr<Site> site_;
};

TEST_F(CalendarRoutesTest, AnUnknownNamndIsASwedishNotFoundPage) {
  for (const char* pattern : {"/namnd/{}/deadlines.ics", "/namnd/{}/nyheter.atom"}) {
    const Response response = get(pattern, "linkoping/<okand>");
    EXPECT_EQ(response.status, 404) << pattern;
    EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
    EXPECT_NE(response.body.find("Sidan finns inte"), std::string::npos);
    EXPECT_EQ(response.body.find("<okand>"), std::string::npos);
  }
}

TEST_F(CalendarRoutesTest, TheCalendarReadsBackInPythonIcalendarAndFollowsAMovedDeadline) {
  poll({item("call-1", "Erasmus+ för skolor", day(2027, 3, 15)),
        item("call-2", "Skolutveckling; nätverk, stöd", day(2027, 1, 20)),
        item("old", "Förra årets utlysning", day(2025, 12, 1)),        // > 12 months ago
        item("recent", "Höstens utlysning", day(2026, 9, 1)),          // within them
        item("news", "Ny rektor på Kunskapsskolan", std::nullopt),
        item("museum", "Nytt museum öppnar", day(2027, 2, 1))},
       kNow - std::chrono::hours{2});

  const Response first = get("/namnd/{}/deadlines.ics", kUtbildning);
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.content_type, "text/calendar; charset=utf-8");
  const json calendar = read_back("read_icalendar.py", first.body, "first.ics");
  ASSERT_TRUE(calendar.is_object()) << first.body;
  EXPECT_EQ(calendar["version"], "2.0");
  EXPECT_EQ(calendar["method"], "PUBLISH");
  EXPECT_EQ(calendar["name"], "Deadlines – Utbildningsnämnden");
  EXPECT_EQ(calendar["timezone"], "Europe/Stockholm");
  const json& events = calendar["events"];
  ASSERT_EQ(events.size(), 3u) << calendar.dump(1);
  EXPECT_EQ(events[0]["dtstart"], "2026-09-01");
  EXPECT_EQ(events[1]["summary"], "Sista dag: Skolutveckling; nätverk, stöd");
  EXPECT_EQ(events[1]["dtstart"], "2027-01-20");
  EXPECT_EQ(events[1]["dtend"], "2027-01-21");
  EXPECT_EQ(events[1]["all_day"], true);
  const json& erasmus = events[2];
  EXPECT_EQ(erasmus["dtstart"], "2027-03-15");
  EXPECT_EQ(erasmus["url"], "https://eu.example.se/call-1");
  EXPECT_EQ(erasmus["sequence"], 0);
  EXPECT_NE(erasmus["description"].get<std::string>().find("Källa: EU-kontoret"),
            std::string::npos);
  const std::string uid = erasmus["uid"];
  EXPECT_EQ(uid.rfind("item-", 0), 0u);
  EXPECT_NE(uid.find("-linkoping/utbildning@omvarld"), std::string::npos);

  // The feed moves the deadline with new text: the same event, a later date,
  // a higher sequence.
  core::Item moved = item("call-1", "Erasmus+ för skolor", day(2027, 4, 1));
  moved.summary = "Sista dag flyttad till 1 april.";
  poll({moved}, kNow + std::chrono::hours{5});
  clock_.advance(std::chrono::hours{6});
  const json after =
      read_back("read_icalendar.py", get("/namnd/{}/deadlines.ics", kUtbildning).body, "after.ics");
  ASSERT_EQ(after["events"].size(), 3u);
  const json& moved_event = after["events"][2];
  EXPECT_EQ(moved_event["uid"], uid);
  EXPECT_EQ(moved_event["dtstart"], "2027-04-01");
  EXPECT_GT(moved_event["sequence"].get<int>(), 0);
  EXPECT_GT(moved_event["last_modified"].get<std::string>(),
            erasmus["last_modified"].get<std::string>());
  // The other events are as they were: the same uids, sequence 0.
  EXPECT_EQ(after["events"][1]["uid"], events[1]["uid"]);
  EXPECT_EQ(after["events"][1]["sequence"], 0);

  const json kultur =
      read_back("read_icalendar.py", get("/namnd/{}/deadlines.ics", kKultur).body, "kultur.ics");
  ASSERT_EQ(kultur["events"].size(), 1u);
  EXPECT_EQ(kultur["name"], "Deadlines – Kultur- och fritidsnämnden");
  EXPECT_NE(kultur["events"][0]["uid"], uid);
}

TEST_F(CalendarRoutesTest, ManyPastDeadlinesNeverPushOutTheFutureOnes) {
  std::vector<core::Item> items;
  const std::size_t past = kMaxCalendarEvents + 50;
  for (std::size_t i = 0; i < past; ++i) {
    // Within the last 12 months before 2027-01-15.
    items.push_back(item("past-" + std::to_string(i), "Förra utlysningen " + std::to_string(i),
                         day(2026, 2, 1) + std::chrono::days{static_cast<int>(i % 300)}));
  }
  items.push_back(item("future-1", "Kommande utlysning ett", day(2027, 2, 1)));
  items.push_back(item("future-2", "Kommande utlysning två", day(2027, 6, 1)));
  items.push_back(item("future-3", "Kommande utlysning tre", day(2027, 1, 15)));  // today
  poll(items, kNow - std::chrono::hours{2});

  const Response calendar = get("/namnd/{}/deadlines.ics", kUtbildning);
  ASSERT_EQ(calendar.status, 200);
  std::size_t events = 0;
  for (std::size_t at = calendar.body.find("BEGIN:VEVENT"); at != std::string::npos;
       at = calendar.body.find("BEGIN:VEVENT", at + 1)) {
    ++events;
  }
  EXPECT_EQ(events, kMaxCalendarEvents);
  for (const char* future : {"Kommande utlysning ett", "Kommande utlysning två",
                             "Kommande utlysning tre"}) {
    EXPECT_NE(calendar.body.find(future), std::string::npos) << future;
  }
  // The past ones kept are the latest: the earliest day (2026-02-01) is out.
  EXPECT_EQ(calendar.body.find("DTSTART;VALUE=DATE:20260201"), std::string::npos);
  EXPECT_NE(calendar.body.find("DTSTART;VALUE=DATE:20261127"), std::string::npos);
}

TEST_F(CalendarRoutesTest, TheFeedReadsBackInFeedparserAndInOurOwnParser) {
  poll({item("a", "Erasmus+ & <skolor>", std::nullopt)}, kNow - std::chrono::hours{3});
  poll({item("b", "Förskolan får stöd", day(2027, 3, 1)),
        item("museum", "Nytt museum öppnar", std::nullopt)},
       kNow - std::chrono::hours{1});

  const Response response = get("/namnd/{}/nyheter.atom", kUtbildning);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/atom+xml");

  const json feed = read_back("read_atom.py", response.body, "nyheter.atom");
  ASSERT_TRUE(feed.is_object()) << response.body;
  EXPECT_EQ(feed["bozo"], 0) << feed["bozo_exception"];
  EXPECT_EQ(feed["version"], "atom10");
  EXPECT_EQ(feed["title"], "Nyheter – Utbildningsnämnden");
  EXPECT_EQ(feed["self"], "/namnd/linkoping%2Futbildning/nyheter.atom");
  ASSERT_EQ(feed["entries"].size(), 2u) << feed.dump(1);
  EXPECT_EQ(feed["entries"][0]["title"], "Förskolan får stöd");  // the last stored first
  EXPECT_EQ(feed["entries"][1]["title"], "Erasmus+ & <skolor>");
  EXPECT_EQ(feed["entries"][1]["link"], "https://eu.example.se/a");
  EXPECT_EQ(feed["entries"][1]["terms"],
            (json::array({"skola", "erasmus+", "eu-finansiering"})));
  const std::string id = feed["entries"][1]["id"];
  EXPECT_EQ(id.rfind("tag:omvarld,2026:item/", 0), 0u);

  auto ours = feeds::parse_items(response.body, feeds::DocumentHints::at("https://intranat.example/f"),
                                 "omvarld-out");
  ASSERT_TRUE(ours) << ours.error().message;
  EXPECT_FALSE(ours->bozo) << ours->bozo_reason;
  ASSERT_EQ(ours->items.size(), 2u);
  EXPECT_EQ(ours->items[1].title, "Erasmus+ & <skolor>");
  EXPECT_EQ(ours->items[1].key, id);
  EXPECT_EQ(ours->items[1].link, "https://eu.example.se/a");

  // Polled again, unchanged: the same ids, so a reader shows nothing new.
  poll({item("a", "Erasmus+ & <skolor>", std::nullopt)}, kNow);
  const json again =
      read_back("read_atom.py", get("/namnd/{}/nyheter.atom", kUtbildning).body, "again.atom");
  ASSERT_EQ(again["entries"].size(), 2u);
  EXPECT_EQ(again["entries"][1]["id"], id);
}

}  // namespace
}  // namespace omvarld::web
