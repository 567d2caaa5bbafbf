# Every external dependency of the host tool, found in one place. All come from Debian packages
# installed by scripts/setup. Each yields an imported target that modules link privately.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(LibArchive REQUIRED)
# The test suite's only dependency; not needed when building without it (BPFCOMPAT_BUILD_TESTS=OFF).
if(BPFCOMPAT_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
pkg_check_modules(LIBSSH REQUIRED IMPORTED_TARGET libssh)
pkg_check_modules(LIBELF REQUIRED IMPORTED_TARGET libelf)
# rpm-md repositories: libsolv reads repomd.xml and primary (and orders rpm versions); expat
# reads metalinks.
pkg_check_modules(LIBSOLVEXT REQUIRED IMPORTED_TARGET libsolvext libsolv)
pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat)
# The host's libbpf (shared), for inspect's reading of objects; the validator links its own static.
pkg_check_modules(LIBBPF REQUIRED IMPORTED_TARGET libbpf>=1.0)

# yaml-cpp 0.7 on Debian exports the target as 'yaml-cpp'; give it one stable name.
if(TARGET yaml-cpp::yaml-cpp)
  set(BPFCOMPAT_YAML_TARGET yaml-cpp::yaml-cpp)
else()
  set(BPFCOMPAT_YAML_TARGET yaml-cpp)
endif()
