// web/coordinator_feedback.cpp — see web/coordinator_feedback.h. A stub
// until the "Nej" votes are stored: the feedback area replaces its body.

#include "web/coordinator_feedback.h"

namespace omvarld::web {

std::string weekly_feedback_section(Site& /*site*/) { return {}; }

}  // namespace omvarld::web
