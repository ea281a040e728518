#!/usr/bin/env python3
"""scipy baseline for bench/batch_bench.c: the same technosphere and product demands, with
scipy.sparse.linalg.splu (SuperLU). Run by batch_bench (or by hand: scipy_baseline.py DIR, DIR
being the scipy/ folder batch_bench exports: A.txt, direct.txt, demands.txt).

Times: the factorisation; the transposed solve giving every intensity plus one dot product per
product; and each product by its own solve A x = f on a sample, extrapolated to the catalogue.
"""
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as spla


def main(d):
    with open(f"{d}/A.txt") as f:
        n, nnz = map(int, f.readline().split())
        t = np.loadtxt(f, dtype=float, ndmin=2)
    a = sp.csc_matrix((t[:, 2], (t[:, 0].astype(int), t[:, 1].astype(int))), shape=(n, n))
    direct = np.loadtxt(f"{d}/direct.txt")
    dem = np.loadtxt(f"{d}/demands.txt", ndmin=2)
    prod = dem[:, 0].astype(int)
    rows = dem[:, 1].astype(int)
    np_ = int(prod.max()) + 1
    own = np.zeros(np_)
    bg = dem[rows >= 0]
    np.add.at(own, prod[rows < 0], dem[rows < 0, 2])
    f = sp.csc_matrix((bg[:, 2], (bg[:, 1].astype(int), bg[:, 0].astype(int))), shape=(n, np_))

    t0 = time.perf_counter()
    lu = spla.splu(a)
    t_factor = time.perf_counter() - t0

    t0 = time.perf_counter()
    y = lu.solve(direct, trans="T")
    totals = own + f.T @ y
    t_dot = time.perf_counter() - t0

    sample = min(200, np_)
    t0 = time.perf_counter()
    for i in range(sample):
        x = lu.solve(f[:, i].toarray().ravel())
        assert abs(own[i] + direct @ x - totals[i]) <= 1e-6 * max(1.0, abs(totals[i]))
    t_own = (time.perf_counter() - t0) / sample

    print(f"scipy {scipy.__version__} splu: factorise {t_factor:.3f} s; transposed solve + {np_} dot products "
          f"{t_dot * 1e3:.1f} ms; own solve per product {t_own * 1e3:.2f} ms (sample {sample}) -> "
          f"{t_own * np_:.1f} s for the catalogue, ratio {t_own * np_ / t_dot:.0f}x")


if __name__ == "__main__":
    main(sys.argv[1])
