#include "core/json_path.h"

namespace omvarld::core {

namespace {

unexpected<JsonPathError> path_error(std::string message, std::size_t offset) {
  return unexpected<JsonPathError>(JsonPathError{std::move(message), offset});
}

}  // namespace

Result<JsonPath, JsonPathError> parse_json_path(std::string_view text) {
  JsonPath path;
  std::size_t at = 0;
  // After a "." a name must follow; at the start a name or an index may.
  bool expect_name = false;
  while (at < text.size()) {
    if (text[at] == '[') {
      if (expect_name) return path_error("expected a name after \".\"", at);
      const std::size_t close = text.find(']', at);
      if (close == std::string_view::npos) return path_error("\"[\" is not closed by \"]\"", at);
      const std::string_view digits = text.substr(at + 1, close - at - 1);
      if (digits.empty() || digits.size() > 9 ||
          digits.find_first_not_of("0123456789") != std::string_view::npos) {
        return path_error("expected an array index (0, 1, …) between \"[\" and \"]\"", at + 1);
      }
      path.steps.emplace_back(static_cast<std::size_t>(std::stoul(std::string(digits))));
      at = close + 1;
      if (at < text.size() && text[at] != '[' && text[at] != '.') {
        return path_error("expected \".\" or \"[\" after \"]\"", at);
      }
      if (at < text.size() && text[at] == '.') {
        ++at;
        expect_name = true;
      }
      continue;
    }
    const std::size_t end = text.find_first_of(".[]", at);
    const std::string_view name = text.substr(at, end == std::string_view::npos ? end : end - at);
    if (name.empty()) {
      if (text[at] == ']') return path_error("\"]\" without \"[\"", at);
      return path_error(expect_name ? "expected a name after \".\"" : "expected a name", at);
    }
    path.steps.emplace_back(std::string(name));
    expect_name = false;
    at += name.size();
    if (at < text.size() && text[at] == ']') return path_error("\"]\" without \"[\"", at);
    if (at < text.size() && text[at] == '.') {
      ++at;
      expect_name = true;
    }
  }
  if (expect_name) return path_error("expected a name after \".\"", text.size());
  return path;
}

}  // namespace omvarld::core
