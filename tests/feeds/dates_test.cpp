#include "core/dates.h"

#include <gtest/gtest.h>

#include "feeds/feed.h"

namespace omvarld::feeds {
namespace {

struct DateCase {
  const char* name;
  const char* text;
  const char* expected;  // RFC 3339 UTC, or nullptr when the date must stay unread
};

std::string show(const std::optional<core::TimePoint>& time) {
  return time ? core::format_rfc3339(*time) : "(none)";
}

TEST(ParseDate, ReadsRfc822AndItsVariants) {
  const DateCase cases[] = {
      {"RFC 1123", "Tue, 03 Nov 2026 10:00:00 +0100", "2026-11-03T09:00:00Z"},
      {"GMT", "Mon, 02 Nov 2026 08:30:00 GMT", "2026-11-02T08:30:00Z"},
      {"no weekday", "03 Nov 2026 10:00:00 GMT", "2026-11-03T10:00:00Z"},
      {"one-digit day", "Tue, 3 Nov 2026 10:00:00 GMT", "2026-11-03T10:00:00Z"},
      {"two-digit year", "Tue, 03 Nov 26 10:00:00 GMT", "2026-11-03T10:00:00Z"},
      {"two-digit year last century", "Wed, 31 Dec 03 10:14:55 GMT", "2003-12-31T10:14:55Z"},
      {"missing seconds", "Tue, 03 Nov 2026 10:00 GMT", "2026-11-03T10:00:00Z"},
      {"UT", "03 Nov 2026 10:00:00 UT", "2026-11-03T10:00:00Z"},
      {"UTC", "03 Nov 2026 10:00:00 UTC", "2026-11-03T10:00:00Z"},
      {"Z", "03 Nov 2026 10:00:00 Z", "2026-11-03T10:00:00Z"},
      {"EST", "03 Nov 2026 10:00:00 EST", "2026-11-03T15:00:00Z"},
      {"EDT", "03 Nov 2026 10:00:00 EDT", "2026-11-03T14:00:00Z"},
      {"CST", "03 Nov 2026 10:00:00 CST", "2026-11-03T16:00:00Z"},
      {"CDT", "03 Nov 2026 10:00:00 CDT", "2026-11-03T15:00:00Z"},
      {"MST", "03 Nov 2026 10:00:00 MST", "2026-11-03T17:00:00Z"},
      {"MDT", "03 Nov 2026 10:00:00 MDT", "2026-11-03T16:00:00Z"},
      {"PST", "03 Nov 2026 10:00:00 PST", "2026-11-03T18:00:00Z"},
      {"PDT", "03 Nov 2026 10:00:00 PDT", "2026-11-03T17:00:00Z"},
      {"CET", "03 Nov 2026 10:00:00 CET", "2026-11-03T09:00:00Z"},
      {"CEST", "03 Jul 2026 10:00:00 CEST", "2026-07-03T08:00:00Z"},
      {"negative offset", "03 Nov 2026 10:00:00 -0530", "2026-11-03T15:30:00Z"},
      {"offset with colon", "03 Nov 2026 10:00:00 +01:00", "2026-11-03T09:00:00Z"},
      {"no zone means UTC", "03 Nov 2026 10:00:00", "2026-11-03T10:00:00Z"},
      {"full month name", "3 November 2026 10:00 GMT", "2026-11-03T10:00:00Z"},
      {"lower case", "tue, 03 nov 2026 10:00:00 gmt", "2026-11-03T10:00:00Z"},
      {"surrounding whitespace", "  Tue, 03 Nov 2026 10:00:00 GMT\n", "2026-11-03T10:00:00Z"},
      {"offset crosses midnight", "Sun, 01 Jan 2026 00:30:00 +0100", "2025-12-31T23:30:00Z"},
      {"wrong weekday is ignored", "Fri, 03 Nov 2026 10:00:00 GMT", "2026-11-03T10:00:00Z"},
      {"comma without space", "Tue,03 Nov 2026 10:00:00 GMT", "2026-11-03T10:00:00Z"},
      {"weekday with period", "Tue. 03 Nov. 2026 10:00:00 GMT", "2026-11-03T10:00:00Z"},
      {"long weekday and month", "Thurs, 5 Sept 2026 10:00 GMT", "2026-09-05T10:00:00Z"},
      {"two-digit year 89 is 2089", "03 Nov 89 10:00:00 GMT", "2089-11-03T10:00:00Z"},
      {"two-digit year 90 is 1990", "03 Nov 90 10:00:00 GMT", "1990-11-03T10:00:00Z"},
      {"military A", "03 Nov 2026 10:00:00 A", "2026-11-03T11:00:00Z"},
      {"military Y", "03 Nov 2026 10:00:00 Y", "2026-11-02T22:00:00Z"},
      {"AST", "03 Nov 2026 10:00:00 AST", "2026-11-03T14:00:00Z"},
      {"GMT with offset", "03 Nov 2026 10:00:00 GMT+01:00", "2026-11-03T09:00:00Z"},
      {"Etc/GMT", "03 Nov 2026 10:00:00 Etc/GMT", "2026-11-03T10:00:00Z"},
      {"zone Z", "Thu, 14 May 2020 10:00:18 Z", "2020-05-14T10:00:18Z"},
      {"month first, 12-hour clock", "Sat, Dec 16 2023 02:02:33 PM", "2023-12-16T14:02:33Z"},
      {"12 AM is midnight", "Dec 16 2023 12:30 AM", "2023-12-16T00:30:00Z"},
      {"asctime", "Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z"},
      {"perforce", "Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z"},
      {"date without time", "Tue, 03 Nov 2026", "2026-11-03T00:00:00Z"},
  };
  for (const DateCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(show(core::parse_date(c.text)), c.expected);
  }
}

TEST(ParseDate, ReadsIso8601AndW3cDtf) {
  const DateCase cases[] = {
      {"date only", "2026-11-03", "2026-11-03T00:00:00Z"},
      {"year and month", "2026-11", "2026-11-01T00:00:00Z"},
      {"year", "2026", "2026-01-01T00:00:00Z"},
      {"Z", "2026-11-03T10:00:07Z", "2026-11-03T10:00:07Z"},
      {"no seconds", "2026-11-03T10:00Z", "2026-11-03T10:00:00Z"},
      {"fractional seconds", "2026-11-03T10:00:07.123456Z", "2026-11-03T10:00:07Z"},
      {"positive offset", "2026-11-03T10:00:00+01:00", "2026-11-03T09:00:00Z"},
      {"negative offset", "2026-11-03T10:00:00-05:00", "2026-11-03T15:00:00Z"},
      {"offset without colon", "2026-11-03T10:00:00+0100", "2026-11-03T09:00:00Z"},
      {"space for T", "2026-11-03 10:00:00", "2026-11-03T10:00:00Z"},
      {"lower-case t and z", "2026-11-03t10:00:00z", "2026-11-03T10:00:00Z"},
      {"leap day", "2028-02-29T12:00:00Z", "2028-02-29T12:00:00Z"},
      {"basic format", "20261103T100007Z", "2026-11-03T10:00:07Z"},
      {"basic format date", "20261103", "2026-11-03T00:00:00Z"},
      {"basic format with offset", "20261103T1000+0100", "2026-11-03T09:00:00Z"},
      {"ordinal date", "2026-307", "2026-11-03T00:00:00Z"},
      {"ordinal date and time", "2026-307T10:00:00Z", "2026-11-03T10:00:00Z"},
  };
  for (const DateCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(show(core::parse_date(c.text)), c.expected);
  }
}

TEST(ParseDate, ReadsSwedishMonthAndWeekdayNames) {
  const DateCase cases[] = {
      {"date in words", "15 mars 2027", "2027-03-15T00:00:00Z"},
      {"weekday and offset", "tis, 3 nov 2026 10:00:00 +0100", "2026-11-03T09:00:00Z"},
      {"maj", "lör, 1 maj 2027 08:00 CEST", "2027-05-01T06:00:00Z"},
      {"okt with period", "fre 2 okt. 2026 12:00 GMT", "2026-10-02T12:00:00Z"},
      {"full names", "måndag 4 januari 2027", "2027-01-04T00:00:00Z"},
      {"kl. with a dotted time", "3 november 2026 kl. 14.00", "2026-11-03T14:00:00Z"},
      {"den and klockan", "den 3 november 2026 klockan 14.00.30", "2026-11-03T14:00:30Z"},
      {"short weekday, no time", "tis, 3 nov 2026", "2026-11-03T00:00:00Z"},
  };
  for (const DateCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(show(core::parse_date(c.text)), c.expected);
  }
}

TEST(ParseDate, ReadsOtherLocalizedNamesFeedsWrite) {
  const DateCase cases[] = {
      {"Portuguese", "Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40Z"},
      {"Portuguese December", "Qui, 12 Dez 2019 08:00:00 -0300", "2019-12-12T11:00:00Z"},
      {"Italian", "mer, 16 nov 2022 00:38:15 +0100", "2022-11-15T23:38:15Z"},
      {"Italian full month", "16 ottobre 2022", "2022-10-16T00:00:00Z"},
      {"German", "Mo, 3 Mär 2025 10:00:00 +0100", "2025-03-03T09:00:00Z"},
  };
  for (const DateCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(show(core::parse_date(c.text)), c.expected);
  }
}

TEST(ParseDate, LeavesWhatItCannotReadWithCertaintyUnread) {
  const DateCase cases[] = {
      {"empty", "", nullptr},
      {"words", "yesterday", nullptr},
      {"impossible day", "2026-02-30", nullptr},
      {"impossible month", "2026-13-01", nullptr},
      {"hour 25", "2026-11-03T25:00:00Z", nullptr},
      {"unknown zone", "03 Nov 2026 10:00:00 XYZ", nullptr},
      {"31 November", "Mon, 31 Nov 2026 10:00:00 GMT", nullptr},
      {"no year", "3 Nov 10:00:00 GMT", nullptr},
      {"trailing garbage", "2026-11-03T10:00:00Zfoo", nullptr},
      {"military letter other than A N M Y", "03 Nov 2026 10:00:00 B", nullptr},
      {"PM with a 24-hour time", "Dec 16 2023 14:02 PM", nullptr},
      {"ordinal day 366 in a common year", "2026-366", nullptr},
      {"impossible perforce month", "2006/13/15 08:19:53", nullptr},
  };
  for (const DateCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(show(core::parse_date(c.text)), "(none)");
  }
}

// RSS's usual form is read by a shortcut that must agree with the general
// reading at its edges: where a weekday is also a month name, a token ends
// in a dot, a word follows, the date does not exist or the clock runs over.
TEST(ParseDate, ReadsTheUsualFormAsEveryOther) {
  const DateCase cases[] = {
      {"a weekday that is a month name", "mar, 03 Nov 2026 10:00:00 GMT", nullptr},
      {"a dotted weekday", "Tis. 3 nov 2026 08:00 CET", "2026-11-03T07:00:00Z"},
      {"a word after the zone", "Tue, 03 Nov 2026 10:00:00 +0100 extra", nullptr},
      {"a day February lacks", "Tue, 31 Feb 2026 10:00:00 GMT", nullptr},
      {"no space after the comma", "Sat,01 Mar 2025 12:47:54 +0100", "2025-03-01T11:47:54Z"},
      {"a leap second", "sön, 1 mar 2026 23:59:60 Z", "2026-03-01T23:59:59Z"},
      {"a fraction and a colon in the zone", "Sat, 01 Mar 2025 12:47:54.5 +01:00", "2025-03-01T11:47:54Z"},
      {"hour 24", "Sat, 01 Mar 2025 24:00:00 GMT", nullptr},
      {"a two-digit year from 89", "01 Mar 89 12:00 GMT", "2089-03-01T12:00:00Z"},
  };
  for (const DateCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(show(core::parse_date(c.text)), c.expected ? c.expected : "(none)");
  }
}

TEST(ReadDate, KeepsTheRawTextBesideTheValue) {
  const Date unreadable = read_date("  någon gång  ");
  EXPECT_FALSE(unreadable.value);
  EXPECT_EQ(unreadable.raw, "någon gång");
  const Date readable = read_date("2026-11-03");
  ASSERT_TRUE(readable.value);
  EXPECT_EQ(core::format_rfc3339(*readable.value), "2026-11-03T00:00:00Z");
}

}  // namespace
}  // namespace omvarld::feeds
