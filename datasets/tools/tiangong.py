"""tiangong.py: aggregated greenhouse-gas inventories from the TianGong LCA database (China).

For the materials the package lacked, a TianGong unit process is taken as the root of a chain;
the chain is built and solved by tests/tiangong/check_chain.py (the independent implementation
of pcf's linking rule that tests/pcf/test_tiangong.c checks pcf against), and its inventory --
the sum over the chain of every elementary flow that an EF 3.1 climate method characterises,
per 1 kg of the root's reference product -- becomes one "LCI result" process with the gases kept
apart (so the AR5 and AR4 methods of the package apply too).

Linking rule (pcf/include/pcf/system.h): a process provides its reference flow when that flow is
a product flow and the reference exchange an Output (or a waste flow and an Input), with a
positive net amount; of several providers the first in the zip's order is taken. Product and
waste exchanges without a provider are cut off: they carry no burden. Each dataset's source
dataset lists the original processes with their activity and share, the flows for which the
first of several providers was taken, and every cut-off exchange with its amount.

Only materials whose TianGong chain carries greenhouse-gas flows are here. The NESPS2 unit
processes (China's second national pollution-source census: copper wire, strip, foil and tube,
brass, zinc refining, nylon 6 yarn, polyester filament...) report pollutants but no CO2, CH4 or
N2O, so they would give 0 kg CO2e; they are not used (see datasets/README.md, gaps).
"""
import os
import sys
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "tiangong"))
import check_chain  # noqa: E402

# The zip as published: github.com/linancn/TianGong-LCA-Data @ a55b302 (../shared/ilcd/README.md)
ZIP_NAME = "tiangong-lca-2024.zip"
REPOSITORY = "github.com/linancn/TianGong-LCA-Data, commit a55b302"
NOISE_KG = 1e-9  # inventory entries smaller than this (per kg) are round-off of cancelling runs

CLASSES = ["Materials production", "Metals and semimetals"]
CLASSES_TEXTILE = ["Materials production", "Other materials"]

# (package key, TianGong root process, dataset name, family, classes, what it is and omits)
SELECTION = [
    ("tiangong/copper-primary", "84f07e17-6318-47ba-a4d0-866068257bbd",
     "copper, primary, refined (pyrometallurgy from sulfide concentrate), CN", "metal", CLASSES,
     "Refined (cathode) copper from sulfide ore and concentrate by the pyrometallurgical route, "
     "China, 2010 (Dong et al. 2020): mining, beneficiation, smelting and refining as one unit "
     "process whose CO2 covers its fuels, plus the grid electricity it uses. Not included: the "
     "production of its diesel, heavy fuel oil, limestone and xanthate (cut off, no provider); "
     "copper ore and imported concentrate enter as product flows without a provider, so "
     "mining abroad is not covered; the TianGong CO2 flow is fossil by the data provider's "
     "expert judgement (the paper does not split fossil and biogenic)."),
    ("tiangong/copper-secondary", "c697e5ae-b758-46fe-8da9-32f0305a3ce2",
     "copper, secondary, refined (pyrometallurgy from mixed copper scrap), CN", "metal", CLASSES,
     "Refined copper from mixed copper scrap (1.31 kg domestic and 0.573 kg imported scrap per "
     "kg) by the pyrometallurgical route, China, 2010 (Dong et al. 2020), with its grid "
     "electricity, hard coal and natural gas. The scrap carries no burden (cut-off approach: "
     "it has no provider). Not included: production of diesel and limestone (cut off)."),
    ("tiangong/cotton-fibre", "a04edcd0-758e-4222-9f71-15fa36281a0e",
     "cotton fibre, raw (cultivation and ginning), Xinjiang, CN", "textile", CLASSES_TEXTILE,
     "Raw cotton fibre: cultivation, harvest and ginning, Xinjiang, 2013 (TianGong black-box "
     "process 'Cotton Yarn Production ; Cotton Yarn ; Fiber Acquisition', a cleaner-production "
     "audit of a textile company). Spinning, weaving or knitting, dyeing and finishing are NOT "
     "included. What the source process leaves out, so this dataset does too: it states 59.8 "
     "MJ of 'Energy, unspecified' per kg with no provider (cut off); its 0.35 kg natural gas and "
     "0.52 kg hard coal per kg are linked to their providers (extraction) but the process "
     "reports no combustion CO2 for them; fertiliser (0.457 kg) is cut off and no field N2O is "
     "reported. Its own emission is biogenic methane (7.6 g per kg); the rest is the grid "
     "electricity (12.1 MJ per kg). Treat it as a lower bound."),
]


def _text(elem, name):
    for e in elem.iter():
        if e.tag.rsplit("}", 1)[-1] == name and e.text and e.text.strip():
            lang = e.get("{http://www.w3.org/XML/1998/namespace}lang")
            if lang in (None, "en"):
                return e.text.strip()
    return ""


def _root_meta(zip_path, uuid):
    """Year, location, literature reference and comment of a TianGong process, as published."""
    with zipfile.ZipFile(zip_path) as z:
        r = ET.fromstring(z.read("ILCD/processes/%s.xml" % uuid))
    year = _text(r, "referenceYear")
    loc = ""
    for e in r.iter():
        if e.tag.endswith("locationOfOperationSupplyOrProduction"):
            loc = e.get("location", "")
    lit = []
    for e in r.iter():
        if e.tag.endswith("referenceToDataSource"):
            d = _text(e, "shortDescription")
            if d and d not in lit:
                lit.append(d)
    return dict(year=int(year) if year.isdigit() else 2010, location=loc or "CN",
                literature="; ".join(lit), comment=_text(r, "generalComment"),
                kind=_text(r, "typeOfDataSet"))


def _g(x):
    return "%.6g" % x


def describe(db, root, runs, cut, total):
    """The chain as text for the source dataset: processes, ambiguities, cut-offs."""
    ar6 = check_chain.METHODS["total"]
    lines = ["Processes of the linked system (activity = times the process's exchanges as "
             "published are run per 1 reference unit; share of the AR6 total):"]
    rows = sorted(runs.items(), key=lambda kv: (-abs(kv[1] * db.direct(db.processes[kv[0]], ar6)),
                                                kv[0]))
    for q, s in rows:
        if s == 0:  # providers of the root's own flow, reached but not run
            continue
        d = s * db.direct(db.processes[q], ar6)
        lines.append("- %s '%s': activity %s, %s kg CO2e (%.1f %%)" % (
            q, db.processes[q].name, _g(s), _g(d), 100 * d / total if total else 0))
    amb = {}
    for q in runs:
        for e in db.processes[q].exchanges:
            if db.is_linked(e) and len(db.candidates[e.flow]) > 1:
                amb[e.flow] = db.candidates[e.flow]
    if amb:
        lines.append("Flows with several providers (the first in zip order taken):")
        for f in sorted(amb):
            c = amb[f]
            lines.append("- '%s' (%s): %d providers, took %s '%s'" % (
                db.flows[f].name, f, len(c), c[0], db.processes[c[0]].name))
    lines.append("Cut off (product or waste exchanges without a provider, per 1 reference unit; "
                 "they carry no burden):")
    for (f, d), a in sorted(cut.items(), key=lambda kv: (-abs(kv[1]), kv[0])):
        if a == 0:
            continue
        fl = db.flows.get(f)
        lines.append("- %s %s %s '%s'%s" % (
            d, _g(a), fl.unit if fl else "?", fl.name if fl else f,
            "" if fl else " (flow data set missing from the database)"))
    return "\n".join(lines)


def build(b):
    zip_path = os.path.join(b.shared, "ilcd", ZIP_NAME)
    db = check_chain.Database(zip_path)
    by_uuid = {v[0]: k for k, v in b.ef.by_key.items()}
    owner = b.contact("tiangong", "TianGong LCA", "TianGong LCA Data Working Group "
                      "(TianGong LCA Data, MIT licence)", "https://github.com/linancn/TianGong-LCA-Data")
    for key, root, name, family, classes, scope in SELECTION:
        meta = _root_meta(zip_path, root)
        p = db.processes[root]
        fp, _, _, info = check_chain.footprint(db, root)
        inv, runs, cut, lcia_only = check_chain.chain_inventory(db, root)
        assert not lcia_only, "%s: a process counts by its LCIA result only" % key
        elementary = []
        for (f, d), amount in sorted(inv.items()):
            if abs(amount) < NOISE_KG:
                continue
            if f not in by_uuid:
                raise SystemExit("%s: gas flow %s is not an EF 3.1 flow of the package" % (key, f))
            ename, comp = by_uuid[f]
            uid, _, _ = b.ef.get(ename, comp)
            if uid != f:
                raise SystemExit("%s: EF flow name %r in %r is not unique" % (key, ename, comp))
            elementary.append((ename, comp, d.capitalize(), amount,
                               "sum over the TianGong chain, per 1 kg"))
        chain = describe(db, root, runs, cut, fp["total"])
        n_run = sum(1 for s in runs.values() if s != 0)
        src = b.source(
            key, "TianGong LCA Data: chain of %s" % root[:8],
            "TianGong LCA Data (China), %s, file %s: unit process %s '%s' (%s, %s, reference "
            "year %d), and the processes it links to. Original reference of the root process: %s"
            % (REPOSITORY, ZIP_NAME, root, p.name, meta["kind"], meta["location"], meta["year"],
               meta["literature"] or "none given"),
            "Aggregated by datasets/tools/tiangong.py with tests/tiangong/check_chain.py: pcf's "
            "linking rule (pcf/include/pcf/system.h: a process provides its reference flow when it "
            "is a product Output or a waste Input with positive net amount; of several providers "
            "the first in the zip's order), the system reachable from the root solved for 1 "
            "reference unit (%d processes), every elementary flow characterised by the EF 3.1 "
            "climate methods summed over the chain (entries below %g kg dropped as round-off). "
            "AR6 GWP100 of the result: %s kg CO2e per kg (fossil %s, biogenic %s, land use %s). "
            "Greenhouse-gas flows only: all other elementary flows are left out.\n%s"
            % (n_run, NOISE_KG, _g(fp["total"]), _g(fp["fossil"]),
               _g(fp["biogenic"]), _g(fp["dluc"]), chain),
            url="https://github.com/linancn/TianGong-LCA-Data")
        b.product_flow(key, name, "mass", ["Technosphere flows"] + classes,
                       "Product of the TianGong process '%s' (%s), aggregated cradle to gate."
                       % (p.name, root))
        comment = ("%s: greenhouse-gas inventory per 1 kg, cradle to gate, aggregated from the "
                   "TianGong LCA database (China) over the chain pcf's linking rule builds from "
                   "unit process %s '%s'. %s AR6 GWP100: %s kg CO2e per kg. The chain, its "
                   "providers and every cut-off input are listed in the source dataset. Source "
                   "description: %s" % (name, root, p.name, scope, _g(fp["total"]),
                                        meta["comment"][:1200]))
        b.process(key, dict(name=name, route="TianGong LCA, linked unit processes",
                            mix="production mix, at plant", fu="1 kg", classes=classes,
                            comment=comment, year=meta["year"], location="CN",
                            technology=(meta["comment"] or p.name)[:2000], type="LCI result",
                            approaches=["Not applicable"],
                            deviations="Greenhouse-gas inventory only; see general comment.",
                            cutoff="Inputs without a provider in TianGong carry no burden; "
                                   "listed in the source dataset.",
                            sources=[src], owner=owner, copyright=False, licence="Other",
                            access="TianGong LCA Data, MIT licence (github.com/linancn/"
                                   "TianGong-LCA-Data); aggregated and reduced to greenhouse "
                                   "gases by the pcf project as documented in the source dataset."),
                  key, elementary, family=family, kind="material")
        b.notes.append("TianGong %s: root %s, %d processes, %d GHG exchanges, %d cut-off "
                       "exchanges, AR6 %s kg CO2e/kg" % (key, root, n_run,
                                                        len(elementary), len(cut), _g(fp["total"])))
