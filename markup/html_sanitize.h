// markup/html_sanitize.h
//
// HTML from a feed made safe for a digest, as feedparser makes it: relative
// URIs in the markup resolved against the base URI, then an allow-list
// sanitizer (no script, no event handlers, no javascript: or data: URLs, no
// unknown elements or attributes, CSS filtered). The output is serialized
// the way feedparser serializes it, so the conformance corpus can compare
// strings; where feedparser's output could still run script in a browser,
// we are stricter (html_sanitize.cpp lists how). Used by feeds/. Pure
// and thread-safe; linear in the size of the markup.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::markup {

// `html` (entities as written in the markup) sanitized; URIs in it made
// absolute against `base_url` when that is not empty. `type` is the text
// construct's type: for "application/xhtml+xml" a self-closing <tag .../>
// also closes the element, and inline <svg>/<math> must declare their
// namespace; for "text/html" (the default) they need not.
std::string clean_html(std::string_view html, std::string_view base_url,
                       std::string_view type = "text/html");

// True when the plain text of `html` (html_to_text, html_text.h) is
// certainly the same before and after clean_html, whatever the base URL,
// and feedparser's encoding repairs that follow it in the reader (double
// UTF-8, C1 controls) are certainly no-ops: text, known entity and numeric
// references, and tags of allowed HTML elements with quoted attributes,
// nothing else (no comment, no script, no byte 0xC2, no Unicode space at
// either end). Conservative: false says nothing. One pass, no allocation.
bool sanitizing_keeps_text(std::string_view html);

// sanitizing_keeps_text in parts, for a scan that takes the text as it
// checks (kept_html_text, html_text.h): whether the bytes and the ends of
// `html` allow it, and the length of the tag or reference at the start of
// `markup` ('<' or '&') that it allows, or 0.
bool plain_html_edges(std::string_view html);
std::size_t plain_markup_length(std::string_view markup);

}  // namespace omvarld::markup
