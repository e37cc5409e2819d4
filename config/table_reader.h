// config/table_reader.h
//
// Typed, located access to one TOML table, for the readers of [daemon],
// [mail], [[source]], [[topic]] and [[namnd]]. Every accessor reports a
// wrong type to the Draft as "KEY: expected …, got …" at the value and
// returns nothing, so a reader can carry on and find the next problem.
// Internal to config/: the only header with a toml++ type in it.

#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "config/draft.h"

namespace omvarld::config {

struct FileContext {
  std::string path;           // as given or joined; the file of every FilePos
  std::filesystem::path dir;  // where relative references in this file start
};

FilePos position_of(const FileContext& file, const toml::source_region& region);

// "a string", "an integer", "a table", …
std::string type_phrase(const toml::node& node);

class TableReader {
 public:
  // `name` is the table as a person writes it: "[daemon]", "[[source]]".
  // `table`, `file` and `draft` must outlive the reader.
  TableReader(const toml::table& table, std::string_view name, const FileContext& file,
              Draft& draft);

  FilePos where() const { return position_of(file_, table_.source()); }
  const FileContext& file() const { return file_; }
  bool has(std::string_view key) const { return table_.contains(key); }
  // Where the value of `key` starts, if the table has it.
  std::optional<FilePos> position(std::string_view key) const;

  // Reports each key not in `known` as unknown, suggesting a close spelling.
  void reject_unknown_keys(std::span<const std::string_view> known);

  // Reports `[[source]] is missing required key "url"` at the table.
  void report_missing(std::string_view key);

  std::optional<Located<std::string>> string(std::string_view key);
  // string(), and reports the key as missing when the table lacks it.
  std::optional<Located<std::string>> required_string(std::string_view key);
  std::optional<Located<bool>> boolean(std::string_view key);
  std::optional<Located<std::int64_t>> integer(std::string_view key);
  // An array whose elements are all strings; each element that is not is
  // reported where it stands, and then the whole value counts as wrong.
  std::optional<std::vector<Located<std::string>>> strings(std::string_view key);
  std::optional<Located<std::chrono::seconds>> duration(std::string_view key);
  // The index in `choices` of the string value.
  std::optional<Located<size_t>> choice(std::string_view key,
                                        std::span<const std::string_view> choices);
  // A reader for the table under `key` (e.g. [source.html], named
  // "[source.html]" in messages), or nothing when there is none or it is
  // not a table (reported). The reader shares this one's file and draft.
  std::optional<TableReader> table(std::string_view key, std::string_view name);
  // Every key of this table with a string value, in file order (a header
  // list such as [source.json.headers]); other values are reported.
  std::vector<std::pair<std::string, std::string>> string_pairs();

  void error(std::string message, FilePos where, Errc code = Errc::kInvalidConfig) {
    draft_.error(std::move(message), std::move(where), code);
  }

 private:
  void report_type(std::string_view key, const toml::node& node, std::string_view expected);

  const toml::table& table_;
  std::string name_;
  const FileContext& file_;
  Draft& draft_;
};

}  // namespace omvarld::config
