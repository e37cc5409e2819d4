// digest/mailbox.h
//
// Addresses as the config writes them ("Omvärldsbevakning <omvarld@x.se>"
// or "omvarld@x.se") and as a header needs them. Pure functions.

#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace omvarld::digest {

struct Mailbox {
  std::string display_name;  // may be empty; quotes removed
  std::string address;       // "omvarld@linkoping.se"; no spaces, controls or <>
};

Mailbox parse_mailbox(std::string_view text);

// The part of the address after the last "@", keeping only letters, digits,
// "." and "-"; "localhost" when there is none.
std::string domain_of(std::string_view text);

// A display name as header tokens: atoms as is, other ASCII as one quoted
// string, anything else as RFC 2047 encoded-words.
std::vector<std::string> phrase_tokens(std::string_view display_name, bool always_quote = false);

// Header tokens for a list of mailboxes, commas attached, ready for
// fold_header().
std::vector<std::string> address_list_tokens(const std::vector<std::string>& mailboxes);

}  // namespace omvarld::digest
