// net/fetch_engine.h
//
// Fetching many sources at once: libcurl's multi interface driven by a
// Boost.Asio event loop (socket and timer callbacks, one thread, no busy
// polling), under a global and a per-host limit on concurrent transfers.
// This is the I/O edge of the feed pipeline: it returns bytes and what
// happened, never parses. Requires curl_global_init() to have run (main() does it).
//
// Every request ends in exactly one FetchOutcome: a failure is a value that
// says what kind of failure it was (so the caller can decide on backoff),
// never an exception and never a lost request.
//
// Safety: TLS certificates and host names are always verified; only http,
// https and (with allow_file_urls) file:// are fetched, and a redirect is
// only ever followed to http or https.

#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "net/fetcher.h"

namespace omvarld::net {

struct FetchRequest {
  std::string key;  // the caller's name for it (a source id); echoed in the outcome
  std::string url;
  // Validators from the last successful fetch; sent as If-None-Match and
  // If-Modified-Since when not empty.
  std::string etag;
  std::string last_modified;
  // For APIs (sources/json_items.h): "GET" or "POST"; extra headers as
  // "Name: value"; a POST sends `form` as multipart/form-data when it is
  // not empty, else `body` as `body_type`.
  std::string method = "GET";
  std::vector<std::string> headers = {};
  std::string body = {};
  std::string body_type = {};
  std::vector<std::pair<std::string, std::string>> form = {};
  // The media type of each form part, by index ("application/json"); a
  // part without one (or "") is sent as plain text. file:// is always a GET.
  std::vector<std::string> form_types = {};
};

struct EngineOptions {
  FetchOptions fetch;  // user agent, file:// permission, size limit, timeouts, CA file
  std::size_t max_decompressed_bytes = 50 * 1024 * 1024;  // enforced while decoding
  // A transfer slower than this many bytes per second for low_speed_time fails.
  long low_speed_bytes_per_second = 100;
  std::chrono::seconds low_speed_time{30};
  int max_transfers = 16;        // at once, over all hosts
  int max_transfers_per_host = 4;
};

enum class FetchStatus {
  kOk,           // 2xx with a body (which may still not be a feed: the parser decides)
  kNotModified,  // 304: the validators matched; there is no body
  kFailed,       // see FetchFailure
};

enum class FetchFailure {
  kNone,
  kSchemeNotAllowed,  // not http, https, or file:// without allow_file_urls
  kDns,
  kConnect,
  kTls,
  kTimeout,   // connect or total timeout, or slower than the low-speed limit
  kTooLarge,  // body or decompressed body over its limit
  kTooManyRedirects,
  kHttpStatus,  // an answer outside 2xx and 304; see http_status
  kFile,        // file:// missing, unreadable, or not a regular file (a FIFO, a device, a directory)
  kOther,
};

struct FetchOutcome {
  std::string key;  // as in the request
  std::string url;  // as requested
  FetchStatus status = FetchStatus::kFailed;
  FetchFailure failure = FetchFailure::kNone;
  // For kFailed: one line, the URL and what went wrong, e.g.
  // "https://…: HTTP 404 Not Found", "https://…: the answer is over the
  // 10 MiB limit", "https://…: slower than 100 bytes/s for 30 s".
  std::string error;
  long http_status = 0;  // the final answer's; 0 when none (file://, DNS, ...)
  std::string effective_url;  // after redirects
  // Set when the fetch succeeded (kOk or kNotModified) after redirects that
  // were all permanent (301 or 308): the URL the source should be fetched
  // from from now on.
  std::optional<std::string> moved_permanently_to;
  std::string body;  // decoded (gzip, deflate, br); empty unless kOk
  std::string content_type;
  // The new validators to store (kOk), or the old ones again (kNotModified).
  std::string etag;
  std::string last_modified;
  // From a Retry-After header (seconds or HTTP date) of a 429 or 503.
  std::optional<std::chrono::seconds> retry_after;
  std::uint64_t bytes_on_wire = 0;  // the final answer's body as received, before decoding
  std::chrono::milliseconds elapsed{0};
};

// Fetches every request concurrently and calls `on_done` once per request,
// on the calling thread, as each completes (in completion order); a request
// with a refused scheme, and a file:// URL (read then, by read_file_url in
// file_url.h), is answered before any transfer starts. Returns
// when all are done. A transfer starts (and its timeouts start counting)
// only when both limits leave room; waiting hosts are taken in turn. One
// connection pool serves the whole call, so connections are reused.
// `on_done` may take its time (parse, store): the other transfers wait
// meanwhile, their data buffered by the kernel, but their timeouts run on.
//
// `stop_requested`, when given, is asked (on the calling thread) before
// each call of `on_done`; once it answers true, that outcome and every
// later one is dropped, the transfers in flight are abandoned (their
// handles and sockets closed) and fetch_all returns kStopped at once.
//
// `on_idle`, when given, is called (on the calling thread) whenever nothing
// is ready and fetch_all is about to wait for the network, and again at
// least every kIdleInterval while it waits: the moment for the caller to
// finish what it should not hold across a long wait (the poll commits its
// batch of writes there once it is old enough, so the web archive's
// writers never wait on a slow server).
//
// `on_done` and `on_idle` are not meant to throw: an exception from them
// would abandon the transfers the same way and propagate. Otherwise
// fetch_all throws only what allocation throws.
enum class FetchEnd {
  kAllDone,  // on_done was called once per request
  kStopped,  // stop_requested answered true: the rest were not delivered
};
inline constexpr std::chrono::milliseconds kIdleInterval{25};
FetchEnd fetch_all(std::span<const FetchRequest> requests, const EngineOptions& options,
                   const std::function<void(FetchOutcome&&)>& on_done,
                   const std::function<bool()>& stop_requested = {},
                   const std::function<void()>& on_idle = {});

}  // namespace omvarld::net
