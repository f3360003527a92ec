# The CI smoke of the fuzzers (ctest -L fuzz), included by the top CMakeLists.txt
# in test builds. The default build uses g++; when clang++-14 is there, the
# fuzzers are built with it by .clusterfuzzlite/build.sh (the ClusterFuzzLite
# build, so that CI exercises exactly that script) into fuzz-out/, intermediate
# files in fuzz-build/. Then, per fuzz/targets/<name>.cpp:
#   fuzz_smoke_<name>: scripts/fuzz <name> for RM_FUZZ_SMOKE_SECONDS over its
#                      seed corpus with a fixed -seed (a CI failure replays the
#                      same inputs locally, not a new random walk); passes when
#                      nothing crashed;
# and fuzz_clusterfuzzlite_build: build.sh run again into a temporary $OUT,
# checking that every fuzzer, dictionary and seed corpus lands there.
find_program(RM_FUZZ_CXX NAMES clang++-14)
if(NOT RM_FUZZ_CXX)
  message(STATUS "clang++-14 not found: no fuzzers, no fuzz smoke tests (scripts/packages.txt has it)")
  return()
endif()
set(RM_FUZZ_SMOKE_SECONDS 20 CACHE STRING "Seconds each fuzz_smoke_<target> test fuzzes")

set(rm_fuzz_out ${CMAKE_BINARY_DIR}/fuzz-out)
set(rm_fuzz_work ${CMAKE_BINARY_DIR}/fuzz-build)
# The `fuzz` preset's flags (CMakePresets.json).
set(rm_fuzz_env
    CXX=${RM_FUZZ_CXX}
    "CXXFLAGS=-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -gline-tables-only"
    "LIB_FUZZING_ENGINE=-fsanitize=fuzzer,address,undefined"
    RM_FUZZ_CCACHE=1)
add_custom_target(fuzz_build ALL
  COMMAND ${CMAKE_COMMAND} -E env ${rm_fuzz_env} OUT=${rm_fuzz_out} WORK=${rm_fuzz_work}
          ${CMAKE_SOURCE_DIR}/.clusterfuzzlite/build.sh
  COMMENT "fuzzers (clang-14, address + undefined) by .clusterfuzzlite/build.sh into ${rm_fuzz_out}"
  VERBATIM)

file(GLOB rm_fuzz_smoke_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fuzz/targets/*.cpp)
set(rm_fuzz_names "")
foreach(source IN LISTS rm_fuzz_smoke_sources)
  get_filename_component(name ${source} NAME_WE)
  list(APPEND rm_fuzz_names ${name})
  add_test(NAME fuzz_smoke_${name}
           COMMAND ${CMAKE_SOURCE_DIR}/scripts/fuzz ${name} --seconds ${RM_FUZZ_SMOKE_SECONDS}
                   --fuzzers ${rm_fuzz_out} --no-merge --seed 1
                   --reports ${CMAKE_BINARY_DIR}/fuzz-reports/${name})
  set_tests_properties(fuzz_smoke_${name} PROPERTIES LABELS fuzz TIMEOUT 600)
endforeach()

add_test(NAME fuzz_clusterfuzzlite_build
         COMMAND ${CMAKE_COMMAND} "-DENV_VARS=${rm_fuzz_env}" -DWORK=${rm_fuzz_work}
                 -DSCRIPT=${CMAKE_SOURCE_DIR}/.clusterfuzzlite/build.sh
                 "-DTARGETS=${rm_fuzz_names}" -DSCRATCH=${CMAKE_BINARY_DIR}/fuzz-cflite-test
                 -P ${CMAKE_SOURCE_DIR}/fuzz/cflite_build_test.cmake)
set_tests_properties(fuzz_clusterfuzzlite_build PROPERTIES LABELS fuzz TIMEOUT 1800)
