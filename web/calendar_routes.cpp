// web/calendar_routes.cpp — see web/calendar_routes.h.

#include "web/calendar_routes.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <vector>

#include "app/time_format.h"
#include "storage/item_store.h"
#include "web/atom_out.h"
#include "web/icalendar.h"
#include "web/page.h"

namespace omvarld::web {
namespace {

// A calendar keeps the deadlines of the last 12 months beside the future
// ones, so a subscriber can still look up what closed last spring.
constexpr std::chrono::days kPastDeadlines{365};

const config::NamndConfig* namnd_of(const Request& request, const Site& site) {
  if (request.path_params.empty() || !site.config) return nullptr;
  return site.config->find_namnd(request.path_params.front());
}

Response not_found() {
  return error_page(404, "Det finns ingen nämnd med det namnet i omvarld.");
}

Response unreadable(const Error& error) {
  return storage_failure_page(error, "Arkivet kunde inte läsas just nu. Försök igen om en stund.");
}

Response deadlines_ics(const Request& request, Site& site) {
  const config::NamndConfig* namnd = namnd_of(request, site);
  if (namnd == nullptr) return not_found();
  const core::TimePoint now = site.clock.now();
  const std::string& time_zone = site.config->daemon.timezone;
  const core::Date today = app::parse_iso_day(app::local_day(now, time_zone))
                               .value_or(std::chrono::floor<std::chrono::days>(now));
  // The future first, soonest first, then as many of the past year's as
  // there is room for, the latest first: old deadlines never push out
  // coming ones.
  auto future = site.store.namnd_deadlines(namnd->id, today, static_cast<int>(kMaxCalendarEvents));
  if (!future) return unreadable(future.error());
  const auto room =
      static_cast<int>(kMaxCalendarEvents - std::min(kMaxCalendarEvents, future->size()));
  auto past = site.store.namnd_past_deadlines(namnd->id, today - kPastDeadlines, today, room);
  if (!past) return unreadable(past.error());
  // In the calendar oldest first, as before.
  std::vector<storage::NamndItem> items(std::make_move_iterator(past->rbegin()),
                                        std::make_move_iterator(past->rend()));
  items.insert(items.end(), std::make_move_iterator(future->begin()),
               std::make_move_iterator(future->end()));
  Response response;
  response.content_type = "text/calendar; charset=utf-8";
  response.body = compose_icalendar({namnd->id, namnd->name, time_zone, now}, items);
  return response;
}

Response nyheter_atom(const Request& request, Site& site) {
  const config::NamndConfig* namnd = namnd_of(request, site);
  if (namnd == nullptr) return not_found();
  auto items = site.store.namnd_matches(namnd->id, static_cast<int>(kMaxFeedEntries));
  if (!items) return unreadable(items.error());
  Response response;
  response.content_type = "application/atom+xml";
  // Absolute links with [web] base_url; relative to the archive's root without.
  const std::string base = site.config->web ? site.config->web->base_url : std::string();
  response.body = compose_atom({namnd->id, namnd->name, base, site.clock.now()}, *items);
  return response;
}

}  // namespace

std::vector<Route> calendar_routes() {
  return {
      {"GET", "/namnd/{}/deadlines.ics", deadlines_ics},
      {"GET", "/namnd/{}/nyheter.atom", nyheter_atom},
  };
}

}  // namespace omvarld::web
