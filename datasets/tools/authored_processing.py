"""authored_processing.py: processing services authored from a published energy figure, linked
to the package's grid electricity datasets (one variant per grid).

Each service carries the electricity of one forming or processing step per kg of product, taken
from the grid dataset of the region named, so a step done in China uses the China grid factor.
The figures and what each leaves out:
 - injection moulding: US LCI database, "Injection molding, rigid polypropylene part, at plant"
   (USLCI FY17.Q4.02, process 89a2b59a-1ca2-34f5-acc8-a8eaaa6fa870; data: Franklin Associates for
   the Rigid Plastics Processing Group of the American Chemistry Council, "Life Cycle Inventory of
   Plastic Fabrication Processes: Injection Molding and Thermoforming", 2010): 1.79 kWh per kg of
   moulded part. Left out: the resin (a BOM line; USLCI's 1.034 kg resin per kg part, i.e. 3.4 %
   scrap, belongs in the BOM's scrap rate), 0.0034 m3 natural gas and other fuels, transport,
   packaging, colorant.
 - thermoforming: the same study, "Thermoforming, rigid polypropylene part, at plant" (process
   18c37a18-0ddd-3944-b9b1-458410215233): 2.9014 kWh per kg of part. Left out: the resin (1.16 kg
   per kg part, 0.149 kg of it scrap: a BOM scrap rate), 0.0099 m3 natural gas and 0.0083 l LPG,
   transport, packaging, colorant. The sheet extrusion before forming is inside the USLCI figure.
 - knitting: ADEME Base Impacts knitting process (9c478d79-...), as applied by Ecobalyse: 8.64 MJ
   of electricity per kg of yarn knitted (and 0.0576 kg of textile waste per kg: a BOM scrap
   rate); no direct emissions of its own (0 kg CO2e in the same table).
"""

MJ_PER_KWH = 3.6
GRIDS = [("CN", "China"), ("EU", "EU-27"), ("US", "United States"), ("HK", "Hong Kong")]
PCF_ACCESS = ("Authored by the pcf project from the public sources named in the data source "
              "references; free to use and redistribute with those sources cited.")

# (key, service name, kWh per kg, source key, unit of the product, classes, what the figure is,
#  technology, year)
STEPS = [
    ("injection-moulding", "injection moulding of plastic parts", 1.79, "uslci-fy17q4",
     "1 kg moulded part", "Plastics processing",
     "Electricity to injection-mould 1 kg of plastic parts: 1.79 kWh (US LCI database FY17.Q4.02, "
     "'Injection molding, rigid polypropylene part, at plant', 89a2b59a-1ca2-34f5-acc8-a8eaaa6fa870; "
     "Franklin Associates for the ACC Rigid Plastics Processing Group, 2010; machines 52 % "
     "hydraulic, 34 % hybrid, 15 % all-electric)", "Leaves out: the resin (USLCI uses 1.034 kg per "
     "kg part: model the 3.4 % scrap in the BOM), natural gas (0.0034 m3/kg) and other fuels, "
     "transport, packaging, colorant. The kWh figure is for PP parts in US plants; other polymers "
     "and plants differ.",
     "Injection moulding of rigid parts (hydraulic, hybrid, all-electric mix).", 2010),
    ("thermoforming", "thermoforming of plastic parts", 2.9014, "uslci-fy17q4",
     "1 kg thermoformed part", "Plastics processing",
     "Electricity to thermoform 1 kg of plastic parts (sheet extrusion and forming): 2.9014 kWh "
     "(US LCI database FY17.Q4.02, 'Thermoforming, rigid polypropylene part, at plant', "
     "18c37a18-0ddd-3944-b9b1-458410215233; Franklin Associates for the ACC Rigid Plastics "
     "Processing Group, 2010)", "Leaves out: the resin (USLCI uses 1.16 kg per kg part, 0.149 kg of "
     "it scrap: model it in the BOM), natural gas (0.0099 m3/kg) and LPG (0.0083 l/kg), transport, "
     "packaging, colorant. The kWh figure is for PP parts in US plants.",
     "Sheet extrusion and thermoforming of rigid parts.", 2010),
    ("knitting", "knitting of yarn into fabric", 8.64 / MJ_PER_KWH, "ademe-base-impacts-textile",
     "1 kg yarn knitted", "Textile processing",
     "Electricity to knit 1 kg of yarn: 8.64 MJ (ADEME Base Impacts knitting process 9c478d79-..., "
     "as applied by Ecobalyse per kg of material processed; the process itself carries 0 kg CO2e)",
     "Leaves out: the yarn (a BOM line; Base Impacts counts 0.0576 kg textile waste per kg: model "
     "it in the BOM's scrap rate), dyeing and finishing, making up.",
     "Knitting (average of Base Impacts' knitting process).", 2021),
]


def build(b):
    for step, name, kwh, src_key, fu, cls, what, leaves, tech, year in STEPS:
        src = b.source(src_key, None, None, None)  # written by uslci.py / authored.py already
        for code, region in GRIDS:
            key = "processing/%s/%s" % (step, code)
            full = "%s, electricity, %s grid" % (name, region)
            b.product_flow(key, full, "mass", ["Technosphere flows", "Services", cls],
                           "%s (the service, not the material)." % fu)
            b.process(key, dict(
                name=full, route="%s; electricity of the published figure" % name,
                mix="technology mix", fu=fu, classes=["Processing", cls],
                comment=("%s, taken from the %s grid dataset of this package (%g MJ). Covers: the "
                         "step's electricity. %s" % (what, region, kwh * MJ_PER_KWH, leaves)),
                year=year, location={"EU": "EU-27"}.get(code, code), technology=tech,
                type="Partly terminated system", approaches=["Not applicable"], sources=[src],
                copyright=False, licence="Free of charge for all users and uses", access=PCF_ACCESS),
                key, [], kind="processing",
                inputs=[("electricity/" + code, kwh * MJ_PER_KWH,
                         "%g kWh = %g MJ" % (kwh, kwh * MJ_PER_KWH))])
