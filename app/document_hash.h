// app/document_hash.h
//
// A fingerprint of a fetched document's bytes, stored per source so that a
// server that sends the same body again without validators costs no
// parsing. Pure.

#pragma once

#include <string>
#include <string_view>

namespace omvarld::app {

// "fnv1a64:<16 hex digits>:<length in bytes>": FNV-1a over the body, with
// its length, so an accidental match needs both to collide.
std::string document_hash(std::string_view body);

}  // namespace omvarld::app
