// digest/report.h
//
// The coordinators' report: a weekly Swedish message on the health of the
// installation — sources that fail, sources gone silent, floods, and per
// nämnd how many matches and digests the period brought (none at all hints
// at a dead filter), and what officials answered about the items they got:
// the items they called not relevant and, per filter term, the share of
// "Nej", so that a coordinator sees which term brings noise. Pure: values in, a Digest (subject, text, HTML) out,
// sent through the same to_message() as the digests. Every string is
// cleaned to one line and escaped in the HTML.

#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/item.h"
#include "digest/compose.h"

namespace omvarld::digest {

struct FailingSource {
  std::string name;  // "SKR (skr)"
  std::string last_error;
  int streak = 0;
  std::optional<core::TimePoint> failing_since;
  core::SourceId source = {};  // its id, to look up more (the web page's failure kind)
};

struct SilentSource {
  std::string name;
  std::optional<core::TimePoint> last_new_item;  // nullopt: never brought an item
};

struct FloodedSource {
  std::string name;
  core::TimePoint at;
  int new_items = 0;
  int held_matches = 0;
};

// A source whose every id changed at once: its items were recognised by
// link or title and kept, not stored again.
struct RekeyedSource {
  std::string name;
  core::TimePoint at;
  int items = 0;
};

// A nämnd whose digest has not gone out since its last success.
struct FailingDelivery {
  std::string name;  // "Utbildningsnämnden, Linköping (linkoping/utbildning)"
  std::string last_error;
  int streak = 0;
  core::TimePoint failing_since;
  core::TimePoint next_attempt;
  bool permanent = false;  // refused for good (an SMTP 5xx): waits for a slot or a change
};

struct NamndTally {
  std::string name;
  std::int64_t matches = 0;
  std::int64_t digests = 0;
};

// An item officials answered "Nej" (not relevant) about in the period.
struct NejAnswer {
  std::string title;
  std::string link;
  std::int64_t nej = 0;
  std::vector<std::string> terms;  // the filter terms that brought it to the nämnd
};

// The answers about the items one filter term brought.
struct TermAnswers {
  std::string term;
  std::int64_t ja = 0;
  std::int64_t nej = 0;
};

// The officials' answers to "Relevant? Ja / Nej" for one nämnd.
struct NamndAnswers {
  std::string name;
  std::int64_t ja = 0;
  std::int64_t nej = 0;
  std::vector<NejAnswer> nej_items;  // most "Nej" first
  std::vector<TermAnswers> terms;    // most "Nej" first
};

struct Report {
  core::TimePoint from;  // the period the report covers
  core::TimePoint to;
  std::chrono::seconds silent_after{};  // as configured; shown in words, "30 dagar"
  std::vector<FailingSource> failing;
  std::vector<SilentSource> silent;
  std::vector<FloodedSource> floods;
  std::vector<NamndTally> namnder;  // every configured nämnd, in config order
  std::vector<RekeyedSource> id_rotations = {};  // a section only when there are any
  std::vector<FailingDelivery> deliveries = {};  // failing now, whenever they started
  std::vector<NamndAnswers> answers = {};  // a section each, for nämnder with answers only
};

// Subject "Omvärldsbevakning – rapport v. 48: 1 utskick har inte gått fram,
// 2 källor med fel, 1 tyst källa", naming every kind of problem the report
// lists; "allt fungerar" only when there is none. Dates in `timezone`.
Digest render_report(const Report& report, const std::string& timezone);

// "3 av 4 svar Nej (75 %)": a term's share of "Nej" answers, the percent
// rounded half up; as the report and the coordinators' web page write it.
std::string share_of_nej(std::int64_t nej, std::int64_t answers);

}  // namespace omvarld::digest
