// web/coordinator_feedback.h
//
// The week's feedback on the coordinators' page (/samordnare): per nämnd
// that got answers in the last 7 days, the answers per term with the share
// of "Nej", and the items officials marked "Nej" with the terms that
// brought them (storage/feedback_votes.h).

#pragma once

#include <string>

#include "web/http.h"

namespace omvarld::web {

// A <section> of safe HTML with its own <h2>; it says so when no one
// answered.
std::string weekly_feedback_section(Site& site);

}  // namespace omvarld::web
