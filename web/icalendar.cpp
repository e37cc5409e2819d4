// web/icalendar.cpp — see web/icalendar.h.

#include "web/icalendar.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <set>
#include <utility>

#include "app/time_format.h"
#include "core/percent_encode.h"
#include "core/safe_text.h"
#include "digest/html_escape.h"
#include "web/feed_item.h"

namespace omvarld::web {
namespace {

constexpr std::size_t kMaxLineOctets = 75;

// "2026-12-06T15:05:00Z" → "20261206T150500Z", "2027-03-15" → "20270315":
// the basic format RFC 5545 writes dates and UTC times in.
std::string basic_format(std::string extended) {
  std::erase_if(extended, [](char c) { return c == '-' || c == ':'; });
  return extended;
}

std::string utc_time(core::TimePoint time) { return basic_format(app::rfc3339(time)); }

std::string day(core::Date date) { return basic_format(app::iso_day(date)); }

std::string description(const storage::NamndItem& item) {
  const core::Item& fields = item.stored.item;
  std::string text = feed_excerpt(fields.summary);
  if (!text.empty()) text += "\n\n";
  if (!item.source_name.empty()) text += "Källa: " + item.source_name + "\n";
  if (!fields.link.empty()) text += "Länk: " + core::safe_link(fields.link) + "\n";
  if (!item.match.terms.empty()) {
    text += "Träffade på:";
    for (std::size_t i = 0; i < item.match.terms.size(); ++i) {
      text += (i == 0 ? " " : ", ") + item.match.terms[i];
    }
    text += "\n";
  }
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

void append_event(std::string& out, const DeadlineCalendar& calendar,
                  const storage::NamndItem& item) {
  const core::Item& fields = item.stored.item;
  const core::Date deadline = *fields.deadline;
  const std::string title =
      fields.title.empty() ? std::string("(utan rubrik)") : fields.title;
  out += "BEGIN:VEVENT\r\n";
  out += fold_ical_line("UID:" + ical_text(event_uid(item.stored.id, calendar.namnd)));
  out += "DTSTAMP:" + utc_time(calendar.now) + "\r\n";
  out += "DTSTART;VALUE=DATE:" + day(deadline) + "\r\n";
  out += "DTEND;VALUE=DATE:" + day(deadline + std::chrono::days{1}) + "\r\n";
  out += "LAST-MODIFIED:" + utc_time(changed_at(item)) + "\r\n";
  out += "SEQUENCE:" + std::to_string(event_sequence(item)) + "\r\n";
  out += fold_ical_line("SUMMARY:" + ical_text("Sista dag: " + title));
  out += fold_ical_line("DESCRIPTION:" + ical_text(description(item)));
  // URI values are not TEXT: nothing to escape, but only a web link goes in.
  if (digest::is_web_link(fields.link)) {
    out += fold_ical_line("URL:" + core::safe_link(fields.link));
  }
  // A deadline is a day to remember, not time taken: free/busy stays free.
  out += "TRANSP:TRANSPARENT\r\n";
  out += "END:VEVENT\r\n";
}

}  // namespace

std::string event_uid(std::int64_t item_id, std::string_view namnd) {
  return "item-" + std::to_string(item_id) + "-" + core::percent_encode(namnd, "-_./") + "@omvarld";
}

std::int64_t event_sequence(const storage::NamndItem& item) {
  if (!item.updated_at) return 0;
  const std::int64_t seconds = (*item.updated_at - item.stored.first_seen).count();
  return std::clamp<std::int64_t>(seconds, 0, std::numeric_limits<std::int32_t>::max());
}

std::string ical_text(std::string_view text) {
  const std::string safe = core::safe_text(text);
  std::string escaped;
  escaped.reserve(safe.size() + 8);
  for (char c : safe) {
    switch (c) {
      case '\\': escaped += "\\\\"; break;
      case ';': escaped += "\\;"; break;
      case ',': escaped += "\\,"; break;
      case '\n': escaped += "\\n"; break;
      case '\r': break;  // safe_text leaves CR only before LF
      default: escaped += c;
    }
  }
  return escaped;
}

std::string fold_ical_line(std::string_view line) {
  std::string folded;
  folded.reserve(line.size() + line.size() / 70 * 3 + 2);
  // The first physical line holds 75 octets; each continuation 74 after
  // its leading space.
  std::size_t room = kMaxLineOctets;
  while (line.size() > room) {
    std::size_t cut = room;
    // Back up to the start of a UTF-8 sequence (not a continuation byte).
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    if (cut == 0) cut = room;  // no sequence is that long; only ill-formed input
    folded.append(line.substr(0, cut));
    folded += "\r\n ";
    line.remove_prefix(cut);
    room = kMaxLineOctets - 1;
  }
  folded.append(line);
  folded += "\r\n";
  return folded;
}

std::string compose_icalendar(const DeadlineCalendar& calendar,
                              std::span<const storage::NamndItem> items) {
  std::string out;
  out += "BEGIN:VCALENDAR\r\n";
  out += "VERSION:2.0\r\n";
  out += "PRODID:-//omvarld//Deadlines//SV\r\n";
  out += "CALSCALE:GREGORIAN\r\n";
  out += "METHOD:PUBLISH\r\n";
  const std::string name = calendar.namnd_name.empty() ? calendar.namnd : calendar.namnd_name;
  out += fold_ical_line("X-WR-CALNAME:" + ical_text("Deadlines – " + name));
  out += fold_ical_line("X-WR-CALDESC:" +
                        ical_text("Sista dagar i nyheterna som rör " + name + " (omvarld)"));
  if (!calendar.time_zone.empty()) {
    out += fold_ical_line("X-WR-TIMEZONE:" + ical_text(calendar.time_zone));
  }
  // How often a subscriber should fetch again (RFC 7986 and Outlook's own).
  out += "REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n";
  out += "X-PUBLISHED-TTL:PT6H\r\n";

  std::set<std::pair<std::string, core::Date>> seen_stories;
  std::size_t events = 0;
  for (const storage::NamndItem& item : items) {
    if (events == kMaxCalendarEvents) break;
    const core::Item& fields = item.stored.item;
    if (!fields.deadline) continue;
    if (!fields.canonical_link.empty() &&
        !seen_stories.emplace(fields.canonical_link, *fields.deadline).second) {
      continue;
    }
    append_event(out, calendar, item);
    ++events;
  }
  out += "END:VCALENDAR\r\n";
  return out;
}

}  // namespace omvarld::web
