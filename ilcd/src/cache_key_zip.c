/* cache_key_zip.c: the cache key of a zip archive from its central directory, size and
 * modification time, without reading its entries (ilcd/cache.h; APPNOTE.TXT 6.3 sections 4.3.12,
 * 4.3.14-4.3.16 for the records read here).
 *
 * What the key covers and why that is enough. A load (zip.c) reads the archive through minizip:
 * the end records (found as minizip finds them, below), the central directory they point to, and
 * for each entry the compressed bytes its directory record points to. It inflates each entry,
 * checks that it holds exactly the uncompressed size of the directory record and refuses the entry
 * when its CRC-32 differs from the directory's (zip.c, "CRC mismatch"). So every entry a load
 * accepts has the name, size and CRC-32 written in the central directory, which the key hashes
 * byte for byte together with the end records and the search window they are found in. An entry
 * whose contents change while its directory record stays the same either breaks its CRC (the load
 * would refuse it) or is a CRC-32 collision of the same length: a one-in-2^32 accident, or bytes
 * forged to keep the CRC. Both also need the file's size and its modification time, to the
 * nanosecond, kept as they were: any write through the file system sets the modification time,
 * so that takes a writer that puts the old time back on purpose (touch -d, cp -p of a forged
 * archive) or damage below the file system. The key misses nothing else a load would see; it
 * is not a content hash (a copy with a new modification time is a new key, its cache rebuilt).
 * Whatever minizip would not open, or this reading of the end records does not follow, is keyed
 * by the SHA-256 of the whole file instead, as every source was before. */
#include "cache_format.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

/* minizip (unzip.c, unz64local_SearchCentralDir and ...64) looks for its end records in the last
 * 65,535 bytes of the file and takes the last signature found there. */
enum { WINDOW = 0xffff };
#define SIG_EOCD 0x06054b50u
#define SIG_ZIP64_LOCATOR 0x07064b50u
#define SIG_ZIP64_EOCD 0x06064b50u

static int read_at(FILE *f, uint64_t at, void *buf, size_t n) {
  return at > INT64_MAX || fseeko(f, (off_t)at, SEEK_SET) || fread(buf, 1, n, f) != n ? -1 : 0;
}

/* The last position in the window (n bytes at file offset base) where sig starts; 0 for none, as
 * in minizip, where a record at offset 0 is "not found" too. */
static uint64_t last_sig(const uint8_t *win, size_t n, uint64_t base, uint32_t sig) {
  for (size_t i = n >= 4 ? n - 3 : 0; i-- > 0;)
    if (le_get(win + i, 4) == sig) return base + i;
  return 0;
}

typedef struct zip_dir {
  uint64_t central_pos; /* the end record minizip reads: the zip64 one when there is one */
  uint64_t cd_start;    /* where minizip reads the central directory from */
  int zip64;
} zip_dir;

/* Where minizip (unzOpenInternal) would find the central directory; -1 where it would not open
 * the archive or where this reading is not sure to agree with it. */
static int find_directory(FILE *f, uint64_t size, const uint8_t *win, size_t n, zip_dir *d) {
  uint64_t base = size - n, size_cd, offset_cd;
  uint8_t b[56];
  uint64_t loc = last_sig(win, n, base, SIG_ZIP64_LOCATOR);
  /* A locator counts when its disk numbers are 0 and 1 and it points at a zip64 end record's
   * signature; otherwise minizip goes on to the classic end record. */
  if (loc && read_at(f, loc, b, 20) == 0 && le_get(b + 4, 4) == 0 && le_get(b + 16, 4) == 1) {
    uint64_t rel = le_get(b + 8, 8);
    if (read_at(f, rel, b, 4) == 0 && le_get(b, 4) == SIG_ZIP64_EOCD) {
      if (read_at(f, rel, b, 56) || le_get(b + 16, 4) != 0 || le_get(b + 20, 4) != 0 ||
          le_get(b + 24, 8) != le_get(b + 32, 8))
        return -1;
      size_cd = le_get(b + 40, 8);
      offset_cd = le_get(b + 48, 8);
      *d = (zip_dir){rel, 0, 1};
      goto check;
    }
  }
  uint64_t eocd = last_sig(win, n, base, SIG_EOCD);
  if (!eocd || read_at(f, eocd, b, 22) || le_get(b + 4, 2) != 0 || le_get(b + 6, 2) != 0 ||
      le_get(b + 8, 2) != le_get(b + 10, 2))
    return -1;
  size_cd = le_get(b + 12, 4);
  offset_cd = le_get(b + 16, 4);
  *d = (zip_dir){eocd, 0, 0};
check:
  /* minizip refuses central_pos < offset + size; it reads the directory at central_pos - size
   * (the offset plus the bytes found before the archive). Sums that would wrap are not followed. */
  if (size_cd > d->central_pos || offset_cd > d->central_pos - size_cd) return -1;
  d->cd_start = d->central_pos - size_cd;
  return 0;
}

static void hash_u64(sha256_ctx *c, uint64_t v) {
  uint8_t b[8];
  le_put(b, v, 8);
  ilcd__sha256_update(c, b, 8);
}

int ilcd__cache_key_zip(sha256_ctx *c, FILE *f, const struct stat *st, const char *path, ilcd_error *err) {
  uint64_t size = (uint64_t)st->st_size;
  size_t n = size < WINDOW ? (size_t)size : WINDOW;
  enum { CHUNK = 1 << 16 };
  uint8_t *buf = malloc(CHUNK > n ? CHUNK : n);
  if (!buf) return ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory");
  zip_dir d;
  int rc = 1;
  if (n < 22 || read_at(f, size - n, buf, n) || find_directory(f, size, buf, n, &d)) goto done;
  /* From the directory (or the search window, if it starts later) to the end: the directory, the
   * zip64 end record and locator, the end record and the archive comment. */
  uint64_t from = d.cd_start < size - n ? d.cd_start : size - n;
  ilcd__sha256_update(c, "zip", 4);
  hash_u64(c, size);
  hash_u64(c, (uint64_t)st->st_mtim.tv_sec);
  hash_u64(c, (uint64_t)st->st_mtim.tv_nsec);
  hash_u64(c, (uint64_t)d.zip64);
  hash_u64(c, d.central_pos);
  hash_u64(c, d.cd_start);
  hash_u64(c, from);
  if (from > INT64_MAX || fseeko(f, (off_t)from, SEEK_SET)) {
    rc = ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "read error");
    goto done;
  }
  for (uint64_t left = size - from; left > 0;) {
    size_t want = left < CHUNK ? (size_t)left : CHUNK;
    if (fread(buf, 1, want, f) != want) {
      rc = ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "read error");
      goto done;
    }
    ilcd__sha256_update(c, buf, want);
    left -= want;
  }
  rc = 0;
done:
  free(buf);
  return rc;
}
