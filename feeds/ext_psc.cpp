// Podlove Simple Chapters (https://podlove.org/simple-chapters/): the first
// <psc:chapters> of an entry becomes psc_chapters {version, chapters[…]};
// feedparser ignores any later one. A chapter's start ("HH:MM:SS.mmm", hours
// and milliseconds optional, two digits per field) is also given in seconds;
// a start in any other form keeps only start_raw.

#include <optional>
#include <string>

#include "core/ascii.h"
#include "feeds/extension_readers.h"
#include "feeds/xml_tree.h"

namespace omvarld::feeds::ext {
namespace {

std::optional<int> digits(std::string_view text, std::size_t count) {
  if (text.size() != count) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<double> chapter_start(std::string_view text) {
  int milliseconds = 0;
  if (const auto dot = text.find('.'); dot != std::string_view::npos) {
    const std::optional<int> fraction = digits(text.substr(dot + 1), 3);
    if (!fraction) return std::nullopt;
    milliseconds = *fraction;
    text = text.substr(0, dot);
  }
  // "MM:SS" or "HH:MM:SS".
  int seconds = 0;
  int fields = 0;
  while (true) {
    const auto colon = text.find(':');
    const std::optional<int> field = digits(text.substr(0, colon), 2);
    if (!field) return std::nullopt;
    seconds = seconds * 60 + *field;
    ++fields;
    if (colon == std::string_view::npos) break;
    text.remove_prefix(colon + 1);
  }
  if (fields < 2 || fields > 3) return std::nullopt;
  return seconds + milliseconds / 1000.0;
}

FeedValue chapter(pugi::xml_node element) {
  FeedValue value = FeedValue::object();
  const FeedValue written = attributes(element);
  for (const FeedValue::Member& member : written.members()) {
    if (member.key == "start") {
      value["start_raw"] = member.value;
      if (std::optional<double> start = chapter_start(member.value.as_string())) {
        value["start"] = FeedValue::number(*start);
      }
    } else {
      value[member.key] = member.value;
    }
  }
  return value;
}

}  // namespace

bool read_psc(pugi::xml_node element, std::string_view local, Context& context) {
  if (local != "chapters") return local == "chapter";  // a stray chapter is dropped
  if (context.extras.contains("psc_chapters")) return true;
  FeedValue chapters = attributes(element);
  FeedValue& list = chapters["chapters"] = FeedValue::array();
  for (pugi::xml_node child : element.children()) {
    if (child.type() == pugi::node_element && core::lowercase_ascii(xml::local_name(child)) == "chapter") {
      list.push_back(chapter(child));
    }
  }
  context.extras["psc_chapters"] = std::move(chapters);
  return true;
}

}  // namespace omvarld::feeds::ext
