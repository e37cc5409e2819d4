// feeds/charset_guess.h
//
// A statistical guess at the encoding of bytes that declare none (or
// declare a wrong one), the role chardet plays for feedparser. Internal to
// feeds/; uchardet does the work. Pure and thread-safe.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::feeds {

// The likeliest encoding of `bytes`, spelled as chardet spells it where the
// two differ ("euc-kr", "gb2312", "big5", "shift_jis", "windows-1255"), or
// "" when there is no confident guess. Latin-script single-byte guesses
// count as unconfident (see the .cpp). Only the first 64 KiB are examined.
std::string guess_charset(std::string_view bytes);

}  // namespace omvarld::feeds
