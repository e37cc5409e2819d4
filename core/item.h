// core/item.h
//
// The values that travel through the pipeline: an Item as normalized from any
// kind of source, and the Match that says which nämnd it concerns and why.
// Plain values, no behaviour; every stage may include this header.

#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace omvarld::core {

using TimePoint = std::chrono::sys_seconds;
using Date = std::chrono::sys_days;  // a calendar day, as a deadline is written
using SourceId = std::string;  // [[source]] id, e.g. "ec-press"
using TopicId = std::string;   // [[topic]] id, e.g. "eu-finansiering"
using NamndId = std::string;   // [[namnd]] id, "kommun/nämnd", e.g. "linkoping/utbildning"

// One news item, normalized: text fields are plain UTF-8 text with HTML
// removed and entities decoded, links are absolute.
struct Item {
  SourceId source;
  std::string key;  // identity within the source, decided by feeds::normalize
  std::string title;
  std::string link;
  std::string summary;
  std::string content;  // the full text when the feed carries one, else empty
  std::optional<TimePoint> published;
  // The link in markup::canonical_url form ("" when there is none): the same
  // story in two feeds has the same canonical link even when the links differ
  // in tracking parameters, fragment, host case or a redirector around them.
  std::string canonical_link = {};  // a default, so positional initializers may leave it out
  // The closing date of a call or consultation, when the item states one
  // (sources/deadlines.h, or a field of a JSON API).
  std::optional<Date> deadline = {};
};

// Why an item concerns a nämnd: the configured terms that matched (as written
// in the config, each once), the topics through which it matched, if any,
// which of the terms were found in the title (the others only in the
// summary or content), and the words each term found.
struct Match {
  NamndId namnd;
  std::vector<std::string> terms;
  std::vector<TopicId> topics;
  std::vector<std::string> title_terms;
  // By index into `terms`: the words the term found, as they stood in the
  // item, case kept ("Förskolelärare", "Erasmus+", "sociala ekonomin"), the
  // first few distinct ones, title first, each cut to a bound
  // (filters/matcher.h). Empty for a match stored before omvarld kept them.
  std::vector<std::vector<std::string>> found_words = {};

  friend bool operator==(const Match&, const Match&) = default;
};

}  // namespace omvarld::core
