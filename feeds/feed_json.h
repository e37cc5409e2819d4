// feeds/feed_json.h
//
// The normalized JSON of a parsed document, as `omvarld parse` prints it and
// tests/conformance/feedparser/README.md defines it. Pure.

#pragma once

#include <string>

#include "feeds/feed.h"

namespace omvarld::feeds {

// One JSON object: {"bozo":…, "version":…, "encoding":…, "feed":{…}, "entries":[…]}.
// Keys without a value are left out; dates are RFC 3339 UTC with *_raw beside.
std::string to_json(const ParsedFeed& feed);

}  // namespace omvarld::feeds
