#include "digest/mailbox.h"

#include <cctype>
#include <cstring>

#include "digest/mime.h"

namespace omvarld::digest {

namespace {

// RFC 5322 §3.2.3 atext, plus the space between atoms.
bool is_atom_or_space(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         (c != '\0' && std::strchr("!#$%&'*+-/=?^_`{|}~ ", c));
}

std::string clean_address(std::string_view text) {
  std::string address;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte > 0x20 && byte != 0x7F && c != '<' && c != '>' && c != ',' && c != '"') address += c;
  }
  return address;
}

}  // namespace

Mailbox parse_mailbox(std::string_view text) {
  const std::string line = clean_header_value(text);
  const std::size_t open = line.rfind('<');
  const std::size_t close = line.rfind('>');
  if (open == std::string::npos || close == std::string::npos || close < open) {
    return Mailbox{"", clean_address(line)};
  }
  std::string name = clean_header_value(line.substr(0, open));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
    name = name.substr(1, name.size() - 2);
  return Mailbox{std::move(name), clean_address(line.substr(open + 1, close - open - 1))};
}

std::string domain_of(std::string_view text) {
  const std::string address = parse_mailbox(text).address;
  const std::size_t at = address.rfind('@');
  std::string domain;
  if (at != std::string::npos) {
    for (char c : address.substr(at + 1)) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') domain += c;
    }
  }
  return domain.empty() ? "localhost" : domain;
}

std::vector<std::string> phrase_tokens(std::string_view display_name, bool always_quote) {
  const std::string name = clean_header_value(display_name);
  if (name.empty()) return {};
  if (!is_plain_header_text(name)) return encoded_words(name);
  bool atoms = !always_quote;
  for (char c : name) atoms = atoms && is_atom_or_space(c);
  if (atoms) {
    std::vector<std::string> words;
    std::size_t at = 0;
    while (at <= name.size()) {
      std::size_t end = name.find(' ', at);
      if (end == std::string::npos) end = name.size();
      words.push_back(name.substr(at, end - at));
      at = end + 1;
    }
    return words;
  }
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  quoted += '"';
  // A quoted string cannot be folded; a very long one goes encoded instead.
  if (quoted.size() > 200) return encoded_words(name);
  return {quoted};
}

std::vector<std::string> address_list_tokens(const std::vector<std::string>& mailboxes) {
  std::vector<std::string> tokens;
  for (const std::string& text : mailboxes) {
    const Mailbox mailbox = parse_mailbox(text);
    if (mailbox.address.empty()) continue;
    if (!tokens.empty()) tokens.back() += ',';
    std::vector<std::string> phrase = phrase_tokens(mailbox.display_name);
    tokens.insert(tokens.end(), phrase.begin(), phrase.end());
    tokens.push_back(phrase.empty() ? mailbox.address : "<" + mailbox.address + ">");
  }
  return tokens;
}

}  // namespace omvarld::digest
