// digest/layout.h
//
// What a digest shows, decided once for both bodies: the heading, the
// summary counts, and the entries grouped by topic, each with its strings
// already cleaned to one line and its date in the recipient's zone. The text
// and HTML renderers only format a Layout; they decide nothing. Plain values.

#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/item.h"
#include "digest/compose.h"

namespace omvarld::digest {

// The group of entries that belong to no section: neither a term nor a
// topic says why (a query of only NOT). The nämnd's own terms have their
// own section, own_section_name().
inline constexpr char kOtherGroupName[] = "Övriga träffar";

// The section, above the groups, of deadlines still to come.
inline constexpr char kDeadlinesHeading[] = "Kommande deadlines";
inline constexpr char kWebCopyLabel[] = "Visa i webbläsaren";
inline constexpr char kCalendarLabel[] = "Prenumerera på nämndens deadlines i Outlook";

// The line under an entry that asks the official whether it was relevant;
// each link says what it answers.
inline constexpr char kFeedbackQuestion[] = "Relevant för nämnden?";
inline constexpr char kFeedbackYes[] = "Ja, relevant";
inline constexpr char kFeedbackNo[] = "Nej, inte relevant";

// The label of an entry's deadline.
inline constexpr char kDeadlineLabel[] = "Sista dag:";

// The deadlines listed above the groups at most: on a phone the first entry
// must still start on the first screen. The others are beside their entries.
inline constexpr std::size_t kMostDeadlinesOnTop = 3;

struct ShownEntry {
  std::string title;               // one line; "(utan rubrik)" when empty
  std::string link;                // core::display_link(); a link only if is_web_link()
  std::string source_name;         // one line
  std::string date;                // "2026-11-27" in the recipient's zone; "" if undated
  std::string excerpt;             // one line, about kExcerptLength code points
  std::vector<std::string> terms;  // the terms as configured, for highlighting: each one line
  std::vector<std::string> why = {};  // "varför:": the words found (digest/why.h)
  std::string also_in = {};        // "Även i: A, B" (one line), "" when none
  // "Sista dag: 15 mars 2027", with ", passerad" once the day is gone; ""
  // when none. Shown on a line of its own, stronger than the source line.
  std::string deadline = {};
  bool deadline_passed = false;
  // Entry::feedback when both are web links, else both "".
  FeedbackLinks feedback = {};
};

// One line of kDeadlinesHeading.
struct UpcomingDeadline {
  std::string date;       // "15 mars 2027"
  std::string days_left;  // "i dag", "i morgon", "om 12 dagar": from the digest's day
  std::string title;      // one line; "(utan rubrik)" when empty
  std::string link;       // core::display_link(); a link only if is_web_link()
};

struct Group {
  std::string name;                 // own_section_name(), a topic name, or kOtherGroupName
  std::vector<ShownEntry> entries;  // title matches first, then newest first, undated last
};

struct Tally {
  std::string name;
  std::size_t count = 0;
};

// The entries a digest holds but had no room for: summed up at the end,
// delivered all the same.
struct LeftOut {
  std::size_t count = 0;          // 0: every entry is shown, and the section is left out
  std::string heading;            // "Och 4 850 träffar till"
  std::vector<Tally> per_topic;   // as Layout::per_topic, of the left-out entries
  std::vector<Tally> per_source;  // as Layout::per_source, of the left-out entries
  // What a coordinator runs to list them all:
  // "omvarld items --namnd linkoping/utbildning --since 8d --limit 5000".
  std::string list_command;
};

// The sentences of the left-out section, shared by both bodies: why, then
// "Vill du se dem? Kontakta <the contacts> och be om listan. Samordnaren
// tar fram den med:" and the command.
inline constexpr char kLeftOutWhy[] =
    "Det kom fler träffar än ett utskick rymmer. De här visas inte, men de räknas som "
    "skickade: nästa utskick tar bara med det som kommer efter detta.";
inline constexpr char kLeftOutAsk[] = "Vill du se dem? Kontakta";
inline constexpr char kLeftOutNoContact[] = "din omvärldssamordnare";
inline constexpr char kLeftOutCommand[] = "och be om listan. Samordnaren tar fram den med:";

struct Layout {
  std::string subject;                // the Digest subject
  std::string heading;                // "Omvärldsbevakning v. 48"
  std::string namnd_name;             // "Utbildningsnämnden, Linköping"
  // "12 nya träffar sedan förra utskicket.", in the first digest "Första
  // utskicket: 12 träffar."; with left-out entries, which are shown: "… Här
  // visas de 150 nyaste, resten sammanfattas sist."
  std::string summary;
  // Of every entry: the nämnd's own section first, then most first, then by
  // name, kOtherGroupName last; shown after the groups, so that the entries
  // come first on a phone.
  std::vector<Tally> per_topic;
  std::vector<Tally> per_source;      // of every entry: most first, then by name
  // Deadlines from today on (the recipient's zone), soonest first, then by
  // title, the first kMostDeadlinesOnTop; empty when there are none, and
  // then the section is left out.
  std::vector<UpcomingDeadline> deadlines = {};
  // The coming deadlines past those, "Och 2 till: de står vid sina
  // träffar."; "" when there are none.
  std::string more_deadlines = {};
  std::vector<Group> groups;          // the shown entries, in per_topic's order
  LeftOut left_out = {};
  std::vector<std::string> contacts;  // one line each, empty ones dropped
  std::string leave_address;          // whom to write to leave (leave_contacts()); "" when none has one
  std::string leave_mailto;           // unsubscribe_mailto() of leave_contacts()
  std::string sent_by = {};           // sent_by() of the recipient, one line
  // The recipient's web_copy and deadline_calendar when each is a web link,
  // else "".
  std::string web_copy = {};
  std::string deadline_calendar = {};
};

// The heading of the section the nämnd's own terms found: its name before
// the comma in the genitive, "Utbildningsnämnden, Linköping" →
// "Utbildningsnämndens bevakning"; "Nämndens bevakning" without a name.
std::string own_section_name(std::string_view namnd_name);

// "1 ny träff", "12 nya träffar", "4 850 nya träffar", "inga nya träffar".
std::string count_hits(std::size_t count);

// A count as Swedish writes it: digits in groups of three from the right,
// joined by a no-break space (U+00A0), so a line is never broken inside a
// number: "850", "4 850", "1 250 000".
std::string format_count(std::size_t count);

// Shows the newest `max_items` of `entries` (compose.h says how).
Layout arrange(const Recipient& recipient, std::span<const Entry> entries, core::TimePoint now,
               std::size_t max_items = kDefaultMaxItems);

}  // namespace omvarld::digest
