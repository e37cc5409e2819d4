// web/week_chart.cpp — see web/week_chart.h.

#include "web/week_chart.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "digest/html_escape.h"

namespace omvarld::web {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

// The drawing's coordinates (the viewBox): the bars stand on y = kBase.
constexpr int kWidth = 560;
constexpr int kHeight = 220;
constexpr int kLeft = 36;   // room for the scale's numbers
constexpr int kTop = 12;
constexpr int kBase = 184;  // the x axis; week labels below it
constexpr int kStep = 20;   // per week
constexpr int kBar = 14;

std::string number(std::int64_t n) { return std::to_string(n); }

std::string matches_in_words(std::int64_t n) {
  return number(n) + (n == 1 ? " träff" : " träffar");
}

std::string day_of(core::TimePoint when) {
  const std::chrono::year_month_day day{std::chrono::floor<days>(when)};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

// What the chart shows, in one sentence for its <desc>.
std::string description(const WeekChart& chart) {
  if (chart.weeks.empty()) return "Inga veckor att visa.";
  std::int64_t total = 0;
  const WeekCount* most = &chart.weeks.front();
  for (const WeekCount& week : chart.weeks) {
    total += week.matches;
    if (week.matches > most->matches) most = &week;
  }
  std::string text = number(static_cast<std::int64_t>(chart.weeks.size())) + " veckor, " +
                     week_label(chart.weeks.front().start) + " till " +
                     week_label(chart.weeks.back().start) + ": " + matches_in_words(total) +
                     " i allt";
  if (total > 0) text += ", flest " + week_label(most->start) + " (" + number(most->matches) + ")";
  return text + "; den här veckan hittills " + number(chart.weeks.back().matches) + ".";
}

std::string svg(const WeekChart& chart, const std::string& name) {
  std::int64_t most = 1;
  for (const WeekCount& week : chart.weeks) most = std::max(most, week.matches);
  const std::string title_id = chart.id + "-titel";
  const std::string desc_id = chart.id + "-beskrivning";
  std::string out = "<svg class=\"veckodiagram\" viewBox=\"0 0 " + number(kWidth) + " " +
                    number(kHeight) + "\" width=\"100%\" role=\"img\" aria-labelledby=\"" +
                    title_id + " " + desc_id + "\">\n";
  out += "<title id=\"" + title_id + "\">Träffar per vecka: " + name + "</title>\n";
  out += "<desc id=\"" + desc_id + "\">" + digest::html_escape(description(chart)) + "</desc>\n";
  // The scale: 0 at the axis, the largest week at the top.
  const int right = kLeft + kStep * static_cast<int>(chart.weeks.size());
  out += "<line x1=\"" + number(kLeft) + "\" y1=\"" + number(kBase) + "\" x2=\"" + number(right) +
         "\" y2=\"" + number(kBase) + "\" stroke=\"#1a1a1a\" stroke-width=\"1\"/>\n";
  out += "<line x1=\"" + number(kLeft) + "\" y1=\"" + number(kTop) + "\" x2=\"" + number(right) +
         "\" y2=\"" + number(kTop) + "\" stroke=\"#c8c8c8\" stroke-width=\"1\"/>\n";
  out += "<text x=\"" + number(kLeft - 6) + "\" y=\"" + number(kBase + 4) +
         "\" text-anchor=\"end\" font-size=\"12\" fill=\"#1a1a1a\">0</text>\n";
  out += "<text x=\"" + number(kLeft - 6) + "\" y=\"" + number(kTop + 4) +
         "\" text-anchor=\"end\" font-size=\"12\" fill=\"#1a1a1a\">" + number(most) + "</text>\n";
  const std::size_t last = chart.weeks.size() - 1;
  for (std::size_t i = 0; i < chart.weeks.size(); ++i) {
    const WeekCount& week = chart.weeks[i];
    const int x = kLeft + kStep * static_cast<int>(i) + (kStep - kBar) / 2;
    const int height = static_cast<int>(week.matches * (kBase - kTop) / most);
    // The unfinished current week lighter, so a low bar there reads as "so far".
    const char* fill = i == last ? "#6b9ac4" : "#00538a";
    out += "<rect x=\"" + number(x) + "\" y=\"" + number(kBase - height) + "\" width=\"" +
           number(kBar) + "\" height=\"" + number(height) + "\" fill=\"" + fill + "\"><title>" +
           week_label(week.start) + ": " + matches_in_words(week.matches) + "</title></rect>\n";
    // Every fourth week named, and the current one.
    if ((last - i) % 4 == 0) {
      out += "<text x=\"" + number(x + kBar / 2) + "\" y=\"" + number(kBase + 20) +
             "\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1a1a1a\">" +
             week_label(week.start) + "</text>\n";
    }
  }
  return out + "</svg>\n";
}

std::string table(const WeekChart& chart, const std::string& name) {
  std::string out = "<details>\n<summary>Siffrorna vecka för vecka</summary>\n<table>\n<caption>"
                    "Träffar per vecka: " + name + "</caption>\n<thead><tr>"
                    "<th scope=\"col\">Vecka</th><th scope=\"col\">Börjar</th>"
                    "<th scope=\"col\">Träffar</th></tr></thead>\n<tbody>\n";
  for (const WeekCount& week : chart.weeks) {
    out += "<tr><th scope=\"row\">" + week_label(week.start) + "</th><td>" + day_of(week.start) +
           "</td><td>" + number(week.matches) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n</details>\n";
}

}  // namespace

core::TimePoint week_start(core::TimePoint when) {
  const sys_days day = std::chrono::floor<days>(when);
  const std::chrono::weekday weekday{day};
  // iso_encoding: Monday 1 … Sunday 7.
  return day - days(weekday.iso_encoding() - 1);
}

std::string week_label(core::TimePoint monday) {
  // The ISO week belongs to the year of its Thursday.
  const sys_days thursday = std::chrono::floor<days>(week_start(monday)) + days(3);
  const std::chrono::year year = std::chrono::year_month_day{thursday}.year();
  const sys_days january_first{year / std::chrono::January / 1};
  return "v. " + number((thursday - january_first).count() / 7 + 1);
}

int weeks_since_matches_stopped(const std::vector<WeekCount>& weeks) {
  if (weeks.empty() || weeks.back().matches > 0) return 0;
  int quiet = 0;
  // The current week is unfinished: its zero proves nothing yet.
  for (auto week = weeks.rbegin() + 1; week != weeks.rend(); ++week) {
    if (week->matches > 0) return quiet;
    ++quiet;
  }
  return 0;  // never any match: a new nämnd or a filter that never worked, not a drop
}

std::string render_week_chart(const WeekChart& chart) {
  const std::string name = digest::html_escape(chart.namnd_name);
  std::string out;
  if (const int quiet = weeks_since_matches_stopped(chart.weeks); quiet >= kZeroDropWeeks) {
    out += "<p class=\"varning\"><strong>Varning:</strong> Inga träffar de senaste " +
           number(quiet) + " veckorna – kontrollera filtret.</p>\n";
  }
  if (!chart.weeks.empty()) out += svg(chart, name);
  return out + table(chart, name);
}

}  // namespace omvarld::web
