# packaging/install.cmake: what `cmake --install` puts where, and the .deb
# that CPack builds from the same rules (`cpack -G DEB` in the build folder).
#
#   <prefix>/bin/omvarld                      (cli/CMakeLists.txt)
#   <prefix>/lib/systemd/system/omvarld.service, ExecStart at <prefix>/bin
#   <prefix>/lib/sysusers.d/omvarld.conf      the system user omvarld
#   <prefix>/share/man/man1/omvarld.1.gz
#   <prefix>/share/doc/omvarld/               operations.md, the demo in examples/
#   /etc/omvarld/omvarld.toml                 only if absent (a conffile in the .deb)
#
# The configuration goes to /etc when the prefix is /usr or /usr/local, as the
# unit and the CLI's default expect, else to <prefix>/etc. Stage with DESTDIR.

include(GNUInstallDirs)

# Where systemd looks for system units, relative to the prefix: pkg-config's
# systemdsystemunitdir when it lies under the prefix, else lib/systemd/system
# (Debian 12's systemd.pc says /lib/systemd/system; with merged /usr that is
# /usr/lib/systemd/system).
set(_omvarld_unit_dir "lib/systemd/system")
pkg_get_variable(_omvarld_pc_unit_dir systemd systemdsystemunitdir)
if(_omvarld_pc_unit_dir)
  string(LENGTH "${CMAKE_INSTALL_PREFIX}/" _omvarld_prefix_length)
  string(FIND "${_omvarld_pc_unit_dir}" "${CMAKE_INSTALL_PREFIX}/" _omvarld_at)
  if(_omvarld_at EQUAL 0)
    string(SUBSTRING "${_omvarld_pc_unit_dir}" ${_omvarld_prefix_length} -1 _omvarld_unit_dir)
  endif()
endif()
set(OMVARLD_SYSTEMD_UNIT_DIR "${_omvarld_unit_dir}" CACHE STRING
    "Directory of systemd system units, relative to the install prefix")
set(OMVARLD_SYSUSERS_DIR "lib/sysusers.d" CACHE STRING
    "Directory of sysusers.d files, relative to the install prefix")

# The man page, compressed as Debian ships them (-n: no name or time inside,
# so the package is reproducible).
set(_omvarld_man_gz "${PROJECT_BINARY_DIR}/omvarld.1.gz")
add_custom_command(OUTPUT "${_omvarld_man_gz}"
  COMMAND sh -c "gzip -9 -n -c '${PROJECT_SOURCE_DIR}/docs/omvarld.1' > '${_omvarld_man_gz}'"
  DEPENDS "${PROJECT_SOURCE_DIR}/docs/omvarld.1"
  COMMENT "Compressing the man page omvarld(1)"
  VERBATIM)
add_custom_target(omvarld_man ALL DEPENDS "${_omvarld_man_gz}")

install(FILES "${_omvarld_man_gz}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${PROJECT_SOURCE_DIR}/systemd/sysusers.d/omvarld.conf"
  DESTINATION "${OMVARLD_SYSUSERS_DIR}")
install(FILES "${PROJECT_SOURCE_DIR}/docs/operations.md" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/examples/" DESTINATION "${CMAKE_INSTALL_DOCDIR}/examples"
  PATTERN "*.db" EXCLUDE
  PATTERN "*.db-*" EXCLUDE
  PATTERN "outbox" EXCLUDE)

# The unit and the configuration depend on the prefix at install time (cpack
# installs with /usr, `cmake --install --prefix` with its own), so a script
# writes them then.
install(CODE "
  set(OMVARLD_SOURCE_DIR \"${PROJECT_SOURCE_DIR}\")
  set(OMVARLD_STAGING_DIR \"${PROJECT_BINARY_DIR}/packaging\")
  set(OMVARLD_BINDIR \"${CMAKE_INSTALL_BINDIR}\")
  set(OMVARLD_SYSTEMD_UNIT_DIR \"${OMVARLD_SYSTEMD_UNIT_DIR}\")")
install(SCRIPT "${PROJECT_SOURCE_DIR}/packaging/install_prefixed.cmake")

# The Debian package.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "omvarld")
set(CPACK_PACKAGE_VENDOR "Linköpings kommun och Norrköpings kommun")
set(CPACK_PACKAGE_CONTACT "Omvärldsbevakning <omvarld@linkoping.se>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "environmental scanning daemon: RSS/Atom feeds to per-nämnd email digests")
set(CPACK_PACKAGE_DESCRIPTION
    "omvarld polls RSS and Atom feeds, classifies every new item against the\nkeyword filters of each nämnd, stores everything in SQLite and emails each\nnämnd a digest. It runs as a hardened systemd service.")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Used at run time, not linked: the dictionaries, time zones, CA roots, and
# procps for the unit's ExecReload=/bin/kill.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "hunspell-sv, hunspell-en-us, tzdata, ca-certificates, procps")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/packaging/deb/postinst"
    "${PROJECT_SOURCE_DIR}/packaging/deb/prerm"
    "${PROJECT_SOURCE_DIR}/packaging/deb/postrm"
    "${PROJECT_SOURCE_DIR}/packaging/deb/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
