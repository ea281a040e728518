"""authored_eol.py: end-of-life treatment datasets per material family, and material datasets,
authored from two public sources.

End of life (ISO 14067 6.3.8; a waste treatment in ILCD terms): the reference flow is the
waste the process takes in (a "Waste flow", 1 kg, an Input); its emissions are outputs.
 - landfill and recycling: UK Government GHG conversion factors 2025 (DESNZ), worksheet
   "Waste disposal", kg CO2e per tonne; the source gives CO2e totals only, so these processes
   carry one LCIAResult (IPCC AR5 GWP100 total, see DESNZ_GWP below) and no elementary
   exchange. DESNZ's recycling ("closed-loop"/"open-loop") figures count only collection and
   transport to the recovery facility (the reprocessing belongs to the user of the recycled
   material, cut-off approach); its landfill figures count collection, transport and the
   landfill's own emissions (methane from degradable carbon).
 - incineration, without and with energy recovery: the stack emissions computed from IPCC 2006
   Vol. 5 defaults (CO2 = dry matter x carbon fraction x fossil carbon fraction x oxidation x
   44/12; biogenic CO2 likewise with 1 - fossil fraction; CH4 and N2O per tonne of wet waste),
   as elementary exchanges, plus 1 kg of "delivery to an energy-from-waste plant", a linked
   process holding the DESNZ 2025 "Incineration with Energy Recovery" figure (which, like the
   recycling one, is collection and transport only: DESNZ attributes the combustion emissions to
   the energy produced, a product footprint must not). No credit for recovered energy in either
   route: under the cut-off approach it belongs to the user of the energy (a PEF CFF study adds
   it in the energy term, reported apart).
Collection and transport to the facility are inside every end-of-life dataset here: a product
file using them needs no separate collection transport.

Materials: DESNZ 2025 "Material use" factors (cradle to gate of the material, kg CO2e per
tonne), as LCIAResult-only leaves.
"""
import csv
import os

AIR_STACK = "Emissions to non-urban air or from high stacks"
PCF_ACCESS = ("Authored by the pcf project from the public sources named in the data source "
              "references; free to use and redistribute with those sources cited.")
HERE = os.path.dirname(os.path.abspath(__file__))
FACTORS_CSV = os.path.join(os.path.dirname(HERE), "sources", "desnz_2025_factors.csv")

# The DESNZ conversion factors follow the UK greenhouse gas inventory, which reports with IPCC
# AR5 GWP100 values; the results are recorded against the bundled AR5 total method.
DESNZ_GWP = "AR5"

DESNZ2025 = ("desnz-2025-conversion-factors", "DESNZ 2025, GHG conversion factors (flat file)",
             "Department for Energy Security and Net Zero (DESNZ) and Department for "
             "Environment, Food & Rural Affairs: Greenhouse gas reporting: conversion factors "
             "2025, flat file (factors for company reporting), worksheets 'Waste disposal' "
             "and 'Material use', kg CO2e per tonne. Crown copyright, Open Government Licence "
             "v3.0.",
             "Rows used (flat-file ID, category, route, kg CO2e/t) are kept verbatim in "
             "datasets/sources/desnz_2025_factors.csv; they were read from a machine-readable "
             "transcription of the 2025 flat file (github.com/scope3emissiontest-oss/JulesProject, "
             "defra_factors_2025_v2/, commit 6cec8668396f94176f53bd1bc86fa5ebd2ba5cfc) and "
             "cross-checked for board (primary 1,199.72542), plastics closed-loop (4.68568) and "
             "landfill (8.98311) against an independent compilation of the 2023-2026 editions. "
             "DESNZ notes that, except landfill, the waste-disposal factors only cover the "
             "collection of materials and delivery to the point of treatment or disposal; "
             "biogenic CO2 is excluded. Material-use factors run from raw material extraction to "
             "the point at which the material is supplied (cradle to gate). GWP set: IPCC AR5 "
             "GWP100 (UK inventory basis), recorded against the AR5 method. Licence: Open "
             "Government Licence v3.0 (free reuse with attribution: 'Contains public sector "
             "information licensed under the Open Government Licence v3.0').",
             "https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025")
IPCC2006V5 = ("ipcc-2006-vol5-waste", "IPCC 2006, Vol. 5 Waste, Tables 2.4, 5.2, 5.3, 5.4",
              "IPCC 2006: 2006 IPCC Guidelines for National Greenhouse Gas Inventories, Volume 5 "
              "Waste. Chapter 2 Table 2.4 'Default dry matter content, DOC content, total carbon "
              "content and fossil carbon fraction of different MSW components'; Chapter 5 "
              "Equation 5.1 (CO2 from incineration), Table 5.2 (oxidation factor, MSW "
              "incineration 100 %), Table 5.3 (CH4, continuous incineration, stoker: 0.2 kg/Gg "
              "wet waste), Table 5.4 (N2O, MSW continuous and semi-continuous incineration: "
              "50 g/t wet waste).",
              "Values used (Table 2.4, per cent): plastics dry matter 100, total carbon 75 % of "
              "dry weight, fossil carbon 100 % of total carbon; paper/cardboard 90, 46, 1; "
              "textiles 80, 50, 20; wood 85, 50, 0. Metal and glass: dry matter 100 and no carbon "
              "in Table 2.4, so their incineration emits no CO2; the CH4 and N2O factors of "
              "Tables 5.3 and 5.4, given per tonne of wet municipal waste incinerated, still "
              "apply to them.",
              "https://www.ipcc-nggip.iges.or.jp/public/2006gl/vol5.html")

# family -> (waste description, DESNZ Level 3 for landfill/recycling, recycling column,
#            IPCC Table 2.4 (dry matter, carbon fraction of dry matter, fossil carbon fraction)
#            or None when the family is not incinerated here)
FAMILIES = {
    "plastic": ("plastics", "Plastics: average plastics", "Closed-loop", (1.00, 0.75, 1.00)),
    "metal": ("metals (steel, aluminium, other)", "Metal: scrap metal", "Closed-loop", (1.00, 0.0, 1.00)),
    "glass": ("glass", "Glass", "Closed-loop", (1.00, 0.0, 1.00)),
    "paper": ("paper and cardboard", "Paper and board: mixed", "Closed-loop", (0.90, 0.46, 0.01)),
    "wood": ("wood", "Wood", "Closed-loop", (0.85, 0.50, 0.00)),
    "textile": ("textiles", "Clothing", "Closed-loop", (0.80, 0.50, 0.20)),
    "electronics": ("waste electrical and electronic equipment (WEEE), mixed", "WEEE - mixed",
                    "Open-loop", None),
}
OXIDATION = 1.00           # IPCC 2006 Vol. 5 Table 5.2, MSW incineration
CH4_KG_PER_KG = 0.2e-6     # Table 5.3: 0.2 kg CH4 per Gg wet waste, continuous stoker
N2O_KG_PER_KG = 50e-6      # Table 5.4: 50 g N2O per t wet waste, MSW continuous incineration
C_TO_CO2 = 44.0 / 12.0

# Materials from DESNZ "Material use": (key, name, Level 3, column, family, note)
MATERIALS = [
    ("desnz/board", "corrugated board and cartonboard (paper and board: board)",
     "Paper and board: board", "Primary material production", "paper"),
    ("desnz/paper", "paper (paper and board: paper)", "Paper and board: paper",
     "Primary material production", "paper"),
    ("desnz/glass", "glass, primary", "Glass", "Primary material production", "glass"),
    ("desnz/glass-recycled", "glass, closed-loop recycled source", "Glass", "Closed-loop source",
     "glass"),
    ("desnz/wood", "wood (construction timber)", "Wood", "Primary material production", "wood"),
    ("desnz/steel-recycled", "steel (steel cans), closed-loop recycled source", "Metal: steel cans",
     "Closed-loop source", "metal"),
    ("desnz/clothing", "clothing (finished garments)", "Clothing", "Primary material production",
     "textile"),
    ("desnz/electrical-small", "electrical items, small", "Electrical items - small",
     "Primary material production", "electronics"),
    ("desnz/board-recycled", "corrugated board and cartonboard, closed-loop recycled source",
     "Paper and board: board", "Closed-loop source", "paper"),
    ("desnz/paper-recycled", "paper, closed-loop recycled source", "Paper and board: paper",
     "Closed-loop source", "paper"),
    ("desnz/al-cans", "aluminium cans and foil, primary (excl. forming)",
     "Metal: aluminium cans and foil (excl. forming)", "Primary material production", "metal"),
    ("desnz/al-cans-recycled", "aluminium cans and foil, closed-loop recycled source (excl. forming)",
     "Metal: aluminium cans and foil (excl. forming)", "Closed-loop source", "metal"),
    ("desnz/steel-cans", "steel cans, primary", "Metal: steel cans", "Primary material production",
     "metal"),
    ("desnz/battery-li-ion", "batteries, lithium-ion", "Batteries - Li ion",
     "Primary material production", "electronics"),
    ("desnz/electrical-it", "electrical items, IT equipment", "Electrical items - IT",
     "Primary material production", "electronics"),
]
# DESNZ plastics "incl. forming": primary and closed-loop recycled pairs on one basis, so that a
# recycled-content comparison uses two figures of the same study (the USLCI resins are
# cradle-to-resin, without forming).
for _key, _level3, _name in (("average", "Plastics: average plastics", "plastics, average"),
                             ("hdpe", "Plastics: HDPE (incl. forming)", "HDPE (incl. forming)"),
                             ("ldpe", "Plastics: LDPE and LLDPE (incl. forming)",
                              "LDPE and LLDPE (incl. forming)"),
                             ("pet", "Plastics: PET (incl. forming)", "PET (incl. forming)"),
                             ("pp", "Plastics: PP (incl. forming)", "PP (incl. forming)"),
                             ("ps", "Plastics: PS (incl. forming)", "PS (incl. forming)"),
                             ("pvc", "Plastics: PVC (incl. forming)", "PVC (incl. forming)")):
    MATERIALS.append(("desnz/%s" % _key, "%s, primary" % _name, _level3,
                      "Primary material production", "plastic"))
    MATERIALS.append(("desnz/%s-recycled" % _key, "%s, closed-loop recycled source" % _name,
                      _level3, "Closed-loop source", "plastic"))


def desnz_factors(path=FACTORS_CSV):
    """{(Level 1, Level 3, Column Text): (ID, kg CO2e per tonne)} from the kept CSV."""
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[(row["Level 1"], row["Level 3"], row["Column Text"])] = (
                row["ID"], float(row["GHG Conversion Factor 2025"]))
    return out


def incineration_exchanges(dm, cf, fcf):
    """Stack emissions per kg of wet waste (IPCC 2006 Vol. 5 Eq. 5.1, Tables 5.3, 5.4). CH4 is
    split between the fossil and biogenic flows by the fossil carbon fraction."""
    carbon = dm * cf * OXIDATION
    how = "IPCC 2006 Vol. 5: dm %g x CF %g x FCF %g x OF %g x 44/12" % (dm, cf, fcf, OXIDATION)
    return [
        ("carbon dioxide (fossil)", AIR_STACK, "Output", carbon * fcf * C_TO_CO2, how),
        ("carbon dioxide (biogenic)", AIR_STACK, "Output", carbon * (1 - fcf) * C_TO_CO2,
         how.replace("FCF", "(1 - FCF)")),
        ("methane (fossil)", AIR_STACK, "Output", CH4_KG_PER_KG * fcf,
         "IPCC 2006 Vol. 5 Table 5.3: 0.2 kg CH4/Gg wet waste x fossil carbon fraction"),
        ("methane (biogenic)", AIR_STACK, "Output", CH4_KG_PER_KG * (1 - fcf),
         "IPCC 2006 Vol. 5 Table 5.3: 0.2 kg CH4/Gg wet waste x (1 - fossil carbon fraction)"),
        ("nitrous oxide", AIR_STACK, "Output", N2O_KG_PER_KG,
         "IPCC 2006 Vol. 5 Table 5.4: 50 g N2O/t wet waste"),
    ]


def base(b, name, route, fu, classes, comment, year, sources, typ):
    return dict(name=name, route=route, mix="technology mix", fu=fu, classes=classes,
                comment=comment, year=year, location="GB" if typ != "ipcc" else "GLO",
                technology=route, type="Partly terminated system" if typ == "lcia"
                else "Unit process, black box", approaches=["Not applicable"], sources=sources,
                copyright=False, licence="Free of charge for all users and uses",
                access=PCF_ACCESS)


def build(b):
    fac = desnz_factors()
    desnz = b.source(*DESNZ2025)
    ipcc = b.source(*IPCC2006V5)

    # Delivery of waste to an energy-from-waste plant (DESNZ combustion row, collection only).
    b.product_flow("service/waste-delivery-efw",
                   "waste collection and delivery to an energy-from-waste plant", "mass",
                   ["Technosphere flows", "Services", "Waste collection"],
                   "1 kg of waste collected and delivered to an incinerator (service).")
    rid, v = fac[("Waste disposal", "Plastics: average plastics", "Incineration with Energy Recovery")]
    b.process("eol/delivery-efw", base(
        b, "waste collection and delivery to an energy-from-waste plant",
        "collection and transport of waste to the plant, UK 2025", "1 kg waste delivered",
        ["End-of-life treatment", "Waste collection"],
        ("Collection and delivery of 1 kg of waste to an energy-from-waste plant: %g kg CO2e/t "
         "(DESNZ 2025 flat file, Waste disposal, 'Incineration with Energy Recovery', ID %s; the "
         "same figure for plastics, metals, glass, paper, wood, clothing and WEEE). DESNZ counts "
         "only collection and delivery in this figure. Recorded as an LCIA result (IPCC %s "
         "GWP100), the source gives a CO2e total only. Used as an input of the incineration "
         "datasets." % (v, rid, DESNZ_GWP)),
        2025, [desnz], "lcia"),
        "service/waste-delivery-efw", [], lcia=[(DESNZ_GWP, "total", v / 1000.0)], kind="end-of-life")

    # Landfill operation for waste that does not degrade: DESNZ gives one figure, 8.98311 kg CO2e/t,
    # for plastics, metals, glass and WEEE alike (collection, transport and the landfill's
    # operation, nothing from the waste itself). Each family's landfill takes it as an input and
    # adds, as its own result, what its degradable (biogenic) carbon emits: the rest of its
    # figure. pcf scales that part by a material's own biogenic carbon (eol_carbon.h).
    b.product_flow("service/landfill-operation",
                   "landfill operation, waste collected and placed (no degradation)", "mass",
                   ["Technosphere flows", "Services", "Waste collection"],
                   "1 kg of waste collected, transported and placed in a landfill (service); what the "
                   "waste emits as it degrades is not included.")
    rid_inert, inert = fac[("Waste disposal", "Plastics: average plastics", "Landfill")]
    for fam in ("Metal: scrap metal", "Glass", "WEEE - mixed"):
        assert fac[("Waste disposal", fam, "Landfill")][1] == inert, fam
    b.process("eol/landfill-operation", base(
        b, "landfill operation, non-degrading waste",
        "collection, transport and landfill operation, UK 2025", "1 kg waste landfilled",
        ["End-of-life treatment", "Landfill"],
        ("Collection, transport and landfill operation for 1 kg of waste that does not degrade: %g "
         "kg CO2e/t, the figure DESNZ 2025 gives for the landfill of plastics (ID %s), metals, glass "
         "and WEEE alike. Recorded as an LCIA result (IPCC %s GWP100), the source gives a CO2e total "
         "only. Used as an input of every landfill dataset, whose own result is the degradation of "
         "its biogenic carbon." % (inert, rid_inert, DESNZ_GWP)),
        2025, [desnz], "lcia"),
        "service/landfill-operation", [], lcia=[(DESNZ_GWP, "total", inert / 1000.0)], kind="end-of-life")

    for family, (what, level3, rec_col, ipcc_t24) in sorted(FAMILIES.items()):
        def waste_flow(route):
            # One waste flow per family and route ("plastics, to landfill"), so each flow has
            # one treatment and linking never has to choose between routes.
            wkey = "waste/%s/%s" % (family, route)
            b.product_flow(wkey, "waste, %s, to %s" % (what, route.replace("_", " ")), "mass",
                           ["Waste flows", "End-of-life waste"],
                           "Post-consumer %s, as it leaves the user, sent to %s."
                           % (what, route.replace("_", " ")), flow_type="Waste flow")
            return wkey
        level1 = "Waste disposal"
        for route, col in (("landfill", "Landfill"), ("recycling", rec_col)):
            wkey = waste_flow(route)
            rid, v = fac[(level1, level3, col)]
            if route == "landfill":
                own = v - inert
                covers = ("collection, transport and landfill operation (%g kg CO2e/t, an input: "
                          "the DESNZ figure for waste that does not degrade) and, as this dataset's "
                          "own result, %.8g kg CO2e/t from the degradation of the waste's biogenic "
                          "carbon (landfill methane; biogenic CO2 excluded by DESNZ)" % (inert, own))
                inputs = [("service/landfill-operation", 1.0,
                           "collection, transport and landfill operation (DESNZ 2025)")]
            else:
                own = v
                covers = ("collection and delivery to the recovery facility only (DESNZ); the "
                          "reprocessing and any credit for the recycled material are outside this "
                          "dataset (cut-off approach)")
                inputs = []
            b.process("eol/%s/%s" % (route, family), base(
                b, "%s, %s" % (route, what), "%s of post-consumer %s, UK 2025" % (route, what),
                "1 kg waste treated", ["End-of-life treatment", route.capitalize()],
                ("%s of 1 kg of post-consumer %s: %g kg CO2e per tonne (DESNZ 2025 flat file, "
                 "Waste disposal, '%s', column '%s', ID %s), divided by 1,000. Covers: %s. "
                 "Recorded as an LCIA result against the IPCC %s GWP100 total method (the source "
                 "gives a CO2e total, no split by gas). UK data; no product-specific "
                 "information." % (route.capitalize(), what, v, level3, col, rid, covers, DESNZ_GWP)),
                2025, [desnz], "lcia"),
                wkey, [], lcia=[(DESNZ_GWP, "total", own / 1000.0)], family=family,
                kind="end-of-life", ref_direction="Input", inputs=inputs)
        if ipcc_t24 is None:
            continue
        dm, cf, fcf = ipcc_t24
        ex = incineration_exchanges(dm, cf, fcf)
        for route, label in (("incineration", "incineration without energy recovery"),
                             ("incineration_energy_recovery", "incineration with energy recovery")):
            wkey = waste_flow(route)
            b.process("eol/%s/%s" % (route, family), base(
                b, "%s, %s" % (label, what), "municipal waste incinerator, continuous stoker",
                "1 kg waste treated", ["End-of-life treatment", "Incineration"],
                ("%s of 1 kg of post-consumer %s. Stack emissions from IPCC 2006 Vol. 5 "
                 "defaults: fossil CO2 %.6g kg, biogenic CO2 %.6g kg (dry matter %g, carbon %g "
                 "of dry matter, fossil carbon fraction %g, Table 2.4; oxidation factor %g, "
                 "Table 5.2), CH4 0.2 g/t (Table 5.3, continuous stoker), N2O 50 g/t (Table 5.4). "
                 "Plus 1 kg of waste collection and delivery to the plant (DESNZ 2025). %s "
                 "Leaves out: plant operation (auxiliary fuel, reagents), ash treatment, "
                 "generic composition (the IPCC defaults describe a municipal waste fraction, "
                 "not a specific product)."
                 % (label.capitalize(), what, ex[0][3], ex[1][3], dm, cf, fcf, OXIDATION,
                    "Energy is recovered, but no credit for the exported heat or electricity is "
                    "included (cut-off: it belongs to the energy user; report it apart, e.g. in "
                    "the CFF energy term)." if route.endswith("recovery") else
                    "No energy recovery.")),
                2006, [ipcc, desnz], "ipcc"),
                wkey, ex, family=family, kind="end-of-life", ref_direction="Input",
                inputs=[("service/waste-delivery-efw", 1.0,
                         "collection and delivery to the plant (DESNZ 2025)")])

    # ---- materials: DESNZ Material use, cradle to gate ------------------------------------
    for key, name, level3, col, family in MATERIALS:
        rid, v = fac[("Material use", level3, col)]
        b.product_flow(key, name, "mass", ["Technosphere flows", "Materials"],
                       "1 kg of %s as supplied to a manufacturer." % name)
        b.process(key, base(
            b, name, "%s, UK 2025 (DESNZ material use)" % col.lower(), "1 kg material",
            ["Materials production", family],
            ("Cradle-to-gate greenhouse-gas emissions of 1 kg of %s: %g kg CO2e per tonne "
             "(DESNZ 2025 flat file, Material use, '%s', column '%s', ID %s), divided by 1,000. "
             "Covers raw material extraction to the point the material is supplied. Recorded "
             "as an LCIA result against the IPCC %s GWP100 total method (the source gives a "
             "CO2e total; biogenic CO2 excluded, no fossil/biogenic split: counted as fossil). "
             "UK consumption basis." % (name, v, level3, col, rid, DESNZ_GWP)),
            2025, [desnz], "lcia"),
            key, [], lcia=[(DESNZ_GWP, "total", v / 1000.0)], family=family, kind="material")
