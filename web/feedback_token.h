// web/feedback_token.h
//
// The credential in an official's "Relevant? Ja / Nej" link: a token that
// says "this recipient got this item in this nämnd's digest", signed with
// HMAC-SHA256 under the installation's feedback key (web/feedback_key.h).
// Nobody without the key can make one, and changing any byte of one, or
// moving it to another item, nämnd or recipient, makes it fail to verify.
//
// The vote is not in the token: the Ja and Nej links carry the same token,
// so an official who changes their mind just clicks the other one.
//
// Layout (version 1), base64url without padding:
//   payload = 0x01 | item id (8 bytes, big-endian) | recipient tag (16 bytes)
//             | nämnd id (the rest, UTF-8)
//   token   = payload | HMAC-SHA256(key, "omvarld feedback token\0" | payload)
// The recipient tag is a keyed hash of the normalized address
// (recipient_digest), so the address itself never appears in a link, a
// proxy log or the database. Pure functions.

#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/item.h"

namespace omvarld::web {

inline constexpr std::size_t kFeedbackKeyBytes = 32;
using FeedbackKey = std::array<unsigned char, kFeedbackKeyBytes>;

// A longer token is refused before any decoding: real ones are ~110 bytes.
inline constexpr std::size_t kMaxFeedbackTokenBytes = 512;

// What a valid token says.
struct FeedbackTicket {
  core::NamndId namnd;
  std::int64_t item_id = 0;
  std::string recipient;  // recipient_digest() of the address, never the address

  friend bool operator==(const FeedbackTicket&, const FeedbackTicket&) = default;
};

// The address as the token binds it: surrounding space removed, ASCII
// letters in lower case ("Anna.Berg@Linkoping.se " = "anna.berg@linkoping.se").
std::string normalize_recipient(std::string_view address);

// A keyed hash of the normalized address, 32 hex digits: who voted, as the
// store keeps it. Without the key it cannot be tied to an address by
// trying likely ones.
std::string recipient_digest(const FeedbackKey& key, std::string_view address);

// The token for `recipient` (an address, normalized here) and `item_id` in
// `namnd`'s digest. `item_id` must be positive and `namnd` non-empty.
std::string make_feedback_token(const FeedbackKey& key, const core::NamndId& namnd,
                                std::int64_t item_id, std::string_view recipient);

// What `token` says, when it is one that make_feedback_token made with
// `key`; nullopt for anything else (forged, tampered, truncated, padded,
// oversized, another key). The signature is compared in constant time.
std::optional<FeedbackTicket> verify_feedback_token(const FeedbackKey& key, std::string_view token);

// The two links an official gets under an item (opening the confirmation
// page, web/feedback_pages.h): "<base_url>/feedback?t=TOKEN&v=ja" and
// "...&v=nej". `base_url` is [web] base_url; a trailing "/" is dropped.
struct FeedbackLinks {
  std::string ja;
  std::string nej;
};
FeedbackLinks feedback_links(std::string_view base_url, const FeedbackKey& key,
                             const core::NamndId& namnd, std::int64_t item_id,
                             std::string_view recipient);

}  // namespace omvarld::web
