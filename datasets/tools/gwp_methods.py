"""gwp_methods.py: IPCC AR5 and AR4 GWP100 LCIA methods over the EF 3.1 elementary flows.

Each EF 3.1 climate method (total, fossil, biogenic, land use and LUC; IPCC AR6 values) is
mirrored factor by factor: same flow UUIDs, directions and compartments, with the AR5 or AR4
value of the same gas. Values come from datasets/sources/globalwarmingpotentials.csv (the
openclimatedata compilation), mapped to EF flow names by gwp_species_to_ef.csv, with methane
split by origin from gwp_methane_split.csv. CO2 factors are copied from the AR6 method (they are
definitions, not report values: fossil and LUC 1, uptake from air -1 as an Input, biogenic 0).
Flows whose gas has no value in the report are left out of that method and listed.
"""
import csv
import os
import xml.etree.ElementTree as ET

from ilcdxml import TIMESTAMP, VERSION, header, mint, num, ref, t

NS = {"m": "http://lca.jrc.it/ILCD/LCIAMethod", "c": "http://lca.jrc.it/ILCD/Common",
      "f": "http://lca.jrc.it/ILCD/Flow"}

# The four EF 3.1 climate methods and the suffix used for their AR5/AR4 twins.
EF_METHODS = [
    ("6209b35f-9447-40b5-b68c-a1099e3674a0", "total", "Climate change"),
    ("7fce5b3a-66b8-4ce1-91e8-a925aee1f186", "fossil", "Climate change-Fossil"),
    ("706261af-a357-4cc0-a50a-f3033fcbd556", "biogenic", "Climate change-Biogenic"),
    ("14af9ca7-aa1d-4832-b1d9-ab05a06dcb12", "luluc", "Climate change-Land use and land use change"),
]
MASS_PROPERTY = "93a60a56-a3c8-11da-a746-0800200b9a66"
IPCC_CONTACT = "d88fc353-3b6b-434b-a71f-31d494f02daa"

REPORTS = {
    "AR5": dict(column="AR5GWP100", year=2013,
                title="IPCC AR5 GWP100 (no climate-carbon feedback)",
                source_key="source/ipcc-ar5-wg1-table-8.A.1",
                source_short="IPCC 2013, AR5 WG1 Table 8.A.1",
                citation="Myhre, G., D. Shindell et al., 2013: Anthropogenic and Natural Radiative "
                         "Forcing. In: Climate Change 2013: The Physical Science Basis. Contribution "
                         "of Working Group I to the Fifth Assessment Report of the Intergovernmental "
                         "Panel on Climate Change. Cambridge University Press. Chapter 8, Appendix "
                         "8.A, Table 8.A.1 (GWP100 without climate-carbon feedbacks).",
                comment="GWP100 values of IPCC AR5 WG1 Table 8.A.1 without climate-carbon "
                        "feedbacks (the values of the GHG Protocol 2016 table and of most AR5-based "
                        "inventories; EF 3.0 used the with-feedback values instead, a different "
                        "set). Methane: fossil 30, non-fossil 28."),
    "AR4": dict(column="AR4GWP100", year=2007,
                title="IPCC AR4 GWP100",
                source_key="source/ipcc-ar4-wg1-table-2.14",
                source_short="IPCC 2007, AR4 WG1 Table 2.14",
                citation="Forster, P., V. Ramaswamy et al., 2007: Changes in Atmospheric "
                         "Constituents and in Radiative Forcing. In: Climate Change 2007: The "
                         "Physical Science Basis. Contribution of Working Group I to the Fourth "
                         "Assessment Report of the Intergovernmental Panel on Climate Change. "
                         "Cambridge University Press. Chapter 2, Table 2.14 (GWP for 100-year time "
                         "horizon).",
                comment="GWP100 values of IPCC AR4 WG1 Table 2.14 (as used by the Kyoto Protocol's "
                        "second commitment period and UNFCCC reporting 2015-2023). Methane 25 "
                        "whatever its origin."),
}


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    return list(csv.DictReader(lines))


def flow_names(ef_dir):
    """uuid -> (baseName, last category, CAS) of every EF flow."""
    out = {}
    fdir = os.path.join(ef_dir, "flows")
    for fn in sorted(os.listdir(fdir)):
        r = ET.parse(os.path.join(fdir, fn)).getroot()
        uid = r.findtext(".//c:UUID", namespaces=NS)
        cats = [c.text for c in r.iterfind(".//c:category", NS)]
        out[uid] = (r.findtext(".//f:baseName", namespaces=NS).strip(), cats[-1] if cats else "",
                    r.findtext(".//f:CASNumber", namespaces=NS) or "")
    return out


def ef_factors(ef_dir, method_uuid):
    r = ET.parse(os.path.join(ef_dir, "lciamethods", method_uuid + ".xml")).getroot()
    out = []
    for f in r.iterfind(".//m:factor", NS):
        fr = f.find("m:referenceToFlowDataSet", NS)
        out.append(dict(flow=fr.get("refObjectId"), version=fr.get("version"),
                        desc=(fr.findtext("c:shortDescription", namespaces=NS) or "").strip(),
                        direction=f.findtext("m:exchangeDirection", namespaces=NS).strip(),
                        value=float(f.findtext("m:meanValue", namespaces=NS))))
    return out


def gas_of(name):
    """Classify an EF flow name for the CO2/CH4 rules."""
    n = name.lower()
    if n.startswith("carbon dioxide"):
        return "CO2"
    if n.startswith("methane"):
        return "CH4-biogenic" if "biogenic" in n else "CH4-fossil"  # fossil and land use change
    return None


class GwpTables:
    def __init__(self, src_dir):
        self.rows = {r["Species"]: r for r in read_csv(os.path.join(src_dir, "globalwarmingpotentials.csv"))}
        self.name_to_species = {}
        for r in read_csv(os.path.join(src_dir, "gwp_species_to_ef.csv")):
            for n in r["ef_names"].split("|"):
                self.name_to_species[n.strip().lower()] = r["species"]
        self.ch4 = {r["report"]: r for r in read_csv(os.path.join(src_dir, "gwp_methane_split.csv"))}

    def value(self, report, flow_name, ar6_value):
        """(value or None, species) of one EF flow in one report."""
        gas = gas_of(flow_name)
        if gas == "CO2":
            return ar6_value, "CO2"
        if gas == "CH4-fossil":
            return float(self.ch4[report]["ch4_fossil"]), "CH4 fossil"
        if gas == "CH4-biogenic":
            return float(self.ch4[report]["ch4_non_fossil"]), "CH4 non-fossil"
        sp = self.name_to_species.get(flow_name.lower())
        if sp is None:
            return None, None
        cell = self.rows[sp][REPORTS[report]["column"]] if report in REPORTS else self.rows[sp]["AR6GWP100"]
        return (float(cell) if cell.strip() else None), sp

    def check_against_ar6(self, ef_dir, names):
        """Every mapped species' AR6 value in the compilation must equal the EF 3.1 factor."""
        problems = []
        for fac in ef_factors(ef_dir, EF_METHODS[0][0]):
            name = names[fac["flow"]][0]
            sp = self.name_to_species.get(name.lower())
            if sp is None:
                continue
            cell = self.rows[sp]["AR6GWP100"].strip()
            if cell and abs(float(cell) - fac["value"]) > 1e-9 * max(1.0, abs(fac["value"])):
                problems.append("%s (%s): compilation AR6 %s, EF 3.1 %s" % (name, sp, cell, fac["value"]))
        return problems


def method_xml(uid, name, report, part, factors, source_uuid, source_short, owner):
    r = REPORTS[report]
    out = [header("LCIAMethodDataSet", "LCIAMethod", "ILCD_LCIAMethodDataSet.xsd")]
    out.append("<LCIAMethodInformation>\n<dataSetInformation>\n")
    out.append("<common:UUID>%s</common:UUID>\n" % uid)
    out.append('<common:name xml:lang="en">%s</common:name>\n' % t(name))
    out.append("<methodology>IPCC %s GWP100</methodology>\n" % report)
    out.append("<impactCategory>Climate change</impactCategory>\n")
    out.append("<impactIndicator>Radiative forcing as Global Warming Potential (GWP100)"
               "</impactIndicator>\n")
    comment = ("%s Same elementary flows, directions and compartments as the EF 3.1 method "
               "'%s' (IPCC AR6), which this dataset mirrors factor by factor (%s part). CO2 "
               "factors as in EF 3.1: fossil and land-use change 1, uptake from air -1 (Input), "
               "biogenic 0. Flows of gases without a %s value are left out. Generated by "
               "datasets/tools/build_package.py from datasets/sources/globalwarmingpotentials.csv "
               "(openclimatedata/globalwarmingpotentials, CC0)."
               % (r["comment"], dict((m[1], m[2]) for m in EF_METHODS)[part], part, report))
    out.append('<common:generalComment xml:lang="en">%s</common:generalComment>\n' % t(comment))
    out.append(ref("referenceToExternalDocumentation", "source data set", source_uuid, source_short,
                   ns="") + "\n")
    out.append("</dataSetInformation>\n")
    out.append("<quantitativeReference>" + ref("referenceQuantity", "flow property data set",
                                                 MASS_PROPERTY, "kg CO2 Equivalents", ns="")
               + "</quantitativeReference>\n")
    out.append('<time><referenceYear xml:lang="en">%d</referenceYear>'
               '<duration xml:lang="en">time independent</duration></time>\n' % r["year"])
    out.append("<geography><interventionLocation>GLO</interventionLocation>"
               "<impactLocation>GLO</impactLocation></geography>\n")
    out.append("<impactModel><modelName>Baseline model of 100 years of the IPCC (%s)</modelName>"
               '<modelDescription xml:lang="en">IPCC model to calculate the relative contribution '
               "of different emissions to global warming over 100 years.</modelDescription>"
               "</impactModel>\n" % report)
    out.append("</LCIAMethodInformation>\n")
    out.append("<modellingAndValidation><LCIAMethodNormalisationAndWeighting>"
               "<typeOfDataSet>Mid-point indicator</typeOfDataSet>"
               "<normalisation>false</normalisation><weighting>false</weighting>"
               "</LCIAMethodNormalisationAndWeighting></modellingAndValidation>\n")
    out.append("<administrativeInformation>\n<common:commissionerAndGoal>")
    out.append(ref("referenceToCommissioner", "contact data set", IPCC_CONTACT,
                   "Intergovernmental Panel on Climate Change"))
    out.append("</common:commissionerAndGoal>\n<dataGenerator>")
    out.append(ref("referenceToPersonOrEntityGeneratingTheDataSet", "contact data set", owner[0],
                   owner[1]))
    out.append("</dataGenerator>\n")
    out.append("<dataEntryBy><common:timeStamp>%s</common:timeStamp>" % TIMESTAMP)
    out.append(ref("referenceToDataSetFormat", "source data set",
                   "a97a0155-0234-4b87-b4ce-a45da52f2a40", "ILCD format"))
    out.append("</dataEntryBy>\n<publicationAndOwnership><common:dataSetVersion>%s"
               "</common:dataSetVersion>" % VERSION)
    out.append(ref("referenceToOwnershipOfDataSet", "contact data set", owner[0], owner[1]))
    out.append("<common:copyright>false</common:copyright>")
    out.append("</publicationAndOwnership>\n</administrativeInformation>\n")
    out.append("<characterisationFactors>\n")
    for f in factors:
        out.append("<factor>")
        out.append(ref("referenceToFlowDataSet", "flow data set", f["flow"], f["desc"], ns="",
                       version=f["version"]))
        out.append("<exchangeDirection>%s</exchangeDirection>" % f["direction"])
        out.append("<meanValue>%s</meanValue>" % num(f["new"]))
        out.append("<dataDerivationTypeStatus>Calculated</dataDerivationTypeStatus>")
        out.append('<generalComment xml:lang="en">%s</generalComment>' % t(f["why"]))
        out.append("</factor>\n")
    out.append("</characterisationFactors>\n</LCIAMethodDataSet>\n")
    return "".join(out)


def build(ef_dir, src_dir, owner):
    """Returns ({path: xml}, methods {(report, part): uuid}, report text lines)."""
    tables = GwpTables(src_dir)
    names = flow_names(ef_dir)
    problems = tables.check_against_ar6(ef_dir, names)
    if problems:
        raise SystemExit("GWP mapping disagrees with EF 3.1 AR6 factors:\n  " + "\n  ".join(problems))
    files, uuids, notes = {}, {}, []
    for report, r in REPORTS.items():
        src_uuid = mint(r["source_key"])
        missing = {}
        for ef_uuid, part, ef_name in EF_METHODS:
            factors = []
            for fac in ef_factors(ef_dir, ef_uuid):
                name = names[fac["flow"]][0]
                val, sp = tables.value(report, name, fac["value"])
                if val is None:
                    missing.setdefault(name, fac["value"])
                    continue
                why = ("%s: %s" % (sp, REPORTS[report]["source_short"]) if sp not in ("CO2",)
                       else "CO2: definition, as in the EF 3.1 method")
                factors.append(dict(fac, new=val, why=why))
            uid = mint("lciamethod/%s/%s" % (report, part))
            uuids[(report, part)] = uid
            mname = "%s - %s" % (r["title"], ef_name)
            files["lciamethods/%s.xml" % uid] = method_xml(uid, mname, report, part, factors,
                                                          src_uuid, r["source_short"], owner)
            notes.append("%s %s: %d factors (EF 3.1 AR6 method has %d)"
                         % (report, part, len(factors), len(ef_factors(ef_dir, ef_uuid))))
        notes.append("%s: EF flows without a %s value (AR6 value in brackets): %s"
                     % (report, report, "; ".join("%s [%s]" % (k, num(v)) for k, v in sorted(missing.items(), key=lambda x: x[0].lower()))))
    return files, uuids, notes
