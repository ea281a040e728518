#!/usr/bin/env python3
"""check_chain.py: an independent cradle-to-gate calculation on the TianGong ILCD zip.

Reads the zip directly (zipfile + ElementTree, nothing of pcf), links processes by the rule that
pcf/include/pcf/system.h states, solves the linked system reachable from a process in plain
Python and characterises it with the EF 3.1 climate methods (IPCC AR6 GWP100) held in the zip.
It exists to check pcf's linking and solving on real data (issue 3), and its inventory
(`chain_inventory`) is what datasets/tools/tiangong.py aggregates into bundled datasets.

The linking rule, written here from system.h's text (not from pcf's code):
  * A process PROVIDES its reference flow when that flow is a Product flow and the reference
    exchange is an Output, or a Waste flow and the reference exchange is an Input (a treatment),
    and the process's net amount of that flow (exchanges in the reference exchange's direction
    minus those in the other) is positive.
  * Several providers of one flow: the first in load order (zip order) is taken; the others are
    reported as an ambiguity.
  * Column j of A holds provider j's exchanges of provided flows, in the flow's reference unit:
    product outputs and waste inputs +, product inputs and waste outputs -. Product or waste
    exchanges whose flow has no provider are cut off (reported as unlinked).
  * direct[j] = sum over j's elementary exchanges of amount x factor(flow, direction); a process
    without elementary exchanges counts with its published LCIAResult for the method, if any.
  * Per unit of a provider's flow: solve A s = e_row, impact = direct . s. A process that
    provides nothing (or was not the one chosen) is foreground: its own direct impacts plus its
    linked exchanges' provider intensities, per unit of its reference exchange.
  * Multi-functional processes (several distinct referenceToReferenceFlow, or <allocations> on
    exchanges) are replaced by mono-functional views, each with one reference exchange. FUNCTIONS:
    the reference exchanges (in the order written), then the exchanges named by allocations as
    co-products, that are a product Output or a waste Input; exchanges of one flow in one
    direction are one function, their amounts added.
      - Allocations that name a function: one view per function, holding the function and every
        other exchange times its allocatedFraction / 100 for that function; other functions left
        out. An exchange with allocations (naming functions) but none for this function: 0. An
        exchange without: the function's own share (allocations on the function's exchanges
        naming the function), else in full. A published LCIAResult is scaled by the own share.
      - Otherwise one view for the first function: the other reference exchanges are ordinary
        exchanges. Without any function: the first reference exchange, with the other reference
        exchanges of its flow and direction added to it; the process provides nothing.
    A process is footprinted by its first view; each view is a provider candidate, in order, at
    the process's place in load order.

Amounts are resultingAmount, else meanAmount. Directions are compared case-insensitively.

Usage:
  python3 tests/tiangong/check_chain.py [--zip PATH] [--json] [--inventory] UUID...
  python3 tests/tiangong/check_chain.py --groups   # the 12 chain roots of GROUPS.txt
"""
import argparse
import json
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_ZIP = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'ilcd',
                                            'tiangong-lca-2024.zip'))
GROUPS = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'ilcd',
                                       'tiangong-subset', 'GROUPS.txt'))

NS_COMMON = 'http://lca.jrc.it/ILCD/Common'
# EF 3.1 climate change methods (AR6): total and its three sub-indicators.
METHODS = {
    'total': '6209b35f-9447-40b5-b68c-a1099e3674a0',
    'fossil': '7fce5b3a-66b8-4ce1-91e8-a925aee1f186',
    'biogenic': '706261af-a357-4cc0-a50a-f3033fcbd556',
    'dluc': '14af9ca7-aa1d-4832-b1d9-ab05a06dcb12',
}
UUID_RE = re.compile(r'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')


def local(tag):
    return tag.rsplit('}', 1)[-1]


def children(elem, name):
    return [c for c in elem if local(c.tag) == name]


def child(elem, name):
    for c in elem:
        if local(c.tag) == name:
            return c
    return None


def find_all(elem, name):
    return [e for e in elem.iter() if local(e.tag) == name]


def text_of(elem, name):
    for e in elem.iter():
        if local(e.tag) == name and e.text:
            return e.text.strip()
    return None


def en_text(elem, name):
    """First English text of elements named `name` below elem (any text if none is English)."""
    found = None
    for e in elem.iter():
        if local(e.tag) == name and e.text:
            lang = e.get('{http://www.w3.org/XML/1998/namespace}lang')
            if lang == 'en':
                return e.text.strip()
            if found is None:
                found = e.text.strip()
    return found


def ref_uuid(elem):
    """The UUID a reference element points to, or None (e.g. refObjectId="#REF!")."""
    if elem is None:
        return None
    rid = (elem.get('refObjectId') or '').strip()
    m = UUID_RE.fullmatch(rid)
    return rid.lower() if m else None


def number(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


class Exchange:
    __slots__ = ('internal_id', 'flow', 'direction', 'amount', 'allocations')

    def __init__(self, internal_id, flow, direction, amount, allocations=()):
        self.internal_id, self.flow, self.direction, self.amount = internal_id, flow, direction, amount
        self.allocations = list(allocations)  # (internalReferenceToCoProduct, allocatedFraction %)


class Process:
    def __init__(self, uuid, name, kind, ref_ids, exchanges, lcia):
        self.uuid, self.name, self.kind = uuid, name, kind
        self.ref_ids, self.exchanges, self.lcia = ref_ids, exchanges, lcia

    def reference(self):
        """The reference exchange: the first referenceToReferenceFlow that names an exchange."""
        for rid in self.ref_ids:
            for ex in self.exchanges:
                if ex.internal_id == rid:
                    return ex
        return None


class View:
    """One function of a process: its uuid and name, one reference exchange, the exchanges it
    bears (as written, or allocated) and its published LCIA results."""

    def __init__(self, process, ref, exchanges, lcia):
        self.uuid, self.name, self.kind = process.uuid, process.name, process.kind
        self.ref, self.exchanges, self.lcia = ref, exchanges, lcia

    def reference(self):
        return self.ref


class Flow:
    def __init__(self, uuid, name, kind, category, unit):
        self.uuid, self.name, self.kind, self.category, self.unit = uuid, name, kind, category, unit


def parse_process(data):
    root = ET.fromstring(data)
    info = child(root, 'processInformation')
    dsi = child(info, 'dataSetInformation')
    uuid = text_of(dsi, 'UUID').lower()
    name = en_text(child(dsi, 'name'), 'baseName') if child(dsi, 'name') is not None else ''
    qr = child(info, 'quantitativeReference')
    ref_ids = []
    if qr is not None:
        ref_ids = [e.text.strip() for e in children(qr, 'referenceToReferenceFlow') if e.text]
    kind = text_of(root, 'typeOfDataSet')
    exchanges = []
    exs = child(root, 'exchanges')
    for e in (children(exs, 'exchange') if exs is not None else []):
        flow = ref_uuid(child(e, 'referenceToFlowDataSet'))
        d = child(e, 'exchangeDirection')
        direction = d.text.strip().lower() if d is not None and d.text else ''
        amount = number(text_of(e, 'resultingAmount'))
        if amount is None:
            amount = number(text_of(e, 'meanAmount'))
        allocations = [((a.get('internalReferenceToCoProduct') or '').strip(),
                        number(a.get('allocatedFraction')))
                       for a in e.iter() if local(a.tag) == 'allocation']
        exchanges.append(Exchange(e.get('dataSetInternalID', '').strip(), flow, direction,
                                  amount if amount is not None else 0.0,
                                  [(c, f) for c, f in allocations if f is not None]))
    lcia = {}
    results = child(root, 'LCIAResults')
    for r in (children(results, 'LCIAResult') if results is not None else []):
        m = ref_uuid(child(r, 'referenceToLCIAMethodDataSet'))
        v = number(text_of(r, 'meanAmount'))
        if m and v is not None:
            lcia[m] = v
    return Process(uuid, name or '', kind, ref_ids, exchanges, lcia)


def parse_flow(data):
    root = ET.fromstring(data)
    uuid = text_of(root, 'UUID').lower()
    name = en_text(root, 'baseName') or ''
    kind = text_of(root, 'typeOfDataSet') or ''
    cats = [e.text.strip() for e in find_all(root, 'category') if e.text]
    # Reference flow property -> its UUID (unit looked up later).
    ref_fp_id = text_of(root, 'referenceToReferenceFlowProperty')
    fp = None
    for p in find_all(root, 'flowProperty'):
        if p.get('dataSetInternalID', '').strip() == (ref_fp_id or '0'):
            fp = ref_uuid(child(p, 'referenceToFlowPropertyDataSet'))
    return Flow(uuid, name, kind, '/'.join(cats), fp)


def parse_method(data):
    root = ET.fromstring(data)
    factors = {}
    for f in find_all(root, 'factor'):
        flow = ref_uuid(child(f, 'referenceToFlowDataSet'))
        d = child(f, 'exchangeDirection')
        v = number(text_of(f, 'meanValue'))
        if flow and d is not None and v is not None:
            factors[(flow, d.text.strip().lower())] = v
    return factors


class Database:
    """Processes in zip order, flows, unit names, the four AR6 methods."""

    def __init__(self, path):
        self.path = path
        self.processes = {}   # uuid -> Process, insertion order = zip order
        self.flows = {}
        self.methods = {}
        fp_unitgroup, ug_unit = {}, {}
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if not name.endswith('.xml'):
                    continue
                folder = name.rsplit('/', 2)[-2] if name.count('/') >= 1 else ''
                if folder == 'processes':
                    p = parse_process(z.read(name))
                    # A UUID seen twice keeps its first file (none in the 2024 zip).
                    self.processes.setdefault(p.uuid, p)
                elif folder == 'flows':
                    f = parse_flow(z.read(name))
                    self.flows.setdefault(f.uuid, f)
                elif folder == 'flowproperties':
                    r = ET.fromstring(z.read(name))
                    fp_unitgroup[text_of(r, 'UUID').lower()] = ref_uuid(
                        find_all(r, 'referenceToReferenceUnitGroup')[0])
                elif folder == 'unitgroups':
                    r = ET.fromstring(z.read(name))
                    ref = text_of(r, 'referenceToReferenceUnit')
                    for u in find_all(r, 'unit'):
                        if u.get('dataSetInternalID', '').strip() == ref:
                            ug_unit[text_of(r, 'UUID').lower()] = text_of(u, 'name')
                elif folder == 'lciamethods':
                    m = re.search(UUID_RE, name.rsplit('/', 1)[-1]).group(0).lower()
                    if m in METHODS.values():
                        self.methods[m] = parse_method(z.read(name))
        for f in self.flows.values():
            f.unit = ug_unit.get(fp_unitgroup.get(f.unit), '?')
        self._biogenic_co2_as_iso()
        self._link()

    def _biogenic_co2_as_iso(self):
        """system.h: biogenic CO2 counts at GWP +1 emitted (Output) and -1 taken up (Input) in the
        total and biogenic indicators, 0 in fossil and land use, whatever the method's factor
        (EF 3.1 gives 0). Flows known by name: "carbon dioxide" then "biogenic", "non-fossil" or
        "in air"."""
        def biogenic_co2(flow):
            f = self.flows.get(flow)
            n = f.name.lower() if f else ''
            return n.startswith('carbon dioxide') and any(w in n[14:] for w in ('biogenic', 'non-fossil', 'in air'))
        for key, m in METHODS.items():
            factors = self.methods.get(m, {})
            for (flow, d) in list(factors):
                if biogenic_co2(flow):
                    factors[(flow, d)] = (1.0 if d == 'output' else -1.0) if key in ('total', 'biogenic') else 0.0

    def kind(self, flow_uuid):
        f = self.flows.get(flow_uuid)
        return f.kind.lower() if f else ''

    def is_function(self, ex):
        k = self.kind(ex.flow)
        return ((k == 'product flow' and ex.direction == 'output') or
                (k == 'waste flow' and ex.direction == 'input'))

    def make_views(self, p):
        """The views of process p, its principal first (the multi-functional rule above)."""
        ids = []
        for rid in p.ref_ids:
            if rid not in ids:
                ids.append(rid)
        has_alloc = any(e.allocations for e in p.exchanges)
        if len(ids) < 2 and not has_alloc:
            return [p]
        by_id = {}
        for e in p.exchanges:
            by_id.setdefault(e.internal_id, e)
        candidates = [by_id[i] for i in ids if i in by_id]
        for e in p.exchanges:
            for c, _ in e.allocations:
                if c in by_id and by_id[c] not in candidates:
                    candidates.append(by_id[c])
        groups = []  # lists of exchanges, one per function
        for e in candidates:
            if e.flow is None or not self.is_function(e):
                continue
            for g in groups:
                if g[0].flow == e.flow and g[0].direction == e.direction:
                    if e not in g:
                        g.append(e)
                    break
            else:
                groups.append([e])
        group_of = {id(e): i for i, g in enumerate(groups) for e in g}

        def function_of(co_product):
            e = by_id.get(co_product)
            return group_of.get(id(e)) if e is not None else None

        alloc = has_alloc and any(function_of(c) is not None for e in p.exchanges for c, _ in e.allocations)

        def own_share(g):
            fr = [f for e in groups[g] for c, f in e.allocations if function_of(c) == g]
            return sum(fr) if fr else None

        def share(e, g):
            named = [(function_of(c), f) for c, f in e.allocations if function_of(c) is not None]
            if named:
                return sum(f for h, f in named if h == g) / 100.0
            d = own_share(g)
            return d / 100.0 if d is not None else 1.0

        def merged(members):
            m = members[0]
            return Exchange(m.internal_id, m.flow, m.direction, sum(x.amount for x in members))

        def view(g, members):
            ref = merged(members)
            exs = []
            for e in p.exchanges:
                if e is members[0]:
                    exs.append(ref)
                elif any(e is x for x in members):
                    continue
                elif alloc and id(e) in group_of:
                    continue  # another co-product
                else:
                    f = share(e, g) if alloc else 1.0
                    if f != 0:
                        exs.append(Exchange(e.internal_id, e.flow, e.direction, e.amount * f))
            lcia = dict(p.lcia)
            d = own_share(g) if alloc else None
            if d is not None:
                lcia = {m: v * d / 100.0 for m, v in lcia.items()}
            return View(p, ref, exs, lcia)

        if alloc:
            return [view(g, members) for g, members in enumerate(groups)]
        if groups:
            return [view(0, groups[0])]
        if not candidates:
            return [p]
        first = candidates[0]
        members = [e for e in candidates if e is first or (
            e.flow is not None and e.flow == first.flow and e.direction == first.direction)]
        return [view(None, members)]

    def _link(self):
        """Providers per flow, in zip order (a process's views in order); the first is taken.
        candidates and provider name processes by UUID, candidate_views and provider_view hold the
        views themselves."""
        self.views = {u: self.make_views(p) for u, p in self.processes.items()}
        self.candidate_views = {}
        for u in self.processes:
            for v in self.views[u]:
                ex = v.reference()
                if ex is None or ex.flow is None or not self.is_function(ex):
                    continue
                net = sum((1 if e.direction == ex.direction else -1) * e.amount
                          for e in v.exchanges if e.flow == ex.flow)
                if not net > 0:
                    continue
                self.candidate_views.setdefault(ex.flow, []).append(v)
        self.candidates = {f: [v.uuid for v in c] for f, c in self.candidate_views.items()}
        self.provider_view = {f: c[0] for f, c in self.candidate_views.items()}
        self.provider = {f: v.uuid for f, v in self.provider_view.items()}

    def view(self, uuid):
        """The view a process is footprinted by (its first)."""
        return self.views[uuid][0]

    def sign(self, ex):
        """+1 for a product output or a waste input (supplies the flow), -1 otherwise."""
        k = self.kind(ex.flow)
        if k == 'product flow':
            return 1 if ex.direction == 'output' else -1
        return 1 if ex.direction == 'input' else -1

    def is_linked(self, ex):
        return ex.flow in self.provider and self.kind(ex.flow) in ('product flow', 'waste flow')

    def direct(self, p, method):
        """Characterised elementary exchanges of p as written, or its LCIAResult."""
        factors = self.methods[method]
        elementary = [e for e in p.exchanges if self.kind(e.flow) == 'elementary flow']
        if not elementary:
            return p.lcia.get(method, 0.0)
        return sum(e.amount * factors.get((e.flow, e.direction), 0.0) for e in elementary)

    def reachable(self, root):
        """Provider views reachable from view root through links (depth first)."""
        seen, order, stack = set(), [], [root]
        while stack:
            p = stack.pop()
            for e in p.exchanges:
                if self.is_linked(e):
                    q = self.provider_view[e.flow]
                    if id(q) not in seen:
                        seen.add(id(q))
                        order.append(q)
                        stack.append(q)
        return order


def solve(a, b):
    """Gauss elimination with partial pivoting: x with a x = b (a dense, copied)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(m[r][c]))
        if abs(m[piv][c]) < 1e-300:
            raise ZeroDivisionError('singular system at column %d' % c)
        m[c], m[piv] = m[piv], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            if f:
                row, prow = m[r], m[c]
                for k in range(c, n + 1):
                    row[k] -= f * prow[k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        s = m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))
        x[r] = s / m[r][r]
    return x


def chain_views(db, uuid):
    """Scaling of the system for one reference unit of process uuid's first view.

    Returns (activity, root, root_scale, info): activity lists (view, how many times its
    exchanges are run); root is the view footprinted; root_scale is the same for the root when it
    is foreground (0 when the root is itself a provider column)."""
    root = db.view(uuid)
    ref = root.reference()
    if ref is None or ref.flow is None or ref.flow not in db.flows:
        raise ValueError('%s has no usable reference flow' % uuid)
    cols = db.reachable(root)
    is_provider = db.provider_view.get(ref.flow) is root
    if is_provider and all(q is not root for q in cols):
        cols.insert(0, root)
    index = {id(q): i for i, q in enumerate(cols)}
    rows = {}
    for q in cols:
        rows[q.reference().flow] = len(rows)
    n = len(cols)
    a = [[0.0] * n for _ in range(n)]
    for q in cols:
        j = index[id(q)]
        for e in q.exchanges:
            if db.is_linked(e):
                a[rows[e.flow]][j] += db.sign(e) * e.amount
    demand = [0.0] * n
    root_scale = 0.0
    if is_provider:
        demand[rows[ref.flow]] = 1.0
    else:
        # Foreground: the root's exchanges per unit of its reference exchange are the demand.
        if not ref.amount:
            raise ValueError('%s: reference amount 0' % uuid)
        root_scale = 1.0 / abs(ref.amount)
        for e in root.exchanges:
            if db.is_linked(e) and e is not ref:
                demand[rows[e.flow]] -= db.sign(e) * e.amount * root_scale
    x = solve(a, demand) if n else []
    activity = [(q, x[index[id(q)]]) for q in cols]
    return activity, root, root_scale, {'processes': n + (0 if is_provider else 1),
                                        'provider': is_provider}


def by_uuid(activity):
    out = {}
    for q, x in activity:
        out[q.uuid] = out.get(q.uuid, 0.0) + x
    return out


def chain(db, uuid):
    """chain_views with the activities summed per process UUID."""
    activity, _, root_scale, info = chain_views(db, uuid)
    return by_uuid(activity), root_scale, info


def footprint(db, uuid):
    activity, root, root_scale, info = chain_views(db, uuid)
    out = {}
    for key, m in METHODS.items():
        v = root_scale * db.direct(root, m) if root_scale else 0.0
        v += sum(s * db.direct(q, m) for q, s in activity)
        out[key] = v
    return out, by_uuid(activity), root_scale, info


def chain_inventory(db, uuid):
    """Greenhouse-gas inventory per reference unit: {(flow, direction): amount} over every
    elementary flow that any of the four methods characterises, plus the chain description:
    the processes with their activity (per UUID, the views of a multi-functional process summed),
    the cut-off (unlinked) product and waste exchanges scaled to one reference unit,
    {(flow, direction): amount}, and the processes that count by their LCIA result only."""
    activity, root, root_scale, info = chain_views(db, uuid)
    runs = list(activity)
    if root_scale:
        runs.append((root, root_scale))
    gases = set()
    for f in db.methods.values():
        gases.update(f)
    inv, cut, lcia_only = {}, {}, []
    for p, s in runs:
        elementary = [e for e in p.exchanges if db.kind(e.flow) == 'elementary flow']
        if not elementary and p.lcia and p.uuid not in lcia_only:
            lcia_only.append(p.uuid)
        for e in p.exchanges:
            k = db.kind(e.flow)
            if k == 'elementary flow':
                if (e.flow, e.direction) in gases:
                    inv[(e.flow, e.direction)] = inv.get((e.flow, e.direction), 0.0) + s * e.amount
            elif not db.is_linked(e) and e is not p.reference():
                key = (e.flow, e.direction)
                cut[key] = cut.get(key, 0.0) + s * e.amount
    return inv, by_uuid(runs), cut, lcia_only


def report(db, uuid, out=sys.stdout):
    """The chain behind one footprint: every process (view) with its activity per reference unit
    and its share of the AR6 total, the flows with several providers it takes the first of, and
    the unlinked (cut-off) exchanges per reference unit."""
    inv, _, cut, _ = chain_inventory(db, uuid)
    activity, root, root_scale, _ = chain_views(db, uuid)
    runs = activity + ([(root, root_scale)] if root_scale else [])
    tot = METHODS['total']
    total = sum(s * db.direct(q, tot) for q, s in runs)
    print('%s  %s\n  AR6 total %.6g kg CO2e per %s' % (
        uuid, root.name, total, db.flows[root.reference().flow].unit), file=out)
    for q, s in sorted(runs, key=lambda qs: -abs(qs[1] * db.direct(qs[0], tot))):
        d = s * db.direct(q, tot)
        ref = q.reference()
        print('  %-36s run %-11.4g %-9.4g %5.1f%%  %s [%s]' % (
            q.uuid, s, d, 100 * d / total if total else 0, q.name[:70],
            db.flows[ref.flow].name[:30] if ref.flow in db.flows else '?'), file=out)
    links = {}
    for q, _ in runs:
        for e in q.exchanges:
            if db.is_linked(e) and len(db.candidates[e.flow]) > 1:
                links[e.flow] = db.candidates[e.flow]
    for f, c in links.items():
        print('  ambiguous: %s "%s": %d providers, took %s' % (f, db.flows[f].name[:40], len(c),
                                                                c[0]), file=out)
    for (f, d), a in sorted(cut.items(), key=lambda kv: -abs(kv[1])):
        fl = db.flows.get(f)
        print('  cut off: %-6s %-11.4g %-8s %s (%s)' % (d, a, fl.unit if fl else '?',
                                                      fl.name[:50] if fl else f, fl.kind if fl else
                                                      'no flow data set'), file=out)
    for (f, d), a in sorted(inv.items(), key=lambda kv: -abs(kv[1])):
        print('  gas: %-6s %-11.4g %s [%s] (AR6 %s)' % (d, a, db.flows[f].name[:50],
                                                        db.flows[f].category[-30:],
                                                        db.methods[METHODS['total']].get((f, d))),
              file=out)


def group_roots(path=GROUPS):
    roots = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = re.match(r'\[chain root ([0-9a-f-]{36})\]', line)
            if m:
                roots.append(m.group(1))
    return roots


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('uuids', nargs='*')
    ap.add_argument('--zip', default=DEFAULT_ZIP)
    ap.add_argument('--groups', action='store_true', help='add the 12 chain roots of GROUPS.txt')
    ap.add_argument('--json', action='store_true')
    ap.add_argument('--report', action='store_true',
                    help='print each chain: processes, ambiguities, cut-offs, gases')
    args = ap.parse_args()
    uuids = list(args.uuids) + (group_roots() if args.groups else [])
    db = Database(args.zip)
    results = []
    for u in uuids:
        u = u.lower()
        p = db.view(u)
        fp, activity, root_scale, info = footprint(db, u)
        ref = p.reference()
        views = [v for q, _ in chain_views(db, u)[0] for v in [q]] + [p]
        amb = [f for f in {e.flow for q in views for e in q.exchanges}
               if len(db.candidates.get(f, [])) > 1 and any(
                   db.is_linked(e) and e.flow == f for q in views for e in q.exchanges)]
        r = {'process': u, 'name': p.name, 'unit': db.flows[ref.flow].unit, **fp,
             'processes': info['processes'], 'ambiguous_flows': len(amb)}
        results.append(r)
        if args.report:
            report(db, u, sys.stderr)
    if args.json:
        json.dump(results, sys.stdout, indent=1)
        print()
    else:
        for r in results:
            print('%s  %.17g kg CO2e/%s  (fossil %.10g, biogenic %.10g, dluc %.10g; %d processes)  %s'
                  % (r['process'], r['total'], r['unit'], r['fossil'], r['biogenic'], r['dluc'],
                     r['processes'], r['name'][:60]))


if __name__ == '__main__':
    main()
