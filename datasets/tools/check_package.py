#!/usr/bin/env python3
"""check_package.py: verifies the bundled ILCD package and prints what it holds.

    python3 datasets/tools/check_package.py [--xsd ../shared/ilcd/schemas] [--gwp]

Checks (exit status 1 if any fails):
 - every file is well-formed XML named <UUID>.xml after its own UUID, in the folder of its kind;
 - every reference resolves inside datasets/ILCD/: exchange -> flow, flow -> flow property,
   flow property -> unit group, factor -> flow, LCIA result -> method, process -> source,
   every other refObjectId (contacts, sources of sources...), except the two ILCD reference
   sources the EF files name for compliance and format when they are absent, and links to a
   preceding version of a data set (referenceToPrecedingDataSetVersion: history);
 - each process has exactly one reference flow: an Output, or an Input of a waste flow (a
   waste treatment);
 - the units the product flows need exist (kg, MJ, kWh, t*km);
 - the AR6/AR5/AR4 factors of CO2, CH4 fossil and non-fossil, N2O, SF6, NF3, HFC-134a equal
   the IPCC table values;
 - every UUID in materials.csv and services.csv is a process of the package.
With --xsd, validates every dataset written by the build (and a sample of copied ones) against
the ILCD schemas with xmllint, offline through tools/xsd/catalog.xml.
With --gwp, prints each process's GWP100 (AR6, AR5, AR4) per reference unit.
"""
import argparse
import csv
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = os.path.dirname(HERE)
PKG = os.path.join(DATASETS, "ILCD")
NS = {"c": "http://lca.jrc.it/ILCD/Common", "p": "http://lca.jrc.it/ILCD/Process",
      "f": "http://lca.jrc.it/ILCD/Flow", "fp": "http://lca.jrc.it/ILCD/FlowProperty",
      "u": "http://lca.jrc.it/ILCD/UnitGroup", "m": "http://lca.jrc.it/ILCD/LCIAMethod"}
KINDS = {"processes": ("processDataSet", "ILCD_ProcessDataSet.xsd"),
         "flows": ("flowDataSet", "ILCD_FlowDataSet.xsd"),
         "flowproperties": ("flowPropertyDataSet", "ILCD_FlowPropertyDataSet.xsd"),
         "unitgroups": ("unitGroupDataSet", "ILCD_UnitGroupDataSet.xsd"),
         "lciamethods": ("LCIAMethodDataSet", "ILCD_LCIAMethodDataSet.xsd"),
         "sources": ("sourceDataSet", "ILCD_SourceDataSet.xsd"),
         "contacts": ("contactDataSet", "ILCD_ContactDataSet.xsd")}
TYPE_DIR = {"process data set": "processes", "flow data set": "flows",
            "flow property data set": "flowproperties", "unit group data set": "unitgroups",
            "LCIA method data set": "lciamethods", "source data set": "sources",
            "contact data set": "contacts"}
OPTIONAL_REFS = {"9ba3ac1e-6797-4cc0-afd5-1b8f7bf28c6a", "a97a0155-0234-4b87-b4ce-a45da52f2a40"}
AR6_TOTAL = "6209b35f-9447-40b5-b68c-a1099e3674a0"
# IPCC table values (AR6 WG1 7.SM.7 / Table 7.15; AR5 WG1 Table 8.A.1; AR4 WG1 Table 2.14)
EXPECTED = {
    "carbon dioxide (fossil)": (1, 1, 1), "methane (fossil)": (29.8, 30, 25),
    "methane (biogenic)": (27.0, 28, 25), "nitrous oxide": (273, 265, 298),
    "sulphur hexafluoride": (25200, 23500, 22800), "nitrogen trifluoride": (17400, 16100, 17200),
    "hfc-134a": (1530, 1300, 1430),
}


def local(tag):
    return tag.split("}")[-1]


def load():
    data, errors = {}, []
    for kind in KINDS:
        d = os.path.join(PKG, kind)
        for fn in sorted(os.listdir(d)):
            path = os.path.join(d, fn)
            try:
                root = ET.parse(path).getroot()
            except ET.ParseError as e:
                errors.append("%s: not well-formed: %s" % (path, e))
                continue
            uid = root.findtext(".//c:UUID", namespaces=NS)
            if local(root.tag) != KINDS[kind][0]:
                errors.append("%s: root %s in %s/" % (path, local(root.tag), kind))
            if fn != "%s.xml" % uid:
                errors.append("%s: file name does not match UUID %s" % (path, uid))
            data[(kind, uid)] = root
    return data, errors


def check_refs(data):
    errors, n = [], 0
    for (kind, uid), root in data.items():
        for el in root.iter():
            rid, typ = el.get("refObjectId"), el.get("type")
            if rid is None or typ not in TYPE_DIR:
                continue
            if local(el.tag) == "referenceToPrecedingDataSetVersion":
                continue  # history: an earlier version of this data set, not a dependency
            n += 1
            if (TYPE_DIR[typ], rid) not in data and rid not in OPTIONAL_REFS:
                errors.append("%s/%s: %s -> missing %s %s" % (kind, uid, local(el.tag), typ, rid))
    return errors, n


def check_processes(data):
    errors = []
    for (kind, uid), root in data.items():
        if kind != "processes":
            continue
        refs = [r.text.strip() for r in root.iterfind(".//p:referenceToReferenceFlow", NS)]
        ex = {e.get("dataSetInternalID"): e for e in root.iterfind(".//p:exchange", NS)}
        if len(refs) != 1 or refs[0] not in ex:
            errors.append("process %s: needs one reference flow, has %s" % (uid, refs))
            continue
        ref = ex[refs[0]]
        direction = ref.findtext("p:exchangeDirection", namespaces=NS)
        fid = ref.find("p:referenceToFlowDataSet", NS).get("refObjectId")
        flow = data.get(("flows", fid))
        ftype = flow.findtext(".//f:typeOfDataSet", namespaces=NS) if flow is not None else None
        if direction != "Output" and not (direction == "Input" and ftype == "Waste flow"):
            errors.append("process %s: reference flow is neither an Output nor a waste Input" % uid)
        if not root.findall(".//p:referenceToDataSource", NS):
            errors.append("process %s: no data source" % uid)
    return errors


def units(data):
    have = set()
    for (kind, uid), root in data.items():
        if kind == "unitgroups":
            have |= {u.findtext("u:name", namespaces=NS) for u in root.iterfind(".//u:unit", NS)}
    return [u for u in ("kg", "t", "MJ", "kWh", "t*km", "kg*km") if u not in have]


def factors(data):
    """{method uuid: {(flow uuid, direction): value}}, {method uuid: name}, flow names."""
    fac, names = {}, {}
    for (kind, uid), root in data.items():
        if kind != "lciamethods":
            continue
        names[uid] = root.findtext(".//c:name", namespaces=NS)
        d = fac.setdefault(uid, {})
        for f in root.iterfind(".//m:factor", NS):
            fid = f.find("m:referenceToFlowDataSet", NS).get("refObjectId")
            d[(fid, f.findtext("m:exchangeDirection", namespaces=NS))] = float(
                f.findtext("m:meanValue", namespaces=NS))
    fnames = {uid: (root.findtext(".//f:baseName", namespaces=NS) or "").strip().lower()
              for (kind, uid), root in data.items() if kind == "flows"}
    return fac, names, fnames


def total_methods(names):
    out = {}
    for uid, n in names.items():
        if n == "Climate change":
            out["AR6"] = uid
        elif n.startswith("IPCC AR5") and n.endswith("- Climate change"):
            out["AR5"] = uid
        elif n.startswith("IPCC AR4") and n.endswith("- Climate change"):
            out["AR4"] = uid
    return out


def check_gwp_values(fac, names, fnames):
    errors, tot = [], total_methods(names)
    for i, rep in enumerate(("AR6", "AR5", "AR4")):
        if rep not in tot:
            errors.append("no %s total method" % rep)
            continue
        for (fid, direction), v in fac[tot[rep]].items():
            exp = EXPECTED.get(fnames.get(fid))
            if exp and direction == "Output" and abs(v - exp[i]) > 1e-9:
                errors.append("%s: %s = %s, IPCC table says %s" % (rep, fnames[fid], v, exp[i]))
    return errors


def process_gwp(data, fac, names):
    tot, rows = total_methods(names), []
    for (kind, uid), root in sorted(data.items(), key=lambda x: x[0]):
        if kind != "processes":
            continue
        name = root.findtext(".//p:baseName", namespaces=NS)
        vals = []
        for rep in ("AR6", "AR5", "AR4"):
            m = fac[tot[rep]]
            s = 0.0
            for e in root.iterfind(".//p:exchange", NS):
                fid = e.find("p:referenceToFlowDataSet", NS).get("refObjectId")
                s += float(e.findtext("p:meanAmount", namespaces=NS)) * m.get(
                    (fid, e.findtext("p:exchangeDirection", namespaces=NS)), 0.0)
            for r in root.iterfind(".//p:LCIAResult", NS):
                if r.find("p:referenceToLCIAMethodDataSet", NS).get("refObjectId") == tot[rep]:
                    s += float(r.findtext("p:meanAmount", namespaces=NS))
            vals.append(s)
        lcia = [names.get(r.find("p:referenceToLCIAMethodDataSet", NS).get("refObjectId"), "?")
                for r in root.iterfind(".//p:LCIAResult", NS)]
        rows.append((name, vals, lcia))
    return rows


def check_maps(data):
    errors, n = [], 0
    procs = {uid for (kind, uid) in data if kind == "processes"}
    for fn in ("materials.csv", "services.csv"):
        path = os.path.join(DATASETS, fn)
        if not os.path.exists(path):
            errors.append("%s missing" % fn)
            continue
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(ln for ln in f if not ln.startswith("#")):
                n += 1
                if row["process"] not in procs:
                    errors.append("%s: %s -> %s is not a process of the package"
                                  % (fn, row["name"], row["process"]))
    return errors, n


def xsd(data, schemas):
    """Validates every dataset the build writes (uuid5 names) against the ILCD schemas. Copied
    EF 3.1/TianGong files are kept byte for byte as published: a sample of them is validated
    too and reported as warnings (some EF flows carry 4-digit CAS numbers the schema's pattern
    rejects, and libxml2 stops with an internal error on elements without xml:lang)."""
    env = dict(os.environ, XML_CATALOG_FILES=os.path.join(HERE, "xsd", "catalog.xml"))
    errors, warnings, n = [], [], 0
    for kind, (root, schema) in KINDS.items():
        files = sorted(os.listdir(os.path.join(PKG, kind)))
        mine = [f for f in files if re.match(r"^[0-9a-f]{8}-[0-9a-f]{4}-5", f)]  # uuid5: ours
        copied = [f for f in files if f not in mine][:3]
        for group, sink in ((mine, errors), (copied, warnings)):
            for i in range(0, len(group), 200):
                chunk = [os.path.join(PKG, kind, f) for f in group[i:i + 200]]
                r = subprocess.run(["xmllint", "--noout", "--nonet", "--schema",
                                    os.path.join(schemas, schema)] + chunk,
                                   env=env, capture_output=True, text=True)
                n += len(chunk)
                sink += [ln for ln in r.stderr.splitlines() if "validates" not in ln]
    return errors, warnings, n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xsd", help="folder of the ILCD XSD schemas (runs xmllint)")
    ap.add_argument("--gwp", action="store_true", help="print every process's GWP100")
    args = ap.parse_args()
    data, errors = load()
    counts = {k: sum(1 for (kind, _) in data if kind == k) for k in KINDS}
    print("datasets: " + ", ".join("%s %d" % kv for kv in counts.items()))
    e, nrefs = check_refs(data)
    errors += e
    print("references checked: %d" % nrefs)
    errors += check_processes(data)
    missing_units = units(data)
    errors += ["unit %s missing" % u for u in missing_units]
    fac, names, fnames = factors(data)
    errors += check_gwp_values(fac, names, fnames)
    for uid in sorted(names, key=lambda u: names[u]):
        print("method %s: %d factors  %s" % (uid, len(fac[uid]), names[uid]))
    e, nmap = check_maps(data)
    errors += e
    print("material/service map rows: %d" % nmap)
    if args.xsd:
        e, w, n = xsd(data, args.xsd)
        errors += e
        print("schema-validated files: %d (%d warnings on copied third-party files)" % (n, len(w)))
    if args.gwp:
        for name, vals, lcia in process_gwp(data, fac, names):
            print("%-60s AR6 %9.4f  AR5 %9.4f  AR4 %9.4f  %s" % (name[:60], vals[0], vals[1], vals[2],
                                                                 ("LCIA results: " + ", ".join(lcia)) if lcia else ""))
    for err in errors:
        print("ERROR " + err)
    print("%d errors" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
