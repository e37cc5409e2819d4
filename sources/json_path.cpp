#include "sources/json_path.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <variant>

#include "core/dates.h"

namespace omvarld::sources {

namespace {

const nlohmann::json* first_if_array(const nlohmann::json* value) {
  if (value != nullptr && value->is_array()) return value->empty() ? nullptr : &value->front();
  return value;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Epoch numbers: from 10^11 (seconds in the year 5138) they are
// milliseconds; past 9999-12-31T23:59:59 (the last instant a four-digit
// year writes, and the end of what dates downstream format) or before
// 1970 they are no date of an item.
constexpr double kMillisecondsFrom = 1e11;
constexpr double kLastSecond = 253402300799.0;

}  // namespace

const nlohmann::json* follow(const nlohmann::json& value, const core::JsonPath& path) {
  const nlohmann::json* at = &value;
  for (const core::JsonStep& step : path.steps) {
    if (const auto* name = std::get_if<std::string>(&step)) {
      at = first_if_array(at);
      if (at == nullptr || !at->is_object()) return nullptr;
      const auto member = at->find(*name);
      if (member == at->end()) return nullptr;
      at = &*member;
    } else {
      const std::size_t index = std::get<std::size_t>(step);
      if (!at->is_array() || index >= at->size()) return nullptr;
      at = &(*at)[index];
    }
  }
  return at;
}

std::optional<std::string> text_of(const nlohmann::json* value) {
  value = first_if_array(value);
  if (value == nullptr) return std::nullopt;
  std::string text;
  if (value->is_string()) {
    text = value->get<std::string>();
  } else if (value->is_number_float()) {
    const double number = value->get<double>();
    if (std::isfinite(number) && number == std::floor(number) && std::fabs(number) < 1e15) {
      text = std::to_string(static_cast<long long>(number));
    } else {
      text = value->dump();
    }
  } else if (value->is_number() || value->is_boolean()) {
    text = value->dump();
  }
  if (text.empty()) return std::nullopt;
  return text;
}

std::optional<core::TimePoint> time_of(const nlohmann::json* value) {
  value = first_if_array(value);
  if (value == nullptr) return std::nullopt;
  if (value->is_string()) return core::parse_date(value->get<std::string>());
  if (!value->is_number()) return std::nullopt;
  const double number = value->get<double>();
  if (!std::isfinite(number) || number < 0) return std::nullopt;
  const double seconds = std::floor(number >= kMillisecondsFrom ? number / 1000 : number);
  if (seconds > kLastSecond) return std::nullopt;
  return core::TimePoint{std::chrono::seconds{static_cast<long long>(seconds)}};
}

std::optional<core::Date> date_of(const nlohmann::json* value) {
  const nlohmann::json* first = first_if_array(value);
  if (first != nullptr && first->is_string()) {
    const std::string& text = first->get_ref<const std::string&>();
    const bool iso_day = text.size() >= 10 && is_digit(text[0]) && is_digit(text[1]) &&
                         is_digit(text[2]) && is_digit(text[3]) && text[4] == '-' &&
                         is_digit(text[5]) && is_digit(text[6]) && text[7] == '-' &&
                         is_digit(text[8]) && is_digit(text[9]) &&
                         (text.size() == 10 || !is_digit(text[10]));
    if (iso_day) {
      int year = 0;
      unsigned month = 0;
      unsigned day = 0;
      std::sscanf(text.c_str(), "%4d-%2u-%2u", &year, &month, &day);
      const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                             std::chrono::day{day}};
      if (date.ok()) return core::Date{date};
      return std::nullopt;
    }
  }
  if (auto time = time_of(value)) return std::chrono::floor<std::chrono::days>(*time);
  return std::nullopt;
}

}  // namespace omvarld::sources
