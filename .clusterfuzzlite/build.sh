#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build (docs/fuzzing.md): compiles every
# fuzz/targets/*.cpp with $CXX $CXXFLAGS, links the engine with
# $LIB_FUZZING_ENGINE, and writes to $OUT, per target: the fuzzer, its
# dictionary (<name>.dict) and its seed corpus (<name>_seed_corpus.zip: the
# committed fuzz/corpus/<name>/ plus the seeds tools/fuzz_seeds.py generates).
# Intermediate files go to $WORK. Run locally (as the ctest fuzz_clusterfuzzlite_build does):
#   CXX=clang++-14 CXXFLAGS=-fsanitize=fuzzer-no-link,address LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
#   OUT=/tmp/out WORK=/tmp/work .clusterfuzzlite/build.sh
# In the repository: its parent folder; copied to $SRC/build.sh (Dockerfile): the
# working directory, which the image sets to the checkout.
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -d "$repo/fuzz/targets" ] || repo="$(pwd)"
: "${CXX:?} ${OUT:?} ${LIB_FUZZING_ENGINE:?}"
CXXFLAGS="${CXXFLAGS:-}"
WORK="${WORK:-$OUT/.work}"
# The system libraries (Pistache) are built against libstdc++; OSS-Fuzz's
# default -stdlib=libc++ would not link with them (no MSan build for this reason).
CXXFLAGS="${CXXFLAGS//-stdlib=libc++/}"
build="$WORK/rm-fuzz-build"
mkdir -p "$OUT" "$build"

launcher=()
if [ -n "${RM_FUZZ_CCACHE:-}" ] && command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DRM_FUZZING_ENGINE="$LIB_FUZZING_ENGINE" -DRM_BUILD_FUZZERS=ON \
  -DRM_BUILD_TESTS=OFF -DRM_BUILD_BENCHMARKS=OFF "${launcher[@]}" >"$build/configure.log"
cmake --build "$build" --target fuzzers -j "${RM_FUZZ_BUILD_JOBS:-$(nproc)}"

for source in "$repo"/fuzz/targets/*.cpp; do
  name="$(basename "$source" .cpp)"
  cp "$build/fuzzers/$name" "$OUT/$name"
  [ -f "$repo/fuzz/dict/$name.dict" ] && cp "$repo/fuzz/dict/$name.dict" "$OUT/$name.dict"
  seeds="$WORK/seeds/$name"
  rm -rf "$seeds"
  mkdir -p "$seeds"
  [ -d "$repo/fuzz/corpus/$name" ] && cp -r "$repo/fuzz/corpus/$name/." "$seeds/"
  python3 "$repo/tools/fuzz_seeds.py" "$name" "$seeds"
  python3 - "$seeds" "$OUT/${name}_seed_corpus.zip" <<'PY'
import os, sys, zipfile
folder, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for name in sorted(os.listdir(folder)):
        archive.write(os.path.join(folder, name), name)
PY
done
echo "build.sh: $(ls "$repo"/fuzz/targets/*.cpp | wc -l) fuzzers in $OUT"
