#!/usr/bin/env bash
# bench/ab.sh ROUNDS PATTERN -- A_COMMAND... -- B_COMMAND...
# Runs the two commands in turn, A B A B ..., ROUNDS times each, takes the first number that
# follows the extended regular expression PATTERN in what each run prints (e.g. 'assumed.*: *'
# for uncertainty_bench's iterations per second, or 'wall ' for a line printing "wall 0.123"),
# and prints both medians and the median of the pair-by-pair ratios B/A. PATTERN @wall or @cpu
# takes the whole process's elapsed or user + system seconds instead. Alternating runs on a
# shared, noisy machine keeps a drift in its speed out of the ratio; quote the ratio, not the
# absolute figures.
set -euo pipefail
rounds=${1:?usage: ab.sh ROUNDS PATTERN -- A... -- B...}
pattern=${2:?pattern}
shift 2
[ "${1:-}" = -- ] || { echo "ab.sh: expected -- before the A command" >&2; exit 64; }
shift
a=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do a+=("$1"); shift; done
[ "${1:-}" = -- ] || { echo "ab.sh: expected -- before the B command" >&2; exit 64; }
shift
b=("$@")
figure() { # the first number after PATTERN in the command's output, or its own time
  case $pattern in
  @wall | @cpu) # measured from outside: elapsed, or user + system of the process (getrusage)
    python3 -c 'import resource, subprocess, sys, time
c = lambda r: r.ru_utime + r.ru_stime
r0, t = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
w, r = time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN)
print(w if sys.argv[1] == "@wall" else c(r) - c(r0))' "$pattern" "$@" ;;
  *) "$@" 2>&1 | grep -Eo "$pattern[-+0-9.eE]+" | head -1 | grep -Eo '[-+0-9.eE]+$' || true ;;
  esac
}
as=() bs=()
for ((i = 0; i < rounds; i++)); do
  as+=("$(figure "${a[@]}")")
  bs+=("$(figure "${b[@]}")")
  [ -n "${as[-1]}" ] && [ -n "${bs[-1]}" ] || { echo "ab.sh: round $i printed no figure" >&2; exit 1; }
done
python3 - "${as[*]}" "${bs[*]}" <<'PY'
import statistics, sys
a = [float(x) for x in sys.argv[1].split()]
b = [float(x) for x in sys.argv[2].split()]
r = [y / x for x, y in zip(a, b)]
print(f"A: median {statistics.median(a):.6g} (min {min(a):.6g}, max {max(a):.6g})")
print(f"B: median {statistics.median(b):.6g} (min {min(b):.6g}, max {max(b):.6g})")
print(f"B/A pair by pair: median {statistics.median(r):.3f} (min {min(r):.3f}, max {max(r):.3f}), {len(r)} pairs")
PY
