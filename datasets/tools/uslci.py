"""uslci.py: converts selected US LCI (USLCI) processes from openLCA JSON-LD to ILCD.

Source: ../shared/uslci/uslci_olca1_5_0_json_ld (FLCAC-admin/uslci-content at 91824482,
release FY17.Q4.02; NREL data-use notice, reproduced in full in the USLCI source dataset).

What the conversion keeps and drops (stated again in every converted dataset):
 - the reference product, rescaled to 1 unit (1 kg or 1 t*km);
 - greenhouse-gas elementary flows that the EF 3.1 climate-change method characterises, mapped
   by name (sources/uslci_ef_flow_map.csv) and compartment (sources/uslci_ef_compartments.csv)
   to EF 3.1 flows; several USLCI flows that map to the same EF flow are summed;
 - product inputs whose provider is another converted process are expanded in place (the
   provider's greenhouse-gas flows, scaled by the input amount): e.g. the barge and ocean
   "average fuel mix" processes combine their diesel and residual-fuel-oil processes;
 - dropped: every other elementary flow (air pollutants, water, resources); "CUTOFF" product
   inputs (USLCI's own cut-offs, mostly waste disposal, which carry no burden in USLCI either);
   fuel and material inputs without a converted provider (listed per dataset: e.g. the diesel a
   truck burns is in its exhaust emissions, but the diesel's production is not included);
   co-products such as "Recovered energy" (no credit is given).
"""
import csv
import json
import os

NOTICE_FILE = "NOTICE-NREL.md"

# (USLCI process UUID, pcf key, product name, flow kind, classes, family, kind, note)
PROCESSES = [
    ("8e32a674-5963-374d-92d1-466e2c78c91b", "uslci/pp", "polypropylene (PP) resin", "mass",
     "plastic", "material", "USLCI names 'Recovered energy' (0.0053 MJ) as this process's "
     "quantitative reference, a known data error; the 1 kg resin output is used as reference."),
    ("ce38752e-c414-3175-9482-ce663a909a0c", "uslci/hdpe", "high-density polyethylene (HDPE) resin",
     "mass", "plastic", "material", ""),
    ("ba5df01a-626b-35b8-859f-f1df42dd54a0", "uslci/ldpe", "low-density polyethylene (LDPE) resin",
     "mass", "plastic", "material", ""),
    ("9bdfa7ed-cc24-3b65-9fdf-7d7e62b3c007", "uslci/lldpe",
     "linear low-density polyethylene (LLDPE) resin", "mass", "plastic", "material", ""),
    ("e4822728-95ae-3360-9870-c363a214611e", "uslci/pet", "polyethylene terephthalate (PET) resin",
     "mass", "plastic", "material", ""),
    ("cfcb6755-e408-30e7-9ab6-165de9b7d11d", "uslci/pvc", "polyvinyl chloride (PVC) resin", "mass",
     "plastic", "material", ""),
    ("13821cca-f344-37b9-a367-0467be778061", "uslci/gpps", "general-purpose polystyrene (GPPS) resin",
     "mass", "plastic", "material", ""),
    ("d1c572b0-c244-3193-81fb-3a64bfb13e4d", "uslci/hips", "high-impact polystyrene (HIPS) resin",
     "mass", "plastic", "material", ""),
    ("0e42a306-ee2d-362e-8bc3-580000096459", "uslci/abs",
     "acrylonitrile-butadiene-styrene (ABS) resin", "mass", "plastic", "material", ""),
    ("bc251c04-d2b2-366f-af0c-99d8fc2ed467", "uslci/steel-hot-rolled", "steel, hot rolled sheet",
     "mass", "metal", "material", ""),
    ("c378e883-97fc-3714-b923-d7271b8fcbac", "uslci/steel-cold-rolled", "steel, cold rolled sheet",
     "mass", "metal", "material", ""),
    ("d6510d2d-d29c-3705-b686-b7903cd6e6bd", "uslci/steel-galvanized", "steel, galvanized sheet",
     "mass", "metal", "material", ""),
    ("ac54bc7d-5db5-3b4f-9175-5dd02f678312", "uslci/steel-billet", "steel billet", "mass", "metal",
     "material", ""),
    ("e0243fb9-6002-447c-b878-ac90d826c22e", "uslci/steel-plate-bf", "steel plate, blast furnace route",
     "mass", "metal", "material", "NETL dataset (worldsteel-based, global); solid waste and "
     "non-allocated by-product outputs are dropped."),
    ("91150a40-c29d-4eff-891b-0e3fd56df1a4", "uslci/steel-rebar-bf",
     "steel reinforcement bar, blast furnace route", "mass", "metal", "material",
     "NETL dataset (worldsteel-based, global); solid waste and non-allocated by-product outputs "
     "are dropped."),
    ("99963138-ddf9-3b32-9e93-69593d76cb08", "uslci/al-primary", "aluminium, primary ingot", "mass",
     "metal", "material", ""),
    ("bcc68f88-debb-3fc3-93ee-5ceadcef0b14", "uslci/al-secondary",
     "aluminium, secondary (recycled) ingot", "mass", "metal", "material", ""),
    ("a8eb9a6a-e8e6-3da6-a3ab-20dcf68e883a", "uslci/al-mix",
     "aluminium ingot, production mix (48 % primary, 52 % secondary)", "mass", "metal", "material",
     "The mix's two inputs (0.48 kg primary, 0.52 kg secondary ingot) are expanded with the "
     "converted USLCI primary and secondary ingot datasets."),
    ("49f5324b-fc33-36e9-b5af-3c80d73492bd", "uslci/stainless-304-coil",
     "stainless steel 304, flat rolled coil", "mass", "metal", "material",
     "Cradle-to-gate inventory of the stainless steel industry (EUROFER/worldsteel methodology, "
     "American upstream conditions). Its input of 0.536 kg stainless steel scrap is taken "
     "burden-free (cut-off, the ISO 14067 default); the EUROFER 'value of scrap' dataset that "
     "USLCI links to it is not included."),
    ("8560388b-7ea1-38b7-befc-fd25d5deb450", "uslci/stainless-304-plate",
     "stainless steel 304, quarto plate", "mass", "metal", "material",
     "Cradle-to-gate inventory of the stainless steel industry (EUROFER/worldsteel methodology, "
     "American upstream conditions). Its input of 0.617 kg stainless steel scrap is taken "
     "burden-free (cut-off, the ISO 14067 default); the EUROFER 'value of scrap' dataset that "
     "USLCI links to it is not included."),
    ("381d3e3d-29ae-3101-a95b-56a4cec08486", "uslci/al-hot-rolling",
     "aluminium, hot rolled (sheet and plate)", "mass", "metal", "material",
     "Cradle to gate of hot-rolled aluminium: USLCI describes the dataset as covering the supply "
     "chain of a cradle-to-gate inventory (Aluminum Association data), the metal included (its "
     "plants melt primary and secondary metal and cast the ingots they roll); its 0.718 kg "
     "aluminium scrap input per kg is a cut-off flow (burden-free). Not a rolling step to add to "
     "an aluminium line."),
    ("2b196386-eb1a-352a-aeda-4d003144f6df", "uslci/al-cold-rolling",
     "aluminium, cold rolled (sheet and foil stock)", "mass", "metal", "material",
     "Cradle to gate of cold-rolled aluminium: USLCI describes the dataset as covering the supply "
     "chain of a cradle-to-gate inventory (Aluminum Association data), the metal and hot rolling "
     "included; its 0.649 kg aluminium scrap input per kg is a cut-off flow (burden-free). Not a "
     "rolling step to add to an aluminium line."),
    ("77fe2197-8861-3569-8d85-07151789b1e7", "uslci/al-extrusion", "aluminium, extruded (profiles)",
     "mass", "metal", "material",
     "Cradle to gate of extruded aluminium: USLCI describes the dataset as covering the supply "
     "chain of a cradle-to-gate inventory (Aluminum Association data), billet casting and the "
     "metal included; scrap inputs are cut-off flows (burden-free). Not an extrusion step to add "
     "to an aluminium line."),
    ("34156f3c-28ef-33db-9ad0-6293a2aa0d52", "uslci/truck", "freight, combination truck, diesel",
     "transport", "", "transport", ""),
    ("45b70b50-20a0-341b-8e2f-c196974d1541", "uslci/truck-single-unit",
     "freight, single-unit truck, diesel", "transport", "", "transport", ""),
    ("7de9c230-fd0f-3478-be87-f80181132faa", "uslci/rail", "freight, train, diesel", "transport", "",
     "transport", ""),
    ("c2300fc3-5496-3d12-9135-67dc0ef740c9", "uslci/barge-diesel", "freight, barge, diesel",
     "transport", "", "transport", ""),
    ("eaff3c91-b8ce-38a1-a3ba-1fe0c9d4041c", "uslci/barge-rfo", "freight, barge, residual fuel oil",
     "transport", "", "transport", ""),
    ("099c3d09-08a3-3cac-9ffd-0558c12033b9", "uslci/barge", "freight, inland barge, average fuel mix",
     "transport", "", "transport", ""),
    ("da0f5501-f4ab-32d1-80b7-b70d143608f6", "uslci/ocean-diesel", "freight, ocean freighter, diesel",
     "transport", "", "transport", ""),
    ("f85fcdde-6c6b-3bbb-8efc-de6cb34c9ac7", "uslci/ocean-rfo",
     "freight, ocean freighter, residual fuel oil", "transport", "", "transport", ""),
    ("1e2429d8-8d91-328f-85c3-18d39bdebfa7", "uslci/ocean",
     "freight, ocean freighter, average fuel mix", "transport", "", "transport", ""),
    ("61ff7eba-1846-30cb-9840-33939ee0dc26", "uslci/air", "freight, aircraft", "transport", "",
     "transport", ""),
]

CLASSES = {"material": ["Materials production"], "processing": ["Materials processing"],
           "transport": ["Transport services"]}


def _read_map(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(ln for ln in f if not ln.startswith("#")))
    return {r[0].strip().lower(): r[1] for r in rows[1:]}


class Uslci:
    def __init__(self, root, src_dir):
        self.root = root
        self.names = _read_map(os.path.join(src_dir, "uslci_ef_flow_map.csv"))
        self.comps = _read_map(os.path.join(src_dir, "uslci_ef_compartments.csv"))
        self.cats = {}
        for fn in os.listdir(os.path.join(root, "categories")):
            c = self._json("categories", fn[:-5])
            self.cats[c["@id"]] = c
        self._flows = {}

    def _json(self, kind, uid):
        with open(os.path.join(self.root, kind, uid + ".json"), encoding="utf-8") as f:
            return json.load(f)

    def flow(self, uid):
        if uid not in self._flows:
            self._flows[uid] = self._json("flows", uid)
        return self._flows[uid]

    def category(self, flow):
        parts, cid = [], flow.get("category", {}).get("@id")
        while cid:
            c = self.cats[cid]
            parts.append(c["name"])
            cid = c.get("category", {}).get("@id")
        path = "/".join(reversed(parts))
        for prefix in ("Elementary Flows/NETL Coal Elementary Flows/", "Elementary Flows/NETL Elementary Flows/"):
            if path.startswith(prefix):
                path = path[len(prefix):]
        return path

    def process(self, uid):
        return self._json("processes", uid)


def reference_exchange(p, product_name_hint=None):
    """The product output used as reference: the quantitative reference unless it is a
    'Recovered energy' co-product (USLCI PP CTR data error), then the other product output."""
    outs = [e for e in p["exchanges"] if not e.get("input")
            and e["flow"].get("flowType") == "PRODUCT_FLOW"]
    ref = [e for e in outs if e.get("quantitativeReference")]
    if ref and not ref[0]["flow"]["name"].startswith("Recovered energy"):
        return ref[0]
    cand = [e for e in outs if not e["flow"]["name"].startswith("Recovered energy")]
    return cand[0]


def ghg_inventory(u, uid, providers, depth=0):
    """{(ef name, compartment, direction): amount per 1 unit of reference}, dropped inputs."""
    p = u.process(uid)
    ref = reference_exchange(p)
    scale = 1.0 / ref["amount"]
    inv, dropped, cutoffs = {}, [], 0
    for e in p["exchanges"]:
        f = e["flow"]
        if e is ref:
            continue
        if f.get("flowType") == "ELEMENTARY_FLOW":
            fl = u.flow(f["@id"])
            ef_name = u.names.get(fl["name"].strip().lower())
            comp = u.comps.get(u.category(fl))
            if ef_name is None or comp is None:
                continue
            direction = "Input" if e.get("input") else "Output"
            if (direction == "Input") != (comp == "Renewable material resources from air"):
                continue  # an emission written as input (or uptake as output): not expected
            k = (ef_name, comp, direction)
            inv[k] = inv.get(k, 0.0) + e["amount"] * scale
        elif e.get("input"):
            if f["name"].startswith("CUTOFF"):
                cutoffs += 1
                continue
            prov = providers.get(f["@id"]) or providers.get(f["name"].strip().lower())
            if prov is None or depth > 5:
                dropped.append("%s %s %s" % (_g(e["amount"] * scale), e.get("unit", {}).get("name", ""), f["name"].strip()))
                continue
            sub, sub_dropped, sub_cut = ghg_inventory(u, prov, providers, depth + 1)
            for k, v in sub.items():
                inv[k] = inv.get(k, 0.0) + v * e["amount"] * scale
            dropped += ["%s (via %s)" % (d, f["name"].strip()) for d in sub_dropped]
            cutoffs += sub_cut
    return inv, dropped, cutoffs


def _g(x):
    return "%.4g" % x


def attribution(p):
    d = p.get("processDocumentation", {})
    r = (d.get("restrictionsDescription") or "").strip()
    return r


def build(b):
    root = os.path.join(b.shared, "uslci", "uslci_olca1_5_0_json_ld")
    src_dir = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "sources")
    u = Uslci(root, src_dir)
    with open(os.path.join(b.shared, "uslci", NOTICE_FILE), encoding="utf-8") as f:
        notice = f.read()
    src = b.source("uslci-fy17q4", "US LCI Database (USLCI), release FY17.Q4.02",
                   "National Renewable Energy Laboratory (NREL) and Federal LCA Commons: U.S. Life "
                   "Cycle Inventory Database, openLCA JSON-LD export uslci_olca1_5_0_json_ld, "
                   "repository FLCAC-admin/uslci-content, commit 91824482 (2024-10-17).",
                   "Converted to ILCD by datasets/tools/uslci.py (greenhouse-gas flows only, mapped "
                   "to EF 3.1 flows; see each dataset's comment for what was dropped). These data "
                   "were modified: modifications are identified and documented in each dataset and "
                   "in datasets/README.md. Credit: DOE/NREL/Alliance. The entire data use notice "
                   "follows.\n\n" + notice,
                   url="https://github.com/FLCAC-admin/uslci-content")
    nrel = b.contact("nrel", "NREL", "National Renewable Energy Laboratory (U.S. LCI Database)",
                     "https://www.nrel.gov/lci/")
    # providers: reference-product flow id -> process id, among the converted processes
    providers = {}
    for uid, *_ in PROCESSES:
        p = u.process(uid)
        rf = reference_exchange(p)["flow"]
        providers[rf["@id"]] = uid
        # some USLCI products exist under two flow UUIDs with one name: match by name too
        providers[rf["name"].strip().lower()] = uid
    for uid, key, name, kind, family, pkind, note in PROCESSES:
        p = u.process(uid)
        ref = reference_exchange(p)
        inv, dropped, cutoffs = ghg_inventory(u, uid, providers)
        d = p.get("processDocumentation", {})
        b.product_flow(key, name, kind, ["Technosphere flows"] + CLASSES[pkind],
                       "Product of the USLCI process '%s' (%s)." % (p["name"], uid))
        year = int((d.get("validFrom") or "2000")[:4])
        loc = p.get("location", {}).get("name", "US")
        loc = {"RNA": "RNA", "GLO": "GLO", "US": "US"}.get(loc, loc)
        attr = attribution(p)
        comment = ("%s, converted from the US LCI Database process '%s' (%s), location %s, data "
                   "valid from %d. Covers: the greenhouse-gas elementary flows of the USLCI "
                   "dataset (mapped to EF 3.1 flows), per 1 %s of '%s'. %s"
                   "Leaves out: all non-GHG elementary flows; %d CUTOFF inputs (USLCI cut-offs); "
                   "%s. Original description: %s"
                   % (name, p["name"], uid, loc, year, {"mass": "kg", "transport": "t*km"}[kind],
                      ref["flow"]["name"].strip(), (note + " ") if note else "", cutoffs,
                      ("inputs without a converted provider, so their upstream burden is not "
                       "included: " + "; ".join(dropped)) if dropped else "no other inputs",
                      (p.get("description") or "").strip()[:1500]))
        techn = (d.get("technologyDescription") or p["name"]).strip()
        access = ("USLCI data under the NREL data use notice (full text in source dataset "
                  "'US LCI Database (USLCI), release FY17.Q4.02'); modified as documented in the "
                  "general comment. Credit DOE/NREL/Alliance.")
        if attr and attr != "All information can be accessed by everybody.":
            access += " Original restriction statement: " + attr
        elementary = [(n, c, dr, amt, "USLCI flows mapped to this EF flow, summed")
                      for (n, c, dr), amt in sorted(inv.items())]
        b.process(key, dict(name=name, route="USLCI", mix="production mix, at plant" if kind == "mass"
                            else "average", fu="1 %s" % {"mass": "kg", "transport": "t*km"}[kind],
                            classes=CLASSES[pkind], comment=comment, year=year,
                            location=loc, technology=techn[:2000],
                            type="LCI result" if pkind != "transport" else "Unit process, black box",
                            approaches=["Not applicable"],
                            deviations="Greenhouse-gas inventory only; see general comment.",
                            cutoff="USLCI CUTOFF flows carry no burden; see general comment.",
                            sources=[src], owner=nrel, copyright=bool(d.get("copyright")),
                            licence="Other", access=access),
                  key, elementary, family=family, kind=pkind)
        b.notes.append("USLCI %s: %d GHG exchanges, %d cut-offs, dropped inputs: %s"
                       % (key, len(elementary), cutoffs, "; ".join(dropped) or "none"))
