# cmake/embed_catalog.cmake
#
# cmake -DINPUT=sv.mo -DOUTPUT=sv_catalog.cpp -P embed_catalog.cmake
# Writes the bytes of a compiled message catalog as a C++ array behind
# omvarld::core::embedded_swedish_catalog() (core/embedded_catalog.h).

file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# Line breaks every 16 bytes keep the generated file readable by an editor.
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n  " bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${INPUT} by cmake/embed_catalog.cmake: do not edit.
#include \"core/embedded_catalog.h\"

namespace omvarld::core {
namespace {
const unsigned char kCatalog[] = {
  ${bytes}
};
}  // namespace

std::string_view embedded_swedish_catalog() {
  return {reinterpret_cast<const char*>(kCatalog), ${size}};
}

}  // namespace omvarld::core
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
