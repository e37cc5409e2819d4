// tests/config/error_messages.h
//
// Config errors as a coordinator reads them, with the file name taken off
// the front so the expected text is "LINE:COL: message" whatever the
// temporary directory is.

#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace omvarld::config {

inline std::vector<std::string> messages_of(const std::vector<Error>& errors,
                                            const std::string& file) {
  std::vector<std::string> messages;
  for (const Error& error : errors) {
    std::string message = to_string(error);
    if (message.starts_with(file + ":")) message.erase(0, file.size() + 1);
    messages.push_back(message);
  }
  return messages;
}

}  // namespace omvarld::config
