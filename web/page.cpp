// web/page.cpp — see web/page.h.

#include "web/page.h"

#include <algorithm>
#include <string>

#include <spdlog/spdlog.h>

#include "core/safe_text.h"
#include "digest/html_escape.h"

namespace omvarld::web {

std::string render_page(const PageFrame& frame, std::string_view main_html) {
  const std::string title = digest::html_escape(frame.title);
  std::string html;
  html.reserve(main_html.size() + 1024);
  html += "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<title>" + title + " – omvarld</title>\n";
  html += "<link rel=\"stylesheet\" href=\"/static/omvarld.css\">\n</head>\n<body>\n";
  html += "<a class=\"skip\" href=\"#innehall\">Hoppa till innehållet</a>\n";
  html += "<header><nav aria-label=\"Huvudmeny\"><ul>"
          "<li><a href=\"/\">Nämnder</a></li>"
          "<li><a href=\"/sok\">Sök</a></li>"
          "<li><a href=\"/deadlines\">Kommande deadlines</a></li>"
          "<li><a href=\"/samordnare\">För samordnare</a></li>"
          "</ul></nav></header>\n";
  html += "<main id=\"innehall\">\n<h1>" + title + "</h1>\n";
  html += main_html;
  html += "\n</main>\n<footer><p>omvarld – omvärldsbevakning för nämnderna</p></footer>\n";
  html += "</body>\n</html>\n";
  return html;
}

Response html_page(const PageFrame& frame, std::string_view main_html, int status) {
  Response response;
  response.status = status;
  response.body = render_page(frame, main_html);
  return response;
}

Response error_page(int status, std::string_view message) {
  const char* title = status == 404   ? "Sidan finns inte"
                      : status == 405 ? "Det går inte att göra så här"
                      : status == 400 ? "Felaktig begäran"
                      : status == 403 ? "Länken gäller inte"
                      : status == 413 ? "För stor begäran"
                      : status == 429 ? "För många försök"
                                      : "Något gick fel";
  return html_page({title}, "<p>" + digest::html_escape(message) + "</p>", status);
}

Response storage_failure_page(const Error& error, std::string_view message) {
  if (error.code == Errc::kStorageTimeout) {
    // SQLite's words may quote what the visitor sent (a search).
    spdlog::warn("web: {}; answered 503", core::safe_log_text(to_string(error)));
    Response slow = html_page({"Det tog för lång tid"},
                              "<p>Arkivet hann inte svara i tid. Försök igen om en stund. Söker "
                              "du, pröva fler eller mer precisa ord.</p>",
                              503);
    slow.headers.emplace_back("Retry-After", "5");
    return slow;
  }
  if (error.code == Errc::kStorageBusy) {
    spdlog::warn("web: the database was busy (another connection held its write lock); answered 503");
    Response busy = html_page({"Arkivet är upptaget"},
                              "<p>Arkivet är upptaget just nu, försök igen om en stund.</p>", 503);
    busy.headers.emplace_back("Retry-After", "2");
    return busy;
  }
  // SQLite's words may quote what the visitor sent (a search).
  spdlog::error("web: {}", core::safe_log_text(to_string(error)));
  return error_page(500, message);
}

Response too_many_posts(std::chrono::seconds retry_after) {
  Response refused = error_page(
      429, "Du har skickat för många formulär på kort tid. Vänta en stund och försök igen.");
  refused.headers.emplace_back("Retry-After",
                               std::to_string(std::max<long long>(1, retry_after.count())));
  return refused;
}

}  // namespace omvarld::web
