// core/message_catalog.h
//
// A gettext .mo file read into a lookup table: English msgid -> translation.
// The Swedish catalog is compiled from po/sv.po by msgfmt at build time and
// embedded in the binary (core/embedded_catalog.h), but the reader treats the
// bytes as untrusted all the same: every count, offset and length is checked
// against the buffer, and anything that does not fit makes the whole catalog
// invalid rather than a read past its end.

#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace omvarld::core {

class MessageCatalog {
 public:
  // The catalog in `mo` (little- or big-endian, revision 0 or 1), or nothing
  // when the bytes are not a well-formed .mo file. The views point into `mo`,
  // which must outlive the catalog. The header entry (empty msgid) and
  // entries with a context are left out; of a plural entry the singular
  // msgid and the first form are kept.
  static std::optional<MessageCatalog> parse(std::string_view mo);

  // The translation of `msgid`, if the catalog has a non-empty one.
  std::optional<std::string_view> find(std::string_view msgid) const;

  std::size_t size() const { return translations_.size(); }
  const std::unordered_map<std::string_view, std::string_view>& entries() const {
    return translations_;
  }

 private:
  std::unordered_map<std::string_view, std::string_view> translations_;
};

}  // namespace omvarld::core
