#include "app/document_hash.h"

#include "core/fnv1a.h"

namespace omvarld::app {

// FNV-1a detects change; it does not resist an attacker, who could only
// make us skip a document they serve anyway.
std::string document_hash(std::string_view body) {
  return "fnv1a64:" + core::hex16(core::fnv1a_64(body)) + ":" + std::to_string(body.size());
}

}  // namespace omvarld::app
