"""build_processes.py: product flows, processes and their sources for the bundled package.

Two kinds of process datasets are written, both with one reference product (an Output):
 - converted from the US LCI database (uslci.py): real inventories, greenhouse-gas elementary
   flows mapped to EF 3.1 flows;
 - aggregated from linked TianGong unit processes (tiangong.py): greenhouse-gas inventories
   of a chain, the gases kept apart;
 - authored from one published factor (authored.py): where the source splits gases the process
   has elementary exchanges; where it gives only a CO2e total the process has no elementary
   exchanges and an LCIAResult against the method of the GWP set the source used.
Every process references the ILCD source dataset(s) of its numbers (referenceToDataSource).
"""
import os
import xml.etree.ElementTree as ET

import authored
import carbon
import authored_eol
import authored_processing
import maps
import tiangong
import uslci
from ilcdxml import mint, process_xml, product_flow_xml, source_xml, contact_xml

NS = {"c": "http://lca.jrc.it/ILCD/Common", "f": "http://lca.jrc.it/ILCD/Flow"}

PROPERTIES = {
    "mass": ("93a60a56-a3c8-11da-a746-0800200b9a66", "Mass"),
    "energy": ("93a60a56-a3c8-11da-a746-0800200c9a66", "Net calorific value"),
    "transport": ("838aaa20-0117-11db-92e3-0800200c9a66", "Mass*length"),
}
UNIT = {"mass": "kg", "energy": "MJ", "transport": "t*km"}


class EFFlows:
    """Index of the EF 3.1 elementary flows by (lower-case base name, last category)."""

    def __init__(self, ef_dir):
        self.by_key = {}
        fdir = os.path.join(ef_dir, "flows")
        for fn in sorted(os.listdir(fdir)):
            r = ET.parse(os.path.join(fdir, fn)).getroot()
            uid = r.findtext(".//c:UUID", namespaces=NS)
            name = r.findtext(".//f:baseName", namespaces=NS).strip()
            cats = [c.text for c in r.iterfind(".//c:category", NS)]
            ver = r.findtext(".//c:dataSetVersion", namespaces=NS)
            key = (name.lower(), cats[-1])
            # a few names occur twice per compartment (case variants); keep the first by file name
            self.by_key.setdefault(key, (uid, ver, "%s (Mass, kg, %s)" % (name, cats[-1])))

    def get(self, name, compartment):
        k = (name.lower(), compartment)
        if k not in self.by_key:
            raise SystemExit("no EF 3.1 flow %r in %r" % k)
        return self.by_key[k]


class Builder:
    def __init__(self, pkg, shared, methods, owner):
        self.pkg, self.shared, self.methods, self.owner = pkg, shared, methods, owner
        ef_dir = os.path.join(shared, "ilcd", "ef31-climate", "ILCD")
        self.ef = EFFlows(ef_dir)
        self.sources = {}
        self.flows = {}
        self.notes = []
        self.index = []  # rows for datasets/processes.csv
        self.keys = set()

    def source(self, key, short, citation, description, url=None):
        uid = mint("source/" + key)
        if key not in self.sources:
            self.pkg.put("sources/%s.xml" % uid, source_xml(uid, short, citation, description, url))
            self.sources[key] = (uid, short)
        return self.sources[key]

    def contact(self, key, short, name, www=None):
        uid = mint("contact/" + key)
        self.pkg.put("contacts/%s.xml" % uid, contact_xml(uid, short, name, www))
        return uid, short

    def product_flow(self, key, name, kind, classes, comment, flow_type="Product flow"):
        uid = mint("flow/" + key)
        pu, pn = PROPERTIES[kind]
        extra = ()
        c = carbon.content(key) if kind == "mass" and flow_type in ("Product flow", "Waste flow") else None
        if c:  # EF flow properties, kg C per kg (tools/carbon.py)
            extra = ((carbon.FOSSIL[0], carbon.FOSSIL[1], c[0]), (carbon.BIOGENIC[0], carbon.BIOGENIC[1], c[1]))
            comment = "%s %s" % (comment, c[2])
        self.pkg.put("flows/%s.xml" % uid,
                     product_flow_xml(uid, name, classes, pu, pn, comment, flow_type=flow_type,
                                      extra_props=extra))
        self.flows[key] = (uid, name, kind)
        return uid

    def method(self, report, part="total"):
        if report == "AR6":
            return {"total": "6209b35f-9447-40b5-b68c-a1099e3674a0",
                    "fossil": "7fce5b3a-66b8-4ce1-91e8-a925aee1f186",
                    "biogenic": "706261af-a357-4cc0-a50a-f3033fcbd556",
                    "luluc": "14af9ca7-aa1d-4832-b1d9-ab05a06dcb12"}[part]
        return self.methods[(report, part)]

    def process(self, key, p, flow_key, elementary, lcia=(), family="", kind="",
                ref_direction="Output", inputs=()):
        """elementary: [(EF base name, EF compartment, direction, amount per reference unit,
        comment)]; lcia: [(report, part, amount)]. ref_direction "Input" for a waste treatment
        (its reference flow is the waste it takes in); inputs: [(flow key, amount per reference
        unit, comment)], product flows the process takes from other processes of the package."""
        uid = mint("process/" + key)
        self.keys.add(key)
        fuid, fname, fkind = self.flows[flow_key]
        ex = [dict(flow=fuid, flow_name=fname, direction=ref_direction, amount=1.0,
                   derivation="Measured", comment="Reference flow: 1 %s." % UNIT[fkind])]
        for ikey, amount, comment in inputs:
            iu, iname, ikind = self.flows[ikey]
            ex.append(dict(flow=iu, flow_name=iname, direction="Input", amount=amount,
                           comment=comment))
        for name, comp, direction, amount, comment in elementary:
            if amount == 0:
                continue
            fu, ver, desc = self.ef.get(name, comp)
            ex.append(dict(flow=fu, version=ver, flow_name=desc, direction=direction,
                           amount=amount, comment=comment))
        p = dict(p, uuid=uid, reference=0, exchanges=ex, owner=p.get("owner", self.owner),
                 lcia=[(self.method(r, part), "%s GWP100 %s" % (r, part), amt)
                       for r, part, amt in lcia])
        self.pkg.put("processes/%s.xml" % uid, process_xml(p))
        self.index.append((uid, p["name"], UNIT[fkind], p["location"], family, kind,
                           "; ".join(s[1] for s in p["sources"])))
        return uid


def build(pkg, shared, methods, owner):
    b = Builder(pkg, shared, methods, owner)
    uslci.build(b)
    authored.build(b)
    authored_eol.build(b)
    authored_processing.build(b)
    tiangong.build(b)
    lines = ["uuid,name,unit,location,family,kind,sources"]
    for row in sorted(b.index, key=lambda r: (r[5], r[4], r[1])):
        lines.append(",".join('"%s"' % str(c).replace('"', "'") for c in row))
    with open(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                           "processes.csv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    skipped = maps.write(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), b.keys)
    if skipped:
        b.notes.append("map rows skipped (process not in package): " + ", ".join(skipped))
    return b.notes
