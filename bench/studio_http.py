"""studio_http.py: pcf studio's recompute latency as the page sees it: POST /api/footprint (and
/api/compare with one variant) over HTTP on the loopback address, N times per case; median and
largest in ms. The server side alone is studio_bench.

Usage: python3 bench/studio_http.py build/pcf [N=50]"""
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "studio"))
from studio_session import Studio  # noqa: E402

PCF = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 50
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def timed(s, path, body):
    t = []
    for _ in range(N):
        t0 = time.perf_counter()
        status, _, _ = s.request(path, body)
        t.append(1e3 * (time.perf_counter() - t0))
        assert status == 200, path
    return statistics.median(t), max(t)


print("%-20s %12s %10s %12s %10s" % ("case", "footprint", "(max)", "compare", "(max)"))
for case in ("toy-car", "aluminium-bracket", "cotton-tshirt", "electric-kettle", "fire-partition",
             "hk-recycled-plastic"):
    s = Studio(PCF, os.path.join(ROOT, "cases", case))
    try:
        design = s.api("design")["design"]
        fm, fx = timed(s, "/api/footprint", {"design": design})
        # one variant: the last BOM line (a leaf) 10 % heavier, named by its part number
        cols = [c.lower() for c in design["bom"]["columns"]]
        part = design["bom"]["rows"][-1][cols.index("part number")] if "part number" in cols else None
        if part:
            design["ini"]["sections"].append({"name": "variant heavier", "comments": [], "entries": [
                {"key": "bom.%s.scale" % part, "value": "1.1", "note": "", "comments": []}]})
            cm, cx = timed(s, "/api/compare", {"design": design})
            print("%-20s %9.2f ms %7.2f ms %9.2f ms %7.2f ms" % (case, fm, fx, cm, cx))
        else:
            print("%-20s %9.2f ms %7.2f ms" % (case, fm, fx))
    finally:
        s.close()
