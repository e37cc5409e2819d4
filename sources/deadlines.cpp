#include "sources/deadlines.h"

#include <array>
#include <chrono>
#include <cstddef>
#include <string>

#include "core/dates.h"

namespace omvarld::sources {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

// How far after its cue the date may stand.
enum class Reach {
  // Right after it, with only "den", a weekday or a time of day between:
  // "senast den 15 mars", "stänger tisdag 15 mars kl. 12". For cues that
  // are ordinary words elsewhere ("senast uppdaterad 15 mars" is no
  // deadline).
  kNext,
  // Anywhere in the same sentence within kNearBytes: "Deadline for
  // applications is 15 March 2027", "Sista dag att svara är den 15 mars".
  kNear,
};

constexpr std::size_t kNearBytes = 64;
constexpr int kMostFillers = 4;

struct Cue {
  std::string_view phrase;  // folded (lower case, single spaces)
  bool inflected;           // may go on as a longer word: "remisstiden", "deadlines"
  Reach reach;
};

// The phrases calls for proposals and consultations write before their
// closing date, in English and Swedish. "senast" covers "ansök senast",
// "svar senast", "senast den" and "ansökan ska vara inne senast".
constexpr std::array kCues = {
    Cue{"deadline", true, Reach::kNear},
    Cue{"closing date", true, Reach::kNear},
    Cue{"closes", false, Reach::kNext},
    Cue{"will close", false, Reach::kNext},
    Cue{"apply by", false, Reach::kNext},
    Cue{"apply before", false, Reach::kNext},
    Cue{"open until", false, Reach::kNext},
    Cue{"open till", false, Reach::kNext},
    Cue{"no later than", false, Reach::kNext},
    // EU consultations: "Feedback until 4 February 2027", "reply by 4
    // February", "before midnight Brussels time on 4 February". Only a date
    // right after them counts ("by the Commission on 4 February" is none).
    Cue{"until", false, Reach::kNext},
    Cue{"by", false, Reach::kNext},
    Cue{"before", false, Reach::kNext},
    Cue{"sista ansökningsdag", true, Reach::kNear},
    Cue{"sista ansökningsdatum", true, Reach::kNear},
    Cue{"sista anmälningsdag", true, Reach::kNear},
    Cue{"sista dag", true, Reach::kNear},
    Cue{"sista datum", true, Reach::kNear},
    Cue{"ansökningstiden går ut", false, Reach::kNear},
    Cue{"remisstid", true, Reach::kNear},
    Cue{"senast", false, Reach::kNext},
    Cue{"stänger", false, Reach::kNext},
    Cue{"stängs", false, Reach::kNext},
    Cue{"öppen till", false, Reach::kNext},
    Cue{"öppet till", false, Reach::kNext},
    // "t.o.m. 4 februari", "till och med 4 februari": the last day included.
    Cue{"t.o.m", false, Reach::kNext},
    Cue{"till och med", false, Reach::kNext},
};

// The bytes a cue begins with: a word that begins otherwise is no cue,
// whatever follows (most words of a text).
constexpr std::array<bool, 256> kCueStarts = [] {
  std::array<bool, 256> starts{};
  for (const Cue& cue : kCues) starts[static_cast<unsigned char>(cue.phrase.front())] = true;
  return starts;
}();

// Words that may stand between a kNext cue and its date.
// "before midnight Brussels time on 4 February" is four of them.
constexpr std::array<std::string_view, 17> kFillers = {
    "den", "the", "on",  "by",  "at",   "kl",       "klockan",  "är",   "is",
    "be",  "cet", "cest", "midnight", "noon", "brussels", "time", "local"};

// Words that join the two dates of a period, whose end is the deadline:
// "Ansökningstid: 1 februari – 15 mars 2027".
constexpr std::array<std::string_view, 6> kRangeWords = {"-", "–", "—", "till", "to", "until"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return c >= 'a' && c <= 'z'; }
// Letters and digits, counting every byte of a multi-byte UTF-8 character.
bool is_word_byte(char c) {
  return is_digit(c) || is_ascii_letter(c) || (c >= 'A' && c <= 'Z') ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// An upper-case letter starts at `text[i]`: ASCII, or Latin-1's À–Þ (Å, Ä, Ö, É).
bool is_upper_at(std::string_view text, std::size_t i) {
  if (i >= text.size()) return false;
  if (text[i] >= 'A' && text[i] <= 'Z') return true;
  if (static_cast<unsigned char>(text[i]) != 0xC3 || i + 1 >= text.size()) return false;
  const auto next = static_cast<unsigned char>(text[i + 1]);
  return next >= 0x80 && next <= 0x9E && next != 0x97;
}

// `text` folded for matching: lower case (ASCII and Å, Ä, Ö, É…), every run
// of white space (no-break spaces too) one space, and a sentence end (".",
// "!" or "?", white space, a capital) a "\n", past which no cue reaches.
std::string fold(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const bool nbsp = text[i] == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
    if (is_space(text[i]) || nbsp) {
      while (i < text.size()) {
        if (is_space(text[i])) {
          ++i;
        } else if (text[i] == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
          i += 2;
        } else {
          break;
        }
      }
      const bool sentence_end =
          !folded.empty() &&
          (folded.back() == '.' || folded.back() == '!' || folded.back() == '?') &&
          (i == text.size() || is_upper_at(text, i));
      folded += sentence_end ? '\n' : ' ';
      continue;
    }
    if (is_upper_at(text, i) && text[i] == '\xC3') {
      folded += text[i];
      folded += static_cast<char>(text[i + 1] + 0x20);
      i += 2;
      continue;
    }
    folded += (text[i] >= 'A' && text[i] <= 'Z') ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
    ++i;
  }
  return folded;
}

std::size_t digits_at(std::string_view text, std::size_t i) {
  std::size_t n = 0;
  while (i + n < text.size() && is_digit(text[i + n])) ++n;
  return n;
}

int number_at(std::string_view text, std::size_t i, std::size_t length) {
  int value = 0;
  for (std::size_t k = 0; k < length; ++k) value = value * 10 + (text[i + k] - '0');
  return value;
}

bool word_ends_at(std::string_view text, std::size_t i) {
  return i >= text.size() || !is_word_byte(text[i]);
}

std::size_t skip_spaces(std::string_view text, std::size_t i) {
  while (i < text.size() && text[i] == ' ') ++i;
  return i;
}

struct DateRead {
  enum class Kind { kNone, kDate, kImpossible } kind = Kind::kNone;
  core::Date date = {};
  std::size_t end = 0;  // just past what was read
};

// A month name at `i` ("mars", "March", "sept."), through
// core::month_number; `end` past it.
std::optional<int> month_at(std::string_view text, std::size_t i, std::size_t& end) {
  std::size_t n = 0;
  while (i + n < text.size() && is_ascii_letter(text[i + n])) ++n;
  if (n < 3 || !word_ends_at(text, i + n)) return std::nullopt;
  auto month_number = core::month_number(text.substr(i, n));
  if (!month_number) return std::nullopt;
  end = i + n;
  if (end < text.size() && text[end] == '.') ++end;
  return month_number;
}

// The year after a written date: " 2027" or ", 2027"; none when no number
// follows. A longer number there ("15 March 20271") makes it no date.
struct YearRead {
  bool garbled = false;
  std::optional<int> year = {};
  std::size_t end = 0;
};

YearRead year_after(std::string_view text, std::size_t i) {
  std::size_t at = i;
  if (at < text.size() && text[at] == ',') ++at;
  at = skip_spaces(text, at);
  const std::size_t n = digits_at(text, at);
  if (n > 4) return {true, std::nullopt, i};
  if (n != 4 || !word_ends_at(text, at + 4)) return {false, std::nullopt, i};
  return {false, number_at(text, at, 4), at + 4};
}

// "15th", "1st", "15:e", "1:a": the ordinal endings of a day.
std::size_t skip_ordinal(std::string_view text, std::size_t i) {
  for (std::string_view ending : {"st", "nd", "rd", "th", ":e", ":a"}) {
    if (text.substr(i, 2) == ending && word_ends_at(text, i + 2)) return i + 2;
  }
  return i;
}

// The day `day_number` of `month_number` in `year_number`, or, without a
// year, the first such day on or after `reference` (this year or the next).
DateRead make_date(std::optional<int> year_number, int month_number, int day_number,
                   std::optional<core::TimePoint> reference, std::size_t end) {
  const auto as_date = [&](int y) {
    return year_month_day{year{y}, month{static_cast<unsigned>(month_number)},
                          day{static_cast<unsigned>(day_number)}};
  };
  DateRead read{DateRead::Kind::kImpossible, {}, end};
  if (month_number < 1 || month_number > 12 || day_number < 1 || day_number > 31) return read;
  if (year_number) {
    if (as_date(*year_number).ok()) read = {DateRead::Kind::kDate, as_date(*year_number), end};
    return read;
  }
  // Without the item's date the year is a guess, and a wrong deadline is
  // worse than none.
  if (!reference) return read;
  const core::Date from = std::chrono::floor<std::chrono::days>(*reference);
  const int this_year = static_cast<int>(year_month_day{from}.year());
  for (int y : {this_year, this_year + 1}) {
    if (as_date(y).ok() && core::Date{as_date(y)} >= from)
      return {DateRead::Kind::kDate, as_date(y), end};
  }
  return read;
}

// A date starting at `i`: 2027-03-15, 15/3/2027, 15.3.2027, 15 mars 2027,
// 15 March 2027, March 15, 2027, and without the year 15 mars, March 15.
DateRead date_at(std::string_view text, std::size_t i, std::optional<core::TimePoint> reference) {
  const std::size_t n = digits_at(text, i);
  if (n == 4 && i + 4 < text.size() && text[i + 4] == '-') {
    const std::size_t month_start = i + 5;
    const std::size_t m = digits_at(text, month_start);
    if (m < 1 || m > 2 || month_start + m >= text.size() || text[month_start + m] != '-') return {};
    const std::size_t day_start = month_start + m + 1;
    const std::size_t d = digits_at(text, day_start);
    if (d < 1 || d > 2) return {};
    return make_date(number_at(text, i, 4), number_at(text, month_start, m),
                     number_at(text, day_start, d), reference, day_start + d);
  }
  if (n == 1 || n == 2) {
    const int day_number = number_at(text, i, n);
    std::size_t at = i + n;
    // 15/3/2027 and 15.3.2027: day first, as in Europe.
    if (at < text.size() && (text[at] == '/' || text[at] == '.')) {
      const char separator = text[at];
      const std::size_t m = digits_at(text, at + 1);
      const std::size_t year_at = at + 1 + m + 1;
      if (m >= 1 && m <= 2 && year_at < text.size() && text[year_at - 1] == separator &&
          digits_at(text, year_at) == 4) {
        return make_date(number_at(text, year_at, 4), number_at(text, at + 1, m), day_number,
                         reference, year_at + 4);
      }
      if (separator == '/') return {};
    }
    at = skip_ordinal(text, at);
    if (at < text.size() && text[at] == '.') ++at;  // "15. mars"
    if (at >= text.size() || text[at] != ' ') return {};
    std::size_t end = 0;
    auto month_number = month_at(text, at + 1, end);
    if (!month_number) return {};
    const YearRead year_read = year_after(text, end);
    if (year_read.garbled) return {};
    return make_date(year_read.year, *month_number, day_number, reference, year_read.end);
  }
  if (n == 0) {
    std::size_t end = 0;
    auto month_number = month_at(text, i, end);
    if (!month_number) return {};
    const std::size_t day_at_i = skip_spaces(text, end);
    const std::size_t d = digits_at(text, day_at_i);
    if (day_at_i == end || d < 1 || d > 2) return {};
    end = skip_ordinal(text, day_at_i + d);
    if (!word_ends_at(text, end)) return {};
    const YearRead year_read = year_after(text, end);
    if (year_read.garbled) return {};
    return make_date(year_read.year, *month_number, number_at(text, day_at_i, d), reference,
                     year_read.end);
  }
  return {};
}

// Between words: spaces and punctuation that say nothing.
bool is_separator(std::string_view text, std::size_t i) {
  const char c = text[i];
  return c == ' ' || c == ',' || c == ':' || c == ';' || c == '(' || c == ')' || c == '[' ||
         c == ']' || c == '"' || c == '*';
}

std::size_t word_end(std::string_view text, std::size_t i) {
  while (i < text.size() && text[i] != '\n' && !is_separator(text, i)) ++i;
  return i;
}

bool is_clock(std::string_view word) {
  bool separated = false;
  for (char c : word) {
    if (c == ':' || c == '.') {
      separated = true;
    } else if (!is_digit(c)) {
      return false;
    }
  }
  return separated && is_digit(word.front());
}

// "den", a weekday ("tisdag", "tisdagen", "Tuesday"), a time of day.
bool is_filler(std::string_view word) {
  while (!word.empty() && word.back() == '.') word.remove_suffix(1);
  if (word.empty()) return true;
  for (std::string_view filler : kFillers) {
    if (word == filler) return true;
  }
  if (word.size() <= 12 &&
      (word.ends_with("dag") || word.ends_with("dagen") || word.ends_with("day"))) {
    return true;
  }
  return is_clock(word);
}

// The end of a period whose start was read into `first`: "– 15 mars 2027".
DateRead period_end(std::string_view text, const DateRead& first,
                    std::optional<core::TimePoint> reference) {
  const std::size_t at = skip_spaces(text, first.end);
  const std::size_t end = word_end(text, at);
  const std::string_view word = text.substr(at, end - at);
  for (std::string_view joiner : kRangeWords) {
    if (word != joiner) continue;
    const DateRead last = date_at(text, skip_spaces(text, end), reference);
    if (last.kind == DateRead::Kind::kDate) return last;
  }
  return first;
}

// The date after the cue that ends at `from`, as far as `reach` allows.
std::optional<core::Date> date_after(std::string_view text, std::size_t from, Reach reach,
                                     std::optional<core::TimePoint> reference) {
  const std::size_t limit = std::min(text.size(), from + kNearBytes);
  int fillers = 0;
  std::size_t at = from;
  while (at < limit && text[at] != '\n') {
    if (is_separator(text, at)) {
      ++at;
      continue;
    }
    DateRead read = date_at(text, at, reference);
    if (read.kind == DateRead::Kind::kImpossible) return std::nullopt;
    if (read.kind == DateRead::Kind::kDate) return period_end(text, read, reference).date;
    const std::size_t end = std::max(word_end(text, at), at + 1);
    if (reach == Reach::kNext &&
        (!is_filler(text.substr(at, end - at)) || ++fillers > kMostFillers)) {
      return std::nullopt;
    }
    at = end;
  }
  return std::nullopt;
}

// "uppdaterades senast 15 mars", "ändrats senast": when a page was last
// changed, not a deadline.
bool is_last_changed(std::string_view text, std::size_t cue_start) {
  std::size_t end = cue_start;
  while (end > 0 && text[end - 1] == ' ') --end;
  std::size_t start = end;
  while (start > 0 && is_word_byte(text[start - 1])) --start;
  const std::string_view before = text.substr(start, end - start);
  return before.ends_with("des") || before.ends_with("tes") || before.ends_with("ts");
}

// The end of `cue` when it starts at `i` in `text`, else npos.
std::size_t cue_end(std::string_view text, std::size_t i, const Cue& cue) {
  if (text.substr(i, cue.phrase.size()) != cue.phrase) return std::string_view::npos;
  std::size_t end = i + cue.phrase.size();
  if (cue.inflected) {
    while (end < text.size() && is_word_byte(text[end])) ++end;
  } else if (!word_ends_at(text, end)) {
    return std::string_view::npos;
  }
  if (cue.phrase == "senast" && is_last_changed(text, i)) return std::string_view::npos;
  return end;
}

}  // namespace

std::optional<core::Date> find_deadline(std::string_view text,
                                        std::optional<core::TimePoint> reference) {
  const std::string folded = fold(text);
  const std::string_view view = folded;
  for (std::size_t i = 0; i < view.size(); ++i) {
    if ((i > 0 && is_word_byte(view[i - 1])) || !kCueStarts[static_cast<unsigned char>(view[i])]) continue;
    for (const Cue& cue : kCues) {
      const std::size_t end = cue_end(view, i, cue);
      if (end == std::string_view::npos) continue;
      if (auto found = date_after(view, end, cue.reach, reference)) return found;
    }
  }
  return std::nullopt;
}

void add_deadlines(std::vector<core::Item>& items) {
  // An undated item is read as of now: it was published by the time it was
  // fetched, so a date without a year is this year's or next year's.
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  for (core::Item& item : items) {
    if (item.deadline) continue;
    const core::TimePoint reference = item.published.value_or(now);
    for (const std::string* text : {&item.title, &item.summary, &item.content}) {
      item.deadline = find_deadline(*text, reference);
      if (item.deadline) break;
    }
  }
}

}  // namespace omvarld::sources
