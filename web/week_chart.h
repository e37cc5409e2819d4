// web/week_chart.h
//
// A nämnd's matches per week as the coordinators' page shows them: an
// inline SVG bar chart (role="img" with a <title> and a <desc> that says
// the numbers in words; presentation attributes only, so the strict
// Content-Security-Policy holds) and beside it the same numbers as a table
// in a <details>, for screen readers and for anyone who wants the figures.
// A nämnd whose matches stopped — no match in the last kZeroDropWeeks
// whole weeks after having had some — gets a warning in words, not only a
// colour. Weeks are ISO weeks of UTC, Monday 00:00 to Monday 00:00. Pure.

#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/item.h"

namespace omvarld::web {

// How many weeks the chart shows, the current one last.
inline constexpr int kChartWeeks = 26;

// How many whole weeks without a match, after weeks with matches, make a
// nämnd stand out.
inline constexpr int kZeroDropWeeks = 3;

// Monday 00:00 UTC of the week `when` is in.
core::TimePoint week_start(core::TimePoint when);

// "v. 48": the ISO 8601 week number of the week starting at `monday`.
std::string week_label(core::TimePoint monday);

struct WeekCount {
  core::TimePoint start;  // Monday 00:00 UTC
  std::int64_t matches = 0;
};

struct WeekChart {
  std::string namnd_name;          // plain text: escaped here
  std::vector<WeekCount> weeks;    // oldest first, the current (unfinished) week last
  std::string id;                  // unique on the page: the SVG's title and desc ids
};

// The whole weeks at the end of the chart (the current, unfinished week
// left out unless it has matches) without a match, when an earlier week
// had some; 0 otherwise.
int weeks_since_matches_stopped(const std::vector<WeekCount>& weeks);

// The chart, the warning when weeks_since_matches_stopped() is at least
// kZeroDropWeeks, and the table: safe HTML.
std::string render_week_chart(const WeekChart& chart);

}  // namespace omvarld::web
