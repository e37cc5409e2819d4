// digest/envelope.h
//
// The check both mail transports make before a message's envelope goes to
// an SMTP server or onto a sendmail command line. Pure.

#pragma once

#include <optional>
#include <string>

#include "digest/message.h"

namespace omvarld::digest {

// What is wrong with message.envelope_from or message.envelope_to, or
// nullopt when nothing is: an empty address, one that holds a space, a
// control character (CR and LF above all), "<", ">" or starts with "-", or
// no recipient at all. Control characters are shown escaped ("\r\n").
std::optional<std::string> envelope_problem(const Message& message);

}  // namespace omvarld::digest
