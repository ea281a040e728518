"""authored_processing.py: processing services authored from a published energy figure, linked
to the package's grid electricity datasets (one variant per grid).

Injection moulding: US LCI database, "Injection molding, rigid polypropylene part, at plant"
(USLCI FY17.Q4.02, process 89a2b59a-1ca2-34f5-acc8-a8eaaa6fa870; data: Franklin Associates for
the Rigid Plastics Processing Group of the American Chemistry Council, "Life Cycle Inventory of
Plastic Fabrication Processes: Injection Molding and Thermoforming", 2010): 1.79 kWh of grid
electricity per kg of moulded part. The service here carries that electricity only, taken from
the grid dataset of the region named, so moulding in China uses the China grid factor. Left out
(and said so in each dataset): the resin (a BOM line; USLCI's 1.034 kg resin per kg part, i.e.
3.4 % scrap, belongs in the BOM's scrap rate), 0.0034 m3 natural gas and other fuels, transport,
packaging, colorant.
"""

KWH_PER_KG = 1.79
MJ_PER_KWH = 3.6
GRIDS = [("CN", "China"), ("EU", "EU-27"), ("US", "United States"), ("HK", "Hong Kong")]
PCF_ACCESS = ("Authored by the pcf project from the public sources named in the data source "
              "references; free to use and redistribute with those sources cited.")


def build(b):
    src = b.source("uslci-fy17q4", None, None, None)  # written by uslci.py already
    for code, region in GRIDS:
        key = "processing/injection-moulding/" + code
        b.product_flow(key, "injection moulding of plastic parts, electricity, %s grid" % region,
                       "mass", ["Technosphere flows", "Services", "Plastics processing"],
                       "Moulding 1 kg of plastic parts (the service, not the resin).")
        b.process(key, dict(
            name="injection moulding of plastic parts, electricity, %s grid" % region,
            route="injection moulding, rigid parts; energy of USLCI / ACC RPPG 2010",
            mix="technology mix", fu="1 kg moulded part",
            classes=["Processing", "Plastics processing"],
            comment=("Electricity to injection-mould 1 kg of plastic parts: %g kWh (US LCI "
                     "database FY17.Q4.02, 'Injection molding, rigid polypropylene part, at "
                     "plant', 89a2b59a-1ca2-34f5-acc8-a8eaaa6fa870; Franklin Associates for the "
                     "ACC Rigid Plastics Processing Group, 2010; machines 52 %% hydraulic, 34 %% "
                     "hybrid, 15 %% all-electric), taken from the %s grid dataset of this "
                     "package (%g MJ). Covers: moulding electricity. Leaves out: the resin "
                     "(USLCI uses 1.034 kg per kg part: model the 3.4 %% scrap in the BOM), "
                     "natural gas (0.0034 m3/kg) and other fuels, transport, packaging, "
                     "colorant. The kWh figure is for PP parts in US plants; other polymers "
                     "and plants differ." % (KWH_PER_KG, region, KWH_PER_KG * MJ_PER_KWH)),
            year=2010, location={"EU": "EU-27"}.get(code, code),
            technology="Injection moulding of rigid parts (hydraulic, hybrid, all-electric mix).",
            type="Partly terminated system", approaches=["Not applicable"], sources=[src],
            copyright=False, licence="Free of charge for all users and uses", access=PCF_ACCESS),
            key, [], kind="processing",
            inputs=[("electricity/" + code, KWH_PER_KG * MJ_PER_KWH,
                     "%g kWh (USLCI injection moulding) = %g MJ" % (KWH_PER_KG, KWH_PER_KG * MJ_PER_KWH))])
