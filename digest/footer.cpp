#include "digest/footer.h"

#include <cctype>

namespace omvarld::digest {

std::string join_swedish(const std::vector<std::string>& parts) {
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) joined += (i + 1 == parts.size()) ? " och " : ", ";
    joined += parts[i];
  }
  return joined;
}

std::string contact_address(std::string_view contact) {
  std::string_view address = contact;
  const std::size_t open = contact.rfind('<');
  const std::size_t close = contact.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    address = contact.substr(open + 1, close - open - 1);
  }
  const std::size_t at = address.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == address.size()) return {};
  if (address.find('@', at + 1) != std::string_view::npos) return {};
  for (char c : address) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F || c == '<' || c == '>' || c == '"' || c == '\'' || c == '?' ||
        c == '&' || c == '\\' || c == ',' || c == ';') {
      return {};
    }
  }
  return std::string(address);
}

std::string contact_name(std::string_view contact) {
  std::string_view name = contact.substr(
      0, contact.rfind('<') == std::string_view::npos ? contact.size() : contact.rfind('<'));
  while (!name.empty() && (name.back() == ' ' || name.back() == '"')) name.remove_suffix(1);
  while (!name.empty() && (name.front() == ' ' || name.front() == '"')) name.remove_prefix(1);
  return std::string(name.empty() ? contact : name);
}

std::string unsubscribe_mailto(const std::vector<std::string>& contacts,
                               std::string_view namnd) {
  for (const std::string& contact : contacts) {
    const std::string address = contact_address(contact);
    if (address.empty()) continue;
    // RFC 6068: everything but unreserved characters is percent-encoded.
    std::string subject = "Avregistrera%20";
    for (char c : namnd) {
      const auto byte = static_cast<unsigned char>(c);
      if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
        subject += c;
      } else {
        static constexpr char kHex[] = "0123456789ABCDEF";
        subject += '%';
        subject += kHex[byte >> 4];
        subject += kHex[byte & 0x0F];
      }
    }
    return "mailto:" + address + "?subject=" + subject;
  }
  return {};
}

std::vector<std::string> leave_contacts(const Recipient& recipient) {
  if (recipient.list_unsubscribe.empty()) return recipient.contacts;
  return {recipient.list_unsubscribe};
}

std::string sent_by(const Recipient& recipient) {
  if (recipient.organisation.empty()) return kSentBy;
  return std::string(kSentByFor) + " " + recipient.organisation + ".";
}

}  // namespace omvarld::digest
