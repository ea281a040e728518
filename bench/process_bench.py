#!/usr/bin/env python3
"""process_bench.py OLD_PCF NEW_PCF [ROUNDS] [--old-cases DIR]: whole pcf processes, a baseline build
against this one.

Times `pcf --help` (the process start: loading the executable and its shared objects) and
`pcf footprint cases/CASE/product.ini` of every case, each as a process, OLD and NEW in turn
(A B A B ..., ROUNDS rounds, 9 by default), in CPU seconds (user + system of the child, the
steadier figure on a shared machine) and elapsed seconds. Prints, per command, both medians and
the median of the pair-by-pair ratios NEW/OLD, then each footprint against the start: NEW's
`--help` over OLD's footprint (the floor a footprint process cannot go under) and NEW's footprint
less NEW's `--help` over OLD's footprint (the footprint's own work). Each binary runs one
footprint of every case first, untimed, so that a build that keeps a cache has it made.
--old-cases DIR: OLD footprints DIR/CASE/product.ini instead (a build older than the product
files' keys: the baseline's own cases/, which differ in identity fields alone).
Run from the source tree: bench/process_bench.py ../base/build/pcf build/pcf 9
"""
import argparse
import glob
import os
import resource
import statistics
import subprocess
import sys
import time


def run(cmd):
    """(cpu seconds, elapsed seconds) of one process; fails loudly on a non-zero exit."""
    cpu = lambda r: r.ru_utime + r.ru_stime
    r0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall, r1 = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode:
        sys.exit(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr.decode(errors='replace')}")
    return cpu(r1) - cpu(r0), wall


def fmt(xs):
    return f"{statistics.median(xs):.3f} ({min(xs):.3f}-{max(xs):.3f})"


def main():
    ap = argparse.ArgumentParser(usage=__doc__)
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("rounds", nargs="?", type=int, default=9)
    ap.add_argument("--old-cases", default="cases")
    o = ap.parse_args()
    old, new, rounds = o.old, o.new, o.rounds
    cases = sorted(os.path.basename(os.path.dirname(p)) for p in glob.glob("cases/*/product.ini"))
    if not cases:
        sys.exit("process_bench.py: no cases/*/product.ini here: run it from the source tree")
    commands = {"--help": (["--help"], ["--help"])}
    for c in cases:
        commands[c] = (["footprint", f"{o.old_cases}/{c}/product.ini"], ["footprint", f"cases/{c}/product.ini"])
    for args in commands.values():  # untimed: caches made, files in the page cache
        for i, pcf in enumerate((old, new)):
            run([pcf] + args[i])
    cpu = {k: ([], []) for k in commands}
    wall = {k: ([], []) for k in commands}
    for _ in range(rounds):
        for k, args in commands.items():
            for i, pcf in enumerate((old, new)):
                c, w = run([pcf] + args[i])
                cpu[k][i].append(c)
                wall[k][i].append(w)
    ratio = lambda a, b: [y / x for x, y in zip(a, b)]
    print(f"OLD {old} (cases from {o.old_cases}/)\nNEW {new}\n{rounds} rounds, A B A B; CPU ms as median (min-max); ratios median (min-max) of pairs\n")
    print("| command | OLD cpu ms | NEW cpu ms | NEW/OLD cpu | NEW/OLD elapsed |")
    print("| --- | --- | --- | --- | --- |")
    for k in commands:
        a, b = cpu[k]
        print(f"| {'pcf ' + k if k == '--help' else 'footprint ' + k} | {statistics.median(a) * 1e3:.1f} | "
              f"{statistics.median(b) * 1e3:.1f} | {fmt(ratio(a, b))} | {fmt(ratio(*wall[k]))} |")
    print("\nAgainst each OLD footprint, pair by pair (CPU): NEW --help (the floor), NEW footprint less NEW --help "
          "(its own work)\n")
    print("| case | NEW --help / OLD footprint | (NEW footprint - NEW --help) / OLD footprint |")
    print("| --- | --- | --- |")
    help_new = cpu["--help"][1]
    for k in list(commands)[1:]:
        a, b = cpu[k]
        floor = [h / x for h, x in zip(help_new, a)]
        own = [(y - h) / x for h, x, y in zip(help_new, a, b)]
        print(f"| {k} | {fmt(floor)} | {fmt(own)} |")


if __name__ == "__main__":
    main()
