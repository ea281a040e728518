"""carbon.py: the carbon content of the bundled materials, written into their product flows as
the EF flow properties "Carbon content (fossil)" and "Carbon content (biogenic)" (kg C per kg of
material), the way EF-compliant ILCD datasets declare it. pcf sums them over a product's BOM to
report the carbon content ISO 14067 and PACT ask for.

Two sources only, each named in the flow's comment:
- polymers with a definite repeat unit: its molecular formula and the IUPAC standard atomic
  weights (abridged, 2021 table: C 12.011, H 1.008, N 14.007, O 15.999, Cl 35.45), for the neat
  polymer (fillers, plasticisers and pigments of a compound not counted); all fossil carbon;
- paper and cardboard, wood: the IPCC 2006 Guidelines, Vol. 5, Chapter 2, Table 2.4 (dry matter
  content, total carbon content of the dry matter, fossil carbon fraction of MSW components).
Cotton is cellulose, (C6H10O5)n, on a dry basis (its moisture, a few per cent, not deducted).
Metals and glass: no carbon (steel, below 2.1 % carbon by definition and typically 0.05-0.3 %,
is counted as carbon-free, a stated simplification; cast iron, 2-4 % carbon, is left without a
value rather than counted as none). Copolymers (ABS, HIPS), mixes (average
plastics, clothing, electronics) are left without a value: pcf reports them as not covered.
"""

WEIGHT = {"C": 12.011, "H": 1.008, "N": 14.007, "O": 15.999, "Cl": 35.45}

FOSSIL = ("64b8e725-b0ba-4837-abb9-62dc0e7b9f6f", "Carbon content (fossil)")
BIOGENIC = ("62e503ce-544a-4599-b2ad-bcea15a7bf20", "Carbon content (biogenic)")


def carbon_fraction(formula):
    """Mass fraction of carbon in a formula given as {element: count}."""
    total = sum(WEIGHT[e] * n for e, n in formula.items())
    return WEIGHT["C"] * formula.get("C", 0) / total


POLYMERS = {  # repeat unit
    "polyethylene (C2H4)n": {"C": 2, "H": 4},
    "polypropylene (C3H6)n": {"C": 3, "H": 6},
    "polyethylene terephthalate (C10H8O4)n": {"C": 10, "H": 8, "O": 4},
    "polystyrene (C8H8)n": {"C": 8, "H": 8},
    "polyvinyl chloride (C2H3Cl)n": {"C": 2, "H": 3, "Cl": 1},
    "polycarbonate of bisphenol A (C16H14O3)n": {"C": 16, "H": 14, "O": 3},
    "polyamide 6 (C6H11NO)n": {"C": 6, "H": 11, "N": 1, "O": 1},
    "polyamide 6.6 (C12H22N2O2)n": {"C": 12, "H": 22, "N": 2, "O": 2},
}
CELLULOSE = {"C": 6, "H": 10, "O": 5}

# IPCC 2006 Vol. 5 Table 2.4 (defaults): dry matter, carbon of dry matter, fossil carbon fraction
IPCC_T24 = {"paper and cardboard": (0.90, 0.46, 0.01), "wood": (0.85, 0.50, 0.00)}

_POLYMER_OF = {
    "uslci/hdpe": "polyethylene (C2H4)n", "uslci/ldpe": "polyethylene (C2H4)n",
    "uslci/lldpe": "polyethylene (C2H4)n", "desnz/hdpe": "polyethylene (C2H4)n",
    "desnz/hdpe-recycled": "polyethylene (C2H4)n", "desnz/ldpe": "polyethylene (C2H4)n",
    "desnz/ldpe-recycled": "polyethylene (C2H4)n",
    "uslci/pp": "polypropylene (C3H6)n", "desnz/pp": "polypropylene (C3H6)n",
    "desnz/pp-recycled": "polypropylene (C3H6)n",
    "uslci/pet": "polyethylene terephthalate (C10H8O4)n",
    "desnz/pet": "polyethylene terephthalate (C10H8O4)n",
    "desnz/pet-recycled": "polyethylene terephthalate (C10H8O4)n",
    "baseimpacts/polyester-filament": "polyethylene terephthalate (C10H8O4)n",
    "baseimpacts/polyester-filament-recycled": "polyethylene terephthalate (C10H8O4)n",
    "uslci/gpps": "polystyrene (C8H8)n", "desnz/ps": "polystyrene (C8H8)n",
    "desnz/ps-recycled": "polystyrene (C8H8)n",
    "uslci/pvc": "polyvinyl chloride (C2H3Cl)n", "desnz/pvc": "polyvinyl chloride (C2H3Cl)n",
    "desnz/pvc-recycled": "polyvinyl chloride (C2H3Cl)n",
    "ice/pc": "polycarbonate of bisphenol A (C16H14O3)n",
    "ice/pa6": "polyamide 6 (C6H11NO)n", "ice/pa66": "polyamide 6.6 (C12H22N2O2)n",
    "ice/eps": "polystyrene (C8H8)n",
}
_IPCC_OF = {"desnz/board": "paper and cardboard", "desnz/paper": "paper and cardboard",
            "desnz/board-recycled": "paper and cardboard",
            "desnz/paper-recycled": "paper and cardboard", "desnz/wood": "wood"}
_CELLULOSE_OF = ("tiangong/cotton-fibre", "baseimpacts/cotton-yarn")
_NO_CARBON = ("uslci/steel-hot-rolled", "uslci/steel-cold-rolled", "uslci/steel-galvanized",
              "uslci/steel-billet", "uslci/steel-plate-bf", "uslci/steel-rebar-bf",
              "uslci/al-primary", "uslci/al-mix", "uslci/al-secondary", "uslci/stainless-304-coil",
              "uslci/stainless-304-plate", "desnz/glass", "desnz/glass-recycled",
              "desnz/steel-recycled", "ice/steel-recycled", "tiangong/copper-primary",
              "tiangong/copper-secondary", "ice/brass-virgin", "ice/brass-recycled",
              "ice/brass-average", "ice/zinc-virgin", "ice/zinc-recycled", "ice/zinc-average",
              "desnz/al-cans", "desnz/al-cans-recycled", "desnz/steel-cans",
              "uslci/al-hot-rolling", "uslci/al-cold-rolling", "uslci/al-extrusion",
              "ice/al-cast-virgin", "ice/al-cast-average", "ice/al-cast-recycled",
              "ice/al-rolled-virgin", "ice/al-extruded-virgin", "ice/steel-wire", "ice/tin")


def waste_content(key):
    """The carbon of a family's average waste ("waste/<family>/<route>" flows), as the bundled
    end-of-life datasets model it (authored_eol.py, IPCC 2006 Vol. 5 Table 2.4): pcf replaces it
    by a material's own carbon at incineration and landfill. None for a family without a Table 2.4
    composition (electronics)."""
    import authored_eol
    parts = key.split("/")
    t24 = authored_eol.FAMILIES.get(parts[1], (None,) * 4)[3] if len(parts) == 3 else None
    if t24 is None:
        return None
    dm, cf, fcf = t24
    c = dm * cf
    return c * fcf, c * (1 - fcf), (
        "Carbon content of the family's average waste %.6f kg C/kg (fossil %.6f, biogenic %.6f): "
        "IPCC 2006 Vol. 5 Table 2.4, dry matter %g, carbon %g of dry matter, fossil carbon fraction "
        "%g; a material declaring its own carbon content replaces it at incineration and landfill."
        % (c, c * fcf, c * (1 - fcf), dm, cf, fcf))


def content(key):
    """(fossil kg C/kg, biogenic kg C/kg, where the figures come from) for a material's flow
    key, or None when the package gives it no carbon content."""
    if key.startswith("waste/"):
        return waste_content(key)
    if key in _POLYMER_OF:
        name = _POLYMER_OF[key]
        c = carbon_fraction(POLYMERS[name])
        return c, 0.0, ("Carbon content %.6f kg C/kg, all fossil: %s from its molecular formula and "
                        "the IUPAC standard atomic weights (neat polymer; additives not counted)."
                        % (c, name))
    if key in _IPCC_OF:
        what = _IPCC_OF[key]
        dm, cf, fcf = IPCC_T24[what]
        c = dm * cf
        return c * fcf, c * (1 - fcf), (
            "Carbon content %.6f kg C/kg (fossil %.6f, biogenic %.6f): IPCC 2006 Vol. 5 Table 2.4, "
            "%s: dry matter %g, carbon %g of dry matter, fossil carbon fraction %g."
            % (c, c * fcf, c * (1 - fcf), what, dm, cf, fcf))
    if key in _CELLULOSE_OF:
        c = carbon_fraction(CELLULOSE)
        return 0.0, c, ("Carbon content %.6f kg C/kg, all biogenic: cellulose (C6H10O5)n from its "
                        "molecular formula, dry basis (moisture not deducted)." % c)
    if key in _NO_CARBON:
        return 0.0, 0.0, ("Carbon content 0: a metal or glass (steel's carbon, below 2.1 % by "
                          "definition, counted as none).")
    return None
