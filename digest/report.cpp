#include "digest/report.h"

#include <set>

#include "core/utf8.h"
#include "digest/footer.h"
#include "digest/html_escape.h"
#include "digest/local_calendar.h"
#include "digest/utf8.h"

namespace omvarld::digest {

namespace {

constexpr char kFont[] = "font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;";
constexpr char kHeading[] =
    "margin:18px 0 6px 0;font-size:17px;line-height:22px;color:#00538a;"
    "border-bottom:2px solid #00538a;";
constexpr char kLine[] = "margin:4px 0;font-size:14px;line-height:20px;";

// "1 källa med fel", "2 källor med fel".
std::string count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// A configured duration as a coordinator says it: "30 dagar", "2 veckor",
// "12 timmar"; the largest unit that divides it exactly.
std::string in_words(std::chrono::seconds duration) {
  struct Unit {
    std::int64_t seconds;
    const char* one;
    const char* many;
  };
  static constexpr Unit kUnits[] = {{7 * 86400, "vecka", "veckor"},
                                    {86400, "dag", "dagar"},
                                    {3600, "timme", "timmar"},
                                    {60, "minut", "minuter"},
                                    {1, "sekund", "sekunder"}};
  const std::int64_t total = duration.count();
  for (const Unit& unit : kUnits) {
    if (total > 0 && total % unit.seconds == 0) {
      return count(static_cast<std::size_t>(total / unit.seconds), unit.one, unit.many);
    }
  }
  return count(static_cast<std::size_t>(total < 0 ? 0 : total), "sekund", "sekunder");
}

struct Section {
  std::string title;
  std::vector<std::string> lines;  // plain text, one line each
  std::string none;                // shown when there are no lines
};

// "75 %": the share rounded to a whole percent, half up.
std::string percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "0 %";
  return std::to_string((part * 200 + whole) / (2 * whole)) + " %";
}

std::string quoted(const std::string& term) { return "\"" + clean_line(term) + "\""; }

// One nämnd's answers: the items called not relevant, then the terms.
Section answers_section(const NamndAnswers& answers) {
  Section section{"Svar från tjänstepersonerna: " + clean_line(answers.name), {}, ""};
  section.lines.push_back(
      count(static_cast<std::size_t>(answers.ja + answers.nej), "svar", "svar") + ": " +
      std::to_string(answers.ja) + " Ja (relevant), " + std::to_string(answers.nej) +
      " Nej (inte relevant)");
  for (const NejAnswer& item : answers.nej_items) {
    std::string line = "Nej: \"" + clean_line(item.title) + "\" (" +
                       count(static_cast<std::size_t>(item.nej), "svar", "svar") + " Nej";
    if (!item.terms.empty()) {
      std::vector<std::string> terms;
      for (const std::string& term : item.terms) terms.push_back(quoted(term));
      line += ", kom med på " + std::string(item.terms.size() == 1 ? "termen " : "termerna ") +
              join_swedish(terms);
    }
    line += ")";
    if (!item.link.empty()) line += " " + clean_line(item.link);
    section.lines.push_back(line);
  }
  for (const TermAnswers& term : answers.terms) {
    const std::int64_t total = term.ja + term.nej;
    std::string line = "term " + quoted(term.term) + ": " + share_of_nej(term.nej, total);
    // Most answers about what it brought say noise: worth a look.
    if (term.nej >= 2 && term.nej * 2 > total) line += " – överväg att ändra eller ta bort termen";
    section.lines.push_back(line);
  }
  return section;
}

std::vector<Section> sections_of(const Report& report, const std::string& zone) {
  auto date = [&](core::TimePoint when) { return format_local_date(when, zone); };
  std::vector<Section> sections;

  // First: officials who are not getting their mail.
  Section deliveries{"Utskick som inte har gått fram", {}, "Alla utskick har gått fram."};
  for (const FailingDelivery& delivery : report.deliveries) {
    const std::string attempts =
        count(static_cast<std::size_t>(delivery.streak), "misslyckat försök",
              "misslyckade försök") +
        (delivery.streak > 1 ? " i rad" : "") + ", sedan " + date(delivery.failing_since);
    if (delivery.permanent) {
      deliveries.lines.push_back(
          clean_line(delivery.name) + ": e-postservern avvisar utskicket (" +
          clean_line(delivery.last_error) + "); nytt försök vid nästa utskickstid " +
          date(delivery.next_attempt) + " eller när konfigurationen ändras (" + attempts + ")");
    } else {
      deliveries.lines.push_back(clean_line(delivery.name) + ": " +
                                 clean_line(delivery.last_error) + " (" + attempts +
                                 "; nästa försök " + date(delivery.next_attempt) + ")");
    }
  }
  sections.push_back(deliveries);

  Section failing{"Källor med fel", {}, "Alla källor hämtades utan fel."};
  for (const FailingSource& source : report.failing) {
    std::string line = clean_line(source.name) + ": " + clean_line(source.last_error) + " (" +
                       count(static_cast<std::size_t>(source.streak), "misslyckad hämtning",
                             "misslyckade hämtningar") +
                       " i rad";
    if (source.failing_since) line += ", sedan " + date(*source.failing_since);
    failing.lines.push_back(line + ")");
  }
  sections.push_back(failing);

  Section silent{"Tysta källor (ingen ny post på " + in_words(report.silent_after) + ")",
                 {},
                 "Alla källor har gett nya poster."};
  for (const SilentSource& source : report.silent) {
    silent.lines.push_back(clean_line(source.name) + ": " +
                           (source.last_new_item ? "senaste nya post " + date(*source.last_new_item)
                                                 : std::string("aldrig någon post")));
  }
  sections.push_back(silent);

  Section floods{"Ovanligt många nya poster", {}, "Inga."};
  for (const FloodedSource& flood : report.floods) {
    std::string line = clean_line(flood.name) + ": " +
                       count(static_cast<std::size_t>(flood.new_items), "ny post", "nya poster") +
                       " den " + date(flood.at);
    if (flood.held_matches > 0) {
      line += " (" +
              count(static_cast<std::size_t>(flood.held_matches), "träff", "träffar") +
              " med äldre datum hölls utanför utskicken)";
    }
    floods.lines.push_back(line);
  }
  sections.push_back(floods);

  if (!report.id_rotations.empty()) {
    Section rotations{"Källor som bytte id på alla poster", {}, ""};
    for (const RekeyedSource& source : report.id_rotations) {
      rotations.lines.push_back(
          clean_line(source.name) + ": " +
          count(static_cast<std::size_t>(source.items), "post", "poster") + " fick nya id den " +
          date(source.at) +
          " och känns igen på länk eller rubrik, inte lagrade på nytt (överväg identity = \"link\")");
    }
    sections.push_back(rotations);
  }

  Section namnder{"Träffar och utskick per nämnd", {}, "Inga nämnder."};
  for (const NamndTally& namnd : report.namnder) {
    std::string line = clean_line(namnd.name) + ": " +
                       count(static_cast<std::size_t>(namnd.matches), "träff", "träffar") + ", " +
                       count(static_cast<std::size_t>(namnd.digests), "utskick", "utskick");
    if (namnd.matches == 0) line += " – inga träffar alls: kontrollera filtret";
    namnder.lines.push_back(line);
  }
  sections.push_back(namnder);

  for (const NamndAnswers& answers : report.answers) {
    if (answers.ja + answers.nej == 0) continue;
    sections.push_back(answers_section(answers));
  }
  return sections;
}

std::string subject_of(const Report& report, const std::string& zone) {
  std::vector<std::string> problems;
  std::size_t refused = 0;
  for (const FailingDelivery& delivery : report.deliveries) refused += delivery.permanent ? 1 : 0;
  if (refused > 0) problems.push_back(count(refused, "utskick avvisat", "utskick avvisade"));
  if (report.deliveries.size() > refused) {
    problems.push_back(count(report.deliveries.size() - refused, "utskick har inte gått fram",
                             "utskick har inte gått fram"));
  }
  if (!report.failing.empty()) {
    problems.push_back(count(report.failing.size(), "källa med fel", "källor med fel"));
  }
  if (!report.silent.empty()) {
    problems.push_back(count(report.silent.size(), "tyst källa", "tysta källor"));
  }
  if (!report.floods.empty()) {
    problems.push_back(count(report.floods.size(), "källa med ovanligt många nya poster",
                             "källor med ovanligt många nya poster"));
  }
  std::set<std::string> rekeyed;
  for (const RekeyedSource& source : report.id_rotations) rekeyed.insert(source.name);
  if (!rekeyed.empty()) {
    problems.push_back(count(rekeyed.size(), "källa bytte id", "källor bytte id"));
  }
  std::size_t dead = 0;
  for (const NamndTally& namnd : report.namnder) dead += namnd.matches == 0 ? 1 : 0;
  if (dead > 0) problems.push_back(count(dead, "nämnd utan träffar", "nämnder utan träffar"));
  return "Omvärldsbevakning – rapport v. " + std::to_string(iso_week_number(report.to, zone)) +
         ": " + (problems.empty() ? std::string("allt fungerar") : join_swedish(problems));
}

}  // namespace

Digest render_report(const Report& report, const std::string& timezone) {
  Digest digest;
  digest.subject = subject_of(report, timezone);
  const std::string heading = "Rapport till omvärldssamordnarna";
  const std::string period = "Perioden " + format_local_date(report.from, timezone) + " – " +
                             format_local_date(report.to, timezone) + ".";
  const std::vector<Section> sections = sections_of(report, timezone);

  std::string& text = digest.text;
  text = heading + "\n" + std::string(core::count_code_points(heading), '=') + "\n" + period + "\n";
  for (const Section& section : sections) {
    text += "\n" + section.title + "\n";
    if (section.lines.empty()) text += section.none + "\n";
    for (const std::string& line : section.lines) text += "* " + line + "\n";
  }
  text += "\n-- \n" + std::string(kSentBy) + "\n";

  std::string& html = digest.html;
  html =
      "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      html_escape(digest.subject) +
      "</title>\n</head>\n<body style=\"margin:0;padding:0;background:#f4f5f7;\">\n"
      "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "
      "border=\"0\" style=\"max-width:640px;background:#ffffff;\">\n<tr>\n<td style=\"padding:"
      "16px 24px;" +
      std::string(kFont) + "\">\n<h1 style=\"margin:0;font-size:20px;line-height:26px;\">" +
      html_escape(heading) + "</h1>\n<p style=\"" + kLine + "color:#5c6670;\">" +
      html_escape(period) + "</p>\n";
  for (const Section& section : sections) {
    html += "<h2 style=\"" + std::string(kHeading) + "\">" + html_escape(section.title) + "</h2>\n";
    if (section.lines.empty()) {
      html += "<p style=\"" + std::string(kLine) + "\">" + html_escape(section.none) + "</p>\n";
    }
    for (const std::string& line : section.lines) {
      html += "<p style=\"" + std::string(kLine) + "\">• " + html_escape(line) + "</p>\n";
    }
  }
  html += "<p style=\"margin:18px 0 0 0;font-size:12px;color:#5c6670;\">" +
          std::string(kSentBy) + "</p>\n</td>\n</tr>\n</table>\n</body>\n</html>\n";
  return digest;
}

std::string share_of_nej(std::int64_t nej, std::int64_t answers) {
  return std::to_string(nej) + " av " + std::to_string(answers) + " svar Nej (" +
         percent(nej, answers) + ")";
}

}  // namespace omvarld::digest
