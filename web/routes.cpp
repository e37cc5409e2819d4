// web/routes.cpp — see web/routes.h. Each area adds its list here, one line.

#include "web/routes.h"

#include "web/calendar_routes.h"
#include "web/coordinator_pages.h"
#include "web/feedback_pages.h"
#include "web/official_pages.h"

namespace omvarld::web {

namespace {

void append(std::vector<Route>& all, std::vector<Route> more) {
  for (Route& route : more) all.push_back(std::move(route));
}

}  // namespace

std::vector<Route> all_routes() {
  std::vector<Route> all;
  append(all, official_routes());
  append(all, coordinator_routes());
  append(all, calendar_routes());
  append(all, feedback_routes());
  return all;
}

}  // namespace omvarld::web
