"""maps.py: the name maps BOMs and product files use, written to datasets/materials.csv and
datasets/services.csv by build_package.py (process UUIDs come from the same stable keys as the
datasets, so the maps never drift from the package).

materials.csv: name,process,family,note   (family: plastic/metal/glass/paper/wood/textile/
               electronics, used for end-of-life defaults)
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
    ("uslci/al-hot-rolling", "processing", ["aluminium hot rolling", "aluminum hot rolling"]),
    ("uslci/al-cold-rolling", "processing", ["aluminium cold rolling", "aluminum cold rolling",
                                             "aluminium sheet rolling", "aluminum sheet rolling"]),
    ("uslci/al-extrusion", "processing", ["aluminium extrusion", "aluminum extrusion"]),
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
# End-of-life services named "<route> <family>", as product files' [end_of_life] writes them.
for _route in ("landfill", "recycling", "incineration", "incineration_energy_recovery"):
    for _family in ("plastic", "metal", "glass", "paper", "wood", "textile", "electronics"):
        SERVICES.append(("eol/%s/%s" % (_route, _family), "end-of-life",
                         ["%s %s" % (_route, _family)]))


def write(datasets_dir, known_keys):
    """Writes the two CSV files; rows whose process is not in the package are skipped (and
    returned, so the build report lists them)."""
    skipped = []
    lines = ["name,process,family,note"]
    for key, family, note, names in MATERIALS:
        if key not in known_keys:
            skipped.append(key)
            continue
        for n in names:
            lines.append('"%s",%s,%s,"%s"' % (n, mint("process/" + key), family, note))
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
