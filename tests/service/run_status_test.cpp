// The daemon's STATUS= line (service/run_status.h).

#include "service/run_status.h"

#include <chrono>
#include <optional>
#include <string>

#include <gtest/gtest.h>

namespace omvarld::service {
namespace {

using namespace std::chrono;

// 2026-11-30 06:00 UTC is Monday 07:00 in Stockholm (winter time).
const core::TimePoint kMondaySeven = sys_days(year(2026) / 11 / 30) + hours(6);

TEST(RunStatus, SaysSourcesFailuresAndTheNextDigestInSwedish) {
  struct Case {
    const char* name;
    RunStatus status;
    std::string timezone;
    std::string line;
  };
  const Case cases[] = {
      {"many sources", {42, 3, kMondaySeven}, "Europe/Stockholm",
       "42 källor, 3 fel, nästa utskick mån 07:00"},
      {"one source", {1, 0, kMondaySeven + days(4) + minutes(30)}, "Europe/Stockholm",
       "1 källa, 0 fel, nästa utskick fre 07:30"},
      {"summer time", {2, 0, sys_days(year(2026) / 6 / 28) + hours(5)}, "Europe/Stockholm",
       "2 källor, 0 fel, nästa utskick sön 07:00"},
      {"unknown zone is UTC", {2, 1, kMondaySeven}, "Mars/Olympus",
       "2 källor, 1 fel, nästa utskick mån 06:00"},
      {"no digest planned", {0, 0, std::nullopt}, "Europe/Stockholm",
       "0 källor, 0 fel, inga utskick planerade"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(to_status_line(c.status, c.timezone), c.line);
  }
}

}  // namespace
}  // namespace omvarld::service
