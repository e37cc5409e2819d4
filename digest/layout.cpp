#include "digest/layout.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <tuple>
#include <utility>

#include "core/display_link.h"
#include "digest/excerpt.h"
#include "digest/footer.h"
#include "digest/html_escape.h"
#include "digest/local_calendar.h"
#include "digest/utf8.h"
#include "digest/why.h"

namespace omvarld::digest {

namespace {

constexpr char kProductName[] = "Omvärldsbevakning";

// Real titles are one line of a few dozen words; a feed that puts a whole
// article in its title gets it cut, so that no one entry can fill a digest.
constexpr std::size_t kMaxTitleLength = 300;

// The section of `entry`: its first topic, else the nämnd's own when a term
// found it, else kOtherGroupName.
std::string group_name_of(const Entry& entry, const std::string& own_section) {
  std::string topic = entry.topics.empty() ? std::string() : clean_line(entry.topics.front());
  if (!topic.empty()) return topic;
  return entry.terms.empty() ? std::string(kOtherGroupName) : own_section;
}

// "Även i: A, B": the other sources' names, each once, in the given order,
// neither empty nor the entry's own source.
std::string also_in_line(const Entry& entry) {
  const std::string own = clean_line(entry.source_name);
  std::vector<std::string> names;
  for (const std::string& name : entry.also_in) {
    std::string line = clean_line(name);
    if (line.empty() || line == own) continue;
    if (std::find(names.begin(), names.end(), line) == names.end()) names.push_back(std::move(line));
  }
  std::string joined;
  for (const std::string& name : names) joined += (joined.empty() ? "" : ", ") + name;
  return joined.empty() ? std::string() : "Även i: " + joined;
}

// "Sista dag: 15 mars 2027", ", passerad" once `today` is past it.
std::string deadline_note(const Entry& entry, core::Date today) {
  if (!entry.deadline) return {};
  return std::string(kDeadlineLabel) + " " + format_swedish_day(*entry.deadline) +
         (*entry.deadline < today ? ", passerad" : "");
}

ShownEntry show(const Entry& entry, const std::string& zone, core::Date today) {
  ShownEntry shown;
  shown.title = make_excerpt(clean_line(entry.title), kMaxTitleLength);
  if (shown.title.empty()) shown.title = "(utan rubrik)";
  shown.link = clean_line(core::display_link(entry.link));
  shown.source_name = clean_line(entry.source_name);
  if (entry.published) shown.date = format_local_date(*entry.published, zone);
  shown.excerpt = make_excerpt(entry.text);
  for (const std::string& term : entry.terms) {
    std::string line = clean_line(term);
    if (!line.empty()) shown.terms.push_back(std::move(line));
  }
  shown.why = why_words(entry.terms, entry.found_words);
  shown.also_in = also_in_line(entry);
  shown.deadline = deadline_note(entry, today);
  shown.deadline_passed = entry.deadline && *entry.deadline < today;
  if (is_web_link(entry.feedback.ja) && is_web_link(entry.feedback.nej)) {
    shown.feedback = entry.feedback;
  }
  return shown;
}

std::string days_left(std::chrono::days left) {
  if (left.count() == 0) return "i dag";
  if (left.count() == 1) return "i morgon";
  return "om " + std::to_string(left.count()) + " dagar";
}

// The deadlines of `entries` from `today` on: a past deadline stays beside
// its entry only, as there is nothing left to do about it.
std::vector<UpcomingDeadline> upcoming_deadlines(std::span<const Entry* const> entries,
                                                 core::Date today) {
  std::vector<std::pair<core::Date, UpcomingDeadline>> dated;
  for (const Entry* shown : entries) {
    const Entry& entry = *shown;
    if (!entry.deadline || *entry.deadline < today) continue;
    std::string title = clean_line(entry.title);
    if (title.empty()) title = "(utan rubrik)";
    dated.push_back({*entry.deadline,
                     {format_swedish_day(*entry.deadline), days_left(*entry.deadline - today),
                      std::move(title), clean_line(core::display_link(entry.link))}});
  }
  std::stable_sort(dated.begin(), dated.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return fold_case(a.second.title) < fold_case(b.second.title);
  });
  std::vector<UpcomingDeadline> upcoming;
  for (auto& [day, line] : dated) upcoming.push_back(std::move(line));
  return upcoming;
}

// Most first, then by name; `first` (if present) goes to the start and
// `last` to the end.
std::vector<Tally> tally(const std::map<std::string, std::size_t>& counts, std::string_view first = {},
                         std::string_view last = {}) {
  std::vector<Tally> tallies;
  for (const auto& [name, count] : counts) tallies.push_back({name, count});
  std::stable_sort(tallies.begin(), tallies.end(), [&](const Tally& a, const Tally& b) {
    if ((a.name == first) != (b.name == first)) return a.name == first;
    if ((a.name == last) != (b.name == last)) return b.name == last;
    return a.count > b.count;
  });
  return tallies;
}

// The entries newest first, undated last; equal ones in the given order.
std::vector<const Entry*> newest_first(std::span<const Entry> entries) {
  std::vector<const Entry*> sorted;
  sorted.reserve(entries.size());
  for (const Entry& entry : entries) sorted.push_back(&entry);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Entry* a, const Entry* b) {
    if (a->published.has_value() != b->published.has_value()) return a->published.has_value();
    return a->published.has_value() && *a->published > *b->published;
  });
  return sorted;
}

// `sorted` (newest first) in groups ordered as `order`, each with its title
// matches first; a topic none of them belongs to gets no group.
std::vector<Group> group(std::span<const Entry* const> sorted, const std::vector<Tally>& order,
                         const std::string& own_section, const std::string& zone, core::Date today) {
  std::vector<const Entry*> title_first(sorted.begin(), sorted.end());
  std::stable_partition(title_first.begin(), title_first.end(),
                        [](const Entry* entry) { return entry->title_match; });
  std::vector<Group> groups;
  for (const Tally& topic : order) {
    Group current;
    current.name = topic.name;
    for (const Entry* entry : title_first) {
      if (group_name_of(*entry, own_section) == topic.name) {
        current.entries.push_back(show(*entry, zone, today));
      }
    }
    if (!current.entries.empty()) groups.push_back(std::move(current));
  }
  return groups;
}

// Per section (the nämnd's own first, kOtherGroupName last) and per source,
// most first.
std::pair<std::vector<Tally>, std::vector<Tally>> tallies_of(std::span<const Entry* const> entries,
                                                             const std::string& own_section) {
  std::map<std::string, std::size_t> topics;
  std::map<std::string, std::size_t> sources;
  for (const Entry* entry : entries) {
    ++topics[group_name_of(*entry, own_section)];
    std::string source = clean_line(entry->source_name);
    ++sources[source.empty() ? std::string("okänd källa") : source];
  }
  return {tally(topics, own_section, kOtherGroupName), tally(sources)};
}

std::string summary_of(std::size_t count, std::size_t shown, bool first_digest) {
  std::string summary;
  if (first_digest) {
    summary = count == 0   ? "Första utskicket: inga träffar än."
              : count == 1 ? "Första utskicket: 1 träff."
                           : "Första utskicket: " + format_count(count) + " träffar.";
  } else {
    summary = count == 0 ? "Inga nya träffar sedan förra utskicket."
                         : count_hits(count) + " sedan förra utskicket.";
  }
  if (count == 0) return summary;
  if (shown < count) {
    summary += shown == 0 ? " Ingen av dem får plats här; de sammanfattas sist."
               : shown == 1 ? " Här visas den nyaste, resten sammanfattas sist."
                            : " Här visas de " + format_count(shown) +
                                  " nyaste, resten sammanfattas sist.";
  }
  return summary;
}

// The left-out entries' counts, and the command that lists every entry
// of the digest: `items --since` takes an age in whole days, so the age of
// the oldest one's first_seen, rounded up, reaches it on the digest's day.
LeftOut left_out_of(std::span<const Entry* const> left_out, std::size_t total,
                    const core::NamndId& namnd, const std::string& own_section, core::TimePoint now) {
  LeftOut summed;
  summed.count = left_out.size();
  if (summed.count == 0) return summed;
  summed.heading = "Och " + format_count(summed.count) + (summed.count == 1 ? " träff" : " träffar") +
                   " till";
  std::tie(summed.per_topic, summed.per_source) = tallies_of(left_out, own_section);
  core::TimePoint oldest = now;
  for (const Entry* entry : left_out) {
    if (entry->first_seen && *entry->first_seen < oldest) oldest = *entry->first_seen;
  }
  const auto age = std::chrono::ceil<std::chrono::days>(now - oldest) + std::chrono::days(1);
  summed.list_command = "omvarld items --namnd " + clean_line(namnd) + " --since " +
                        std::to_string(age.count()) + "d --limit " + std::to_string(total);
  return summed;
}

}  // namespace

std::string own_section_name(std::string_view namnd_name) {
  std::string name = clean_line(namnd_name.substr(0, namnd_name.find(',')));
  if (name.empty()) return "Nämndens bevakning";
  // Swedish genitive: a name ending in s, x or z takes no further s.
  const char last = name.back();
  if (last != 's' && last != 'x' && last != 'z') name += 's';
  return name + " bevakning";
}

std::string format_count(std::size_t count) {
  std::string digits = std::to_string(count);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += "\u00a0";
    grouped += digits[i];
  }
  return grouped;
}

std::string count_hits(std::size_t count) {
  if (count == 0) return "inga nya träffar";
  if (count == 1) return "1 ny träff";
  return format_count(count) + " nya träffar";
}

Layout arrange(const Recipient& recipient, std::span<const Entry> entries, core::TimePoint now,
               std::size_t max_items) {
  Layout layout;
  const std::vector<const Entry*> sorted = newest_first(entries);
  const std::size_t shown_count = std::min(max_items, sorted.size());
  const std::span<const Entry* const> shown(sorted.data(), shown_count);
  const std::span<const Entry* const> left_out(sorted.data() + shown_count,
                                               sorted.size() - shown_count);

  layout.heading =
      std::string(kProductName) + " v. " + std::to_string(iso_week_number(now, recipient.timezone));
  layout.namnd_name = clean_line(recipient.name);
  layout.subject = layout.heading + " – " + layout.namnd_name + ": " + count_hits(entries.size());
  layout.summary = summary_of(entries.size(), shown_count, recipient.first_digest);
  const std::string own_section = own_section_name(recipient.name);
  std::tie(layout.per_topic, layout.per_source) = tallies_of(sorted, own_section);
  const core::Date today = local_date(now, recipient.timezone);
  layout.deadlines = upcoming_deadlines(shown, today);
  if (layout.deadlines.size() > kMostDeadlinesOnTop) {
    layout.more_deadlines = "Och " + format_count(layout.deadlines.size() - kMostDeadlinesOnTop) +
                            " till: de står vid sina träffar.";
    layout.deadlines.resize(kMostDeadlinesOnTop);
  }
  layout.groups = group(shown, layout.per_topic, own_section, recipient.timezone, today);
  layout.left_out = left_out_of(left_out, entries.size(), recipient.namnd, own_section, now);
  for (const std::string& contact : recipient.contacts) {
    std::string line = clean_line(contact);
    if (!line.empty()) layout.contacts.push_back(std::move(line));
  }
  const std::vector<std::string> leave = leave_contacts(recipient);
  layout.leave_mailto = unsubscribe_mailto(leave, recipient.namnd);
  for (const std::string& contact : leave) {
    layout.leave_address = contact_address(contact);
    if (!layout.leave_address.empty()) break;
  }
  layout.sent_by = clean_line(sent_by(recipient));
  if (is_web_link(recipient.web_copy)) layout.web_copy = recipient.web_copy;
  if (is_web_link(recipient.deadline_calendar)) layout.deadline_calendar = recipient.deadline_calendar;
  return layout;
}

}  // namespace omvarld::digest
