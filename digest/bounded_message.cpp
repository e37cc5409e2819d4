#include "digest/bounded_message.h"

#include <algorithm>
#include <utility>

namespace omvarld::digest {

Result<BoundedDigest> compose_bounded(const Recipient& recipient, std::span<const Entry> entries,
                                      core::TimePoint now, const std::string& message_id,
                                      const DigestLimits& limits) {
  std::size_t shown = std::min(limits.max_items, entries.size());
  for (;;) {
    Digest digest = compose(recipient, entries, now, shown);
    Message message = to_message(recipient, digest, now, message_id);
    const std::size_t size = message.eml.size();
    if (size <= limits.max_message_bytes) {
      return BoundedDigest{std::move(digest), std::move(message), shown};
    }
    if (shown == 0) {
      return fail(Errc::kDeliveryRefused,
                  "the digest for " + recipient.namnd + " is " + std::to_string(size) +
                      " bytes even without entries, over the limit of " +
                      std::to_string(limits.max_message_bytes));
    }
    // Entries take most of the size: scale their number by how far over it
    // is (a few rounds at most), and at least one fewer each round.
    const double scale = static_cast<double>(limits.max_message_bytes) / static_cast<double>(size);
    shown = std::min(shown - 1, static_cast<std::size_t>(static_cast<double>(shown) * scale));
  }
}

}  // namespace omvarld::digest
