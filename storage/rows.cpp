#include "storage/rows.h"

#include <nlohmann/json.hpp>
#include <optional>

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
  return stored;
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
  return match;
}

std::string to_json_list(const std::vector<std::string>& strings) {
  // Terms come from UTF-8 config files, but dump() throws on invalid UTF-8
  // and no exception may leave storage/, so replace instead.
  return nlohmann::json(strings).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace omvarld::storage
