// digest/bounded_message.h
//
// A digest as a message that mail servers take and people read: compose()
// and to_message() under the two limits of a digest, the entries shown
// ([mail] max_items) and the size of the whole .eml. Whatever a digest has
// no room for is summed up in it (compose.h) and delivered all the same,
// so a flood never makes a digest that a server refuses for its size, and
// never blocks the next one. Pure.

#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "core/result.h"
#include "digest/compose.h"
#include "digest/message.h"

namespace omvarld::digest {

// The largest .eml a digest may be. Relays commonly refuse from 10 MB (many
// hosted ones at 20–35 MB, some municipal relays lower), and a message
// grows by about a third again when a relay re-encodes it; 2 MiB stays well
// below all of them, and is still some 500 entries in both bodies.
inline constexpr std::size_t kMaxMessageBytes = 2 * 1024 * 1024;

struct DigestLimits {
  std::size_t max_items = kDefaultMaxItems;        // entries shown at most
  std::size_t max_message_bytes = kMaxMessageBytes;  // the .eml, headers included
};

struct BoundedDigest {
  Digest digest;
  Message message;
  std::size_t shown = 0;  // entries shown; the others are summed up at the end
};

// Composes the digest showing the newest limits.max_items entries, and
// while its message would be larger than limits.max_message_bytes, again
// with fewer, down to none: never a bigger message. Fails with
// kDeliveryRefused only when even the digest that shows no entry is too
// large (then a limit or the configuration is wrong, and sending it again
// as it is would not help).
Result<BoundedDigest> compose_bounded(const Recipient& recipient, std::span<const Entry> entries,
                                      core::TimePoint now, const std::string& message_id,
                                      const DigestLimits& limits);

}  // namespace omvarld::digest
