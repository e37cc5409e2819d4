// web/coordinator_feedback.cpp — see web/coordinator_feedback.h.

#include "web/coordinator_feedback.h"

#include <chrono>

#include <spdlog/spdlog.h>

#include "core/safe_text.h"
#include "digest/html_escape.h"
#include "digest/report.h"
#include "storage/item_store.h"
#include "web/archive_parts.h"

namespace omvarld::web {

namespace {

std::string namnd_feedback_html(const config::Config& config, const core::NamndId& namnd,
                                const storage::NamndFeedback& feedback) {
  using digest::html_escape;
  std::string html = "<h3>" + html_escape(namnd_name(config, namnd)) + "</h3>\n";
  html += "<p>" + std::to_string(feedback.ja) + " svar Ja, " + std::to_string(feedback.nej) +
          " svar Nej.</p>\n";
  if (!feedback.terms.empty()) {
    html += "<table>\n<caption>Svar per term</caption>\n<thead><tr><th scope=\"col\">Term</th>"
            "<th scope=\"col\">Svar</th></tr></thead>\n<tbody>\n";
    for (const storage::TermVotes& term : feedback.terms) {
      html += "<tr><td>" + html_escape(term.term) + "</td><td>" +
              digest::share_of_nej(term.nej, term.ja + term.nej) + "</td></tr>\n";
    }
    html += "</tbody>\n</table>\n";
  }
  if (!feedback.nej_items.empty()) {
    html += "<p>Nyheter som fick Nej:</p>\n<ul>\n";
    for (const storage::NejItem& item : feedback.nej_items) {
      html += "<li>";
      html += digest::is_web_link(item.item.link)
                  ? "<a href=\"" + html_escape(item.item.link) + "\">" + html_escape(item.item.title) + "</a>"
                  : html_escape(item.item.title);
      std::string terms;
      for (const std::string& term : item.terms) terms += (terms.empty() ? "" : ", ") + term;
      if (!terms.empty()) html += " <span class=\"meta\">(" + html_escape(terms) + ")</span>";
      html += "</li>\n";
    }
    html += "</ul>\n";
  }
  return html;
}

}  // namespace

std::string weekly_feedback_section(Site& site) {
  const config::Config& config = *site.config;
  const core::TimePoint now = site.clock.now();
  const core::TimePoint week_ago = now - std::chrono::hours(24 * 7);
  // The period is half-open and times are whole seconds: up to the end of
  // this second, so an answer given just now shows at once.
  const core::TimePoint end = now + std::chrono::seconds(1);
  std::string body;
  for (const config::NamndConfig& namnd : config.namnder) {
    auto feedback = site.store.namnd_feedback(namnd.id, week_ago, end);
    if (!feedback) {
      spdlog::warn("web: {}", core::safe_log_text(to_string(feedback.error())));
      body += "<p>Svaren för " + digest::html_escape(namnd.id) + " kunde inte läsas.</p>\n";
      continue;
    }
    if (feedback->ja + feedback->nej == 0) continue;
    body += namnd_feedback_html(config, namnd.id, *feedback);
  }
  return "<section aria-labelledby=\"svar\">\n<h2 id=\"svar\">Tjänstepersonernas svar de senaste 7 "
         "dagarna</h2>\n" +
         (body.empty() ? std::string("<p>Inga svar den senaste veckan.</p>\n") : body) + "</section>\n";
}

}  // namespace omvarld::web
