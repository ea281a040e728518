"""Shared by the cases' calc.py scripts: dataset values read straight from the bundled ILCD XML
(no pcf code), characterised with the EF 3.1 AR6 factors, biogenic CO2 at +1 emitted and -1 taken
up as ISO 14067 counts it (the method's own factor for it is 0), per reference unit."""
import json, os, xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ILCD = os.path.join(HERE, "..", "datasets", "ILCD")
P, M = "{http://lca.jrc.it/ILCD/Process}", "{http://lca.jrc.it/ILCD/LCIAMethod}"

def factors(uuid):
    root = ET.parse(os.path.join(ILCD, "lciamethods", uuid + ".xml")).getroot()
    return {(f.find(M + "referenceToFlowDataSet").get("refObjectId"), f.find(M + "exchangeDirection").text): float(f.find(M + "meanValue").text)
            for f in root.iter(M + "factor")}

def biogenic_co2_flows():
    """UUIDs of the elementary flows named "carbon dioxide (biogenic)" in the package."""
    out = set()
    for fn in os.listdir(os.path.join(ILCD, "flows")):
        root = ET.parse(os.path.join(ILCD, "flows", fn)).getroot()
        names = [e.text for e in root.iter("{http://lca.jrc.it/ILCD/Flow}baseName") if e.text]
        if names and names[0].strip().lower() == "carbon dioxide (biogenic)":
            out.add(fn[:-4].split("_")[0])
    return out

# ISO 14067 counts biogenic CO2 at +1 emitted (Output) and -1 taken up (Input); the EF 3.1 method
# gives it 0. BIO_CO2 values the biogenic CO2 alone (kg), so that AR6_ISO - BIO_CO2 is the total
# without biogenic CO2.
EF_AR6 = factors("6209b35f-9447-40b5-b68c-a1099e3674a0")
BIOGENIC_CO2 = biogenic_co2_flows()
BIO_CO2 = {(f, d): (1.0 if d == "Output" else -1.0) for (f, d) in EF_AR6 if f in BIOGENIC_CO2}
AR6 = {**EF_AR6, **BIO_CO2}
FOSSIL = factors("7fce5b3a-66b8-4ce1-91e8-a925aee1f186")
ELEMENTARY = {flow for flow, _ in AR6}

def process(uuid):
    return ET.parse(os.path.join(ILCD, "processes", uuid + ".xml")).getroot()

def amount(ex):
    e = ex.find(P + "resultingAmount")
    return float((e if e is not None else ex.find(P + "meanAmount")).text)

def provider(flow):
    """The process of the package whose reference flow is flow."""
    for fn in sorted(os.listdir(os.path.join(ILCD, "processes"))):
        root = process(fn[:-4])
        ref_id = root.find(f".//{P}referenceToReferenceFlow").text.strip()
        for ex in root.iter(P + "exchange"):
            if ex.get("dataSetInternalID") == ref_id and ex.find(P + "referenceToFlowDataSet").get("refObjectId") == flow:
                return fn[:-4]
    raise SystemExit("no provider of flow " + flow)

def per_unit(uuid, cf):
    """kg CO2e per reference unit of the process's reference flow."""
    root = process(uuid)
    ref_id = root.find(f".//{P}referenceToReferenceFlow").text.strip()
    total, ref_amount, elementary = 0.0, None, False
    for ex in root.iter(P + "exchange"):
        flow = ex.find(P + "referenceToFlowDataSet").get("refObjectId")
        direction = ex.find(P + "exchangeDirection").text
        if ex.get("dataSetInternalID") == ref_id:
            ref_amount = amount(ex)
        elif flow in ELEMENTARY:
            elementary = True
            total += amount(ex) * cf.get((flow, direction), 0.0)
        elif direction == "Input":  # a product the process takes from another process
            total += amount(ex) * per_unit(provider(flow), cf)
    if not elementary and cf is not BIO_CO2:  # published LCIA result (a CO2e total, counted as fossil)
        for r in root.iter(P + "LCIAResult"):
            total += float(r.find(P + "meanAmount").text)
    return total / ref_amount


def tabulate(lines, here):
    """Values each (stage, name, process uuid, amount, how) line with per_unit, prints the table
    quoted in the case's NOTES.md and writes here/expected.json (total, fossil, stages)."""
    stages = {s: 0.0 for s in ("raw_materials", "production", "distribution", "use", "end_of_life")}
    total = fossil = bio_co2 = 0.0
    print(f"{'line':52} {'amount':>22} {'kg CO2e/unit':>14} {'kg CO2e':>10}")
    for stage, name, uuid, amt, how in lines:
        u = per_unit(uuid, AR6)
        v = amt * u
        stages[stage] += v
        total += v
        fossil += amt * per_unit(uuid, FOSSIL)
        bio_co2 += amt * per_unit(uuid, BIO_CO2)
        print(f"{name:52} {how:>22} {u:14.6f} {v:10.6f}")
    print(f"{'total':52} {'':>22} {'':>14} {total:10.6f}")
    print("stages:", {k: round(v, 6) for k, v in stages.items()}, "fossil:", round(fossil, 6),
          "biogenic CO2 (net kg):", round(bio_co2, 6))
    json.dump({"total": total, "fossil": fossil, "total_excluding_biogenic_co2": total - bio_co2,
               "stages": stages, "tolerance": 1e-6,
               "source": "calc.py: dataset XML x EF 3.1 AR6 factors, biogenic CO2 at +1/-1 (ISO 14067; "
                         "published LCIA results as published), independent of pcf"},
              open(os.path.join(here, "expected.json"), "w"), indent=2)
