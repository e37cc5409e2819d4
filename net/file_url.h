// net/file_url.h
//
// Reading a file:// URL for the fetch engine (fetch_engine.h), which hands
// file URLs here rather than to libcurl: curl opens the path as it is and
// reads until the end, so a FIFO would block it in open() with no writer,
// past every timeout, and a device such as /dev/zero never ends. Here only
// a regular file is read (a symbolic link counts as what it points to),
// opened without blocking, within the size limit. Internal to net/.
// Blocking, as reading a local file is; the caller owns the thread.

#pragma once

#include "net/fetch_engine.h"

namespace omvarld::net {

// The outcome of reading `request.url`, a file:// URL (its scheme already
// checked and allowed): kOk with the file's bytes, or kFailed with
// FetchFailure::kFile ("file:///tmp/x: is a FIFO, not a regular file",
// "file:///tmp/y: Couldn't open file /tmp/y") or kTooLarge (over
// options.fetch.max_body_bytes). The URL's host must be empty or
// "localhost" (RFC 8089 §2); its path is percent-decoded, and a query or
// fragment is no part of it. A file has no status, validators or media
// type: those stay empty.
FetchOutcome read_file_url(const FetchRequest& request, const EngineOptions& options);

}  // namespace omvarld::net
