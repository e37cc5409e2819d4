// storage/feedback_votes.h
//
// Officials' answers to "Relevant? Ja / Nej" under a digest's items
// (web/feedback_pages.h), and what the coordinators read of them: per
// nämnd, the items answered "Nej" and, per filter term that brought the
// answered items, how many said Ja and Nej. One answer per recipient, item
// and nämnd: answering again replaces the answer, it never counts twice.
// Who answered is kept only as a keyed digest of the address
// (web::recipient_digest), never the address. Answers go with their item
// when retention removes it.
//
// FeedbackTally is what the report and the coordinators' page read (part
// of ReportLedger, storage/report_ledger.h); FeedbackVotes is what the
// feedback page needs: the item asked about and the one write. Implemented by
// ItemStore (storage/feedback_votes.cpp) on its one connection, so the
// thread rule of storage/item_store.h applies.

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/item.h"
#include "core/result.h"

namespace omvarld::storage {

enum class Vote { kJa, kNej };

struct VoteRecord {
  core::NamndId namnd;
  std::int64_t item_id = 0;
  std::string recipient;  // a digest of the address, as web::recipient_digest gives it
  Vote vote = Vote::kNej;
  core::TimePoint voted_at;
};

// The item a vote is about, as the confirmation page shows it.
struct VotedItem {
  std::int64_t id = 0;
  std::string title;
  std::string link;
};

// An item answered "Nej" in the period, and the terms that brought it to
// the nämnd (as stored with its match; empty when it no longer matches).
struct NejItem {
  VotedItem item;
  std::int64_t nej = 0;
  std::vector<std::string> terms;
};

// The answers about the items one filter term brought to the nämnd.
struct TermVotes {
  std::string term;
  std::int64_t ja = 0;
  std::int64_t nej = 0;
};

struct NamndFeedback {
  std::int64_t ja = 0;  // every answer in the period
  std::int64_t nej = 0;
  std::vector<NejItem> nej_items;  // most "Nej" first, at most kMaxFeedbackRows
  std::vector<TermVotes> terms;    // most "Nej" first, at most kMaxFeedbackRows
};

// The most rows of each list a period gives: a report or page stays short
// however many answers come in.
inline constexpr int kMaxFeedbackRows = 50;

class FeedbackTally {
 public:
  // The answers about `namnd`'s items given in [from, to).
  virtual Result<NamndFeedback> namnd_feedback(const core::NamndId& namnd, core::TimePoint from,
                                               core::TimePoint to) const = 0;

 protected:
  ~FeedbackTally() = default;
};

class FeedbackVotes {
 public:
  // The stored item `item_id`, nullopt when there is none (never was, or
  // removed by retention).
  virtual Result<std::optional<VotedItem>> voted_item(std::int64_t item_id) const = 0;

  // Stores the answer, replacing an earlier one of the same recipient about
  // the same item and nämnd. Returns false, storing nothing, when there is
  // no item `item_id`.
  virtual Result<bool> record_vote(const VoteRecord& vote) = 0;

 protected:
  ~FeedbackVotes() = default;
};

}  // namespace omvarld::storage
