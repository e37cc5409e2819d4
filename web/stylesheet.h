// web/stylesheet.h
//
// The archive's one style sheet, served at /static/omvarld.css: the
// digest's look (digest/render_html.cpp: Arial, ink #1a1a1a, muted #5c6670,
// accent #00538a, deadline red #a3171e, page #f2f4f7 around white cards),
// phone first, with a visible focus ring and a skip link that shows on
// focus. Every colour pair meets WCAG 2.1 AA (4.5:1 or more).

#pragma once

#include <string_view>

#include "web/http.h"

namespace omvarld::web {

// The CSS text itself.
std::string_view stylesheet();

// GET /static/omvarld.css: text/css, cached for a week. The sheet changes
// only with a new omvarld; an old look for a few days after an upgrade is
// harmless, a request per page view on a phone is not.
Response stylesheet_response(const Request& request, Site& site);

}  // namespace omvarld::web
