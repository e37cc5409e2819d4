#include "config/table_reader.h"

#include <algorithm>

#include "config/checks.h"
#include "core/duration.h"
#include "core/spelling.h"
#include "core/translate.h"

namespace omvarld::config {

FilePos position_of(const FileContext& file, const toml::source_region& region) {
  return FilePos{file.path, static_cast<int>(region.begin.line),
                 static_cast<int>(region.begin.column)};
}

std::string type_phrase(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return std::string(core::tr("a table"));
    case toml::node_type::array: return std::string(core::tr("an array"));
    case toml::node_type::string: return std::string(core::tr("a string"));
    case toml::node_type::integer: return std::string(core::tr("an integer"));
    case toml::node_type::floating_point: return std::string(core::tr("a floating-point number"));
    case toml::node_type::boolean: return std::string(core::tr("a boolean"));
    case toml::node_type::date: return std::string(core::tr("a date"));
    case toml::node_type::time: return std::string(core::tr("a time"));
    case toml::node_type::date_time: return std::string(core::tr("a date-time"));
    case toml::node_type::none: break;
  }
  return std::string(core::tr("nothing"));
}

TableReader::TableReader(const toml::table& table, std::string_view name,
                         const FileContext& file, Draft& draft)
    : table_(table), name_(name), file_(file), draft_(draft) {}

std::optional<FilePos> TableReader::position(std::string_view key) const {
  const toml::node* node = table_.get(key);
  if (node == nullptr) return std::nullopt;
  return position_of(file_, node->source());
}

void TableReader::reject_unknown_keys(std::span<const std::string_view> known) {
  for (auto&& [key, node] : table_) {
    const std::string_view word = key.str();
    if (std::find(known.begin(), known.end(), word) != known.end()) continue;
    std::string message;
    if (auto suggestion = core::closest_spelling(word, known)) {
      message = core::trf("unknown key \"{0}\" in {1} (did you mean \"{2}\"?)", {word, name_, *suggestion});
    } else {
      message = core::trf("unknown key \"{0}\" in {1}", {word, name_});
    }
    error(std::move(message), position_of(file_, key.source()));
  }
}

void TableReader::report_missing(std::string_view key) {
  error(core::trf("{0} is missing required key \"{1}\"", {name_, key}), where());
}

void TableReader::report_type(std::string_view key, const toml::node& node,
                              std::string_view expected) {
  error(core::trf("{0}: expected {1}, got {2}", {key, expected, type_phrase(node)}),
        position_of(file_, node.source()));
}

std::optional<Located<std::string>> TableReader::string(std::string_view key) {
  const toml::node* node = table_.get(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_string()) {
    report_type(key, *node, core::tr("a string"));
    return std::nullopt;
  }
  return Located<std::string>{**node->as_string(), position_of(file_, node->source())};
}

std::optional<TableReader> TableReader::table(std::string_view key, std::string_view name) {
  const toml::node* node = table_.get(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_table()) {
    report_type(key, *node, core::tr("a table"));
    return std::nullopt;
  }
  return TableReader(*node->as_table(), name, file_, draft_);
}

std::vector<std::pair<std::string, std::string>> TableReader::string_pairs() {
  // toml++ keeps a table's keys sorted; file order is what a person wrote.
  std::vector<std::pair<std::string, std::string>> pairs;
  std::vector<std::pair<toml::source_position, std::pair<std::string, std::string>>> located;
  for (auto&& [key, node] : table_) {
    if (!node.is_string()) {
      report_type(key.str(), node, core::tr("a string"));
      continue;
    }
    located.push_back({node.source().begin, {std::string(key.str()), **node.as_string()}});
  }
  std::stable_sort(located.begin(), located.end(), [](const auto& a, const auto& b) {
    return a.first.line != b.first.line ? a.first.line < b.first.line
                                        : a.first.column < b.first.column;
  });
  for (auto& [at, pair] : located) pairs.push_back(std::move(pair));
  return pairs;
}

std::optional<Located<std::string>> TableReader::required_string(std::string_view key) {
  if (!has(key)) report_missing(key);
  return string(key);
}

std::optional<Located<bool>> TableReader::boolean(std::string_view key) {
  const toml::node* node = table_.get(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_boolean()) {
    report_type(key, *node, core::tr("a boolean"));
    return std::nullopt;
  }
  return Located<bool>{**node->as_boolean(), position_of(file_, node->source())};
}

std::optional<Located<std::int64_t>> TableReader::integer(std::string_view key) {
  const toml::node* node = table_.get(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_integer()) {
    report_type(key, *node, core::tr("an integer"));
    return std::nullopt;
  }
  return Located<std::int64_t>{**node->as_integer(), position_of(file_, node->source())};
}

std::optional<std::vector<Located<std::string>>> TableReader::strings(std::string_view key) {
  const toml::node* node = table_.get(key);
  if (node == nullptr) return std::nullopt;
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    report_type(key, *node, core::tr("an array of strings"));
    return std::nullopt;
  }
  std::vector<Located<std::string>> values;
  bool all_strings = true;
  for (const toml::node& element : *array) {
    if (!element.is_string()) {
      error(core::trf("{0}: expected an array of strings, got {1} in it", {key, type_phrase(element)}),
            position_of(file_, element.source()));
      all_strings = false;
      continue;
    }
    values.push_back({**element.as_string(), position_of(file_, element.source())});
  }
  if (!all_strings) return std::nullopt;
  return values;
}

std::optional<Located<std::chrono::seconds>> TableReader::duration(std::string_view key) {
  const toml::node* node = table_.get(key);
  if (node == nullptr) return std::nullopt;
  const std::string_view expected = core::tr("a duration such as \"30m\"");
  if (!node->is_string()) {
    report_type(key, *node, expected);
    return std::nullopt;
  }
  const std::string& text = **node->as_string();
  const FilePos at = position_of(file_, node->source());
  auto parsed = core::parse_duration(text);
  if (!parsed) {
    error(core::trf("{0}: expected {1}, got \"{2}\"", {key, expected, text}), at);
    return std::nullopt;
  }
  return Located<std::chrono::seconds>{*parsed, at};
}

std::optional<Located<size_t>> TableReader::choice(std::string_view key,
                                                   std::span<const std::string_view> choices) {
  std::string expected;
  for (size_t index = 0; index < choices.size(); ++index) {
    if (index > 0) expected += index + 1 == choices.size() ? core::tr(" or ") : ", ";
    expected += "\"" + std::string(choices[index]) + "\"";
  }
  const toml::node* node = table_.get(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_string()) {
    report_type(key, *node, expected);
    return std::nullopt;
  }
  const std::string& text = **node->as_string();
  const FilePos at = position_of(file_, node->source());
  for (size_t index = 0; index < choices.size(); ++index) {
    if (choices[index] == text) return Located<size_t>{index, at};
  }
  error(core::trf("{0}: expected {1}, got \"{2}\"", {key, expected, text}), at);
  return std::nullopt;
}

}  // namespace omvarld::config
