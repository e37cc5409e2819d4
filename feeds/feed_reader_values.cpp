// The general reader's value readers: attributes and the href among them,
// URIs made safe and absolute, base64, XML escaping, content types, and
// the fields of a context by feedparser's key (feed_reader_state.h).

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "core/ascii.h"
#include "feeds/feed_reader_state.h"
#include "feeds/field_text.h"
#include "markup/url.h"

namespace omvarld::feeds::general_reader {

namespace {

bool acceptable_uri_scheme(std::string_view uri) {
  static constexpr std::array<std::string_view, 44> kSchemes = {
      "file", "ftp", "gopher", "h323", "hdl", "http", "https", "imap", "magnet", "mailto", "mms",
      "news", "nntp", "prospero", "rsync", "rtsp", "rtspu", "sftp", "shttp", "sip", "sips", "snews",
      "svn", "svn+ssh", "telnet", "wais", "aim", "callto", "cvs", "facetime", "feed", "git", "gtalk",
      "irc", "ircs", "irc6", "itms", "msnim", "skype", "ssh", "smb", "ymsg", "mvn", ""};
  const std::string_view trimmed = core::trim_space(uri);
  const auto colon = trimmed.find(':');
  const std::string scheme = core::lowercase_ascii(colon == std::string_view::npos ? trimmed : trimmed.substr(0, colon));
  return std::find(kSchemes.begin(), kSchemes.end(), scheme) != kSchemes.end();
}

}  // namespace

// feedparser's make_safe_absolute_uri.
std::string safe_absolute_uri(const std::string& base, std::string_view reference) {
  if (base.empty()) return std::string(reference);
  std::string uri = markup::resolve_url(base, reference);
  if (!acceptable_uri_scheme(uri)) return {};
  return uri;
}

bool decode_base64(std::string_view in, std::string& out) {
  std::string bytes;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '+') v = 62;
    else if (c == '/') v = 63;
    else if (c == '=') break;
    else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    else return false;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  if (!valid_utf8(bytes)) return false;
  out = std::move(bytes);
  return true;
}

void escape_xml(std::string& out, std::string_view text, bool quotes) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (quotes) { out += "&quot;"; break; }
        out += c;
        break;
      default: out += c;
    }
  }
}

const std::string* find_attr(const Attrs& attrs, std::string_view name) {
  for (const Attr& attr : attrs) {
    if (attr.name == name) return &attr.value;
  }
  return nullptr;
}

std::string attr_or(const Attrs& attrs, std::string_view name, std::string_view fallback) {
  const std::string* value = find_attr(attrs, name);
  return value ? *value : std::string(fallback);
}

// feedparser's _enforce_href: url or uri becomes href.
void enforce_href(Attrs& attrs) {
  const std::string* href = find_attr(attrs, "url");
  if (!href || href->empty()) href = find_attr(attrs, "uri");
  if (!href || href->empty()) href = find_attr(attrs, "href");
  if (!href || href->empty()) return;
  const std::string value = *href;
  std::erase_if(attrs, [](const Attr& a) { return a.name == "url" || a.name == "uri" || a.name == "href"; });
  attrs.push_back(Attr{"href", value});
}

Link link_of(const Attrs& attrs) {
  Link link;
  link.rel.clear();
  for (const Attr& attr : attrs) {
    if (attr.name == "rel") link.rel = attr.value;
    else if (attr.name == "type") link.type = attr.value;
    else if (attr.name == "href") link.href = attr.value;
    else if (attr.name == "title") link.title = attr.value;
    else if (attr.name == "length") link.length = attr.value;
    else if (attr.name == "hreflang") link.hreflang = attr.value;
  }
  return link;
}

// Whether the element's tag, "prefix:local" or "local" without a prefix, is
// `tag`: compared in place, not built for every element.
bool tag_is(std::string_view prefix, std::string_view local, std::string_view tag) {
  if (prefix.empty()) return local == tag;
  return tag.size() == prefix.size() + 1 + local.size() && tag.starts_with(prefix) && tag[prefix.size()] == ':' &&
         tag.ends_with(local);
}

// feedparser's hack for empty textinput/image elements of broken feeds: a
// core element other than these ends them.
bool ends_textinput(std::string_view local) {
  return local != "title" && local != "link" && local != "description" && local != "name";
}

bool ends_image(std::string_view local) {
  return local != "title" && local != "link" && local != "description" && local != "url" && local != "href" &&
         local != "width" && local != "height";
}

namespace {

Date* date_field(Fields& fields, std::string_view key) {
  if (key == "published") return &fields.published;
  if (key == "updated") return &fields.updated;
  if (key == "created") return &fields.created;
  if (key == "expired") return &fields.expired;
  return nullptr;
}

Text* text_field(Fields& fields, std::string_view key) {
  if (key == "title") return &fields.title;
  if (key == "subtitle") return &fields.subtitle;
  if (key == "summary") return &fields.summary;
  if (key == "rights") return &fields.rights;
  if (key == "info") return &fields.info;
  return nullptr;
}

std::string* string_field(Fields& fields, std::string_view key) {
  if (key == "link") return &fields.link;
  if (key == "id") return &fields.id;
  if (key == "author") return &fields.author;
  if (key == "publisher") return &fields.publisher;
  if (key == "generator") return &fields.generator;
  if (key == "language") return &fields.language;
  if (key == "docs") return &fields.docs;
  if (key == "ttl") return &fields.ttl;
  if (key == "icon") return &fields.icon;
  if (key == "logo") return &fields.logo;
  if (key == "comments") return &fields.comments;
  if (key == "href") return &fields.href;
  if (key == "name") return &fields.name;
  return nullptr;
}

}  // namespace

void set_value(Fields& fields, std::string_view key, const std::string& value, const ContentParams* detail,
               bool keep_extension_keys) {
  if (Text* text = text_field(fields, key)) {
    text->value = value;
    if (detail) {
      text->type = detail->type;
      text->language = detail->language;
      text->base = detail->base;
    }
  } else if (Date* date = date_field(fields, key)) {
    date->raw = value;
  } else if (std::string* field = string_field(fields, key)) {
    *field = value;
  } else if (key == "license" || key == "content") {
    // creativeCommons license becomes a link; feed-level content is not kept
  } else if (!keep_extension_keys) {
    const auto underscore = key.find('_');
    if (underscore != std::string_view::npos && extension_prefix(key.substr(0, underscore))) return;
    fields.extras[key] = FeedValue::string(value);
  }
}

}  // namespace omvarld::feeds::general_reader
