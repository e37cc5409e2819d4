#include "sources/html_items.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <spdlog/spdlog.h>

#include "core/dates.h"
#include "core/failure_kind.h"
#include "markup/url.h"
#include "sources/date_format.h"
#include "sources/deadlines.h"
#include "sources/html_document.h"
#include "sources/web_link.h"

namespace omvarld::sources {

namespace {

constexpr const char* kMarkupChanged = " — has its markup changed?";

// The profile's expressions, compiled for this page.
struct CompiledProfile {
  XPath items;
  XPath title;
  XPath link;
  std::optional<XPath> date;
  std::optional<XPath> summary;
  std::optional<XPath> deadline;
};

SourceFailure profile_failure(std::string message) { return {core::FailureKind::kProfile, std::move(message)}; }

std::string quoted(const XPath& xpath) { return "\"" + xpath.expression() + "\""; }

Result<std::optional<XPath>, SourceFailure> compile_optional(std::string_view key,
                                                             const std::string& expression) {
  if (expression.empty()) return std::optional<XPath>();
  auto compiled = XPath::compile(expression);
  if (!compiled) return tl::unexpected(profile_failure(std::string(key) + ": " + compiled.error()));
  return std::optional<XPath>(std::move(*compiled));
}

// Config loading compiled these already (config/read_html_profile.cpp);
// a profile built in code may still hold a bad one.
Result<CompiledProfile, SourceFailure> compile(const config::HtmlProfile& profile) {
  auto items = compile_optional("items", profile.items);
  auto title = compile_optional("title", profile.title);
  auto link = compile_optional("link", profile.link);
  auto date = compile_optional("date", profile.date);
  auto summary = compile_optional("summary", profile.summary);
  auto deadline = compile_optional("deadline", profile.deadline);
  for (const auto* compiled : {&items, &title, &link, &date, &summary, &deadline}) {
    if (!*compiled) return tl::unexpected(compiled->error());
  }
  if (!*items || !*title || !*link) {
    return tl::unexpected(profile_failure("the profile needs items, title and link"));
  }
  return CompiledProfile{std::move(**items), std::move(**title), std::move(**link),
                         std::move(*date),   std::move(*summary), std::move(*deadline)};
}

// A page date by the profile's format, else in any form feeds know (an
// ISO 8601 datetime attribute, "2026-11-12").
std::optional<core::TimePoint> read_page_date(const std::string& text,
                                              const std::string& date_format) {
  if (!date_format.empty()) {
    if (auto date = read_formatted_date(text, date_format)) return date;
  }
  return core::parse_date(text);
}

// Counts the items in which one required expression found nothing, and
// says so the way a coordinator can act on.
class MissingField {
 public:
  MissingField(const XPath& xpath, std::string found) : xpath_(xpath), found_(std::move(found)) {}
  // `example`: what was found instead, when something was.
  void record(std::size_t index, std::string_view example = {}) {
    if (count_++ > 0) return;
    first_ = index;
    example_ = example;
  }
  std::optional<SourceFailure> failure(const char* key, const XPath& items,
                                       std::size_t total) const {
    if (count_ == 0) return std::nullopt;
    return profile_failure(std::string(key) + " " + quoted(xpath_) + " found " + found_ + " in " +
                           std::to_string(count_) + " of " + std::to_string(total) +
                           " items matched by items " + quoted(items) + " (the first is item " +
                           std::to_string(first_ + 1) +
                           (example_.empty() ? "" : ": \"" + example_ + "\"") + ")" + kMarkupChanged);
  }

 private:
  const XPath& xpath_;
  std::string found_;
  std::size_t count_ = 0;
  std::size_t first_ = 0;
  std::string example_;
};

// How many items may stand inside one another. A listing's items are
// side by side, or a few deep in nested lists; items nested deeper come
// from unclosed tags (each <div class="nyhet"> left open holds all that
// follow), and every expression would read each item's part of the page
// again: the work would grow with the square of the page.
constexpr std::size_t kMaxItemNesting = 8;

// The deepest nesting of `nodes` inside one another, counted in one pass
// up each node's ancestors that stops where an ancestor was counted before.
std::size_t item_nesting(const std::vector<HtmlNode>& nodes) {
  std::unordered_set<const void*> items;
  for (const HtmlNode& node : nodes) items.insert(node.identity());
  std::unordered_map<const void*, std::size_t> items_above;  // items among a node's ancestors, and itself
  std::size_t deepest = 0;
  for (const HtmlNode& node : nodes) {
    std::vector<HtmlNode> path;  // the node and its ancestors not yet counted
    std::optional<HtmlNode> at = node;
    std::size_t above = 0;
    while (at) {
      if (auto known = items_above.find(at->identity()); known != items_above.end()) {
        above = known->second;
        break;
      }
      path.push_back(*at);
      at = at->parent();
    }
    for (auto step = path.rbegin(); step != path.rend(); ++step) {
      above += items.contains(step->identity()) ? 1 : 0;
      items_above.emplace(step->identity(), above);
    }
    deepest = std::max(deepest, above);
  }
  return deepest;
}

// The item's key: its canonical link; for a story the page holds itself
// ("#nyhet-12" on the listing), the canonical link with that fragment,
// which canonical_url would drop.
std::string key_of(const std::string& base, const std::string& link) {
  std::string key = markup::canonical_url(link);
  if (is_fragment_of(base, link)) key += link.substr(link.find('#'));
  return key;
}

}  // namespace

Result<std::vector<core::Item>, SourceFailure> html_items(const config::SourceConfig& source,
                                                          std::string_view page,
                                                          std::string_view page_url) {
  auto profile = compile(source.html);
  if (!profile) return tl::unexpected(profile.error());
  auto document = HtmlPage::parse(page);
  if (!document) return tl::unexpected(profile_failure("the page is empty"));
  // What follows the break would be missing without a word.
  if (!document->incomplete().empty()) {
    return tl::unexpected(profile_failure("the page cannot be read to its end: " + document->incomplete()));
  }
  const std::vector<HtmlNode> nodes = document->select(profile->items);
  if (nodes.empty()) {
    return tl::unexpected(profile_failure("items " + quoted(profile->items) +
                                          " matched nothing on the page" + kMarkupChanged));
  }
  if (const std::size_t nesting = item_nesting(nodes); nesting > kMaxItemNesting) {
    return tl::unexpected(profile_failure(
        "items " + quoted(profile->items) + " matched elements nested " + std::to_string(nesting) +
        " deep inside one another, more than " + std::to_string(kMaxItemNesting) +
        " (unclosed tags?)" + kMarkupChanged));
  }
  // Links are relative to the page's <base href> when it has one (HTML
  // Standard, "document base URL"), else to the URL it came from.
  const std::string base = document->base_url(page_url);
  const std::string& date_format = source.html.date_format;

  std::vector<core::Item> items;
  std::set<std::string> keys;
  MissingField missing_title(profile->title, "nothing");
  MissingField missing_link(profile->link, "nothing");
  MissingField not_web_link(profile->link, "no web address");
  std::size_t unreadable_dates = 0;
  std::string unreadable_example;
  for (std::size_t index = 0; index < nodes.size(); ++index) {
    const HtmlNode& node = nodes[index];
    auto title = node.text(profile->title);
    auto written = node.link(profile->link);
    // mailto:, tel:, javascript:, "#": no page of the story (web_link.h).
    const std::string link = written ? web_link(base, *written) : std::string();
    if (!title) missing_title.record(index);
    if (!written) missing_link.record(index);
    if (written && link.empty()) not_web_link.record(index, *written);
    if (!title || link.empty()) continue;

    core::Item item;
    item.source = source.id;
    item.title = std::move(*title);
    item.link = link;
    item.canonical_link = markup::canonical_url(item.link);
    // A page has no ids: the link is the item, and its canonical form keeps
    // the key stable when a CMS adds tracking parameters between polls.
    item.key = key_of(base, item.link);
    if (profile->summary) item.summary = node.text(*profile->summary).value_or("");
    if (profile->date) {
      if (auto text = node.text(*profile->date)) {
        item.published = read_page_date(*text, date_format);
        if (!item.published && unreadable_dates++ == 0) unreadable_example = *text;
      }
    }
    if (profile->deadline) {
      if (auto text = node.text(*profile->deadline)) {
        if (auto date = read_page_date(*text, date_format)) {
          item.deadline = std::chrono::floor<std::chrono::days>(*date);
        } else {
          item.deadline = find_deadline(*text, item.published);
        }
      }
    }
    // A listing often links one story twice (a teaser and a "read more"):
    // the first is the item.
    if (!keys.insert(item.key).second) continue;
    items.push_back(std::move(item));
  }
  if (auto failure = missing_title.failure("title", profile->items, nodes.size())) {
    return tl::unexpected(*failure);
  }
  if (auto failure = missing_link.failure("link", profile->items, nodes.size())) {
    return tl::unexpected(*failure);
  }
  if (auto failure = not_web_link.failure("link", profile->items, nodes.size())) {
    return tl::unexpected(*failure);
  }
  if (unreadable_dates > 0) {
    spdlog::warn("{}: date {} unreadable in {} of {} items (e.g. \"{}\"){}; stored without a date",
                 source.id, quoted(*profile->date), unreadable_dates, nodes.size(),
                 unreadable_example,
                 date_format.empty() ? "" : " with date_format \"" + date_format + "\"");
  }
  return items;
}

}  // namespace omvarld::sources
