// tests/support/log_file.h
//
// Waiting for a line in the log of a daemon a test started: for steps whose
// only sign is what `omvarld run` logs. Header-only.

#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "tests/support/process.h"

namespace omvarld::testing {

// Waits until the log file holds `text`, reading it again every 20 ms until
// the deadline; a failure shows the whole log.
inline bool log_shows(const std::filesystem::path& log, const std::string& text,
                      std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (read_whole_file(log).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "the log never showed \"" << text << "\":\n" << read_whole_file(log);
  return false;
}

}  // namespace omvarld::testing
