# Compiles BPF C sources into .bpf.o objects with clang (-target bpf), for the shipped examples.
#
#   bpfcompat_add_bpf_object(<name> <source.bpf.c> [INCLUDE_DIRS <dir>...] [DEPENDS <file>...])
#
# Builds ${CMAKE_BINARY_DIR}/examples/<name>.bpf.o as part of the `bpf_examples` target (ALL) and
# appends its path to the global property BPFCOMPAT_EXAMPLE_OBJECTS (and <name> to
# BPFCOMPAT_EXAMPLE_NAMES, in the same order). No kernel headers of the build machine are used:
# the examples get their kernel types from examples/include/bpfcompat_types.h (CO-RE).
#
#   bpfcompat_add_bpf_test_object(<name> <source.bpf.c> OUTPUT_DIR <dir> TARGET <target> [NO_BTF])
#
# The same compiler and flags for unit-test objects, kept out of the examples' lists (tests/e2e
# runs every example): builds <dir>/<name>.bpf.o as part of <target> (created, ALL, if needed).
# NO_BTF drops -g, for objects that must lack .BTF.
include_guard(GLOBAL)

# Kernel type definitions for the examples (bpfcompat_types.h), instead of a host vmlinux.h.
get_filename_component(BPFCOMPAT_BPF_INCLUDE_DIR "${CMAKE_CURRENT_LIST_DIR}/../examples/include"
                       ABSOLUTE)
set(BPFCOMPAT_BPF_TARGET_ARCH "x86" CACHE STRING "bpf_tracing.h target arch (__TARGET_ARCH_<arch>)")

# clang 14 (bookworm) is the oldest we build with; any newer one works too.
find_program(BPFCOMPAT_CLANG
  NAMES clang clang-20 clang-19 clang-18 clang-17 clang-16 clang-15 clang-14
  DOC "clang used to compile BPF objects")
if(NOT BPFCOMPAT_CLANG)
  message(FATAL_ERROR "clang not found: it is needed to build the BPF examples "
                      "(apt-get install clang), or set BPFCOMPAT_CLANG=/path/to/clang")
endif()
execute_process(COMMAND "${BPFCOMPAT_CLANG}" --version OUTPUT_VARIABLE _bpfcompat_clang_version
                ERROR_QUIET)
if(_bpfcompat_clang_version MATCHES "clang version ([0-9]+)\\.([0-9.]+)")
  if(CMAKE_MATCH_1 LESS 14)
    message(FATAL_ERROR "${BPFCOMPAT_CLANG} is clang ${CMAKE_MATCH_1}: the BPF examples need clang >= 14")
  endif()
endif()

find_path(BPFCOMPAT_LIBBPF_INCLUDE_DIR bpf/bpf_helpers.h
  DOC "Directory holding libbpf's bpf/bpf_helpers.h")
if(NOT BPFCOMPAT_LIBBPF_INCLUDE_DIR)
  message(FATAL_ERROR "bpf/bpf_helpers.h not found: install libbpf-dev (>= 1.2, for bpf_for)")
endif()

# The multiarch directory holds <asm/types.h>, which <linux/types.h> needs under -target bpf.
if(CMAKE_LIBRARY_ARCHITECTURE)
  set(_bpfcompat_multiarch "${CMAKE_LIBRARY_ARCHITECTURE}")
else()
  set(_bpfcompat_multiarch "x86_64-linux-gnu")
endif()
set(BPFCOMPAT_BPF_CFLAGS
  -target bpf -O2 -g -Wall
  -D__TARGET_ARCH_${BPFCOMPAT_BPF_TARGET_ARCH}
  CACHE STRING "Flags for clang when compiling BPF objects")
mark_as_advanced(BPFCOMPAT_BPF_CFLAGS BPFCOMPAT_LIBBPF_INCLUDE_DIR)

# Adds the custom command that compiles <source> into <out> with the given flags.
function(_bpfcompat_compile_bpf out src flags)
  cmake_parse_arguments(PARSE_ARGV 3 arg "" "" "INCLUDE_DIRS;DEPENDS")
  get_filename_component(out_dir "${out}" DIRECTORY)
  get_filename_component(file_name "${out}" NAME)
  set(includes ${arg_INCLUDE_DIRS} "${BPFCOMPAT_BPF_INCLUDE_DIR}")
  if(NOT BPFCOMPAT_LIBBPF_INCLUDE_DIR STREQUAL "/usr/include")
    list(APPEND includes "${BPFCOMPAT_LIBBPF_INCLUDE_DIR}")
  endif()
  list(APPEND includes "/usr/include/${_bpfcompat_multiarch}")
  list(TRANSFORM includes PREPEND "-I")

  file(GLOB type_headers CONFIGURE_DEPENDS "${BPFCOMPAT_BPF_INCLUDE_DIR}/*.h")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${out_dir}"
    COMMAND "${BPFCOMPAT_CLANG}" ${flags} ${includes}
            -MD -MF "${out}.d" -c "${src}" -o "${out}"
    DEPENDS "${src}" ${type_headers} ${arg_DEPENDS}
    DEPFILE "${out}.d"
    COMMENT "Building BPF object ${file_name}"
    VERBATIM COMMAND_EXPAND_LISTS)
endfunction()

function(bpfcompat_add_bpf_object name source)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "INCLUDE_DIRS;DEPENDS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "bpfcompat_add_bpf_object(${name}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  get_filename_component(src "${source}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  set(out "${CMAKE_BINARY_DIR}/examples/${name}.bpf.o")
  _bpfcompat_compile_bpf("${out}" "${src}" "${BPFCOMPAT_BPF_CFLAGS}"
                         INCLUDE_DIRS ${arg_INCLUDE_DIRS} DEPENDS ${arg_DEPENDS})

  # A custom command's output needs a target in its own directory; bpf_examples gathers them all.
  add_custom_target(bpf_object_${name} DEPENDS "${out}")
  if(NOT TARGET bpf_examples)
    add_custom_target(bpf_examples ALL)
  endif()
  add_dependencies(bpf_examples bpf_object_${name})
  set_property(GLOBAL APPEND PROPERTY BPFCOMPAT_EXAMPLE_OBJECTS "${out}")
  set_property(GLOBAL APPEND PROPERTY BPFCOMPAT_EXAMPLE_NAMES "${name}")
endfunction()

function(bpfcompat_add_bpf_test_object name source)
  cmake_parse_arguments(PARSE_ARGV 2 arg "NO_BTF" "OUTPUT_DIR;TARGET" "")
  if(arg_UNPARSED_ARGUMENTS OR NOT arg_OUTPUT_DIR OR NOT arg_TARGET)
    message(FATAL_ERROR "bpfcompat_add_bpf_test_object(${name}): needs OUTPUT_DIR and TARGET")
  endif()
  get_filename_component(src "${source}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  set(out "${arg_OUTPUT_DIR}/${name}.bpf.o")
  set(flags ${BPFCOMPAT_BPF_CFLAGS})
  if(arg_NO_BTF)
    list(REMOVE_ITEM flags -g)
  endif()
  _bpfcompat_compile_bpf("${out}" "${src}" "${flags}")
  add_custom_target(bpf_test_object_${name} DEPENDS "${out}")
  if(NOT TARGET ${arg_TARGET})
    add_custom_target(${arg_TARGET} ALL)
  endif()
  add_dependencies(${arg_TARGET} bpf_test_object_${name})
endfunction()
