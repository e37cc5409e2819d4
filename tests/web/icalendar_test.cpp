// The iCalendar composer (web/icalendar.h), pure: TEXT escaping, folding at
// 75 octets without splitting a character, stable UIDs, and a moved
// deadline that updates the same event.

#include "web/icalendar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

namespace omvarld::web {
namespace {

core::TimePoint at(std::int64_t seconds) { return core::TimePoint{std::chrono::seconds{seconds}}; }

core::Date day(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year_month_day{
      std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}};
}

storage::NamndItem deadline_item(std::int64_t id, core::Date deadline) {
  storage::NamndItem made;
  made.stored.id = id;
  made.stored.first_seen = at(1'800'000'000);
  made.stored.item.source = "eu";
  made.stored.item.key = "k" + std::to_string(id);
  made.stored.item.title = "Utlysning " + std::to_string(id);
  made.stored.item.link = "https://eu.example.se/utlysning/" + std::to_string(id);
  made.stored.item.canonical_link = made.stored.item.link;
  made.stored.item.summary = "Ansök senast i mars.";
  made.stored.item.deadline = deadline;
  made.match = {"linkoping/utbildning", {"skola", "erasmus+"}, {}, {}};
  made.source_name = "EU-kontoret";
  return made;
}

const DeadlineCalendar kCalendar{"linkoping/utbildning", "Utbildningsnämnden", "Europe/Stockholm",
                                 at(1'800'100'000)};

std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find("\r\n", start)) != std::string::npos; start = end + 2) {
    lines.push_back(text.substr(start, end - start));
  }
  EXPECT_EQ(start, text.size()) << "text after the last CRLF";
  return lines;
}

// The content lines: physical lines with their folds undone.
std::vector<std::string> unfolded(const std::string& text) {
  std::vector<std::string> lines;
  for (const std::string& line : physical_lines(text)) {
    if (!line.empty() && line.front() == ' ' && !lines.empty()) {
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
  }
  return lines;
}

std::vector<std::string> with_prefix(const std::string& text, const std::string& prefix) {
  std::vector<std::string> found;
  for (const std::string& line : unfolded(text)) {
    if (line.rfind(prefix, 0) == 0) found.push_back(line.substr(prefix.size()));
  }
  return found;
}

TEST(IcalText, EscapesBackslashSemicolonCommaAndNewlineAndDropsControls) {
  EXPECT_EQ(ical_text("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
  EXPECT_EQ(ical_text("rad ett\r\nrad två"), "rad ett\\nrad två");
  EXPECT_EQ(ical_text("ut\x01lys\x7Fning\x1B[31m"), "utlysning");
  EXPECT_EQ(ical_text("Sista dag: 15 mars"), "Sista dag: 15 mars");  // ':' needs nothing
  EXPECT_EQ(ical_text("bad \xFF byte"), "bad \xEF\xBF\xBD byte");
}

TEST(FoldIcalLine, KeepsEachLineWithin75OctetsAndNeverSplitsACharacter) {
  // å is 2 octets, – 3 and 🇸🇪 8 (two 4-octet letters): folds fall in all of them.
  std::string value;
  for (int i = 0; i < 40; ++i) value += "Förskolelärare – 🇸🇪 ";
  const std::string line = "SUMMARY:" + value;
  const std::string folded = fold_ical_line(line);
  const std::vector<std::string> lines = physical_lines(folded);
  ASSERT_GT(lines.size(), 10u);
  std::string joined;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75u) << "line " << i;
    if (i > 0) {
      ASSERT_EQ(lines[i].front(), ' ');
      // The byte after the fold's space starts a character.
      EXPECT_NE(static_cast<unsigned char>(lines[i][1]) & 0xC0, 0x80) << "line " << i;
      joined += lines[i].substr(1);
    } else {
      joined += lines[i];
    }
    // And the byte before each break ends one: no lead byte without its tail.
    const auto last = static_cast<unsigned char>(lines[i].back());
    EXPECT_FALSE(last >= 0xC0) << "line " << i << " ends in a lead byte";
  }
  EXPECT_EQ(joined, line);
  EXPECT_EQ(fold_ical_line("VERSION:2.0"), "VERSION:2.0\r\n");
  EXPECT_EQ(physical_lines(fold_ical_line(std::string(75, 'x'))).size(), 1u);
  EXPECT_EQ(physical_lines(fold_ical_line(std::string(76, 'x'))).size(), 2u);
}

TEST(EventUid, DependsOnlyOnTheItemAndTheNamnd) {
  EXPECT_EQ(event_uid(42, "linkoping/utbildning"), "item-42-linkoping/utbildning@omvarld");
  EXPECT_NE(event_uid(42, "linkoping/utbildning"), event_uid(42, "linkoping/kultur"));
  EXPECT_NE(event_uid(42, "a"), event_uid(4, "2-a"));  // the separator is no digit
  EXPECT_EQ(event_uid(7, "norrköping/x y"), "item-7-norrk%C3%B6ping/x%20y@omvarld");
}

TEST(ComposeIcalendar, WritesAPublishedCalendarWithOneAllDayEventPerDeadline) {
  const std::vector<storage::NamndItem> items = {deadline_item(1, day(2027, 3, 15)),
                                                 deadline_item(2, day(2027, 12, 31))};
  const std::string ics = compose_icalendar(kCalendar, items);
  const std::vector<std::string> lines = unfolded(ics);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  for (const char* expected : {"VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                               "X-WR-CALNAME:Deadlines – Utbildningsnämnden",
                               "X-WR-TIMEZONE:Europe/Stockholm"}) {
    EXPECT_NE(std::find(lines.begin(), lines.end(), expected), lines.end()) << expected;
  }
  EXPECT_EQ(with_prefix(ics, "PRODID:").size(), 1u);
  EXPECT_EQ(with_prefix(ics, "UID:"),
            (std::vector<std::string>{"item-1-linkoping/utbildning@omvarld",
                                      "item-2-linkoping/utbildning@omvarld"}));
  EXPECT_EQ(with_prefix(ics, "DTSTART;VALUE=DATE:"),
            (std::vector<std::string>{"20270315", "20271231"}));
  // DTEND is exclusive: the next day, across a year's end too.
  EXPECT_EQ(with_prefix(ics, "DTEND;VALUE=DATE:"),
            (std::vector<std::string>{"20270316", "20280101"}));
  EXPECT_EQ(with_prefix(ics, "DTSTAMP:").at(0), "20270116T114640Z");
  EXPECT_EQ(with_prefix(ics, "SUMMARY:").at(0), "Sista dag: Utlysning 1");
  EXPECT_EQ(with_prefix(ics, "URL:").at(0), "https://eu.example.se/utlysning/1");
  EXPECT_EQ(with_prefix(ics, "SEQUENCE:").at(0), "0");
  EXPECT_EQ(with_prefix(ics, "DESCRIPTION:").at(0),
            "Ansök senast i mars.\\n\\nKälla: EU-kontoret\\n"
            "Länk: https://eu.example.se/utlysning/1\\nTräffade på: skola\\, erasmus+");
  // No bare line feed anywhere: every line ends in CRLF.
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\n') {
      EXPECT_EQ(ics[i - 1], '\r') << "at " << i;
    }
  }
}

TEST(ComposeIcalendar, AMovedDeadlineKeepsItsUidWithAHigherSequence) {
  storage::NamndItem before = deadline_item(5, day(2027, 3, 15));
  const std::string first = compose_icalendar(kCalendar, std::vector{before});

  storage::NamndItem moved = before;
  moved.stored.item.deadline = day(2027, 4, 1);
  moved.stored.item.summary = "Ansök senast 1 april.";
  moved.updated_at = before.stored.first_seen + std::chrono::hours{30};
  const std::string second = compose_icalendar(kCalendar, std::vector{moved});

  EXPECT_EQ(with_prefix(first, "UID:"), with_prefix(second, "UID:"));
  EXPECT_EQ(with_prefix(second, "DTSTART;VALUE=DATE:").at(0), "20270401");
  const long sequence_before = std::stol(with_prefix(first, "SEQUENCE:").at(0));
  const long sequence_after = std::stol(with_prefix(second, "SEQUENCE:").at(0));
  EXPECT_GT(sequence_after, sequence_before);
  EXPECT_EQ(sequence_after, 30 * 3600);
  EXPECT_EQ(with_prefix(first, "LAST-MODIFIED:").at(0), "20270115T080000Z");
  EXPECT_EQ(with_prefix(second, "LAST-MODIFIED:").at(0), "20270116T140000Z");

  // A later change raises it again.
  storage::NamndItem again = moved;
  again.updated_at = *moved.updated_at + std::chrono::seconds{1};
  EXPECT_GT(event_sequence(again), event_sequence(moved));
}

TEST(ComposeIcalendar, EscapesHostileTextAndKeepsOnlyWebLinksAsUrl) {
  storage::NamndItem hostile = deadline_item(9, day(2027, 1, 1));
  hostile.stored.item.title = "Bidrag;\r\nEND:VEVENT\r\nBEGIN:VEVENT\x07, \\ slut";
  hostile.stored.item.link = "javascript:alert(1)";
  hostile.stored.item.canonical_link = "";
  const std::string ics = compose_icalendar(kCalendar, std::vector{hostile});
  EXPECT_EQ(with_prefix(ics, "SUMMARY:").at(0),
            "Sista dag: Bidrag\\;\\nEND:VEVENT\\nBEGIN:VEVENT\\, \\\\ slut");
  EXPECT_EQ(with_prefix(ics, "BEGIN:VEVENT").size(), 1u);
  EXPECT_TRUE(with_prefix(ics, "URL:").empty());
  EXPECT_EQ(ics.find('\x07'), std::string::npos);
}

TEST(ComposeIcalendar, OneEventPerStoryLeavesOutItemsWithoutADeadlineAndStopsAtTheBound) {
  storage::NamndItem twin = deadline_item(3, day(2027, 3, 15));
  twin.stored.item.canonical_link = deadline_item(1, day(2027, 3, 15)).stored.item.canonical_link;
  storage::NamndItem undated = deadline_item(4, day(2027, 3, 15));
  undated.stored.item.deadline.reset();
  const std::vector<storage::NamndItem> items = {deadline_item(1, day(2027, 3, 15)), twin, undated};
  EXPECT_EQ(with_prefix(compose_icalendar(kCalendar, items), "UID:"),
            (std::vector<std::string>{"item-1-linkoping/utbildning@omvarld"}));

  std::vector<storage::NamndItem> many;
  for (std::size_t i = 0; i < kMaxCalendarEvents + 10; ++i) {
    many.push_back(deadline_item(static_cast<std::int64_t>(i) + 1, day(2027, 1, 1)));
  }
  EXPECT_EQ(with_prefix(compose_icalendar(kCalendar, many), "UID:").size(), kMaxCalendarEvents);
}

}  // namespace
}  // namespace omvarld::web
