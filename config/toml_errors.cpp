// config/toml_errors.cpp

#include "config/toml_errors.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <utility>

#include "core/translate.h"

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

// Spaces that are not the space TOML allows between its parts, named in the
// reader's language (hence built at each call, after set_language).
std::array<Lookalike, 6> odd_spaces() {
  return {
      Lookalike{"\u00A0", core::tr("a non-breaking space (U+00A0)")},
      Lookalike{"\u202F", core::tr("a narrow non-breaking space (U+202F)")},
      Lookalike{"\u2007", core::tr("a figure space (U+2007)")},
      Lookalike{"\u2009", core::tr("a thin space (U+2009)")},
      Lookalike{"\u200B", core::tr("a zero-width space (U+200B)")},
      Lookalike{"\uFEFF", core::tr("a byte order mark (U+FEFF) inside the file")},
  };
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// The 1-based character column of byte `offset` of UTF-8 `line`.
int column_of(std::string_view line, std::size_t offset) {
  const auto before = line.substr(0, std::min(offset, line.size()));
  return 1 + static_cast<int>(std::count_if(before.begin(), before.end(),
                                            [](char c) { return !is_continuation_byte(c); }));
}

// The byte offset of 1-based character `column` in `line`.
std::size_t offset_of(std::string_view line, int column) {
  int seen = 0;
  for (std::size_t at = 0; at < line.size(); ++at) {
    if (is_continuation_byte(line[at])) continue;
    if (++seen == column) return at;
  }
  return line.size();
}

// At most 60 characters of `text`, for quoting a user's line in a message:
// a line of a megabyte stays a short line in the message.
std::string shortened(std::string_view text) {
  constexpr int kMaxShown = 60;
  int seen = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (is_continuation_byte(text[at])) continue;
    if (++seen > kMaxShown) return std::string(text.substr(0, at)) + "…";
  }
  return std::string(text);
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// True when byte `offset` of `line` lies inside a string closed on the line,
// or in a comment, where a lookalike character is legal text; false outside
// strings and inside a string that runs unclosed to the end of the line.
bool in_closed_text(std::string_view line, std::size_t offset) {
  for (std::size_t at = 0; at < line.size(); ++at) {
    if (line[at] == '#') return offset > at;
    if (line[at] != '"' && line[at] != '\'') continue;
    const char quote = line[at];
    std::size_t close = at + 1;
    while (close < line.size() && line[close] != quote) {
      close += (quote == '"' && line[close] == '\\') ? 2 : 1;
    }
    if (close >= line.size()) return false;
    if (offset > at && offset < close) return true;
    at = close;
  }
  return false;
}

// The first of `lookalikes` on `line` outside closed strings and comments,
// with its byte offset.
template <std::size_t N>
std::optional<std::pair<Lookalike, std::size_t>> first_of(const std::array<Lookalike, N>& lookalikes,
                                                          std::string_view line) {
  std::optional<std::pair<Lookalike, std::size_t>> first;
  for (const Lookalike& lookalike : lookalikes) {
    for (std::size_t at = line.find(lookalike.bytes); at != std::string_view::npos;
         at = line.find(lookalike.bytes, at + 1)) {
      if (in_closed_text(line, at)) continue;
      if (!first || at < first->second) first = std::pair(lookalike, at);
      break;
    }
  }
  return first;
}

// The key of a `key = value` line; empty when there is none.
std::string_view key_of(std::string_view line) {
  const std::size_t equals = line.find('=');
  return equals == std::string_view::npos ? std::string_view() : trimmed(line.substr(0, equals));
}

// The value as written on `line` from byte `offset` to its end: a comma, a
// closing bracket, a comment or the end of the line.
std::string_view value_from(std::string_view line, std::size_t offset) {
  const std::string_view rest = line.substr(std::min(offset, line.size()));
  return trimmed(rest.substr(0, rest.find_first_of(",]}#")));
}

// `""social ekonomi""`: a phrase whose quotes were doubled instead of
// escaped; returns the phrase between the two empty strings.
std::optional<std::string_view> doubled_phrase(std::string_view line) {
  const std::size_t open = line.find("\"\"");
  if (open == std::string_view::npos) return std::nullopt;
  const std::size_t close = line.find("\"\"", open + 2);
  if (close == std::string_view::npos || close == open + 2) return std::nullopt;
  const std::string_view phrase = line.substr(open + 2, close - open - 2);
  if (phrase.find_first_of(",[]=") != std::string_view::npos) return std::nullopt;  // two strings
  return phrase;
}

// The byte offset of the first control character on `line` that toml++
// refuses inside a string (any below U+0020 but tab, and DEL).
std::optional<std::size_t> control_character(std::string_view line) {
  for (std::size_t at = 0; at < line.size(); ++at) {
    const auto byte = static_cast<unsigned char>(line[at]);
    if ((byte < 0x20 && byte != '\t' && byte != '\r') || byte == 0x7F) return at;
  }
  return std::nullopt;
}

bool is_header(std::string_view line) { return trimmed(line).starts_with('['); }

// The table of a header line: "[namnd]" and "[[namnd]]" are "namnd".
std::string_view header_name(std::string_view line) {
  const std::string_view header = trimmed(line);
  const std::size_t open = header.find_first_not_of("[ \t");
  const std::size_t close = header.find(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return {};
  return trimmed(header.substr(open, close - open));
}

// What a string's syntax error means: an invisible control character, or a
// text without its closing quote.
std::optional<TomlProblem> string_problem(std::string_view description, std::string_view line, int column,
                                          const std::string& for_key) {
  if (!contains(description, "string")) return std::nullopt;
  if (contains(description, "multi-line") && contains(description, "end-of-file")) {
    return TomlProblem{
        std::string(core::tr("a text in triple quotes has no closing triple quotes before the end of the file")),
        column};
  }
  if (contains(description, "control characters")) {
    if (const auto control = control_character(line)) {
      return TomlProblem{for_key + std::string(core::tr("an invisible control character is in the text here: delete it")),
                         column_of(line, *control)};
    }
  }
  if (contains(description, "control characters") || contains(description, "end-of-file")) {
    const std::string quote = contains(description, "literal") ? "'" : "\"";
    return TomlProblem{for_key + core::trf("the text has no closing quote: end it with {0} on the same line", {quote}),
                       column};
  }
  return std::nullopt;
}

}  // namespace

TomlProblem explain_toml_error(std::string_view description, std::string_view line, int column) {
  if (contains(description, "utf-8") || contains(description, "UTF-8")) {
    return {std::string(core::tr("the file is not saved as UTF-8 (it may be Latin-1, which Windows calls \"ANSI\"): "
                                 "open it in a text editor and save it as UTF-8")),
            column};
  }
  if (const auto curly = first_of(kCurlyQuotes, line)) {
    return {core::trf("the quote {0} is a typographic quote, as Word writes it: TOML needs straight quotes \"…\" "
                      "(write the file in a plain text editor, not in Word)",
                      {curly->first.name}),
            column_of(line, curly->second)};
  }
  if (const auto space = first_of(odd_spaces(), line)) {
    return {core::trf("{0} looks like a space but is not one: delete it and type an ordinary space",
                      {space->first.name}),
            column_of(line, space->second)};
  }
  if (const auto phrase = doubled_phrase(line)) {
    const std::string words = shortened(*phrase);
    return {core::trf("a phrase's quotes go inside the text's quotes: write '\"{0}\"' or \"\\\"{0}\\\"\"", {words}),
            column};
  }
  const std::string key = shortened(key_of(line));
  const std::string for_key = key.empty() ? "" : key + ": ";
  if (auto problem = string_problem(description, line, column, for_key)) return std::move(*problem);
  if (contains(description, "expected value or closing")) {
    return {for_key + std::string(core::tr("in a list a value is missing between two commas: [\"förskola\", \"skola\"]")),
            column};
  }
  if (contains(description, "value-terminator")) {
    return {for_key + std::string(core::tr("after the value comes the end of the line or a # comment: remove what follows it")),
            column};
  }
  if (contains(description, "expected value, saw")) {
    return {for_key + std::string(core::tr("the value is missing after \"=\"")), column};
  }
  if (contains(description, "could not determine value type")) {
    const std::string value = shortened(value_from(line, offset_of(line, column)));
    return {for_key + core::trf("\"{0}\" is not a value: text is written in quotes (\"{0}\"), a yes or no as true "
                                "or false, a number as digits",
                                {value}),
            column};
  }
  if (contains(description, "expected comma or closing ']'")) {
    return {for_key + std::string(core::tr("in a list the values are separated by commas and the list ends with ]: "
                                           "[\"förskola\", \"skola\"]")),
            column};
  }
  if (contains(description, "expected '='")) {
    return {std::string(core::tr("a setting is written as a name, \"=\" and a value: name = \"Utbildningsnämnden\"")),
            column};
  }
  if (contains(description, "cannot redefine existing") && is_header(line)) {
    const std::string name = shortened(header_name(line));
    if (contains(description, "array")) {
      return {core::trf("[{0}] after [[{0}]]: each one starts with two brackets, [[{0}]]", {name}), column};
    }
    return {core::trf("[{0}] is written twice in this file: keep one and put all its settings under it", {name}),
            column};
  }
  if (contains(description, "parsing table header") || contains(description, "parsing table array header")) {
    return {std::string(core::tr("a table's name is written in brackets on a line of its own: [mail], [[namnd]]")),
            column};
  }
  if (contains(description, "cannot redefine existing")) {
    return {for_key + std::string(core::tr("set twice in the same table: keep one of them (a new [[namnd]], [[source]] "
                                           "or [[topic]] line starts a new one)")),
            column};
  }
  if (contains(description, "escape sequence")) {
    // toml++ points after the backslash; the backslash is what to change.
    const std::size_t backslash = line.rfind('\\', offset_of(line, column));
    return {for_key + std::string(core::tr("a backslash \\ in \"…\" starts an escape: write \\\\ for a backslash, "
                                           "or put the text in single quotes '…'")),
            backslash == std::string_view::npos ? column : column_of(line, backslash)};
  }
  return {core::trf("TOML syntax: {0}", {description}), column};
}

}  // namespace omvarld::config
