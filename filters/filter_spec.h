// filters/filter_spec.h
//
// What the filters need to know of the configuration: the terms of each topic
// and nämnd, each with the place it was written so errors can point at it.
// Filled by config/, consumed by Matcher::compile. Plain values.

#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/item.h"
#include "core/result.h"

namespace omvarld::filters {

// One term or query as written in the config (`förskola`, `skol*`,
// `"social ekonomi"`, `=EU`, `title:skola`), and where: `where` is the
// position of the TOML value (its opening quote, as the TOML parser reports
// it, in characters), so a problem at byte offset k of `text` is reported at
// column where.column + 1 + the characters (code points) of text[0, k):
// exact for strings without escapes before k, close enough for a person
// otherwise.
struct Term {
  std::string text;
  FilePos where;
};

struct TopicSpec {
  core::TopicId id;
  std::vector<Term> any;
  std::vector<Term> none;
};

// An item belongs to `namnd` when it comes from one of `sources` (empty: from
// every source) and (a term in `any` matches, or `query` matches, or one of
// `topics` matches) and no term in `none` — the nämnd's, or the matching
// topic's — matches (docs/reference.md, "Which items a nämnd gets").
struct FilterSpec {
  core::NamndId namnd;
  std::vector<core::SourceId> sources;  // resolved ids, tags already expanded
  std::vector<core::TopicId> topics;
  std::vector<Term> any;
  std::vector<Term> none;
  std::optional<Term> query;
};

}  // namespace omvarld::filters
