// core/embedded_catalog.h
//
// The Swedish message catalog as msgfmt compiled it from po/sv.po, embedded
// in the binary at build time (core/CMakeLists.txt, cmake/embed_catalog.cmake)
// so that tests, the demo and the installed daemon need no locale files and
// no system locale.

#pragma once

#include <string_view>

namespace omvarld::core {

// The bytes of the compiled sv.mo; static storage, never empty.
std::string_view embedded_swedish_catalog();

}  // namespace omvarld::core
