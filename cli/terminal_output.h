// cli/terminal_output.h
//
// What omvarld prints on stdout and logs on stderr quotes feeds, pages and
// servers, and lands on a terminal: none of it may act there. SafeStdout
// passes everything written to std::cout, line by line, through
// core::safe_text (escape sequences, controls, bidi and zero-width
// characters go); JSON output keeps its values exact with those characters
// written as \u escapes (json_for_terminal). The logger's message flag
// (service/logging.cpp) does the same for stderr, on one line. Set up once,
// on the main thread, in run_cli().

#pragma once

#include <iosfwd>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace omvarld::cli {

// Replaces std::cout's buffer for its lifetime; flushes and puts the old
// one back when destroyed.
class SafeStdout {
 public:
  SafeStdout();
  ~SafeStdout();
  SafeStdout(const SafeStdout&) = delete;
  SafeStdout& operator=(const SafeStdout&) = delete;

 private:
  class LineBuffer;
  std::unique_ptr<LineBuffer> buffer_;
  std::streambuf* previous_;
};

// `json` as text (indented by `indent`, or on one line with -1): ill-formed
// UTF-8 in a value replaced by U+FFFD rather than thrown as an exception,
// and the characters core::safe_text removes written as \u escapes.
template <class Json>
std::string json_for_terminal(const Json& json, int indent = -1);

extern template std::string json_for_terminal(const nlohmann::json&, int);
extern template std::string json_for_terminal(const nlohmann::ordered_json&, int);

}  // namespace omvarld::cli
