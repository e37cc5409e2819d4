// web/page.h
//
// The frame every HTML page of the archive shares: Swedish, semantic
// landmarks (a skip link, header with navigation, main, footer), the one
// style sheet at /static/omvarld.css and no script, so the strict
// Content-Security-Policy the server sends holds for every page. A page
// writes only its <main> content; everything from outside in it goes
// through digest::html_escape first (digest/html_escape.h).

#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "web/http.h"

namespace omvarld::web {

struct PageFrame {
  std::string title;  // plain text: the <title> (with " – omvarld") and the <h1>
};

// The whole document around `main_html` (already safe HTML).
std::string render_page(const PageFrame& frame, std::string_view main_html);

// An HTML Response of `status` for a page.
Response html_page(const PageFrame& frame, std::string_view main_html, int status = 200);

// A plain Swedish error page ("Sidan finns inte", ...) for `status`.
Response error_page(int status, std::string_view message);

// What a page answers when the store fails: 503 with Retry-After and
// "Arkivet är upptaget just nu" when another connection held the database's
// write lock past the web's short busy timeout (kStorageBusy; a warning in
// the log); 503 with "Det tog för lång tid", Retry-After and advice to
// search with more precise words when the page's reads ran past their
// time limit (kStorageTimeout, a warning);
// else 500 with `message` (the error logged).
Response storage_failure_page(const Error& error, std::string_view message);

// 429 for a POST over its budget, with Retry-After (whole seconds, at least 1).
Response too_many_posts(std::chrono::seconds retry_after);

}  // namespace omvarld::web
