// core/fnv1a.h
//
// FNV-1a, 64 bits (http://www.isthe.com/chongo/tech/comp/fnv/): fast and
// well spread, and written out here rather than taken from a library, so
// that a hash computed today is the hash every later version computes.
// Item keys, document hashes and the store's story keys are kept on disk;
// a changed hash would make every stored item new again. It detects change
// and sorts keys; it does not resist an attacker. Pure.

#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace omvarld::core {

inline constexpr std::uint64_t kFnv1aOffsetBasis = 0xcbf29ce484222325ULL;

// The hash of `bytes`, or of what came before and `bytes` when `hash` is
// the hash of what came before.
constexpr std::uint64_t fnv1a_64(std::string_view bytes,
                                 std::uint64_t hash = kFnv1aOffsetBasis) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// Sixteen lowercase hexadecimal digits.
inline std::string hex16(std::uint64_t hash) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

}  // namespace omvarld::core
