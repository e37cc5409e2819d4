// core/display_link.h
//
// A link as it is shown to people (digests, the command line): made safe by
// core::safe_link, and with a host that mixes scripts shown in its ASCII
// (punycode, "xn--") form, so that "аpple.com" with a Cyrillic "а" cannot
// pass for apple.com. Pure; the IDNA conversion is libidn2's (UTS #46, as
// libcurl resolves hosts), which is an implementation detail.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::core {

// `link` without tracking parameters (without_tracking()), through
// safe_link(); then, when it has a host ("scheme://[user@]host
// [:port]…") with a label that mixes scripts, the whole host in its IDNA
// ASCII form ("https://xn--pple-43d.com/x"), as browsers show such hosts. A
// label mixes scripts, in the manner of UTS #39's "highly restrictive"
// level, when its letters come from more than one script, except Latin with
// Han and Japanese kana, Bopomofo or Hangul; digits, hyphens and combining
// marks belong to any script. So "räksmörgås.se" and "пример.рф" are shown
// as they are, "аpple.com" and "gοogle.se" (Greek ο) are not. A host that
// mixes scripts but is no valid IDNA name is shown with its non-ASCII bytes
// percent-encoded. Links without a host ("mailto:", relative) only go
// through safe_link().
std::string display_link(std::string_view link);

// `link` without its utm_* query parameters (utm_source, UTM_Medium, …):
// campaign tags that tell a reader nothing and make a link long on a phone.
// The other parameters keep their order, the fragment stays; a query left
// empty loses its "?". "https://x.se/a?id=1&utm_source=rss#top" gives
// "https://x.se/a?id=1#top".
std::string without_tracking(std::string_view link);

// True when `label` (one DNS label, UTF-8) mixes scripts as above.
bool mixes_scripts(std::string_view label);

}  // namespace omvarld::core
