"""authored.py: process datasets authored from one published factor each.

Every number below is quoted from the publication named with it (table, year); the source goes
into an ILCD source dataset the process references. Where the publication splits gases the
process carries elementary exchanges (EF 3.1 flows); where it gives only a CO2e total the process
carries no elementary exchange and one LCIAResult against the method of the GWP set the source
used. Amounts are per 1 unit of the reference flow (1 MJ, 1 kWh expressed in MJ, 1 kg).
"""

AIR = "Emissions to air, unspecified"
CO2 = "carbon dioxide (fossil)"
CH4 = "methane (fossil)"
N2O = "nitrous oxide"
MJ_PER_KWH = 3.6  # the EF "Units of energy" group: 1 kWh = 3.6 MJ

PCF_ACCESS = ("Authored by the pcf project from the public source named in the data source "
              "reference; free to use and redistribute with that source cited.")

# ---- sources ---------------------------------------------------------------------------------
IPCC2006 = ("ipcc-2006-vol2-ch1-ch2", "IPCC 2006, Vol. 2, Tables 1.4 and 2.2",
            "IPCC 2006: 2006 IPCC Guidelines for National Greenhouse Gas Inventories, prepared by "
            "the National Greenhouse Gas Inventories Programme, Eggleston H.S., Buendia L., Miwa K., "
            "Ngara T. and Tanabe K. (eds). IGES, Japan. Volume 2 Energy, Chapter 1 Table 1.4 "
            "'Default CO2 emission factors for combustion' and Chapter 2 Table 2.2 'Default "
            "emission factors for stationary combustion in the energy industries' (kg per TJ on a "
            "net calorific basis).",
            "Values used (kg/TJ, net calorific value): natural gas CO2 56 100, CH4 1, N2O 0.1; "
            "gas/diesel oil CO2 74 100, CH4 3, N2O 0.6; residual fuel oil CO2 77 400, CH4 3, N2O "
            "0.6. Table 2.3 (manufacturing industries and construction) gives the same defaults "
            "for these fuels.",
            "https://www.ipcc-nggip.iges.or.jp/public/2006gl/vol2.html")
MEE2022 = ("mee-nbs-2022-grid", "MEE/NBS 2024, China electricity CO2 factor 2022",
           "Ministry of Ecology and Environment of the People's Republic of China and National "
           "Bureau of Statistics: 2022 electricity carbon dioxide emission factors (2022年电力二氧化碳"
           "排放因子), published 26 December 2024. National average electricity CO2 emission "
           "factor 2022: 0.5366 kg CO2/kWh (0.5856 kg CO2/kWh excluding market-traded non-fossil "
           "electricity).",
           "The national average factor (all generation, including non-fossil) is used. It is a "
           "CO2-only factor for electricity consumption accounting (direct emissions of "
           "generation); CH4, N2O and the fuel supply chain are not included.",
           "https://www.mee.gov.cn/")
EIA2022 = ("eia-2022-us-electricity", "EIA 2023, U.S. electricity profile 2022",
           "U.S. Energy Information Administration: State Electricity Profiles 2022, United States "
           "profile, Table 5 (net generation) and Table 7 (emissions); also EIA FAQ 'How much "
           "carbon dioxide is produced per kilowatthour of U.S. electricity generation?': all "
           "energy sources 2022, net generation 4,230,672 million kWh, CO2 emissions 1,650 "
           "million metric tons (0.86 pounds per kWh).",
           "Factor used: 1,650 million t CO2 / 4,230,672 million kWh = 0.39001 kg CO2/kWh "
           "(utility-scale generation, direct CO2 only). Public domain (U.S. Government work).",
           "https://www.eia.gov/electricity/state/unitedstates/")
EEA2018 = ("eea-ind-353-2018", "EEA 2020, GHG emission intensity of electricity (IND-353)",
           "European Environment Agency: Greenhouse gas emission intensity of electricity "
           "generation in Europe, indicator assessment IND-353 (ENER 038), published 8 December "
           "2020: the GHG emission intensity of total electricity generation in the EU-27 fell "
           "from 510 g CO2e/kWh in 1990 to 281 g CO2e/kWh in 2018.",
           "Factor used: 281 g CO2e/kWh, EU-27, 2018: emissions of electricity production (main "
           "activity producers and autoproducers, from national inventories reported to the "
           "UNFCCC, which used IPCC AR4 GWP100 at the time) over gross electricity generation. "
           "Direct emissions of generation only: no fuel supply chain, no grid losses. Licence "
           "CC BY 4.0 (EEA).",
           "https://www.eea.europa.eu/data-and-maps/indicators/overview-of-the-electricity-production-3/assessment")
HKE2019 = ("hkei-2019-sustainability", "HK Electric Investments, Sustainability Report 2019",
           "HK Electric Investments and HK Electric Investments Limited: Sustainability Report 2019 "
           "(published April 2020), environmental performance data, p. 73: CO2e emissions per unit "
           "of electricity sold 0.81 kg/kWh in 2019 (0.80 in 2018, 0.79 in 2017); CO2 8.48 and "
           "CO2e 8.51 million tonnes in 2019.",
           "Factor used: 0.81 kg CO2e per kWh sold, The Hongkong Electric Co. (Hong Kong Island "
           "and Lamma), 2019. The report does not state its GWP set; CO2 is 99.6 % of the CO2e "
           "(8.48 of 8.51 Mt), so the choice of GWP set changes the figure by less than 0.1 %. "
           "Recorded against the IPCC AR4 GWP100 method. CLP Power, the other Hong Kong utility "
           "(Kowloon and the New Territories), is not covered.",
           None)
ICE2011 = ("ice-v2-2011", "Hammond and Jones 2011, Inventory of Carbon & Energy (ICE) v2.0",
           "Hammond, G. P. and Jones, C. I.: Inventory of Carbon & Energy (ICE), Version 2.0, "
           "Sustainable Energy Research Team (SERT), Department of Mechanical Engineering, "
           "University of Bath, UK, January 2011 (summary tables of embodied energy, embodied "
           "CO2 and embodied CO2e per kg of material, cradle to gate).",
           "Rows used (material, type, subtype: embodied energy MJ/kg, CO2 kg/kg, CO2e kg/kg, "
           "boundary): Plastics, Polycarbonate: 112.9, 6.03, 7.62, cradle to gate ('doesn't "
           "include final fabrication'); Plastics, Nylon (Polyamide), 6 Polymer: 120.5, 5.47, "
           "9.14 ('dinitrogen monoxide and methane emissions are very significant contributors "
           "to GWP'); Plastics, Nylon (Polyamide), 6,6 Polymer: 138.6, 6.54, 7.92; Brass, "
           "General, Virgin 80.0, 4.47, 4.80 / Recycled 20.0, 1.12, 1.20 / Average 44.0, 2.46, "
           "2.64 ('poor data availability'); Zinc, General, Virgin 72.0, 3.90, 4.18 / Recycled "
           "9.0, 0.49, 0.52 / Average 53.1, 2.88, 3.09 ('uncertain carbon estimates, currently "
           "estimated from typical UK industrial fuel mix. Recycled content of general Zinc "
           "30%'); Steel, General, Recycled 9.4, 0.44, 0.47 ('could not collect strong "
           "statistics on consumption mix of recycled steel'); Plastics, Polyurethane flexible "
           "foam 102.1, 4.06, 4.84; Plastics, Polyurethane rigid foam 101.5, 3.48, 4.26 ('poor "
           "data availability for feedstock energy'); Plastics, Polystyrene, Expanded 88.6, "
           "2.55, 3.29; Plastics, General 80.5, 2.73, 3.31 ('determined by the average use of "
           "each type of plastic used in the European construction industry'); Rubber, General "
           "91.0, 2.66, 2.85; Sealants and adhesives, Epoxide resin 137.0, 5.70, no CO2e "
           "('source: www.plasticseurope.org'); Insulation, Cork 4.0, 0.19, no CO2e; Iron, "
           "General 25.0, 1.91, 2.032 ('it was difficult to estimate the embodied energy and "
           "carbon of iron with the data available'); Ceramics, General 10.0, 0.66, 0.70 ('very "
           "large data range'); Ceramics, Sanitary products 29.0, 1.51, 1.61 ('limited data'); "
           "Tin, General 250.0, 13.5, 14.47 ('lack of modern data, large data range'); "
           "Aluminium, Cast products, Virgin 225.5, 11.7, 13.1 / Recycled 25.0, 1.35, 1.45 / "
           "Average 159.335, 8.285, 9.22 ('worldwide average recycled content of 33%'); "
           "Aluminium, Rolled, Virgin 217.0, 11.5, 12.8; Aluminium, Extruded, Virgin 213.5, "
           "11.2, 12.5; Steel, Wire, Virgin 36.0, 2.83, 3.02. Rows with no CO2e in ICE (epoxide "
           "resin, cork) are recorded as their CO2 alone, a lower bound. Read from the machine-readable transcription of the ICE v2.0 tables in the "
           "AMEE/CarbonKit data sets (github.com/OpenAMEE/datasets, "
           "embodied/ice/v2/mass/data.csv, commit 4cbeecb05cc50109efc11b9c25e6901f67a0e3b0), "
           "which cites people.bath.ac.uk/cj219/ as its source. GWP set: not stated in the "
           "rows read; recorded against the IPCC AR4 GWP100 method (the IPCC set current at "
           "publication) - an assumption; the CO2 share of the CO2e is 60 % (PA6) to 94 % "
           "(zinc, virgin). ICE is a compilation for (UK) building materials from published "
           "studies of mixed geography and age (the plastics are PlasticsEurope eco-profile "
           "figures).",
           "http://people.bath.ac.uk/cj219/")

IVL2019 = ("ivl-c444-2019", "Emilsson and Dahllöf 2019, Lithium-ion vehicle battery production (IVL C 444)",
           "Emilsson, E. and Dahllöf, L.: Lithium-Ion Vehicle Battery Production. Status 2019 on "
           "Energy Use, CO2 Emissions, Use of Metals, Products Environmental Footprint, and "
           "Recycling. IVL Swedish Environmental Research Institute, report C 444, November 2019, "
           "ISBN 978-91-7883-112-8 (Summary: cradle-to-gate production of NMC lithium-ion "
           "traction batteries, 61-106 kg CO2e per kWh of battery capacity).",
           "Value used: 106 kg CO2e per kWh of capacity, the upper end of the report's range for "
           "NMC chemistry (the lower end, 61 kg CO2e/kWh, is for production with a large share of "
           "fossil-free electricity); chosen so that a battery of unknown origin is not "
           "understated. GWP set not stated in the summary read; recorded against IPCC AR5 "
           "GWP100 (an assumption, the set current in 2019). Per MJ of capacity: 106 / 3.6. "
           "Vehicle traction cells and packs; consumer-electronics cells may differ.",
           "https://www.ivl.se/")

BASEIMPACTS = ("ademe-base-impacts-textile", "ADEME Base Impacts, textile yarns (via Ecobalyse)",
               "ADEME (French Agency for Ecological Transition): Base Impacts(R), textile "
               "section, process datasets 'Filament de polyester, inventaire partiellement "
               "agrégé' (UUID 4d57c51d-7d56-46e1-acde-02fbcdc943e4), 'Production de filament de "
               "polyester recyclé (recyclage mécanique), traitement de bouteilles "
               "post-consommation, inventaire partiellement agrégé' (UUID "
               "4072bfa2-1948-4d12-8de9-bbeb6cc628e1) and 'Fil de coton conventionnel, "
               "inventaire partiellement agrégé' (UUID f211bbdb-415c-46fd-be4d-ddf199575b44); "
               "indicator 'Changement climatique' (EF climate change, LCIA method UUID "
               "b2ad6d9a-c78d-11e6-9d9d-cec0c932ce01), kg CO2e per kg of material entering "
               "the material-and-spinning step.",
               "Processing and heat (same column; the 'heat' and 'electricity' columns give "
               "the external flows, MJ per kg of material entering): dyeing of fabric, "
               "representative process fb4bea16-... 0.397712 kg CO2e/kg, heat 25.87, "
               "electricity 7.17; worst-case ('majorant') process cf001531-... 0.420837, heat "
               "71.71, electricity 38.1; knitting 9c478d79-... 0 (electricity 8.64, textile "
               "waste 0.0576); making up a T-shirt 26e3ca02-... 0 (electricity 1.8 MJ, applied "
               "per item by Ecobalyse); steam, Asian mix 2e8de6f6-... 0.106827 kg CO2e/MJ; "
               "steam from natural gas, Europe 59c4c64c-... 0.0744719 kg CO2e/MJ. "
               "Values used (kg CO2e per kg entering; textile waste of the step in kg per kg "
               "of yarn out): polyester filament 10.2505 (0.0319569); recycled polyester "
               "filament, mechanical recycling of post-consumer bottles, 6.58922 (0.031957); "
               "conventional cotton yarn 16.3699 (0.201201). The basis is Ecobalyse's "
               "application of the figures (methodologie/filature.md: impact = mass entering x "
               "coefficient, losses = yarn out x waste coefficient), so 1 kg of yarn takes "
               "1 + waste kg entering. Read from the French Ministry of Ecological Transition's "
               "textile calculator Ecobalyse (formerly Wikicarbone), which republished the "
               "Base Impacts figures in its source (github.com/MTES-MCT/ecobalyse, "
               "src/Data/Process.elm, 2021 versions, column 'Changement climatique' of the "
               "embedded process table, columns 'Changement climatique' and 'textile waste'; "
               "the same figures appear in both the CSV and the JSON form of that table). Cradle to yarn: fibre or polymer production and "
               "spinning (melt spinning for filaments), as Base Impacts aggregates them. The EF "
               "climate-change indicator of that method UUID characterises with IPCC AR5 "
               "GWP100 including climate-carbon feedbacks (EF 2.0/3.0); recorded against the "
               "IPCC AR5 GWP100 method, an approximation that puts fossil CH4 at 30 instead of "
               "36.75 per kg. The data belong to ADEME's Base Impacts; figures cited, no text "
               "copied.",
               "https://base-impacts.ademe.fr/")

# Base Impacts yarns: (key, name, Base Impacts process, kg CO2e per kg entering, route)
BASEIMPACTS_YARNS = [
    ("baseimpacts/polyester-filament", "polyester filament yarn",
     "Filament de polyester, inventaire partiellement agrégé", 10.2505,
     "polymer production and melt spinning, cradle to yarn"),
    ("baseimpacts/polyester-filament-recycled", "polyester filament yarn, recycled from PET bottles",
     "Production de filament de polyester recyclé (recyclage mécanique), traitement de bouteilles "
     "post-consommation, inventaire partiellement agrégé", 6.58922,
     "mechanical recycling of post-consumer bottles and melt spinning, cradle to yarn"),
    ("baseimpacts/cotton-yarn", "cotton yarn, conventional",
     "Fil de coton conventionnel, inventaire partiellement agrégé", 16.3699,
     "cotton cultivation, ginning and spinning, cradle to yarn"),
]
BASEIMPACTS_GWP = "AR5"

# Base Impacts textile processing and heat (same table): (key, name, process, kg CO2e per unit,
# unit, classes, what it covers and leaves out)
BASEIMPACTS_SERVICES = [
    ("baseimpacts/dyeing-representative", "dyeing of fabric, representative process",
     "Teinture sur étoffe, procédé représentatif, traitement très efficace des eaux usées "
     "(fb4bea16-7ce1-43e2-9e03-462250214988)", 0.397712, "mass",
     ["Processing", "Textile finishing"],
     "per kg of fabric dyed (no loss in dyeing): the dyeing process itself (dyes, auxiliaries, "
     "very efficient waste-water treatment). Leaves out the heat (25.87 MJ per kg of fabric "
     "entering) and electricity (7.17 MJ per kg) that Base Impacts adds as external flows: add "
     "them as heat and electricity lines for the country of dyeing"),
    ("baseimpacts/dyeing-worst-case", "dyeing of fabric, worst-case process",
     "Teinture sur étoffe, procédé majorant, traitement inefficace des eaux usées "
     "(cf001531-5f2d-48b1-b30a-4a17466a8b30)", 0.420837, "mass",
     ["Processing", "Textile finishing"],
     "per kg of fabric dyed: the dyeing process itself (the 'majorant' variant, inefficient "
     "waste-water treatment). Leaves out the heat (71.71 MJ per kg of fabric entering) and "
     "electricity (38.1 MJ per kg) Base Impacts adds as external flows"),
    ("baseimpacts/heat-steam-asia", "heat, steam from boilers, Asian mix",
     "Mix Vapeur (mix technologique|mix de production, en sortie de chaudière), RSA "
     "(2e8de6f6-0ea1-455b-adce-ea74d307d222)", 0.106827, "energy",
     ["Energy carriers and technologies", "Heat and steam"],
     "per MJ of steam at the boiler outlet, technology and production mix, Asia (RSA)"),
    ("baseimpacts/heat-steam-gas-europe", "heat, steam from natural gas, Europe",
     "Vapeur à partir de gaz naturel (mix de technologies de combustion et d'épuration des "
     "effluents gazeux|en sortie de chaudière|Puissance non spécifiée), RER "
     "(59c4c64c-0916-868a-5dd6-a42c4c42222f)", 0.0744719, "energy",
     ["Energy carriers and technologies", "Heat and steam"],
     "per MJ of steam at the boiler outlet from natural gas, Europe (RER)"),
]

# ICE v2.0 materials: (key, name, ICE row, CO2 kg/kg, CO2e kg/kg, family, route)
ICE_MATERIALS = [
    ("ice/pc", "polycarbonate (PC), granulate", "Plastics, Polycarbonate", 6.03, 7.62, "plastic",
     "polymer, cradle to gate, no fabrication"),
    ("ice/pa6", "polyamide 6 (nylon 6), granulate", "Plastics, Nylon (Polyamide), 6 Polymer",
     5.47, 9.14, "plastic", "polymer, cradle to gate, no fabrication"),
    ("ice/pa66", "polyamide 6.6 (nylon 66), granulate", "Plastics, Nylon (Polyamide), 6,6 Polymer",
     6.54, 7.92, "plastic", "polymer, cradle to gate, no fabrication"),
    ("ice/brass-virgin", "brass, virgin", "Brass, General, Virgin", 4.47, 4.80, "metal",
     "primary metal, cradle to gate"),
    ("ice/brass-recycled", "brass, recycled", "Brass, General, Recycled", 1.12, 1.20, "metal",
     "from scrap, cradle to gate"),
    ("ice/brass-average", "brass, average (market mix)", "Brass, General, Average", 2.46, 2.64,
     "metal", "market mix, cradle to gate"),
    ("ice/zinc-virgin", "zinc, virgin", "Zinc, General, Virgin", 3.90, 4.18, "metal",
     "primary metal, cradle to gate"),
    ("ice/zinc-recycled", "zinc, recycled", "Zinc, General, Recycled", 0.49, 0.52, "metal",
     "from scrap, cradle to gate"),
    ("ice/zinc-average", "zinc, average (30 % recycled content)", "Zinc, General, Average", 2.88,
     3.09, "metal", "market mix (30 % recycled), cradle to gate"),
    ("ice/steel-recycled", "steel, from scrap (secondary steel)", "Steel, General, Recycled", 0.44,
     0.47, "metal", "secondary (scrap-based) route, cradle to gate"),
    ("ice/pu-flexible", "polyurethane (PU) flexible foam", "Plastics, Polyurethane flexible foam",
     4.06, 4.84, "plastic", "polymer foam, cradle to gate"),
    ("ice/pu-rigid", "polyurethane (PU) rigid foam", "Plastics, Polyurethane rigid foam", 3.48,
     4.26, "plastic", "polymer foam, cradle to gate"),
    ("ice/eps", "expanded polystyrene (EPS)", "Plastics, Polystyrene, Expanded", 2.55, 3.29,
     "plastic", "expanded polystyrene, cradle to gate"),
    ("ice/plastics-general", "plastics, general (European construction average)",
     "Plastics, General", 2.73, 3.31, "plastic", "average of plastics, cradle to gate"),
    ("ice/rubber", "rubber, general", "Rubber, General", 2.66, 2.85, "plastic",
     "rubber, cradle to gate"),
    ("ice/epoxy", "epoxide (epoxy) resin", "Sealants and adhesives, Epoxide resin", 5.70, None,
     "plastic", "resin, cradle to gate (CO2 only)"),
    ("ice/cork", "cork (insulation cork)", "Insulation, Cork", 0.19, None, "wood",
     "cork, cradle to gate (CO2 only)"),
    ("ice/iron", "iron, general (cast iron)", "Iron, General", 1.91, 2.032, "metal",
     "iron products, cradle to gate"),
    ("ice/ceramics", "ceramics, general", "Ceramics, General", 0.66, 0.70, "glass",
     "fired ceramic, cradle to gate"),
    ("ice/ceramics-sanitary", "ceramics, sanitary products (vitreous china)",
     "Ceramics, Sanitary products", 1.51, 1.61, "glass", "vitreous china ware, cradle to gate"),
    ("ice/tin", "tin, general", "Tin, General", 13.5, 14.47, "metal", "tin metal, cradle to gate"),
    ("ice/al-cast-virgin", "aluminium cast products, virgin (die-cast and cast parts)",
     "Aluminium, Cast products, Virgin", 11.7, 13.1, "metal",
     "primary metal and casting, cradle to gate"),
    ("ice/al-cast-average", "aluminium cast products, average (33 % recycled content)",
     "Aluminium, Cast products, Average", 8.285, 9.22, "metal",
     "market mix and casting, cradle to gate"),
    ("ice/al-cast-recycled", "aluminium cast products, recycled", "Aluminium, Cast products, Recycled",
     1.35, 1.45, "metal", "secondary metal and casting, cradle to gate"),
    ("ice/al-rolled-virgin", "aluminium rolled products (sheet), virgin",
     "Aluminium, Rolled, Virgin", 11.5, 12.8, "metal", "primary metal and rolling, cradle to gate"),
    ("ice/al-extruded-virgin", "aluminium extruded products, virgin", "Aluminium, Extruded, Virgin",
     11.2, 12.5, "metal", "primary metal and extrusion, cradle to gate"),
    ("ice/steel-wire", "steel wire, virgin", "Steel, Wire, Virgin", 2.83, 3.02, "metal",
     "primary steel and wire drawing, cradle to gate"),
]
ICE_GWP = "AR4"


def build(b):
    src = {}
    for key, short, citation, desc, url in (IPCC2006, MEE2022, EIA2022, EEA2018, HKE2019,
                                            ICE2011, BASEIMPACTS, IVL2019):
        src[key] = b.source(key, short, citation, desc, url)

    def published_total(key, name, prop, flow_classes, flow_comment, gwp, value, source, licence, family,
                        kind, **p):
        """A product flow and its process carrying one published CO2e total (an LCIAResult of
        the GWP set the source used, counted as fossil) and no elementary exchange."""
        b.product_flow(key, name, prop, ["Technosphere flows"] + flow_classes, flow_comment)
        b.process(key, dict(name=name, mix="technology mix", location="GLO",
                            type="Partly terminated system", approaches=["Not applicable"],
                            sources=[src[source[0]]], copyright=False, licence=licence,
                            access=PCF_ACCESS, **p),
                  key, [], lcia=[(gwp, "total", value)], family=family, kind=kind)

    # ---- materials from ICE v2.0 (CO2e totals) -------------------------------------------------
    for key, name, row, co2, co2e, family, route in ICE_MATERIALS:
        step = [w for w in ("casting", "rolling", "extrusion", "wire drawing") if w in route]
        leaves = ("Includes the forming step of the row (%s); leaves out further fabrication and "
                  "transport to the user." % step[0] if step else
                  "Leaves out: fabrication (moulding, drawing, casting), transport to the user.")
        if co2e is None:  # ICE gives CO2 only: the CO2 as an elementary exchange, a lower bound
            b.product_flow(key, name, "mass", ["Technosphere flows", "Materials"],
                           "1 kg of %s as supplied to a manufacturer." % name)
            b.process(key, dict(
                name=name, mix="technology mix", location="GLO", type="Partly terminated system",
                approaches=["Not applicable"], sources=[src[ICE2011[0]]], copyright=False,
                licence="Free of charge for all users and uses", access=PCF_ACCESS,
                route="%s (ICE v2.0)" % route, fu="1 kg material", classes=["Materials production", family],
                comment=("Cradle-to-gate CO2 of 1 kg of %s: %g kg CO2/kg, Inventory of Carbon & "
                         "Energy v2.0 (University of Bath, 2011), row '%s'. ICE gives no CO2e for "
                         "this row, so the CO2 is recorded as fossil carbon dioxide and the other "
                         "greenhouse gases are missing: a lower bound. Leaves out: fabrication, "
                         "transport to the user. Geography: ICE's mixed-geography compilation "
                         "(UK/European emphasis), data of 2000-2010." % (name, co2, row)),
                year=2011, technology="As compiled by ICE v2.0; see the source dataset."),
                key, [(CO2, AIR, "Output", co2, "ICE v2.0 '%s': %g kg CO2/kg" % (row, co2))],
                family=family, kind="material")
            continue
        published_total(
            key, name, "mass", ["Materials"], "1 kg of %s as supplied to a manufacturer." % name,
            ICE_GWP, co2e, ICE2011, "Free of charge for all users and uses", family, "material",
            route="%s (ICE v2.0)" % route, fu="1 kg material", classes=["Materials production", family],
            comment=("Cradle-to-gate greenhouse-gas emissions of 1 kg of %s: %g kg CO2e/kg "
                     "(of which %g kg CO2/kg), Inventory of Carbon & Energy v2.0 (University "
                     "of Bath, 2011), row '%s'. Recorded as an LCIA result against the IPCC %s "
                     "GWP100 total method (the source gives CO2 and CO2e totals only, no split "
                     "by gas; its GWP set is not stated in the rows read, %s assumed; counted "
                     "as fossil). %s Geography: ICE's mixed-geography compilation "
                     "(UK/European emphasis), data of 2000-2010." % (
                         name, co2e, co2, row, ICE_GWP, ICE_GWP, leaves)),
            year=2011, technology="As compiled by ICE v2.0; see the source dataset.")

    # ---- lithium-ion battery per kWh of capacity (IVL 2019, a CO2e total) -----------------------
    published_total(
        "ivl/li-ion-kwh", "lithium-ion battery, per unit of storage capacity", "energy",
        ["Materials", "Batteries"],
        "Lithium-ion battery (NMC) counted by its storage capacity: 1 MJ of capacity (1 kWh = 3.6 "
        "MJ; write the BOM line in kWh).", "AR5", 106.0 / MJ_PER_KWH, IVL2019,
        "Free of charge for all users and uses", "electronics", "material",
        route="NMC lithium-ion traction battery, cradle to gate (IVL 2019)",
        fu="1 MJ of battery capacity (1/3.6 kWh)", classes=["Materials production", "electronics"],
        comment=("Cradle-to-gate greenhouse-gas emissions of a lithium-ion battery per unit of "
                 "capacity: 106 kg CO2e per kWh (the upper end of the 61-106 kg CO2e/kWh range for "
                 "NMC batteries, Emilsson and Dahllöf, IVL report C 444, 2019), divided by 3.6 per "
                 "MJ. Recorded as an LCIA result against the IPCC AR5 GWP100 total method (GWP set "
                 "assumed; a CO2e total, counted as fossil). Covers raw materials, cell and pack "
                 "production. Leaves out transport to the user, the battery management electronics "
                 "beyond the pack, end of life."),
        year=2019, technology="NMC lithium-ion cells and packs, as reviewed by IVL.")

    # ---- textile yarns, processing and heat from ADEME Base Impacts (CO2e totals) --------------
    bi_licence = "ADEME Base Impacts conditions of use; figures cited"
    bi_technology = "As aggregated by Base Impacts; see the source dataset."
    for key, name, row, co2e, route in BASEIMPACTS_YARNS:
        published_total(
            key, name, "mass", ["Materials"],
            "%s: 1 kg of material entering fibre production and spinning (the basis of the "
            "source; spinning losses go in the BOM's scrap)." % name,
            BASEIMPACTS_GWP, co2e, BASEIMPACTS, bi_licence, "textile", "material",
            route="%s (ADEME Base Impacts)" % route, fu="1 kg material entering spinning",
            classes=["Materials production", "textile"],
            comment=("Cradle-to-yarn greenhouse-gas emissions of %s per kg of material "
                     "entering the material-and-spinning step: %g kg CO2e/kg, "
                     "ADEME Base Impacts process '%s', climate-change indicator, as republished "
                     "by Ecobalyse. Recorded as an LCIA result against the IPCC %s GWP100 total "
                     "method (the source gives a CO2e total only, characterised with AR5 "
                     "including climate-carbon feedbacks; counted as fossil). Leaves out: "
                     "knitting or weaving, dyeing and finishing, making up, transport to the "
                     "user. Spinning losses are not inside: 1 kg of yarn needs 1 + the step's "
                     "waste coefficient kg entering (see the source dataset); put them in the "
                     "BOM's scrap rate." % (name, co2e, row, BASEIMPACTS_GWP)),
            year=2021, technology=bi_technology)

    for key, name, row, co2e, prop, classes, covers in BASEIMPACTS_SERVICES:
        per = "1 MJ" if prop == "energy" else "1 kg"
        published_total(
            key, name, prop, ["Services"], "%s: %s (the service)." % (name, per),
            BASEIMPACTS_GWP, co2e, BASEIMPACTS, bi_licence, "",
            "energy" if prop == "energy" else "processing",
            route="ADEME Base Impacts", fu="%s %s" % (per, "heat" if prop == "energy" else "fabric"),
            classes=classes,
            comment=("%s, %s: %g kg CO2e (ADEME Base Impacts process '%s', climate-change "
                     "indicator, as republished by Ecobalyse). Recorded as an LCIA result "
                     "against the IPCC %s GWP100 total method (the source gives a CO2e total "
                     "only, characterised with AR5 including climate-carbon feedbacks; counted "
                     "as fossil)." % (name, covers, co2e, row, BASEIMPACTS_GWP)),
            year=2021, technology=bi_technology)

    # ---- fuel combustion: IPCC 2006 defaults, per MJ of fuel (net calorific value) ----------
    fuels = [
        ("natural-gas", "natural gas", 56100.0, 1.0, 0.1),
        ("diesel", "diesel (gas/diesel oil)", 74100.0, 3.0, 0.6),
        ("heavy-fuel-oil", "heavy fuel oil (residual fuel oil)", 77400.0, 3.0, 0.6),
    ]
    for key, name, co2, ch4, n2o in fuels:
        fkey = "combustion/" + key
        b.product_flow(fkey, "%s, burned (fuel energy, net calorific value)" % name, "energy",
                       ["Technosphere flows", "Energy carriers and technologies"],
                       "1 MJ (net calorific value) of %s burned in a stationary boiler, furnace or "
                       "engine." % name)
        b.process(fkey, dict(
            name="%s, combustion" % name, route="stationary combustion, IPCC 2006 Tier 1 defaults",
            mix="technology mix", fu="1 MJ fuel energy (net calorific value)",
            classes=["Energy carriers and technologies", "Fuel combustion"],
            comment=("Direct emissions of burning 1 MJ (net calorific value) of %s: CO2 %s, CH4 "
                     "%s and N2O %s kg/TJ (2006 IPCC Guidelines Vol. 2, Table 1.4 and Table 2.2, "
                     "energy industries; Table 2.3 gives the same for manufacturing). Covers: "
                     "combustion emissions. Leaves out: extraction, processing and transport of "
                     "the fuel (well-to-tank), the combustion plant, non-GHG emissions. Per kWh of "
                     "fuel energy multiply by 3.6." % (name, co2, ch4, n2o)),
            year=2006, location="GLO",
            technology="Stationary combustion; IPCC Tier 1 default emission factors.",
            type="Unit process, single operation", approaches=["Not applicable"],
            sources=[src[IPCC2006[0]]], copyright=False, licence="Free of charge for all users and uses",
            access=PCF_ACCESS),
            fkey,
            [(CO2, AIR, "Output", co2 / 1e6, "IPCC 2006 Vol. 2 Table 1.4: %s kg CO2/TJ" % co2),
             (CH4, AIR, "Output", ch4 / 1e6, "IPCC 2006 Vol. 2 Table 2.2: %s kg CH4/TJ" % ch4),
             (N2O, AIR, "Output", n2o / 1e6, "IPCC 2006 Vol. 2 Table 2.2: %s kg N2O/TJ" % n2o)],
            family="", kind="energy")

    # ---- grid electricity ------------------------------------------------------------------
    grids = [
        ("CN", "China", 2022, MEE2022, [(CO2, 0.5366)], [], "national average, all generation"),
        ("US", "United States", 2022, EIA2022, [(CO2, 1650.0 / 4230672.0 * 1000.0)], [],
         "utility-scale generation, all sources"),
        ("EU", "EU-27", 2018, EEA2018, [], [("AR4", "total", 0.281)], "gross generation, all sources"),
        ("HK", "Hong Kong (HK Electric supply area)", 2019, HKE2019, [], [("AR4", "total", 0.81)],
         "electricity sold by HK Electric"),
    ]
    for code, region, year, s, gases, lcia, scope in grids:
        fkey = "electricity/" + code
        b.product_flow(fkey, "electricity, grid mix, %s" % region, "energy",
                       ["Technosphere flows", "Energy carriers and technologies", "Electricity"],
                       "Electricity from the public grid, %s. Measured in MJ (the reference unit of "
                       "the EF energy unit group); 1 kWh = 3.6 MJ." % region)
        per_mj = [(g, v / MJ_PER_KWH) for g, v in gases]
        lcia_mj = [(r, part, v / MJ_PER_KWH) for r, part, v in lcia]
        what = ("; ".join("%s %s kg/kWh" % (g, v) for g, v in gases)
                or "; ".join("%s kg CO2e/kWh (GWP set %s)" % (v, r) for r, part, v in lcia))
        b.process(fkey, dict(
            name="electricity, grid mix, %s" % region, route=scope, mix="consumption mix, at consumer",
            fu="1 MJ electricity (= 1/3.6 kWh)",
            classes=["Energy carriers and technologies", "Electricity"],
            comment=("Greenhouse-gas emissions of 1 MJ of grid electricity, %s, %d, from %s: %s, "
                     "divided by 3.6 to express per MJ (the reference unit of the energy unit "
                     "group; engines convert kWh with the unit group). Covers: %s. Leaves out: %s"
                     % (region, year, s[1], what, scope,
                        "gases other than CO2 (the source gives CO2 only), fuel supply chain, "
                        "transmission and distribution losses." if gases else
                        "the split of the CO2e by gas (the source gives a CO2e total only, "
                        "recorded as an LCIA result), fuel supply chain, transmission and "
                        "distribution losses.")),
            year=year, location={"EU": "EU-27"}.get(code, code),
            technology="Grid mix as published by the source; see the source dataset.",
            type="LCI result" if gases else "Partly terminated system",
            approaches=["Not applicable"], sources=[src[s[0]]], copyright=False,
            licence="Free of charge for all users and uses", access=PCF_ACCESS),
            fkey,
            [(g, AIR, "Output", v, "%s, %d" % (s[1], year)) for g, v in per_mj],
            lcia=lcia_mj, family="", kind="energy")
