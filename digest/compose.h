// digest/compose.h
//
// compose() writes a nämnd's digest: a Swedish subject, a plain-text body and
// an HTML body of the same content. Pure: it takes values and the moment of
// composition, and touches neither clock, disk nor network.

#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/item.h"

namespace omvarld::digest {

// Who the digest is for, and how to sign it.
struct Recipient {
  core::NamndId namnd;
  std::string name;                     // "Utbildningsnämnden, Linköping"
  std::vector<std::string> addresses;   // "To:" addresses
  std::string from;                     // "Omvärldsbevakning <omvarld@linkoping.se>"
  std::vector<std::string> contacts;    // whom to ask to change the filters (footer)
  std::string timezone = "Europe/Stockholm";  // dates and week numbers are shown here
  // Where a reader's answer goes ("Reply-To:"); "" for none.
  std::string reply_to = {};
  // Whom a reader writes to leave the list (List-Unsubscribe and the
  // footer); "" for the first of `contacts` with an address.
  std::string list_unsubscribe = {};
  // The municipality that sends it ("Norrköpings kommun"), named in the
  // footer; "" for none.
  std::string organisation = {};
  // No digest has gone to the nämnd before: the summary cannot speak of
  // "förra utskicket".
  bool first_digest = false;
  // The web archive's copy of this digest ("Visa i webbläsaren") and the
  // nämnd's deadlines as a calendar to subscribe to; "" when the archive
  // has no base_url, and then the digest has no such links.
  std::string web_copy = {};
  std::string deadline_calendar = {};
};

// An official's "Relevant? Ja / Nej" links under one entry (web/feedback_token.h
// makes them): each opens a confirmation page for this recipient, item and
// nämnd. Both empty for none.
struct FeedbackLinks {
  std::string ja;
  std::string nej;
};

// One item in the digest. Every string came from a feed and is escaped when
// rendered as HTML.
struct Entry {
  std::string title;
  std::string link;
  std::string source_name;
  std::optional<core::TimePoint> published;
  std::string text;                       // plain text: summary or content
  std::vector<std::string> terms;         // why: the terms that matched, as configured
  std::vector<std::string> topics;        // topic names it matched through
  // The names of the other sources that carried the same story, shown as
  // "Även i: …"; the entry stands for them all.
  std::vector<std::string> also_in = {};
  // The closing date the item states, if any: listed under "Kommande
  // deadlines" while it is today or later, and shown beside the entry.
  std::optional<core::Date> deadline = {};
  // When omvarld first stored the item: how far back the command reaches
  // that lists the entries a digest had no room for.
  std::optional<core::TimePoint> first_seen = {};
  // By index into `terms`: the words each found, as they stood in the item
  // (core::Match::found_words), shown after "varför:"; a term without any
  // shows itself without the filter syntax (digest/why.h).
  std::vector<std::vector<std::string>> found_words = {};
  // A term matched in the title: the entry comes before the text-only ones
  // of its section.
  bool title_match = false;
  // The recipient's "Relevant? Ja / Nej" links for this item; shown under
  // it only when both are web links, so an archive copy composed without
  // them carries no token.
  FeedbackLinks feedback = {};
};

// The entries a digest shows by default ([mail] max_items). A reader takes
// in a page of headlines, not thousands: past about a hundred and fifty a
// digest stops being read and only grows.
inline constexpr std::size_t kDefaultMaxItems = 150;

struct Digest {
  std::string subject;  // "Omvärldsbevakning v. 48 – Utbildningsnämnden, Linköping: 12 nya träffar"
  std::string text;     // plain text, lines end in "\n"
  std::string html;     // a whole HTML document, inline CSS, no scripts
};

// Entries are shown in sections: first those the nämnd's own terms found,
// under "<nämnd>s bevakning" ("Utbildningsnämndens bevakning", from the
// recipient's name before its comma); then per topic (the first one each
// matched through), most entries first; "Övriga träffar" last, for entries
// with neither a term nor a topic. Within a section, entries with a term in
// the title come first, then newest first. Above
// them, "Kommande deadlines" lists the shown entries whose deadline is
// today or later in the recipient's zone, soonest first; it is left out
// when there are none.
//
// At most `max_items` entries are shown, the newest; the subject and the
// counts at the top tell all of them, and the rest are summed up at the
// end per topic and source ("Och 4 850 träffar till"), with whom to ask
// for them and the command that lists them.
Digest compose(const Recipient& recipient, std::span<const Entry> entries, core::TimePoint now,
               std::size_t max_items = kDefaultMaxItems);

}  // namespace omvarld::digest
