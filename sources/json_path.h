// sources/json_path.h
//
// Following a [source.json] path (core/json_path.h) through a parsed JSON
// answer, and reading what it finds as text or as a date. Internal to
// sources/: the only header outside feeds/ with an nlohmann type in it.
// Pure.

#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/item.h"
#include "core/json_path.h"

namespace omvarld::sources {

// The value at `path` in `value`, or nullptr when there is none. A name
// step into an array steps into its first element first, so "metadata.title"
// reaches "x" in {"metadata":[{"title":"x"}]}; an index step into an object
// or past the end finds nothing. `value` must outlive the result.
const nlohmann::json* follow(const nlohmann::json& value, const core::JsonPath& path);

// A value as one line of text: a string as it is, a whole number without a
// decimal point, other numbers and booleans as JSON writes them; an array
// by its first element (APIs such as Funding & Tenders wrap every field in
// one). Null, objects and empty arrays or strings have no text.
std::optional<std::string> text_of(const nlohmann::json* value);

// A value as an instant: a string in any form core::parse_date reads
// (ISO 8601 with or without "+0000" and fractions, RFC 822, Swedish
// month names), or a number of seconds, or of milliseconds when it is too
// large to be seconds (from 10^11, the year 5138), since the Unix epoch;
// a number before 1970 or after the year 9999 is none.
std::optional<core::TimePoint> time_of(const nlohmann::json* value);

// A value as a calendar day: the day a string starts with when it starts
// "YYYY-MM-DD" (as the API wrote it, before any zone shifts it), else the
// UTC day of time_of().
std::optional<core::Date> date_of(const nlohmann::json* value);

}  // namespace omvarld::sources
