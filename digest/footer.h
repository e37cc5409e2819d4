// digest/footer.h
//
// The words of the digest footer, shared by the text and HTML bodies. Pure.

#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace omvarld::digest {

inline constexpr char kChangeQuestion[] = "Vill du ändra vad som bevakas?";
inline constexpr char kNoContacts[] = "Kontakta din omvärldssamordnare.";
inline constexpr char kSentBy[] = "Det här mejlet skickas automatiskt av omvarld.";

// Joins in Swedish: "a", "a och b", "a, b och c".
std::string join_swedish(const std::vector<std::string>& parts);

// The bare address in a contact ("Anna <anna@x.se>" or "anna@x.se"), or ""
// when it holds no plausible address (to link it with mailto:).
std::string contact_address(std::string_view contact);

// The name in a contact ("Eva Ek" of "Eva Ek <eva.ek@x.se>"), else the whole
// contact.
std::string contact_name(std::string_view contact);

}  // namespace omvarld::digest
