/* cache_read.c: ilcd_db_read_cache, a cache file (layout in ilcd/cache.h) read back into a
 * database. The file is hostile until proven otherwise: the header's lengths are bounded by the
 * file size before anything is allocated, the body must inflate to exactly the declared length and
 * CRC (checked at the end of the decoding, which keeps nothing until then), every count is checked
 * against the bytes left before its array is allocated, every string offset against the strings
 * section, every enumeration and index against its range. Strings are not copied: datasets point
 * into the strings section, which lives in the database's arena. */
#include "cache_format.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

/* The records are decoded as they inflate, through a small window (WINDOW bytes), never whole:
 * a whole copy would be tens of MB of fresh memory, and fresh memory costs more to touch than the
 * decoding itself. The CRC covers what was decoded; a mismatch at the end refuses the lot. */
enum { WINDOW = 64 << 10, FEED = 64 << 10 };

typedef struct reader {
  const uint8_t *p, *end; /* the window's undecoded bytes */
  uint64_t left;          /* record bytes not yet decoded, in the window or still compressed */
  int bad;
  int nomem; /* bad because an allocation failed, not the file: ILCD_ERR_NOMEM, not corrupt */
  const char *strings;
  size_t strings_len;
  arena *mem;
  const char *prefix;
  size_t prefix_len;
  /* The compressed side: the inflater, the file it reads from and what of it is unread. */
  z_stream *z;
  FILE *f;
  uint8_t *window, *feed;
  uint64_t unread;   /* compressed bytes not yet fed */
  uint64_t unfilled; /* record bytes not yet inflated into the window */
  uint32_t crc;
  int zr; /* inflate's last return */
} reader;

static void out_of_memory(reader *r) {
  r->nomem = 1;
  r->bad = 1;
}

/* Feeds the inflater the next compressed bytes when it has none; returns 0 or -1 (read error). */
static int feed(reader *r) {
  z_stream *z = r->z;
  if (z->avail_in || !r->unread) return 0;
  size_t want = r->unread < FEED ? (size_t)r->unread : FEED;
  if (fread(r->feed, 1, want, r->f) != want) return -1;
  r->unread -= want;
  z->next_in = r->feed;
  z->avail_in = (uInt)want;
  return 0;
}

/* Inflates n bytes (1 or more) into out from the file; returns 0 or -1 (truncated or corrupt). */
static int inflate_into(reader *r, uint8_t *out, size_t n) {
  z_stream *z = r->z;
  z->next_out = out;
  z->avail_out = (uInt)n;
  while (z->avail_out) {
    if (r->zr == Z_STREAM_END) return -1; /* ended before the declared length */
    if (feed(r)) return -1;
    uInt before = z->avail_out;
    r->zr = inflate(z, Z_NO_FLUSH);
    if (r->zr != Z_OK && r->zr != Z_STREAM_END) return -1;
    if (r->zr == Z_OK && z->avail_out == before && !z->avail_in && !r->unread) return -1; /* input ran out */
  }
  r->crc = (uint32_t)crc32(r->crc, out, (uInt)n);
  return 0;
}

/* Makes n window bytes available at r->p (n at most a record field's size). */
static int fill(reader *r, size_t n) {
  size_t have = (size_t)(r->end - r->p);
  memmove(r->window, r->p, have);
  size_t room = WINDOW - have, get = r->unfilled < room ? (size_t)r->unfilled : room;
  if (have + get < n || inflate_into(r, r->window + have, get)) return -1;
  r->unfilled -= get;
  r->p = r->window;
  r->end = r->window + have + get;
  return 0;
}

static const uint8_t *take(reader *r, size_t n) {
  if (r->bad || r->left < n || ((size_t)(r->end - r->p) < n && fill(r, n))) {
    r->bad = 1;
    return NULL;
  }
  const uint8_t *p = r->p;
  r->p += n;
  r->left -= n;
  return p;
}
static uint64_t get_le(reader *r, int n) {
  const uint8_t *p = take(r, (size_t)n);
  return p ? le_get(p, n) : 0;
}
static unsigned get_u8(reader *r, unsigned max) {
  unsigned v = (unsigned)get_le(r, 1);
  if (v > max) r->bad = 1;
  return v;
}
static int get_i32(reader *r) { return (int)(int32_t)(uint32_t)get_le(r, 4); }
static double get_f64(reader *r) {
  uint64_t u = get_le(r, 8);
  double d;
  memcpy(&d, &u, 8);
  return d;
}
static void get_uuid(reader *r, ilcd_uuid *u) {
  const uint8_t *p = take(r, 16);
  if (p) memcpy(u->b, p, 16);
}
static const char *get_str(reader *r) {
  uint32_t off = (uint32_t)get_le(r, 4);
  if (off >= r->strings_len) {
    r->bad = 1;
    return "";
  }
  return r->strings + off; /* the section ends with a NUL, so any offset is a string */
}
static const char *get_path(reader *r) {
  unsigned rel = get_u8(r, 1);
  const char *s = get_str(r);
  if (!rel || r->bad) return s;
  size_t n = strlen(s);
  char *p = ilcd__arena_alloc(r->mem, r->prefix_len + n + 1);
  if (!p) {
    out_of_memory(r);
    return "";
  }
  memcpy(p, r->prefix, r->prefix_len);
  memcpy(p + r->prefix_len, s, n + 1);
  return p;
}
/* An array of count elements of elem bytes in memory, each taking at least min bytes in the file:
 * a count the remaining bytes cannot hold is corrupt, whatever it would allocate. */
static void *get_array(reader *r, size_t *count, size_t elem, size_t min) {
  size_t n = (size_t)get_le(r, 4);
  *count = 0;
  if (r->bad || n > r->left / min) {
    r->bad = 1;
    return NULL;
  }
  if (n == 0) return NULL;
  void *a = ilcd__arena_array(r->mem, n, elem);
  if (!a)
    out_of_memory(r);
  else
    *count = n;
  return a;
}

enum { REF_BYTES = 16 + 1 + 4 * 3, HEAD_BYTES = 16 + 4 + 4 + 1 + 4 };

static void get_ref(reader *r, ilcd_ref *ref) {
  get_uuid(r, &ref->uuid);
  ref->valid = (int)get_u8(r, 1);
  ref->raw_id = get_str(r);
  ref->version = get_str(r);
  ref->text = get_str(r);
}

static const ilcd_ref *get_refs(reader *r, size_t *n) {
  ilcd_ref *refs = get_array(r, n, sizeof *refs, REF_BYTES);
  for (size_t i = 0; i < *n && !r->bad; i++) get_ref(r, &refs[i]);
  return refs;
}

static void *get_head(reader *r, size_t size) {
  dataset_head *h = ilcd__arena_alloc(r->mem, size);
  if (!h) {
    out_of_memory(r);
    return NULL;
  }
  get_uuid(r, &h->uuid);
  h->version = get_str(r);
  h->name = get_str(r);
  h->path = get_path(r);
  return h;
}

static void get_exchange(reader *r, ilcd_exchange *e) {
  e->internal_id = get_i32(r);
  get_ref(r, &e->flow);
  e->direction = (ilcd_direction)get_u8(r, ILCD_OUTPUT);
  e->mean_amount = get_f64(r);
  e->resulting_amount = get_f64(r);
  e->has_resulting_amount = (int)get_u8(r, 1);
  e->uncertainty = (ilcd_uncertainty)get_u8(r, ILCD_UNC_UNIFORM);
  e->rsd95_percent = get_f64(r);
  e->minimum = get_f64(r);
  e->maximum = get_f64(r);
  e->derivation = get_str(r);
  e->location = get_str(r);
  e->line = (long)(int64_t)get_le(r, 8);
  ilcd_allocation *a = get_array(r, &e->n_allocations, sizeof *a, 4 + 8);
  for (size_t i = 0; i < e->n_allocations && !r->bad; i++) {
    a[i].co_product = get_i32(r);
    a[i].fraction_percent = get_f64(r);
  }
  e->allocations = a;
}

static void get_lcia_result(reader *r, ilcd_lcia_result *res) {
  get_ref(r, &res->method);
  res->mean_amount = get_f64(r);
  res->has_mean_amount = (int)get_u8(r, 1);
  ilcd_module_amount *m = get_array(r, &res->n_modules, sizeof *m, 4 + 4 + 8 + 1);
  for (size_t j = 0; j < res->n_modules && !r->bad; j++) {
    m[j].module = get_str(r);
    m[j].scenario = get_str(r);
    m[j].amount = get_f64(r);
    m[j].has_amount = (int)get_u8(r, 1);
  }
  res->modules = m;
}

static void *get_process(reader *r) {
  ilcd_process *p = get_head(r, sizeof *p);
  if (!p) return NULL;
  p->type = get_str(r);
  p->location = get_str(r);
  p->reference_year = get_i32(r);
  p->valid_until = get_i32(r);
  p->classification = get_str(r);
  p->technology = get_str(r);
  p->lci_method = get_str(r);
  p->allocation = get_str(r);
  p->general_comment = get_str(r);
  int *rf = get_array(r, &p->n_reference_flows, sizeof *rf, 4);
  for (size_t i = 0; i < p->n_reference_flows && !r->bad; i++) rf[i] = get_i32(r);
  p->reference_flows = rf;
  ilcd_exchange *e = get_array(r, &p->n_exchanges, sizeof *e, 4 + REF_BYTES + 1 + 8 * 5 + 2 + 8 + 8 + 4);
  for (size_t i = 0; i < p->n_exchanges && !r->bad; i++) get_exchange(r, &e[i]);
  p->exchanges = e;
  ilcd_lcia_result *res = get_array(r, &p->n_lcia_results, sizeof *res, REF_BYTES + 8 + 1 + 4);
  for (size_t i = 0; i < p->n_lcia_results && !r->bad; i++) get_lcia_result(r, &res[i]);
  p->lcia_results = res;
  p->sources = get_refs(r, &p->n_sources);
  const char **sc = get_array(r, &p->n_default_scenarios, sizeof *sc, 4);
  for (size_t i = 0; i < p->n_default_scenarios && !r->bad; i++) sc[i] = get_str(r);
  p->default_scenarios = sc;
  return p;
}

static void *get_flow(reader *r) {
  ilcd_flow *f = get_head(r, sizeof *f);
  if (!f) return NULL;
  f->type = (ilcd_flow_type)get_u8(r, ILCD_FLOW_WASTE);
  f->cas = get_str(r);
  f->classification = get_str(r);
  ilcd_flow_property_ref *pr = get_array(r, &f->n_properties, sizeof *pr, 4 + REF_BYTES + 8);
  for (size_t i = 0; i < f->n_properties && !r->bad; i++) {
    pr[i].internal_id = get_i32(r);
    get_ref(r, &pr[i].property);
    pr[i].mean_value = get_f64(r);
  }
  f->properties = pr;
  f->reference_property = get_i32(r);
  if (f->reference_property < -1 || f->reference_property >= (long long)f->n_properties) r->bad = 1;
  return f;
}

static void *get_flow_property(reader *r) {
  ilcd_flow_property *fp = get_head(r, sizeof *fp);
  if (!fp) return NULL;
  get_ref(r, &fp->unit_group);
  fp->sources = get_refs(r, &fp->n_sources);
  return fp;
}

static void *get_unit_group(reader *r) {
  ilcd_unit_group *g = get_head(r, sizeof *g);
  if (!g) return NULL;
  ilcd_unit *u = get_array(r, &g->n_units, sizeof *u, 4 + 4 + 8);
  for (size_t i = 0; i < g->n_units && !r->bad; i++) {
    u[i].internal_id = get_i32(r);
    u[i].name = get_str(r);
    u[i].factor = get_f64(r);
  }
  g->units = u;
  g->reference_unit = get_i32(r);
  if (g->reference_unit < -1 || g->reference_unit >= (long long)g->n_units) r->bad = 1;
  return g;
}

static void *get_method(reader *r) {
  ilcd_lcia_method *m = get_head(r, sizeof *m);
  if (!m) return NULL;
  m->methodology = get_str(r);
  m->impact_category = get_str(r);
  m->indicator = get_str(r);
  get_ref(r, &m->reference_quantity);
  ilcd_factor *f = get_array(r, &m->n_factors, sizeof *f, REF_BYTES + 1 + 4 + 8);
  for (size_t i = 0; i < m->n_factors && !r->bad; i++) {
    get_ref(r, &f[i].flow);
    f[i].direction = (ilcd_direction)get_u8(r, ILCD_OUTPUT);
    f[i].location = get_str(r);
    f[i].mean_value = get_f64(r);
  }
  m->factors = f;
  m->sources = get_refs(r, &m->n_sources);
  return m;
}

static void *get_named(reader *r) {
  ilcd_named *n = get_head(r, sizeof *n);
  if (n) n->citation = get_str(r);
  return n;
}

/* Reads the records section into db (empty, fresh). Returns 0, ILCD_ERR_DATA or ILCD_ERR_NOMEM. */
static int read_records(ilcd_db *db, reader *r) {
  static void *(*const get[ILCD_KIND_COUNT])(reader *) = {get_process, get_flow,  get_flow_property, get_unit_group,
                                                          get_method,  get_named, get_named};
  db->xml_bytes = get_le(r, 8);
  for (int k = 0; k < ILCD_KIND_COUNT && !r->bad; k++) {
    size_t n = (size_t)get_le(r, 4);
    if (n > r->left / HEAD_BYTES) r->bad = 1;
    for (size_t i = 0; i < n && !r->bad; i++) {
      dataset_head *d = get[k](r);
      if (!r->bad && ilcd__db_add(db, (ilcd_kind)k, d)) return ILCD_ERR_NOMEM;
    }
  }
  size_t n = (size_t)get_le(r, 4);
  if (n > r->left / (1 + 16 + 1 + 4 + 4)) r->bad = 1;
  for (size_t i = 0; i < n && !r->bad; i++) {
    ilcd_problem *p = ilcd__vec_push(&db->problems);
    if (!p) return ILCD_ERR_NOMEM;
    p->from_kind = (ilcd_kind)get_u8(r, ILCD_KIND_COUNT - 1);
    get_uuid(r, &p->from);
    p->to_kind = (ilcd_kind)get_u8(r, ILCD_KIND_COUNT - 1);
    snprintf(p->target, sizeof p->target, "%s", get_str(r));
    p->what = get_str(r);
  }
  n = (size_t)get_le(r, 4);
  if (n > r->left / (4 + 5 + 8 + 4 + 4)) r->bad = 1;
  for (size_t i = 0; i < n && !r->bad; i++) {
    ilcd_error *e = ilcd__vec_push(&db->file_errors);
    if (!e) return ILCD_ERR_NOMEM;
    e->code = get_i32(r);
    snprintf(e->path, sizeof e->path, "%s", get_path(r));
    e->line = (long)(int64_t)get_le(r, 8);
    snprintf(e->uuid, sizeof e->uuid, "%s", get_str(r));
    snprintf(e->message, sizeof e->message, "%s", get_str(r));
  }
  if (r->left) r->bad = 1; /* trailing bytes: not what was written */
  return r->nomem ? ILCD_ERR_NOMEM : r->bad ? ILCD_ERR_DATA : 0;
}

/* Inflates the records not yet inflated, discarding them (their CRC is kept). Returns 0 or -1. */
static int drain(reader *r) {
  while (r->unfilled) {
    r->p = r->end; /* what the window holds is done with */
    if (fill(r, 1)) return -1;
  }
  return 0;
}

/* After the records: the stream must end exactly there, with no input behind it, and the CRC
 * over the key, strings and records must be the header's. Returns 0 or -1. */
static int stream_ends(reader *r, const cache_header *h) {
  uint8_t extra;
  /* Not one byte more: inflate_into fails at the stream's end, which is what must come. */
  if (r->zr != Z_STREAM_END && (inflate_into(r, &extra, 1) == 0 || r->zr != Z_STREAM_END)) return -1;
  return r->z->avail_in == 0 && r->unread == 0 && r->crc == h->crc ? 0 : -1;
}

static int corrupt(ilcd_error *err, const char *path, const char *why) {
  return ilcd_error_set(err, ILCD_ERR_DATA, path, 0, "", "cache corrupt, ignored (%s)", why);
}

int ilcd__cache_read(ilcd_db *db, const char *path, const uint8_t key[32], uint8_t key_out[32], const char *source_path,
                     ilcd_error *err) {
  /* Not through a link, nothing but a regular file (a FIFO would block), and the user's own: a
   * cache answers for data without the data being read, so only the user's own files may. */
  struct stat st;
  FILE *f;
  ilcd_error oerr = {0};
  int rc = ilcd__file_fopen_regular(&f, path, 1, &st, &oerr);
  if (rc && (rc == ILCD_ERR_NOMEM || st.st_mode == 0)) { /* missing, unreadable or a link */
    if (err) *err = oerr;
    return rc;
  }
  if (rc) return corrupt(err, path, oerr.message);
  if (st.st_uid != geteuid()) {
    fclose(f);
    return corrupt(err, path, "another user's file");
  }
  uint8_t head[CACHE_HEADER_BYTES];
  cache_header h;
  uint8_t *buf = NULL;
  if (st.st_size < CACHE_HEADER_BYTES || fread(head, 1, sizeof head, f) != sizeof head ||
      cache_header_decode(&h, head) != 0) {
    rc = corrupt(err, path, "no cache header of this format");
    goto cleanup;
  }
  if (key && memcmp(h.key, key, 32) != 0) {
    rc = corrupt(err, path, "stale: another source");
    goto cleanup;
  }
  if (key_out) memcpy(key_out, h.key, 32);
  uint64_t file = (uint64_t)st.st_size, body = h.strings_len + h.records_len;
  if (file > CACHE_MAX_BODY || h.compressed_len != file - CACHE_HEADER_BYTES || h.strings_len == 0 ||
      h.strings_len > CACHE_MAX_BODY || h.records_len > CACHE_MAX_BODY || body > CACHE_MAX_BODY ||
      body > CACHE_MAX_RATIO * file + (1u << 16) || h.strings_len > UINT32_MAX) {
    rc = corrupt(err, path, "lengths out of bounds");
    goto cleanup;
  }
  char *strings = ilcd__arena_alloc(&db->mem, (size_t)h.strings_len);
  buf = malloc(WINDOW + FEED);
  if (!strings || !buf) {
    rc = ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory");
    goto cleanup;
  }
  z_stream z;
  memset(&z, 0, sizeof z);
  if (inflateInit(&z) != Z_OK) {
    rc = ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory");
    goto cleanup;
  }
  reader r = {.left = h.records_len,
              .strings = strings,
              .strings_len = (size_t)h.strings_len,
              .mem = &db->mem,
              .prefix = source_path ? source_path : "",
              .prefix_len = source_path ? strlen(source_path) : 0,
              .z = &z,
              .f = f,
              .window = buf,
              .feed = buf + WINDOW,
              .unread = h.compressed_len,
              .unfilled = h.records_len,
              .crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), h.key, 32), /* the key, then the body */
              .zr = Z_OK};
  r.p = r.end = r.window;
  /* The strings whole (datasets point into them), then the records through the window. */
  if (inflate_into(&r, (uint8_t *)strings, (size_t)h.strings_len) || strings[h.strings_len - 1] != '\0') {
    rc = corrupt(err, path, "body does not inflate to its length and checksum");
  } else {
    rc = read_records(db, &r);
    /* Records that do not decode, or a count too large to allocate, are told apart from a body
     * that does not inflate or check, as when the body was checked before decoding: the rest is
     * inflated (into the window: no memory needed) to tell which. A corrupt cache must not read as
     * out of memory, which would stop the load instead of reading the XML. */
    int body_bad = (rc && drain(&r)) || stream_ends(&r, &h);
    if (body_bad)
      rc = corrupt(err, path, "body does not inflate to its length and checksum");
    else if (rc == ILCD_ERR_DATA)
      rc = corrupt(err, path, "records out of bounds");
    else if (rc)
      ilcd_error_set(err, rc, path, 0, "", "out of memory");
  }
  inflateEnd(&z);
cleanup:
  free(buf);
  fclose(f);
  return rc;
}

int ilcd_db_read_cache(ilcd_db *db, const char *path, const uint8_t key[32], const char *source_path, ilcd_error *err) {
  ilcd_db *tmp;
  if (ilcd_db_new(&tmp)) return ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory");
  ilcd_db_set_options(tmp, &db->options);
  int rc = ilcd__cache_read(tmp, path, key, NULL, source_path, err);
  if (!rc && (rc = ilcd__db_merge(db, tmp))) ilcd_error_set(err, rc, path, 0, "", "out of memory");
  ilcd_db_free(tmp);
  return rc;
}
