// `omvarld parse FILE`: the normalized JSON of one feed document.
//
// The HTTP context of the document, when there is one, comes from the
// command line (--base-url, --content-type) and from the environment, as
// the conformance runner (check.py) provides it: FEED_URL holds the
// document's URL and FEED_HEADERS a JSON object of its response headers,
// whose names are case-insensitive. The command line wins where both say
// something.

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "app/exit_code.h"
#include "cli/commands.h"
#include "core/ascii.h"
#include "core/safe_text.h"
#include "feeds/feed_json.h"
#include "feeds/parser.h"

namespace omvarld::cli {
namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

// Copies the headers parse_feed uses from FEED_HEADERS into `hints`. A
// variable that is not a JSON object of strings is reported and ignored:
// the document still parses, without its HTTP context.
void read_feed_headers(const std::string& json, feeds::DocumentHints& hints) {
  const nlohmann::json headers = nlohmann::json::parse(json, nullptr, false);
  if (!headers.is_object()) {
    spdlog::warn("parse: FEED_HEADERS is not a JSON object; ignored");
    return;
  }
  for (const auto& [name, value] : headers.items()) {
    if (!value.is_string()) continue;
    const std::string key = core::lowercase_ascii(name);
    const std::string text = value.get<std::string>();
    if (key == "content-type") hints.content_type = text;
    else if (key == "content-location") hints.content_location = text;
    else if (key == "content-language") hints.content_language = text;
    else if (key == "etag") hints.etag = text;
    else if (key == "last-modified") hints.last_modified = text;
  }
}

feeds::DocumentHints hints_for(const ParseOptions& options) {
  feeds::DocumentHints hints;
  hints.base_url = environment("FEED_URL");
  if (const std::string headers = environment("FEED_HEADERS"); !headers.empty()) {
    read_feed_headers(headers, hints);
  }
  if (!options.base_url.empty()) hints.base_url = options.base_url;
  if (!options.content_type.empty()) hints.content_type = options.content_type;
  return hints;
}

}  // namespace

int parse_document(const ParseOptions& options) {
  std::ifstream in(options.file, std::ios::binary);
  if (!in) {
    spdlog::error("parse: cannot read {}", options.file.string());
    return app::kExitRuntime;
  }
  const std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto parsed = feeds::parse_feed(body, hints_for(options));
  if (!parsed) {
    spdlog::error("{}: {}", options.file.string(), parsed.error().message);
    return app::kExitRuntime;
  }
  // Its strings are the document's own; those that would act on a terminal are escaped.
  std::cout << core::escape_hidden_in_json(feeds::to_json(*parsed)) << "\n";
  return app::kExitOk;
}

}  // namespace omvarld::cli
