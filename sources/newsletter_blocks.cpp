#include "sources/newsletter_blocks.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <optional>
#include <string>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "core/ascii.h"
#include "markup/html_text.h"
#include "sources/html_reader.h"

namespace omvarld::sources {

namespace {

// ---- HTML ------------------------------------------------------------------

bool is_named(const xmlNode* node, std::string_view name) {
  return node->name != nullptr &&
         std::string_view(reinterpret_cast<const char*>(node->name)) == name;
}

std::string attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

// Mail clients show neither; newsletters use them for a preheader line
// ("Veckans nyheter från Bryssel") that the inbox list shows instead.
// The mailing tool's footer (address, why you get this, unsubscribe) is
// marked so in most templates; what is not marked, newsletter.cpp finds by
// its wording.
bool is_footer(const xmlNode* element) {
  return is_named(element, "footer") || core::lowercase_ascii(attribute(element, "class")).find("footer") != std::string::npos ||
         core::lowercase_ascii(attribute(element, "id")).find("footer") != std::string::npos;
}

bool is_hidden(const xmlNode* element) {
  if (is_footer(element)) return true;
  std::string style = core::lowercase_ascii(attribute(element, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return style.find("display:none") != std::string::npos || is_named(element, "script") ||
         is_named(element, "style") || is_named(element, "head") || is_named(element, "title") ||
         is_named(element, "noscript") || is_named(element, "template");
}

int heading_level(const xmlNode* element) {
  static constexpr std::array<std::string_view, 4> kHeadings = {"h1", "h2", "h3", "h4"};
  for (std::size_t i = 0; i < kHeadings.size(); ++i) {
    if (is_named(element, kHeadings[i])) return static_cast<int>(i) + 1;
  }
  return 0;
}

// Elements that start and end a paragraph of their own.
bool is_block(const xmlNode* element) {
  static constexpr std::array<std::string_view, 22> kBlocks = {
      "p",  "div", "li",    "ul",     "ol",     "table",   "tbody",   "tr",
      "td", "th",  "h5",    "h6",     "section", "article", "header", "blockquote",
      "center", "dl", "dt", "dd", "hr", "pre"};
  return std::any_of(kBlocks.begin(), kBlocks.end(),
                     [&](std::string_view name) { return is_named(element, name); });
}

bool is_bold(const xmlNode* element) {
  return is_named(element, "b") || is_named(element, "strong");
}

std::size_t letters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](unsigned char c) {
    return !std::isspace(c) && !std::ispunct(c);
  }));
}

// Reads the document in order, without recursion: libxml2 already stops at
// 256 open elements (sources/html_reader.h), but the walk does not rely on
// it.
class HtmlWalker {
 public:
  std::vector<Block> take() {
    flush();
    return std::move(blocks_);
  }

  void walk(const xmlNode* first) {
    std::vector<Open> open;  // the elements whose children are being read
    const xmlNode* node = first;
    while (node != nullptr || !open.empty()) {
      if (node == nullptr) {  // the last open element's children are done
        const Open done = open.back();
        open.pop_back();
        leave(done);
        node = done.element->next;
        continue;
      }
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        if (node->content != nullptr) add_text(reinterpret_cast<const char*>(node->content));
      } else if (node->type == XML_ELEMENT_NODE && !is_hidden(node)) {
        if (is_named(node, "br")) {
          add_text(" ");
        } else {
          open.push_back(enter(node));
          node = node->children;
          continue;
        }
      }
      node = node->next;
    }
  }

 private:
  // An element being read, and what entering it changed.
  struct Open {
    const xmlNode* element;
    bool block;
    bool bold;
    bool link;
  };

  Open enter(const xmlNode* node) {
    const int level = heading_level(node);
    const bool block = level > 0 || is_block(node);
    if (block) flush();
    if (level > 0) level_ = level;
    const bool bold = is_bold(node);
    bold_depth_ += bold ? 1 : 0;
    const bool link = is_named(node, "a") && !attribute(node, "href").empty() && !link_;
    if (link) link_ = BlockLink{"", attribute(node, "href")};
    return {node, block, bold, link};
  }

  void leave(const Open& open) {
    if (open.link) {
      link_->text = markup::collapse_whitespace(link_->text);
      if (!link_->text.empty()) links_.push_back(std::move(*link_));
      link_.reset();
    }
    bold_depth_ -= open.bold ? 1 : 0;
    if (open.block) flush();
  }

  void add_text(std::string_view text) {
    text_ += text;
    const std::size_t count = letters(text);
    if (bold_depth_ > 0) bold_letters_ += count;
    if (link_) {
      link_->text += text;
      link_letters_ += count;
    }
  }

  void flush() {
    Block block;
    block.heading_level = level_;
    block.text = markup::collapse_whitespace(text_);
    block.links = std::move(links_);
    const std::size_t total = letters(block.text);
    block.all_bold = total > 0 && bold_letters_ == total;
    block.all_link = total > 0 && block.links.size() == 1 && link_letters_ == total;
    if (!block.text.empty() || !block.links.empty()) blocks_.push_back(std::move(block));
    text_.clear();
    links_.clear();
    level_ = 0;
    bold_letters_ = link_letters_ = 0;
    // A link that spans a block boundary counts on in the next block.
    if (link_) link_->text.clear();
  }

  std::vector<Block> blocks_;
  std::string text_;
  std::vector<BlockLink> links_;
  std::optional<BlockLink> link_;
  int level_ = 0;
  int bold_depth_ = 0;
  std::size_t bold_letters_ = 0;
  std::size_t link_letters_ = 0;
};

// ---- plain text ------------------------------------------------------------

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](unsigned char c) { return std::isspace(c); });
}

bool is_underline(std::string_view line) {
  const std::string trimmed = markup::collapse_whitespace(line);
  return trimmed.size() >= 3 && (trimmed.find_first_not_of('=') == std::string::npos ||
                                 trimmed.find_first_not_of('-') == std::string::npos);
}

bool is_url_start(std::string_view text, std::size_t at) {
  return text.substr(at, 7) == "http://" || text.substr(at, 8) == "https://";
}

// The URLs in `line`, and the line without them (and without the <> or ()
// around them).
std::string take_urls(std::string_view line, std::vector<std::string>& urls) {
  std::string rest;
  std::size_t at = 0;
  while (at < line.size()) {
    if (!is_url_start(line, at)) {
      rest += line[at++];
      continue;
    }
    std::size_t end = at;
    while (end < line.size() && !std::isspace(static_cast<unsigned char>(line[end])) &&
           line[end] != '>' && line[end] != ')') {
      ++end;
    }
    std::string url(line.substr(at, end - at));
    // Punctuation after a URL ends the sentence, not the URL. "»" is two
    // bytes and goes whole: its last byte alone ends "û" too.
    while (!url.empty()) {
      if (std::string_view(".,;:\"'").find(url.back()) != std::string_view::npos) {
        url.pop_back();
      } else if (url.ends_with("»")) {
        url.erase(url.size() - std::string_view("»").size());
      } else {
        break;
      }
    }
    urls.push_back(url);
    if (!rest.empty() && (rest.back() == '<' || rest.back() == '(')) rest.pop_back();
    at = end < line.size() && (line[end] == '>' || line[end] == ')') ? end + 1 : end;
  }
  return rest;
}

Block paragraph_block(const std::vector<std::string>& lines) {
  Block block;
  std::vector<std::string> urls;
  std::string text;
  std::vector<std::string> texts;
  for (const std::string& line : lines) {
    std::string rest = markup::collapse_whitespace(take_urls(line, urls));
    if (!rest.empty()) texts.push_back(rest);
  }
  for (const std::string& part : texts) text += (text.empty() ? "" : " ") + part;
  // "Rubrik <https://…>" or a title line followed by its URL.
  while (!text.empty() && (text.back() == ':' || text.back() == '-')) text.pop_back();
  block.text = markup::collapse_whitespace(text);
  for (const std::string& url : urls) block.links.push_back({block.text, url});
  // Only a title: one short line without a full stop, and its URL.
  block.all_link = urls.size() == 1 && texts.size() == 1 && !block.text.empty() &&
                   block.text.size() < 120 && block.text.back() != '.';
  if (!block.all_link) {
    for (BlockLink& link : block.links) link.text.clear();
  }
  return block;
}

bool ends_a_sentence(std::string_view text) {
  return !text.empty() && std::string_view(".!?:,;").find(text.back()) != std::string::npos;
}

}  // namespace

Result<std::vector<Block>, std::string> html_blocks(std::string_view html) {
  if (html.empty()) return std::vector<Block>();
  // The body is UTF-8 already (GMime converted it from the part's charset),
  // so a <meta charset> left over from the sender's template must not
  // switch the decoder.
  constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                           HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC;
  auto read = read_html(html, "UTF-8", kOptions);
  if (!read) return std::vector<Block>();  // nothing libxml2 could build on: no blocks
  if (!read->incomplete.empty()) return tl::unexpected(read->incomplete);
  HtmlWalker walker;
  walker.walk(xmlDocGetRootElement(read->doc.get()));
  return walker.take();
}

std::vector<Block> text_blocks(std::string_view text) {
  std::vector<std::vector<std::string>> paragraphs(1);
  for (std::string& line : lines_of(text)) {
    if (is_blank(line)) {
      if (!paragraphs.back().empty()) paragraphs.emplace_back();
    } else {
      paragraphs.back().push_back(std::move(line));
    }
  }
  if (paragraphs.back().empty()) paragraphs.pop_back();

  std::vector<Block> blocks;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    std::vector<std::string>& lines = paragraphs[i];
    // "Rubrik\n======" starts a paragraph of its own.
    if (lines.size() >= 2 && is_underline(lines[1])) {
      blocks.push_back({lines[1].find('=') != std::string::npos ? 1 : 2,
                        markup::collapse_whitespace(lines[0]), {}, false, false});
      lines.erase(lines.begin(), lines.begin() + 2);
      if (lines.empty()) continue;
    }
    const std::string first = markup::collapse_whitespace(lines[0]);
    if (lines.size() == 1 && first.starts_with('#')) {
      const std::size_t marks = first.find_first_not_of('#');
      const int level = static_cast<int>(std::min<std::size_t>(marks, 4));
      // A line of "#" alone is a rule, not a heading without a title.
      std::string title = markup::collapse_whitespace(first.substr(std::min(marks, first.size())));
      if (!title.empty()) blocks.push_back({level, std::move(title), {}, false, false});
      continue;
    }
    Block block = paragraph_block(lines);
    const bool lone_short_line = lines.size() == 1 && block.links.empty() &&
                                 block.text.size() < 120 && !ends_a_sentence(block.text) &&
                                 i + 1 < paragraphs.size();
    if (lone_short_line) block.heading_level = 3;
    if (!block.text.empty() || !block.links.empty()) blocks.push_back(std::move(block));
  }
  return blocks;
}

}  // namespace omvarld::sources
