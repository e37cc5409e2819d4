#include "core/message_catalog.h"

#include <cstdint>

namespace omvarld::core {
namespace {

constexpr std::uint32_t kMagic = 0x950412de;
constexpr std::uint32_t kMagicSwapped = 0xde120495;
constexpr std::size_t kHeaderSize = 28;  // magic, revision, N, O, T, S, H
constexpr std::size_t kEntrySize = 8;    // length, offset

// Reads 32-bit words of the buffer in the file's byte order, refusing any
// that would reach past its end.
class Words {
 public:
  Words(std::string_view bytes, bool big_endian) : bytes_(bytes), big_endian_(big_endian) {}

  std::optional<std::uint32_t> at(std::size_t offset) const {
    if (offset > bytes_.size() || bytes_.size() - offset < 4) return std::nullopt;
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      const auto byte = static_cast<std::uint8_t>(bytes_[offset + (big_endian_ ? i : 3 - i)]);
      value = (value << 8) | byte;
    }
    return value;
  }

  // The string the table entry at `entry` points to; its length excludes
  // the NUL that must follow it inside the buffer.
  std::optional<std::string_view> string_at(std::size_t entry) const {
    const auto length = at(entry);
    const auto offset = at(entry + 4);
    if (!length || !offset) return std::nullopt;
    if (*offset > bytes_.size() || bytes_.size() - *offset <= *length) return std::nullopt;
    if (bytes_[*offset + *length] != '\0') return std::nullopt;
    return bytes_.substr(*offset, *length);
  }

 private:
  std::string_view bytes_;
  bool big_endian_;
};

// The table of `count` entries at `offset` lies wholly inside the buffer.
bool table_fits(std::size_t size, std::uint32_t offset, std::uint32_t count) {
  if (offset > size) return false;
  return count <= (size - offset) / kEntrySize;
}

}  // namespace

std::optional<MessageCatalog> MessageCatalog::parse(std::string_view mo) {
  if (mo.size() < kHeaderSize) return std::nullopt;
  const auto magic = Words(mo, false).at(0);
  if (magic != kMagic && magic != kMagicSwapped) return std::nullopt;
  const Words words(mo, magic == kMagicSwapped);
  const auto revision = words.at(4);
  const auto count = words.at(8);
  const auto originals = words.at(12);
  const auto translations = words.at(16);
  if (!revision || !count || !originals || !translations) return std::nullopt;
  if ((*revision >> 16) > 1) return std::nullopt;  // a major revision this reader does not know
  if (!table_fits(mo.size(), *originals, *count) || !table_fits(mo.size(), *translations, *count)) {
    return std::nullopt;
  }

  MessageCatalog catalog;
  catalog.translations_.reserve(*count);
  for (std::size_t index = 0; index < *count; ++index) {
    const auto msgid = words.string_at(*originals + index * kEntrySize);
    const auto msgstr = words.string_at(*translations + index * kEntrySize);
    if (!msgid || !msgstr) return std::nullopt;
    // The header, and messages with a context (msgctxt "\x04" msgid), which
    // tr() never asks for.
    if (msgid->empty() || msgid->find('\x04') != std::string_view::npos) continue;
    // A plural entry: "singular\0plural" -> "form0\0form1...".
    const std::string_view singular = msgid->substr(0, msgid->find('\0'));
    const std::string_view first_form = msgstr->substr(0, msgstr->find('\0'));
    if (first_form.empty()) continue;
    catalog.translations_.emplace(singular, first_form);
  }
  return catalog;
}

std::optional<std::string_view> MessageCatalog::find(std::string_view msgid) const {
  const auto found = translations_.find(msgid);
  if (found == translations_.end()) return std::nullopt;
  return found->second;
}

}  // namespace omvarld::core
