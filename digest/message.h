// digest/message.h
//
// A digest as an email: RFC 5322 headers and a multipart/alternative MIME
// body in UTF-8. Pure: the Message-ID and date come in as arguments.

#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/item.h"
#include "digest/compose.h"

namespace omvarld::digest {

struct Message {
  core::NamndId namnd;
  std::string message_id;  // "<…@…>", unique per message
  std::string subject;
  core::TimePoint date;
  std::string html;  // the HTML body alone, for transports that keep a copy
  std::string eml;   // the whole message, CRLF line ends, no line over 998 octets
  // The SMTP envelope: bare addresses ("omvarld@linkoping.se"), no display
  // names, no spaces or control characters.
  std::string envelope_from;
  std::vector<std::string> envelope_to;
};

// Builds the message: From, To, Reply-To (recipient.reply_to; left out
// when it holds no address), Subject (RFC 2047 when not ASCII), Date,
// Message-ID, MIME-Version, List-Id (one per nämnd), List-Unsubscribe
// (unsubscribe_mailto of leave_contacts(recipient); left out when it is ""),
// X-Omvarld-Namnd (the
// nämnd id, for filters and tests), Auto-Submitted, and a
// multipart/alternative body with the text and HTML parts quoted-printable.
// The envelope is the bare address of recipient.from and of each of
// recipient.addresses (empty ones left out).
// No CR or LF from any field reaches a header.
Message to_message(const Recipient& recipient, const Digest& digest, core::TimePoint date,
                   const std::string& message_id);

// The bare address of a mailbox as the envelope takes it: "Anna Berg
// <anna@linkoping.se>" → "anna@linkoping.se" (case kept); "" for none.
std::string bare_address(std::string_view mailbox);

// A fresh Message-ID for the domain of `from` ("…@linkoping.se"); uses
// randomness, so it is the one impure function here.
std::string new_message_id(const std::string& from);

// The Message-ID of a digest, derived from what it is, in the domain of
// `from`: "<omvarld-<32 hex digits>@linkoping.se>", a hash of the list
// (the nämnd id, or the report's), of the Message-ID of the list's last
// delivered message (`previous`, "" for none) and of the set of item ids
// it delivers (in any order). A digest made again for the same items after
// a crash between the server's acceptance and the recording gets the same
// Message-ID, so mail clients drop the second copy; chaining on `previous`
// keeps two digests without items apart, even within one second.
std::string derived_message_id(const std::string& from, std::string_view list,
                               std::string_view previous,
                               std::span<const std::int64_t> item_ids);

}  // namespace omvarld::digest
