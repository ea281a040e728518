#!/usr/bin/env python3
"""Writes the seeds of fuzz/fuzz_ilcd_cache.c into fuzz/corpus/cache/ (run from the repository root
after a build: make_cache_seeds.py [path to the pcf command, default build/pcf]).

Each source below is loaded once by `pcf ilcd info SOURCE --cache DIR`, which writes its binary
cache; every cache file gives two seeds, in the harness's two forms (see its header):
  body_<name>: 0x00, the strings section's length (u32 little-endian), then the body inflated;
  file_<name>: 0x01, then the cache file itself with its key zeroed and its CRC (which covers the
               key, format 3) recomputed: the harness reads without a key, and a folder's key
               holds modification times; zeroed, the seed is reproducible.
The layout is ilcd/cache.h's; this script reads it independently of the C code."""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SOURCES = {
    "allocation": "tests/fixtures/allocation/ILCD",
    "elcd": "tests/fixtures/elcd-sample/ILCD",
    "epd_zip": "tests/fixtures/epd/environdec_with_dependencies.zip",
    "ef31_units": "tests/fixtures/ilcd/ef31",
    "epd_folder": "tests/fixtures/epd/ILCD",
}
HEADER = struct.Struct("<8sII32sQQQII")  # magic, format, header bytes, key, lengths, CRC, BOM


def main() -> None:
    pcf = sys.argv[1] if len(sys.argv) > 1 else "build/pcf"
    out = "fuzz/corpus/cache"
    os.makedirs(out, exist_ok=True)
    for name, source in SOURCES.items():
        tmp = tempfile.mkdtemp(prefix="pcf-cache-seeds-")
        try:
            subprocess.run([pcf, "ilcd", "info", source, "--cache", tmp], check=True, stdout=subprocess.DEVNULL)
            (cache,) = [f for f in os.listdir(tmp) if f.endswith(".ilcdc")]
            data = open(os.path.join(tmp, cache), "rb").read()
        finally:
            shutil.rmtree(tmp)
        magic, fmt, hbytes, key, slen, rlen, clen, crc, bom = HEADER.unpack_from(data)
        assert magic == b"ILCDC\r\n\x1a" and hbytes == HEADER.size and bom == 0x01020304, source
        body = zlib.decompress(data[HEADER.size:])
        assert len(body) == slen + rlen and zlib.crc32(body, zlib.crc32(key)) == crc, source
        assert clen == len(data) - HEADER.size, source
        header = HEADER.pack(magic, fmt, hbytes, bytes(32), slen, rlen, clen, zlib.crc32(body, zlib.crc32(bytes(32))), bom)
        zeroed = header + data[HEADER.size:]
        with open(os.path.join(out, f"body_{name}"), "wb") as f:
            f.write(b"\x00" + struct.pack("<I", slen) + body)
        with open(os.path.join(out, f"file_{name}"), "wb") as f:
            f.write(b"\x01" + zeroed)
        print(f"{name}: format {fmt}, {slen} + {rlen} bytes of body, {len(data)} in the file")


if __name__ == "__main__":
    main()
