// web/feedback_pages.cpp — see web/feedback_pages.h.

#include "web/feedback_pages.h"

#include <spdlog/spdlog.h>

#include <string>
#include <utility>
#include <variant>

#include "digest/html_escape.h"
#include "storage/item_store.h"
#include "web/feedback_key.h"
#include "web/feedback_token.h"
#include "web/page.h"

namespace omvarld::web {
namespace {

// What a valid request is about, or the page that says why it is not.
struct Asked {
  std::string token;
  storage::Vote vote = storage::Vote::kNej;
  FeedbackTicket ticket;
  std::string namnd_name;
  storage::VotedItem item;
};

Response unavailable(const Error& error) {
  return storage_failure_page(error, "Svaret kan inte tas emot just nu. Försök igen senare.");
}

// Checks, in order: the answer, the token, the nämnd, the item. Reads
// only; both the GET and the POST start here.
std::variant<Asked, Response> check(const Request& request, Site& site) {
  const auto vote = parse_vote(request.param("v").value_or(""));
  if (!vote) {
    return error_page(400,
                      "Länken är ofullständig: svaret ska vara ja eller nej. "
                      "Använd länken i utskicket som den är.");
  }
  const std::string token = request.param("t").value_or("");
  // Only loaded: without the file no link can be valid, and a visitor
  // must not make the daemon create its signing key.
  auto key = load_feedback_key(site.state_directory);
  if (!key) return unavailable(key.error());
  auto ticket = *key ? verify_feedback_token(**key, token) : std::nullopt;
  if (!ticket) {
    return error_page(403,
                      "Länken är ändrad, ofullständig eller inte gjord för den här "
                      "tjänsten. Använd länken i utskicket som den är.");
  }
  const config::NamndConfig* namnd = site.config->find_namnd(ticket->namnd);
  if (!namnd) return error_page(404, "Nämnden som nyheten skickades till finns inte längre.");
  auto item = site.store.voted_item(ticket->item_id);
  if (!item) return unavailable(item.error());
  if (!*item) return error_page(404, "Nyheten finns inte längre i arkivet.");
  return Asked{token, *vote, std::move(*ticket), namnd->name.empty() ? namnd->id : namnd->name,
               std::move(**item)};
}

// The item's title, a link to it when it has a web link.
std::string item_html(const storage::VotedItem& item) {
  const std::string title =
      digest::html_escape(item.title.empty() ? std::string("(utan rubrik)") : item.title);
  if (!digest::is_web_link(item.link)) return "<p>" + title + "</p>\n";
  return "<p><a href=\"" + digest::html_escape(item.link) + "\">" + title + "</a></p>\n";
}

Response confirm(const Request& request, Site& site) {
  auto checked = check(request, site);
  if (auto* refused = std::get_if<Response>(&checked)) return std::move(*refused);
  const Asked& asked = std::get<Asked>(checked);
  const bool nej = asked.vote == storage::Vote::kNej;
  std::string html = item_html(asked.item);
  html += "<form method=\"post\" action=\"/feedback\">\n";
  html += "<input type=\"hidden\" name=\"t\" value=\"" + digest::html_escape(asked.token) + "\">\n";
  html +=
      std::string("<input type=\"hidden\" name=\"v\" value=\"") + (nej ? "nej" : "ja") + "\">\n";
  html += std::string("<button type=\"submit\">") +
          (nej ? "Skicka: Inte relevant" : "Skicka: Relevant") + "</button>\n</form>\n";
  html +=
      "<p>Svaret sparas först när du trycker på knappen. Samordnarna ser svaren och "
      "använder dem för att göra bevakningen bättre.</p>\n";
  return html_page({"Var den här nyheten relevant för " + asked.namnd_name + "?"}, html);
}

Response record(const Request& request, Site& site) {
  auto checked = check(request, site);
  if (auto* refused = std::get_if<Response>(&checked)) return std::move(*refused);
  const Asked& asked = std::get<Asked>(checked);
  // The budget is the recipient's: behind the reverse proxy every official
  // has the same address (the server charged that one already).
  if (request.charge_post) {
    if (auto wait = request.charge_post(asked.ticket.recipient)) return too_many_posts(*wait);
  }
  auto recorded = site.store.record_vote({asked.ticket.namnd, asked.ticket.item_id,
                                          asked.ticket.recipient, asked.vote, site.clock.now()});
  if (!recorded) return unavailable(recorded.error());
  // Removed by retention between the check and the write.
  if (!*recorded) return error_page(404, "Nyheten finns inte längre i arkivet.");
  const bool nej = asked.vote == storage::Vote::kNej;
  std::string html = item_html(asked.item);
  html += "<p>Du svarade att nyheten " + std::string(nej ? "inte var" : "var") + " relevant för " +
          digest::html_escape(asked.namnd_name) + ".</p>\n";
  html +=
      "<p>Ändrat dig? Använd den andra länken under nyheten i utskicket; det senaste svaret "
      "gäller.</p>\n";
  return html_page({"Tack! Ditt svar är sparat."}, html);
}

}  // namespace

std::optional<storage::Vote> parse_vote(std::string_view text) {
  if (text == "ja") return storage::Vote::kJa;
  if (text == "nej") return storage::Vote::kNej;
  return std::nullopt;
}

std::vector<Route> feedback_routes() {
  return {{"GET", "/feedback", confirm}, {"POST", "/feedback", record}};
}

}  // namespace omvarld::web
