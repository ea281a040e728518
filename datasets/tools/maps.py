"""maps.py: the name maps BOMs and product files use, written to datasets/materials.csv and
datasets/services.csv by build_package.py (process UUIDs come from the same stable keys as the
datasets, so the maps never drift from the package).

materials.csv: name,process,family,note,proxy,forming   (family: plastic/metal/glass/paper/
               wood/textile/electronics, used for end-of-life defaults; proxy: why the dataset
               stands in for the name, "" when it is the material's own; forming: the forming
               step the dataset includes, "" when none)
services.csv:  name,process,kind          (kind: energy/transport/end-of-life)
Names are matched case-insensitively by the engine; one row per synonym.
"""
from ilcdxml import mint

# (process key, family, note, [names])
MATERIALS = [
    ("uslci/pp", "plastic", "USLCI cradle-to-resin, North America", [
        "PP", "polypropylene", "PP homopolymer", "PP copolymer", "polypropylene resin", "PP resin"]),
    ("uslci/hdpe", "plastic", "USLCI cradle-to-resin, North America", [
        "HDPE", "PE-HD", "high-density polyethylene", "high density polyethylene", "HDPE resin"]),
    ("uslci/ldpe", "plastic", "USLCI cradle-to-resin, North America", [
        "LDPE", "PE-LD", "low-density polyethylene", "low density polyethylene", "LDPE resin",
        "PE", "polyethylene"]),
    ("uslci/lldpe", "plastic", "USLCI cradle-to-resin, North America", [
        "LLDPE", "PE-LLD", "linear low-density polyethylene", "linear low density polyethylene"]),
    ("uslci/pet", "plastic", "USLCI cradle-to-resin, North America; bottle-grade resin", [
        "PET", "polyethylene terephthalate", "PETE", "PET resin"]),
    ("uslci/pvc", "plastic", "USLCI cradle-to-resin, North America", [
        "PVC", "polyvinyl chloride", "vinyl", "PVC resin"]),
    ("uslci/gpps", "plastic", "USLCI cradle-to-resin, North America", [
        "PS", "polystyrene", "GPPS", "general purpose polystyrene", "general-purpose polystyrene"]),
    ("uslci/hips", "plastic", "USLCI cradle-to-resin, North America", [
        "HIPS", "high impact polystyrene", "high-impact polystyrene", "PS-HI"]),
    ("uslci/abs", "plastic", "USLCI cradle-to-resin, North America", [
        "ABS", "acrylonitrile butadiene styrene", "acrylonitrile-butadiene-styrene", "ABS resin"]),
    ("uslci/steel-hot-rolled", "metal", "USLCI 1993 North American average; hot rolled sheet", [
        "steel", "steel sheet", "hot rolled steel", "hot-rolled steel", "HRC", "carbon steel",
        "mild steel"]),
    ("uslci/steel-cold-rolled", "metal", "USLCI 1993 North American average; cold rolled sheet", [
        "cold rolled steel", "cold-rolled steel", "CRC", "SPCC", "DC01"]),
    ("uslci/steel-galvanized", "metal", "USLCI 1993 North American average; galvanized sheet", [
        "galvanized steel", "galvanised steel", "zinc-coated steel", "SGCC", "DX51D"]),
    ("uslci/steel-billet", "metal", "USLCI 1993 North American average; billet", [
        "steel billet"]),
    ("uslci/steel-plate-bf", "metal", "NETL/USLCI, blast furnace route (primary), global", [
        "primary steel", "steel, primary", "BOF steel", "steel plate", "blast furnace steel"]),
    ("uslci/steel-rebar-bf", "metal", "NETL/USLCI, blast furnace route (primary), global", [
        "rebar", "steel rebar", "reinforcing steel"]),
    ("uslci/al-primary", "metal", "USLCI (Aluminum Association 2010), North America", [
        "Al", "aluminium", "aluminum", "primary aluminium", "primary aluminum", "aluminium ingot",
        "aluminum ingot", "Al primary", "virgin aluminium", "virgin aluminum"]),
    ("uslci/al-mix", "metal", "USLCI North American production mix, 48 % primary / 52 % secondary", [
        "aluminium mix", "aluminum mix", "aluminium, production mix", "aluminum, production mix",
        "Al mix"]),
    ("uslci/stainless-304-coil", "metal", "USLCI (EUROFER data, American upstream); scrap input cut off", [
        "stainless steel", "stainless", "SS304", "SS 304", "304", "AISI 304", "1.4301",
        "stainless steel 304", "stainless steel sheet", "SUS304", "06Cr19Ni10"]),
    ("uslci/stainless-304-plate", "metal", "USLCI (EUROFER data, American upstream); scrap input cut off", [
        "stainless steel plate", "SS304 plate", "stainless 304 plate"]),
    ("uslci/al-secondary", "metal", "USLCI (Aluminum Association 2010), North America; from scrap", [
        "recycled aluminium", "recycled aluminum", "secondary aluminium", "secondary aluminum",
        "Al recycled", "Al secondary"]),
    ("desnz/board", "paper", "DESNZ 2025 material use, paper and board: board, UK", [
        "corrugated board", "corrugated cardboard", "cardboard", "carton board", "cartonboard",
        "paperboard", "board", "corrugated box", "carton"]),
    ("desnz/paper", "paper", "DESNZ 2025 material use, paper and board: paper, UK", [
        "paper", "printing paper", "kraft paper", "paper label"]),
    ("desnz/glass", "glass", "DESNZ 2025 material use, glass, primary, UK", [
        "glass", "container glass", "soda-lime glass", "soda lime glass", "glass, primary"]),
    ("desnz/glass-recycled", "glass", "DESNZ 2025 material use, glass, closed-loop source, UK", [
        "recycled glass", "glass, recycled", "cullet glass"]),
    ("desnz/wood", "wood", "DESNZ 2025 material use, wood (construction), UK", [
        "wood", "timber", "softwood", "lumber", "sawn timber", "sawn wood"]),
    ("desnz/steel-recycled", "metal", "DESNZ 2025 material use, steel cans from closed-loop source (recycled steel), UK", [
        "recycled steel cans", "steel cans, recycled", "recycled tinplate"]),
    ("ice/steel-recycled", "metal", "ICE v2.0 (Univ. of Bath 2011), steel, general, recycled (secondary route), cradle to gate", [
        "recycled steel", "steel, recycled", "secondary steel", "scrap-based steel",
        "steel, scrap-based", "steel from scrap", "EAF steel", "electric arc furnace steel"]),
    ("baseimpacts/polyester-filament", "textile", "ADEME Base Impacts (via Ecobalyse): polyester filament yarn, cradle to yarn, per kg entering spinning (losses 3.2 %: BOM scrap); no knitting, weaving, dyeing", [
        "polyester", "PES", "polyester yarn", "polyester filament", "polyester filament yarn",
        "polyester fibre", "polyester fiber", "PET fibre", "PET fiber"]),
    ("baseimpacts/polyester-filament-recycled", "textile", "ADEME Base Impacts (via Ecobalyse): recycled polyester filament yarn from post-consumer PET bottles, mechanical recycling, cradle to yarn, per kg entering spinning (losses 3.2 %: BOM scrap)", [
        "recycled polyester", "polyester, recycled", "rPET yarn", "rPES", "recycled polyester yarn",
        "recycled polyester fibre", "recycled polyester fiber"]),
    ("baseimpacts/cotton-yarn", "textile", "ADEME Base Impacts (via Ecobalyse): conventional cotton yarn, cultivation to spinning, per kg entering (losses 20.1 %: BOM scrap); no knitting, weaving, dyeing", [
        "cotton yarn", "conventional cotton yarn", "spun cotton", "cotton thread"]),
    ("tiangong/copper-primary", "metal", "TianGong (Dong et al. 2020), China 2010: primary refined copper, pyrometallurgy; GHG inventory of the linked chain; wire, strip, foil mapped to the refined metal (drawing and rolling not included)", [
        "copper", "Cu", "primary copper", "copper, primary", "virgin copper", "copper cathode",
        "cathode copper", "refined copper", "electrolytic copper", "copper wire", "copper conductor",
        "copper conductors", "copper cable", "copper strip", "copper sheet", "copper foil",
        "Cu-ETP", "C11000", "T2 copper"]),
    ("tiangong/copper-secondary", "metal", "TianGong (Dong et al. 2020), China 2010: secondary refined copper from mixed scrap; scrap burden-free", [
        "recycled copper", "secondary copper", "copper, secondary", "copper, recycled",
        "Cu recycled", "Cu secondary", "copper from scrap"]),
    ("tiangong/cotton-fibre", "textile", "TianGong, Xinjiang 2013: raw cotton fibre (cultivation and ginning) only; no spinning, weaving, dyeing; fuel combustion, fertiliser and field N2O not in the source: a lower bound", [
        "cotton", "cotton fibre", "cotton fiber", "raw cotton", "cotton lint", "lint cotton",
        "ginned cotton", "cotton staple"]),
    ("desnz/clothing", "textile", "DESNZ 2025 material use, clothing (finished garments), UK; cradle to gate of the garment", [
        "clothing", "garment", "garments", "apparel"]),
    ("desnz/electrical-small", "electronics", "DESNZ 2025 material use, small electrical items, UK; whole-item proxy", [
        "electrical items, small", "small electrical item", "small appliance", "electronics",
        "electronics proxy"]),
    ("ice/pc", "plastic", "ICE v2.0 (Univ. of Bath 2011), polycarbonate polymer, cradle to gate, no fabrication", [
        "PC", "polycarbonate", "polycarbonate resin", "PC resin"]),
    ("ice/pa6", "plastic", "ICE v2.0 (Univ. of Bath 2011), nylon 6 polymer, cradle to gate, no fabrication", [
        "PA6", "PA 6", "PA-6", "nylon 6", "nylon-6", "polyamide 6", "polyamide-6"]),
    ("ice/pa66", "plastic", "ICE v2.0 (Univ. of Bath 2011), nylon 6,6 polymer, cradle to gate, no fabrication", [
        "PA66", "PA 66", "PA6.6", "PA 6.6", "PA-66", "nylon 66", "nylon 6,6", "nylon 6.6",
        "nylon-66", "polyamide 66", "polyamide 6.6", "polyamide 6,6"]),
    ("ice/brass-virgin", "metal", "ICE v2.0 (Univ. of Bath 2011), brass, virgin; poor data availability", [
        "brass", "CuZn", "brass, virgin", "virgin brass", "primary brass", "brass, primary"]),
    ("ice/brass-recycled", "metal", "ICE v2.0 (Univ. of Bath 2011), brass, recycled", [
        "recycled brass", "brass, recycled", "secondary brass"]),
    ("ice/brass-average", "metal", "ICE v2.0 (Univ. of Bath 2011), brass, general average (market mix)", [
        "brass, average", "brass (ICE average)"]),
    ("ice/zinc-virgin", "metal", "ICE v2.0 (Univ. of Bath 2011), zinc, virgin; uncertain carbon estimate", [
        "zinc", "Zn", "zinc, virgin", "virgin zinc", "primary zinc", "zinc, primary"]),
    ("ice/zinc-recycled", "metal", "ICE v2.0 (Univ. of Bath 2011), zinc, recycled", [
        "recycled zinc", "zinc, recycled", "secondary zinc"]),
    ("ice/zinc-average", "metal", "ICE v2.0 (Univ. of Bath 2011), zinc, general average, 30 % recycled content", [
        "zinc, average", "zinc (ICE average)"]),
    ("desnz/board-recycled", "paper", "DESNZ 2025 material use, paper and board: board, closed-loop source, UK", [
        "recycled corrugated board", "recycled cardboard", "recycled board", "recycled paperboard"]),
    ("desnz/paper-recycled", "paper", "DESNZ 2025 material use, paper and board: paper, closed-loop source, UK", [
        "recycled paper"]),
    ("desnz/al-cans", "metal", "DESNZ 2025 material use, aluminium cans and foil, primary (excl. forming), UK", [
        "aluminium cans", "aluminum cans", "aluminium foil", "aluminum foil"]),
    ("desnz/al-cans-recycled", "metal", "DESNZ 2025 material use, aluminium cans and foil, closed-loop source (excl. forming), UK", [
        "recycled aluminium cans", "recycled aluminum cans", "recycled aluminium foil",
        "recycled aluminum foil"]),
    ("desnz/steel-cans", "metal", "DESNZ 2025 material use, steel cans, primary, UK", [
        "steel cans", "tinplate", "tin plate"]),
]
# Materials added for designers' names (issue 16), from ICE v2.0, DESNZ 2025, IVL 2019 and the
# USLCI aluminium semi-finished products (cradle to gate, the metal included).
MATERIALS += [
    ("ice/pu-flexible", "plastic", "ICE v2.0 (Univ. of Bath 2011), polyurethane flexible foam, cradle to gate; generic PU names take this row", [
        "PU", "polyurethane", "PU foam", "polyurethane foam", "flexible PU foam",
        "PU flexible foam", "polyurethane flexible foam", "flexible polyurethane foam"]),
    ("ice/pu-rigid", "plastic", "ICE v2.0 (Univ. of Bath 2011), polyurethane rigid foam, cradle to gate", [
        "PUR", "PU rigid foam", "rigid PU foam", "polyurethane rigid foam",
        "rigid polyurethane foam"]),
    ("ice/eps", "plastic", "ICE v2.0 (Univ. of Bath 2011), expanded polystyrene, cradle to gate", [
        "EPS", "expanded polystyrene", "EPS foam", "polystyrene foam", "styrofoam"]),
    ("ice/rubber", "plastic", "ICE v2.0 (Univ. of Bath 2011), rubber, general, cradle to gate", [
        "rubber", "natural rubber", "synthetic rubber", "NR", "SBR", "rubber, general"]),
    ("ice/plastics-general", "plastic", "ICE v2.0 (Univ. of Bath 2011), plastics, general (average of European construction plastics), cradle to gate", [
        "plastics, general (ICE)"]),
    ("ice/epoxy", "plastic", "ICE v2.0 (Univ. of Bath 2011), epoxide resin: CO2 only (ICE gives no CO2e), a lower bound", [
        "epoxy", "epoxy resin", "epoxide resin", "EP resin"]),
    ("ice/cork", "wood", "ICE v2.0 (Univ. of Bath 2011), cork (insulation): CO2 only (ICE gives no CO2e), a lower bound", [
        "cork", "natural cork", "cork board", "agglomerated cork"]),
    ("ice/iron", "metal", "ICE v2.0 (Univ. of Bath 2011), iron, general (iron products, cast iron), cradle to gate; uncertain", [
        "cast iron", "iron", "Fe", "grey iron", "gray iron", "ductile iron", "iron casting"]),
    ("ice/ceramics", "glass", "ICE v2.0 (Univ. of Bath 2011), ceramics, general, cradle to gate; very large data range", [
        "ceramic", "ceramics", "stoneware", "earthenware"]),
    ("ice/ceramics-sanitary", "glass", "ICE v2.0 (Univ. of Bath 2011), ceramics, sanitary products (vitreous china), cradle to gate", [
        "vitreous china", "sanitary ceramic"]),
    ("ice/tin", "metal", "ICE v2.0 (Univ. of Bath 2011), tin, general, cradle to gate; lack of modern data", [
        "tin", "Sn", "tin metal"]),
    ("ice/al-cast-virgin", "metal", "ICE v2.0 (Univ. of Bath 2011), aluminium cast products, virgin, cradle to gate, casting included", [
        "die-cast aluminium", "die-cast aluminum", "die cast aluminium", "die cast aluminum",
        "cast aluminium", "cast aluminum", "aluminium casting", "aluminum casting",
        "aluminium, cast", "aluminum, cast", "aluminium die casting", "aluminum die casting"]),
    ("ice/al-cast-average", "metal", "ICE v2.0 (Univ. of Bath 2011), aluminium cast products, average (33 % recycled content), casting included", [
        "cast aluminium, average", "die-cast aluminium, average"]),
    ("ice/al-cast-recycled", "metal", "ICE v2.0 (Univ. of Bath 2011), aluminium cast products, recycled, casting included", [
        "recycled cast aluminium", "cast aluminium, recycled", "recycled die-cast aluminium",
        "secondary cast aluminium"]),
    ("ice/al-rolled-virgin", "metal", "ICE v2.0 (Univ. of Bath 2011), aluminium rolled products, virgin, rolling included", [
        "aluminium sheet, virgin", "aluminum sheet, virgin", "virgin aluminium sheet",
        "aluminium, rolled, virgin"]),
    ("ice/al-extruded-virgin", "metal", "ICE v2.0 (Univ. of Bath 2011), aluminium extruded products, virgin, extrusion included", [
        "aluminium extrusion, virgin", "aluminium, extruded, virgin", "virgin aluminium extrusion"]),
    ("uslci/al-cold-rolling", "metal", "USLCI (Aluminum Association 2010), North America: cold-rolled aluminium, cradle to gate (metal, casting, hot and cold rolling); scrap input cut off", [
        "aluminium sheet", "aluminum sheet", "aluminium, cold rolled", "aluminum, cold rolled",
        "cold rolled aluminium", "cold rolled aluminum", "rolled aluminium", "rolled aluminum",
        "aluminium, rolled", "aluminum, rolled", "aluminium cold rolling", "aluminum cold rolling",
        "aluminium sheet rolling", "aluminum sheet rolling"]),
    ("uslci/al-hot-rolling", "metal", "USLCI (Aluminum Association 2010), North America: hot-rolled aluminium, cradle to gate (metal, casting, hot rolling); scrap input cut off", [
        "aluminium plate", "aluminum plate", "aluminium, hot rolled", "aluminum, hot rolled",
        "hot rolled aluminium", "hot rolled aluminum", "aluminium hot rolling",
        "aluminum hot rolling"]),
    ("uslci/al-extrusion", "metal", "USLCI (Aluminum Association 2010), North America: extruded aluminium, cradle to gate (metal, billet casting, extrusion); scrap inputs cut off", [
        "aluminium extrusion", "aluminum extrusion", "aluminium, extruded", "aluminum, extruded",
        "extruded aluminium", "extruded aluminum", "aluminium profile", "aluminum profile"]),
    ("ice/steel-wire", "metal", "ICE v2.0 (Univ. of Bath 2011), steel wire, virgin, cradle to gate, wire drawing included", [
        "steel wire", "drawn steel wire", "steel, wire"]),
    ("desnz/battery-li-ion", "electronics", "DESNZ 2025 material use, batteries - Li ion, UK; per kg of battery", [
        "lithium-ion battery", "lithium ion battery", "Li-ion battery", "Li ion battery", "Li-ion",
        "LiB", "battery, lithium-ion", "lithium-ion batteries", "Li-ion battery per kg"]),
    ("ivl/li-ion-kwh", "electronics", "IVL 2019 (Emilsson and Dahllöf, C 444): NMC lithium-ion battery per unit of capacity, upper end of 61-106 kg CO2e/kWh; write the line in kWh", [
        "lithium-ion battery (kWh)", "Li-ion battery (kWh)", "Li-ion battery per kWh",
        "lithium-ion battery per kWh", "battery capacity, lithium-ion", "Li-ion capacity"]),
    ("desnz/glass", "glass", "DESNZ 2025 material use, glass, primary, UK; flint is colourless container glass", [
        "flint glass", "clear glass", "flint container glass"]),
    ("desnz/electrical-it", "electronics", "DESNZ 2025 material use, electrical items - IT, UK; whole-item average per kg", [
        "electrical items, IT", "IT equipment"]),
]
# Flagged proxies: names with no dataset of their own in the sources read; the reason is the
# proxy column of materials.csv, warned in results and rated lower by the data-quality table.
MATERIALS += [
    ("ice/pu-flexible", "plastic", "proxy: ICE polyurethane flexible foam", [
        "TPU", "thermoplastic polyurethane"],
     "no TPU figure in the sources read; ICE's polyurethane flexible foam (the same polymer family) stands in"),
    ("ice/pa6", "textile", "proxy: ICE nylon 6 polymer, no spinning", [
        "nylon", "polyamide", "PA", "nylon fibre", "nylon fiber", "nylon yarn", "polyamide fibre",
        "polyamide fiber", "polyamide yarn", "nylon fabric", "polyamide fabric"],
     "ICE's nylon 6 polymer granulate: fibre spinning (and for a fabric, knitting or weaving) is not included"),
    ("baseimpacts/polyester-filament", "textile", "proxy: ADEME Base Impacts polyester filament yarn", [
        "polyester fabric", "polyester textile", "PES fabric", "polyester cloth"],
     "the yarn only: add a knitting line (knitting CN...) for a knitted fabric; weaving has no bundled dataset"),
    ("desnz/electrical-it", "electronics", "proxy: DESNZ IT equipment average per kg", [
        "printed circuit board", "PCB", "PCBA", "printed circuit board assembly",
        "printed wiring board", "PWB", "circuit board"],
     "no open printed-circuit-board dataset found (per kg or per m2); DESNZ's average per kg of whole IT items stands in"),
    ("desnz/electrical-it", "electronics", "proxy: DESNZ IT equipment average per kg", [
        "LED", "light emitting diode", "light-emitting diode", "LED module", "LED chip",
        "LED package"],
     "no open LED dataset found; DESNZ's average per kg of whole IT items stands in"),
    ("desnz/electrical-small", "electronics", "proxy: DESNZ small electrical items, a whole-appliance average", [
        "electronics", "electronics proxy", "electronic components"],
     "a whole small appliance average per kg (DESNZ), not a component: name the parts (PCB, cable, battery) where known"),
    ("ice/plastics-general", "plastic", "proxy: ICE plastics, general", [
        "PMMA", "acrylic", "acrylic glass", "polymethyl methacrylate", "plexiglass", "perspex"],
     "no PMMA figure in the sources read; ICE's general plastics average stands in"),
    ("ice/plastics-general", "plastic", "proxy: ICE plastics, general", [
        "POM", "polyoxymethylene", "acetal", "polyacetal"],
     "no POM figure in the sources read; ICE's general plastics average stands in"),
    ("ice/plastics-general", "plastic", "proxy: ICE plastics, general", [
        "PBT", "polybutylene terephthalate"],
     "no PBT figure in the sources read; ICE's general plastics average stands in"),
    ("ice/rubber", "plastic", "proxy: ICE rubber, general", [
        "TPE", "thermoplastic elastomer", "TPR", "thermoplastic rubber"],
     "no TPE figure in the sources read; ICE's general rubber (an elastomer average) stands in"),
    ("ice/rubber", "plastic", "proxy: ICE rubber, general", [
        "EPDM", "EPDM rubber", "ethylene propylene diene rubber"],
     "no EPDM-specific figure in the sources read; ICE's general rubber stands in"),
    ("ice/rubber", "plastic", "proxy: ICE rubber, general", [
        "silicone", "silicone rubber", "VMQ"],
     "no silicone figure in the sources read; ICE's general rubber stands in (silicone is made from silicon metal, a different route)"),
    ("ice/zinc-virgin", "metal", "proxy: ICE zinc, virgin", [
        "zamak", "zamac", "die-cast zinc", "die cast zinc", "zinc die casting", "zinc alloy",
        "ZnAl4"],
     "zinc die-casting alloy (about 96 % zinc, 4 % aluminium) taken as ICE's virgin zinc; the die casting is not included"),
    ("ice/ceramics-sanitary", "glass", "proxy: ICE ceramics, sanitary products (vitreous china)", [
        "porcelain", "china", "fine china", "bone china"],
     "no porcelain figure in the sources read; ICE's vitreous-china sanitary ware, the nearest fired ceramic, stands in"),
    ("desnz/wood", "wood", "proxy: DESNZ wood (construction)", [
        "bamboo"],
     "no bamboo figure in the sources read; DESNZ construction wood stands in"),
    ("uslci/al-primary", "metal", "proxy: USLCI primary aluminium", [
        "magnesium", "Mg", "magnesium alloy", "AZ91"],
     "no magnesium figure in the sources read; primary aluminium (another light metal won by energy-intensive reduction) stands in and may understate magnesium"),
    ("baseimpacts/cotton-yarn", "textile", "proxy: ADEME Base Impacts conventional cotton yarn", [
        "wool", "sheep wool", "merino wool", "wool yarn", "wool fibre", "wool fiber"],
     "no wool figure in the sources read; cotton yarn (a natural fibre, cradle to yarn) stands in and leaves out sheep methane, so it may understate wool"),
    ("desnz/clothing", "textile", "proxy: DESNZ clothing (finished garments)", [
        "leather", "bovine leather", "cowhide", "genuine leather"],
     "no leather figure in the sources read; DESNZ's clothing average per kg stands in"),
    ("ice/tin", "metal", "proxy: ICE tin, general", [
        "solder", "tin solder", "lead-free solder", "SAC solder"],
     "solder (mostly tin) taken as ICE's tin; the silver and copper of the alloy are not counted apart"),
]
# The forming step a material's dataset includes ("" none): the engine notes metal and plastic
# lines whose dataset has none. Keys of datasets that are formed products.
FORMING = {
    "uslci/steel-hot-rolled": "hot rolling", "uslci/steel-cold-rolled": "cold rolling",
    "uslci/steel-galvanized": "rolling and galvanizing", "uslci/steel-plate-bf": "plate rolling",
    "uslci/steel-rebar-bf": "bar rolling", "uslci/stainless-304-coil": "rolling",
    "uslci/stainless-304-plate": "plate rolling", "uslci/al-hot-rolling": "hot rolling",
    "uslci/al-cold-rolling": "hot and cold rolling", "uslci/al-extrusion": "extrusion",
    "ice/al-cast-virgin": "casting", "ice/al-cast-average": "casting",
    "ice/al-cast-recycled": "casting", "ice/al-rolled-virgin": "rolling",
    "ice/al-extruded-virgin": "extrusion", "ice/steel-wire": "wire drawing",
    "ice/pu-flexible": "foaming", "ice/pu-rigid": "foaming", "ice/eps": "expansion (foam)",
    "desnz/steel-cans": "can making", "desnz/steel-recycled": "can making",
}
for _k in ("average", "hdpe", "ldpe", "pet", "pp", "ps", "pvc"):
    FORMING["desnz/" + _k] = FORMING["desnz/%s-recycled" % _k] = "forming (DESNZ, incl. forming)"

# DESNZ plastics "incl. forming", primary and closed-loop recycled on one basis.
for _key, _names in (("average", ["plastic", "plastics", "mixed plastics"]),
                     ("hdpe", ["HDPE (DESNZ)"]), ("ldpe", ["LDPE (DESNZ)", "LLDPE (DESNZ)"]),
                     ("pet", ["PET (DESNZ)"]), ("pp", ["PP (DESNZ)"]), ("ps", ["PS (DESNZ)"]),
                     ("pvc", ["PVC (DESNZ)"])):
    _rec = ["recycled " + n.replace(" (DESNZ)", "") for n in _names]
    if _key != "average":
        _short = _names[0].replace(" (DESNZ)", "")
        _rec += ["r" + _short, _short + ", recycled", "recycled %s (DESNZ)" % _short]
    MATERIALS.append(("desnz/" + _key, "plastic", "DESNZ 2025 material use, %s, primary, incl. forming, UK" % _key, _names))
    MATERIALS.append(("desnz/%s-recycled" % _key, "plastic", "DESNZ 2025 material use, %s, closed-loop source, incl. forming, UK" % _key, _rec))

# (process key, kind, [names])
SERVICES = [
    ("electricity/CN", "energy", ["electricity CN", "grid CN", "CN", "China"]),
    ("electricity/HK", "energy", ["electricity HK", "grid HK", "HK", "Hong Kong"]),
    ("electricity/EU", "energy", ["electricity EU", "grid EU", "EU", "EU-27"]),
    ("electricity/US", "energy", ["electricity US", "grid US", "US", "United States"]),
    ("combustion/natural-gas", "energy", ["natural gas", "gas"]),
    ("combustion/diesel", "energy", ["diesel", "gas oil", "light fuel oil"]),
    ("combustion/heavy-fuel-oil", "energy", ["heavy fuel oil", "HFO", "residual fuel oil"]),
    ("uslci/truck", "transport", ["truck", "lorry", "road", "HGV", "combination truck"]),
    ("uslci/truck-single-unit", "transport", ["single-unit truck", "rigid truck", "van"]),
    ("uslci/rail", "transport", ["rail", "train", "freight train"]),
    ("uslci/barge", "transport", ["inland ship", "barge", "inland waterway"]),
    ("uslci/ocean", "transport", ["sea ship", "ship", "ocean", "sea freight", "container ship"]),
    ("uslci/air", "transport", ["air", "air freight", "aircraft", "plane"]),
    ("eol/delivery-efw", "end-of-life", ["waste delivery to incinerator"]),
    ("baseimpacts/dyeing-representative", "processing", [
        "dyeing", "dyeing of fabric", "fabric dyeing", "dyeing (representative)"]),
    ("baseimpacts/dyeing-worst-case", "processing", [
        "dyeing (worst case)", "dyeing of fabric (worst case)", "dyeing, majorant"]),
    ("baseimpacts/heat-steam-asia", "energy", ["heat Asia", "steam Asia", "process heat Asia"]),
    ("baseimpacts/heat-steam-gas-europe", "energy", [
        "heat EU", "steam EU", "process heat EU", "steam from natural gas EU"]),
    ("processing/injection-moulding/CN", "processing", [
        "injection moulding CN", "injection molding CN", "injection moulding China"]),
    ("processing/injection-moulding/EU", "processing", [
        "injection moulding EU", "injection molding EU"]),
    ("processing/injection-moulding/US", "processing", [
        "injection moulding US", "injection molding US"]),
    ("processing/injection-moulding/HK", "processing", [
        "injection moulding HK", "injection molding HK"]),
]
for _code, _extra in (("CN", ["China"]), ("EU", []), ("US", []), ("HK", [])):
    SERVICES.append(("processing/thermoforming/" + _code, "processing",
                     ["thermoforming " + _code] + ["thermoforming " + e for e in _extra]))
    SERVICES.append(("processing/knitting/" + _code, "processing",
                     ["knitting " + _code] + ["knitting " + e for e in _extra]))
# End-of-life services named "<route> <family>", as product files' [end_of_life] writes them.
for _route in ("landfill", "recycling", "incineration", "incineration_energy_recovery"):
    for _family in ("plastic", "metal", "glass", "paper", "wood", "textile", "electronics"):
        SERVICES.append(("eol/%s/%s" % (_route, _family), "end-of-life",
                         ["%s %s" % (_route, _family)]))


def write(datasets_dir, known_keys):
    """Writes the two CSV files; rows whose process is not in the package are skipped (and
    returned, so the build report lists them)."""
    skipped = []
    lines = ["name,process,family,note,proxy,forming"]
    for row in MATERIALS:
        key, family, note, names = row[:4]
        proxy = row[4] if len(row) > 4 else ""
        if key not in known_keys:
            skipped.append(key)
            continue
        for n in names:
            lines.append('"%s",%s,%s,"%s","%s","%s"' % (n, mint("process/" + key), family, note,
                                                       proxy, FORMING.get(key, "")))
    with open("%s/materials.csv" % datasets_dir, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    lines = ["name,process,kind"]
    for key, kind, names in SERVICES:
        if key not in known_keys:
            skipped.append(key)
            continue
        for n in names:
            lines.append('"%s",%s,%s' % (n, mint("process/" + key), kind))
    with open("%s/services.csv" % datasets_dir, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return skipped
