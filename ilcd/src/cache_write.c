/* cache_write.c: ilcd_db_save_cache, a loaded database written as one compressed binary file (the
 * layout is in ilcd/cache.h). Strings are interned, so the many repeated ones (versions, units,
 * flow names in exchanges) are stored once and shared again when the cache is read. */
#include "cache_format.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

typedef struct buf {
  uint8_t *p;
  size_t len, cap;
  int oom;
} buf;

typedef struct writer {
  buf strings, records;
  uint32_t *table; /* interned strings: offset + 1 into strings, 0 = empty slot */
  size_t table_cap, table_used;
  const char *prefix;
  size_t prefix_len;
} writer;

static void put(buf *b, const void *data, size_t n) {
  if (b->oom) return;
  if (n > b->cap - b->len) {
    size_t cap = b->cap ? b->cap : 1 << 16;
    while (cap - b->len < n) {
      if (cap > SIZE_MAX / 2) {
        b->oom = 1;
        return;
      }
      cap *= 2;
    }
    uint8_t *p = realloc(b->p, cap);
    if (!p) {
      b->oom = 1;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->len, data, n);
  b->len += n;
}

/* Little-endian whatever the host. */
static void put_u64(buf *b, uint64_t v) {
  uint8_t x[8];
  for (int i = 0; i < 8; i++) x[i] = (uint8_t)(v >> (8 * i));
  put(b, x, 8);
}
static void put_u32(buf *b, uint32_t v) {
  uint8_t x[4];
  for (int i = 0; i < 4; i++) x[i] = (uint8_t)(v >> (8 * i));
  put(b, x, 4);
}
static void put_u8(buf *b, unsigned v) {
  uint8_t x = (uint8_t)v;
  put(b, &x, 1);
}
static void put_i32(buf *b, int v) { put_u32(b, (uint32_t)v); }
static void put_f64(buf *b, double v) {
  uint64_t u;
  memcpy(&u, &v, 8); /* bit for bit: NaN (not given) stays NaN */
  put_u64(b, u);
}
static void put_size(buf *b, size_t n) {
  if (n > UINT32_MAX) b->oom = 1;
  put_u32(b, (uint32_t)n);
}

static uint64_t str_hash(const char *s, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 0x100000001b3ull;
  return h;
}

/* Offset of s in the strings section, added the first time it is seen. */
static uint32_t intern(writer *w, const char *s) {
  if (!s) s = "";
  size_t n = strlen(s);
  if (w->table_used * 2 >= w->table_cap) {
    size_t cap = w->table_cap ? w->table_cap * 2 : 1 << 14;
    uint32_t *t = calloc(cap, sizeof *t);
    if (!t) {
      w->strings.oom = 1;
      return 0;
    }
    for (size_t i = 0; i < w->table_cap; i++) {
      if (!w->table[i]) continue;
      const char *o = (const char *)w->strings.p + w->table[i] - 1;
      size_t j = str_hash(o, strlen(o)) & (cap - 1);
      while (t[j]) j = (j + 1) & (cap - 1);
      t[j] = w->table[i];
    }
    free(w->table);
    w->table = t;
    w->table_cap = cap;
  }
  size_t j = str_hash(s, n) & (w->table_cap - 1);
  for (; w->table[j]; j = (j + 1) & (w->table_cap - 1)) {
    const char *o = (const char *)w->strings.p + w->table[j] - 1;
    if (strcmp(o, s) == 0) return w->table[j] - 1;
  }
  if (w->strings.len + n + 1 >= UINT32_MAX) {
    w->strings.oom = 1; /* offsets are 32-bit: 4 GiB of distinct text is not a database */
    return 0;
  }
  uint32_t off = (uint32_t)w->strings.len;
  put(&w->strings, s, n + 1);
  if (w->strings.oom) return 0;
  w->table[j] = off + 1;
  w->table_used++;
  return off;
}

static void put_str(writer *w, const char *s) { put_u32(&w->records, intern(w, s)); }

/* A path below the source is stored relative to it (flag 1) and rebuilt when read. */
static void put_path(writer *w, const char *path) {
  int rel = w->prefix_len && strncmp(path, w->prefix, w->prefix_len) == 0;
  put_u8(&w->records, (unsigned)rel);
  put_str(w, rel ? path + w->prefix_len : path);
}

static void put_head(writer *w, const void *dataset) {
  const dataset_head *h = dataset;
  put(&w->records, h->uuid.b, 16);
  put_str(w, h->version);
  put_str(w, h->name);
  put_path(w, h->path);
}

static void put_ref(writer *w, const ilcd_ref *r) {
  put(&w->records, r->uuid.b, 16);
  put_u8(&w->records, r->valid ? 1 : 0);
  put_str(w, r->raw_id);
  put_str(w, r->version);
  put_str(w, r->text);
}

static void put_refs(writer *w, size_t n, const ilcd_ref *refs) {
  put_size(&w->records, n);
  for (size_t i = 0; i < n; i++) put_ref(w, &refs[i]);
}

static void put_exchange(writer *w, const ilcd_exchange *e) {
  buf *b = &w->records;
  put_i32(b, e->internal_id);
  put_ref(w, &e->flow);
  put_u8(b, e->direction);
  put_f64(b, e->mean_amount);
  put_f64(b, e->resulting_amount);
  put_u8(b, e->has_resulting_amount ? 1 : 0);
  put_u8(b, e->uncertainty);
  put_f64(b, e->rsd95_percent);
  put_f64(b, e->minimum);
  put_f64(b, e->maximum);
  put_str(w, e->derivation);
  put_str(w, e->location);
  put_u64(b, (uint64_t)e->line);
  put_size(b, e->n_allocations);
  for (size_t i = 0; i < e->n_allocations; i++) {
    put_i32(b, e->allocations[i].co_product);
    put_f64(b, e->allocations[i].fraction_percent);
  }
}

static void put_process(writer *w, const ilcd_process *p) {
  buf *b = &w->records;
  put_head(w, p);
  put_str(w, p->type);
  put_str(w, p->location);
  put_i32(b, p->reference_year);
  put_i32(b, p->valid_until);
  put_str(w, p->classification);
  put_str(w, p->technology);
  put_str(w, p->lci_method);
  put_str(w, p->allocation);
  put_str(w, p->general_comment);
  put_size(b, p->n_reference_flows);
  for (size_t i = 0; i < p->n_reference_flows; i++) put_i32(b, p->reference_flows[i]);
  put_size(b, p->n_exchanges);
  for (size_t i = 0; i < p->n_exchanges; i++) put_exchange(w, &p->exchanges[i]);
  put_size(b, p->n_lcia_results);
  for (size_t i = 0; i < p->n_lcia_results; i++) {
    const ilcd_lcia_result *r = &p->lcia_results[i];
    put_ref(w, &r->method);
    put_f64(b, r->mean_amount);
    put_u8(b, r->has_mean_amount ? 1 : 0);
    put_size(b, r->n_modules);
    for (size_t j = 0; j < r->n_modules; j++) {
      put_str(w, r->modules[j].module);
      put_str(w, r->modules[j].scenario);
      put_f64(b, r->modules[j].amount);
      put_u8(b, r->modules[j].has_amount ? 1 : 0);
    }
  }
  put_refs(w, p->n_sources, p->sources);
  put_size(b, p->n_default_scenarios);
  for (size_t i = 0; i < p->n_default_scenarios; i++) put_str(w, p->default_scenarios[i]);
}

static void put_flow(writer *w, const ilcd_flow *f) {
  buf *b = &w->records;
  put_head(w, f);
  put_u8(b, f->type);
  put_str(w, f->cas);
  put_str(w, f->classification);
  put_size(b, f->n_properties);
  for (size_t i = 0; i < f->n_properties; i++) {
    put_i32(b, f->properties[i].internal_id);
    put_ref(w, &f->properties[i].property);
    put_f64(b, f->properties[i].mean_value);
  }
  put_i32(b, f->reference_property);
}

static void put_flow_property(writer *w, const ilcd_flow_property *fp) {
  put_head(w, fp);
  put_ref(w, &fp->unit_group);
  put_refs(w, fp->n_sources, fp->sources);
}

static void put_unit_group(writer *w, const ilcd_unit_group *g) {
  buf *b = &w->records;
  put_head(w, g);
  put_size(b, g->n_units);
  for (size_t i = 0; i < g->n_units; i++) {
    put_i32(b, g->units[i].internal_id);
    put_str(w, g->units[i].name);
    put_f64(b, g->units[i].factor);
  }
  put_i32(b, g->reference_unit);
}

static void put_method(writer *w, const ilcd_lcia_method *m) {
  buf *b = &w->records;
  put_head(w, m);
  put_str(w, m->methodology);
  put_str(w, m->impact_category);
  put_str(w, m->indicator);
  put_ref(w, &m->reference_quantity);
  put_size(b, m->n_factors);
  for (size_t i = 0; i < m->n_factors; i++) {
    put_ref(w, &m->factors[i].flow);
    put_u8(b, m->factors[i].direction);
    put_str(w, m->factors[i].location);
    put_f64(b, m->factors[i].mean_value);
  }
  put_refs(w, m->n_sources, m->sources);
}

static void put_named(writer *w, const ilcd_named *n) {
  put_head(w, n);
  put_str(w, n->citation);
}

static void put_db(writer *w, const ilcd_db *db) {
  buf *b = &w->records;
  put_u64(b, db->xml_bytes);
  for (int k = 0; k < ILCD_KIND_COUNT; k++) {
    const vec *items = &db->items[k];
    put_size(b, items->len);
    for (size_t i = 0; i < items->len; i++) {
      const void *d = ((void *const *)items->data)[i];
      switch ((ilcd_kind)k) {
        case ILCD_PROCESS: put_process(w, d); break;
        case ILCD_FLOW: put_flow(w, d); break;
        case ILCD_FLOW_PROPERTY: put_flow_property(w, d); break;
        case ILCD_UNIT_GROUP: put_unit_group(w, d); break;
        case ILCD_LCIA_METHOD: put_method(w, d); break;
        default: put_named(w, d); break;
      }
    }
  }
  put_size(b, db->problems.len);
  for (size_t i = 0; i < db->problems.len; i++) {
    const ilcd_problem *p = (const ilcd_problem *)db->problems.data + i;
    put_u8(b, p->from_kind);
    put(b, p->from.b, 16);
    put_u8(b, p->to_kind);
    put_str(w, p->target);
    put_str(w, p->what);
  }
  put_size(b, db->file_errors.len);
  for (size_t i = 0; i < db->file_errors.len; i++) {
    const ilcd_error *e = (const ilcd_error *)db->file_errors.data + i;
    put_i32(b, e->code);
    put_path(w, e->path);
    put_u64(b, (uint64_t)e->line);
    put_str(w, e->uuid);
    put_str(w, e->message);
  }
}

/* Deflates the body (strings then records) to f, continuing the CRC-32 in *crc over it; returns
 * the compressed length or 0 on failure. */
static uint64_t deflate_body(FILE *f, const buf *parts[2], uint32_t *crc) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (deflateInit(&z, CACHE_ZLIB_LEVEL) != Z_OK) return 0;
  uint8_t out[1 << 16];
  uint64_t total = 0;
  int ok = 1;
  for (int i = 0; i < 2 && ok; i++) {
    const uint8_t *p = parts[i]->p;
    size_t left = parts[i]->len;
    int last = i == 1;
    do {
      uInt n = left > (1u << 30) ? (1u << 30) : (uInt)left;
      *crc = (uint32_t)crc32(*crc, p, n);
      z.next_in = (Bytef *)p;
      z.avail_in = n;
      p += n;
      left -= n;
      int flush = last && !left ? Z_FINISH : Z_NO_FLUSH, zr;
      do {
        z.next_out = out;
        z.avail_out = sizeof out;
        zr = deflate(&z, flush);
        size_t have = sizeof out - z.avail_out;
        if (zr == Z_STREAM_ERROR || fwrite(out, 1, have, f) != have) ok = 0;
        total += have;
      } while (ok && (z.avail_out == 0 || (flush == Z_FINISH && zr != Z_STREAM_END)));
    } while (ok && left);
  }
  deflateEnd(&z);
  return ok ? total : 0;
}

/* Removes path's temporaries (path.tmp-PID-XXXXXX) left by a process that is gone (killed while
 * writing): the user's own regular files only. */
static void remove_stale_temps(const char *path) {
  const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
  size_t dir_len = slash ? (size_t)(slash - path) : 0, base_len = strlen(base);
  char *dir = malloc(dir_len + 2);
  if (!dir) return;
  if (slash)
    memcpy(dir, path, dir_len ? dir_len : 1), dir[dir_len ? dir_len : 1] = '\0';
  else
    strcpy(dir, ".");
  DIR *d = opendir(dir);
  free(dir);
  if (!d) return;
  for (struct dirent *de; (de = readdir(d));) {
    const char *n = de->d_name;
    if (strncmp(n, base, base_len) != 0 || strncmp(n + base_len, ".tmp-", 5) != 0) continue;
    char *end;
    long pid = strtol(n + base_len + 5, &end, 10);
    struct stat st;
    if (pid <= 0 || *end != '-' || strlen(end + 1) != 6 || pid == (long)getpid()) continue;
    if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
    if (fstatat(dirfd(d), n, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid())
      unlinkat(dirfd(d), n, 0);
  }
  closedir(d);
}

/* A temporary path.tmp-PID-XXXXXX, created by mkstemp (O_CREAT|O_EXCL, mode 0600: a name planted
 * beforehand, a symbolic link above all, makes it pick another, never write through), its name in
 * *tmp (commit_temp frees), the stream in *f; path's temporaries of processes that are gone are
 * removed first. */
static int create_temp(const char *path, FILE **f, char **tmp, ilcd_error *err) {
  remove_stale_temps(path);
  size_t plen = strlen(path);
  *f = NULL;
  if (!(*tmp = malloc(plen + 40))) return ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory");
  snprintf(*tmp, plen + 40, "%s.tmp-%ld-XXXXXX", path, (long)getpid());
  int fd = mkstemp(*tmp);
  if (fd >= 0 && (*f = fdopen(fd, "wb"))) return 0;
  int rc = ilcd_error_set(err, ILCD_ERR_IO, *tmp, 0, "", "cannot create: %s", strerror(errno));
  if (fd >= 0) close(fd), remove(*tmp);
  free(*tmp);
  *tmp = NULL;
  return rc;
}

/* Closes f, the temporary tmp, and renames it over path when ok. Returns 0 or ILCD_ERR_IO. */
static int commit_temp(FILE *f, char *tmp, const char *path, int ok, ilcd_error *err) {
  if (fclose(f) != 0) ok = 0;
  int rc = 0;
  if (!ok || rename(tmp, path) != 0) {
    rc = ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "cannot write the cache: %s", strerror(errno));
    remove(tmp);
  }
  free(tmp);
  return rc;
}

/* Written to a temporary (create_temp), then renamed over path. */
static int write_file(const char *path, const writer *w, const uint8_t key[32], ilcd_error *err) {
  char *tmp;
  FILE *f;
  int rc = create_temp(path, &f, &tmp, err);
  if (rc) return rc;
  cache_header h = {.format = ILCD_CACHE_FORMAT, .strings_len = w->strings.len, .records_len = w->records.len};
  if (key) memcpy(h.key, key, 32);
  uint8_t head[CACHE_HEADER_BYTES];
  cache_header_encode(&h, head); /* compressed length and CRC patched below */
  const buf *parts[2] = {&w->strings, &w->records};
  /* The CRC covers the key, then the body: a key patched to another source's breaks it. */
  h.crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), h.key, 32);
  int ok = fwrite(head, 1, sizeof head, f) == sizeof head;
  if (ok) ok = (h.compressed_len = deflate_body(f, parts, &h.crc)) != 0;
  if (ok) {
    cache_header_encode(&h, head);
    ok = fseek(f, 0, SEEK_SET) == 0 && fwrite(head, 1, sizeof head, f) == sizeof head;
  }
  return commit_temp(f, tmp, path, ok, err);
}

int ilcd__cache_write_small(const char *path, const void *data, size_t n) {
  char *tmp;
  FILE *f;
  if (create_temp(path, &f, &tmp, NULL)) return -1;
  return commit_temp(f, tmp, path, fwrite(data, 1, n, f) == n, NULL) ? -1 : 0;
}

int ilcd_db_save_cache(const ilcd_db *db, const char *path, const uint8_t key[32], const char *source_path,
                       ilcd_error *err) {
  writer w = {0};
  if (source_path) {
    w.prefix = source_path;
    w.prefix_len = strlen(source_path);
  }
  intern(&w, ""); /* the strings section is never empty and ends with a NUL */
  put_db(&w, db);
  int rc;
  if (w.strings.oom || w.records.oom)
    rc = ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory writing the cache");
  else
    rc = write_file(path, &w, key, err);
  free(w.strings.p);
  free(w.records.p);
  free(w.table);
  return rc;
}
