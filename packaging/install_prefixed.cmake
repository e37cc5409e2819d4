# packaging/install_prefixed.cmake: the install steps that depend on the
# prefix given at install time; run by cmake_install.cmake (install.cmake sets
# OMVARLD_SOURCE_DIR, OMVARLD_STAGING_DIR, OMVARLD_BINDIR and
# OMVARLD_SYSTEMD_UNIT_DIR first).

# The unit, with ExecStart at the installed binary.
file(READ "${OMVARLD_SOURCE_DIR}/systemd/omvarld.service" _unit)
string(REPLACE "/usr/bin/omvarld" "${CMAKE_INSTALL_PREFIX}/${OMVARLD_BINDIR}/omvarld" _unit "${_unit}")
# Staged under a name of its own per install root: installs into several
# roots may run at once (the tests do), each with its own ExecStart.
string(SHA1 _root_id "$ENV{DESTDIR}|${CMAKE_INSTALL_PREFIX}")
set(_staged_unit "${OMVARLD_STAGING_DIR}/omvarld.service.${_root_id}")
file(WRITE "${_staged_unit}" "${_unit}")
file(INSTALL "${_staged_unit}"
  DESTINATION "${CMAKE_INSTALL_PREFIX}/${OMVARLD_SYSTEMD_UNIT_DIR}"
  RENAME omvarld.service
  PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
file(REMOVE "${_staged_unit}")

# The configuration: written only where none exists, so a reinstall or an
# upgrade never replaces what an administrator edited.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr" OR CMAKE_INSTALL_PREFIX STREQUAL "/usr/local")
  set(_config_dir "/etc/omvarld")
else()
  set(_config_dir "${CMAKE_INSTALL_PREFIX}/etc/omvarld")
endif()
if(EXISTS "$ENV{DESTDIR}${_config_dir}/omvarld.toml")
  message(STATUS "Keeping: $ENV{DESTDIR}${_config_dir}/omvarld.toml")
else()
  file(INSTALL "${OMVARLD_SOURCE_DIR}/packaging/omvarld.toml"
    DESTINATION "${_config_dir}"
    PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
endif()
file(INSTALL "${OMVARLD_SOURCE_DIR}/packaging/conf.d" DESTINATION "${_config_dir}"
  DIR_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                  WORLD_READ WORLD_EXECUTE)
