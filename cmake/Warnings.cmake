# Project-wide compile settings as an INTERFACE target instead of global flags.
add_library(bpfcompat_settings INTERFACE)
target_compile_features(bpfcompat_settings INTERFACE cxx_std_20)
target_compile_options(bpfcompat_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
# -Wnull-dereference is left out: GCC 12 reports false positives inside std::string moves.
target_include_directories(bpfcompat_settings INTERFACE ${PROJECT_SOURCE_DIR}/include)

# bpfcompat_module(<name> SOURCES ... DEPS ... PRIVATE_DEPS ...): one static library per module.
function(bpfcompat_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(bpfcompat_${name} STATIC ${M_SOURCES})
  target_link_libraries(bpfcompat_${name} PUBLIC bpfcompat_settings ${M_DEPS} PRIVATE ${M_PRIVATE_DEPS})
  target_include_directories(bpfcompat_${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
endfunction()
