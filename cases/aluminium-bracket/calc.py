#!/usr/bin/env python3
"""Hand calculation of the aluminium bracket under cut-off and the Circular Footprint Formula,
for three designs, from the bundled dataset values (calclib reads the XML; no pcf code).
Writes expected.json (the base design under cut-off) and prints the table of NOTES.md."""
import json, os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from calclib import per_unit, AR6, FOSSIL, BIO_CO2

EV = per_unit("e36a119c-1087-5022-b6a3-81d42e5b9c90", AR6)       # primary aluminium, kg
EREC = per_unit("7e4f3236-00e3-5b09-8bc9-7d8ac19e4e0b", AR6)     # recycled (secondary) aluminium, kg
EREC_EOL = per_unit("fd7070a4-fe8e-565e-8636-535d97f8f08d", AR6) # recycling metal, kg
ED = per_unit("0a024cb9-4460-5db9-a6d1-2938627eaffd", AR6)       # landfill metal, kg
A, Q, M = 0.2, 1.0, 1.0
print(f"Ev {EV:.6f}  Erec {EREC:.6f}  ErecEoL {EREC_EOL:.6f}  ED {ED:.6f} kg CO2e/kg")

def rule(r1, r2, a, credits):
    material = (1 - r1) * EV + r1 * (a * EREC + (1 - a) * EV * Q)
    eol = (1 - a) * r2 * EREC_EOL + (1 - r2) * ED
    module_d = -(1 - a) * r2 * EV * Q if credits else 0.0
    return M * material, M * eol, M * module_d

designs = {"virgin": (0.0, 0.70), "50 % recycled": (0.5, 0.70), "design for disassembly": (0.0, 0.95)}
out = {}
for name, (r1, r2) in designs.items():
    for rname, a, credits in (("cut-off", 1.0, False), ("cff", A, True)):
        mat, eol, d = rule(r1, r2, a, credits)
        out[(name, rname)] = (mat, eol, d)
        print(f"{name:24} {rname:8} material {mat:9.6f} end of life {eol:9.6f} footprint {mat + eol:9.6f} "
              f"module D {d:9.6f} net {mat + eol + d:9.6f}")
mat, eol, _ = out[("virgin", "cut-off")]
# The base design's split: primary aluminium's dataset takes up biogenic CO2 (-1 in the total, ISO
# 14067), so fossil and the total without biogenic CO2 are computed line by line as the total is.
R2 = designs["virgin"][1]
fossil = M * (per_unit("e36a119c-1087-5022-b6a3-81d42e5b9c90", FOSSIL) + (1 - R2) * per_unit("0a024cb9-4460-5db9-a6d1-2938627eaffd", FOSSIL))
bio_co2 = M * (per_unit("e36a119c-1087-5022-b6a3-81d42e5b9c90", BIO_CO2) + (1 - R2) * per_unit("0a024cb9-4460-5db9-a6d1-2938627eaffd", BIO_CO2))
print(f"virgin, cut-off: fossil {fossil:.6f}, biogenic CO2 {bio_co2:.6f} kg, without it {mat + eol - bio_co2:.6f}")
json.dump({"total": mat + eol, "fossil": fossil, "total_excluding_biogenic_co2": mat + eol - bio_co2,
           "stages": {"raw_materials": mat, "production": 0.0, "distribution": 0.0, "use": 0.0, "end_of_life": eol},
           "tolerance": 1e-6, "source": "calc.py via calclib: dataset XML x EF 3.1 AR6 factors, independent of pcf"},
          open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json"), "w"), indent=2)
