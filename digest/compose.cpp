#include "digest/compose.h"

#include "digest/layout.h"
#include "digest/render_html.h"
#include "digest/render_text.h"

namespace omvarld::digest {

Digest compose(const Recipient& recipient, std::span<const Entry> entries, core::TimePoint now,
               std::size_t max_items) {
  const Layout layout = arrange(recipient, entries, now, max_items);
  return Digest{layout.subject, render_text(layout), render_html(layout)};
}

}  // namespace omvarld::digest
