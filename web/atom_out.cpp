// web/atom_out.cpp — see web/atom_out.h.

#include "web/atom_out.h"

#include <algorithm>

#include "app/time_format.h"
#include "core/percent_encode.h"
#include "core/safe_text.h"
#include "digest/html_escape.h"
#include "web/feed_item.h"

namespace omvarld::web {
namespace {

// tag: URIs (RFC 4151) under a name and year of our own: stable whatever
// host name the archive is served under.
constexpr std::string_view kTagPrefix = "tag:omvarld,2026:";

void append_category(std::string& out, std::string_view term, std::string_view scheme) {
  out += "<category term=\"" + xml_text(term) + "\" scheme=\"" + std::string(kTagPrefix) +
         std::string(scheme) + "\"/>\n";
}

void append_entry(std::string& out, const storage::NamndItem& item) {
  const core::Item& fields = item.stored.item;
  const std::string summary = feed_excerpt(fields.summary);
  out += "<entry>\n";
  out += "<id>" + std::string(kTagPrefix) + "item/" + std::to_string(item.stored.id) + "</id>\n";
  out += "<title type=\"text\">" +
         xml_text(fields.title.empty() ? std::string("(utan rubrik)") : fields.title) +
         "</title>\n";
  out += "<updated>" + app::rfc3339(changed_at(item)) + "</updated>\n";
  if (fields.published) out += "<published>" + app::rfc3339(*fields.published) + "</published>\n";
  if (!item.source_name.empty()) {
    out += "<author><name>" + xml_text(item.source_name) + "</name></author>\n";
  }
  for (const std::string& term : item.match.terms) append_category(out, term, "term");
  for (const std::string& topic : item.match.topics) append_category(out, topic, "topic");
  // An entry without an alternate link must carry content (RFC 4287 §4.1.2).
  if (digest::is_web_link(fields.link)) {
    out += "<link rel=\"alternate\" type=\"text/html\" href=\"" +
           xml_text(core::safe_link(fields.link)) + "\"/>\n";
    out += "<summary type=\"text\">" + xml_text(summary) + "</summary>\n";
  } else {
    out += "<content type=\"text\">" + xml_text(summary) + "</content>\n";
  }
  out += "</entry>\n";
}

}  // namespace

std::string namnd_segment(std::string_view namnd) { return core::percent_encode(namnd, "-_.~"); }

std::string xml_text(std::string_view text) {
  const std::string safe = core::safe_text(text);
  std::string escaped;
  escaped.reserve(safe.size() + 16);
  for (char c : safe) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&apos;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

std::string compose_atom(const NewsFeed& feed, std::span<const storage::NamndItem> items) {
  items = items.first(std::min(items.size(), kMaxFeedEntries));
  core::TimePoint updated = items.empty() ? feed.now : core::TimePoint{};
  for (const storage::NamndItem& item : items) updated = std::max(updated, changed_at(item));

  std::string base = feed.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string name = feed.namnd_name.empty() ? feed.namnd : feed.namnd_name;

  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"sv\">\n";
  out += "<id>" + std::string(kTagPrefix) + "namnd/" + namnd_segment(feed.namnd) + "</id>\n";
  out += "<title type=\"text\">" + xml_text("Nyheter – " + name) + "</title>\n";
  out += "<subtitle type=\"text\">" + xml_text("Nyheter som rör " + name + ", från omvarld") +
         "</subtitle>\n";
  out += "<updated>" + app::rfc3339(updated) + "</updated>\n";
  const std::string namnd_path = base + "/namnd/" + namnd_segment(feed.namnd);
  out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" +
         xml_text(namnd_path + "/nyheter.atom") + "\"/>\n";
  // The nämnd's page in the archive (web/official_pages.h).
  out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_text(namnd_path) + "\"/>\n";
  out += "<author><name>omvarld</name></author>\n";
  out += "<generator>omvarld</generator>\n";
  for (const storage::NamndItem& item : items) append_entry(out, item);
  out += "</feed>\n";
  return out;
}

}  // namespace omvarld::web
