#!/usr/bin/env python3
"""Independent hand calculation of the electric-kettle case from the bundled dataset values.

Reads each dataset's XML directly (no pcf code), sums its greenhouse-gas exchanges times the IPCC
AR6 GWP100 factors of the EF 3.1 method (6209b35f-...), per unit of its reference flow, then
multiplies by the case's amounts. A dataset that publishes only an LCIA result (no elementary
exchange) counts with that result, as published (all fossil: the source gives no split). Product
inputs of a dataset (the incinerators' waste delivery) are followed to the dataset of the package
whose reference flow they are. Writes expected.json and prints the table quoted in NOTES.md."""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from calclib import tabulate  # noqa: E402

# (stage, line, dataset uuid, amount in the dataset's reference unit, how the amount was derived)
plastic = 0.600 + 0.060                         # kg: PP body (bom.csv), PVC cord insulation
metal = 0.250 + 0.040                           # kg: stainless element and base plate, copper conductors
paper = 0.200                                   # kg: corrugated box (packaging)
packed = plastic + metal + paper                # kg moved in distribution
kwh_use = 5 * 1500 * 0.10                       # 5 years x 1,500 boils x 0.10 kWh
lines = [
    ("raw_materials", "Body and lid: PP", "a1af2c33-2255-5d37-b6cc-5e448e8b1557", 0.600, "0.600 kg"),
    ("raw_materials", "Heating element: stainless steel", "fe2cae62-4f0e-5dc0-ac30-3361ee10d96e", 0.250, "0.250 kg"),
    ("raw_materials", "Power cord: PVC", "b65351b5-f54e-5380-8bc5-eba6a9d022f0", 0.060, "0.060 kg"),
    ("raw_materials", "Conductors: copper (TianGong, primary)", "bbc4500b-2d7e-59b2-86ef-b7b1181a0c14", 0.040, "0.040 kg"),
    ("raw_materials", "Packaging: corrugated board", "26890053-bc33-5f4a-8aba-229dbae9384f", 0.200, "0.200 kg"),
    ("production", "Manufacturing: electricity CN", "d671d513-637a-5f07-878c-dc8fc8773a65", 1.0 * 3.6, "1.0 kWh = 3.6 MJ"),
    ("distribution", "Distribution: truck", "e70e529b-1dbf-5a1a-b0ec-f7d56be09d34", packed / 1000 * 600, f"{packed:.3f} kg x 600 km"),
    ("distribution", "Distribution: sea ship", "f7433f5c-0740-59ac-acd1-bc197fb6206c", packed / 1000 * 19000, f"{packed:.3f} kg x 19000 km"),
    ("use", "Use: electricity EU", "0de2a005-1025-5372-b879-b86f68335419", kwh_use * 3.6, f"{kwh_use:.0f} kWh = {kwh_use * 3.6:.0f} MJ"),
    # Cut-off (the product file names no rule; ISO 14067 default): the recycled shares carry no
    # burden and no credit here, (1 - A) R2 ErecEoL with A = 1 (pcf/eol.h); the recycling datasets
    # belong to the life that uses the recycled material.
    # The biogenic carbon the box holds (IPCC 2006 Vol. 5 Table 2.4 paper, the board flow's carbon
    # content), taken up: the DESNZ board dataset publishes a CO2e total and records no uptake.
    ("raw_materials", "Packaging: board, biogenic carbon taken up", "uptake", paper, f"{paper:.3f} kg net", "26890053-bc33-5f4a-8aba-229dbae9384f"),
]
# Each part goes its own way at end of life with its own carbon (the last field: its material's
# dataset), in place of the family's average waste that the route datasets describe.
PP, PVC = "a1af2c33-2255-5d37-b6cc-5e448e8b1557", "b65351b5-f54e-5380-8bc5-eba6a9d022f0"
STAINLESS, COPPER = "fe2cae62-4f0e-5dc0-ac30-3361ee10d96e", "bbc4500b-2d7e-59b2-86ef-b7b1181a0c14"
BOARD = "26890053-bc33-5f4a-8aba-229dbae9384f"
for part, uuid, kg in (("Body PP", PP, 0.600), ("Cord PVC", PVC, 0.060)):
    lines += [("end_of_life", f"{part}: incineration_energy_recovery plastic", "1677beb2-5b64-5493-9ffd-c5f9eb3e9032", 0.4 * kg, f"0.4 x {kg:.3f} kg", uuid),
              ("end_of_life", f"{part}: landfill plastic", "37d16586-8a44-5667-8fb5-039e09edca78", 0.2 * kg, f"0.2 x {kg:.3f} kg", uuid)]
for part, uuid, kg in (("Element stainless", STAINLESS, 0.250), ("Conductors copper", COPPER, 0.040)):
    lines += [("end_of_life", f"{part}: landfill metal", "0a024cb9-4460-5db9-a6d1-2938627eaffd", 0.1 * kg, f"0.1 x {kg:.3f} kg", uuid)]
lines += [
    ("end_of_life", "Box board: incineration_energy_recovery paper", "53deb0b3-389f-5567-b02f-557f0ba0c3d0", 0.1 * paper, f"0.1 x {paper:.3f} kg", BOARD),
    ("end_of_life", "Box board: landfill paper", "3c108bb7-4725-5177-b53e-9a8e54f8a30b", 0.1 * paper, f"0.1 x {paper:.3f} kg", BOARD),
]
tabulate(lines, HERE)
