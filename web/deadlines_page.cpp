// web/deadlines_page.cpp — GET /deadlines (web/official_pages.h): the
// deadlines from today on, across nämnder, soonest first.

#include <string>

#include "digest/html_escape.h"
#include "storage/item_store.h"
#include "web/archive_parts.h"
#include "web/official_pages.h"
#include "web/page.h"

namespace omvarld::web {
namespace {

// A phone's worth of weeks ahead; the calendar feeds carry the rest.
constexpr int kMostDeadlines = 200;

std::string namnder_html(const config::Config& config, const std::vector<core::NamndId>& ids) {
  std::string html = "<p class=\"meta\">Berör: ";
  bool first = true;
  for (const core::NamndId& id : ids) {
    if (!first) html += ", ";
    first = false;
    // A nämnd removed from the config since: its name, no link.
    if (config.find_namnd(id) != nullptr) {
      html += "<a href=\"" + digest::html_escape(namnd_path(id)) + "\">" +
              digest::html_escape(namnd_name(config, id)) + "</a>";
    } else {
      html += digest::html_escape(id);
    }
  }
  return html + "</p>\n";
}

}  // namespace

Response deadlines_page(const Request& /*request*/, Site& site) {
  const config::Config& config = *site.config;
  const core::Date today = today_in(site);
  auto upcoming = site.store.upcoming_deadlines(today, kMostDeadlines);
  if (!upcoming) return archive_unreadable(upcoming.error());
  std::string html;
  if (upcoming->empty()) {
    html += "<p>Inga kommande deadlines just nu.</p>\n";
  } else {
    html += "<p class=\"lead\">Sista dagar från i dag och framåt, den närmaste först.</p>\n"
            "<ul class=\"items deadlines\">\n";
    for (const storage::DeadlineItem& entry : *upcoming) {
      html += item_html(entry.stored, config, today, {}, namnder_html(config, entry.namnder));
    }
    html += "</ul>\n";
    if (upcoming->size() == static_cast<std::size_t>(kMostDeadlines)) {
      html += "<p>Listan visar de " + std::to_string(kMostDeadlines) + " närmaste.</p>\n";
    }
  }
  return html_page({"Kommande deadlines"}, html);
}

}  // namespace omvarld::web
