#!/bin/sh
# fuzz/run.sh [seconds] [kind...]: builds the libFuzzer targets with clang (every library
# instrumented for coverage, AddressSanitizer and UndefinedBehaviorSanitizer) in build-fuzz/, then
# runs each for the given time (default 60 s) on its seed corpus, one after the other. Kinds (all
# when none is named): xml zip cache bom product pact serve (pcf serve's request parsers). FUZZ_RUNS=N stops a target after N
# executions instead (within the time). The corpus grows in build-fuzz/corpus/<kind>/ from run to
# run; logs go to build-fuzz/logs/. Crashing inputs are written to build-fuzz/findings/<target>/;
# minimise them (the target with -minimize_crash=1), add them to fuzz/corpus/<kind>/ as
# regress_<what> with the fix and a test that names them. Exit status 1 when a target found one.
# On a shared machine run it under nice: `nice -n 19 fuzz/run.sh 3600`.
set -eu
seconds=${1:-60}
[ $# -gt 0 ] && shift
kinds=${*:-xml zip cache bom product pact serve}
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-fuzz"
# FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION (libFuzzer's convention) lowers limits that cost time
# to reach, such as the BOM's million leaves (pcf/src/model/bom_tree.c).
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g"
flags="$flags -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
# The product, PACT and cache harnesses write each input to a scratch file: on tmpfs that is cheap.
[ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && TMPDIR=/dev/shm && export TMPDIR

target_of() {
  case $1 in
    xml | zip | cache) echo "fuzz_ilcd_$1" ;;
    bom | product | pact) echo "fuzz_$1" ;;
    serve) echo "fuzz_serve_request" ;;
    *) echo "fuzz/run.sh: unknown kind $1 (xml zip cache bom product pact serve)" >&2; exit 64 ;;
  esac
}

targets=""
for kind in $kinds; do targets="$targets $(target_of "$kind")"; done
cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPCF_FUZZ=ON -DPCF_TESTS=OFF -DCMAKE_C_FLAGS="$flags" >/dev/null
# shellcheck disable=SC2086
cmake --build "$build" -j2 --target $targets

status=0
for kind in $kinds; do
  target=$(target_of "$kind")
  work="$build/corpus/$kind"
  findings="$build/findings/$target"
  mkdir -p "$work" "$findings" "$build/logs"
  cp "$root/fuzz/corpus/$kind"/* "$work/"
  log="$build/logs/$target.$(date +%Y%m%d-%H%M%S).log"
  echo "== $target: ${seconds}s${FUZZ_RUNS:+ or $FUZZ_RUNS runs}, log $log"
  # No dictionaries: element names, INI keys and JSON fields are learnt from the seeds. The timeout
  # is generous because a niced run on a busy machine can stall for seconds on one input.
  max_len=131072
  [ "$kind" = serve ] && max_len=16384
  "$build/$target" -max_total_time="$seconds" ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} -max_len=$max_len \
    -rss_limit_mb=2048 -timeout=60 -print_final_stats=1 -artifact_prefix="$findings/" "$work" \
    >"$log" 2>&1 || status=1
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' "$log" || true
done
exit $status
