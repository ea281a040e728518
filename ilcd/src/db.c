/* db.c: the database: loading from folders and files, the UUID index with versions, lookups, and
 * the reference check that lists dangling references. */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const ilcd_options defaults = {
    .max_entry_bytes = 256u << 20, .max_total_bytes = 4ull << 30, .max_ratio = 1000, .max_depth = 256};

int ilcd_db_new(ilcd_db **out) {
  ilcd_db *db = calloc(1, sizeof *db);
  *out = db;
  if (!db) return ILCD_ERR_NOMEM;
  ilcd__arena_init(&db->mem);
  db->options = defaults;
  for (int k = 0; k < ILCD_KIND_COUNT; k++) ilcd__vec_init(&db->items[k], sizeof(void *));
  ilcd__vec_init(&db->problems, sizeof(ilcd_problem));
  ilcd__vec_init(&db->file_errors, sizeof(ilcd_error));
  return 0;
}

void ilcd_db_free(ilcd_db *db) {
  if (!db) return;
  for (int k = 0; k < ILCD_KIND_COUNT; k++) {
    ilcd__vec_free(&db->items[k]);
    ilcd__index_free(&db->index[k]);
  }
  ilcd__vec_free(&db->problems);
  ilcd__vec_free(&db->file_errors);
  free(db->file_buf);
  free(db->text_buf);
  ilcd__arena_free(&db->mem);
  free(db);
}

void ilcd_db_set_options(ilcd_db *db, const ilcd_options *o) {
  db->options = *o;
  if (!o->max_entry_bytes) db->options.max_entry_bytes = defaults.max_entry_bytes;
  if (!o->max_total_bytes) db->options.max_total_bytes = defaults.max_total_bytes;
  if (!o->max_ratio) db->options.max_ratio = defaults.max_ratio;
  if (!o->max_depth || o->max_depth > 256) db->options.max_depth = defaults.max_depth;
}

int ilcd__db_problem(ilcd_db *db, ilcd_kind from_kind, const ilcd_uuid *from, ilcd_kind to_kind, const char *target,
                     const char *what) {
  ilcd_problem *p = ilcd__vec_push(&db->problems);
  if (!p) {
    db->problems_lost = true; /* a report with a problem missing would read as cleaner data */
    return ILCD_ERR_NOMEM;
  }
  p->from_kind = from_kind;
  p->from = *from;
  p->to_kind = to_kind;
  snprintf(p->target, sizeof p->target, "%s", target);
  p->what = what;
  return 0;
}

int ilcd__db_add(ilcd_db *db, ilcd_kind kind, dataset_head *d) {
  dataset_head *old = ilcd__index_get(&db->index[kind], &d->uuid);
  if (old) {
    int c = ilcd__version_compare(d->version, old->version);
    if (c == 0) {
      char id[40];
      return ilcd__db_problem(db, kind, &d->uuid, kind, ilcd_uuid_format(&d->uuid, id), "duplicate data set");
    }
    if (c < 0) goto keep_listed; /* an older version: listed, but lookups return the newer */
  }
  if (ilcd__index_put(&db->index[kind], &d->uuid, d)) return ILCD_ERR_NOMEM;
keep_listed:;
  void **slot = ilcd__vec_push(&db->items[kind]);
  if (!slot) return ILCD_ERR_NOMEM;
  *slot = d;
  return 0;
}

int ilcd__db_file_failed(ilcd_db *db, int code, const ilcd_error *file_err, ilcd_error *err) {
  if (code == ILCD_ERR_NOMEM || !db->options.keep_going) {
    if (err && file_err != err) *err = *file_err;
    return code;
  }
  ilcd_error *e = ilcd__vec_push(&db->file_errors);
  if (!e) return ILCD_ERR_NOMEM;
  *e = *file_err;
  return 0;
}

char *ilcd__db_file_buffer(ilcd_db *db, size_t n) {
  if (n > db->file_cap) {
    size_t cap = db->file_cap ? db->file_cap : 1 << 16;
    while (cap < n) cap *= 2;
    char *b = realloc(db->file_buf, cap);
    if (!b) return NULL;
    db->file_buf = b;
    db->file_cap = cap;
  }
  return db->file_buf;
}

/* Reads a whole file into the database's file buffer. */
static int read_file(ilcd_db *db, const char *path, uint64_t limit, char **out, size_t *size, ilcd_error *err) {
  struct stat st;
  FILE *f;
  int rc = ilcd__file_fopen_regular(&f, path, 0, &st, err);
  if (rc) return rc;
  if ((uint64_t)st.st_size > limit) {
    fclose(f);
    return ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "file larger than the %llu-byte limit",
                          (unsigned long long)limit);
  }
  char *buf = ilcd__db_file_buffer(db, (size_t)st.st_size + 1);
  if (!buf) {
    fclose(f);
    return ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory");
  }
  size_t n = fread(buf, 1, (size_t)st.st_size, f);
  int bad = ferror(f);
  fclose(f);
  if (bad) {
    return ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "read error");
  }
  *out = buf;
  *size = n;
  return 0;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

/* One file of a folder (ilcd__folder_walk). */
static int load_xml_file(void *ctx, const char *path, const char *relative, const struct stat *st, ilcd_error *err) {
  (void)relative, (void)st;
  ilcd_db *db = ctx;
  char *buf = NULL;
  size_t size = 0;
  ilcd_error local = {0};
  int rc = read_file(db, path, db->options.max_entry_bytes, &buf, &size, &local);
  if (!rc) rc = ilcd__read_xml(db, path, buf, size, &local);
  return rc ? ilcd__db_file_failed(db, rc, &local, err) : 0;
}

int ilcd_db_load(ilcd_db *db, const char *path, ilcd_error *err) {
  struct stat st;
  if (stat(path, &st) != 0) return ilcd_error_set(err, ILCD_ERR_IO, path, 0, "", "cannot open: %s", strerror(errno));
  if (S_ISDIR(st.st_mode)) return ilcd__folder_walk(path, load_xml_file, db, err);
  if (ends_with(path, ".zip")) return ilcd__read_zip(db, path, err);
  char *buf = NULL;
  size_t size = 0;
  int rc = read_file(db, path, db->options.max_entry_bytes, &buf, &size, err);
  if (rc) return rc;
  /* A zip archive by content even without the extension: it is inflated into the same scratch
   * buffer, so it gets a copy of its own. */
  if (size >= 4 && memcmp(buf, "PK\3\4", 4) == 0) {
    char *copy = malloc(size);
    if (!copy) return ilcd_error_set(err, ILCD_ERR_NOMEM, path, 0, "", "out of memory");
    memcpy(copy, buf, size);
    rc = ilcd__read_zip_memory(db, path, copy, size, err);
    free(copy);
    return rc;
  }
  return ilcd__read_xml(db, path, buf, size, err);
}

int ilcd_db_load_memory(ilcd_db *db, const char *name, const void *xml, size_t size, ilcd_error *err) {
  return ilcd__read_xml(db, name, xml, size, err);
}

size_t ilcd_db_count(const ilcd_db *db, ilcd_kind kind) {
  return (unsigned)kind < ILCD_KIND_COUNT ? db->items[kind].len : 0;
}
size_t ilcd_db_problem_count(const ilcd_db *db) { return db->problems.len; }
const ilcd_problem *ilcd_db_problem(const ilcd_db *db, size_t i) {
  return i < db->problems.len ? (const ilcd_problem *)db->problems.data + i : NULL;
}
size_t ilcd_db_file_error_count(const ilcd_db *db) { return db->file_errors.len; }
const ilcd_error *ilcd_db_file_error(const ilcd_db *db, size_t i) {
  return i < db->file_errors.len ? (const ilcd_error *)db->file_errors.data + i : NULL;
}
uint64_t ilcd_db_xml_bytes(const ilcd_db *db) { return db->xml_bytes; }

static const void *at(const ilcd_db *db, ilcd_kind kind, size_t i) {
  return i < db->items[kind].len ? ((void *const *)db->items[kind].data)[i] : NULL;
}

#define LOOKUPS(type, fn, kind)                                                                                        \
  const type *ilcd_db_##fn(const ilcd_db *db, const ilcd_uuid *uuid) {                                                 \
    return ilcd__index_get(&db->index[kind], uuid);                                                                    \
  }                                                                                                                    \
  const type *ilcd_db_##fn##_at(const ilcd_db *db, size_t i) { return at(db, kind, i); }
LOOKUPS(ilcd_process, process, ILCD_PROCESS)
LOOKUPS(ilcd_flow, flow, ILCD_FLOW)
LOOKUPS(ilcd_flow_property, flow_property, ILCD_FLOW_PROPERTY)
LOOKUPS(ilcd_unit_group, unit_group, ILCD_UNIT_GROUP)
LOOKUPS(ilcd_lcia_method, lcia_method, ILCD_LCIA_METHOD)
LOOKUPS(ilcd_named, source, ILCD_SOURCE)
LOOKUPS(ilcd_named, contact, ILCD_CONTACT)

const ilcd_exchange *ilcd_process_exchange(const ilcd_process *p, int internal_id) {
  for (size_t i = 0; i < p->n_exchanges; i++)
    if (p->exchanges[i].internal_id == internal_id) return &p->exchanges[i];
  return NULL;
}

/* ---- reference check ----------------------------------------------------------------------------- */

static void check_ref(ilcd_db *db, ilcd_kind from_kind, const ilcd_uuid *from, ilcd_kind to_kind, const ilcd_ref *ref,
                      const char *what) {
  if (ref->valid && ilcd__index_get(&db->index[to_kind], &ref->uuid)) return;
  char id[40];
  ilcd__db_problem(db, from_kind, from, to_kind, ref->valid ? ilcd_uuid_format(&ref->uuid, id) : ref->raw_id, what);
}

int ilcd_db_check(ilcd_db *db) {
  db->problems_lost = false;
  /* Keep the problems found while loading (duplicates); drop those of an earlier check. */
  size_t kept = 0;
  for (size_t i = 0; i < db->problems.len; i++) {
    ilcd_problem *p = (ilcd_problem *)db->problems.data + i;
    if (strcmp(p->what, "duplicate data set") == 0) ((ilcd_problem *)db->problems.data)[kept++] = *p;
  }
  db->problems.len = kept;
  for (size_t i = 0; i < db->items[ILCD_PROCESS].len; i++) {
    const ilcd_process *p = at(db, ILCD_PROCESS, i);
    for (size_t j = 0; j < p->n_exchanges; j++)
      check_ref(db, ILCD_PROCESS, &p->uuid, ILCD_FLOW, &p->exchanges[j].flow, "exchange flow");
    for (size_t j = 0; j < p->n_lcia_results; j++)
      check_ref(db, ILCD_PROCESS, &p->uuid, ILCD_LCIA_METHOD, &p->lcia_results[j].method, "LCIA result method");
    for (size_t j = 0; j < p->n_sources; j++)
      check_ref(db, ILCD_PROCESS, &p->uuid, ILCD_SOURCE, &p->sources[j], "data source");
    for (size_t j = 0; j < p->n_reference_flows; j++)
      if (!ilcd_process_exchange(p, p->reference_flows[j])) {
        char id[24];
        snprintf(id, sizeof id, "exchange %d", p->reference_flows[j]);
        ilcd__db_problem(db, ILCD_PROCESS, &p->uuid, ILCD_PROCESS, id, "reference flow exchange");
      }
  }
  for (size_t i = 0; i < db->items[ILCD_FLOW].len; i++) {
    const ilcd_flow *f = at(db, ILCD_FLOW, i);
    for (size_t j = 0; j < f->n_properties; j++)
      check_ref(db, ILCD_FLOW, &f->uuid, ILCD_FLOW_PROPERTY, &f->properties[j].property, "flow property");
    if (f->reference_property < 0)
      ilcd__db_problem(db, ILCD_FLOW, &f->uuid, ILCD_FLOW_PROPERTY, "(none declared)", "reference flow property");
  }
  for (size_t i = 0; i < db->items[ILCD_FLOW_PROPERTY].len; i++) {
    const ilcd_flow_property *fp = at(db, ILCD_FLOW_PROPERTY, i);
    check_ref(db, ILCD_FLOW_PROPERTY, &fp->uuid, ILCD_UNIT_GROUP, &fp->unit_group, "unit group");
    for (size_t j = 0; j < fp->n_sources; j++)
      check_ref(db, ILCD_FLOW_PROPERTY, &fp->uuid, ILCD_SOURCE, &fp->sources[j], "data source");
  }
  for (size_t i = 0; i < db->items[ILCD_LCIA_METHOD].len; i++) {
    const ilcd_lcia_method *m = at(db, ILCD_LCIA_METHOD, i);
    for (size_t j = 0; j < m->n_factors; j++)
      check_ref(db, ILCD_LCIA_METHOD, &m->uuid, ILCD_FLOW, &m->factors[j].flow, "characterisation factor flow");
    check_ref(db, ILCD_LCIA_METHOD, &m->uuid, ILCD_FLOW_PROPERTY, &m->reference_quantity, "reference quantity");
  }
  return db->problems_lost ? ILCD_ERR_NOMEM : 0;
}
