#include "digest/excerpt.h"

#include "digest/utf8.h"

namespace omvarld::digest {

namespace {

// Byte offset just past the first `count` code points of `text`.
std::size_t offset_after(std::string_view text, std::size_t count) {
  std::size_t at = 0;
  for (std::size_t n = 0; n < count && at < text.size(); ++n) at += decode_utf8(text, at).size;
  return at;
}

bool is_trailing_punctuation(char c) {
  return c == ',' || c == ';' || c == ':' || c == '-' || c == ' ' || c == '(';
}

}  // namespace

std::string make_excerpt(std::string_view text, std::size_t max_length) {
  std::string line = clean_line(text);
  if (count_code_points(line) <= max_length) return line;

  // Leave room for the "…"; prefer the last space, unless that would throw
  // away more than a third of the excerpt (one very long word, a URL).
  const std::size_t limit = offset_after(line, max_length - 1);
  std::size_t cut = line.rfind(' ', limit);
  if (cut == std::string::npos || cut < limit * 2 / 3) cut = limit;
  line.resize(cut);
  while (!line.empty() && is_trailing_punctuation(line.back())) line.pop_back();
  line += "…";
  return line;
}

std::vector<std::string> wrap_words(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  std::string current;
  std::size_t current_length = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find(' ', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(at, end - at);
    at = end + 1;
    if (word.empty()) continue;
    const std::size_t word_length = count_code_points(word);
    if (!current.empty() && current_length + 1 + word_length > width) {
      lines.push_back(std::move(current));
      current.clear();
      current_length = 0;
    }
    if (!current.empty()) {
      current += ' ';
      ++current_length;
    }
    current += word;
    current_length += word_length;
  }
  if (!current.empty()) lines.push_back(std::move(current));
  return lines;
}

}  // namespace omvarld::digest
