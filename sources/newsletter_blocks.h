// sources/newsletter_blocks.h
//
// A newsletter body as the reader sees it: a flat run of headings and
// paragraphs, each with its text and links, in reading order. The HTML
// body is read with libxml2's HTML parser (in newsletter_blocks.cpp only),
// the plain-text alternative by its blank lines, "#" and underlines.
// sources/newsletter.cpp cuts the run into stories. Pure; internal to
// sources/.

#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace omvarld::sources {

struct BlockLink {
  std::string text;  // the anchor text, whitespace collapsed
  std::string href;  // as written
};

struct Block {
  int heading_level = 0;  // 1–4 for <h1>–<h4> (or "#" lines); 0 for a paragraph
  std::string text;       // plain UTF-8, whitespace collapsed
  std::vector<BlockLink> links;
  bool all_bold = false;  // every letter inside <b>/<strong>
  bool all_link = false;  // every letter inside one link: a linked title
};

// The blocks of an HTML body (UTF-8, whatever its <meta> says): <h1>–<h4>
// are headings; <p>, <li>, <td>, <div> and the like end a paragraph.
// Scripts, styles, hidden preheaders (display:none) and <footer> are left
// out, and so are blocks with neither text nor links. Fails, saying why,
// when libxml2 cannot read the body to its end (sources/html_reader.h).
Result<std::vector<Block>, std::string> html_blocks(std::string_view html);

// The blocks of a plain-text body: paragraphs between blank lines; a line
// after "#" marks (their count its level), a line underlined with "==="
// (level 1) or "---" (level 2), or a lone short line without closing
// punctuation before a paragraph (level 3) is a heading. URLs in the
// text are its links; a paragraph of a title line and a URL line (or
// "Title <URL>") is a linked title.
std::vector<Block> text_blocks(std::string_view text);

}  // namespace omvarld::sources
