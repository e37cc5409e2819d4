// web/icalendar.h
//
// A nämnd's deadlines as an iCalendar document (RFC 5545) that Outlook,
// Google Calendar and Apple Calendar can subscribe to: one all-day VEVENT
// per deadline, whose UID stays the same across polls and restarts, so a
// moved deadline moves the event a subscriber already has (with a higher
// SEQUENCE and a newer LAST-MODIFIED) instead of adding a second one.
// Pure: the items, the time and the names come in; text goes out.

#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/item.h"
#include "storage/item_queries.h"

namespace omvarld::web {

// At most this many events in one calendar: the store's query asks for the
// deadlines of the last 12 months and every future one, soonest first.
inline constexpr std::size_t kMaxCalendarEvents = 2000;

struct DeadlineCalendar {
  core::NamndId namnd;
  std::string namnd_name;  // "Utbildningsnämnden"
  std::string time_zone;   // IANA name for X-WR-TIMEZONE, "Europe/Stockholm"
  core::TimePoint now;     // DTSTAMP: when this copy of the calendar was made
};

// The calendar of `items` (each with a deadline; those without are left
// out), CRLF line ends, lines folded at 75 octets. The same story stored
// from two feeds (same canonical link and deadline) is one event: the first.
std::string compose_icalendar(const DeadlineCalendar& calendar,
                              std::span<const storage::NamndItem> items);

// The event's UID: "item-42-linkoping/utbildning@omvarld", bytes of the
// nämnd id other than letters, digits and - _ . / percent-encoded. Depends
// only on the item's row id and the nämnd, which never change for a stored
// item, so the same deadline is the same event after every poll and restart.
std::string event_uid(std::int64_t item_id, std::string_view namnd);

// The event's SEQUENCE: the seconds from when the item was first seen to
// when the feed last changed it, 0 while unchanged. It only grows, and fits
// the 32-bit INTEGER of RFC 5545 for 68 years after first seen.
std::int64_t event_sequence(const storage::NamndItem& item);

// `text` as an iCalendar TEXT value (RFC 5545 §3.3.11): backslash,
// semicolon, comma and line feed escaped; carriage returns, control and
// invisible characters (core::safe_text) dropped; ill-formed UTF-8 as U+FFFD.
std::string ical_text(std::string_view text);

// The content line `line` (no line end) folded (RFC 5545 §3.1): each
// physical line at most 75 octets, continuation lines starting with a space,
// never a break inside a UTF-8 sequence; every line ended with CRLF.
std::string fold_ical_line(std::string_view line);

}  // namespace omvarld::web
