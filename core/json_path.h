// core/json_path.h
//
// The paths a [source.json] profile uses to point into a JSON answer:
// "results", "metadata.title[0]", "data.items[2].name", "[0]". Parsed here,
// in core/, because config/ checks them at load time and sources/ follows
// them over a document; following one needs a JSON library and lives in
// sources/json_items.cpp. Pure.

#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace omvarld::core {

// One step: a member name, or an index into an array (from 0).
using JsonStep = std::variant<std::string, std::size_t>;

struct JsonPath {
  std::vector<JsonStep> steps;  // empty: the value itself (the whole answer, or the item)
};

// Why a path could not be read, and the character offset in it where the
// problem is (for the config's FILE:LINE:COL).
struct JsonPathError {
  std::string message;
  std::size_t offset = 0;
};

// Parses NAME(.NAME)* where each NAME may be followed by [INDEX]s, and a
// path may start with an [INDEX]. A name is any run of characters other
// than ".", "[" and "]" ("Stangningsdatum", "@id", "dc:title"); "" is the
// empty path. Fails on an empty name ("a..b", "a."), an index that is not
// a decimal number, or an unclosed bracket.
Result<JsonPath, JsonPathError> parse_json_path(std::string_view text);

}  // namespace omvarld::core
