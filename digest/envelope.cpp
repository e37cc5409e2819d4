#include "digest/envelope.h"

#include <cstdio>
#include <string_view>

namespace omvarld::digest {

namespace {

// The address as an error message can show it: control bytes as C escapes.
std::string printable(std::string_view address) {
  std::string out;
  for (char c : address) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (byte < 0x20 || byte == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned>(byte));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out;
}

// A line break here would start a new SMTP command; a leading "-" would be
// read as an option by sendmail.
std::optional<std::string> address_problem(std::string_view role, std::string_view address) {
  if (address.empty()) return std::string(role) + " address is empty";
  for (char c : address) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F || c == '<' || c == '>') {
      return std::string(role) + " address \"" + printable(address) +
             "\" holds a space, control character or angle bracket";
    }
  }
  if (address.front() == '-') {
    return std::string(role) + " address \"" + std::string(address) + "\" starts with \"-\"";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> envelope_problem(const Message& message) {
  if (auto problem = address_problem("sender", message.envelope_from)) return problem;
  if (message.envelope_to.empty()) return "no recipient address";
  for (const std::string& address : message.envelope_to) {
    if (auto problem = address_problem("recipient", address)) return problem;
  }
  return std::nullopt;
}

}  // namespace omvarld::digest
