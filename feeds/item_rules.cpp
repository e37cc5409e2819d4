#include "feeds/item_rules.h"

#include <algorithm>
#include <array>

#include "core/ascii.h"
#include "core/dates.h"
#include "feeds/field_text.h"
#include "markup/url.h"

namespace omvarld::feeds {

std::string map_content_type(std::string_view type) {
  std::string lower = core::lowercase_ascii(type);
  if (lower == "text" || lower == "plain") return "text/plain";
  if (lower == "html") return "text/html";
  if (lower == "xhtml") return std::string(kXhtmlType);
  return lower;
}

bool html_type(std::string_view type) { return type == "text/html" || type == kXhtmlType; }

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

bool resolved_as_uri(std::string_view key, bool guid_is_link) {
  static constexpr std::array<std::string_view, 10> kRelative = {
      "comments", "docs", "href", "icon", "id", "link", "logo", "url", "wfw_comment", "wfw_commentrss"};
  if (std::find(kRelative.begin(), kRelative.end(), key) == kRelative.end()) return false;
  return key != "id" || guid_is_link;
}

bool promote_to_html(std::string& type, std::string_view text) {
  if (type != "text/plain" || !looks_like_html(text)) return false;
  type = "text/html";
  return true;
}

bool description_is_content(const Text& summary, bool has_content) { return !summary.empty() && !has_content; }

std::optional<core::TimePoint> date_value(std::string_view text) { return core::parse_date(core::trim_space(text)); }

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
