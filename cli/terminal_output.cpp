#include "cli/terminal_output.h"

#include <iostream>
#include <streambuf>
#include <string_view>

#include "core/safe_text.h"

namespace omvarld::cli {

// Collects a line, then writes it made safe; a flush writes what it holds.
class SafeStdout::LineBuffer final : public std::streambuf {
 public:
  explicit LineBuffer(std::streambuf* target) : target_(target) {}

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char byte = traits_type::to_char_type(c);
    line_ += byte;
    if (byte == '\n') write_line();
    return c;
  }

  std::streamsize xsputn(const char* text, std::streamsize count) override {
    std::string_view rest(text, static_cast<std::size_t>(count));
    for (std::size_t end = rest.find('\n'); end != std::string_view::npos; end = rest.find('\n')) {
      line_.append(rest.substr(0, end + 1));
      write_line();
      rest.remove_prefix(end + 1);
    }
    line_.append(rest);
    return count;
  }

  int sync() override {
    write_line();
    return target_->pubsync();
  }

 private:
  void write_line() {
    if (line_.empty()) return;
    const std::string safe = core::safe_text(line_);
    target_->sputn(safe.data(), static_cast<std::streamsize>(safe.size()));
    line_.clear();
  }

  std::streambuf* target_;
  std::string line_;
};

SafeStdout::SafeStdout()
    : buffer_(std::make_unique<LineBuffer>(std::cout.rdbuf())), previous_(std::cout.rdbuf()) {
  std::cout.rdbuf(buffer_.get());
}

SafeStdout::~SafeStdout() {
  std::cout.flush();
  std::cout.rdbuf(previous_);
}

template <class Json>
std::string json_for_terminal(const Json& json, int indent) {
  return core::escape_hidden_in_json(json.dump(indent, ' ', false, Json::error_handler_t::replace));
}

template std::string json_for_terminal(const nlohmann::json&, int);
template std::string json_for_terminal(const nlohmann::ordered_json&, int);

}  // namespace omvarld::cli
