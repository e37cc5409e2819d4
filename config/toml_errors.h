// config/toml_errors.h
//
// What a TOML syntax error means, in words a coordinator who is not a
// programmer knows, with what to write instead. toml++ says "could not
// determine value type" for Word's curly quotes and "expected space or tab,
// saw '\u00A0'" for a non-breaking space; this names the mistake people
// actually make — curly quotes, a non-breaking space, a file saved as
// Latin-1, a missing closing quote, a phrase's quotes written twice — and
// falls back to toml++'s own words for the rest. Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::config {

struct TomlProblem {
  std::string message;
  int column = 0;  // 1-based, in characters; where the mistake is, which may be before toml++'s column
};

// Explains the syntax error toml++ described as `description` at `column`
// (1-based, in characters) of `line`, the text of the line it is on.
TomlProblem explain_toml_error(std::string_view description, std::string_view line, int column);

}  // namespace omvarld::config
