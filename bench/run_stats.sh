#!/usr/bin/env bash
# bench/run_stats.sh COMMAND...: runs COMMAND (its output kept) and prints, on standard error,
# "wall S cpu S maxrss_mib M": elapsed seconds, user + system seconds and peak resident memory
# of the process and its children (getrusage), the figures bench/README.md gives for pcf batch.
# With bench/ab.sh: bench/ab.sh 3 'maxrss_mib ' -- bench/run_stats.sh A... -- bench/run_stats.sh B...
exec python3 -c 'import resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:]).returncode
w, r = time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN)
print("wall %.3f cpu %.3f maxrss_mib %.1f exit %d" % (w, r.ru_utime + r.ru_stime, r.ru_maxrss / 1024, rc), file=sys.stderr)
sys.exit(rc)' "$@"
