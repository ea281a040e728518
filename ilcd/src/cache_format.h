/* cache_format.h: the fixed header of a cache file (layout in ilcd/cache.h), shared by the writer
 * and the reader. */
#ifndef ILCD_CACHE_FORMAT_H
#define ILCD_CACHE_FORMAT_H

#include "internal.h"
#include "ilcd/cache.h"

#include <string.h>
#include <sys/stat.h>

#define CACHE_MAGIC "ILCDC\r\n\x1a"
enum { CACHE_HEADER_BYTES = 8 + 4 + 4 + 32 + 8 + 8 + 8 + 4 + 4 };
/* Level 1: the body is read many times and written once, and inflating costs the same at any
 * level; level 1 keeps the first (missing) load quick. */
enum { CACHE_ZLIB_LEVEL = 1 };
/* Bounds on what a header may declare before anything is allocated: the body inflates to at most
 * 64 times the file (plus slack for tiny databases) and 4 GiB. */
#define CACHE_MAX_RATIO 64u
#define CACHE_MAX_BODY (4ull << 30)

/* Reads the cache file path into db, a fresh database (ilcd_db_read_cache merges it into another):
 * key, when not NULL, must be the recorded one; key_out, when not NULL, receives it. */
int ilcd__cache_read(ilcd_db *db, const char *path, const uint8_t key[32], uint8_t key_out[32], const char *source_path,
                     ilcd_error *err);
/* Hashes the format and the loading options of db into c, the start of a cache key. */
void ilcd__cache_key_options(sha256_ctx *c, const ilcd_db *db);
/* Writes n bytes to path atomically as ilcd_db_save_cache writes a cache file. Returns 0 or -1. */
int ilcd__cache_write_small(const char *path, const void *data, size_t n);

typedef struct cache_header {
  uint32_t format;
  uint8_t key[32];
  uint64_t strings_len, records_len, compressed_len;
  uint32_t crc; /* CRC-32 of the key, then strings and records uncompressed */
} cache_header;

static inline void le_put(uint8_t *p, uint64_t v, int n) {
  for (int i = 0; i < n; i++) p[i] = (uint8_t)(v >> (8 * i));
}
static inline uint64_t le_get(const uint8_t *p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; i++) v |= (uint64_t)p[i] << (8 * i);
  return v;
}

static inline void cache_header_encode(const cache_header *h, uint8_t out[CACHE_HEADER_BYTES]) {
  memcpy(out, CACHE_MAGIC, 8);
  le_put(out + 8, h->format, 4);
  le_put(out + 12, CACHE_HEADER_BYTES, 4);
  memcpy(out + 16, h->key, 32);
  le_put(out + 48, h->strings_len, 8);
  le_put(out + 56, h->records_len, 8);
  le_put(out + 64, h->compressed_len, 8);
  le_put(out + 72, h->crc, 4);
  le_put(out + 76, 0x01020304u, 4);
}

/* Returns 0, or -1 when in is not a header of this format. */
static inline int cache_header_decode(cache_header *h, const uint8_t in[CACHE_HEADER_BYTES]) {
  if (memcmp(in, CACHE_MAGIC, 8) != 0) return -1;
  h->format = (uint32_t)le_get(in + 8, 4);
  if (h->format != ILCD_CACHE_FORMAT || le_get(in + 12, 4) != CACHE_HEADER_BYTES) return -1;
  memcpy(h->key, in + 16, 32);
  h->strings_len = le_get(in + 48, 8);
  h->records_len = le_get(in + 56, 8);
  h->compressed_len = le_get(in + 64, 8);
  h->crc = (uint32_t)le_get(in + 72, 4);
  return le_get(in + 76, 4) == 0x01020304u ? 0 : -1;
}

/* Moves everything from holds into db, after what db holds (cache_key.c). */
int ilcd__db_merge(ilcd_db *db, ilcd_db *from);

/* Adds the key of the zip archive f (opened at path, st its fstat) to c: its size, modification
 * time and central directory (cache_key_zip.c). Returns 0, 1 when its end records are not where
 * minizip would find them (nothing added: key it by its bytes), or ILCD_ERR_IO / ILCD_ERR_NOMEM. */
int ilcd__cache_key_zip(sha256_ctx *c, FILE *f, const struct stat *st, const char *path, ilcd_error *err);

#endif
