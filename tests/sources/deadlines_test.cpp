// Deadlines read from an item's text: the cue phrases in English and
// Swedish, the ways a date is written, the year of a date without one, and
// the texts that hold a date but no deadline.

#include "sources/deadlines.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace omvarld::sources {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;
using namespace std::chrono_literals;

constexpr core::Date date(int y, unsigned m, unsigned d) {
  return sys_days{year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}};
}

// Noon on a day, as an item's published date.
core::TimePoint noon(int y, unsigned m, unsigned d) {
  return std::chrono::time_point_cast<std::chrono::seconds>(sys_days{date(y, m, d)} + 12h);
}

std::string show(std::optional<core::Date> found) {
  if (!found) return "none";
  const year_month_day day{*found};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

struct Case {
  const char* name;
  const char* text;
  const char* expected;  // "YYYY-MM-DD" or "none"
};

// Read with an item published on 2026-11-20.
const std::vector<Case> kDeadlines = {
    {"english deadline, day month year", "Deadline: 15 March 2027", "2027-03-15"},
    {"english deadline, month day year", "Deadline: March 15, 2027", "2027-03-15"},
    {"submission deadline", "Submission deadline 2 February 2027 at 17:00 CET", "2027-02-02"},
    {"deadline later in the sentence", "The deadline for applications is 15 March 2027.",
     "2027-03-15"},
    {"deadline with a weekday", "Deadline: Tuesday, 16 March 2027", "2027-03-16"},
    {"deadline with an ordinal day", "Deadline: 15th March 2027", "2027-03-15"},
    {"deadline with a time first", "Deadline: 17:00 CET on 15 March 2027", "2027-03-15"},
    {"closing date", "Closing date: 2027-03-15", "2027-03-15"},
    {"the call closes on", "The call closes on 31 January 2027.", "2027-01-31"},
    {"apply by", "Apply by 1 March 2027 through the portal.", "2027-03-01"},
    {"open until", "The consultation is open until 12 February 2027.", "2027-02-12"},
    {"no later than", "Proposals must arrive no later than 3 April 2027.", "2027-04-03"},
    {"sista ansökningsdag iso", "Sista ansökningsdag 2027-03-15", "2027-03-15"},
    {"sista ansökningsdag with colon", "Sista ansökningsdag: 15 mars 2027", "2027-03-15"},
    {"sista ansökningsdagen är", "Sista ansökningsdagen är den 15 mars 2027.", "2027-03-15"},
    {"sista dag att svara, no year", "Sista dag att svara: 15 mars", "2027-03-15"},
    {"sista dag att ansöka", "Sista dag att ansöka är 1 februari 2027.", "2027-02-01"},
    {"sista dag att lämna synpunkter", "Sista dag att lämna synpunkter är fredag 11 december.",
     "2026-12-11"},
    {"ansök senast", "Ansök senast 15 mars 2027 via e-tjänsten.", "2027-03-15"},
    {"senast den", "Ansökan ska vara inne senast den 15 mars 2027.", "2027-03-15"},
    {"senast with weekday and time", "Svar senast tisdag 16 mars 2027 kl. 12.00.", "2027-03-16"},
    {"senast with time before the date", "Lämnas senast kl. 12.00 den 16 mars 2027.", "2027-03-16"},
    {"svar senast numeric slashes", "Svar senast 15/3/2027", "2027-03-15"},
    {"senast numeric dots", "Remissvar ska ha kommit in senast 15.3.2027.", "2027-03-15"},
    {"remisstid", "Remisstid: 2027-03-15", "2027-03-15"},
    {"remisstiden går ut", "Remisstiden går ut den 15 mars 2027.", "2027-03-15"},
    {"utlysningen stänger", "Utlysningen stänger den 15 mars 2027.", "2027-03-15"},
    {"stängs with weekday", "Ansökan stängs onsdagen den 3 februari 2027", "2027-02-03"},
    {"öppen till", "Utlysningen är öppen till 15 mars 2027.", "2027-03-15"},
    {"sista anmälningsdag", "Sista anmälningsdag: 20 januari 2027", "2027-01-20"},
    {"upper-case cue", "SISTA ANSÖKNINGSDAG 15 MARS 2027", "2027-03-15"},
    {"no-break space inside the date", "Deadline:\u00a015\u00a0March\u00a02027", "2027-03-15"},
    {"cue on one line, date on the next", "Sista ansökningsdag\n15 mars 2027", "2027-03-15"},
    {"abbreviated month", "Deadline: 15 Mar. 2027", "2027-03-15"},
    {"swedish ordinal day", "Sista dag att svara är den 15:e mars 2027.", "2027-03-15"},
    {"a period: its end", "Ansökningstiden går ut: 1 februari – 15 mars 2027", "2027-03-15"},
    {"date in a longer text",
     "Kommissionen öppnar en ny utlysning inom Erasmus+. Sista "
     "ansökningsdag är den 15 mars 2027. Läs mer på webbplatsen.",
     "2027-03-15"},
    {"the first cue with a date wins", "Deadline extended: apply by 1 March 2027.", "2027-03-01"},
    {"no year, later this year", "Sista dag att svara: 15 december", "2026-12-15"},
    {"no year, on the reference day", "Deadline: 20 November", "2026-11-20"},
    {"no year, passed this year: next year", "Deadline: 19 November", "2027-11-19"},
    {"no year, english month first", "Deadline: March 15", "2027-03-15"},
    {"leap day with its year", "Deadline: 29 February 2028", "2028-02-29"},
    // The ways EU consultations and Swedish remisser write their last day.
    {"feedback until", "Feedback period: open for comments until 4 February 2027",
     "2027-02-04"},
    {"until alone", "You can give feedback until 4 February 2027.", "2027-02-04"},
    {"reply by, no year", "Please reply by 4 February.", "2027-02-04"},
    {"no later than, eu", "Contributions no later than 4 February 2027.", "2027-02-04"},
    {"before midnight brussels time",
     "Send your answer before midnight Brussels time on 4 February.", "2027-02-04"},
    {"before a date", "Register before 4 February 2027.", "2027-02-04"},
    {"t.o.m.", "Remissen är öppen t.o.m. 4 februari", "2027-02-04"},
    {"t.o.m. upper case", "Synpunkter T.O.M. 4 februari 2027", "2027-02-04"},
    {"till och med", "Ansökan är öppen till och med 4 februari 2027.", "2027-02-04"},
    {"svar senast", "Svar senast 4 februari 2027", "2027-02-04"},
};

const std::vector<Case> kNoDeadlines = {
    {"empty text", "", "none"},
    {"a plain date is no deadline", "Konferensen hålls 15 mars 2027 i Bryssel.", "none"},
    {"an iso date without a cue", "Publicerad 2027-03-15", "none"},
    {"a cue without a date", "Deadline extended, see the portal for details.", "none"},
    {"impossible day", "Deadline: 31 April 2027", "none"},
    {"impossible iso date", "Sista ansökningsdag 2027-02-30", "none"},
    {"impossible month", "Svar senast 15/13/2027", "none"},
    {"no leap day that year", "Deadline: 29 February 2027", "none"},
    {"senast uppdaterad", "Senast uppdaterad 15 mars 2027", "none"},
    {"uppdaterades senast", "Sidan uppdaterades senast 15 mars 2027.", "none"},
    {"senaste is not senast", "Senaste nytt 15 mars 2027", "none"},
    {"stänger without a date next", "Biblioteket stänger för sommaren och öppnar 15 augusti 2027.",
     "none"},
    {"the date is in the next sentence", "Deadline passed. The next call opens 15 March 2027.",
     "none"},
    {"the date is too far from its cue",
     "Deadline information for this programme will be announced by the national agency in "
     "due course, probably around 15 March 2027.",
     "none"},
    {"a cue inside another word", "Omdeadlinead 15 mars 2027", "none"},
    {"a number that is not a day", "Deadline: 150 March 2027", "none"},
    {"a year that is part of a longer number", "Deadline: 15 March 20271", "none"},
    {"by someone, then a date", "Adopted by the Commission on 4 February 2027.", "none"},
    {"until a word", "Open until further notice, see 4 February 2027.", "none"},
    {"before a noun", "Before the summer break, on 4 February 2027 the board met.", "none"},
    {"a count after by", "Organised by 4 partners in 2027.", "none"},
};

TEST(FindDeadline, ReadsTheDatesThatFollowACue) {
  for (const Case& c : kDeadlines) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(show(find_deadline(c.text, noon(2026, 11, 20))), c.expected) << c.text;
  }
}

TEST(FindDeadline, FindsNoneWithoutACueOrAPossibleDate) {
  for (const Case& c : kNoDeadlines) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(show(find_deadline(c.text, noon(2026, 11, 20))), c.expected) << c.text;
  }
}

TEST(FindDeadline, TakesTheYearOfADateWithoutOneFromTheReference) {
  EXPECT_EQ(show(find_deadline("Sista dag att svara: 15 mars", noon(2027, 1, 10))), "2027-03-15");
  EXPECT_EQ(show(find_deadline("Sista dag att svara: 15 mars", noon(2027, 3, 16))), "2028-03-15");
  // 29 February is only there in a leap year: never a guess at one further off.
  EXPECT_EQ(show(find_deadline("Deadline: 29 February", noon(2027, 6, 1))), "2028-02-29");
  EXPECT_EQ(show(find_deadline("Deadline: 29 February", noon(2025, 6, 1))), "none");
}

TEST(FindDeadline, ReadsAnEuCueWithoutAYearAsTheNextSuchDayAfterPublication) {
  // Published in December 2026: 4 February is next year's.
  EXPECT_EQ(show(find_deadline("Reply by 4 February.", noon(2026, 12, 6))), "2027-02-04");
  EXPECT_EQ(show(find_deadline("t.o.m. 4 februari", noon(2026, 12, 6))), "2027-02-04");
  // Published in January 2027: the same year.
  EXPECT_EQ(show(find_deadline("until 4 February", noon(2027, 1, 15))), "2027-02-04");
  // Published the day after: the next year's.
  EXPECT_EQ(show(find_deadline("before midnight Brussels time on 4 February", noon(2027, 2, 5))),
            "2028-02-04");
}

TEST(FindDeadline, ReadsNoDateWithoutAYearWhenThereIsNoReference) {
  EXPECT_EQ(show(find_deadline("Sista dag att svara: 15 mars", std::nullopt)), "none");
  EXPECT_EQ(show(find_deadline("Sista dag att svara: 15 mars 2027", std::nullopt)), "2027-03-15");
}

TEST(FindDeadline, ReadsEveryCutOfItsTextWithinIt) {
  // Each case cut at every byte, in a buffer of exactly that size, so that
  // the sanitizers see any read past the end of the text.
  for (const std::vector<Case>* cases : {&kDeadlines, &kNoDeadlines}) {
    for (const Case& c : *cases) {
      const std::string text = c.text;
      for (std::size_t length = 0; length <= text.size(); ++length) {
        std::vector<char> cut(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(length));
        const auto found =
            find_deadline(std::string_view(cut.data(), cut.size()), noon(2026, 11, 20));
        if (length == text.size()) {
          EXPECT_EQ(show(found), c.expected) << c.name;
        }
      }
    }
  }
}

core::Item item_with(std::string title, std::string summary, std::string content) {
  core::Item item;
  item.source = "eu";
  item.key = title;
  item.title = std::move(title);
  item.summary = std::move(summary);
  item.content = std::move(content);
  item.published = noon(2026, 11, 20);
  return item;
}

TEST(AddDeadlines, LooksInTheTitleThenTheSummaryThenTheContent) {
  std::vector<core::Item> items = {
      item_with("Utlysning: sista ansökningsdag 1 februari 2027", "Deadline: 2 February 2027",
                "Deadline: 3 February 2027"),
      item_with("Utlysning", "Deadline: 2 February 2027", "Deadline: 3 February 2027"),
      item_with("Utlysning", "Om programmet", "Sista dag att ansöka är 3 februari."),
      item_with("Nyhet", "Konferens 15 mars 2027", "Inget datum att svara till."),
  };
  add_deadlines(items);
  EXPECT_EQ(show(items[0].deadline), "2027-02-01");
  EXPECT_EQ(show(items[1].deadline), "2027-02-02");
  EXPECT_EQ(show(items[2].deadline), "2027-02-03");
  EXPECT_EQ(show(items[3].deadline), "none");
}

TEST(AddDeadlines, KeepsADeadlineTheSourceAlreadyGave) {
  std::vector<core::Item> items = {item_with("Deadline: 15 March 2027", "", "")};
  items[0].deadline = date(2027, 4, 1);
  add_deadlines(items);
  EXPECT_EQ(show(items[0].deadline), "2027-04-01");
}

TEST(AddDeadlines, ReadsTheYearOfAnUndatedItemAsOfNow) {
  std::vector<core::Item> items = {item_with("Sista dag att svara: 15 mars", "", "")};
  items[0].published.reset();
  add_deadlines(items);
  ASSERT_TRUE(items[0].deadline.has_value());
  const core::Date today = std::chrono::floor<days>(std::chrono::system_clock::now());
  EXPECT_GE(*items[0].deadline, today);
  EXPECT_LT(*items[0].deadline, today + days{366});
  EXPECT_EQ(year_month_day{*items[0].deadline}.month(), std::chrono::March);
  EXPECT_EQ(year_month_day{*items[0].deadline}.day(), std::chrono::day{15});
}

}  // namespace
}  // namespace omvarld::sources
