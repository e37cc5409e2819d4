// web/calendar_routes.h
//
// Calendars and feeds out, per nämnd, for subscribing rather than visiting:
//   GET /namnd/{id}/deadlines.ics  its deadlines as iCalendar (web/icalendar.h)
//   GET /namnd/{id}/nyheter.atom   its matches as Atom (web/atom_out.h)
// The id is one path segment, percent-encoded ("linkoping%2Futbildning",
// web::namnd_segment). An unknown nämnd is a Swedish 404 page.

#pragma once

#include <vector>

#include "web/http.h"

namespace omvarld::web {

std::vector<Route> calendar_routes();

}  // namespace omvarld::web
