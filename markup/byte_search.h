// markup/byte_search.h
//
// Finding a byte that is usually near: in feeds a tag, a reference or the
// end of a field comes every few bytes, and a call to memchr per search
// costs more there than the search. Sixteen bytes at a time (SSE2, which
// every x86-64 has) over a short distance, then memchr for long runs.
// Used inside markup/ (markup_stops.h) and by feeds/ (rss_tokenizer.cpp). Pure.

#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace omvarld::markup {

// The first `c` in [from, to), or `to`.
inline const char* find_byte(const char* from, const char* to, char c) {
#if defined(__SSE2__)
  const __m128i wanted = _mm_set1_epi8(c);
  for (int block = 0; block < 4 && to - from >= 16; ++block, from += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from));
    const int found = _mm_movemask_epi8(_mm_cmpeq_epi8(bytes, wanted));
    if (found != 0) return from + __builtin_ctz(static_cast<unsigned>(found));
  }
#else
  for (const char* near = from + std::min<std::ptrdiff_t>(16, to - from); from < near; ++from) {
    if (*from == c) return from;
  }
#endif
  const void* found = std::memchr(from, c, static_cast<std::size_t>(to - from));
  return found == nullptr ? to : static_cast<const char*>(found);
}

}  // namespace omvarld::markup
