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
#include <vector>

#include "core/item.h"
#include "digest/compose.h"

namespace omvarld::digest {

// The group of entries that matched the nämnd's own terms, not a topic.
inline constexpr char kOtherGroupName[] = "Övriga träffar";

// The section, above the groups, of deadlines still to come.
inline constexpr char kDeadlinesHeading[] = "Kommande deadlines";

struct ShownEntry {
  std::string title;               // one line; "(utan rubrik)" when empty
  std::string link;                // core::display_link(); a link only if is_web_link()
  std::string source_name;         // one line
  std::string date;                // "2026-11-27" in the recipient's zone; "" if undated
  std::string excerpt;             // one line, about kExcerptLength code points
  std::vector<std::string> terms;  // why: each one line, empty ones dropped
  std::string also_in = {};        // "Även i: A, B" (one line), "" when none
  // "deadline 15 mars 2027", with ", passerad" once the day is gone; "" when none.
  std::string deadline = {};
};

// One line of kDeadlinesHeading.
struct UpcomingDeadline {
  std::string date;       // "15 mars 2027"
  std::string days_left;  // "i dag", "i morgon", "om 12 dagar": from the digest's day
  std::string title;      // one line; "(utan rubrik)" when empty
  std::string link;       // core::display_link(); a link only if is_web_link()
};

struct Group {
  std::string name;                 // the topic name, or kOtherGroupName
  std::vector<ShownEntry> entries;  // newest first, undated last
};

struct Tally {
  std::string name;
  std::size_t count = 0;
};

struct Layout {
  std::string subject;                // the Digest subject
  std::string heading;                // "Omvärldsbevakning v. 48"
  std::string namnd_name;             // "Utbildningsnämnden, Linköping"
  std::string summary;                // "12 nya träffar sedan förra utskicket."
  std::vector<Tally> per_topic;       // most entries first, then by name
  std::vector<Tally> per_source;      // most entries first, then by name
  // Deadlines from today on (the recipient's zone), soonest first, then by
  // title; empty when there are none, and then the section is left out.
  std::vector<UpcomingDeadline> deadlines = {};
  std::vector<Group> groups;          // topics as per_topic, kOtherGroupName last
  std::vector<std::string> contacts;  // one line each, empty ones dropped
  std::string leave_address;          // whom to write to leave; "" when no contact has one
  std::string leave_mailto;           // unsubscribe_mailto() of the contacts
};

// "1 ny träff", "12 nya träffar", "inga nya träffar".
std::string count_hits(std::size_t count);

Layout arrange(const Recipient& recipient, std::span<const Entry> entries, core::TimePoint now);

}  // namespace omvarld::digest
