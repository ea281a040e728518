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


F = "{http://lca.jrc.it/ILCD/Flow}"
CARBON_FOSSIL, CARBON_BIOGENIC = "64b8e725-b0ba-4837-abb9-62dc0e7b9f6f", "62e503ce-544a-4599-b2ad-bcea15a7bf20"

def carbon(uuid):
    """(fossil, biogenic) kg C per kg of the process's reference flow, from the flow's "Carbon
    content" flow properties (per unit of its reference property, a mass here), or None."""
    root = process(uuid)
    ref_id = root.find(f".//{P}referenceToReferenceFlow").text.strip()
    flow = next(ex.find(P + "referenceToFlowDataSet").get("refObjectId") for ex in root.iter(P + "exchange")
                if ex.get("dataSetInternalID") == ref_id)
    froot = ET.parse(os.path.join(ILCD, "flows", flow + ".xml")).getroot()
    ref_prop = froot.find(f".//{F}referenceToReferenceFlowProperty").text.strip()
    props = {fp.get("dataSetInternalID"): (fp.find(F + "referenceToFlowPropertyDataSet").get("refObjectId"),
                                           float(fp.find(F + "meanValue").text)) for fp in froot.iter(F + "flowProperty")}
    ref_value = props[ref_prop][1]
    got = {uid: v / ref_value for uid, v in props.values()}
    if CARBON_FOSSIL not in got or CARBON_BIOGENIC not in got:
        return None
    return got[CARBON_FOSSIL], got[CARBON_BIOGENIC]

def own_result(uuid):
    """The CO2e total a process publishes itself (its LCIAResult), per reference unit."""
    root = process(uuid)
    ref_id = root.find(f".//{P}referenceToReferenceFlow").text.strip()
    ref = next(amount(ex) for ex in root.iter(P + "exchange") if ex.get("dataSetInternalID") == ref_id)
    return sum(float(r.find(P + "meanAmount").text) for r in root.iter(P + "LCIAResult")) / ref

# End of life by the material's own carbon (README, "Biogenic carbon" and "Recycled content and end
# of life"): at incineration all carbon is oxidised, 44/12 kg CO2 per kg C, so the material's
# carbon replaces the family waste's that the route's waste flow declares (fossil CO2 at the AR6
# factor 1, biogenic at +1); at landfill only biogenic carbon degrades, so the route's own result
# (the degradation of the family's biogenic carbon) scales by the material's biogenic carbon over
# the family's. Returns (total, fossil, biogenic CO2 kg) per kg of waste, beyond the route's own.
def eol_carbon(route, kind, material):
    m, r = carbon(material) if material else None, carbon(route)
    if m is None or r is None or kind == "recycling":
        return 0.0, 0.0, 0.0
    if kind == "landfill":
        if r[1] <= 0:
            return 0.0, 0.0, 0.0
        extra = own_result(route) * (m[1] / r[1] - 1)
        return extra, extra, 0.0  # a published CO2e total counts as fossil
    fossil = 44.0 / 12.0 * (m[0] - r[0])
    bio = 44.0 / 12.0 * (m[1] - r[1])
    return fossil + bio, fossil, bio

def uptake(material, net_kg):
    """kg CO2 taken up for the biogenic carbon a product holds (-44/12 kg CO2 per kg C), when the
    material's dataset chain records no uptake of its own."""
    c = carbon(material)
    if not c or c[1] <= 0:
        return 0.0
    taken = {k: v for k, v in BIO_CO2.items() if k[1] == "Input"}
    if per_unit(material, taken) < 0:
        return 0.0
    return -44.0 / 12.0 * c[1] * net_kg


def tabulate(lines, here):
    """Values each (stage, name, process uuid, amount, how) line with per_unit, prints the table
    quoted in the case's NOTES.md and writes here/expected.json (total, fossil, stages)."""
    stages = {s: 0.0 for s in ("raw_materials", "production", "distribution", "use", "end_of_life")}
    total = fossil = bio_co2 = 0.0
    print(f"{'line':52} {'amount':>22} {'kg CO2e/unit':>14} {'kg CO2e':>10}")
    for stage, name, uuid, amt, how, *material in lines:
        if uuid == "uptake":  # the biogenic carbon the product holds, taken up (kg CO2)
            u, uf, ub = 1.0, 0.0, 1.0
            amt = uptake(material[0], amt)
        else:
            u, uf, ub = per_unit(uuid, AR6), per_unit(uuid, FOSSIL), per_unit(uuid, BIO_CO2)
            if stage == "end_of_life" and material:  # a route with the material's own carbon
                kind = name.split(": ")[1].split()[0]
                et, ef, eb = eol_carbon(uuid, kind.replace("incineration_energy_recovery", "incineration"), material[0])
                u, uf, ub = u + et, uf + ef, ub + eb
        v = amt * u
        stages[stage] += v
        total += v
        fossil += amt * uf
        bio_co2 += amt * ub
        print(f"{name:52} {how:>22} {u:14.6f} {v:10.6f}")
    print(f"{'total':52} {'':>22} {'':>14} {total:10.6f}")
    print("stages:", {k: round(v, 6) for k, v in stages.items()}, "fossil:", round(fossil, 6),
          "biogenic CO2 (net kg):", round(bio_co2, 6))
    json.dump({"total": total, "fossil": fossil, "total_excluding_biogenic_co2": total - bio_co2,
               "stages": stages, "tolerance": 1e-6,
               "source": "calc.py: dataset XML x EF 3.1 AR6 factors, biogenic CO2 at +1/-1 (ISO 14067; "
                         "published LCIA results as published), independent of pcf"},
              open(os.path.join(here, "expected.json"), "w"), indent=2)
