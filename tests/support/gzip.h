// tests/support/gzip.h
//
// gzip bodies for test servers, made with zlib: a given text, or a stream of
// zeros that expands far beyond its own size (a compression bomb), made
// chunk by chunk so the test never holds the expanded bytes. Header-only;
// link ZLIB::ZLIB.

#pragma once

#include <zlib.h>

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace omvarld::testing {

namespace gzip_detail {

// Feeds `next` chunks (each returned by `next()`, empty at the end) through
// one gzip stream and returns the compressed bytes.
template <class NextChunk>
std::string deflate_gzip(int strategy, NextChunk next) {
  z_stream stream{};
  // 15 + 16: the zlib window with a gzip header and trailer (RFC 1952).
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, strategy) != Z_OK) {
    throw std::runtime_error("gzip: deflateInit2 failed");
  }
  std::string compressed;
  char out[16384];
  int flush = Z_NO_FLUSH;
  do {
    std::string_view chunk = next();
    flush = chunk.empty() ? Z_FINISH : Z_NO_FLUSH;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
    stream.avail_in = static_cast<uInt>(chunk.size());
    do {
      stream.next_out = reinterpret_cast<Bytef*>(out);
      stream.avail_out = sizeof out;
      deflate(&stream, flush);
      compressed.append(out, sizeof out - stream.avail_out);
    } while (stream.avail_out == 0);
  } while (flush != Z_FINISH);
  deflateEnd(&stream);
  return compressed;
}

}  // namespace gzip_detail

// `text` as a gzip member.
inline std::string gzip(std::string_view text) {
  bool given = false;
  return gzip_detail::deflate_gzip(Z_DEFAULT_STRATEGY, [&]() -> std::string_view {
    if (given) return {};
    given = true;
    return text;
  });
}

// `count` zero bytes as a gzip member (about 1/1000 of `count`). Run-length
// matching finds the same 258-byte matches as a full search, sooner.
inline std::string gzip_zeros(std::size_t count) {
  static const std::string kZeros(64 * 1024, '\0');
  std::size_t left = count;
  return gzip_detail::deflate_gzip(Z_RLE, [&]() -> std::string_view {
    const std::size_t take = std::min(left, kZeros.size());
    left -= take;
    return std::string_view(kZeros).substr(0, take);
  });
}

}  // namespace omvarld::testing
