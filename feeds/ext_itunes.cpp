// iTunes podcast elements (https://help.apple.com/itc/podcasts_connect/#/itcb54353390),
// read as feedparser reads them: several map onto the common keys (author,
// subtitle, summary, publisher, image, tags) and block/explicit become a
// number and a boolean. Apple's values are lowercase; anything else ("YES",
// " yes ") is not recognised, so explicit is then left out and block is 0.

#include <string>

#include "core/ascii.h"
#include "feeds/extension_readers.h"
#include "feeds/nesting.h"
#include "feeds/xml_tree.h"

namespace omvarld::feeds::ext {
namespace {

constexpr std::string_view kItunesScheme = "http://www.itunes.com/";

bool is_category(pugi::xml_node node) {
  return node.type() == pugi::node_element && core::lowercase_ascii(xml::local_name(node)) == "category";
}

// itunes:category nests subcategories; each one is a tag of its own, in
// document order. Walked without recursion, and no deeper than the other
// readers go (nesting.h).
void read_category(pugi::xml_node element, Context& context) {
  const int top = xml::depth(element);
  pugi::xml_node node = element;
  int depth = top;
  while (true) {
    add_tag(context, node.attribute("text").value(), kItunesScheme, {});
    pugi::xml_node next = depth < kMaxElementDepth ? node.find_child(is_category) : pugi::xml_node();
    if (next) {
      node = next;
      ++depth;
      continue;
    }
    // The next category after `node`, or after the nearest one above it
    // that has one, never above `element`.
    while (node != element) {
      for (next = node.next_sibling(); next && !is_category(next); next = next.next_sibling()) {
      }
      if (next) break;
      node = node.parent();
      --depth;
    }
    if (node == element) return;
    node = next;
  }
}

void read_keywords(pugi::xml_node element, Context& context) {
  const std::string keywords = raw_text(element);
  std::string_view rest = keywords;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    add_tag(context, xml::trim(rest.substr(0, comma)), kItunesScheme, {});
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
}

// <itunes:owner><itunes:name/><itunes:email/></itunes:owner> is the publisher.
void read_owner(pugi::xml_node element, Context& context) {
  std::string name;
  std::string email;
  for (pugi::xml_node child : element.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string local = core::lowercase_ascii(xml::local_name(child));
    if (local == "name") name = xml::text(child);
    if (local == "email") email = xml::text(child);
  }
  if (name.empty() && email.empty()) return;
  FeedValue detail = FeedValue::object();
  if (!name.empty()) detail["name"] = FeedValue::string(name);
  if (!email.empty()) detail["email"] = FeedValue::string(email);
  context.extras["publisher_detail"] = std::move(detail);
  context.extras["publisher"] = FeedValue::string(
      name.empty() ? email : (email.empty() ? name : name + " (" + email + ")"));
}

void read_author(pugi::xml_node element, Context& context) {
  const std::string name = xml::text(element);
  if (name.empty()) return;
  FeedValue detail = FeedValue::object();
  detail["name"] = FeedValue::string(name);
  context.extras["author"] = FeedValue::string(name);
  context.extras["author_detail"] = detail;
  context.extras["authors"].push_back(std::move(detail));
}

// itunes:image (and itunes:link, which feedparser treats alike) carries the
// artwork in href, or in url as some feeds write it.
void read_image(pugi::xml_node element, Context& context) {
  std::string href = element.attribute("href").value();
  if (href.empty()) href = element.attribute("url").value();
  if (href.empty()) return;
  FeedValue image = FeedValue::object();
  image["href"] = FeedValue::string(std::move(href));
  context.extras["image"] = std::move(image);
}

void read_explicit(pugi::xml_node element, Context& context) {
  const std::string value = raw_text(element);
  if (value == "yes" || value == "true") {
    context.extras["itunes_explicit"] = FeedValue::boolean(true);
  } else if (value == "no" || value == "false" || value == "clean") {
    context.extras["itunes_explicit"] = FeedValue::boolean(false);
  }
}

}  // namespace

bool read_itunes(pugi::xml_node element, std::string_view local, Context& context) {
  if (local == "author") {
    read_author(element, context);
  } else if (local == "category") {
    read_category(element, context);
  } else if (local == "keywords") {
    read_keywords(element, context);
  } else if (local == "owner") {
    read_owner(element, context);
  } else if (local == "image" || local == "link") {
    read_image(element, context);
  } else if (local == "subtitle") {
    set_text(context, "subtitle", element, "text/plain");
  } else if (local == "summary") {
    set_text(context, "summary", element, "text/plain");
  } else if (local == "block") {
    const std::string value = raw_text(element);
    context.extras["itunes_block"] = FeedValue::integer(value == "yes" || value == "Yes" ? 1 : 0);
  } else if (local == "explicit") {
    read_explicit(element, context);
  } else if (local == "name" || local == "email") {
    // Only meaningful inside itunes:owner.
  } else {
    return false;
  }
  return true;
}

}  // namespace omvarld::feeds::ext
