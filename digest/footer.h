// digest/footer.h
//
// The words of the digest footer, shared by the text and HTML bodies. Pure.

#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "digest/compose.h"

namespace omvarld::digest {

inline constexpr char kChangeQuestion[] = "Vill du ändra vad som bevakas?";
inline constexpr char kNoContacts[] = "Kontakta din omvärldssamordnare.";
inline constexpr char kSentBy[] = "Det här mejlet skickas automatiskt av omvarld.";
// With Recipient::organisation: "… av omvarld för Norrköpings kommun."
inline constexpr char kSentByFor[] = "Det här mejlet skickas automatiskt av omvarld för";
inline constexpr char kLeaveQuestion[] = "Vill du inte längre få detta utskick?";

// Joins in Swedish: "a", "a och b", "a, b och c".
std::string join_swedish(const std::vector<std::string>& parts);

// The bare address in a contact ("Anna <anna@x.se>" or "anna@x.se"), or ""
// when it holds no plausible address (to link it with mailto:).
std::string contact_address(std::string_view contact);

// The name in a contact ("Eva Ek" of "Eva Ek <eva.ek@x.se>"), else the whole
// contact.
std::string contact_name(std::string_view contact);

// Where a reader asks to leave a nämnd's list: a mailto: URI to the first
// contact with a plausible address, with the subject "Avregistrera <nämnd
// id>" percent-encoded ("mailto:anna@x.se?subject=Avregistrera%20linkoping%2Futbildning"),
// or "" when no contact has one. Holds no space, CR or LF, so it is safe
// in a header.
std::string unsubscribe_mailto(const std::vector<std::string>& contacts,
                               std::string_view namnd);

// Whom a reader of `recipient`'s digest writes to leave it: its
// list_unsubscribe when set, else its contacts (for unsubscribe_mailto and
// contact_address).
std::vector<std::string> leave_contacts(const Recipient& recipient);

// The footer's last line: kSentBy, or kSentByFor and the organisation
// (as written: the layout makes it one line).
std::string sent_by(const Recipient& recipient);

}  // namespace omvarld::digest
