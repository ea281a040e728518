#!/usr/bin/env python3
"""compare_pcf.py: pcf footprint --process against check_chain.py, process by process.

  python3 tests/tiangong/compare_pcf.py --pcf build-t/pcf [--groups] [UUID...]

Prints one row per process: the independent total, pcf's total, their relative difference,
the chain size and the ambiguous flows the chain takes a first provider for. Exit 1 when a
relative difference exceeds 1e-9.
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_chain as cc  # noqa: E402


def pcf_total(pcf, zip_path, uuid):
    r = subprocess.run([pcf, 'footprint', '--no-bundled', '--data', zip_path, '--process', uuid,
                        '--format', 'json'], capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr.strip().splitlines()[-1] if r.stderr.strip() else 'exit %d' % r.returncode
    return json.loads(r.stdout), None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('uuids', nargs='*')
    ap.add_argument('--pcf', default='build/pcf')
    ap.add_argument('--zip', default=cc.DEFAULT_ZIP)
    ap.add_argument('--groups', action='store_true')
    args = ap.parse_args()
    uuids = (cc.group_roots() if args.groups else []) + [u.lower() for u in args.uuids]
    db = cc.Database(args.zip)
    bad = 0
    print('| process | name | unit | check_chain.py | pcf | rel. diff | chain |')
    print('|---|---|---|---|---|---|---|')
    for u in uuids:
        p = db.view(u)
        try:
            mine, activity, _, info = cc.footprint(db, u)
            mine_total, n = mine['total'], info['processes']
        except Exception as e:  # report and go on: a singular chain is a result too
            mine_total, n = None, '-'
            print('  check_chain: %s: %s' % (u, e), file=sys.stderr)
        got, err = pcf_total(args.pcf, args.zip, u)
        theirs = got['total'] if got else None
        if mine_total is not None and theirs is not None:
            rel = abs(mine_total - theirs) / max(abs(mine_total), 1e-300)
            rel_s = '%.1e' % rel
            if rel > 1e-9:
                bad += 1
        else:
            rel_s = 'pcf: %s' % err if err else 'n/a'
            bad += 1
        ref = p.reference()
        unit = db.flows[ref.flow].unit if ref is not None and ref.flow in db.flows else '?'
        print('| `%s` | %s | %s | %s | %s | %s | %s |' % (
            u[:8], p.name[:48].replace('|', '/'), unit,
            '%.10g' % mine_total if mine_total is not None else '-',
            '%.10g' % theirs if theirs is not None else '-', rel_s, n))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
