// web/coordinator_feedback.h
//
// THE HOOK for the week's feedback on the coordinators' page (/samordnare):
// per nämnd, the items officials marked "Nej" this week and the terms that
// brought them, with the share of "Nej" per term. The feedback area
// (votes, schema 10) fills it in; until then it returns "" and the page
// shows nothing in its place.

#pragma once

#include <string>

#include "web/http.h"

namespace omvarld::web {

// A <section> of safe HTML with its own <h2>, or "" when there is nothing
// to show.
std::string weekly_feedback_section(Site& site);

}  // namespace omvarld::web
