#include "sources/date_format.h"

#include <chrono>

#include "core/ascii.h"
#include "core/dates.h"

namespace omvarld::sources {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// A letter of a month name: ASCII, or any byte of a UTF-8 sequence ("mär").
bool is_name_byte(char c) { return is_ascii_letter(c) || static_cast<unsigned char>(c) >= 0x80; }

// The longest month name core::month_number knows is "september" (9
// bytes); a run of letters longer than this is a word, not a month, and is
// not read on: the date is looked for from every position of the text.
constexpr std::size_t kLongestMonthName = 12;

struct Fields {
  int year = -1;
  int month = -1;
  int day = -1;
  int hour = 0;
  int minute = 0;
};

// Reads `min_digits` to `max_digits` digits at `at`, advancing it.
std::optional<int> read_number(std::string_view text, std::size_t& at, std::size_t min_digits,
                               std::size_t max_digits) {
  std::size_t length = 0;
  int value = 0;
  while (at + length < text.size() && length < max_digits && is_digit(text[at + length])) {
    value = value * 10 + (text[at + length] - '0');
    ++length;
  }
  if (length < min_digits) return std::nullopt;
  // "2027" is not a day: a number must end where the conversion does.
  if (at + length < text.size() && is_digit(text[at + length])) return std::nullopt;
  at += length;
  return value;
}

// Whitespace, including the UTF-8 no-break space that CMSs put between a
// day and its month.
std::size_t whitespace_at(std::string_view text, std::size_t at) {
  if (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' ||
                           text[at] == '\r' || text[at] == '\f')) {
    return 1;
  }
  if (text.substr(at).starts_with("\xC2\xA0")) return 2;
  return 0;
}

bool convert(char conversion, std::string_view text, std::size_t& at, Fields& fields) {
  std::optional<int> number;
  switch (conversion) {
    case 'd': number = read_number(text, at, 1, 2); if (number) fields.day = *number; break;
    case 'm': number = read_number(text, at, 1, 2); if (number) fields.month = *number; break;
    case 'Y': number = read_number(text, at, 4, 4); if (number) fields.year = *number; break;
    case 'y':
      number = read_number(text, at, 2, 2);
      if (number) fields.year = *number < 70 ? 2000 + *number : 1900 + *number;
      break;
    case 'H': number = read_number(text, at, 1, 2); if (number) fields.hour = *number; break;
    case 'M': number = read_number(text, at, 2, 2); if (number) fields.minute = *number; break;
    case 'B':
    case 'b': {
      std::size_t end = at;
      while (end < text.size() && end - at <= kLongestMonthName && is_name_byte(text[end])) ++end;
      if (end - at > kLongestMonthName) break;  // a longer word is no month
      if (end < text.size() && text[end] == '.') ++end;  // "okt." "Nov."
      number = core::month_number(text.substr(at, end - at));
      if (number) {
        fields.month = *number;
        at = end;
      }
      break;
    }
    case '%':
      if (at < text.size() && text[at] == '%') {
        ++at;
        return true;
      }
      return false;
    default: return false;
  }
  return number.has_value();
}

std::optional<Fields> match_at(std::string_view text, std::size_t at, std::string_view format) {
  Fields fields;
  for (std::size_t f = 0; f < format.size(); ++f) {
    if (format[f] == '%' && f + 1 < format.size()) {
      if (!convert(format[++f], text, at, fields)) return std::nullopt;
    } else if (whitespace_at(format, f) > 0) {
      f += whitespace_at(format, f) - 1;
      while (std::size_t width = whitespace_at(text, at)) at += width;
    } else {
      if (at >= text.size() || core::lowercase_ascii(text[at]) != core::lowercase_ascii(format[f])) return std::nullopt;
      ++at;
    }
  }
  return fields;
}

std::optional<core::TimePoint> to_time(const Fields& fields) {
  using namespace std::chrono;
  if (fields.year < 0 || fields.month < 0 || fields.day < 0) return std::nullopt;
  if (fields.hour > 23 || fields.minute > 59) return std::nullopt;
  const year_month_day date{year{fields.year}, month{static_cast<unsigned>(fields.month)},
                            day{static_cast<unsigned>(fields.day)}};
  if (!date.ok()) return std::nullopt;
  return sys_days(date) + hours(fields.hour) + minutes(fields.minute);
}

}  // namespace

std::optional<core::TimePoint> read_formatted_date(std::string_view text, std::string_view format) {
  for (std::size_t start = 0; start < text.size(); ++start) {
    // Not from the middle of a number or a word: "2015 mars" holds no "15 mars".
    if (start > 0 && (is_digit(text[start - 1]) || is_ascii_letter(text[start - 1]))) continue;
    if (auto fields = match_at(text, start, format)) {
      if (auto time = to_time(*fields)) return time;
    }
  }
  return std::nullopt;
}

}  // namespace omvarld::sources
