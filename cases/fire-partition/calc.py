#!/usr/bin/env python3
"""Hand calculation of the fire-rated partition: the EPD's published GWP (module A1-A3, read from
the data set XML), the bundled steel (calclib), and the supplier's declared PCF; the curtain's end
of life from the EPD's modules C1-C4 (the product file models no end of life) and its module D
apart (not in the total). No pcf code."""
import json, os, sys, xml.etree.ElementTree as ET
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from calclib import per_unit, AR6, FOSSIL, BIO_CO2

P = "{http://lca.jrc.it/ILCD/Process}"
EPD = "{http://www.iai.kit.edu/EPD/2013}"
root = ET.parse(os.path.join(HERE, "data", "ILCD", "processes",
                             "ee8863aa-7276-4896-b07a-713937a3134d_00.00.018.xml")).getroot()
gwp = {}  # module -> kg CO2 eq. per m2, the EN 15804+A1 GWP indicator (no fossil/biogenic split)
for r in root.iter(P + "LCIAResult"):
    if r.find(f"{P}referenceToLCIAMethodDataSet/{{http://lca.jrc.it/ILCD/Common}}shortDescription").text == "Global warming potential (GWP)":
        for a in r.iter(EPD + "amount"):
            if a.text and a.text.strip():
                gwp[a.get(EPD + "module")] = float(a.text)
curtain_per_m2 = gwp["A1-A3"]
curtain_eol_per_m2 = sum(gwp[m] for m in ("C1", "C2", "C3", "C4"))
steel = per_unit("33c12b89-375a-55cc-a36c-3c62677cddef", AR6)
lines = [("raw_materials", "Fire curtain, EPD A1-A3", 4, "m2", curtain_per_m2),
         ("raw_materials", "Guide rails, steel", 2 * 3.0, "kg", steel),
         ("raw_materials", "Drive motor, supplier PCF", 1, "pcs", 18.0),
         ("end_of_life", "Fire curtain, EPD C1-C4", 4, "m2", curtain_eol_per_m2)]
stages = {s: 0.0 for s in ("raw_materials", "production", "distribution", "use", "end_of_life")}
for stage, name, amount, unit, f in lines:
    stages[stage] += amount * f
    print(f"{name:28} {amount:6g} {unit:4} x {f:10.6f} = {amount * f:10.6f}")
total = sum(stages.values())
module_d = 4 * gwp["D"]
print(f"{'total':28} {total:10.6f}; cradle to gate {stages['raw_materials']:.6f}; primary data share "
      f"{18.0 / total:.6f}; module D {module_d:.6f} (apart)")
# The steel dataset emits a little biogenic CO2 (+1 in the total, ISO 14067): fossil and the total
# without biogenic CO2 leave it out; the EPD and the supplier PCF give no split (counted fossil).
steel_fossil = per_unit("33c12b89-375a-55cc-a36c-3c62677cddef", FOSSIL)
steel_bio = per_unit("33c12b89-375a-55cc-a36c-3c62677cddef", BIO_CO2)
fossil = total - 2 * 3.0 * (steel - steel_fossil)
print(f"fossil {fossil:.6f}; biogenic CO2 {2 * 3.0 * steel_bio:.6f} kg")
json.dump({"total": total, "fossil": fossil, "total_excluding_biogenic_co2": total - 2 * 3.0 * steel_bio,
           "stages": stages, "module_d": module_d,
           "tolerance": 1e-6, "primary_data_share": 18.0 / total,
           "source": "calc.py: EPD XML modules A1-A3, C1-C4 and D, bundled steel via calclib, supplier PCF; "
                     "independent of pcf"},
          open(os.path.join(HERE, "expected.json"), "w"), indent=2)
