// web/coordinator_pages.cpp — see web/coordinator_pages.h.

#include "web/coordinator_pages.h"

#include <charconv>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "app/filter_trial.h"
#include "app/runtime.h"
#include "app/source_health.h"
#include "app/time_format.h"
#include "core/failure_kind.h"
#include "digest/html_escape.h"
#include "digest/why.h"
#include "storage/item_store.h"
#include "web/coordinator_feedback.h"
#include "web/page.h"
#include "web/week_chart.h"

namespace omvarld::web {

namespace {

using digest::html_escape;

std::string namnd_name(const config::NamndConfig& namnd) {
  return namnd.name.empty() ? namnd.id : namnd.name + " (" + namnd.id + ")";
}

std::string count(std::int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// A link as an <a> only when it is one a browser may open; else its text.
std::string link_or_text(const std::string& link, const std::string& text) {
  if (!digest::is_web_link(link)) return html_escape(text);
  return "<a href=\"" + html_escape(link) + "\">" + html_escape(text) + "</a>";
}

// Why a source fails, as a coordinator says it (docs/reference.md,
// "Source failure kinds"); the technical line goes beside it.
std::string failure_in_words(std::string_view kind, long http_status) {
  const auto parsed = core::parse_failure_kind(kind);
  if (!parsed) return "Hämtningen misslyckades";
  switch (*parsed) {
    case core::FailureKind::kDns: return "Serverns namn går inte att slå upp";
    case core::FailureKind::kConnect: return "Det går inte att ansluta till servern";
    case core::FailureKind::kTls: return "Den säkra anslutningen (certifikatet) godtogs inte";
    case core::FailureKind::kTimeout: return "Servern svarade inte i tid";
    case core::FailureKind::kTooLarge: return "Svaret var för stort";
    case core::FailureKind::kTooManyRedirects:
      return "Adressen skickar vidare utan att någonsin komma fram";
    case core::FailureKind::kHttpStatus:
      return http_status ? "Servern svarade med felkod " + std::to_string(http_status)
                         : std::string("Servern svarade med ett fel");
    case core::FailureKind::kSchemeNotAllowed: return "Adressen är inte en tillåten webbadress";
    case core::FailureKind::kFile: return "Filen går inte att läsa";
    case core::FailureKind::kNotAFeed: return "Svaret är inget flöde, kanske en vanlig webbsida";
    case core::FailureKind::kProfile:
      return "Sidan gav inga nyheter med sin profil – den har kanske gjorts om";
    case core::FailureKind::kJson: return "Svaret från tjänsten saknar användbara nyheter";
    case core::FailureKind::kImap: return "E-postlådan går inte att läsa";
    case core::FailureKind::kNewsletter: return "Ett nyhetsbrev gick inte att läsa";
    case core::FailureKind::kPartial: return "Bara en del kunde läsas; det som lästes är sparat";
    case core::FailureKind::kInternal: return "Ett fel i omvarld när källan lästes";
    case core::FailureKind::kCrash: return "omvarld stannade när källan lästes; den väntar en tid";
    case core::FailureKind::kStorage: return "Databasen kunde inte spara hämtningen";
    case core::FailureKind::kOther: break;
  }
  return "Hämtningen misslyckades";
}

Response storage_error(const Error& error) {
  return storage_failure_page(error, "Databasen gick inte att läsa. Försök igen om en stund.");
}

// The failing, silent and moved sources, or a line that all is well.
Result<std::string> health_section(Site& site, const config::Config& config,
                                   core::TimePoint now) {
  auto statuses = site.store.source_status();
  if (!statuses) return unexpected<Error>(statuses.error());
  auto states = site.store.fetch_states();
  if (!states) return unexpected<Error>(states.error());
  std::map<core::SourceId, const storage::SourceFetchState*> state_of;
  for (const storage::SourceFetchState& state : *states) state_of[state.id] = &state;
  const std::string& zone = config.daemon.timezone;
  const app::SourceHealth health = app::source_health(config, *statuses, now);

  std::string out = "<section aria-labelledby=\"kallor\">\n<h2 id=\"kallor\">Källornas hälsa</h2>\n";
  out += "<h3>Källor med fel</h3>\n";
  if (health.failing.empty()) out += "<p>Alla källor hämtas utan fel.</p>\n";
  else out += "<ul>\n";
  for (const digest::FailingSource& source : health.failing) {
    const auto state = state_of.find(source.source);
    const std::string kind = state == state_of.end() ? "" : state->second->failure_kind;
    const long http_status = state == state_of.end() ? 0 : state->second->http_status;
    out += "<li><strong>" + html_escape(source.name) + "</strong>: " +
           html_escape(failure_in_words(kind, http_status)) + ". " +
           count(source.streak, "misslyckad hämtning", "misslyckade hämtningar") +
           (source.streak > 1 ? " i rad" : "");
    if (source.failing_since) out += ", sedan " + app::local_minute(*source.failing_since, zone);
    out += ".";
    if (!source.last_error.empty()) {
      out += "<br><span class=\"tekniskt\">Tekniskt: " + html_escape(source.last_error) + "</span>";
    }
    out += "</li>\n";
  }
  if (!health.failing.empty()) out += "</ul>\n";

  out += "<h3>Tysta källor</h3>\n";
  if (health.silent.empty()) out += "<p>Alla källor har gett nya nyheter.</p>\n";
  else out += "<ul>\n";
  for (const digest::SilentSource& source : health.silent) {
    out += "<li><strong>" + html_escape(source.name) + "</strong>: " +
           (source.last_new_item ? "senaste nya nyhet " + app::local_day(*source.last_new_item, zone)
                                 : std::string("aldrig någon nyhet")) +
           "</li>\n";
  }
  if (!health.silent.empty()) out += "</ul>\n";

  const std::vector<app::MovedSource> moved = app::moved_sources(config, *states);
  out += "<h3>Källor som har flyttat</h3>\n";
  if (moved.empty()) out += "<p>Ingen källa har flyttat.</p>\n";
  else out += "<ul>\n";
  for (const app::MovedSource& source : moved) {
    out += "<li><strong>" + html_escape(source.name) + "</strong> hämtas nu från " +
           link_or_text(source.to, source.to) + " i stället för " + html_escape(source.from) +
           ". Ändra adressen i konfigurationen.</li>\n";
  }
  if (!moved.empty()) out += "</ul>\n";
  return out + "</section>\n";
}

// Each nämnd's chart over the last kChartWeeks weeks.
Result<std::string> trend_section(Site& site, const config::Config& config, core::TimePoint now) {
  const core::TimePoint first_week = week_start(now) - std::chrono::days(7) * (kChartWeeks - 1);
  auto counts = site.store.weekly_matches(first_week, kChartWeeks);
  if (!counts) return unexpected<Error>(counts.error());
  std::map<core::NamndId, std::map<int, std::int64_t>> by_namnd;
  for (const storage::WeekMatches& week : *counts) by_namnd[week.namnd][week.week] = week.matches;

  std::string out = "<section aria-labelledby=\"trend\">\n<h2 id=\"trend\">Träffar per vecka</h2>\n"
                    "<p>De senaste " + std::to_string(kChartWeeks) +
                    " veckorna, den här veckan sist (ljusare: veckan pågår).</p>\n";
  int index = 0;
  for (const config::NamndConfig& namnd : config.namnder) {
    WeekChart chart{namnd_name(namnd), {}, "diagram-" + std::to_string(++index)};
    const auto& weeks = by_namnd[namnd.id];
    for (int week = 0; week < kChartWeeks; ++week) {
      const auto found = weeks.find(week);
      chart.weeks.push_back({first_week + std::chrono::days(7) * week,
                             found == weeks.end() ? 0 : found->second});
    }
    out += "<h3>" + html_escape(chart.namnd_name) + "</h3>\n" + render_week_chart(chart);
  }
  if (config.namnder.empty()) out += "<p>Inga nämnder i konfigurationen.</p>\n";
  return out + "</section>\n";
}

}  // namespace

Response coordinator_page(const Request& /*request*/, Site& site) {
  const std::shared_ptr<const config::Config> config = site.config;
  const core::TimePoint now = site.clock.now();
  auto health = health_section(site, *config, now);
  if (!health) return storage_error(health.error());
  auto trend = trend_section(site, *config, now);
  if (!trend) return storage_error(trend.error());
  std::string main = "<p>Hur filtren och källorna mår. <a href=\"/samordnare/prova\">Prova ett "
                     "filter</a> på nyheterna som redan har kommit in.</p>\n";
  main += *health + *trend;
  // The week's "Nej" votes (web/coordinator_feedback.h), when there are any.
  main += weekly_feedback_section(site);
  return html_page({"För samordnare"}, main);
}

namespace {

// The form's fields as the coordinator filled them in, and what was wrong.
struct TrialForm {
  std::optional<std::string> text;  // nullopt: the form not sent yet
  app::TrialKind kind = app::TrialKind::kTerm;
  std::optional<core::NamndId> namnd;
  int days = 30;
  std::string text_error;  // safe HTML, beside the field
  std::string days_error;
};

constexpr int kMaxDays = 365;

std::optional<int> parse_days(const std::string& text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (value < 1 || value > kMaxDays) return std::nullopt;
  return value;
}

std::string selected(bool yes) { return yes ? " selected" : ""; }
std::string checked(bool yes) { return yes ? " checked" : ""; }

std::string error_beside(const std::string& id, const std::string& html) {
  return html.empty() ? std::string() : "<p id=\"" + id + "\" class=\"fel\">" + html + "</p>\n";
}

std::string trial_form(const TrialForm& form, const config::Config& config) {
  const bool text_bad = !form.text_error.empty();
  const bool days_bad = !form.days_error.empty();
  std::string out = "<form method=\"get\" action=\"/samordnare/prova\">\n";
  out += "<p><label for=\"filter\">Ord eller fråga</label><br>\n<input id=\"filter\" name=\"filter\" "
         "type=\"text\" maxlength=\"" + std::to_string(app::kMaxTrialText) + "\" value=\"" +
         html_escape(form.text.value_or("")) + "\" aria-describedby=\"filter-hjalp" +
         (text_bad ? " filter-fel" : "") + "\"" + (text_bad ? " aria-invalid=\"true\"" : "") +
         "></p>\n";
  out += error_beside("filter-fel", form.text_error);
  out += "<p id=\"filter-hjalp\">Skrivs som i konfigurationen: <code>äldreomsorg</code>, "
         "<code>skol*</code>, <code>\"social ekonomi\"</code>. En fråga kan dessutom använda "
         "OCH, ELLER, INTE och parenteser.</p>\n";
  const bool query = form.kind == app::TrialKind::kQuery;
  out += "<fieldset><legend>Det jag skrev är</legend>\n"
         "<input type=\"radio\" id=\"sort-term\" name=\"sort\" value=\"term\"" + checked(!query) +
         "> <label for=\"sort-term\">ett ord eller en fras (term)</label><br>\n"
         "<input type=\"radio\" id=\"sort-fraga\" name=\"sort\" value=\"fraga\"" + checked(query) +
         "> <label for=\"sort-fraga\">en fråga (query)</label>\n</fieldset>\n";
  out += "<p><label for=\"namnd\">Som om det stod i nämndens filter</label><br>\n"
         "<select id=\"namnd\" name=\"namnd\">\n<option value=\"\"" + selected(!form.namnd) +
         ">Ingen nämnd: nyheter från alla källor</option>\n";
  for (const config::NamndConfig& namnd : config.namnder) {
    out += "<option value=\"" + html_escape(namnd.id) + "\"" +
           selected(form.namnd == namnd.id) + ">" + html_escape(namnd_name(namnd)) + "</option>\n";
  }
  out += "</select></p>\n";
  out += "<p><label for=\"dagar\">Senaste antal dagar (1–" + std::to_string(kMaxDays) +
         ")</label><br>\n<input id=\"dagar\" name=\"dagar\" type=\"number\" min=\"1\" max=\"" +
         std::to_string(kMaxDays) + "\" value=\"" + std::to_string(form.days) + "\"" +
         (days_bad ? " aria-invalid=\"true\" aria-describedby=\"dagar-fel\"" : "") + "></p>\n";
  out += error_beside("dagar-fel", form.days_error);
  return out + "<p><button type=\"submit\">Prova</button></p>\n</form>\n";
}

// "Varför": the words the filter found, as the digest names them.
std::string why_of(const core::Match& match) {
  std::string out;
  for (const std::string& word : digest::why_words(match.terms, match.found_words)) {
    out += (out.empty() ? "" : ", ") + html_escape(word);
  }
  return out;
}

std::string trial_results(const app::FilterTrialOutcome& outcome, const TrialForm& form,
                          const std::string& zone) {
  std::string out = "<section aria-labelledby=\"resultat\">\n<h2 id=\"resultat\">Resultat</h2>\n";
  out += "<p>Filtret hade hittat " + count(outcome.matched, "nyhet", "nyheter") + " av " +
         std::to_string(outcome.scanned) + " som kom in de senaste " +
         count(form.days, "dagen", "dagarna") + ". Ingenting har ändrats.";
  if (outcome.cut) {
    out += " Bara de " + std::to_string(app::kMaxTrialItems) +
           " nyaste nyheterna prövades; välj färre dagar för att se resten.";
  }
  out += "</p>\n";
  if (outcome.matched > static_cast<int>(outcome.shown.size())) {
    out += "<p>De " + std::to_string(outcome.shown.size()) + " nyaste visas.</p>\n";
  }
  if (outcome.shown.empty()) return out + "</section>\n";
  out += "<ol class=\"traffar\">\n";
  for (const app::TrialHit& hit : outcome.shown) {
    const core::Item& item = hit.stored.item;
    out += "<li>" + link_or_text(item.link, item.title.empty() ? item.link : item.title) +
           "<br>" + html_escape(item.source) + ", " +
           app::local_day(item.published.value_or(hit.stored.first_seen), zone) +
           "<br>Varför: " + why_of(hit.match) + "</li>\n";
  }
  return out + "</ol>\n</section>\n";
}

// The parser's problem beside the field: where, then what.
std::string problem_html(const Error& error) {
  std::string message = error.message;
  if (const auto colon = message.find(": "); colon != std::string::npos) {
    message = message.substr(colon + 2);  // "query: " or "term: ": the field says which
  }
  std::string out = "Filtret går inte att läsa";
  if (error.where && error.where->column > 0) {
    out += " vid tecken " + std::to_string(error.where->column);
  }
  return out + ": <code>" + html_escape(message) + "</code>";
}

}  // namespace

Response filter_trial_page(const Request& request, Site& site) {
  const std::shared_ptr<const config::Config> config = site.config;
  TrialForm form;
  form.text = request.param("filter");
  if (request.param("sort") == "fraga") form.kind = app::TrialKind::kQuery;
  if (auto namnd = request.param("namnd"); namnd && !namnd->empty()) {
    if (!config->find_namnd(*namnd)) {
      return error_page(404, "Det finns ingen nämnd med id " + *namnd + ".");
    }
    form.namnd = *namnd;
  }
  if (auto days = request.param("dagar"); days && !days->empty()) {
    if (auto parsed = parse_days(*days)) {
      form.days = *parsed;
    } else {
      form.days_error = "Skriv ett helt antal dagar från 1 till " + std::to_string(kMaxDays) + ".";
    }
  }
  const PageFrame frame{"Prova ett filter"};
  const std::string intro =
      "<p>Skriv ett ord eller en fråga och se vilka av de senast inkomna nyheterna det hade "
      "hittat, och varför. Ingenting ändras: nämndernas filter och utskick är som förut.</p>\n";
  if (!form.text) return html_page(frame, intro + trial_form(form, *config));
  if (form.text->empty()) form.text_error = "Skriv ett ord eller en fråga.";
  if (!form.text_error.empty() || !form.days_error.empty()) {
    return html_page(frame, intro + trial_form(form, *config), 400);
  }

  auto matcher = app::compile_trial(*config, form.kind, *form.text, form.namnd, app::dictionaries());
  if (!matcher) {
    form.text_error = matcher.error().code == Errc::kInvalidQuery
                          ? problem_html(matcher.error())
                          : "Texten är för lång: skriv högst " + std::to_string(app::kMaxTrialText) +
                                " tecken.";
    return html_page(frame, intro + trial_form(form, *config), 400);
  }
  const core::TimePoint since = site.clock.now() - std::chrono::days(form.days);
  auto outcome = app::run_trial(site.store, *matcher, since);
  if (!outcome) return storage_error(outcome.error());
  return html_page(frame, intro + trial_form(form, *config) +
                              trial_results(*outcome, form, config->daemon.timezone));
}

std::vector<Route> coordinator_routes() {
  return {{"GET", "/samordnare", coordinator_page}, {"GET", "/samordnare/prova", filter_trial_page}};
}

}  // namespace omvarld::web
