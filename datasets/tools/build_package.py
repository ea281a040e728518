#!/usr/bin/env python3
"""build_package.py: builds the bundled ILCD package datasets/ILCD/ from its sources.

    python3 datasets/tools/build_package.py [--shared ../shared]

Standard library only; the output is deterministic (UUIDs from uuid5 over stable keys, fixed
time stamps, sorted iteration), so a rebuild gives identical files and git shows real changes.

Steps (each one documented in datasets/README.md):
 1. copy the EF 3.1 climate-change methods, the elementary flows they characterise and every EF
    3.1 flow property, with the unit groups, sources and contacts they reference, unchanged; the
    ILCD reference flow properties EF 3.1 lacks (Mass*length, Length, Duration) from TianGong;
 2. write IPCC AR5 and AR4 GWP100 methods over the same flows (gwp_methods.py);
 3. write product flows and processes: converted from USLCI (uslci.py) and authored from
    published factors (authored.py), each with its ILCD source dataset;
 4. write materials.csv and services.csv are hand-kept next to this folder; check_package.py
    verifies that every UUID they name is in the package.
"""
import argparse
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import gwp_methods  # noqa: E402
import ilcdxml  # noqa: E402
from ilcdxml import contact_xml, mint, source_xml  # noqa: E402

DATASETS = os.path.dirname(HERE)
REPO = os.path.dirname(DATASETS)
OUT = os.path.join(DATASETS, "ILCD")
SRC = os.path.join(DATASETS, "sources")

DIRS = ["processes", "flows", "flowproperties", "unitgroups", "lciamethods", "sources", "contacts"]
TYPE_DIR = ilcdxml.KIND_DIR
REF_RE = re.compile(r'refObjectId="([0-9a-fA-F-]{36})"[^>]*?type="([^"]+)"|'
                    r'type="([^"]+)"[^>]*?refObjectId="([0-9a-fA-F-]{36})"')

# Every flow property of the EF 3.1 package (101, with their 11 unit groups) is copied, not only
# those the EF flows reference: product flows of other data (ILCD+EPD data sets above all) name
# Area, Volume, Number of items... as their reference property without shipping it, and a data
# set whose reference property is not loaded cannot be used.
# ILCD reference flow properties the EF 3.1 package lacks, taken from TianGong (the same ILCD
# reference datasets, same UUIDs): Mass*length (t*km), Length (m; EPDs of pipes, profiles,
# cables), Duration (a).
TIANGONG_FILES = [
    "ILCD/flowproperties/838aaa20-0117-11db-92e3-0800200c9a66.xml",  # Goods transport (mass*distance)
    "ILCD/unitgroups/838aaa21-0117-11db-92e3-0800200c9a66.xml",      # Units of mass*length
    "ILCD/flowproperties/838aaa23-0117-11db-92e3-0800200c9a66.xml",  # Length
    "ILCD/unitgroups/838aaa22-0117-11db-92e3-0800200c9a66.xml",      # Units of length
    "ILCD/flowproperties/c0447923-0e60-4b3c-97c2-a86dddd9eea5.xml",  # Duration
    "ILCD/unitgroups/af638906-3ec7-4314-8de7-f76039f2dd01.xml",      # Units of time
]

# Unit sizes the TianGong unit groups round or get wrong, set to their exact definitions (the
# international yard and pound agreement of 1959: 1 yd = 0.9144 m, 1 lb = 0.45359237 kg): the mile
# "International mile" is 1760 yd = 1609.344 m, not 1609.347 (closer to the US survey mile); lb*mi
# and lb*nmi (in t*km) are 0.45359237e-3 x 1.609344 and x 1.852, given to six digits. A unit's
# meanValue alone changes; datasets/README.md lists the corrections.
UNIT_FIXES = {
    "ILCD/unitgroups/838aaa22-0117-11db-92e3-0800200c9a66.xml": [
        ("<name>mi</name>\n      <meanValue>1609.347</meanValue>", "<name>mi</name>\n      <meanValue>1609.344</meanValue>"),
    ],
    "ILCD/unitgroups/838aaa21-0117-11db-92e3-0800200c9a66.xml": [
        ("<name>lb*mi</name>\n      <meanValue>7.29986E-4</meanValue>",
         "<name>lb*mi</name>\n      <meanValue>7.2998615910528E-4</meanValue>"),
        ("<name>lb*nmi</name>\n      <meanValue>8.40053E-4</meanValue>",
         "<name>lb*nmi</name>\n      <meanValue>8.4005306924E-4</meanValue>"),
    ],
}


def fix_units(rel, data):
    """The corrections of UNIT_FIXES applied to one file; each must match exactly once."""
    text = data.decode("utf-8")
    for old, new in UNIT_FIXES.get(rel, []):
        if text.count(old) != 1:
            raise SystemExit("%s: the unit to correct is not there as expected: %r" % (rel, old))
        text = text.replace(old, new)
    return text.encode("utf-8")


PCF_CONTACT = (mint("contact/pcf"), "pcf project")


class Package:
    def __init__(self):
        self.files = {}  # "kind/uuid.xml" -> bytes

    def put(self, rel, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        old = self.files.get(rel)
        if old is not None and old != data:
            raise SystemExit("two different datasets for %s" % rel)
        self.files[rel] = data

    def has(self, kind_dir, uid):
        return "%s/%s.xml" % (kind_dir, uid) in self.files

    def write(self, out_dir):
        if os.path.isdir(out_dir):
            shutil.rmtree(out_dir)
        for d in DIRS:
            os.makedirs(os.path.join(out_dir, d), exist_ok=True)
        for rel in sorted(self.files):
            with open(os.path.join(out_dir, rel), "wb") as f:
                f.write(self.files[rel])


# A link to an earlier version of the same data set (history), not a data set this one needs.
PRECEDING_RE = re.compile(r"<(\w+:)?referenceToPrecedingDataSetVersion\b.*?(/>|</(\w+:)?"
                          r"referenceToPrecedingDataSetVersion>)", re.S)


def refs_in(data):
    text = PRECEDING_RE.sub("", data.decode("utf-8", "replace"))
    for m in REF_RE.finditer(text):
        uid, typ = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if typ in TYPE_DIR:
            yield TYPE_DIR[typ], uid.lower()


def copy_closure(pkg, src_dirs, roots):
    """Copies the datasets named by roots ((kind_dir, uuid)) and everything they reference
    (transitively) from the first of src_dirs that has them. Returns the references found
    nowhere (the EF files point to a few compliance sources that are not shipped)."""
    missing = set()
    todo = list(roots)
    seen = set()
    while todo:
        kind, uid = todo.pop()
        if (kind, uid) in seen:
            continue
        seen.add((kind, uid))
        rel = "%s/%s.xml" % (kind, uid)
        if rel in pkg.files:
            data = pkg.files[rel]
        else:
            data = None
            for d in src_dirs:
                p = os.path.join(d, rel)
                if os.path.exists(p):
                    with open(p, "rb") as f:
                        data = f.read()
                    break
            if data is None:
                missing.add(rel)
                continue
            pkg.put(rel, data)
        todo.extend(r for r in refs_in(data) if r not in seen)
    return sorted(missing)


def step_ef(pkg, ef_dir, tg_dir):
    roots = [("lciamethods", m[0]) for m in gwp_methods.EF_METHODS]
    roots += [("flows", fn[:-4]) for fn in sorted(os.listdir(os.path.join(ef_dir, "flows")))]
    roots += [("flowproperties", fn[:-4]) for fn in sorted(os.listdir(os.path.join(ef_dir, "flowproperties")))]
    missing = copy_closure(pkg, [ef_dir], roots)
    for rel in TIANGONG_FILES:
        with open(os.path.join(tg_dir, rel), "rb") as f:
            pkg.put(rel[len("ILCD/"):], fix_units(rel, f.read()))
    return missing


def step_gwp(pkg, ef_dir):
    pkg.put("contacts/%s.xml" % PCF_CONTACT[0],
            contact_xml(PCF_CONTACT[0], "pcf", "pcf project (bundled default data)"))
    files, uuids, notes = gwp_methods.build(ef_dir, SRC, PCF_CONTACT)
    for rel, xml in files.items():
        pkg.put(rel, xml)
    for report, r in gwp_methods.REPORTS.items():
        uid = mint(r["source_key"])
        pkg.put("sources/%s.xml" % uid,
                source_xml(uid, r["source_short"], r["citation"],
                           "GWP100 values taken from the machine-readable compilation "
                           "openclimatedata/globalwarmingpotentials (CC0; file "
                           "globalwarmingpotentials.csv, column %s, kept in datasets/sources/), "
                           "whose %s column cites the GHG Protocol 'Global Warming Potential "
                           "Values' table (2016) compiled from this IPCC table. Methane split by "
                           "origin: datasets/sources/gwp_methane_split.csv." % (r["column"], r["column"]),
                           contact=("d88fc353-3b6b-434b-a71f-31d494f02daa",
                                    "Intergovernmental Panel on Climate Change")))
    return uuids, notes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(REPO), "shared"),
                    help="folder holding ilcd/ and uslci/ (default: ../shared beside the repo)")
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()
    ef_dir = os.path.join(args.shared, "ilcd", "ef31-climate", "ILCD")
    tg_zip = os.path.join(args.shared, "ilcd", "tiangong-lca-2024.zip")

    import tempfile
    import zipfile
    pkg = Package()
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(tg_zip) as z:
            for rel in TIANGONG_FILES:
                z.extract(rel, tmp)
        missing = step_ef(pkg, ef_dir, tmp)
    uuids, notes = step_gwp(pkg, ef_dir)

    try:
        import build_processes
    except ImportError:
        build_processes = None
    if build_processes is not None:
        notes += build_processes.build(pkg, args.shared, uuids, PCF_CONTACT)

    pkg.write(args.out)
    counts = {d: sum(1 for r in pkg.files if r.startswith(d + "/")) for d in DIRS}
    with open(os.path.join(DATASETS, "BUILD_REPORT.txt"), "w", encoding="utf-8") as f:
        f.write("# Written by datasets/tools/build_package.py; do not edit.\n")
        f.write("counts: %s\n" % ", ".join("%s %d" % (d, counts[d]) for d in DIRS))
        f.write("references to datasets not shipped (compliance/format sources the EF files "
                "name): %s\n" % (", ".join(missing) or "none"))
        for n in notes:
            f.write(n + "\n")
    print("wrote %s: %s" % (os.path.relpath(args.out, REPO),
                            ", ".join("%s %d" % (d, counts[d]) for d in DIRS)))


if __name__ == "__main__":
    main()
