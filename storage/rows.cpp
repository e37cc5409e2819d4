#include "storage/rows.h"

#include <chrono>
#include <cstdio>
#include <optional>

#include <nlohmann/json.hpp>

namespace omvarld::storage {
namespace {

// Parses without exceptions: a corrupt column is an error value, not a throw.
std::optional<std::vector<std::string>> from_json_list(const std::string& text) {
  const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return std::nullopt;
  std::vector<std::string> strings;
  strings.reserve(parsed.size());
  for (const nlohmann::json& element : parsed) {
    if (!element.is_string()) return std::nullopt;
    strings.push_back(element.get<std::string>());
  }
  return strings;
}

// Match::found_words from its column: one list per term, or none at all
// when the column is not that (a row from before they were kept: "[]").
std::vector<std::vector<std::string>> found_words_from(const std::string& text, std::size_t terms) {
  const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array() || parsed.size() != terms) return {};
  std::vector<std::vector<std::string>> lists;
  lists.reserve(terms);
  for (const nlohmann::json& list : parsed) {
    auto strings = from_json_list(list.dump());
    if (!strings) return {};
    lists.push_back(std::move(*strings));
  }
  return lists;
}

}  // namespace

StoredItem read_stored_item(const sqlite::Statement& row) {
  StoredItem stored;
  stored.id = row.int64(0);
  stored.item.source = row.text(1);
  stored.item.key = row.text(2);
  stored.item.title = row.text(3);
  stored.item.link = row.text(4);
  stored.item.summary = row.text(5);
  stored.item.content = row.text(6);
  stored.item.published = row.time(7);
  stored.first_seen = sqlite::from_unix_seconds(row.int64(8));
  stored.item.deadline = from_day_text(row.text(9));
  return stored;
}

std::string to_day_text(core::Date day) {
  const std::chrono::year_month_day date{day};
  char text[24];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

std::optional<core::Date> from_day_text(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int fields[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f) {
    for (std::size_t k = 0; k < lengths[f]; ++k) {
      const char c = text[starts[f] + k];
      if (c < '0' || c > '9') return std::nullopt;
      fields[f] = fields[f] * 10 + (c - '0');
    }
  }
  const std::chrono::year_month_day day{std::chrono::year{fields[0]},
                                        std::chrono::month{static_cast<unsigned>(fields[1])},
                                        std::chrono::day{static_cast<unsigned>(fields[2])}};
  if (!day.ok()) return std::nullopt;
  return core::Date{day};
}

void bind_deadline(sqlite::Statement& statement, int index,
                   const std::optional<core::Date>& deadline) {
  if (deadline) {
    statement.bind(index, to_day_text(*deadline));
  } else {
    statement.bind_null(index);
  }
}

Result<core::Match> read_match(const sqlite::Statement& row, int first) {
  core::Match match;
  match.namnd = row.text(first);
  auto terms = from_json_list(row.text(first + 1));
  auto topics = from_json_list(row.text(first + 2));
  auto title_terms = from_json_list(row.text(first + 3));
  if (!terms || !topics || !title_terms) {
    return unexpected<Error>(sqlite::storage_error(
        row.task(), "the match of nämnd " + match.namnd +
                        " holds terms or topics that are not a JSON list of strings"));
  }
  match.terms = std::move(*terms);
  match.topics = std::move(*topics);
  match.title_terms = std::move(*title_terms);
  match.found_words = found_words_from(row.text(first + 4), match.terms.size());
  return match;
}

std::string to_json_list(const std::vector<std::string>& strings) {
  // Terms come from UTF-8 config files, but dump() throws on invalid UTF-8
  // and no exception may leave storage/, so replace instead.
  return nlohmann::json(strings).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string to_json_lists(const std::vector<std::vector<std::string>>& lists) {
  return nlohmann::json(lists).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace omvarld::storage
