#include "app/document_hash.h"

#include <cstdint>
#include <cstdio>

namespace omvarld::app {

// FNV-1a, 64 bits (http://www.isthe.com/chongo/tech/comp/fnv/): fast and
// well spread; this detects change, it does not resist an attacker, who
// could only make us skip a document they serve anyway.
std::string document_hash(std::string_view body) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : body) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return std::string("fnv1a64:") + hex + ":" + std::to_string(body.size());
}

}  // namespace omvarld::app
