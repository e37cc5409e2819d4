// tests/support/utc_time.h
//
// Times as the binary prints them and as feeds carry them, for end-to-end
// tests: RFC 3339 UTC ("2026-11-27T23:41:30Z") both ways, and RFC 822 dates
// for RSS pubDate. Header-only; POSIX (timegm, gmtime_r).

#pragma once

#include <time.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

#include <gtest/gtest.h>

namespace omvarld::testing {

// "2026-11-27T23:41:30Z" as a time point; a failure is reported and gives
// the epoch.
inline std::chrono::sys_seconds parse_utc(const std::string& text) {
  tm parts{};
  if (sscanf(text.c_str(), "%d-%d-%dT%d:%d:%dZ", &parts.tm_year, &parts.tm_mon, &parts.tm_mday,
             &parts.tm_hour, &parts.tm_min, &parts.tm_sec) != 6) {
    ADD_FAILURE() << "not an RFC 3339 UTC time: \"" << text << "\"";
    return {};
  }
  parts.tm_year -= 1900;
  parts.tm_mon -= 1;
  return std::chrono::sys_seconds{std::chrono::seconds{timegm(&parts)}};
}

// `time` as "2026-11-27T23:41:30Z".
inline std::string format_utc(std::chrono::sys_seconds time) {
  const time_t seconds = time.time_since_epoch().count();
  tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

// `when` as an RFC 822 date in UTC: "Fri, 27 Nov 2026 23:41:30 +0000".
inline std::string rfc822_date(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return text;
}

}  // namespace omvarld::testing
