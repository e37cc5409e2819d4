// fuzz/newsletter_fuzzer.cpp
//
// libFuzzer target for newsletters (kind = "imap"): a raw message as the
// mailbox hands it over, through items_from_message (GMime's decoding, the
// HTML or plain-text body cut into stories, deadlines). The first byte
// chooses the split ("headings" or "links"); the rest is the message.
// Properties: no crash, leak or hang; a failure is of kind "newsletter"
// with a message; every item has a title, a key no other item has, valid
// UTF-8 text, and a link that is empty or an http(s) address.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/failure_kind.h"
#include "fuzz/fuzz_check.h"
#include "sources/newsletter.h"

namespace {

using omvarld::fuzz::fail;
constexpr const char* kTarget = "newsletter_fuzzer";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  omvarld::config::SourceConfig source;
  source.id = "fuzz";
  source.kind = omvarld::config::SourceKind::kImap;
  source.imap.split = data[0] % 2 == 0 ? "headings" : "links";
  const std::string_view message(reinterpret_cast<const char*>(data + 1), size - 1);
  auto items = omvarld::sources::items_from_message(source, message);
  if (!items) {
    if (items.error().kind != omvarld::core::FailureKind::kNewsletter) {
      fail(kTarget, "a failure of another kind", omvarld::core::to_string(items.error().kind));
    }
    if (items.error().message.empty()) fail(kTarget, "a failure without a message");
    return 0;
  }
  omvarld::fuzz::check_items(kTarget, *items, true, omvarld::fuzz::is_web_address);
  return 0;
}
