#include "core/schedule.h"

#include <string>

#include <gtest/gtest.h>

namespace omvarld::core {
namespace {

TEST(ParseSchedule, ReadsWeeklyDailyAndListedDays) {
  auto weekly = parse_schedule("mon 07:00");
  ASSERT_TRUE(weekly);
  EXPECT_TRUE(weekly->weekdays[0]);
  EXPECT_FALSE(weekly->weekdays[1]);
  EXPECT_EQ(weekly->hour, 7);
  EXPECT_EQ(weekly->minute, 0);

  auto daily = parse_schedule("daily 16:45");
  ASSERT_TRUE(daily);
  for (bool day : daily->weekdays) EXPECT_TRUE(day);
  EXPECT_EQ(to_string(*daily), "daily 16:45");

  auto twice = parse_schedule("mon,thu 07:00");
  ASSERT_TRUE(twice);
  EXPECT_EQ(to_string(*twice), "mon,thu 07:00");
}

struct FormCase {
  const char* name;
  const char* text;
  const char* canonical;  // to_string of the result
};

// Every form docs/reference.md ("Schedules") lists, one case each.
const FormCase kForms[] = {
    {"Swedish day in full", "måndag 07:00", "mon 07:00"},
    {"Swedish day in three letters", "mån 08:30", "mon 08:30"},
    {"each Swedish day in full", "måndag,tisdag,onsdag,torsdag,fredag,lördag,söndag 06:00",
     "daily 06:00"},
    {"each Swedish day in three letters", "tis,ons,tor,fre,lör,sön 06:00",
     "tue,wed,thu,fri,sat,sun 06:00"},
    {"each English day in full", "monday,tuesday,wednesday,thursday,friday 09:15",
     "mon,tue,wed,thu,fri 09:15"},
    {"each English day in three letters", "sat,sun 10:00", "sat,sun 10:00"},
    {"days only, at seven", "mån", "mon 07:00"},
    {"a time only, every day", "7:00", "daily 07:00"},
    {"a time with a dot", "tis,tor 07.00", "tue,thu 07:00"},
    {"a one-digit hour with a dot", "fre 7.30", "fri 07:30"},
    {"weekdays in Swedish", "vardagar 07:30", "mon,tue,wed,thu,fri 07:30"},
    {"weekdays in English", "weekdays 07:30", "mon,tue,wed,thu,fri 07:30"},
    {"weekdays alone", "vardagar", "mon,tue,wed,thu,fri 07:00"},
    {"daily in Swedish", "dagligen 07:00", "daily 07:00"},
    {"daily in Swedish alone", "dagligen", "daily 07:00"},
    {"capitals", "MÅNDAG 07:00", "mon 07:00"},
    {"capital first letter", "Lördag,Söndag 09:00", "sat,sun 09:00"},
    {"capitals of å, ä, ö", "LÖR,SÖN,MÅN 09:00", "mon,sat,sun 09:00"},
    {"English capitals", "Mon,THU 07:00", "mon,thu 07:00"},
    {"spaces around commas and the whole", "  tis , tor   07:00 ", "tue,thu 07:00"},
    {"weekdays and a weekend day", "vardagar,lör 07:00", "mon,tue,wed,thu,fri,sat 07:00"},
    {"midnight", "sön 0:00", "sun 00:00"},
    {"last minute of the day", "sön 23:59", "sun 23:59"},
};

TEST(ParseSchedule, AcceptsEachDocumentedForm) {
  for (const FormCase& c : kForms) {
    SCOPED_TRACE(c.name);
    auto schedule = parse_schedule(c.text);
    ASSERT_TRUE(schedule) << schedule.error().message;
    EXPECT_EQ(to_string(*schedule), c.canonical);
  }
}

struct ErrorCase {
  const char* name;
  const char* text;
  const char* problem;  // the message before "; expected a schedule such as …"
};

const ErrorCase kErrors[] = {
    {"empty", "", "schemat är tomt"},
    {"blank", "   ", "schemat är tomt"},
    {"misspelt Swedish day", "månda 07:00", "okänd veckodag \"månda\" (menade du \"måndag\"?)"},
    {"misspelt English day", "mondy 07:00", "okänd veckodag \"mondy\" (menade du \"monday\"?)"},
    {"no day at all", "veckovis 07:00", "okänd veckodag \"veckovis\""},
    {"a day missing between commas", "mån,,tor 07:00", "en dag saknas vid ett kommatecken"},
    {"a comma before the time", "mån, 07:00", "en dag saknas vid ett kommatecken"},
    {"days without commas", "mån tis 07:00", "skilj dagarna åt med kommatecken: \"mån,tis 07:00\""},
    {"days without commas nor time", "mån tis", "skilj dagarna åt med kommatecken: \"mån,tis\""},
    {"time first", "07:00 mån", "skriv dagarna först och sedan tiden"},
    {"words after the time", "mån 07:00 varje vecka",
     "skriv dagarna, sedan tiden och inget annat"},
    {"am and pm", "mon 7am", "\"7am\" är ingen tid: skriv timmar och minuter, som 07:00 eller 7.00"},
    {"hour only", "mån 7", "\"7\" är ingen tid: skriv timmar och minuter, som 07:00 eller 7.00"},
    {"one-digit minutes", "mån 7:0", "\"7:0\" är ingen tid: skriv timmar och minuter, som 07:00 eller 7.00"},
    {"hour 24", "mon 24:00",
     "\"24:00\" är ingen tid på dygnet: timmar går från 0 till 23, minuter från 0 till 59"},
    {"minute 60", "mon 07:60",
     "\"07:60\" är ingen tid på dygnet: timmar går från 0 till 23, minuter från 0 till 59"},
};

TEST(ParseSchedule, SaysWhatIsWrongAndWhatToWrite) {
  for (const ErrorCase& c : kErrors) {
    SCOPED_TRACE(c.name);
    auto schedule = parse_schedule(c.text);
    ASSERT_FALSE(schedule);
    EXPECT_EQ(schedule.error().code, Errc::kInvalidConfig);
    EXPECT_EQ(schedule.error().message,
              std::string(c.problem) +
                  "; väntade ett schema som \"mån 07:00\", \"tis,tor 07.00\", \"vardagar 07:30\" eller \"dagligen 07:00\", fick \"" + c.text + "\"");
  }
}

}  // namespace
}  // namespace omvarld::core
