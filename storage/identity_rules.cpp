#include "storage/identity_rules.h"

#include <chrono>
#include <cstdio>

#include "core/fnv1a.h"

namespace omvarld::storage {
namespace {

bool is_word_byte(unsigned char c) {
  // Bytes of multi-byte UTF-8 sequences belong to words: å, ä, ö, é, ….
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Lower-cases ASCII letters and the Latin-1 capitals (U+00C0–U+00DE but
// U+00D7 ×), which in UTF-8 are 0xC3 0x80–0x9E: the lower-case letter is
// 0x20 further on. Enough for Swedish, English and the EU's Latin scripts
// that feeds here carry; other scripts compare as written.
std::string normalized_words(std::string_view title, int& words) {
  std::string out;
  words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < title.size(); ++i) {
    auto c = static_cast<unsigned char>(title[i]);
    if (!is_word_byte(c)) {
      in_word = false;
      continue;
    }
    if (!in_word) {
      if (!out.empty()) out += ' ';
      ++words;
      in_word = true;
    }
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < title.size()) {
      auto next = static_cast<unsigned char>(title[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) next = static_cast<unsigned char>(next + 0x20);
      out += static_cast<char>(c);
      out += static_cast<char>(next);
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

std::string title_day_key(std::string_view title, std::optional<core::TimePoint> published) {
  if (!published) return {};
  int words = 0;
  const std::string normalized = normalized_words(title, words);
  if (words < kTitleDayMinimumWords) return {};
  const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(*published)};
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return std::string(date) + " " + normalized;
}

bool is_id_rotation(int polled, int known, std::int64_t stored, int recognised) {
  return polled >= kRotationMinimum && known == 0 && stored > 0 &&
         recognised >= kRotationShare * polled;
}

std::optional<std::int64_t> story_key_hash(std::string_view key) {
  if (key.empty()) return std::nullopt;
  return static_cast<std::int64_t>(core::fnv1a_64(key));
}

}  // namespace omvarld::storage
