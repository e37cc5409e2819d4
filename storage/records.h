// storage/records.h
//
// The values more than one role of the store hands out (storage/item_store.h
// lists the roles): a source as configured and an item as stored. Plain
// values; they hold nothing of the connection.

#pragma once

#include <cstdint>
#include <string>

#include "core/item.h"

namespace omvarld::storage {

struct SourceRecord {
  core::SourceId id;
  std::string name;
  std::string url;
};

struct StoredItem {
  std::int64_t id = 0;
  core::Item item;
  core::TimePoint first_seen;
};

}  // namespace omvarld::storage
