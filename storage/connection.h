// storage/connection.h
//
// What an ItemStore holds, shared by the files that implement it
// (item_store.cpp writes, item_queries.cpp reads). Internal to storage/.

#pragma once

#include <string>

#include "storage/item_store.h"
#include "storage/sqlite.h"

namespace omvarld::storage {

struct ItemStore::Connection {
  std::string path;  // as given to open(), for error messages
  sqlite::Database db;
};

}  // namespace omvarld::storage
