// net/fetcher.h
//
// Fetching a source's document over http(s) or, when allowed, from a file://
// URL. This is the I/O edge of the feed pipeline: it returns bytes and
// never parses.
// Blocking, one request per call; the caller owns the thread. A thin
// wrapper over fetch_all (net/fetch_engine.h), which holds the only
// libcurl setup. Requires curl_global_init() to have run (main() does it).

#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "core/result.h"

namespace omvarld::net {

struct FetchOptions {
  std::string user_agent = "omvarld";
  bool allow_file_urls = false;
  std::size_t max_body_bytes = 10 * 1024 * 1024;  // enforced while downloading
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds total_timeout{60};
  std::string ca_file;  // empty: the system's CA store; verification is always on
};

struct FetchResult {
  long http_status = 0;  // 0 for file://
  std::string body;
  std::string content_type;
  std::string effective_url;  // after redirects
};

// Fetches `url` once, following up to 5 redirects. Fails with kFetchFailed
// (scheme not allowed, DNS, connect, TLS, timeout, body over the limit, file
// missing) or kHttpStatus (an answer outside 2xx); the message is "fetch "
// and FetchOutcome::error ("fetch https://…: HTTP 404 Not Found").
Result<FetchResult> fetch(const std::string& url, const FetchOptions& options);

}  // namespace omvarld::net
