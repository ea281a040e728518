#!/usr/bin/env python3
"""Independent hand calculation of the cotton-tshirt case from the bundled dataset values.

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
textile = 0.200                                 # kg: the T-shirt (bom.csv)
plastic = 0.005                                 # kg: LDPE bag (packaging)
packed = textile + plastic                      # kg moved in distribution
kwh_use = 2 * 25 * 0.05 * (0.8 + 2.0)           # 2 years x 25 washes x 5 % of (wash + dry) kWh
lines = [
    ("raw_materials", "T-shirt: clothing (DESNZ)", "52021192-f93a-58d4-8a5c-57550f58e208", 0.200, "0.200 kg"),
    ("raw_materials", "Packaging: LDPE", "4e32412b-4c8c-5f05-b561-0aef6a1f7983", 0.005, "0.005 kg"),
    ("distribution", "Distribution: truck", "e70e529b-1dbf-5a1a-b0ec-f7d56be09d34", packed / 1000 * 400, f"{packed:.3f} kg x 400 km"),
    ("distribution", "Distribution: sea ship", "f7433f5c-0740-59ac-acd1-bc197fb6206c", packed / 1000 * 19000, f"{packed:.3f} kg x 19000 km"),
    ("use", "Use: electricity EU (washing, drying)", "0de2a005-1025-5372-b879-b86f68335419", kwh_use * 3.6, f"{kwh_use:.1f} kWh = {kwh_use * 3.6:.1f} MJ"),
    ("end_of_life", "End of life: landfill textile", "3619146b-8967-5a9f-b5bb-48a995bf87f4", 0.5 * textile, f"0.5 x {textile:.3f} kg"),
    ("end_of_life", "End of life: incineration_energy_recovery textile", "40e57146-115e-5497-8bdc-00781080acf8", 0.3 * textile, f"0.3 x {textile:.3f} kg"),
    # Cut-off (the product file names no rule; ISO 14067 default): the recycled share (0.2 of the
    # textile) carries no burden and no credit here, (1 - A) R2 ErecEoL with A = 1 (pcf/eol.h).
    ("end_of_life", "End of life: incineration_energy_recovery plastic", "1677beb2-5b64-5493-9ffd-c5f9eb3e9032", 1.0 * plastic, f"1.0 x {plastic:.3f} kg"),
]
tabulate(lines, HERE)
