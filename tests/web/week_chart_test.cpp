// The coordinators' chart of matches per week: pure HTML out of counts.

#include "web/week_chart.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace omvarld::web {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using namespace std::chrono_literals;

// Monday 2026-11-30, week 49.
const core::TimePoint kThisMonday = sys_days{std::chrono::year{2026} / 11 / 30};

// 26 weeks ending with this one, their counts given oldest first.
WeekChart chart_of(const std::vector<std::int64_t>& counts, std::string name = "Äldrenämnden") {
  WeekChart chart{std::move(name), {}, "diagram-1"};
  const core::TimePoint first = kThisMonday - days(7) * (static_cast<int>(counts.size()) - 1);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    chart.weeks.push_back({first + days(7) * static_cast<int>(i), counts[i]});
  }
  return chart;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

std::vector<std::int64_t> steady(std::int64_t per_week) {
  return std::vector<std::int64_t>(kChartWeeks, per_week);
}

TEST(WeekLabel, NamesTheIsoWeekOfItsThursday) {
  EXPECT_EQ(week_label(kThisMonday), "v. 49");
  EXPECT_EQ(week_label(sys_days{std::chrono::year{2026} / 12 / 28}), "v. 53");
  EXPECT_EQ(week_label(sys_days{std::chrono::year{2027} / 1 / 4}), "v. 1");
  EXPECT_EQ(week_label(sys_days{std::chrono::year{2025} / 12 / 29}), "v. 1");  // of 2026
}

TEST(WeekStart, IsTheMondayAtMidnightUtc) {
  const core::TimePoint sunday_evening = sys_days{std::chrono::year{2026} / 12 / 6} + 23h;
  EXPECT_EQ(week_start(sunday_evening), kThisMonday);
  EXPECT_EQ(week_start(kThisMonday), kThisMonday);
  EXPECT_EQ(week_start(kThisMonday - 1s), kThisMonday - days(7));
}

TEST(WeekChartHtml, DrawsOneBarPerWeekAndTheSameNumbersAsATable) {
  std::vector<std::int64_t> counts = steady(4);
  counts[20] = 12;
  const std::string html = render_week_chart(chart_of(counts));
  EXPECT_EQ(occurrences(html, "<rect "), 26u);
  EXPECT_NE(html.find("role=\"img\""), std::string::npos);
  EXPECT_NE(html.find("aria-labelledby=\"diagram-1-titel diagram-1-beskrivning\""),
            std::string::npos);
  EXPECT_NE(html.find("<title id=\"diagram-1-titel\">Träffar per vecka: Äldrenämnden</title>"),
            std::string::npos);
  // The description says the numbers: 25 × 4 + 12, the busiest week.
  EXPECT_NE(html.find("<desc id=\"diagram-1-beskrivning\">26 veckor, v. 24 till v. 49: 112 "
                      "träffar i allt, flest v. 44 (12)"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<title>v. 44: 12 träffar</title>"), std::string::npos);
  // The table, in a <details>, with headers for screen readers.
  EXPECT_NE(html.find("<details>"), std::string::npos);
  EXPECT_NE(html.find("<caption>Träffar per vecka: Äldrenämnden</caption>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"col\">Vecka</th>"), std::string::npos);
  EXPECT_NE(html.find("<tr><th scope=\"row\">v. 44</th><td>2026-10-26</td><td>12</td></tr>"),
            std::string::npos);
  EXPECT_EQ(occurrences(html, "<th scope=\"row\">"), 26u);
  EXPECT_EQ(html.find("Varning"), std::string::npos);  // steady: nothing stands out
}

TEST(WeekChartHtml, HasNoStyleAttributeAndNoScript) {
  const std::string html = render_week_chart(chart_of(steady(3)));
  EXPECT_EQ(html.find("style="), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<style"), std::string::npos);
  EXPECT_EQ(html.find(" on"), std::string::npos);  // no onload= and the like
}

TEST(WeekChartHtml, EscapesTheNamndsName) {
  const std::string html =
      render_week_chart(chart_of(steady(1), "<Äldre & \"omsorg\"><script>x</script>"));
  EXPECT_EQ(html.find("<Äldre"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("Träffar per vecka: &lt;Äldre &amp; &quot;omsorg&quot;&gt;"),
            std::string::npos);
}

TEST(WeekChartHtml, WarnsInWordsWhenMatchesStoppedForThreeWholeWeeks) {
  std::vector<std::int64_t> counts = steady(5);
  counts[22] = counts[23] = counts[24] = counts[25] = 0;  // three whole weeks and this one
  const std::string html = render_week_chart(chart_of(counts));
  EXPECT_NE(html.find("<strong>Varning:</strong> Inga träffar de senaste 3 veckorna – "
                      "kontrollera filtret."),
            std::string::npos)
      << html;
  EXPECT_EQ(weeks_since_matches_stopped(chart_of(counts).weeks), 3);
}

TEST(WeekChartHtml, DoesNotWarnTooSoonNorForANamndThatNeverHadMatches) {
  std::vector<std::int64_t> counts = steady(5);
  counts[23] = counts[24] = counts[25] = 0;  // two whole weeks and this unfinished one
  EXPECT_EQ(weeks_since_matches_stopped(chart_of(counts).weeks), 2);
  EXPECT_EQ(render_week_chart(chart_of(counts)).find("Varning"), std::string::npos);

  counts[22] = 0;
  counts[25] = 1;  // this week brought one again
  EXPECT_EQ(weeks_since_matches_stopped(chart_of(counts).weeks), 0);

  EXPECT_EQ(weeks_since_matches_stopped(chart_of(steady(0)).weeks), 0);
  EXPECT_EQ(render_week_chart(chart_of(steady(0))).find("Varning"), std::string::npos);
}

}  // namespace
}  // namespace omvarld::web
