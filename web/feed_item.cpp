// web/feed_item.cpp — see web/feed_item.h.

#include "web/feed_item.h"

#include "core/safe_text.h"

namespace omvarld::web {
namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

core::TimePoint changed_at(const storage::NamndItem& item) {
  return item.updated_at.value_or(item.stored.first_seen);
}

std::string feed_excerpt(std::string_view text, std::size_t max_length) {
  const std::string safe = core::safe_text(text);
  std::string line;
  line.reserve(safe.size());
  for (char c : safe) {
    if (!is_space(c)) {
      line += c;
    } else if (!line.empty() && line.back() != ' ') {
      line += ' ';
    }
  }
  if (!line.empty() && line.back() == ' ') line.pop_back();

  std::size_t code_points = 0;
  std::size_t cut = line.size();
  for (std::size_t at = 0; at < line.size(); ++at) {
    if (is_continuation(line[at])) continue;
    if (code_points == max_length) {
      cut = at;
      break;
    }
    ++code_points;
  }
  if (cut == line.size()) return line;
  const std::size_t space = line.rfind(' ', cut);
  if (space != std::string::npos && space > 0) cut = space;
  line.resize(cut);
  return line + "…";
}

}  // namespace omvarld::web
