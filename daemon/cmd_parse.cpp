// `omvarld parse FILE`: the normalized JSON of one feed document.

#include <fstream>
#include <iostream>
#include <iterator>

#include <spdlog/spdlog.h>

#include "daemon/commands.h"
#include "daemon/exit_code.h"
#include "feeds/feed_json.h"
#include "feeds/parser.h"

namespace omvarld::daemon {

int parse_document(const ParseOptions& options) {
  std::ifstream in(options.file, std::ios::binary);
  if (!in) {
    spdlog::error("parse: cannot read {}", options.file.string());
    return kExitRuntime;
  }
  const std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto parsed = feeds::parse_feed(body, feeds::DocumentHints::at(options.base_url, options.content_type));
  if (!parsed) {
    spdlog::error("{}: {}", options.file.string(), parsed.error().message);
    return kExitRuntime;
  }
  std::cout << feeds::to_json(*parsed) << "\n";
  return kExitOk;
}

}  // namespace omvarld::daemon
