// web/official_pages.h
//
// The pages officials use, read-only: the nämnder per kommun, one nämnd's
// digests and matched items, a digest as it was sent, search over all
// stored items, and the deadlines to come; and the style sheet they share.
// Each page is a Handler (web/http.h); official_routes() hands them to the
// server. Pages read the store only through bounded queries
// (storage/item_queries.h).

#pragma once

#include <vector>

#include "web/http.h"

namespace omvarld::web {

// GET /static/omvarld.css, /, /namnd/{}, /namnd/{}/digest/{}, /sok,
// /deadlines.
std::vector<Route> official_routes();

// GET /: the nämnder grouped per kommun, each with its latest digest's date.
Response namnder_page(const Request& request, Site& site);

// GET /namnd/{}: the nämnd's latest digests and the items matched in a
// period (?fran=&till=, the last 30 days by default), ?sida=N.
Response namnd_page(const Request& request, Site& site);

// GET /namnd/{}/digest/{}: the digest as it was delivered.
Response digest_page(const Request& request, Site& site);
// /utskick/MESSAGE-ID: "Visa i webbläsaren" in a digest; a 303 to the
// digest's page (the link is written before the digest has an id).
Response digest_by_message_id(const Request& request, Site& site);

// GET /sok?q=&namnd=&fran=&till=&sida=: search over all stored items.
Response search_page(const Request& request, Site& site);

// GET /deadlines: the deadlines from today on, soonest first.
Response deadlines_page(const Request& request, Site& site);

}  // namespace omvarld::web
