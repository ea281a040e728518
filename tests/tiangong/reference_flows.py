#!/usr/bin/env python3
"""reference_flows.py: what the multi-functional rule of pcf/system.h changes in the TianGong zip.

Lists the processes with several distinct referenceToReferenceFlow (or with <allocations>: the
2024 zip has none), what their reference exchanges are, and their cradle-to-gate footprint (AR6
total per reference unit) under the rule as check_chain.py implements it now and under the former
rule (the first reference flow only, the others left as they were), which it reads from
check_chain.py as of a git revision. Then every other process of the zip whose chain, under
either rule, reaches a multi-functional process or a flow whose provider changed, with its
footprint under both.

  python3 tests/tiangong/reference_flows.py [--zip PATH] [--old-rev REV] [--markdown]

REV defaults to the last commit of check_chain.py with the former rule. Besides the footprints
(many TianGong unit processes emit ILCD 2011 flows the EF 3.1 method does not characterise, so
both rules often give 0), each process's chain is compared: the reference amount it is counted
per and the activity of every process it runs.
"""
import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_chain as cc  # noqa: E402

OLD_REV = '4dbe35cbfc26e23e2e88f27423cb9aa73556e8c7'


def load_old(rev):
    text = subprocess.run(['git', '-C', HERE, 'show', '%s:tests/tiangong/check_chain.py' % rev],
                          capture_output=True, text=True, check=True).stdout
    with tempfile.NamedTemporaryFile('w', suffix='.py', delete=False) as f:
        f.write(text)
    spec = importlib.util.spec_from_file_location('check_chain_old', f.name)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    os.unlink(f.name)
    return mod


def total(mod, db, uuid):
    try:
        return mod.footprint(db, uuid)[0]['total']
    except (ValueError, ZeroDivisionError, KeyError) as e:
        return '%s' % e.__class__.__name__


def describe(db, p):
    """The reference exchanges of p: 'Output product "name" 1000' each."""
    by_id = {e.internal_id: e for e in p.exchanges}
    out, seen = [], []
    for rid in p.ref_ids:
        if rid in seen:
            continue
        seen.append(rid)
        e = by_id.get(rid)
        if e is None:
            out.append('%s: no exchange' % rid)
            continue
        f = db.flows.get(e.flow)
        out.append('%s: %s %s "%s" %g' % (rid, e.direction, f.kind.split()[0].lower() if f else 'missing',
                                          f.name[:30] if f else e.flow, e.amount))
    return '; '.join(out)


def category(db, p):
    by_id = {e.internal_id: e for e in p.exchanges}
    refs = [by_id[r] for r in dict.fromkeys(p.ref_ids) if r in by_id]
    if len(refs) < len(dict.fromkeys(p.ref_ids)):
        return 'a reference names no exchange'
    if len({(e.flow, e.direction) for e in refs}) == 1:
        return 'one flow named twice (%s)' % refs[0].direction
    functions = [e for e in refs if e.flow and db.is_function(e)]
    if not functions:
        return 'no product output among them'
    if functions[0] is refs[0]:
        return 'the first is a product output'
    return 'a product output after a non-providing first reference'


def rel(a, b):
    if isinstance(a, str) or isinstance(b, str):
        return 'n/a'
    if a == b:
        return 0.0
    return abs(b - a) / abs(a) if a else float('inf')


def chain_changed(mod, db_old, db_new, uuid):
    """Whether the scaling differs: the root's own runs or any provider's activity."""
    try:
        a, ra, _ = mod.chain(db_old, uuid)
        b, rb, _ = cc.chain(db_new, uuid)
    except (ValueError, ZeroDivisionError, KeyError):
        return True
    if abs(ra - rb) > 1e-9 * max(abs(ra), abs(rb), 1e-300):
        return True
    for q in set(a) | set(b):
        x, y = a.get(q, 0.0), b.get(q, 0.0)
        if abs(x - y) > 1e-9 * max(abs(x), abs(y)):
            return True
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--zip', default=cc.DEFAULT_ZIP)
    ap.add_argument('--old-rev', default=OLD_REV)
    ap.add_argument('--markdown', action='store_true', help='tables for a report')
    args = ap.parse_args()
    old = load_old(args.old_rev)
    new_db, old_db = cc.Database(args.zip), old.Database(args.zip)
    multi = [p for p in new_db.processes.values()
             if len(dict.fromkeys(p.ref_ids)) > 1 or any(e.allocations for e in p.exchanges)]
    allocated = sum(1 for p in multi if any(e.allocations for e in p.exchanges))
    print('%d processes with several reference flows, %d with allocations' % (len(multi), allocated))
    rows, cats, changed, scaled = [], {}, 0, 0
    for p in multi:
        a, b = total(old, old_db, p.uuid), total(cc, new_db, p.uuid)
        r = rel(a, b)
        c = category(new_db, p)
        s = chain_changed(old, old_db, new_db, p.uuid)
        cats.setdefault(c, [0, 0, 0])
        cats[c][0] += 1
        if r == 'n/a' or r > 1e-9:
            cats[c][1] += 1
            changed += 1
        cats[c][2] += s
        scaled += s
        rows.append((p, c, a, b, r, s))
    print('footprints changed (relative difference > 1e-9 or a failure on one side): %d; chains '
          'scaled differently: %d' % (changed, scaled))
    for c, (n, k, m) in sorted(cats.items(), key=lambda kv: -kv[1][0]):
        print('  %-58s %3d processes, %3d footprints changed, %3d chains' % (c, n, k, m))
    fmt = ('| `%s` | %s | %s | %s | %s | %s | %s |' if args.markdown
           else '%s  %-40s  %-52s  %-14s  %-14s  %-8s %s')
    if args.markdown:
        print('| process | name | category | former rule | new rule | rel. change | chain |')
        print('|---|---|---|---|---|---|---|')
    for p, c, a, b, r, s in sorted(rows, key=lambda x: (x[1], x[0].uuid)):
        print(fmt % (p.uuid[:8] if args.markdown else p.uuid, p.name[:40].replace('|', '/'), c,
                     '%.10g' % a if not isinstance(a, str) else a, '%.10g' % b if not isinstance(b, str) else b,
                     '%.3g' % r if not isinstance(r, str) else r, 'changed' if s else 'same'))
        if not args.markdown:
            print('    references: %s' % describe(new_db, p))
    # Flows whose provider or candidates the rule changes, and the other processes reaching them.
    moved = {f for f in set(new_db.provider) | set(old_db.provider)
             if new_db.provider.get(f) != old_db.provider.get(f)}
    extra = {f for f in set(new_db.candidates) | set(old_db.candidates)
             if new_db.candidates.get(f) != old_db.candidates.get(f)} - moved
    print('\nflows with a new provider: %d; flows with new candidates only (ambiguity warnings): %d'
          % (len(moved), len(extra)))
    for f in sorted(moved) + sorted(extra):
        print('  %s "%s": provider %s -> %s; candidates %d -> %d' % (
            f, new_db.flows[f].name[:40], old_db.provider.get(f), new_db.provider.get(f),
            len(old_db.candidates.get(f, [])), len(new_db.candidates.get(f, []))))
    multi_ids = {p.uuid for p in multi}
    touched = []
    for u in new_db.processes:
        if u in multi_ids:
            continue
        try:
            reach = {v.uuid for v in new_db.reachable(new_db.view(u))}
            flows = {e.flow for v in [new_db.view(u)] + new_db.reachable(new_db.view(u)) for e in v.exchanges}
            reach |= set(old_db.reachable(u))
            flows |= {e.flow for q in [u] + old_db.reachable(u) for e in old_db.processes[q].exchanges}
        except KeyError:
            continue
        if reach & multi_ids or flows & moved:
            touched.append(u)
    diff = []
    for u in touched:
        a, b = total(old, old_db, u), total(cc, new_db, u)
        r = rel(a, b)
        if r == 'n/a' or r > 1e-9:
            diff.append((u, a, b, r))
    print('\nother processes whose chain reaches a multi-functional process or a flow with a new '
          'provider: %d; footprint changed: %d' % (len(touched), len(diff)))
    for u, a, b, r in diff:
        print('  %s  %-40s  %s -> %s  (%s)' % (u, new_db.processes[u].name[:40], a, b, r))


if __name__ == '__main__':
    main()
