#!/usr/bin/env python3
"""Writes the zip seeds of fuzz/corpus/zip/ from the XML seeds and test fixtures (run from the
repository root). Each seed exercises one path of ilcd/src/zip.c: deflated and stored entries,
directory entries, zip64 records, an escaping entry name, a bundle that links across datasets."""
import zipfile

X = 'fuzz/corpus/xml/'
F = 'tests/fixtures/ilcd/'
OUT = 'fuzz/corpus/zip/'
small = [('ILCD/contacts/97f476bd-415a-4463-955a-019202b70ae4.xml', X + 'elcd_contact.xml'),
         ('ILCD/sources/220580af-2c84-4e60-82ed-c30a1c6f63f5.xml', X + 'elcd_source.xml'),
         ('ILCD/flows/08a91e70-3ddc-11dd-923e-0050c2490048.xml', X + 'ef31_flow_co2.xml'),
         ('ILCD/flowproperties/93a60a56-a3c8-11da-a746-0800200b9a66.xml', X + 'ef31_flowproperty_mass.xml'),
         ('ILCD/unitgroups/93a60a57-a4c8-11da-a746-0800200c9a66.xml', X + 'ef31_unitgroup_mass.xml')]


def write(name, entries, method=zipfile.ZIP_DEFLATED, dirs=False, zip64=False):
    # Fixed timestamps so the seeds are reproducible byte for byte.
    with zipfile.ZipFile(OUT + name, 'w') as z:
        if dirs:
            for d in sorted({e[0].rsplit('/', 1)[0] + '/' for e in entries}):
                z.writestr(zipfile.ZipInfo(d, (2024, 1, 1, 0, 0, 0)), b'')
        for arcname, path in entries:
            info = zipfile.ZipInfo(arcname, (2024, 1, 1, 0, 0, 0))
            info.compress_type = method
            with open(path, 'rb') as f:
                data = f.read()
            with z.open(info, 'w', force_zip64=zip64) as w:
                w.write(data)


write('deflated_with_dirs.zip', small, dirs=True)
write('stored.zip', small[:2], method=zipfile.ZIP_STORED)
write('zip64.zip', small[:1], zip64=True)
write('escaping_name.zip', [('ILCD/contacts/ok.xml', X + 'elcd_contact.xml'), ('../evil.xml', X + 'elcd_source.xml')])
write('hard_coal_units.zip', [
    ('ILCD/flows/4f19a2ff-7b3b-11dd-ad8b-0800200c9a66.xml', F + 'tiangong/flows/4f19a2ff-7b3b-11dd-ad8b-0800200c9a66.xml'),
    ('ILCD/flowproperties/93a60a56-a3c8-11da-a746-0800200b9a66.xml', F + 'ef31/flowproperties/93a60a56-a3c8-11da-a746-0800200b9a66.xml'),
    ('ILCD/flowproperties/93a60a56-a3c8-11da-a746-0800200c9a66.xml', F + 'ef31/flowproperties/93a60a56-a3c8-11da-a746-0800200c9a66.xml'),
    ('ILCD/flowproperties/93a60a56-a3c8-14da-a746-0800200c9a66.xml', F + 'ef31/flowproperties/93a60a56-a3c8-14da-a746-0800200c9a66.xml'),
    ('ILCD/unitgroups/93a60a57-a4c8-11da-a746-0800200c9a66.xml', F + 'ef31/unitgroups/93a60a57-a4c8-11da-a746-0800200c9a66.xml'),
    ('ILCD/unitgroups/93a60a57-a3c8-11da-a746-0800200c9a66.xml', F + 'ef31/unitgroups/93a60a57-a3c8-11da-a746-0800200c9a66.xml')])
# Entry names at and past the 1,024 bytes a fixed name buffer once held (ilcd/src/zip.c).
write('long_name_1024.zip', [('ILCD/contacts/' + 'n' * (1024 - 14 - 6) + '/c.xml', X + 'elcd_contact.xml')])
write('long_name_4096.zip', [('ILCD/contacts/' + 'n' * (4096 - 14 - 4) + '.xml', X + 'elcd_contact.xml')])
