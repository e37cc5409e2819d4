// web/search_page.cpp — GET /sok (web/official_pages.h): search over all
// stored items, a word found in its inflections and compounds as a filter
// term finds it (app/item_search.h), narrowed to a nämnd and a period.

#include <string>
#include <string_view>

#include "app/item_search.h"
#include "app/runtime.h"
#include "app/time_format.h"
#include "digest/html_escape.h"
#include "storage/item_store.h"
#include "web/archive_parts.h"
#include "web/official_pages.h"
#include "web/page.h"

namespace omvarld::web {
namespace {

// What a person types in a search box; more is a paste gone wrong.
constexpr std::size_t kMostQueryBytes = 200;

std::string date_value(const std::optional<core::Date>& day) {
  return day ? app::iso_day(*day) : std::string();
}

std::string search_form(const config::Config& config, std::string_view text,
                        std::string_view namnd, const Period& period) {
  std::string html =
      "<form class=\"filters\" method=\"get\" action=\"/sok\" role=\"search\">\n"
      "<div><label for=\"q\">Sökord</label><input type=\"search\" id=\"q\" name=\"q\" value=\"" +
      digest::html_escape(text) + "\"></div>\n";
  html += "<div><label for=\"namnd\">Nämnd</label><select id=\"namnd\" name=\"namnd\">"
          "<option value=\"\">Alla nämnder</option>";
  for (const config::NamndConfig& each : config.namnder) {
    html += "<option value=\"" + digest::html_escape(each.id) + "\"" +
            (each.id == namnd ? " selected" : "") + ">" +
            digest::html_escape(namnd_name(config, each.id)) + "</option>";
  }
  html += "</select></div>\n";
  html += "<div><label for=\"fran\">Från och med</label><input type=\"date\" id=\"fran\" "
          "name=\"fran\" value=\"" + date_value(period.from) + "\"></div>\n";
  html += "<div><label for=\"till\">Till och med</label><input type=\"date\" id=\"till\" "
          "name=\"till\" value=\"" + date_value(period.to) + "\"></div>\n";
  return html + "<div><button type=\"submit\">Sök</button></div>\n</form>\n";
}

}  // namespace

Response search_page(const Request& request, Site& site) {
  const config::Config& config = *site.config;
  const std::string text = request.param("q").value_or("");
  const std::string namnd = request.param("namnd").value_or("");
  if (text.size() > kMostQueryBytes) {
    return error_page(400, "Sökningen är för lång: skriv högst " +
                               std::to_string(kMostQueryBytes) + " tecken.");
  }
  if (!namnd.empty() && config.find_namnd(namnd) == nullptr) {
    return error_page(400, "Nämnden ”" + namnd + "” finns inte. Välj en nämnd i listan.");
  }
  auto period = read_period(request);
  if (!period) return error_page(400, period.error());
  auto page = read_page_number(request);
  if (!page) return error_page(400, page.error());

  std::string html = search_form(config, text, namnd, *period);
  if (text.empty()) {
    html += "<p>Skriv ett eller flera ord. Ett ord hittas också i andra böjningar och "
            "sammansättningar, som i nämndernas filter: äldreomsorg hittar äldreomsorgen.</p>\n";
    return html_page({"Sök"}, html);
  }

  storage::SearchQuery query;
  query.text = text;
  query.forms = app::search_forms(app::dictionaries());
  if (!namnd.empty()) query.namnd = namnd;
  if (period->from) query.since = start_of_day(*period->from, config.daemon.timezone);
  if (period->to) {
    query.until = start_of_day(*period->to + std::chrono::days(1), config.daemon.timezone);
  }
  query.offset = (*page - 1) * kItemsPerPage;
  query.limit = kItemsPerPage + 1;
  auto hits = site.store.search(query);
  if (!hits && hits.error().code == Errc::kInvalidQuery) {
    html += "<p class=\"notice\">Sökningen ”" + digest::html_escape(text) +
            "” har inget ord att söka efter. Skriv ett ord, gärna utan tecken runt.</p>\n";
    return html_page({"Sök"}, html, 400);
  }
  if (!hits) return archive_unreadable(hits.error());
  const core::Date today = today_in(site);
  const bool has_next = hits->size() > static_cast<std::size_t>(kItemsPerPage);
  if (has_next) hits->pop_back();

  html += "<h2>Resultat för ”" + digest::html_escape(text) + "”</h2>\n";
  if (hits->empty()) {
    html += "<p>Inga nyheter matchade.</p>\n";
  } else {
    html += "<ul class=\"items\">\n";
    for (const storage::SearchHit& hit : *hits) {
      html += item_html(hit.stored, config, today, {},
                        "<p class=\"snippet\">" + digest::html_escape(hit.snippet) + "</p>\n");
    }
    html += "</ul>\n";
  }
  // Only the newest matches are ranked (storage::kSearchCandidates): on the
  // last page they reach, say so, and how to see older ones.
  static_assert(storage::kSearchCandidates == 5000, "the notice below says 5 000");
  if (query.offset + kItemsPerPage >= query.candidates) {
    html += "<p class=\"notice\">Sökningen visar de bästa bland de 5 000 senaste träffarna. "
            "Välj en period eller en nämnd för att se äldre nyheter.</p>\n";
  }
  html += pager_html("/sok",
                     {{"q", text},
                      {"namnd", namnd},
                      {"fran", date_value(period->from)},
                      {"till", date_value(period->to)}},
                     *page, has_next);
  return html_page({"Sök"}, html);
}

}  // namespace omvarld::web
