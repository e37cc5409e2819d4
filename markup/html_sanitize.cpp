// feedparser runs embedded HTML through two sgmllib-based processors, each
// of which re-serializes it: first _RelativeURIResolver (urls.py), then
// _HTMLSanitizer (sanitizer.py), both on top of _BaseHTMLProcessor
// (html.py). We do the same two passes over the same tokenizer
// (sgml_scanner.h), because each pass changes the markup a little
// (attribute order and quoting, references, void elements) and the corpus
// compares the result byte for byte.
//
// Where feedparser's output would be unsafe in a browser we deviate, and
// say so: URI attributes are checked with their references decoded (so
// "jav&#x09;ascript:" is caught) and on every URI attribute, not only
// href; comments that HTML5 would end early ("<!-->", "--!>") are dropped;
// a '<' that came as text never starts a tag in the output.

#include "markup/html_sanitize.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "core/ascii.h"
#include "core/uri_scheme.h"
#include "markup/css_sanitize.h"
#include "markup/html_allowlists.h"
#include "markup/html_entities.h"
#include "markup/markup_stops.h"
#include "markup/sgml_scanner.h"
#include "markup/uri_scheme.h"
#include "markup/url.h"

namespace omvarld::markup {
namespace {

constexpr std::string_view kSvgNamespace = "http://www.w3.org/2000/svg";
constexpr std::string_view kMathmlNamespace = "http://www.w3.org/1998/Math/MathML";
constexpr std::string_view kXlinkNamespace = "http://www.w3.org/1999/xlink";

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Length of the Unicode whitespace (Python's str.isspace) that starts at
// `at`, in bytes; 0 when there is none.
std::size_t space_length(std::string_view text, std::size_t at) {
  const auto c = static_cast<unsigned char>(text[at]);
  if (is_ascii_space(static_cast<char>(c)) || (c >= 0x1c && c <= 0x1f)) return 1;
  if (c != 0xc2 && c != 0xe1 && c != 0xe2 && c != 0xe3) return 0;
  const std::string_view rest = text.substr(at);
  for (std::string_view space : {"\xc2\x85", "\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\xa8", "\xe2\x80\xa9",
                                 "\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80"}) {
    if (rest.starts_with(space)) return space.size();
  }
  if (rest.size() >= 3 && rest[0] == '\xe2' && rest[1] == '\x80' &&
      static_cast<unsigned char>(rest[2]) >= 0x80 && static_cast<unsigned char>(rest[2]) <= 0x8a) {
    return 3;  // U+2000..U+200A
  }
  return 0;
}

// Python's str.strip().
std::string_view strip(std::string_view text) {
  while (!text.empty() && space_length(text, 0) > 0) text.remove_prefix(space_length(text, 0));
  for (;;) {
    std::size_t cut = 0;
    for (std::size_t length = 1; length <= 3 && length <= text.size(); ++length) {
      if (space_length(text, text.size() - length) == length) cut = length;
    }
    if (cut == 0) break;
    text.remove_suffix(cut);
  }
  return text;
}

// _BaseHTMLProcessor's serialization, shared by both passes.
class Serializer : public MarkupHandler {
 public:
  explicit Serializer(std::size_t expected_size) { out_.reserve(expected_size + expected_size / 8); }

  std::string take() { return std::move(out_); }

  void char_ref(std::string_view digits) override {
    // Windows-1252's C1 stand-ins become the characters they meant.
    static constexpr char32_t kCp1252[32] = {
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
    };
    const std::string ref = core::lowercase_ascii(digits);
    const bool hex = ref[0] == 'x';
    std::uint64_t value = 0;
    for (char c : std::string_view(ref).substr(hex ? 1 : 0)) {
      const int digit = c <= '9' ? c - '0' : c - 'a' + 10;
      value = std::min<std::uint64_t>(value * (hex ? 16 : 10) + static_cast<std::uint64_t>(digit), 1u << 30);
    }
    if (value >= 128 && value < 160 && kCp1252[value - 128] != 0) {
      static constexpr char kHex[] = "0123456789abcdef";
      std::string hex_digits;
      for (char32_t cp = kCp1252[value - 128]; cp != 0; cp >>= 4) hex_digits.insert(hex_digits.begin(), kHex[cp & 0xF]);
      out_.append("&#x").append(hex_digits).append(";");
    } else {
      out_.append("&#").append(ref).append(";");
    }
  }

  void entity_ref(std::string_view name) override {
    const bool common = name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "nbsp";
    if (common || html_entity(name)) {
      out_.append("&").append(name).append(";");
    } else {
      out_.append("&amp;").append(name);  // sic: the ';' is gone
    }
  }

 protected:
  // Collapses repeated attributes (the last value wins, in the place of the
  // first), lower-cases rel and type values, sorts by name.
  static void normalize(std::vector<MarkupAttribute>& attributes) {
    // Where each name was kept: looked through one by one for the few
    // attributes a tag has, by name for a tag with thousands (which would
    // cost their square).
    constexpr std::size_t kIndexedFrom = 16;
    std::unordered_map<std::string, std::size_t> kept_at;
    if (attributes.size() > kIndexedFrom) kept_at.reserve(attributes.size());
    std::size_t kept = 0;
    for (std::size_t i = 0; i < attributes.size(); ++i) {
      std::size_t same = 0;
      if (attributes.size() > kIndexedFrom) {
        same = kept_at.try_emplace(attributes[i].name, kept).first->second;
      } else {
        while (same < kept && attributes[same].name != attributes[i].name) ++same;
      }
      if (same < kept) {
        attributes[same].value = std::move(attributes[i].value);
      } else if (kept != i) {
        attributes[kept++] = std::move(attributes[i]);
      } else {
        ++kept;
      }
    }
    attributes.resize(kept);
    for (MarkupAttribute& attribute : attributes) {
      if (attribute.name == "rel" || attribute.name == "type") attribute.value = core::lowercase_ascii(attribute.value);
    }
    std::sort(attributes.begin(), attributes.end(),
              [](const MarkupAttribute& a, const MarkupAttribute& b) { return a.name < b.name; });
  }

  void write_start_tag(std::string_view tag, const std::vector<MarkupAttribute>& attributes) {
    out_ += '<';
    out_ += tag;
    for (const MarkupAttribute& attribute : attributes) {
      out_.append(" ").append(attribute.name).append("=\"");
      write_attribute_value(attribute.value);
      out_ += '"';
    }
    out_ += is_void_element(tag) ? " />" : ">";
  }

  void write_end_tag(std::string_view tag) {
    if (!is_void_element(tag)) out_.append("</").append(tag).append(">");
  }

  std::string out_;

 private:
  // < > " escaped, and every '&' that starts no reference.
  void write_attribute_value(std::string_view value) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const char c = value[i];
      if (c == '<') {
        out_ += "&lt;";
      } else if (c == '>') {
        out_ += "&gt;";
      } else if (c == '"') {
        out_ += "&quot;";
      } else if (c == '&' && !starts_reference(value.substr(i))) {
        out_ += "&amp;";
      } else {
        out_ += c;
      }
    }
  }

  // &#\d+; or &#x[0-9a-fA-F]+; or &\w+; (non-ASCII counts as \w).
  static bool starts_reference(std::string_view text) {
    std::size_t p = 1;
    auto run = [&](auto accepts) {
      const std::size_t start = p;
      while (p < text.size() && accepts(text[p])) ++p;
      return p > start && p < text.size() && text[p] == ';';
    };
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    const auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); };
    const auto word = [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
             static_cast<unsigned char>(c) >= 0x80;
    };
    if (p < text.size() && text[p] == '#') {
      ++p;
      if (p < text.size() && text[p] == 'x') {
        ++p;
        if (run(hex)) return true;
        p = 2;
      }
      if (run(digit)) return true;
      p = 1;
    }
    return run(word);
  }
};

// Pass 1: _RelativeURIResolver. Every construct is written back; URIs in
// the element/attribute pairs that carry them are made absolute.
class UriResolver final : public Serializer {
 public:
  UriResolver(std::string_view base, std::size_t expected_size)
      : Serializer(expected_size), base_(base) {}

  void start_tag(std::string_view tag, std::vector<MarkupAttribute>& attributes) override {
    normalize(attributes);
    for (MarkupAttribute& attribute : attributes) {
      if (!is_relative_uri_attribute(tag, attribute.name)) continue;
      // `resolve(value) or value`: a URI that cannot be made safe stays as
      // written, for the sanitizer to judge.
      if (std::string resolved = resolve(attribute.value); !resolved.empty()) {
        attribute.value = std::move(resolved);
      }
    }
    write_start_tag(tag, attributes);
  }
  void end_tag(std::string_view tag) override { write_end_tag(tag); }
  void text(std::string_view text) override { out_ += text; }
  void comment(std::string_view text) override { out_.append("<!--").append(text).append("-->"); }
  void processing_instruction(std::string_view text) override { out_.append("<?").append(text).append(">"); }
  void doctype(std::string_view text) override { out_.append("<!").append(text).append(">"); }
  bool drops_unterminated_comments() const override { return false; }

 private:
  // make_safe_absolute_uri(base, uri.strip()).
  std::string resolve(std::string_view value) const {
    const std::string_view uri = strip(value);
    if (base_.empty()) return std::string(uri);
    if (uri.empty()) {
      const std::string scheme = uri_scheme(base_);
      return scheme.empty() || core::is_html_link_scheme(scheme) ? std::string(base_) : std::string();
    }
    std::string absolute = resolve_url(base_, uri);
    const std::string_view trimmed = strip(absolute);
    const std::string_view scheme = trimmed.substr(0, trimmed.find(':'));
    return core::is_html_link_scheme(scheme) ? absolute : std::string();
  }

  std::string base_;
};

// Pass 2: _HTMLSanitizer.
class Sanitizer final : public Serializer {
 public:
  Sanitizer(bool xhtml, std::size_t expected_size) : Serializer(expected_size), xhtml_(xhtml) {}

  void start_tag(std::string_view tag, std::vector<MarkupAttribute>& attributes) override;
  void end_tag(std::string_view tag) override;

  // The markup, with every '<' that came as text but now starts a tag
  // written as "&lt;": text the tokenizer gave up on ("<img src=x
  // onerror=..." at the end), or a '<' whose neighbour was dropped
  // ("<</x>script"). feedparser writes these as they are.
  std::string take_markup() {
    const auto opens_tag = [&](std::size_t at) {
      const char next = at + 1 < out_.size() ? out_[at + 1] : ' ';
      return (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
    };
    if (std::none_of(text_brackets_.begin(), text_brackets_.end(), opens_tag)) return take();
    std::string out;
    out.reserve(out_.size() + 16);
    std::size_t copied = 0;
    for (std::size_t at : text_brackets_) {
      if (!opens_tag(at)) continue;
      out.append(out_, copied, at - copied).append("&lt;");
      copied = at + 1;
    }
    out.append(out_, copied);
    return out;
  }

  void text(std::string_view text) override {
    if (dropped_depth_ != 0) return;
    for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
      text_brackets_.push_back(out_.size() + at);
    }
    out_ += text;
  }

  void comment(std::string_view text) override {
    // HTML5 ends "<!-->" and "<!--->" at once, and a comment at "--!>".
    if (text.starts_with('>') || text.starts_with("->") || text.find("--!>") != std::string_view::npos) return;
    out_.append("<!--").append(text).append("-->");
  }
  void processing_instruction(std::string_view /*text*/) override {}
  void doctype(std::string_view /*text*/) override {}
  bool drops_unterminated_comments() const override { return true; }

 private:
  enum class Vocabulary { kHtml, kMathml, kSvg };

  static bool has_attribute(const std::vector<MarkupAttribute>& attributes, std::string_view name,
                            std::string_view value) {
    return std::any_of(attributes.begin(), attributes.end(),
                       [&](const MarkupAttribute& a) { return a.name == name && a.value == value; });
  }

  bool is_allowed(Vocabulary vocabulary, std::string_view name) const {
    switch (vocabulary) {
      case Vocabulary::kHtml: return is_acceptable_attribute(name);
      case Vocabulary::kMathml: return is_mathml_attribute(name);
      case Vocabulary::kSvg: return svg_attribute(name).has_value();
    }
    return false;
  }

  bool xhtml_;
  std::vector<std::size_t> text_brackets_;  // offsets in out_ of '<' written as text
  std::vector<MarkupAttribute> clean_;      // the attributes kept, reused from tag to tag
  int dropped_depth_ = 0;  // open script/style/applet; may go negative, as in feedparser
  int mathml_depth_ = 0;
  int svg_depth_ = 0;
};

void Sanitizer::start_tag(std::string_view tag, std::vector<MarkupAttribute>& attributes) {
  Vocabulary vocabulary = Vocabulary::kHtml;
  std::string_view written_tag = tag;
  const bool html_element = is_acceptable_element(tag);
  if (!html_element || svg_depth_ > 0) {
    if (is_dropped_with_content(tag)) ++dropped_depth_;
    if (!xhtml_ && (tag == "svg" || tag == "math")) {
      // HTML5 inline SVG and MathML need no xmlns.
      const auto xmlns = std::find_if(attributes.rbegin(), attributes.rend(),
                                      [](const MarkupAttribute& a) { return a.name == "xmlns"; });
      if (xmlns == attributes.rend() || xmlns->value.empty()) {
        attributes.push_back({"xmlns", std::string(tag == "svg" ? kSvgNamespace : kMathmlNamespace)});
      }
    }
    if (tag == "math" && has_attribute(attributes, "xmlns", kMathmlNamespace)) ++mathml_depth_;
    if (tag == "svg" && has_attribute(attributes, "xmlns", kSvgNamespace)) ++svg_depth_;
    const auto svg_name = svg_depth_ > 0 ? svg_element(tag) : std::nullopt;
    if (mathml_depth_ > 0 && is_mathml_element(tag)) {
      vocabulary = Vocabulary::kMathml;
    } else if (svg_name) {
      vocabulary = Vocabulary::kSvg;
      written_tag = *svg_name;
    } else if (!html_element) {
      return;
    }
  }
  if ((mathml_depth_ > 0 || svg_depth_ > 0) &&
      std::any_of(attributes.begin(), attributes.end(),
                  [](const MarkupAttribute& a) { return a.name.starts_with("xlink:"); }) &&
      !has_attribute(attributes, "xmlns:xlink", kXlinkNamespace)) {
    attributes.push_back({"xmlns:xlink", std::string(kXlinkNamespace)});
  }
  normalize(attributes);
  std::vector<MarkupAttribute>& clean = clean_;
  clean.clear();
  for (MarkupAttribute& attribute : attributes) {
    if (attribute.name == "style") {
      if (vocabulary != Vocabulary::kHtml) continue;  // neither MathML's nor SVG's list has style
      std::string style = sanitize_style(attribute.value, svg_depth_ > 0);
      if (!style.empty()) clean.push_back({std::move(attribute.name), std::move(style)});
      continue;
    }
    if (!is_allowed(vocabulary, attribute.name)) continue;
    if (vocabulary == Vocabulary::kSvg) attribute.name = std::string(*svg_attribute(attribute.name));
    if (is_uri_attribute(attribute.name)) attribute.value = safe_uri(attribute.value);
    clean.push_back(std::move(attribute));
  }
  write_start_tag(written_tag, clean);
}

void Sanitizer::end_tag(std::string_view tag) {
  std::string_view written_tag = tag;
  if (!is_acceptable_element(tag)) {
    if (is_dropped_with_content(tag)) --dropped_depth_;
    if (mathml_depth_ > 0 && is_mathml_element(tag)) {
      if (tag == "math") --mathml_depth_;
    } else if (const auto svg_name = svg_depth_ > 0 ? svg_element(tag) : std::nullopt) {
      written_tag = *svg_name;
      if (tag == "svg") --svg_depth_;
    } else {
      return;
    }
  }
  write_end_tag(written_tag);
}

// sanitize_html's last step: surrounding whitespace gone, CRLF → LF.
std::string finish(std::string html) {
  const std::string_view stripped = strip(html);
  if (stripped.size() == html.size() && html.find("\r\n") == std::string::npos) return html;
  std::string_view rest = stripped;
  std::string out;
  out.reserve(rest.size());
  for (std::size_t cr; (cr = rest.find("\r\n")) != std::string_view::npos; rest.remove_prefix(cr + 1)) {
    out.append(rest.substr(0, cr));
  }
  out.append(rest);
  return out;
}

}  // namespace

namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_tag_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The length of a reference at the start of `text` that the scanner and
// html_to_text read alike ("&amp;", "&eacute;", "&#233;", "&#xE9;"), or 0.
std::size_t plain_reference_length(std::string_view text) {
  std::size_t i = 1;
  if (i < text.size() && text[i] == '#') {
    ++i;
    const bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
    if (hex) ++i;
    const std::size_t digits = i;
    while (i < text.size() && i - digits < 8 && (hex ? is_hex_digit(text[i]) : is_digit(text[i]))) ++i;
    return i > digits && i < text.size() && text[i] == ';' ? i + 1 : 0;
  }
  const std::size_t name = i;
  if (i >= text.size() || !is_letter(text[i])) return 0;
  while (i < text.size() && i - name < 31 && (is_letter(text[i]) || is_digit(text[i]))) ++i;
  if (i >= text.size() || text[i] != ';') return 0;
  return html_entity(text.substr(name, i - name)) ? i + 1 : 0;
}

// An element whose tags the sanitizer writes back as they are, by name.
bool is_kept_element(std::string_view lower_tag) {
  return is_acceptable_element(lower_tag) && lower_tag != "svg" && lower_tag != "math";
}

// The length of a tag at the start of `text` that the scanner, the
// sanitizer and html_to_text all read as that one tag, or 0.
std::size_t plain_tag_length(std::string_view text) {
  std::size_t i = 1;
  const bool end = i < text.size() && text[i] == '/';
  if (end) ++i;
  const std::size_t name_start = i;
  if (i >= text.size() || !is_letter(text[i])) return 0;
  while (i < text.size() && (is_letter(text[i]) || is_digit(text[i]))) ++i;
  if (i - name_start > 16) return 0;
  char lower[16];
  for (std::size_t k = name_start; k < i; ++k) {
    const char c = text[k];
    lower[k - name_start] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view tag(lower, i - name_start);
  if (!is_kept_element(tag)) return 0;
  if (end) {
    // The sanitizer drops the end tag of a void element; html_to_text would not.
    return !is_void_element(tag) && i < text.size() && text[i] == '>' ? i + 1 : 0;
  }
  for (;;) {
    const std::size_t before_space = i;
    while (i < text.size() && is_tag_space(text[i])) ++i;
    if (i >= text.size()) return 0;
    if (text[i] == '>') return i + 1;
    if (text[i] == '/') return i + 1 < text.size() && text[i + 1] == '>' ? i + 2 : 0;
    if (i == before_space || !is_letter(text[i])) return 0;  // attributes are apart
    while (i < text.size() && (is_letter(text[i]) || is_digit(text[i]) || text[i] == '-' || text[i] == '_')) ++i;
    if (i + 1 >= text.size() || text[i] != '=' || (text[i + 1] != '"' && text[i + 1] != '\'')) return 0;
    const char quote = text[i + 1];
    i += 2;
    const std::size_t value = i;
    while (i < text.size() && text[i] != quote && text[i] != '<' && text[i] != '>') ++i;
    if (i >= text.size() || text[i] != quote) return 0;
    // feedparser's rewriting turns &#34; and &#39; into quotes, which
    // would end the value early the second time round.
    if (text.substr(value, i - value).find("&#") != std::string_view::npos) return 0;
    ++i;
  }
}

// The end of `text` as finish() and collapse_whitespace agree on it: ASCII
// whitespace they both drop, then a byte neither treats as space.
bool plain_edge(unsigned char c) { return c < 0x80 && !(c >= 0x1c && c <= 0x1f); }

}  // namespace

bool plain_html_edges(std::string_view html) {
  if (html.find('\xC2') != std::string_view::npos) return false;
  const auto first = html.find_first_not_of(" \t\n\r\f\v");
  if (first == std::string_view::npos) return true;
  const auto last = html.find_last_not_of(" \t\n\r\f\v");
  return plain_edge(static_cast<unsigned char>(html[first])) && plain_edge(static_cast<unsigned char>(html[last]));
}

std::size_t plain_markup_length(std::string_view markup) {
  return markup[0] == '<' ? plain_tag_length(markup) : plain_reference_length(markup);
}

bool sanitizing_keeps_text(std::string_view html) {
  if (!plain_html_edges(html)) return false;
  MarkupStops stops(html);
  for (std::size_t i = stops.next(0); i < html.size(); i = stops.next(i)) {
    const std::size_t length = plain_markup_length(html.substr(i));
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string clean_html(std::string_view html, std::string_view base_url, std::string_view type) {
  if (html.find('<') == std::string_view::npos && html.find('&') == std::string_view::npos) {
    return finish(std::string(html));  // nothing to parse
  }
  const bool xhtml = type == "application/xhtml+xml";
  UriResolver resolver(base_url, html.size());
  scan_markup(html, xhtml, false, resolver);
  const std::string resolved = resolver.take();
  Sanitizer sanitizer(xhtml, resolved.size());
  scan_markup(resolved, xhtml, true, sanitizer);
  return finish(sanitizer.take_markup());
}

}  // namespace omvarld::markup
