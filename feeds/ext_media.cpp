// Media RSS (https://www.rssboard.org/media-rss), read as feedparser reads it:
// title, description, category and keywords map onto the common keys; the
// rest become media_* objects holding the element's attributes, with its
// text under "content". (<media:group> only groups: extensions.cpp reads its
// children as the entry's own.)

#include <string>

#include "feeds/extension_readers.h"
#include "feeds/xml_tree.h"

namespace omvarld::feeds::ext {
namespace {

constexpr std::string_view kCategorySchema = "http://search.yahoo.com/mrss/category_schema";

void read_category(pugi::xml_node element, Context& context) {
  std::string term = element.attribute("term").value();
  if (term.empty()) term = xml::text(element);
  const pugi::xml_attribute scheme = element.attribute("scheme");
  add_tag(context, term, scheme ? std::string_view(scheme.value()) : kCategorySchema,
          element.attribute("label").value());
}

void read_keywords(pugi::xml_node element, Context& context) {
  const std::string keywords = raw_text(element);
  std::string_view rest = keywords;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    add_tag(context, xml::trim(rest.substr(0, comma)), {}, {});
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
}

// The attributes, plus the text as "content" when there is any.
FeedValue with_content(pugi::xml_node element) {
  FeedValue value = attributes(element);
  if (std::string text = xml::text(element); !text.empty()) {
    value["content"] = FeedValue::string(std::move(text));
  }
  return value;
}

// media:restriction lists country codes separated by spaces.
FeedValue restriction(pugi::xml_node element) {
  FeedValue value = attributes(element);
  const std::string text = xml::text(element);
  if (text.empty()) return value;
  FeedValue& codes = value["content"] = FeedValue::array();
  std::string_view rest = text;
  while (true) {
    const auto space = rest.find(' ');
    std::string code = xml::trim(rest.substr(0, space));
    for (char& c : code) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    codes.push_back(FeedValue::string(std::move(code)));
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return value;
}

// media:thumbnail's url may be written as its text.
FeedValue thumbnail(pugi::xml_node element) {
  FeedValue value = attributes(element);
  if (!value.contains("url")) {
    if (std::string url = xml::text(element); !url.empty()) value["url"] = FeedValue::string(std::move(url));
  }
  return value;
}

// Single-valued elements keep the first occurrence, as feedparser does.
void set_first(Context& context, const char* key, FeedValue value) {
  if (!context.extras.contains(key)) context.extras[key] = std::move(value);
}

}  // namespace

bool read_media(pugi::xml_node element, std::string_view local, Context& context) {
  if (local == "title") {
    set_text(context, "title", element, "text/plain");
  } else if (local == "description") {
    set_text(context, "summary", element, "text/html");
  } else if (local == "category") {
    read_category(element, context);
  } else if (local == "keywords") {
    read_keywords(element, context);
  } else if (local == "rating") {
    set_first(context, "media_rating", with_content(element));
  } else if (local == "restriction") {
    set_first(context, "media_restriction", restriction(element));
  } else if (local == "license") {
    set_first(context, "media_license", with_content(element));
  } else if (local == "credit") {
    context.extras["media_credit"].push_back(with_content(element));
  } else if (local == "content") {
    context.extras["media_content"].push_back(attributes(element));
  } else if (local == "thumbnail") {
    context.extras["media_thumbnail"].push_back(thumbnail(element));
  } else if (local == "player") {
    FeedValue player = attributes(element);
    player["content"] = FeedValue::string(xml::text(element));
    context.extras["media_player"] = std::move(player);
  } else {
    return false;
  }
  return true;
}

}  // namespace omvarld::feeds::ext
