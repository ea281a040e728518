#!/usr/bin/env python3
"""make_slice.py: writes tests/fixtures/tiangong/tiangong-slice.zip, the part of the TianGong LCA
database (../shared/ilcd/tiangong-lca-2024.zip) that the tests footprint, so that they run on a
clone without ../shared.

The slice holds, byte for byte and in the archive's own order (the linking rule takes the first
provider in load order):
  * the roots test_tiangong.c footprints, every provider their chains reach by the linking rule
    (check_chain.py's `reachable`), and the first provider of each root's reference flow (so a
    root that is a second provider stays foreground);
  * the processes test_uncertainty.c reads exchange distributions from, and the process without a
    usable reference flow;
  * every flow those processes exchange, the flow properties of those flows and their unit groups,
    and the four EF 3.1 climate methods the archive holds.
Sources and contacts are left out (nothing in the computation reads them). Because every provider
a chain reaches is in the slice and comes first there as in the whole archive, each root's system
is the same matrix: check_chain.py run on the slice prints the same totals as on the archive
(`--check` verifies it).

Usage: python3 tests/tiangong/make_slice.py [--zip PATH] [--check]
"""
import argparse
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_chain as cc  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, '..', 'fixtures', 'tiangong', 'tiangong-slice.zip'))

# The roots of tests/pcf/test_tiangong.c (see its comment for what each one exercises).
ROOTS = '''
f2ce2a11-cf93-4e97-8594-ded0035586c0 8758c687-2be3-4f20-89e5-16d6a9ed529f
bc3fc1fd-8e5e-4bd8-9e73-6d1314434fde 9fa69609-b6f2-4522-a611-2ae5f4b02ed8
274c0c2e-40a0-43f3-8ae0-e15e46a5e7a9 4957fab2-8626-4695-ba16-24bbecd1d620
5b66f9e9-6bcd-4bce-b33a-70cf3fe69a93 aef876a0-dd1f-4e00-97c5-3e59a0cfb6ac
183fbd9a-f1af-4cfd-97d0-68ae6021541b 0f40532d-cffd-4d57-9fea-64d8c60b8f2f
0968514d-ce83-428c-862d-70f640bcb037 3ea6f2a5-a8f6-4620-aaff-96718c199203
a04edcd0-758e-4222-9f71-15fa36281a0e 902b6675-8115-49eb-902f-fca7c1e9d75c
2f9ec384-1730-4f15-ac8b-47b29eaa53e9 4f4f710f-4b89-4459-b8ba-b984f653a2a2
84f07e17-6318-47ba-a4d0-866068257bbd c697e5ae-b758-46fe-8da9-32f0305a3ce2
8292d1c8-669d-4717-9093-20f46b162331 e7acf0ea-ed0f-40e4-9d75-3cc64bdeb47f
59d6b292-6ac7-4f78-9eef-440a1b740eaa de3a8c6e-5fb5-4095-b550-e3f12a7d1d2b
'''.split()
# Read on their own: uncertainty distributions (test_uncertainty.c) and a process without a
# usable reference flow (test_tiangong.c).
EXTRA = ['e41e807f-cf46-4166-b251-1bd61a647234', '98392b10-fa4e-4d68-a6a0-50f134d7b004',
         '859b6110-b1a1-4027-8d80-ed6ad32740ee']


def folder_and_uuid(name):
    parts = name.split('/')
    m = cc.UUID_RE.search(parts[-1])
    return (parts[-2] if len(parts) >= 2 else ''), (m.group(0).lower() if m else None)


def refs(data, element):
    """UUIDs that elements named `element` refer to in a dataset."""
    pat = re.compile(rb'<(?:\w+:)?' + element.encode() + rb'\b[^>]*refObjectId="([^"]+)"')
    return {m.group(1).decode().strip().lower() for m in pat.finditer(data)}


def slice_members(db):
    keep = set(ROOTS) | set(EXTRA)
    for r in ROOTS:
        root = db.view(r)  # a multi-functional process by its first view
        keep.update(v.uuid for v in db.reachable(root))
        ref = root.reference()
        if ref is not None and ref.flow in db.provider:
            keep.add(db.provider[ref.flow])
    return keep


def write(src, out):
    db = cc.Database(src)
    processes = slice_members(db)
    with zipfile.ZipFile(src) as z:
        names = [n for n in z.namelist() if n.endswith('.xml')]
        data = {}
        flows = set()
        for n in names:
            folder, u = folder_and_uuid(n)
            if folder == 'processes' and u in processes:
                data[n] = z.read(n)
                flows |= refs(data[n], 'referenceToFlowDataSet')
        props = set()
        for n in names:
            folder, u = folder_and_uuid(n)
            if folder == 'flows' and u in flows:
                data[n] = z.read(n)
                props |= refs(data[n], 'referenceToFlowPropertyDataSet')
        groups = set()
        for n in names:
            folder, u = folder_and_uuid(n)
            if folder == 'flowproperties' and u in props:
                data[n] = z.read(n)
                groups |= refs(data[n], 'referenceToReferenceUnitGroup')
        for n in names:
            folder, u = folder_and_uuid(n)
            if (folder == 'unitgroups' and u in groups) or (folder == 'lciamethods' and u in cc.METHODS.values()):
                data[n] = z.read(n)
    tmp = out + '.tmp'
    with zipfile.ZipFile(tmp, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as w:
        for n in names:  # the archive's order
            if n in data:
                info = zipfile.ZipInfo(n, (2024, 1, 1, 0, 0, 0))  # fixed: reproducible bytes
                info.compress_type = zipfile.ZIP_DEFLATED
                w.writestr(info, data[n])
    os.replace(tmp, out)
    kinds = {}
    for n in data:
        kinds[folder_and_uuid(n)[0]] = kinds.get(folder_and_uuid(n)[0], 0) + 1
    print('%s: %s, %d bytes' % (out, ', '.join('%d %s' % (v, k) for k, v in sorted(kinds.items())),
                                os.path.getsize(out)))


def check(src, out):
    whole, part = cc.Database(src), cc.Database(out)
    worst = 0.0
    for r in ROOTS:
        a, b = cc.footprint(whole, r)[0], cc.footprint(part, r)[0]
        for k in cc.METHODS:
            if a[k] != b[k]:
                worst = max(worst, abs(a[k] - b[k]) / max(abs(a[k]), 1e-300))
        print('%s %.17g %.17g' % (r, a['total'], b['total']))
    print('largest relative difference, slice against archive: %g' % worst)
    return worst == 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--zip', default=cc.DEFAULT_ZIP)
    ap.add_argument('--check', action='store_true', help='compare check_chain.py on both archives')
    args = ap.parse_args()
    if args.check:
        sys.exit(0 if check(args.zip, OUT) else 1)
    write(args.zip, OUT)


if __name__ == '__main__':
    main()
