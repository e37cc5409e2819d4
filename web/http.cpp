// web/http.cpp — see web/http.h.

#include "web/http.h"

namespace omvarld::web {

std::optional<std::string> Request::param(std::string_view name) const {
  for (const Fields* fields : {&query, &form}) {
    for (const auto& [key, value] : *fields) {
      if (key == name) return value;
    }
  }
  return std::nullopt;
}

}  // namespace omvarld::web
