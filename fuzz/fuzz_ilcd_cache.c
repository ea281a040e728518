/* fuzz_ilcd_cache.c: libFuzzer harness for the binary cache reader (ilcd/src/cache_read.c), read
 * back with ilcd_db_read_cache from a scratch file.
 *
 * The body of a cache is zlib-compressed and covered by a CRC-32, which random mutation almost
 * never gets past; so the first byte of an input chooses what the rest is:
 *   even: a body (strings then records, uncompressed) after a 4-byte little-endian length of its
 *         strings section; the harness compresses it and writes the header around it, so every
 *         input reaches the record parser;
 *   odd:  a whole cache file as it is, header and checks included.
 * Bit 1 of the first byte gives a source path, so that dataset paths are rebuilt from it. Errors
 * are expected; crashes, sanitizer reports and leaks are findings. Seeds: fuzz/corpus/cache/
 * (written by make_cache_seeds.py). Run: fuzz/run.sh. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>

#include "cache_format.h"
#include "fuzz_scratch.h"

/* Touches what the database hands out, so reads of bad memory show up under ASan. */
static void walk(ilcd_db *db) {
  size_t sum = 0;
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_FLOW); i++) {
    const ilcd_flow *f = ilcd_db_flow_at(db, i);
    const char *ref = NULL;
    ilcd_error err;
    double out;
    (void)ilcd_flow_reference_unit(db, f, &ref, &err);
    (void)ilcd_flow_convert(db, f, 1.5, "kg", ref ? ref : "kg", &out, &err);
    sum += strlen(f->name) + strlen(f->path) + strlen(f->cas) + strlen(f->classification);
  }
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_PROCESS); i++) {
    const ilcd_process *p = ilcd_db_process_at(db, i);
    sum += strlen(p->name) + strlen(p->path) + strlen(p->type) + strlen(p->location);
    for (size_t j = 0; j < p->n_reference_flows; j++) (void)ilcd_process_exchange(p, p->reference_flows[j]);
    for (size_t j = 0; j < p->n_exchanges; j++)
      sum += strlen(p->exchanges[j].flow.raw_id) + p->exchanges[j].n_allocations;
    for (size_t j = 0; j < p->n_lcia_results; j++)
      for (size_t k = 0; k < p->lcia_results[j].n_modules; k++)
        sum += strlen(p->lcia_results[j].modules[k].module) + strlen(p->lcia_results[j].modules[k].scenario);
    for (size_t j = 0; j < p->n_default_scenarios; j++) sum += strlen(p->default_scenarios[j]);
  }
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_UNIT_GROUP); i++) {
    const ilcd_unit_group *g = ilcd_db_unit_group_at(db, i);
    for (size_t j = 0; j < g->n_units; j++) sum += strlen(g->units[j].name);
  }
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_LCIA_METHOD); i++) {
    const ilcd_lcia_method *m = ilcd_db_lcia_method_at(db, i);
    for (size_t j = 0; j < m->n_factors; j++) sum += strlen(m->factors[j].location);
  }
  (void)ilcd_db_check(db);
  for (size_t i = 0; i < ilcd_db_problem_count(db); i++) sum += strlen(ilcd_db_problem(db, i)->target);
  for (size_t i = 0; i < ilcd_db_file_error_count(db); i++) sum += strlen(ilcd_db_file_error(db, i)->message);
  (void)sum;
}

/* Writes a cache file holding body (its first strings_len bytes the strings section). The body goes
 * in as stored zlib blocks (RFC 1950/1951, no compression): deflating it would cost most of a run,
 * and the reader's inflate takes either alike. */
static const char *write_body(char *path, size_t size, const uint8_t *body, size_t n, size_t strings_len) {
  size_t blocks = n / 65535 + 1, zlen = 2 + n + 5 * blocks + 4;
  uint8_t *file = malloc(CACHE_HEADER_BYTES + zlen), *z = file + CACHE_HEADER_BYTES;
  if (!file) abort();
  *z++ = 0x78, *z++ = 0x01; /* deflate, 32 KiB window, no dictionary, check bits */
  size_t done = 0;
  for (size_t b = 0; b < blocks; b++) {
    size_t len = n - done > 65535 ? 65535 : n - done;
    *z++ = b + 1 == blocks; /* BFINAL, BTYPE 00 (stored) */
    le_put(z, len, 2), le_put(z + 2, ~len & 0xffff, 2), z += 4;
    memcpy(z, body + done, len), z += len, done += len;
  }
  uint32_t adler = (uint32_t)adler32(adler32(0L, Z_NULL, 0), body, (uInt)n);
  for (int i = 3; i >= 0; i--) *z++ = (uint8_t)(adler >> (8 * i));
  cache_header h = {.format = ILCD_CACHE_FORMAT,
                    .strings_len = strings_len,
                    .records_len = n - strings_len,
                    .compressed_len = zlen}; /* key: zeros (the harness reads without one) */
  h.crc = (uint32_t)crc32(crc32(crc32(0L, Z_NULL, 0), h.key, 32), body, (uInt)n); /* key, then body */
  cache_header_encode(&h, file);
  scratch_write(path, size, "data.ilcdc", file, CACHE_HEADER_BYTES + zlen);
  free(file);
  return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  char path[128];
  uint8_t mode = data[0];
  if (mode & 1) {
    scratch_write(path, sizeof path, "data.ilcdc", data + 1, size - 1);
  } else {
    if (size < 6) return 0;
    size_t n = size - 5, strings_len = (size_t)le_get(data + 1, 4);
    if (strings_len == 0 || strings_len > n) strings_len = n;
    write_body(path, sizeof path, data + 5, n, strings_len);
  }
  ilcd_db *db;
  if (ilcd_db_new(&db)) return 0;
  ilcd_error err;
  if (ilcd_db_read_cache(db, path, NULL, (mode & 2) ? "/data/source" : NULL, &err) == 0) walk(db);
  ilcd_db_free(db);
  return 0;
}
