// tests/support/log_capture.h
//
// What the code under test logs through spdlog's default logger, kept in
// memory (every level, "LEVEL message" per line) while a LogCapture lives;
// the previous default logger comes back when it goes (link the suite with
// spdlog::spdlog, so that it shares the code's registry). Thread-safe: a
// server on another thread may log while the test reads. Header-only.

#pragma once

#include <memory>
#include <string>
#include <vector>

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

namespace omvarld::testing {

class LogCapture {
 public:
  LogCapture()
      : previous_(spdlog::default_logger()),
        sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(10000)) {
    sink_->set_pattern("%l %v");
    capture_ = std::make_shared<spdlog::logger>("capture", sink_);
    capture_->set_level(spdlog::level::trace);
    spdlog::set_default_logger(capture_);
  }
  ~LogCapture() {
    spdlog::set_default_logger(previous_);
    // A server thread may be logging through the capture this moment (spdlog
    // hands out the default logger as a raw pointer): it is never freed.
    static std::vector<std::shared_ptr<spdlog::logger>> retired;
    retired.push_back(capture_);
  }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  // Each line logged so far, as "info web: GET / 200 …".
  std::vector<std::string> lines() const {
    std::vector<std::string> all = sink_->last_formatted();
    for (std::string& line : all) {
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    }
    return all;
  }

  // Everything, one line after another.
  std::string text() const {
    std::string all;
    for (const std::string& line : lines()) all += line + "\n";
    return all;
  }

  // How many lines start with `level` ("warning", "error", "info", "debug").
  std::size_t count(const std::string& level) const {
    std::size_t n = 0;
    for (const std::string& line : lines()) n += line.starts_with(level + " ") ? 1 : 0;
    return n;
  }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
  std::shared_ptr<spdlog::logger> capture_;
};

}  // namespace omvarld::testing
