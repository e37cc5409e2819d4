#include "feeds/entity_repair.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <functional>
#include <string>
#include <unordered_map>

#include "feeds/text_position.h"
#include "markup/html_entities.h"

namespace omvarld::feeds {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '-' || c == '.';
}

bool is_xml_entity(std::string_view name) {
  return name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
}

// Length of a well-formed numeric reference at the start of `text`
// ("&#233;", "&#xE9;"), or 0.
std::size_t numeric_reference_length(std::string_view text) {
  if (text.size() < 4 || text[1] != '#') return 0;
  const bool hex = text[2] == 'x' || text[2] == 'X';
  std::size_t i = hex ? 3 : 2;
  const std::size_t digits_start = i;
  while (i < text.size() && (hex ? std::isxdigit(static_cast<unsigned char>(text[i]))
                                 : std::isdigit(static_cast<unsigned char>(text[i])))) {
    ++i;
  }
  if (i == digits_start || i >= text.size() || text[i] != ';') return 0;
  return i + 1;
}

// Where a markup construct whose content must not be touched ends, if one
// starts at `pos`: CDATA, comment, processing instruction, DOCTYPE.
std::optional<std::size_t> skip_verbatim(std::string_view xml, std::size_t pos) {
  // The terminator is looked for after the opener, as pugixml does: "<!-->"
  // opens a comment that goes on, it does not end one.
  auto skip_to = [&](std::size_t opener, std::string_view terminator) {
    const std::size_t end = xml.find(terminator, pos + opener);
    return end == std::string_view::npos ? xml.size() : end + terminator.size();
  };
  const std::string_view rest = xml.substr(pos);
  if (rest.starts_with("<![CDATA[")) return skip_to(9, "]]>");
  if (rest.starts_with("<!--")) return skip_to(4, "-->");
  if (rest.starts_with("<?")) return skip_to(2, "?>");
  if (rest.starts_with("<!DOCTYPE") || rest.starts_with("<!doctype")) {
    // The internal subset may hold '>' inside brackets.
    int depth = 0;
    for (std::size_t i = pos; i < xml.size(); ++i) {
      if (xml[i] == '[') ++depth;
      if (xml[i] == ']') --depth;
      if (xml[i] == '>' && depth <= 0) return i + 1;
    }
    return xml.size();
  }
  return std::nullopt;
}

// Declared general entities by name, the first declaration of a name
// binding it (XML 1.0 §4.2). Looked up by name: a search of the list per
// reference made thousands of declared entities cost their square.
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
};
using DeclaredEntities = std::unordered_map<std::string, std::string, NameHash, std::equal_to<>>;

// The general entities a DOCTYPE's internal subset declares with a literal
// value of plain text (<!ENTITY id "tag:example.com,">). pugixml does not
// expand them, so the repair does. Values holding markup or references,
// and long ones, are left out: expanding them could nest or multiply
// ("billion laughs").
DeclaredEntities declared_entities(std::string_view doctype) {
  constexpr std::size_t kMaxValue = 1024;
  DeclaredEntities entities;
  std::size_t pos = 0;
  while ((pos = doctype.find("<!ENTITY", pos)) != std::string_view::npos) {
    pos += 8;
    std::size_t i = doctype.find_first_not_of(" \t\r\n", pos);
    if (i == std::string_view::npos || doctype[i] == '%') continue;
    const std::size_t name_start = i;
    while (i < doctype.size() && is_name_char(doctype[i])) ++i;
    const std::string_view name = doctype.substr(name_start, i - name_start);
    i = doctype.find_first_not_of(" \t\r\n", i);
    if (name.empty() || i == std::string_view::npos || (doctype[i] != '"' && doctype[i] != '\'')) continue;
    const std::size_t close = doctype.find(doctype[i], i + 1);
    if (close == std::string_view::npos) break;
    const std::string_view value = doctype.substr(i + 1, close - i - 1);
    if (value.size() <= kMaxValue && value.find_first_of("<&%") == std::string_view::npos) {
      entities.try_emplace(std::string(name), value);
    }
    pos = close + 1;
  }
  return entities;
}

// The repaired text, built as a copy of `source` only from the first
// change on: keep() takes source bytes as they are, put() writes others in
// their place. Until then, bytes kept in order are merely counted.
class CopyOnChange {
 public:
  explicit CopyOnChange(std::string& source) : source_(source) {}

  void keep(std::size_t pos, std::size_t length) {
    if (!changed_ && pos == kept_) {
      kept_ += length;
      return;
    }
    change();  // bytes skipped since the last run are a change too
    copy_.append(source_, pos, length);
  }

  void put(std::string_view text) {
    change();
    copy_.append(text);
  }

  // The source itself when nothing was put (it is moved from).
  std::string text() && {
    if (!changed_ && kept_ != source_.size()) change();  // its end left out
    return changed_ ? std::move(copy_) : std::move(source_);
  }

 private:
  void change() {
    if (changed_) return;
    copy_.reserve(source_.size() + 64);
    copy_.assign(source_, 0, kept_);
    changed_ = true;
  }

  std::string& source_;
  std::string copy_;
  std::size_t kept_ = 0;
  bool changed_ = false;
};

}  // namespace

RepairedXml repair_entities(std::string document) {
  // The output is a copy made only once something changes: most documents
  // need no repair, and a copy of a large one costs more than the scan.
  CopyOnChange repaired(document);
  std::string problem;
  const std::string_view xml = document;
  auto note = [&](std::size_t pos, std::string what) {
    if (problem.empty()) problem = line_column(xml, pos) + ": " + what;
  };

  DeclaredEntities entities;
  std::size_t expanded = 0;  // bytes added by declared entities, capped
  constexpr std::size_t kMaxExpanded = 1 << 20;
  auto declared = [&](std::string_view name) -> const std::string* {
    const auto found = entities.find(name);
    return found == entities.end() ? nullptr : &found->second;
  };

  // Only '&' and the '<' of a CDATA section, comment, processing
  // instruction or DOCTYPE can change what follows, so the text between
  // them is copied as one run.
  const char* const data = xml.data();
  const std::size_t size = xml.size();
  auto find = [&](char wanted, std::size_t from) {
    const void* at = from < size ? std::memchr(data + from, wanted, size - from) : nullptr;
    return at == nullptr ? size : static_cast<std::size_t>(static_cast<const char*>(at) - data);
  };
  std::size_t next_amp = find('&', 0);
  std::size_t next_lt = find('<', 0);
  std::size_t pos = 0;
  while (pos < size) {
    if (next_amp < pos) next_amp = find('&', pos);
    while (next_lt < pos || (next_lt < next_amp && next_lt + 1 < size && data[next_lt + 1] != '!' &&
                             data[next_lt + 1] != '?')) {
      next_lt = find('<', std::max(pos, next_lt + 1));
    }
    const std::size_t stop = std::min(next_amp, next_lt);
    if (stop > pos) {
      repaired.keep(pos, stop - pos);
      pos = stop;
      if (pos == size) break;
    }
    const char c = xml[pos];
    if (c == '<') {
      if (auto end = skip_verbatim(xml, pos)) {
        const std::string_view construct = xml.substr(pos, *end - pos);
        if (construct.starts_with("<!DOCTYPE") && entities.empty()) entities = declared_entities(construct);
        repaired.keep(pos, construct.size());
        pos = *end;
        continue;
      }
    }
    if (c != '&') {
      repaired.keep(pos, 1);
      ++pos;
      continue;
    }
    const std::string_view rest = xml.substr(pos);
    if (const std::size_t length = numeric_reference_length(rest); length > 0) {
      const std::size_t first_digit = rest[2] == 'x' || rest[2] == 'X' ? 3 : 2;
      const std::string_view digits = rest.substr(first_digit, length - 1 - first_digit);
      if (digits.find_first_not_of('0') == std::string_view::npos) {
        // "&#0;": XML allows no NUL, and pugixml would end the text at it,
        // losing the rest of the field. It goes, as a NUL byte does.
        note(pos, "reference to NUL removed");
        repaired.put("");
        pos += length;
        continue;
      }
      if (rest[2] == 'X') {
        // SGML allows "&#X41;", XML only the lower-case x (XML 1.0 §4.1).
        note(pos, "upper-case X in character reference");
        repaired.put("&#x");
        repaired.keep(pos + 3, length - 3);
        pos += length;
        continue;
      }
      repaired.keep(pos, length);
      pos += length;
      continue;
    }
    std::size_t name_end = 1;
    while (name_end < rest.size() && is_name_char(rest[name_end])) ++name_end;
    const bool terminated = name_end > 1 && name_end < rest.size() && rest[name_end] == ';';
    if (!terminated) {
      note(pos, "unescaped '&'");
      repaired.put("&amp;");
      ++pos;
      continue;
    }
    const std::string_view name = rest.substr(1, name_end - 1);
    const std::string* entity = entities.empty() ? nullptr : declared(name);
    if (is_xml_entity(name)) {
      repaired.keep(pos, name_end + 1);
    } else if (entity != nullptr && expanded + entity->size() <= kMaxExpanded) {
      repaired.put(*entity);
      expanded += entity->size();
    } else if (auto code_point = markup::html_entity(name)) {
      note(pos, "undefined entity &" + std::string(name) + ";");
      repaired.put("&#" + std::to_string(static_cast<unsigned long>(*code_point)) + ";");
    } else {
      note(pos, "undefined entity &" + std::string(name) + ";");
      repaired.put("&amp;");
      repaired.keep(pos + 1, name_end);
    }
    pos += name_end + 1;
  }
  return {std::move(repaired).text(), std::move(problem)};
}

}  // namespace omvarld::feeds
