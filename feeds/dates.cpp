#include "feeds/dates.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <vector>

#include "feeds/ascii.h"

namespace omvarld::feeds {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

struct Name {
  std::string_view name;
  int value;
};

// Months in English and Swedish, full and abbreviated ("sept" too).
constexpr std::array kMonths = {
    Name{"jan", 1}, Name{"january", 1}, Name{"januari", 1}, Name{"feb", 2}, Name{"february", 2},
    Name{"februari", 2}, Name{"mar", 3}, Name{"march", 3}, Name{"mars", 3}, Name{"apr", 4},
    Name{"april", 4}, Name{"may", 5}, Name{"maj", 5}, Name{"jun", 6}, Name{"june", 6},
    Name{"juni", 6}, Name{"jul", 7}, Name{"july", 7}, Name{"juli", 7}, Name{"aug", 8},
    Name{"august", 8}, Name{"augusti", 8}, Name{"sep", 9}, Name{"sept", 9},
    Name{"september", 9}, Name{"oct", 10}, Name{"okt", 10}, Name{"october", 10},
    Name{"oktober", 10}, Name{"nov", 11}, Name{"november", 11}, Name{"dec", 12},
    Name{"december", 12},
};

constexpr std::array<std::string_view, 28> kWeekdays = {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "mån", "tis", "ons", "tor", "fre", "lör",
    "sön", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"};

// RFC 822 §5.1 zones plus the European ones Swedish publishers write.
constexpr std::array kZones = {
    Name{"gmt", 0},     Name{"ut", 0},      Name{"utc", 0},     Name{"z", 0},
    Name{"est", -300},  Name{"edt", -240},  Name{"cst", -360},  Name{"cdt", -300},
    Name{"mst", -420},  Name{"mdt", -360},  Name{"pst", -480},  Name{"pdt", -420},
    Name{"cet", 60},    Name{"cest", 120},  Name{"met", 60},    Name{"mest", 120},
    Name{"bst", 60},    Name{"eet", 120},   Name{"eest", 180},
};

template <std::size_t N>
std::optional<int> lookup(const std::array<Name, N>& table, std::string_view key) {
  for (const Name& entry : table) {
    if (entry.name == key) return entry.value;
  }
  return std::nullopt;
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<int> to_int(std::string_view text) {
  if (!all_digits(text)) return std::nullopt;
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<core::TimePoint> make_time(int year, int month, int day, int hour, int minute,
                                         int second, int offset_minutes) {
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  if (second == 60) second = 59;  // a leap second; TimePoint cannot hold it
  return core::TimePoint(std::chrono::sys_days(date)) + hours(hour) + minutes(minute) +
         seconds(second) - minutes(offset_minutes);
}

// "+0100", "-05:00", "+01", or a named zone; minutes east of UTC.
std::optional<int> parse_zone(std::string_view token) {
  if (token.empty()) return std::nullopt;
  if (token[0] == '+' || token[0] == '-') {
    std::string digits;
    for (char c : token.substr(1)) {
      if (c != ':') digits += c;
    }
    if (!all_digits(digits) || (digits.size() != 2 && digits.size() != 4)) return std::nullopt;
    const int hh = *to_int(digits.substr(0, 2));
    const int mm = digits.size() == 4 ? *to_int(digits.substr(2, 2)) : 0;
    if (hh > 23 || mm > 59) return std::nullopt;
    return (token[0] == '-' ? -1 : 1) * (hh * 60 + mm);
  }
  return lookup(kZones, lowercase_ascii(token));
}

// "10:00", "10:00:07"; fractions are dropped.
bool parse_clock(std::string_view text, int& hour, int& minute, int& second) {
  if (const auto dot = text.find_first_of(".,"); dot != std::string_view::npos) {
    if (!all_digits(text.substr(dot + 1))) return false;
    text = text.substr(0, dot);
  }
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const auto colon = text.find(':', start);
    fields.push_back(text.substr(start, colon == std::string_view::npos ? colon : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (fields.size() < 2 || fields.size() > 3) return false;
  for (std::string_view field : fields) {
    if (field.empty() || field.size() > 2 || !all_digits(field)) return false;
  }
  hour = *to_int(fields[0]);
  minute = *to_int(fields[1]);
  second = fields.size() == 3 ? *to_int(fields[2]) : 0;
  return true;
}

// ISO 8601 / W3C-DTF: "2026-11-03", "2026-11-03T10:00Z",
// "2026-11-03T10:00:07.25+01:00", "2026-11-03 10:00:07", "2026-11", "2026".
std::optional<core::TimePoint> parse_iso8601(std::string_view text) {
  if (text.size() < 4 || !all_digits(text.substr(0, 4))) return std::nullopt;
  const int year = *to_int(text.substr(0, 4));
  int month = 1;
  int day = 1;
  std::size_t pos = 4;
  if (pos < text.size() && text[pos] == '-') {
    if (text.size() < pos + 3 || !all_digits(text.substr(pos + 1, 2))) return std::nullopt;
    month = *to_int(text.substr(pos + 1, 2));
    pos += 3;
    if (pos < text.size() && text[pos] == '-') {
      if (text.size() < pos + 3 || !all_digits(text.substr(pos + 1, 2))) return std::nullopt;
      day = *to_int(text.substr(pos + 1, 2));
      pos += 3;
    }
  }
  if (month < 1 || month > 12) return std::nullopt;
  if (pos == text.size()) return make_time(year, month, day, 0, 0, 0, 0);
  if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
  std::string_view rest = text.substr(pos + 1);
  std::string_view zone;
  if (const auto z = rest.find_first_of("Zz+-"); z != std::string_view::npos) {
    zone = rest.substr(z);
    rest = rest.substr(0, z);
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!parse_clock(rest, hour, minute, second)) return std::nullopt;
  int offset = 0;
  if (!zone.empty()) {
    const auto parsed = parse_zone(zone);
    if (!parsed) return std::nullopt;
    offset = *parsed;
  }
  return make_time(year, month, day, hour, minute, second, offset);
}

// RFC 822 §5 / RFC 1123 §5.2.14 and what feeds make of it: an optional
// weekday (English or Swedish), day and month in either order, two-digit
// years, missing seconds, a missing time, named or numeric zones.
std::optional<core::TimePoint> parse_rfc822(std::string_view text) {
  std::vector<std::string> tokens;
  std::string token;
  for (char c : text) {
    if (c == ' ' || c == ',' || c == '\t') {
      if (!token.empty()) tokens.push_back(lowercase_ascii(token));
      token.clear();
    } else {
      token += c;
    }
  }
  if (!token.empty()) tokens.push_back(lowercase_ascii(token));

  std::optional<int> day, month, year, zone;
  int hour = 0, minute = 0, second = 0;
  bool have_time = false;
  for (std::string& t : tokens) {
    if (t.ends_with('.')) t.pop_back();  // "3. nov.", "Tis."
    if (auto m = lookup(kMonths, t); m && !month) {
      month = m;
    } else if (std::find(kWeekdays.begin(), kWeekdays.end(), t) != kWeekdays.end() && !day) {
      continue;
    } else if (all_digits(t) && t.size() <= 2 && !day) {
      day = to_int(t);
    } else if (all_digits(t) && (t.size() == 4 || t.size() == 2) && !year) {
      year = to_int(t);
      // RFC 2822 §4.3: two-digit years below 50 are 20xx.
      if (t.size() == 2) *year += *year < 50 ? 2000 : 1900;
    } else if (t.find(':') != std::string::npos && !have_time) {
      // "10:00:00+0100" glued together.
      std::string_view clock = t;
      if (const auto sign = clock.find_first_of("+-"); sign != std::string_view::npos) {
        zone = parse_zone(clock.substr(sign));
        if (!zone) return std::nullopt;
        clock = clock.substr(0, sign);
      }
      if (!parse_clock(clock, hour, minute, second)) return std::nullopt;
      have_time = true;
    } else if (auto z = parse_zone(t); z && have_time && !zone) {
      zone = z;
    } else {
      return std::nullopt;
    }
  }
  if (!day || !month || !year) return std::nullopt;
  return make_time(*year, *month, *day, hour, minute, second, zone.value_or(0));
}

}  // namespace

std::optional<core::TimePoint> parse_date(std::string_view text) {
  text = trim_space(text);
  if (text.empty()) return std::nullopt;
  if (auto iso = parse_iso8601(text)) return iso;
  return parse_rfc822(text);
}

Date read_date(std::string_view raw) {
  raw = trim_space(raw);
  return Date{parse_date(raw), std::string(raw)};
}

std::string format_rfc3339(core::TimePoint time) {
  const auto day_point = std::chrono::floor<days>(time);
  const std::chrono::year_month_day date(day_point);
  const std::chrono::hh_mm_ss clock(time - day_point);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02lldZ",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()),
                static_cast<long long>(clock.seconds().count()));
  return buffer;
}

}  // namespace omvarld::feeds
