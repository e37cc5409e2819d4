// web/routes.h
//
// Every page of the archive, as the server takes them: each area's route
// list (official_routes(), calendar_routes(), ...) one after another.

#pragma once

#include <vector>

#include "web/http.h"

namespace omvarld::web {

std::vector<Route> all_routes();

}  // namespace omvarld::web
