#!/usr/bin/env python3
"""Independent hand calculation of the toy-car case from the bundled dataset values.

Reads each dataset's XML directly (no pcf code), sums its greenhouse-gas exchanges times the IPCC
AR6 GWP100 factors of the EF 3.1 method (6209b35f-...), per unit of its reference flow, then
multiplies by the case's amounts. Writes expected.json and prints the table quoted in NOTES.md."""
import json, os, xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ILCD = os.path.join(HERE, "..", "..", "datasets", "ILCD")
P, M = "{http://lca.jrc.it/ILCD/Process}", "{http://lca.jrc.it/ILCD/LCIAMethod}"

def factors(uuid):
    root = ET.parse(os.path.join(ILCD, "lciamethods", uuid + ".xml")).getroot()
    return {(f.find(M + "referenceToFlowDataSet").get("refObjectId"), f.find(M + "exchangeDirection").text): float(f.find(M + "meanValue").text)
            for f in root.iter(M + "factor")}

AR6 = factors("6209b35f-9447-40b5-b68c-a1099e3674a0")
FOSSIL = factors("7fce5b3a-66b8-4ce1-91e8-a925aee1f186")

def per_unit(uuid, cf):
    """kg CO2e per reference unit of the process's reference flow (leaf data sets: no linked inputs)."""
    root = ET.parse(os.path.join(ILCD, "processes", uuid + ".xml")).getroot()
    ref_id = root.find(f".//{P}referenceToReferenceFlow").text.strip()
    total, ref_amount = 0.0, None
    for ex in root.iter(P + "exchange"):
        flow = ex.find(P + "referenceToFlowDataSet").get("refObjectId")
        direction = ex.find(P + "exchangeDirection").text
        amount = float((ex.find(P + "resultingAmount") if ex.find(P + "resultingAmount") is not None else ex.find(P + "meanAmount")).text)
        if ex.get("dataSetInternalID") == ref_id:
            ref_amount = amount
        total += amount * cf.get((flow, direction), 0.0)
    return total / ref_amount

# (stage, line, dataset uuid, amount in the dataset's reference unit, how the amount was derived)
mass = 0.120 + 4 * 0.0075 + 2 * 0.010          # kg, from bom.csv
packed = mass + 0.010                           # kg moved in distribution (product + LDPE bag)
lines = [
    ("raw_materials", "Toy car/Body: ABS", "1a375a3b-34e8-5898-8023-ae028965187b", 0.120, "0.120 kg"),
    ("raw_materials", "Toy car/Wheel: PP", "a1af2c33-2255-5d37-b6cc-5e448e8b1557", 4 * 0.0075, "4 x 0.0075 kg"),
    ("raw_materials", "Toy car/Axle: steel", "33c12b89-375a-55cc-a36c-3c62677cddef", 2 * 0.010, "2 x 0.010 kg"),
    ("raw_materials", "Packaging: LDPE", "4e32412b-4c8c-5f05-b561-0aef6a1f7983", 0.010, "0.010 kg"),
    ("production", "Manufacturing: electricity CN", "d671d513-637a-5f07-878c-dc8fc8773a65", 0.30 * 3.6, "0.30 kWh = 1.08 MJ"),
    ("distribution", "Distribution: truck", "e70e529b-1dbf-5a1a-b0ec-f7d56be09d34", packed / 1000 * 150, f"{packed} kg x 150 km"),
    ("distribution", "Distribution: sea ship", "f7433f5c-0740-59ac-acd1-bc197fb6206c", packed / 1000 * 18000, f"{packed} kg x 18000 km"),
]
stages = {s: 0.0 for s in ("raw_materials", "production", "distribution", "use", "end_of_life")}
total = fossil = 0.0
print(f"{'line':36} {'amount':>22} {'kg CO2e/unit':>14} {'kg CO2e':>10}")
for stage, name, uuid, amount, how in lines:
    u = per_unit(uuid, AR6)
    v = amount * u
    stages[stage] += v
    total += v
    fossil += amount * per_unit(uuid, FOSSIL)
    print(f"{name:36} {how:>22} {u:14.6f} {v:10.6f}")
print(f"{'total':36} {'':>22} {'':>14} {total:10.6f}")
json.dump({"total": total, "fossil": fossil, "stages": stages, "tolerance": 1e-6,
           "source": "calc.py: dataset XML x EF 3.1 AR6 factors, independent of pcf"},
          open(os.path.join(HERE, "expected.json"), "w"), indent=2)
