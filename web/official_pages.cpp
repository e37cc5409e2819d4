// web/official_pages.cpp — the routes of web/official_pages.h and the
// front page; the other pages are in namnd_pages.cpp, search_page.cpp and
// deadlines_page.cpp.

#include "web/official_pages.h"

#include <algorithm>
#include <string>

#include "digest/html_escape.h"
#include "digest/local_calendar.h"
#include "storage/item_store.h"
#include "web/archive_parts.h"
#include "web/page.h"
#include "web/stylesheet.h"

namespace omvarld::web {

std::vector<Route> official_routes() {
  return {
      {"GET", "/static/omvarld.css", stylesheet_response},
      {"GET", "/", namnder_page},
      {"GET", "/namnd/{}", namnd_page},
      {"GET", "/namnd/{}/digest/{}", digest_page},
      {"GET", "/utskick/{}", digest_by_message_id},
      {"GET", "/sok", search_page},
      {"GET", "/deadlines", deadlines_page},
  };
}

namespace {

// The kommun part of a nämnd id ("linkoping" of "linkoping/utbildning").
std::string kommun_of(const core::NamndId& namnd) { return namnd.substr(0, namnd.find('/')); }

std::string kommun_heading(const config::Config& config, const core::NamndId& namnd) {
  const config::KommunConfig* kommun = config.find_kommun(namnd);
  return kommun != nullptr && !kommun->name.empty() ? kommun->name : kommun_of(namnd);
}

}  // namespace

Response namnder_page(const Request& /*request*/, Site& site) {
  const config::Config& config = *site.config;
  std::string html;
  if (config.namnder.empty()) {
    html += "<p>Inga nämnder är inställda ännu.</p>\n";
  }
  // Per kommun in the order the config first names it; the config holds
  // a few dozen nämnder, so the quadratic walk stays small.
  std::vector<std::string> kommuner;
  for (const config::NamndConfig& namnd : config.namnder) {
    const std::string kommun = kommun_of(namnd.id);
    if (std::find(kommuner.begin(), kommuner.end(), kommun) == kommuner.end()) {
      kommuner.push_back(kommun);
    }
  }
  for (const std::string& kommun : kommuner) {
    std::string list;
    std::string heading;
    for (const config::NamndConfig& namnd : config.namnder) {
      if (kommun_of(namnd.id) != kommun) continue;
      if (heading.empty()) heading = kommun_heading(config, namnd.id);
      list += "<li><a href=\"" + digest::html_escape(namnd_path(namnd.id)) + "\">" +
              digest::html_escape(namnd_name(config, namnd.id)) + "</a>";
      auto latest = site.store.last_delivery(namnd.id);
      if (!latest) return archive_unreadable(latest.error());
      list += "<br><span class=\"meta\">";
      list += *latest ? "Senaste utskick: <time>" +
                            digest::format_local_date(**latest, config.daemon.timezone) + "</time>"
                      : std::string("Inget utskick ännu");
      list += "</span></li>\n";
    }
    html += "<h2>" + digest::html_escape(heading) + "</h2>\n<ul class=\"namnder\">\n" + list +
            "</ul>\n";
  }
  return html_page({"Nämnder"}, html);
}

}  // namespace omvarld::web
