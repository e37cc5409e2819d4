// web/coordinator_pages.h
//
// The coordinators' pages of the web archive:
//   GET /samordnare        per nämnd its matches per week over the last 26
//                          weeks (web/week_chart.h), the sources' health —
//                          failing (why, in plain Swedish), silent, moved —
//                          as `omvarld status` and the coordinators' report
//                          see it (app/source_health.h), and the week's
//                          feedback (web/coordinator_feedback.h);
//   GET /samordnare/prova  "Prova ett filter": what a term or query would
//                          have matched among the stored items of the last
//                          N days, and why (app/filter_trial.h). Reads only.

#pragma once

#include <vector>

#include "web/http.h"

namespace omvarld::web {

std::vector<Route> coordinator_routes();

// The pages themselves, for tests.
Response coordinator_page(const Request& request, Site& site);
Response filter_trial_page(const Request& request, Site& site);

}  // namespace omvarld::web
