// web/feedback_pages.h
//
// Where an official's "Relevant? Ja / Nej" link in a digest leads
// (web/feedback_token.h makes the links):
//   GET  /feedback?t=TOKEN&v=nej  a confirmation page: the item's title, the
//                                 question, and a button that POSTs t and v.
//                                 A GET never records anything: link
//                                 scanners (Outlook Safe Links) fetch every
//                                 link in a mail, and must not vote.
//   POST /feedback                checks the token and records the answer
//                                 (storage/feedback_votes.h); answering again
//                                 replaces it.
// A forged, changed or garbled token gets 403 "Länken gäller inte"; an item
// or nämnd that is gone gets 404. The token is the credential: it binds
// the nämnd, the item and the recipient, so there is nothing to steal from
// a form beyond what the link itself holds.

#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "storage/feedback_votes.h"
#include "web/http.h"

namespace omvarld::web {

// The `v` parameter: exactly "ja" or "nej"; nullopt for anything else
// ("Ja", "nej ", "", "yes").
std::optional<storage::Vote> parse_vote(std::string_view text);

// GET and POST /feedback.
std::vector<Route> feedback_routes();

}  // namespace omvarld::web
