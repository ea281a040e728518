#!/usr/bin/env bash
# scripts/same_results.sh OLD_PCF NEW_PCF: checks that two builds of pcf give byte-identical
# results: every case's footprint as JSON (and as text and CSV), the TianGong processes of the
# test slice by --process, every case's comparison of its variants, and a batch's results CSV and JSON documents. For a change meant to
# leave behaviour alone (a refactoring); run it with the build before and the build after:
#   git worktree add /tmp/before HEAD~1 && (cd /tmp/before && scripts/setup.sh)
#   scripts/same_results.sh /tmp/before/build/pcf build/pcf
# Exit status 0 when every output is identical, 1 (listing the differences) otherwise.
set -uo pipefail
old=$(realpath "${1:?usage: same_results.sh OLD_PCF NEW_PCF}")
new=$(realpath "${2:?usage: same_results.sh OLD_PCF NEW_PCF}")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "${SAME_RESULTS_KEEP:-}" ] && trap "echo kept $work" EXIT
export PCF_PACT_CREATED=2025-03-01T12:00:00Z PCF_PACT_ID=8c0b3c1e-8b8a-4d55-9c2f-3f1c3a7e9d10

run() { # run NAME ARGS...: the output of both builds under $work/{old,new}/NAME
  local name=$1
  shift
  for which in old new; do
    local bin=$old
    [ $which = new ] && bin=$new
    mkdir -p "$work/$which"
    (cd "$root" && "$bin" "$@") >"$work/$which/$name" 2>&1
    echo "exit $?" >>"$work/$which/$name"
  done
}

for ini in "$root"/cases/*/product.ini; do
  c=$(basename "$(dirname "$ini")")
  for f in json text csv; do run "case-$c.$f" footprint "$ini" --format "$f"; done
  run "case-$c.pact" footprint "$ini" --format pact --profile cases/profile.ini
done
# Comparisons: every case with variants, in every format, with the Monte Carlo over the designs.
# The toy car with variants of its own: changes of mass, material, recycled content and distance.
mkdir -p "$work/toy-car"
cp "$root"/cases/toy-car/* "$work/toy-car/"
cat >>"$work/toy-car/product.ini" <<'EOF'

[variant lighter]
bom.Body.scale = 0.8
[variant recycled]
based_on = lighter
bom.Wheel.recycled_content = 50%
[variant abs-wheels]
bom.Wheel.material = ABS
distribution.truck = 200 km
EOF
for ini in $(grep -l '^\[variant' "$root"/cases/*/product.ini) "$work/toy-car/product.ini"; do
  c=$(basename "$(dirname "$ini")")-$(basename "$ini" .ini)
  for f in json text csv html; do run "compare-$c.$f" compare "$ini" --format "$f" --uncertainty 50; done
done
slice=tests/fixtures/tiangong/tiangong-slice.zip
for p in $(grep -o '{"[0-9a-f-]\{36\}"' "$root/tests/pcf/tiangong_expected.h" | tr -d '{"'); do
  run "tiangong-$p.json" footprint --no-bundled --data "$slice" --process "$p" --format json
done
for which in old new; do
  bin=$old
  [ $which = new ] && bin=$new
  (cd "$root/tests/fixtures/batch" &&
    "$bin" batch catalogue.csv -q -o "$work/$which/batch.csv" --errors "$work/$which/batch-errors.csv" \
      --json-dir "$work/$which/batch-json" --threads 1) >/dev/null 2>&1
done

if diff -r "$work/old" "$work/new" >"$work/diff"; then
  echo "same_results: $(find "$work/new" -type f | wc -l) outputs identical"
  exit 0
fi
echo "same_results: outputs differ:"
cat "$work/diff"
exit 1
