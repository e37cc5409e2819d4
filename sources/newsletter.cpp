// newsletter_items (sources/newsletter.h): where a newsletter's stories
// begin and end. The body has already been read into blocks
// (sources/newsletter_blocks.h); this file decides which blocks are
// titles, which are boilerplate, and what each story's link and text are.

#include "sources/newsletter.h"

#include <algorithm>
#include <array>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "core/ascii.h"
#include "core/failure_kind.h"
#include "markup/url.h"
#include "sources/deadlines.h"
#include "sources/newsletter_blocks.h"
#include "sources/web_link.h"

namespace omvarld::sources {

namespace {

bool contains_any(std::string_view text, std::span<const std::string_view> cues) {
  const std::string folded = core::lowercase_ascii(text);
  return std::any_of(cues.begin(), cues.end(), [&](std::string_view cue) {
    return folded.find(cue) != std::string::npos;
  });
}

// Lines every mailing tool adds around the stories. "Läs i webbläsaren" sits
// at the top; the rest mark the footer, and nothing after them is a story.
constexpr std::array<std::string_view, 8> kBrowserCues = {
    "läs i webbläsaren", "visa i webbläsaren", "öppna i webbläsaren", "webbversion",
    "view in browser",   "view this email",    "view it in your browser", "visa som webbsida"};
constexpr std::array<std::string_view, 12> kFooterCues = {
    "avregistrera",       "avsluta prenumeration", "avsluta din prenumeration",
    "avprenumerera",      "unsubscribe",           "du får det här nyhetsbrevet",
    "du får detta nyhetsbrev", "du får detta mejl", "du får det här mejlet",
    "hantera din prenumeration", "manage your subscription", "update your preferences"};
// A "read more" line gives its story a link but says nothing itself.
constexpr std::array<std::string_view, 7> kReadMoreCues = {
    "läs mer", "läs hela", "mer information", "read more", "more information", "mer info",
    "läs artikeln"};

bool is_boilerplate_link(const BlockLink& link) {
  return contains_any(link.text, kBrowserCues) || contains_any(link.text, kFooterCues) ||
         contains_any(link.href, std::array<std::string_view, 2>{"unsubscribe", "avregistrera"});
}

// The first link of `block` that leads to a web page and is not
// boilerplate, as an absolute URL; "" when there is none: a heading may
// link only to mailto:, tel:, "#" or a relative path that a mail has no
// base for.
std::string first_web_link(const Block& block) {
  for (const BlockLink& link : block.links) {
    if (is_boilerplate_link(link)) continue;
    if (std::string web = web_link("", link.href); !web.empty()) return web;
  }
  return {};
}

bool is_read_more(const Block& block) {
  return block.all_link && block.text.size() < 40 && contains_any(block.text, kReadMoreCues);
}

struct Story {
  std::string title;
  int level = 0;  // the heading's; 0 for a linked title
  std::string link;
  std::string summary;
};

// `text` without a "Läs mer:" or "Läs mer »" at its end (the plain-text
// body's label for the URL that followed it).
std::string without_read_more(std::string text) {
  const std::string folded = core::lowercase_ascii(text);
  for (std::string_view cue : kReadMoreCues) {
    const std::size_t at = folded.rfind(cue);
    if (at == std::string::npos) continue;
    const std::string_view tail = std::string_view(folded).substr(at + cue.size());
    if (tail.find_first_not_of(" :.»>-") != std::string_view::npos) continue;
    text.erase(at);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
  }
  return text;
}

// A short paragraph that is all link under a heading ("Läs mer »", "Till
// samrådet", "Anmäl dig här") is the story's link, not its text.
bool is_call_to_action(const Block& block, NewsletterSplit split) {
  if (split == NewsletterSplit::kLinks) return is_read_more(block);
  return block.all_link && block.text.size() < 60;
}

void add_text(Story& story, const Block& block, NewsletterSplit split) {
  if (story.link.empty()) story.link = first_web_link(block);
  if (is_call_to_action(block, split)) return;
  const std::string text = without_read_more(block.text);
  if (text.empty()) return;
  if (!story.summary.empty()) story.summary += ' ';
  story.summary += text;
}

bool starts_story(const Block& block, NewsletterSplit split) {
  const bool linked_title = block.all_link && !first_web_link(block).empty() &&
                            !is_read_more(block);
  if (split == NewsletterSplit::kLinks) return linked_title;
  return block.heading_level > 0 || (block.all_bold && linked_title);
}

// The blocks between the browser line at the top and the footer, as stories.
std::vector<Story> stories_of(const std::vector<Block>& blocks, NewsletterSplit split) {
  std::vector<Story> stories;
  bool in_story = false;
  for (const Block& block : blocks) {
    if (contains_any(block.text, kFooterCues)) {
      if (!stories.empty()) break;
      continue;
    }
    if (contains_any(block.text, kBrowserCues)) continue;
    if (starts_story(block, split)) {
      Story story;
      story.title = block.text;
      story.level = block.heading_level;
      if (block.all_link) story.link = first_web_link(block);
      stories.push_back(std::move(story));
      in_story = true;
    } else if (split == NewsletterSplit::kLinks && block.heading_level > 0) {
      in_story = false;  // a section heading ends the story above it
    } else if (in_story) {
      add_text(stories.back(), block, split);
    }
  }
  return stories;
}

// A heading with stories under deeper headings is the newsletter's
// masthead or a section ("Veckobrev v. 48", "Utlysningar"), not a story.
// `deeper_headings`: whether any story has a heading below <h1>, asked once
// for the whole newsletter rather than once per story.
bool is_section(const Story& story, bool deeper_headings) {
  if (story.link.empty() && story.summary.empty()) return true;
  return story.level == 1 && story.link.empty() && deeper_headings;
}

std::string key_of(const Newsletter& newsletter, const Story& story,
                   const std::string& canonical_link) {
  if (!canonical_link.empty()) return canonical_link;
  const std::string message = !newsletter.message_id.empty()
                                  ? newsletter.message_id
                                  : newsletter.subject;
  return "<" + message + ">#" + story.title;
}

}  // namespace

Result<std::vector<core::Item>, std::string> newsletter_items(const Newsletter& newsletter,
                                                              NewsletterSplit split,
                                                              const core::SourceId& source) {
  auto blocks = html_blocks(newsletter.html);
  // An HTML body that cannot be read to its end would lose the stories
  // after the break; the plain-text alternative tells the same stories.
  if (!blocks && newsletter.text.empty()) {
    return tl::unexpected("the HTML body cannot be read: " + blocks.error());
  }
  if (!blocks || newsletter.html.empty()) blocks = text_blocks(newsletter.text);
  const std::vector<Story> stories = stories_of(*blocks, split);
  std::vector<core::Item> items;
  std::set<std::string> keys;
  const bool deeper_headings =
      std::any_of(stories.begin(), stories.end(), [](const Story& story) { return story.level > 1; });
  for (const Story& story : stories) {
    if (is_section(story, deeper_headings)) continue;
    core::Item item;
    item.source = source;
    item.title = story.title;
    item.link = story.link;
    item.summary = story.summary;
    item.published = newsletter.date;
    item.canonical_link = markup::canonical_url(story.link);
    item.key = key_of(newsletter, story, item.canonical_link);
    // Two headings may lead to one page ("Läs mer" under both): one item.
    if (!keys.insert(item.key).second) continue;
    items.push_back(std::move(item));
  }
  return items;
}

Result<std::vector<core::Item>, SourceFailure> items_from_message(
    const config::SourceConfig& source, std::string_view message) {
  auto newsletter = decode_newsletter(message);
  if (!newsletter) return tl::unexpected(SourceFailure{core::FailureKind::kNewsletter, newsletter.error()});
  const NewsletterSplit split =
      source.imap.split == "links" ? NewsletterSplit::kLinks : NewsletterSplit::kHeadings;
  auto items = newsletter_items(*newsletter, split, source.id);
  if (!items) {
    const std::string which = !newsletter->message_id.empty() ? "<" + newsletter->message_id + ">"
                                                              : "\"" + newsletter->subject + "\"";
    return tl::unexpected(SourceFailure{core::FailureKind::kNewsletter, "message " + which + ": " + items.error()});
  }
  add_deadlines(*items);
  return std::move(*items);
}

}  // namespace omvarld::sources
