// sources/newsletter.h
//
// Newsletters (kind = "imap"): one e-mail message, as RFC 5322 bytes, made
// into the items it tells of. decode_newsletter reads the MIME message with
// GMime (multipart, quoted-printable, base64, charsets); newsletter_items
// cuts its body into stories at its headings or its linked titles, leaving
// out the boilerplate (unsubscribe, "Läs i webbläsaren", the footer). Pure;
// safe to call from any thread. Reading the mailbox is sources/mailbox_source.h.

#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/item.h"
#include "core/result.h"
#include "sources/source_items.h"

namespace omvarld::sources {

// A message as its reader sees it: headers decoded (RFC 2047), bodies in
// UTF-8 whatever their charset and transfer encoding.
struct Newsletter {
  std::string message_id;  // without <>; "" when the message has none
  std::string subject;
  std::optional<core::TimePoint> date;  // the Date header
  std::string html;  // the first text/html part that is not an attachment; "" when none
  std::string text;  // the first text/plain part that is not an attachment; "" when none
};

// Decodes `message`. Fails, with one line for the log, when the bytes are
// not a message or it has neither a text/html nor a text/plain body. The
// bodies are looked for in at most 32 levels of nested multiparts; the
// failure says so when deeper ones were left unread.
Result<Newsletter, std::string> decode_newsletter(std::string_view message);

enum class NewsletterSplit {
  kHeadings,  // each <h1>–<h4>, or a bold line that is a link, starts a story
  kLinks,     // each paragraph that is one link (a linked title) starts a story
};

// The stories of `newsletter`, in reading order, from its HTML body (else
// its plain text). Title: the heading or linked title; link: its own link,
// else the first web link under it; summary: the text under it up to the
// next story. Key: the canonical link, else "<message-id>#<title>", so the
// same newsletter read twice gives the same keys. Published: the message's
// Date. A story with neither link nor text (a section heading) is none,
// and so is the newsletter's own title when it has stories under it. Only
// http(s) links count (sources/web_link.h): a heading that links to
// mailto:, tel: or "#" is a title without a link. An HTML body that libxml2
// cannot read to its end (sources/html_reader.h) is replaced by the plain
// text; without one, that is the failure, with its reason.
Result<std::vector<core::Item>, std::string> newsletter_items(const Newsletter& newsletter,
                                                              NewsletterSplit split,
                                                              const core::SourceId& source);

// decode_newsletter and newsletter_items by `source`'s [source.imap] split,
// with deadlines read from each story (sources/deadlines.h). A message that
// cannot be decoded or read fails with kind "newsletter".
Result<std::vector<core::Item>, SourceFailure> items_from_message(
    const config::SourceConfig& source, std::string_view message);

}  // namespace omvarld::sources
