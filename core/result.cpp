#include "core/result.h"

namespace omvarld {

std::string to_string(const FilePos& where) {
  return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

std::string to_string(const Error& error) {
  if (!error.where) return error.message;
  return to_string(*error.where) + ": " + error.message;
}

}  // namespace omvarld
