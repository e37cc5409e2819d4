#include "core/dates.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <vector>

#include "core/ascii.h"

namespace omvarld::core {
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
    // Portuguese, Italian, Spanish, German and French forms that the
    // English and Swedish ones above do not already cover: CMSs configured
    // with a locale write them into RSS pubDate ("Seg, 24 Set 2018",
    // "mer, 16 nov 2022").
    Name{"fev", 2}, Name{"abr", 4}, Name{"mai", 5}, Name{"ago", 8}, Name{"set", 9},
    Name{"out", 10}, Name{"dez", 12}, Name{"gen", 1}, Name{"mag", 5}, Name{"giu", 6},
    Name{"lug", 7}, Name{"ott", 10}, Name{"dic", 12}, Name{"ene", 1}, Name{"mär", 3},
    Name{"märz", 3}, Name{"janv", 1}, Name{"févr", 2}, Name{"avr", 4}, Name{"juil", 7},
    Name{"août", 8}, Name{"déc", 12}, Name{"janeiro", 1}, Name{"fevereiro", 2},
    Name{"março", 3}, Name{"maio", 5}, Name{"junho", 6}, Name{"julho", 7},
    Name{"agosto", 8}, Name{"setembro", 9}, Name{"outubro", 10}, Name{"novembro", 11},
    Name{"dezembro", 12}, Name{"gennaio", 1}, Name{"febbraio", 2}, Name{"marzo", 3},
    Name{"aprile", 4}, Name{"maggio", 5}, Name{"giugno", 6}, Name{"luglio", 7},
    Name{"settembre", 9}, Name{"ottobre", 10}, Name{"dicembre", 12},
};

// English month and weekday abbreviations, which feedparser recognises by
// their first three letters ("Sept", "Thurs").
constexpr std::array<std::string_view, 12> kEnglishMonths = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> kEnglishWeekdays = {"mon", "tue", "wed", "thu",
                                                              "fri", "sat", "sun"};

// Words around a date that say nothing about it: Swedish "den 3 mars",
// "kl. 14.00", English "Dec 16 2023 at 2:02 PM".
constexpr std::array<std::string_view, 4> kFillers = {"den", "kl", "klockan", "at"};

constexpr std::array<std::string_view, 50> kWeekdays = {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "mån", "tis", "ons", "tor", "fre", "lör",
    "sön", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
    // Portuguese, Italian, Spanish, German, French.
    "seg", "ter", "qua", "qui", "sex", "sáb", "dom", "lun", "mer", "gio", "ven",
    "sab", "mié", "jue", "vie", "mo", "di", "mi", "do", "fr", "sa", "so"};

// RFC 822 §5.1 zones plus the European ones Swedish publishers write.
constexpr std::array kZones = {
    Name{"gmt", 0},     Name{"ut", 0},      Name{"utc", 0},     Name{"z", 0},
    Name{"est", -300},  Name{"edt", -240},  Name{"cst", -360},  Name{"cdt", -300},
    Name{"mst", -420},  Name{"mdt", -360},  Name{"pst", -480},  Name{"pdt", -420},
    Name{"cet", 60},    Name{"cest", 120},  Name{"met", 60},    Name{"mest", 120},
    Name{"bst", 60},    Name{"eet", 120},   Name{"eest", 180},
    // feedparser's further North American names, and the four military
    // letters it reads (RFC 822 §5.1 gives their signs; RFC 1123 §5.2.14
    // notes that they were often used the other way round, so the other
    // letters are left unread).
    Name{"at", -240},   Name{"ast", -240},  Name{"adt", -180},  Name{"et", -300},
    Name{"ct", -360},   Name{"mt", -420},   Name{"pt", -480},   Name{"a", -60},
    Name{"n", 60},      Name{"m", -720},    Name{"y", 720},
};

template <std::size_t N>
std::optional<int> lookup(const std::array<Name, N>& table, std::string_view key) {
  for (const Name& entry : table) {
    // The first letter rules out most names before a comparison call.
    if (entry.name.size() == key.size() && entry.name[0] == key[0] && entry.name == key) return entry.value;
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
  std::array<std::string_view, 3> fields;
  std::size_t count = 0;
  std::size_t start = 0;
  while (true) {
    if (count == fields.size()) return false;
    const auto colon = text.find(':', start);
    fields[count++] = text.substr(start, colon == std::string_view::npos ? colon : colon - start);
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (count < 2) return false;
  for (std::size_t i = 0; i < count; ++i) {
    if (fields[i].empty() || fields[i].size() > 2 || !all_digits(fields[i])) return false;
  }
  hour = *to_int(fields[0]);
  minute = *to_int(fields[1]);
  second = count == 3 ? *to_int(fields[2]) : 0;
  return true;
}

// ISO 8601 / W3C-DTF: "2026-11-03", "2026-11-03T10:00Z",
// "2026-11-03T10:00:07.25+01:00", "2026-11-03 10:00:07", "2026-11", "2026".
std::optional<core::TimePoint> parse_iso8601_extended(std::string_view text);

// ISO 8601's basic format ("20261103T100007Z", "20261103") and ordinal
// dates ("2026-307T10:00Z"), rewritten in the extended calendar form.
std::optional<std::string> extended_form(std::string_view text) {
  std::string date;
  std::size_t pos = 0;
  if (text.size() >= 8 && all_digits(text.substr(0, 8)) && (text.size() == 8 || text[8] == 'T' || text[8] == 't')) {
    date = std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" + std::string(text.substr(6, 2));
    pos = 8;
  } else if (text.size() >= 8 && text[4] == '-' && all_digits(text.substr(5, 3)) &&
             (text.size() == 8 || text[8] == 'T' || text[8] == 't')) {
    const int year = *to_int(text.substr(0, 4));
    const int ordinal = *to_int(text.substr(5, 3));
    const std::chrono::year_month_day first{std::chrono::year(year), std::chrono::January, std::chrono::day(1)};
    const std::chrono::year_month_day day{std::chrono::sys_days(first) + days(ordinal - 1)};
    if (ordinal < 1 || day.year() != std::chrono::year(year)) return std::nullopt;
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year, static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    date = buffer;
    pos = 8;
  } else {
    return std::nullopt;
  }
  if (pos == text.size()) return date;
  std::string_view rest = text.substr(pos + 1);
  std::size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
  std::string clock;
  if ((digits == 4 || digits == 6) && (digits == rest.size() || rest[digits] != ':')) {
    clock = std::string(rest.substr(0, 2)) + ":" + std::string(rest.substr(2, 2));
    if (digits == 6) clock += ":" + std::string(rest.substr(4, 2));
    rest.remove_prefix(digits);
  }
  return date + "T" + clock + std::string(rest);
}

std::optional<core::TimePoint> parse_iso8601(std::string_view text) {
  if (auto extended = extended_form(text)) return parse_iso8601_extended(*extended);
  return parse_iso8601_extended(text);
}

std::optional<core::TimePoint> parse_iso8601_extended(std::string_view text) {
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

// A month name: the tables above, or an English name by its first three
// letters ("Sept", "Augusts" is as feedparser reads it).
std::optional<int> month_named(std::string_view token) {
  // Days, years and clocks start with a digit; no month does.
  if (!token.empty() && token[0] >= '0' && token[0] <= '9') return std::nullopt;
  if (auto month = lookup(kMonths, token)) return month;
  if (token.size() > 3) {
    const auto found = std::find(kEnglishMonths.begin(), kEnglishMonths.end(), token.substr(0, 3));
    if (found != kEnglishMonths.end()) return static_cast<int>(found - kEnglishMonths.begin()) + 1;
  }
  return std::nullopt;
}

bool is_weekday(std::string_view token) {
  if (std::find(kWeekdays.begin(), kWeekdays.end(), token) != kWeekdays.end()) return true;
  return token.size() > 3 &&
         std::find(kEnglishWeekdays.begin(), kEnglishWeekdays.end(), token.substr(0, 3)) !=
             kEnglishWeekdays.end();
}

// "14.00" or "14.00.07": the Swedish way of writing a time ("kl. 14.00").
bool is_dotted_clock(std::string_view token) {
  int fields = 1;
  std::size_t run = 0;
  for (char c : token) {
    if (c == '.') {
      if (run == 0 || run > 2) return false;
      ++fields;
      run = 0;
    } else if (c >= '0' && c <= '9') {
      ++run;
    } else {
      return false;
    }
  }
  return run == 2 && (fields == 2 || fields == 3);
}

// "2006/09/15" (Perforce) as year, month and day.
bool parse_slashed_date(std::string_view token, std::optional<int>& year, std::optional<int>& month,
                        std::optional<int>& day) {
  const auto first = token.find('/');
  const auto second = token.find('/', first + 1);
  if (first != 4 || second == std::string_view::npos) return false;
  year = to_int(token.substr(0, first));
  month = to_int(token.substr(first + 1, second - first - 1));
  day = to_int(token.substr(second + 1));
  return year && month && day && *month >= 1 && *month <= 12;
}

// "Etc/GMT", "GMT+01:00", "UTC-5": a zone written after GMT or UTC.
std::optional<int> parse_named_offset(std::string_view token) {
  if (token.starts_with("etc/")) token.remove_prefix(4);
  if ((token.starts_with("gmt") || token.starts_with("utc")) && token.size() > 3) {
    std::string_view offset = token.substr(3);
    if (offset[0] != '+' && offset[0] != '-') return std::nullopt;
    // "UTC-5": hours alone, one digit or two.
    if (offset.size() == 2 || (offset.size() == 3 && all_digits(offset.substr(1)))) {
      const auto hours_east = to_int(offset.substr(1));
      if (!hours_east || *hours_east > 23) return std::nullopt;
      return (offset[0] == '-' ? -60 : 60) * *hours_east;
    }
    return parse_zone(offset);
  }
  return parse_zone(token);
}

// The form nearly every RSS feed writes, "Sat, 01 Mar 2025 12:47:54 +0100":
// an optional weekday, the day, a month name, a year of four digits or two,
// a clock and an optional zone, read without copying a token. It gives what
// parse_rfc822 below gives for the same text (the same tests, in the order
// that one applies them) or nothing, and that one then reads the text.
std::optional<core::TimePoint> parse_rfc1123(std::string_view text) {
  constexpr std::size_t kLongest = 15;
  std::array<std::array<char, kLongest>, 6> lowered;
  std::array<std::string_view, 6> tokens;
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == ' ' || c == ',' || c == '\t') {
      ++i;
      continue;
    }
    if (count == tokens.size()) return std::nullopt;
    std::size_t length = 0;
    for (; i < text.size() && text[i] != ' ' && text[i] != ',' && text[i] != '\t'; ++i, ++length) {
      if (length == kLongest) return std::nullopt;
      const char t = text[i];
      lowered[count][length] = t >= 'A' && t <= 'Z' ? static_cast<char>(t - 'A' + 'a') : t;
    }
    tokens[count] = std::string_view(lowered[count].data(), length);
    // "3. nov." and "Tis.": parse_rfc822 drops the dot first.
    if (tokens[count].back() == '.') return std::nullopt;
    ++count;
  }
  std::size_t next = 0;
  if (count > 0 && !(tokens[0][0] >= '0' && tokens[0][0] <= '9')) {
    if (month_named(tokens[0]) || !is_weekday(tokens[0])) return std::nullopt;
    next = 1;
  }
  if (count - next < 4 || count - next > 5) return std::nullopt;
  const std::string_view day = tokens[next];
  const std::string_view year = tokens[next + 2];
  const std::string_view clock = tokens[next + 3];
  const std::optional<int> month = month_named(tokens[next + 1]);
  if (!all_digits(day) || day.size() > 2 || !month || !all_digits(year) || (year.size() != 4 && year.size() != 2) ||
      clock.find(':') == std::string_view::npos || clock.find_first_of("+-") != std::string_view::npos) {
    return std::nullopt;
  }
  int hour = 0, minute = 0, second = 0;
  if (!parse_clock(clock, hour, minute, second)) return std::nullopt;
  std::optional<int> zone = 0;
  if (count - next == 5) zone = parse_named_offset(tokens[next + 4]);
  if (!zone) return std::nullopt;
  int full_year = *to_int(year);
  if (year.size() == 2) full_year += full_year < 90 ? 2000 : 1900;
  return make_time(full_year, *month, *to_int(day), hour, minute, second, *zone);
}

// RFC 822 §5 / RFC 1123 §5.2.14 and what feeds make of it: an optional
// weekday (in several languages, not checked against the date), day and
// month in either order, two-digit years, missing seconds, a missing time,
// a 12-hour clock, named or numeric zones, Asctime's order ("Sun Nov  6
// 08:49:37 1994") and Perforce's date ("2006/09/15 08:19:53 EDT").
std::optional<core::TimePoint> parse_rfc822(std::string_view text) {
  if (auto quick = parse_rfc1123(text)) return quick;
  std::vector<std::string> tokens;
  tokens.reserve(8);  // "Sat, 01 Mar 2025 12:47:54 +0100" is six
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
    if (t.ends_with('.') && !is_dotted_clock(t)) t.pop_back();  // "3. nov.", "Tis.", "kl."
    if (auto m = month_named(t); m && !month) {
      month = m;
    } else if (is_weekday(t) && !day) {
      continue;
    } else if (std::find(kFillers.begin(), kFillers.end(), t) != kFillers.end() && !have_time) {
      continue;
    } else if (all_digits(t) && t.size() <= 2 && !day) {
      day = to_int(t);
    } else if (all_digits(t) && (t.size() == 4 || t.size() == 2) && !year) {
      year = to_int(t);
      // feedparser's rule: two-digit years from 90 are 19xx, the rest 20xx.
      if (t.size() == 2) *year += *year < 90 ? 2000 : 1900;
    } else if (t.find('/') != std::string::npos && !year && !month && !day) {
      if (!parse_slashed_date(t, year, month, day)) return std::nullopt;
    } else if (is_dotted_clock(t) && !have_time && year) {
      std::string clock = t;
      std::replace(clock.begin(), clock.end(), '.', ':');
      if (!parse_clock(clock, hour, minute, second)) return std::nullopt;
      have_time = true;
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
    } else if ((t == "am" || t == "pm") && have_time) {
      // The 12-hour clock: 12:30 AM is 00:30, 12:30 PM is 12:30.
      if (hour < 1 || hour > 12) return std::nullopt;
      hour = hour % 12 + (t == "pm" ? 12 : 0);
    } else if (auto z = parse_named_offset(t); z && have_time && !zone) {
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

std::optional<int> month_number(std::string_view name) {
  while (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return month_named(lowercase_ascii(name));
}

}  // namespace omvarld::core
