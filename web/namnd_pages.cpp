// web/namnd_pages.cpp — GET /namnd/{} and /namnd/{}/digest/{}
// (web/official_pages.h).

#include <charconv>
#include <string>
#include <string_view>
#include <vector>

#include "app/time_format.h"
#include "core/spelling.h"
#include "digest/html_escape.h"
#include "digest/local_calendar.h"
#include "digest/why.h"
#include "storage/item_store.h"
#include "web/archive_parts.h"
#include "web/official_pages.h"
#include "web/page.h"

namespace omvarld::web {
namespace {

// The digests a nämnd page lists: a year of weekly digests and then some.
constexpr int kDigestsShown = 60;
// The period a nämnd page shows when the query names none.
constexpr int kDefaultDays = 30;

// 404 "Nämnden finns inte", with the closest configured id when the
// written one looks like a typo of it.
Response unknown_namnd(const config::Config& config, std::string_view written) {
  std::vector<std::string_view> ids;
  ids.reserve(config.namnder.size());
  for (const config::NamndConfig& namnd : config.namnder) ids.push_back(namnd.id);
  std::string html = "<p>Det finns ingen nämnd med id ”" + digest::html_escape(written) + "”.</p>\n";
  if (auto closest = core::closest_spelling(written, ids)) {
    const core::NamndId id(*closest);
    html += "<p>Menade du <a href=\"" + digest::html_escape(namnd_path(id)) + "\">" +
            digest::html_escape(namnd_name(config, id)) + "</a>?</p>\n";
  }
  html += "<p><a href=\"/\">Alla nämnder</a></p>\n";
  return html_page({"Nämnden finns inte"}, html, 404);
}

std::string digests_html(const std::vector<storage::SentDigest>& digests,
                         const config::Config& config) {
  if (digests.empty()) return "<p>Inga utskick ännu.</p>\n";
  std::string html = "<ul class=\"digests\">\n";
  for (const storage::SentDigest& digest : digests) {
    html += "<li><a href=\"" +
            digest::html_escape(namnd_path(digest.namnd) + "/digest/" + std::to_string(digest.id)) +
            "\">" + digest::html_escape(digest.subject.empty() ? "(utan ämne)" : digest.subject) +
            "</a><br><span class=\"meta\"><time>" +
            digest::format_local_date(digest.delivered_at, config.daemon.timezone) + "</time> · " +
            std::to_string(digest.items) + (digest.items == 1 ? " nyhet" : " nyheter") +
            "</span></li>\n";
  }
  return html + "</ul>\n";
}

std::string period_form(std::string_view action, core::Date from, core::Date to) {
  return "<form class=\"filters\" method=\"get\" action=\"" + digest::html_escape(action) +
         "\">\n<div><label for=\"fran\">Från och med</label>"
         "<input type=\"date\" id=\"fran\" name=\"fran\" value=\"" + app::iso_day(from) + "\"></div>\n"
         "<div><label for=\"till\">Till och med</label>"
         "<input type=\"date\" id=\"till\" name=\"till\" value=\"" + app::iso_day(to) + "\"></div>\n"
         "<div><button type=\"submit\">Visa</button></div>\n</form>\n";
}

}  // namespace

Response namnd_page(const Request& request, Site& site) {
  const config::Config& config = *site.config;
  const std::string& id = request.path_params.at(0);
  if (config.find_namnd(id) == nullptr) return unknown_namnd(config, id);

  auto period = read_period(request);
  if (!period) return error_page(400, period.error());
  auto page = read_page_number(request);
  if (!page) return error_page(400, page.error());
  const core::Date today = today_in(site);
  const core::Date to = period->to.value_or(today);
  const core::Date from = period->from.value_or(to - std::chrono::days(kDefaultDays - 1));
  if (from > to) return error_page(400, kBackwardsPeriod);

  auto digests = site.store.latest_digests(id, kDigestsShown);
  if (!digests) return archive_unreadable(digests.error());
  storage::MatchedItemsQuery query{id, start_of_day(from, config.daemon.timezone),
                                   start_of_day(to + std::chrono::days(1), config.daemon.timezone),
                                   (*page - 1) * kItemsPerPage, kItemsPerPage + 1};
  auto matched = site.store.matched_items(query);
  if (!matched) return archive_unreadable(matched.error());
  const bool has_next = matched->size() > static_cast<std::size_t>(kItemsPerPage);
  if (has_next) matched->pop_back();

  const std::string path = namnd_path(id);
  std::string html = "<h2>Utskick</h2>\n" + digests_html(*digests, config);
  html += "<h2 id=\"traffar\">Träffar</h2>\n" + period_form(path, from, to);
  if (matched->empty()) {
    html += "<p>Inga nyheter matchade under perioden.</p>\n";
  } else {
    html += "<ul class=\"items\">\n";
    for (const storage::MatchedItem& entry : *matched) {
      html += item_html(entry.stored, config, today,
                        digest::why_words(entry.match.terms, entry.match.found_words));
    }
    html += "</ul>\n";
  }
  html += pager_html(path, {{"fran", app::iso_day(from)}, {"till", app::iso_day(to)}}, *page,
                     has_next);
  return html_page({namnd_name(config, id)}, html);
}

Response digest_by_message_id(const Request& request, Site& site) {
  auto sent = site.store.sent_digest_with_message_id(request.path_params.at(0));
  if (!sent) return archive_unreadable(sent.error());
  if (!*sent) {
    return error_page(404, "Det utskicket finns inte i arkivet (än): länken gäller först när "
                           "utskicket har skickats.");
  }
  Response response;
  response.status = 303;
  response.headers.emplace_back("Location", namnd_path((*sent)->namnd) + "/digest/" +
                                                std::to_string((*sent)->id));
  return response;
}

Response digest_page(const Request& request, Site& site) {
  const config::Config& config = *site.config;
  const std::string& id = request.path_params.at(0);
  const std::string& digest_text = request.path_params.at(1);
  std::int64_t digest_id = 0;
  const char* end = digest_text.data() + digest_text.size();
  const auto [stop, error] = std::from_chars(digest_text.data(), end, digest_id);
  if (error != std::errc() || stop != end || digest_id <= 0) {
    return error_page(404, "Det utskicket finns inte.");
  }
  auto sent = site.store.sent_digest(digest_id);
  if (!sent) return archive_unreadable(sent.error());
  // Another nämnd's digest is not this nämnd's, whatever its id.
  if (!*sent || (*sent)->namnd != id) return error_page(404, "Det utskicket finns inte.");
  const storage::SentDigest& digest = **sent;

  if (digest.html_body && !digest.html_body->empty()) {
    // The email as it was sent, as its own document: its look is inline
    // styles, which the archive's CSP forbids, and copying it into the frame
    // would need them. This response's own CSP lets those styles (and
    // https images) through and nothing else: no script, no form, no
    // frame; `sandbox` makes the document a unique origin on top.
    Response response;
    response.body = *digest.html_body;
    response.headers.emplace_back(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; sandbox");
    return response;
  }
  const std::string title = digest.subject.empty() ? "Utskick" : digest.subject;
  std::string html = "<p class=\"lead\">Skickat <time>" +
                     digest::format_local_date(digest.delivered_at, config.daemon.timezone) +
                     "</time> till " + digest::html_escape(namnd_name(config, id)) + ".</p>\n";
  if (digest.text_body && !digest.text_body->empty()) {
    html += "<pre class=\"digest-text\">" + digest::html_escape(*digest.text_body) + "</pre>\n";
  } else {
    html += "<p class=\"notice\">Det här utskicket kan inte visas: det skickades innan omvarld "
            "började spara utskickens innehåll.</p>\n";
  }
  html += "<p><a href=\"" + digest::html_escape(namnd_path(id)) + "\">Tillbaka till " +
          digest::html_escape(namnd_name(config, id)) + "</a></p>\n";
  return html_page({title}, html);
}

}  // namespace omvarld::web
