// fuzz/html_fuzzer.cpp
//
// libFuzzer target for web pages: a page read by a selector profile
// (html_items, kind = "html") and searched for feeds (feeds_on_page,
// `source discover`). The first byte chooses one of four fixed profiles
// and the page's URL; the rest is the page. Properties: no crash, leak or
// hang; a failure is of kind "profile" with a message; a success has
// items, each with a title, a key no other item has, valid UTF-8 text and
// a link to a web page (or, for a file:// page, a file); every feed
// candidate is such a link, once, with UTF-8 text.

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "core/failure_kind.h"
#include "fuzz/fuzz_check.h"
#include "markup/url.h"
#include "sources/feed_discovery.h"
#include "sources/html_items.h"

namespace {

using omvarld::fuzz::fail;
constexpr const char* kTarget = "html_fuzzer";

struct Profile {
  const char* items;
  const char* title;
  const char* link;
  const char* date;
  const char* date_format;
  const char* summary;
  const char* deadline;
};

// A listing as municipalities write them, a card grid, a table, and
// expressions that compute strings rather than select nodes.
constexpr Profile kProfiles[] = {
    {"//li[contains(@class,'nyhet')]", ".//h2", ".//h2/a/@href", ".//time/@datetime", "", ".//p", ""},
    {"//article", ".", ".//a", ".//time", "%d %B %Y", ".//*[contains(@class,'ingress')]",
     ".//*[contains(@class,'deadline')]"},
    {"//table//tr", "td[1]", "td[2]//a/@href", "td[3]", "%Y-%m-%d", "", "td[4]"},
    {"//div | //section | //namespace::*", "normalize-space(.//h3)", "concat('/a/', count(.//*))", "string(.//span)",
     "%d.%m.%Y", "string(.)", "."},
};

constexpr const char* kPageUrls[] = {"https://kommun.example.se/nyheter/", "file:///srv/sidor/nyheter.html",
                                     "http://Example.EU/a/b?c=d#e", ""};

bool is_link_of(std::string_view link, std::string_view page_url) {
  if (omvarld::fuzz::is_web_address(link)) return true;
  return page_url.starts_with("file://") && link.starts_with("file://");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Profile& profile = kProfiles[data[0] % 4];
  const std::string_view page_url = kPageUrls[(data[0] / 4) % 4];
  const std::string_view page(reinterpret_cast<const char*>(data + 1), size - 1);

  omvarld::config::SourceConfig source;
  source.id = "fuzz";
  source.kind = omvarld::config::SourceKind::kHtml;
  source.html = {profile.items, profile.title,       profile.link,    profile.date,
                 profile.date_format, profile.summary, profile.deadline};
  auto items = omvarld::sources::html_items(source, page, page_url);
  if (!items) {
    if (items.error().kind != omvarld::core::FailureKind::kProfile) {
      fail(kTarget, "a failure of another kind", omvarld::core::to_string(items.error().kind));
    }
    if (items.error().message.empty()) fail(kTarget, "a failure without a message");
  } else {
    if (items->empty()) fail(kTarget, "success without items");
    omvarld::fuzz::check_items(kTarget, *items, false,
                               [&](std::string_view link) { return is_link_of(link, page_url); });
  }

  std::set<std::string> seen;
  for (const omvarld::sources::FeedCandidate& candidate : omvarld::sources::feeds_on_page(page, page_url)) {
    if (!is_link_of(candidate.url, page_url)) fail(kTarget, "a feed candidate that is no web address", candidate.url);
    if (!seen.insert(omvarld::markup::canonical_url(candidate.url)).second) {
      fail(kTarget, "a feed candidate twice", candidate.url);
    }
    // `source discover --json` prints them, and its JSON writer throws on
    // anything else.
    for (const std::string* text : {&candidate.url, &candidate.title, &candidate.type}) {
      if (!omvarld::fuzz::is_utf8(*text)) fail(kTarget, "a feed candidate's text that is not UTF-8", *text);
    }
  }
  return 0;
}
