# cmake/layering.cmake
#
# The folders' dependency rules, checked when CMake configures, so that a
# wrong #include stops the build instead of waiting for a reviewer:
#
#   omvarld_module(NAME USES folder… INTERNAL header… TEST_ONLY header…)
#
# (the table is cmake/folders.cmake)
# declares the folder NAME (one library target), the folders it may use —
# directly or through them, so the rule is "point down only" — the
# headers that are its own business, and the headers that are entry points
# for tests only. omvarld_check_layering() then reads
# every #include "folder/header.h" in the declared folders, in tests/, fuzz/
# and bench/, and fails the configure with the file and the include when
#   - a folder includes one it does not use (a cycle or an upward edge), or
#   - anything outside NAME (and its tests, tests/NAME/) includes a header
#     NAME declares INTERNAL, or
#   - anything outside NAME and tests/ includes a header NAME declares
#     TEST_ONLY.

function(omvarld_module name)
  cmake_parse_arguments(PARSE_ARGV 1 MODULE "" "" "USES;INTERNAL;TEST_ONLY")
  set_property(GLOBAL APPEND PROPERTY OMVARLD_MODULES ${name})
  set_property(GLOBAL PROPERTY OMVARLD_USES_${name} ${MODULE_USES})
  set_property(GLOBAL PROPERTY OMVARLD_INTERNAL_${name} ${MODULE_INTERNAL})
  set_property(GLOBAL PROPERTY OMVARLD_TEST_ONLY_${name} ${MODULE_TEST_ONLY})
  foreach(list IN ITEMS INTERNAL TEST_ONLY)
    foreach(header IN LISTS MODULE_${list})
      if(NOT EXISTS "${PROJECT_SOURCE_DIR}/${name}/${header}")
        message(FATAL_ERROR "omvarld_module(${name}): ${list} names ${name}/${header}, which does not exist")
      endif()
    endforeach()
  endforeach()
endfunction()

# The folders `name` may include from: itself and everything it uses,
# followed through the uses of those.
function(_omvarld_reachable name out)
  set(reached ${name})
  set(queue ${name})
  while(queue)
    list(POP_FRONT queue current)
    get_property(uses GLOBAL PROPERTY OMVARLD_USES_${current})
    foreach(used IN LISTS uses)
      if(NOT used IN_LIST reached)
        list(APPEND reached ${used})
        list(APPEND queue ${used})
      endif()
    endforeach()
  endwhile()
  set(${out} ${reached} PARENT_SCOPE)
endfunction()

# The problems of one file: `owner` is the folder it belongs to ("" for
# tests, fuzz and bench, which may use every folder's public headers),
# `tested` the folder whose internals it may see (its tests' folder), and
# `is_test` whether it is under tests/ (which may see test-only headers).
function(_omvarld_check_file file owner tested is_test problems_var)
  get_property(modules GLOBAL PROPERTY OMVARLD_MODULES)
  if(owner)
    _omvarld_reachable(${owner} allowed)
  endif()
  set(problems "")
  file(STRINGS "${file}" includes REGEX "^#include \"[a-z_]+/[^\"]+\"")
  file(RELATIVE_PATH shown "${PROJECT_SOURCE_DIR}" "${file}")
  foreach(line IN LISTS includes)
    string(REGEX MATCH "^#include \"([a-z_]+)/([^\"]+)\"" matched "${line}")
    set(folder ${CMAKE_MATCH_1})
    set(header ${CMAKE_MATCH_2})
    if(NOT folder IN_LIST modules OR folder STREQUAL owner OR folder STREQUAL tested)
      continue()
    endif()
    if(owner AND NOT folder IN_LIST allowed)
      list(APPEND problems "${shown}: ${owner}/ may not include ${folder}/${header} (${owner}/ does not use ${folder}/)")
    endif()
    get_property(internal GLOBAL PROPERTY OMVARLD_INTERNAL_${folder})
    if(header IN_LIST internal)
      list(APPEND problems "${shown}: ${folder}/${header} is internal to ${folder}/")
    endif()
    get_property(test_only GLOBAL PROPERTY OMVARLD_TEST_ONLY_${folder})
    if(header IN_LIST test_only AND NOT is_test)
      list(APPEND problems "${shown}: ${folder}/${header} is for tests only")
    endif()
  endforeach()
  set(${problems_var} ${problems} PARENT_SCOPE)
endfunction()

function(omvarld_check_layering)
  get_property(modules GLOBAL PROPERTY OMVARLD_MODULES)
  set(all_problems "")
  foreach(module IN LISTS modules)
    file(GLOB_RECURSE files "${PROJECT_SOURCE_DIR}/${module}/*.h" "${PROJECT_SOURCE_DIR}/${module}/*.cpp")
    foreach(file IN LISTS files)
      _omvarld_check_file("${file}" ${module} "" FALSE problems)
      list(APPEND all_problems ${problems})
    endforeach()
  endforeach()
  foreach(consumer tests fuzz bench)
    file(GLOB_RECURSE files "${PROJECT_SOURCE_DIR}/${consumer}/*.h" "${PROJECT_SOURCE_DIR}/${consumer}/*.cpp")
    foreach(file IN LISTS files)
      set(tested "")
      set(is_test FALSE)
      if(consumer STREQUAL "tests")
        file(RELATIVE_PATH relative "${PROJECT_SOURCE_DIR}/tests" "${file}")
        string(REGEX MATCH "^[a-z_]+" tested "${relative}")
        set(is_test TRUE)
      endif()
      _omvarld_check_file("${file}" "" "${tested}" ${is_test} problems)
      list(APPEND all_problems ${problems})
    endforeach()
  endforeach()
  if(all_problems)
    list(JOIN all_problems "\n  " shown)
    message(FATAL_ERROR "The folders' dependency rules (cmake/folders.cmake) are broken:\n  ${shown}")
  endif()
endfunction()
