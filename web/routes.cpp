// web/routes.cpp — see web/routes.h. Each area adds its list here, one line.

#include "web/routes.h"

namespace omvarld::web {

namespace {

[[maybe_unused]] void append(std::vector<Route>& all, std::vector<Route> more) {
  for (Route& route : more) all.push_back(std::move(route));
}

}  // namespace

std::vector<Route> all_routes() {
  std::vector<Route> all;
  // append(all, official_routes());
  return all;
}

}  // namespace omvarld::web
