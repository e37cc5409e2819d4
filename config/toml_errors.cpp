// config/toml_errors.cpp

#include "config/toml_errors.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>

namespace omvarld::config {
namespace {

// A character that looks like something TOML knows but is not it.
struct Lookalike {
  std::string_view bytes;
  std::string_view name;
};

// Curly quotes, as Word and Outlook write them.
constexpr std::array kCurlyQuotes = {
    Lookalike{"\u201D", "”"}, Lookalike{"\u201C", "“"}, Lookalike{"\u201E", "„"},
    Lookalike{"\u2019", "’"}, Lookalike{"\u2018", "‘"}, Lookalike{"\u00BB", "»"},
    Lookalike{"\u00AB", "«"},
};

// Spaces that are not the space TOML allows between its parts.
constexpr std::array kOddSpaces = {
    Lookalike{"\u00A0", "a non-breaking space (U+00A0)"},
    Lookalike{"\u202F", "a narrow non-breaking space (U+202F)"},
    Lookalike{"\u2007", "a figure space (U+2007)"},
    Lookalike{"\u2009", "a thin space (U+2009)"},
    Lookalike{"\u200B", "a zero-width space (U+200B)"},
    Lookalike{"\uFEFF", "a byte order mark (U+FEFF) inside the file"},
};

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// The 1-based character column of byte `offset` of UTF-8 `line`.
int column_of(std::string_view line, std::size_t offset) {
  const auto before = line.substr(0, std::min(offset, line.size()));
  return 1 + static_cast<int>(std::count_if(before.begin(), before.end(), [](char c) {
           return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
         }));
}

// The first of `lookalikes` in `line`, with its byte offset.
template <std::size_t N>
std::optional<std::pair<Lookalike, std::size_t>> first_of(const std::array<Lookalike, N>& lookalikes,
                                                          std::string_view line) {
  std::optional<std::pair<Lookalike, std::size_t>> first;
  for (const Lookalike& lookalike : lookalikes) {
    const std::size_t at = line.find(lookalike.bytes);
    if (at != std::string_view::npos && (!first || at < first->second)) first = std::pair(lookalike, at);
  }
  return first;
}

// The key of a `key = value` line, trimmed; empty when there is none.
std::string_view key_of(std::string_view line) {
  const std::size_t equals = line.find('=');
  if (equals == std::string_view::npos) return {};
  std::string_view key = line.substr(0, equals);
  while (!key.empty() && (key.front() == ' ' || key.front() == '\t')) key.remove_prefix(1);
  while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.remove_suffix(1);
  return key;
}

// The value as written on `line` from byte `offset` to the end of the line or
// a comment, trailing spaces left out.
std::string_view value_from(std::string_view line, std::size_t offset) {
  std::string_view value = line.substr(std::min(offset, line.size()));
  value = value.substr(0, value.find('#'));
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r')) {
    value.remove_suffix(1);
  }
  return value;
}

// The byte offset of 1-based character `column` in `line`.
std::size_t offset_of(std::string_view line, int column) {
  int seen = 0;
  for (std::size_t at = 0; at < line.size(); ++at) {
    if ((static_cast<unsigned char>(line[at]) & 0xC0U) == 0x80U) continue;
    if (++seen == column) return at;
  }
  return line.size();
}

// `""social ekonomi""`: a phrase whose quotes were doubled instead of
// escaped. Returns the phrase.
std::optional<std::string_view> doubled_phrase(std::string_view line) {
  const std::size_t open = line.find("\"\"");
  if (open == std::string_view::npos) return std::nullopt;
  const std::size_t close = line.find("\"\"", open + 2);
  if (close == std::string_view::npos || close == open + 2) return std::nullopt;
  return line.substr(open + 2, close - open - 2);
}

}  // namespace

TomlProblem explain_toml_error(std::string_view description, std::string_view line, int column) {
  if (contains(description, "utf-8") || contains(description, "UTF-8")) {
    return {"the file is not saved as UTF-8 (it may be Latin-1, which Windows calls \"ANSI\"): "
            "open it in a text editor and save it as UTF-8",
            column};
  }
  if (const auto curly = first_of(kCurlyQuotes, line)) {
    return {"the quote " + std::string(curly->first.name) +
                " is a typographic quote, as Word writes it: TOML needs straight quotes \"…\" "
                "(write the file in a plain text editor, not in Word)",
            column_of(line, curly->second)};
  }
  if (const auto space = first_of(kOddSpaces, line)) {
    return {std::string(space->first.name) +
                " looks like a space but is not one: delete it and type an ordinary space",
            column_of(line, space->second)};
  }
  if (const auto phrase = doubled_phrase(line)) {
    const std::string words(*phrase);
    return {"a phrase's quotes go inside the text's quotes: write '\"" + words + "\"' or \"\\\"" + words +
                "\\\"\"",
            column};
  }
  const std::string key(key_of(line));
  const std::string for_key = key.empty() ? "" : key + ": ";
  if (contains(description, "unescaped control characters") || contains(description, "end-of-file")) {
    if (contains(description, "parsing string")) {
      return {for_key + "the text has no closing quote: end it with \" on the same line", column};
    }
  }
  if (contains(description, "expected value")) {
    return {for_key + "the value is missing after \"=\"", column};
  }
  if (contains(description, "could not determine value type")) {
    const std::string value(value_from(line, offset_of(line, column)));
    return {for_key + "\"" + value +
                "\" is not a value: text is written in quotes (\"" + value +
                "\"), a yes or no as true or false, a number as digits",
            column};
  }
  if (contains(description, "expected comma or closing ']'")) {
    return {for_key + "in a list the values are separated by commas and the list ends with ]: "
                      "[\"förskola\", \"skola\"]",
            column};
  }
  if (contains(description, "expected '='")) {
    return {"a setting is written as a name, \"=\" and a value: name = \"Utbildningsnämnden\"", column};
  }
  if (contains(description, "parsing table header") || contains(description, "parsing table array header")) {
    return {"a table's name is written in brackets on a line of its own: [mail], [[namnd]]", column};
  }
  if (contains(description, "cannot redefine existing")) {
    return {for_key + "set twice in the same table: keep one of them (a new [[namnd]], [[source]] or "
                      "[[topic]] line starts a new one)",
            column};
  }
  if (contains(description, "escape sequence")) {
    // toml++ points after the backslash; the backslash is what to change.
    const std::size_t backslash = line.rfind('\\', offset_of(line, column));
    return {for_key + "a backslash \\ in \"…\" starts an escape: write \\\\ for a backslash, "
                      "or put the text in single quotes '…'",
            backslash == std::string_view::npos ? column : column_of(line, backslash)};
  }
  return {"TOML syntax: " + std::string(description), column};
}

}  // namespace omvarld::config
