# cmake/check_layering.cmake
#
# The layering check as a script, for ctest (the `layering` test): the
# configure step runs it once, this runs it on the files as they are now.
#   cmake -DPROJECT_SOURCE_DIR=<repository> -P cmake/check_layering.cmake
cmake_minimum_required(VERSION 3.25)
include(${CMAKE_CURRENT_LIST_DIR}/layering.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/folders.cmake)
omvarld_check_layering()
