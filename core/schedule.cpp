#include "core/schedule.h"

#include <cstdio>
#include <optional>
#include <vector>

#include "core/ascii.h"
#include "core/spelling.h"
#include "core/translate.h"

namespace omvarld::core {

namespace {

constexpr std::array<std::string_view, 7> kEnglishDays = {"mon", "tue", "wed", "thu",
                                                          "fri", "sat", "sun"};

// Every name a day may be written with, each with the days it stands for
// (bit 0 = Monday). Lower case; the text is lowered before it is looked up.
struct DayName {
  std::string_view name;
  unsigned days;
};
constexpr unsigned kEveryDay = 0x7f;
constexpr unsigned kMondayToFriday = 0x1f;
constexpr std::array<DayName, 32> kDayNames = {{
    {"mån", 1u << 0},     {"tis", 1u << 1},     {"ons", 1u << 2},     {"tor", 1u << 3},
    {"fre", 1u << 4},     {"lör", 1u << 5},     {"sön", 1u << 6},     {"måndag", 1u << 0},
    {"tisdag", 1u << 1},  {"onsdag", 1u << 2},  {"torsdag", 1u << 3}, {"fredag", 1u << 4},
    {"lördag", 1u << 5},  {"söndag", 1u << 6},  {"mon", 1u << 0},     {"tue", 1u << 1},
    {"wed", 1u << 2},     {"thu", 1u << 3},     {"fri", 1u << 4},     {"sat", 1u << 5},
    {"sun", 1u << 6},     {"monday", 1u << 0},  {"tuesday", 1u << 1}, {"wednesday", 1u << 2},
    {"thursday", 1u << 3}, {"friday", 1u << 4}, {"saturday", 1u << 5}, {"sunday", 1u << 6},
    {"vardagar", kMondayToFriday}, {"weekdays", kMondayToFriday},
    {"dagligen", kEveryDay},       {"daily", kEveryDay},
}};


// ASCII letters and the capitals Å, Ä, Ö, É lowered: day names are written
// "Måndag" and "MÅN" as often as "mån".
std::string lower_day_text(std::string_view text) {
  std::string lowered = lowercase_ascii(text);
  for (size_t at = 0; at + 1 < lowered.size(); ++at) {
    const auto lead = static_cast<unsigned char>(lowered[at]);
    const auto next = static_cast<unsigned char>(lowered[at + 1]);
    // U+00C5 Å, U+00C4 Ä, U+00D6 Ö, U+00C9 É are C3 85, C3 84, C3 96, C3 89;
    // their small letters are 0x20 further in the second byte.
    if (lead == 0xc3 && (next == 0x85 || next == 0x84 || next == 0x96 || next == 0x89)) {
      lowered[at + 1] = static_cast<char>(next + 0x20);
    }
  }
  return lowered;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The words of `text`, split at spaces, where a comma with spaces around it
// ("tis, tor") joins its neighbours into one word.
std::vector<std::string> words_of(std::string_view text) {
  std::string joined;
  for (size_t at = 0; at < text.size(); ++at) {
    if (is_space(text[at])) {
      size_t after = at;
      while (after < text.size() && is_space(text[after])) ++after;
      // Not before a time: "mån, 07:00" is a day missing, not a day "07:00".
      const bool by_comma =
          (!joined.empty() && joined.back() == ',' && after < text.size() && !is_digit(text[after])) ||
          (after < text.size() && text[after] == ',');
      if (!by_comma && !joined.empty() && after < text.size()) joined += ' ';
      at = after - 1;
    } else {
      joined += text[at];
    }
  }
  std::vector<std::string> words;
  size_t start = 0;
  for (size_t at = 0; at <= joined.size(); ++at) {
    if (at == joined.size() || joined[at] == ' ') {
      if (at > start) words.push_back(joined.substr(start, at - start));
      start = at + 1;
    }
  }
  return words;
}

bool looks_like_time(std::string_view word) { return !word.empty() && is_digit(word.front()); }

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

Result<Schedule> fail_with(std::string problem, std::string_view text) {
  return fail(Errc::kInvalidConfig,
              trf("{0}; expected a schedule such as \"mån 07:00\", \"tis,tor 07.00\", \"vardagar 07:30\" "
                  "or \"dagligen 07:00\", got {1}",
                  {problem, quoted(text)}));
}

std::optional<unsigned> day_bits(std::string_view name) {
  for (const DayName& day : kDayNames) {
    if (day.name == name) return day.days;
  }
  return std::nullopt;
}

// The days of "mån,tor" or "vardagar" as bits, or the problem with it.
Result<unsigned> parse_days(std::string_view word) {
  unsigned days = 0;
  size_t start = 0;
  for (size_t at = 0; at <= word.size(); ++at) {
    if (at != word.size() && word[at] != ',') continue;
    const std::string_view name = word.substr(start, at - start);
    start = at + 1;
    if (name.empty()) return fail(Errc::kInvalidConfig, std::string(tr("a day is missing next to a comma")));
    const auto bits = day_bits(name);
    if (!bits) {
      std::string problem = trf("unknown weekday {0}", {quoted(name)});
      std::array<std::string_view, kDayNames.size()> names;
      for (size_t i = 0; i < kDayNames.size(); ++i) names[i] = kDayNames[i].name;
      if (auto close = closest_spelling(name, names)) {
        problem += " (" + trf("did you mean {0}?", {quoted(*close)}) + ")";
      }
      return fail(Errc::kInvalidConfig, problem);
    }
    days |= *bits;
  }
  return days;
}

struct TimeOfDay {
  int hour;
  int minute;
};

// "7:00", "07:00", "7.00" or "07.00", or the problem with it.
Result<TimeOfDay> parse_time(std::string_view word) {
  const size_t mark = word.find_first_of(":.");
  const bool digits = mark != std::string_view::npos && (mark == 1 || mark == 2) &&
                      word.size() == mark + 3 && is_digit(word[0]) && is_digit(word[mark - 1]) &&
                      is_digit(word[mark + 1]) && is_digit(word[mark + 2]);
  if (!digits) {
    return fail(Errc::kInvalidConfig,
                trf("{0} is not a time: write hours and minutes such as 07:00 or 7.00", {quoted(word)}));
  }
  const int hour = mark == 1 ? word[0] - '0' : (word[0] - '0') * 10 + (word[1] - '0');
  const int minute = (word[mark + 1] - '0') * 10 + (word[mark + 2] - '0');
  if (hour > 23 || minute > 59) {
    return fail(Errc::kInvalidConfig,
                trf("{0} is not a time of day: hours go from 0 to 23, minutes from 0 to 59", {quoted(word)}));
  }
  return TimeOfDay{hour, minute};
}

// What is wrong with the order of `words` (more than one), if anything:
// only "DAYS TIME" is right.
std::optional<std::string> word_order_problem(const std::vector<std::string>& words) {
  const bool time_last = looks_like_time(words.back());
  if (words.size() == 2 && time_last && !looks_like_time(words.front())) return std::nullopt;
  if (looks_like_time(words.front())) return std::string(tr("write the days first and then the time"));
  // "mån tis 07:00": days written without the commas between them.
  const size_t day_words = time_last ? words.size() - 1 : words.size();
  std::string joined;
  for (size_t at = 0; at < day_words; ++at) {
    if (!parse_days(words[at])) return std::string(tr("write the days, then the time, and nothing else"));
    joined += (at == 0 ? "" : ",") + words[at];
  }
  if (time_last) joined += " " + words.back();
  return trf("separate the days with commas: {0}", {quoted(joined)});
}

}  // namespace

Result<Schedule> parse_schedule(std::string_view text) {
  const std::vector<std::string> words = words_of(lower_day_text(text));
  if (words.empty()) return fail_with(std::string(tr("the schedule is empty")), text);

  if (words.size() > 1) {
    if (auto problem = word_order_problem(words)) return fail_with(*problem, text);
  }

  Schedule schedule;
  schedule.hour = kDefaultScheduleHour;
  unsigned days = kEveryDay;
  for (const std::string& word : words) {
    if (looks_like_time(word)) {
      auto time = parse_time(word);
      if (!time) return fail_with(time.error().message, text);
      schedule.hour = time->hour;
      schedule.minute = time->minute;
    } else {
      auto parsed = parse_days(word);
      if (!parsed) return fail_with(parsed.error().message, text);
      days = *parsed;
    }
  }
  for (size_t day = 0; day < 7; ++day) schedule.weekdays[day] = (days >> day & 1u) != 0;
  return schedule;
}

std::string to_string(const Schedule& schedule) {
  std::string days;
  bool every_day = true;
  for (int day = 0; day < 7; ++day) {
    if (!schedule.weekdays[static_cast<size_t>(day)]) {
      every_day = false;
      continue;
    }
    if (!days.empty()) days += ',';
    days += kEnglishDays[static_cast<size_t>(day)];
  }
  char time[6];
  std::snprintf(time, sizeof time, "%02d:%02d", schedule.hour, schedule.minute);
  return (every_day ? std::string("daily") : days) + " " + time;
}

}  // namespace omvarld::core
