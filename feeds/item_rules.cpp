#include "feeds/item_rules.h"

#include "feeds/field_text.h"
#include "markup/url.h"

namespace omvarld::feeds {

void unescape_link_amp(std::string& href) {
  for (std::size_t at = href.find("&amp;"); at != std::string::npos; at = href.find("&amp;", at + 1)) {
    href.erase(at + 1, 4);
  }
}

bool guid_is_permalink(std::optional<std::string_view> is_permalink) {
  return is_permalink.value_or("true") == "true";
}

void guid_fills_link(std::string& link, const std::string& guid, bool is_permalink) {
  if (is_permalink && link.empty()) link = guid;
}

void repair_decoding(std::string& text, bool utf8) {
  if (utf8) repair_double_utf8(text);
  translate_cp1252(text);
}

const std::string& ResolveCache::resolve(const std::string& base, const std::string& reference) {
  if (reference != last_reference_ || base != last_base_) {
    last_reference_ = reference;
    last_base_ = base;
    last_resolved_ = markup::resolve_url(base, reference);
  }
  return last_resolved_;
}

}  // namespace omvarld::feeds
