#!/bin/sh
# fuzz/run.sh [seconds]: builds the libFuzzer targets with clang (every library instrumented for
# coverage, AddressSanitizer and UndefinedBehaviorSanitizer) in build-fuzz/, then runs each target
# for the given time (default 60 s) on a copy of its seed corpus. Crashing inputs are written to
# build-fuzz/findings/<target>/; add them to fuzz/corpus/<kind>/ with a regression test once fixed.
set -eu
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-fuzz"
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g"
cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPCF_FUZZ=ON -DPCF_TESTS=OFF -DCMAKE_C_FLAGS="$flags" >/dev/null
cmake --build "$build" -j2 --target fuzz_ilcd_xml fuzz_ilcd_zip fuzz_serve_request
status=0
for kind in xml zip; do
  target=fuzz_ilcd_$kind
  work="$build/corpus/$kind"
  findings="$build/findings/$target"
  mkdir -p "$work" "$findings"
  cp "$root/fuzz/corpus/$kind"/* "$work/"
  echo "== $target: ${seconds}s"
  # The dictionary-free run: ILCD element names are learnt from the seeds.
  "$build/$target" -max_total_time="$seconds" -max_len=131072 -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$findings/" "$work" || status=1
done
# pcf serve's request parsers (targets, queries, credentials, CloudEvents).
work="$build/corpus/serve"; findings="$build/findings/fuzz_serve_request"
mkdir -p "$work" "$findings"
cp "$root/fuzz/corpus/serve"/* "$work/"
echo "== fuzz_serve_request: ${seconds}s"
"$build/fuzz_serve_request" -max_total_time="$seconds" -max_len=16384 -rss_limit_mb=2048 -timeout=10 \
  -print_final_stats=1 -artifact_prefix="$findings/" "$work" || status=1
exit $status
