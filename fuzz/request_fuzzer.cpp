// fuzz/request_fuzzer.cpp
//
// libFuzzer target for what the web archive reads from a request before a
// page sees it: the target's path, segments and query, a form body, the
// routes' patterns, and a feedback token from a link. The input is
// "TARGET\nBODY". Properties: no crash, leak or hang; every decoded name,
// value and segment is UTF-8 without NUL; a path that matches a route gives
// one value per "{}"; no made-up token verifies.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "web/feedback_token.h"
#include "web/request_target.h"
#include "web/routes.h"

namespace {

using omvarld::fuzz::fail;
constexpr const char* kTarget = "request_fuzzer";

void check_text(std::string_view text) {
  if (!omvarld::fuzz::is_utf8(text) || text.find('\0') != std::string_view::npos) {
    fail(kTarget, "decoded text that is not UTF-8 without NUL", text);
  }
}

void check_fields(const std::optional<omvarld::web::Fields>& fields) {
  if (!fields) return;
  for (const auto& field : *fields) {
    check_text(field.first);
    check_text(field.second);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace web = omvarld::web;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view target = input.substr(0, newline);
  const std::string_view body = newline == std::string_view::npos ? "" : input.substr(newline + 1);

  check_fields(web::parse_urlencoded(web::query_of(target)));
  check_fields(web::parse_urlencoded(body));
  const auto segments = web::path_segments(web::path_of(target));
  if (segments) {
    for (const std::string& segment : *segments) check_text(segment);
    static const std::vector<web::Route> routes = web::all_routes();
    for (const web::Route& route : routes) {
      const auto values = web::match_pattern(route.pattern, *segments);
      if (!values) continue;
      const auto holes = static_cast<std::size_t>(std::count(route.pattern.begin(), route.pattern.end(), '{'));
      if (values->size() != holes) fail(kTarget, "a match without one value per {}", route.pattern);
    }
  }

  // The body as a token from a link, under a fixed key: made-up bytes
  // never verify (that would be a forgery).
  web::FeedbackKey key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(i * 7 + 1);
  if (web::verify_feedback_token(key, body)) fail(kTarget, "a token from the fuzzer verified", body);
  return 0;
}
