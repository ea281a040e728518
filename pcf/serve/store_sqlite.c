/* store_sqlite.c: the SQLite backend of the footprint store (store.h).
 *
 * One database file in WAL mode (https://sqlite.org/wal.html): readers see the last committed
 * state and never block the single writer, so pcf serve answers while pcf batch --store writes.
 * synchronous=FULL: every commit is on disk before it returns, so a footprint reported stored
 * survives kill -9 of the writer or of the server, and power loss. Each put is one IMMEDIATE
 * transaction (the lineage is read and written under the write lock: two writers cannot both make
 * version 2). Connections come from a small pool, one per concurrent caller; busy_timeout makes
 * a writer wait for another instead of failing.
 *
 * Schema (meta.schema_version 1):
 *   footprint(seq, id, lineage, version, status, created, valid_from, valid_to, digest, v2, v3)
 *   footprint_key(seq, kind, value): the lower-cased productIds ("product"), companyIds
 *     ("company"), productClassifications ("classification") and geography ("geography") that
 *     the filters match.
 * Validity (PACT v3 "validity period"): validityPeriodStart/End when the document gives them,
 * else referencePeriodEnd and three years after it, as seconds since the epoch.
 */
#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

#include "internal.h" /* libilcd's SHA-256: the store needs no TLS library (pcfstore.so) */
#include "store.h"

#define POOL_MAX 32

typedef struct sq {
  char *path;
  int flags;
  pthread_mutex_t lock;
  sqlite3 *idle[POOL_MAX];
  size_t n_idle;
} sq;

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "INSERT OR IGNORE INTO meta VALUES('schema_version', '1');"
    "CREATE TABLE IF NOT EXISTS footprint("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, lineage TEXT NOT NULL,"
    "  version INTEGER NOT NULL, status TEXT NOT NULL, created TEXT NOT NULL,"
    "  valid_from INTEGER NOT NULL, valid_to INTEGER NOT NULL, digest TEXT NOT NULL,"
    "  v2 TEXT NOT NULL, v3 TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS footprint_lineage ON footprint(lineage, version);"
    "CREATE TABLE IF NOT EXISTS footprint_key(seq INTEGER NOT NULL REFERENCES footprint(seq),"
    "  kind TEXT NOT NULL, value TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS footprint_key_value ON footprint_key(kind, value, seq);";

static int db_error(pcf_error *err, sqlite3 *db, const char *path, const char *what) {
  return pcf_error_set(err, PCF_ERR_IO, path, 0, "store: %s: %s", what, db ? sqlite3_errmsg(db) : "cannot open");
}

static int connect(sq *s, sqlite3 **out, pcf_error *err) {
  pthread_mutex_lock(&s->lock);
  if (s->n_idle) {
    *out = s->idle[--s->n_idle];
    pthread_mutex_unlock(&s->lock);
    return 0;
  }
  pthread_mutex_unlock(&s->lock);
  sqlite3 *db = NULL;
  int fl = (s->flags & PCF_STORE_READONLY ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
           SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(s->path, &db, fl, NULL) != SQLITE_OK) {
    int rc = db_error(err, db, s->path, "cannot open");
    sqlite3_close(db);
    return rc;
  }
  sqlite3_busy_timeout(db, 10000);
  if (sqlite3_exec(db, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", NULL, NULL, NULL) != SQLITE_OK) {
    int rc = db_error(err, db, s->path, "cannot configure");
    sqlite3_close(db);
    return rc;
  }
  *out = db;
  return 0;
}

static void release(sq *s, sqlite3 *db) {
  pthread_mutex_lock(&s->lock);
  if (s->n_idle < POOL_MAX) s->idle[s->n_idle++] = db, db = NULL;
  pthread_mutex_unlock(&s->lock);
  if (db) sqlite3_close(db);
}

/* ---- documents ---------------------------------------------------------------------------- */

static char *lower(const char *s) {
  char *t = strdup(s);
  for (char *c = t; c && *c; c++) *c = (char)tolower((unsigned char)*c);
  return t;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* "productid\nproductid|geography", lower-cased and sorted: one product made at one place. */
static char *lineage_of(const json_t *v3) {
  const json_t *ids = json_object_get(v3, "productIds"), *pcf = json_object_get(v3, "pcf");
  size_t n = json_array_size(ids), len = 2;
  char **v = calloc(n ? n : 1, sizeof *v);
  if (!v) return NULL;
  for (size_t i = 0; i < n; i++) {
    const char *s = json_string_value(json_array_get(ids, i));
    v[i] = lower(s ? s : "");
    if (!v[i]) goto oom;
    len += strlen(v[i]) + 1;
  }
  qsort(v, n, sizeof *v, cmp_str);
  const char *geo = NULL;
  static const char *const keys[] = {"geographyCountrySubdivision", "geographyCountry", "geographyRegionOrSubregion"};
  for (size_t k = 0; k < 3 && !geo; k++) geo = json_string_value(json_object_get(pcf, keys[k]));
  len += geo ? strlen(geo) : 6;
  char *out = malloc(len);
  if (!out) goto oom;
  out[0] = 0;
  for (size_t i = 0; i < n; i++) strcat(out, v[i]), strcat(out, i + 1 < n ? "\n" : "");
  strcat(out, "|");
  char *g = lower(geo ? geo : "global");
  if (!g) {
    free(out);
    goto oom;
  }
  strcat(out, g);
  free(g);
  for (size_t i = 0; i < n; i++) free(v[i]);
  free(v);
  return out;
oom:
  for (size_t i = 0; i < n; i++) free(v[i]);
  free(v);
  return NULL;
}

/* SHA-256 (hex) of the v3 document without the fields a new version changes anyway. */
static int digest_of(const json_t *v3, char hex[65]) {
  json_t *c = json_deep_copy(v3);
  if (!c) return -1;
  json_object_del(c, "id"), json_object_del(c, "created"), json_object_del(c, "status");
  json_object_del(c, "precedingPfIds");
  char *text = json_dumps(c, JSON_COMPACT | JSON_SORT_KEYS);
  json_decref(c);
  if (!text) return -1;
  uint8_t h[32];
  sha256_ctx sha;
  ilcd__sha256_init(&sha);
  ilcd__sha256_update(&sha, text, strlen(text));
  ilcd__sha256_final(&sha, h);
  free(text);
  for (int i = 0; i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", h[i]);
  return 0;
}

static int validity(const json_t *v3, int64_t *from, int64_t *to) {
  const char *s = json_string_value(json_object_get(v3, "validityPeriodStart"));
  const char *e = json_string_value(json_object_get(v3, "validityPeriodEnd"));
  const char *ref = json_string_value(json_object_get(json_object_get(v3, "pcf"), "referencePeriodEnd"));
  int64_t r;
  if (!ref || pcf_rfc3339_parse(ref, &r)) return -1;
  if (s && pcf_rfc3339_parse(s, from)) return -1;
  if (e && pcf_rfc3339_parse(e, to)) return -1;
  if (!s) *from = r;
  if (!e) *to = pcf_epoch_add_years(s ? *from : r, 3);
  return 0;
}

/* ---- put ---------------------------------------------------------------------------------- */

typedef struct prev {
  long long seq;
  char *id, *status;
} prev;

static int exec_stmt(sqlite3 *db, const char *sql) { return sqlite3_exec(db, sql, NULL, NULL, NULL); }

static int add_keys(sqlite3 *db, long long seq, const char *kind, const json_t *values) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "INSERT INTO footprint_key(seq, kind, value) VALUES(?, ?, ?)", -1, &st, NULL)) return -1;
  int rc = 0;
  size_t n = json_is_array(values) ? json_array_size(values) : 1;
  for (size_t i = 0; i < n && !rc; i++) {
    const char *v = json_string_value(json_is_array(values) ? json_array_get(values, i) : values);
    if (!v) continue;
    char *l = lower(v);
    if (!l) return sqlite3_finalize(st), -1;
    sqlite3_bind_int64(st, 1, seq);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, l, -1, free);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  return rc;
}

/* The stored document with status Deprecated (v2: a statusComment names the successor). */
static char *deprecate(const char *json, const char *successor, int v2) {
  json_t *j = json_loads(json, 0, NULL);
  if (!j) return NULL;
  json_object_set_new(j, "status", json_string("Deprecated"));
  if (v2) {
    char c[160];
    snprintf(c, sizeof c, "Superseded by footprint %s.", successor);
    json_object_set_new(j, "statusComment", json_string(c));
  }
  char *out = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(j);
  return out;
}

static int sq_put(void *impl, const char *v2_json, const char *v3_json, pcf_store_put_result *res, pcf_error *err) {
  sq *s = impl;
  memset(res, 0, sizeof *res);
  json_error_t je;
  json_t *v2 = json_loads(v2_json, 0, &je), *v3 = v2 ? json_loads(v3_json, 0, &je) : NULL;
  char *lineage = NULL, *t2 = NULL, *t3 = NULL, hex[65];
  prev *pv = NULL;
  size_t n_prev = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  int rc = 0, in_tx = 0;
  int64_t from, to;
  if (!v2 || !v3) {
    rc = pcf_error_set(err, PCF_ERR_INPUT, NULL, je.line, "store: not a JSON document: %s", je.text);
    goto done;
  }
  const char *id = json_string_value(json_object_get(v3, "id"));
  const char *id2 = json_string_value(json_object_get(v2, "id"));
  const char *status = json_string_value(json_object_get(v3, "status"));
  const char *created = json_string_value(json_object_get(v3, "created"));
  if (!id || !id2 || strcmp(id, id2) || !status || !created) {
    rc = pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                       "store: the v2 and v3 documents need the same id, a status and created");
    goto done;
  }
  if (validity(v3, &from, &to)) {
    rc = pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                       "store: footprint %s: no valid referencePeriodEnd or validity period", id);
    goto done;
  }
  lineage = lineage_of(v3);
  if (!lineage || digest_of(v3, hex)) {
    rc = pcf_error_nomem(err);
    goto done;
  }
  if ((rc = connect(s, &db, err))) goto done;
  if (exec_stmt(db, "BEGIN IMMEDIATE")) {
    rc = db_error(err, db, s->path, "cannot begin");
    goto done;
  }
  in_tx = 1;
  if (sqlite3_prepare_v2(db,
                         "SELECT seq, id, status, version, digest FROM footprint WHERE lineage = ? "
                         "ORDER BY version DESC",
                         -1, &st, NULL)) {
    rc = db_error(err, db, s->path, "query");
    goto done;
  }
  sqlite3_bind_text(st, 1, lineage, -1, SQLITE_STATIC);
  long version = 0;
  int step;
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    if (!n_prev) {
      version = (long)sqlite3_column_int64(st, 3);
      if (strcmp((const char *)sqlite3_column_text(st, 4), hex) == 0) {
        res->unchanged = 1;
        res->version = version;
        snprintf(res->id, sizeof res->id, "%s", (const char *)sqlite3_column_text(st, 1));
        break;
      }
    }
    prev *t = realloc(pv, (n_prev + 1) * sizeof *pv);
    if (!t) {
      rc = pcf_error_nomem(err);
      goto done;
    }
    pv = t;
    pv[n_prev].seq = sqlite3_column_int64(st, 0);
    pv[n_prev].id = strdup((const char *)sqlite3_column_text(st, 1));
    pv[n_prev].status = strdup((const char *)sqlite3_column_text(st, 2));
    n_prev++;
  }
  if (step != SQLITE_ROW && step != SQLITE_DONE) {
    rc = db_error(err, db, s->path, "query");
    goto done;
  }
  sqlite3_finalize(st), st = NULL;
  if (res->unchanged) goto commit;
  /* The next version: earlier ids in precedingPfIds (latest first), v2's version number. */
  version++;
  if (n_prev) {
    json_t *a2 = json_array(), *a3 = json_array();
    for (size_t i = 0; i < n_prev; i++)
      json_array_append_new(a2, json_string(pv[i].id)), json_array_append_new(a3, json_string(pv[i].id));
    json_object_set_new(v2, "precedingPfIds", a2);
    json_object_set_new(v3, "precedingPfIds", a3);
  }
  json_object_set_new(v2, "version", json_integer(version));
  t2 = json_dumps(v2, JSON_COMPACT | JSON_PRESERVE_ORDER);
  t3 = json_dumps(v3, JSON_COMPACT | JSON_PRESERVE_ORDER);
  if (!t2 || !t3) {
    rc = pcf_error_nomem(err);
    goto done;
  }
  if (sqlite3_prepare_v2(db,
                         "INSERT INTO footprint(id, lineage, version, status, created, valid_from, valid_to, "
                         "digest, v2, v3) VALUES(?,?,?,?,?,?,?,?,?,?)",
                         -1, &st, NULL)) {
    rc = db_error(err, db, s->path, "insert");
    goto done;
  }
  sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, lineage, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 3, version);
  sqlite3_bind_text(st, 4, status, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, created, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 6, from);
  sqlite3_bind_int64(st, 7, to);
  sqlite3_bind_text(st, 8, hex, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 9, t2, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 10, t3, -1, SQLITE_STATIC);
  step = sqlite3_step(st);
  sqlite3_finalize(st), st = NULL;
  if (step == SQLITE_CONSTRAINT) {
    rc = pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                       "store: footprint id %s is already stored with other content "
                       "(a new version needs a new id: remove the fixed id from the profile)",
                       id);
    goto done;
  }
  if (step != SQLITE_DONE) {
    rc = db_error(err, db, s->path, "insert");
    goto done;
  }
  long long seq = sqlite3_last_insert_rowid(db);
  const json_t *pcf = json_object_get(v3, "pcf");
  if (add_keys(db, seq, "product", json_object_get(v3, "productIds")) ||
      add_keys(db, seq, "company", json_object_get(v3, "companyIds")) ||
      add_keys(db, seq, "classification", json_object_get(v3, "productClassifications")) ||
      add_keys(db, seq, "geography", json_object_get(pcf, "geographyCountry")) ||
      add_keys(db, seq, "geography", json_object_get(pcf, "geographyRegionOrSubregion")) ||
      add_keys(db, seq, "geography", json_object_get(pcf, "geographyCountrySubdivision"))) {
    rc = db_error(err, db, s->path, "insert keys");
    goto done;
  }
  /* Earlier Active versions become Deprecated, in both documents. */
  for (size_t i = 0; i < n_prev; i++) {
    if (strcmp(pv[i].status, "Active")) continue;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(db, "SELECT v2, v3 FROM footprint WHERE seq = ?", -1, &q, NULL)) {
      rc = db_error(err, db, s->path, "query");
      goto done;
    }
    sqlite3_bind_int64(q, 1, pv[i].seq);
    char *d2 = NULL, *d3 = NULL;
    if (sqlite3_step(q) == SQLITE_ROW) {
      d2 = deprecate((const char *)sqlite3_column_text(q, 0), id, 1);
      d3 = deprecate((const char *)sqlite3_column_text(q, 1), id, 0);
    }
    sqlite3_finalize(q);
    if (!d2 || !d3) {
      free(d2), free(d3);
      rc = pcf_error_set(err, PCF_ERR_INTERNAL, NULL, 0, "store: cannot rewrite footprint %s", pv[i].id);
      goto done;
    }
    if (sqlite3_prepare_v2(db, "UPDATE footprint SET status = 'Deprecated', v2 = ?, v3 = ? WHERE seq = ?", -1, &q,
                           NULL)) {
      free(d2), free(d3);
      rc = db_error(err, db, s->path, "update");
      goto done;
    }
    sqlite3_bind_text(q, 1, d2, -1, free);
    sqlite3_bind_text(q, 2, d3, -1, free);
    sqlite3_bind_int64(q, 3, pv[i].seq);
    step = sqlite3_step(q);
    sqlite3_finalize(q);
    if (step != SQLITE_DONE) {
      rc = db_error(err, db, s->path, "update");
      goto done;
    }
    res->deprecated++;
  }
  snprintf(res->id, sizeof res->id, "%s", id);
  res->version = version;
commit:
  if (exec_stmt(db, "COMMIT")) {
    rc = db_error(err, db, s->path, "cannot commit");
    goto done;
  }
  in_tx = 0;
done:
  if (st) sqlite3_finalize(st);
  if (in_tx) exec_stmt(db, "ROLLBACK");
  if (db) release(s, db);
  for (size_t i = 0; i < n_prev; i++) free(pv[i].id), free(pv[i].status);
  free(pv), free(lineage), free(t2), free(t3);
  json_decref(v2), json_decref(v3);
  return rc;
}

/* ---- queries ------------------------------------------------------------------------------ */

typedef struct sql {
  char *s;
  size_t len, cap;
  int oom;
} sql;

static void cat(sql *q, const char *a) {
  size_t n = strlen(a);
  if (q->len + n + 1 > q->cap) {
    size_t cap = 2 * (q->cap + n + 64);
    char *t = realloc(q->s, cap);
    if (!t) {
      q->oom = 1;
      return;
    }
    q->s = t, q->cap = cap;
  }
  memcpy(q->s + q->len, a, n + 1);
  q->len += n;
}

static void key_clause(sql *q, const char *kind, size_t n) {
  if (!n) return;
  cat(q, " AND f.seq IN (SELECT seq FROM footprint_key WHERE kind = '");
  cat(q, kind);
  cat(q, "' AND value IN (");
  for (size_t i = 0; i < n; i++) cat(q, i ? ",?" : "?");
  cat(q, "))");
}

static int bind_lower(sqlite3_stmt *st, int *k, const char **v, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char *l = lower(v[i]);
    if (!l) return -1;
    sqlite3_bind_text(st, (*k)++, l, -1, free);
  }
  return 0;
}

static int sq_list(void *impl, int api, const pcf_store_filter *f, size_t offset, size_t limit, pcf_store_page *out,
                   pcf_error *err) {
  sq *s = impl;
  static const pcf_store_filter none = {0};
  if (!f) f = &none;
  sql q = {0};
  cat(&q, api == 2 ? "SELECT v2 FROM footprint f WHERE 1" : "SELECT v3 FROM footprint f WHERE 1");
  if (f->n_statuses) {
    cat(&q, " AND lower(f.status) IN (");
    for (size_t i = 0; i < f->n_statuses; i++) cat(&q, i ? ",?" : "?");
    cat(&q, ")");
  }
  if (f->has_valid_on) cat(&q, " AND f.valid_from <= ? AND f.valid_to >= ?");
  if (f->has_valid_after) cat(&q, " AND f.valid_from > ?");
  if (f->has_valid_before) cat(&q, " AND f.valid_to < ?");
  key_clause(&q, "product", f->n_product_ids);
  key_clause(&q, "company", f->n_company_ids);
  key_clause(&q, "geography", f->n_geographies);
  key_clause(&q, "classification", f->n_classifications);
  cat(&q, " ORDER BY f.seq LIMIT ? OFFSET ?");
  if (q.oom) return free(q.s), pcf_error_nomem(err);
  sqlite3 *db;
  int rc = connect(s, &db, err);
  if (rc) return free(q.s), rc;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, q.s, -1, &st, NULL)) {
    rc = db_error(err, db, s->path, "query");
    free(q.s);
    release(s, db);
    return rc;
  }
  free(q.s);
  int k = 1;
  int bad = bind_lower(st, &k, f->statuses, f->n_statuses);
  if (f->has_valid_on) sqlite3_bind_int64(st, k++, f->valid_on), sqlite3_bind_int64(st, k++, f->valid_on);
  if (f->has_valid_after) sqlite3_bind_int64(st, k++, f->valid_after);
  if (f->has_valid_before) sqlite3_bind_int64(st, k++, f->valid_before);
  bad |= bind_lower(st, &k, f->product_ids, f->n_product_ids);
  bad |= bind_lower(st, &k, f->company_ids, f->n_company_ids);
  bad |= bind_lower(st, &k, f->geographies, f->n_geographies);
  bad |= bind_lower(st, &k, f->classifications, f->n_classifications);
  sqlite3_bind_int64(st, k++, (sqlite3_int64)limit + 1); /* one more tells whether a next page exists */
  sqlite3_bind_int64(st, k++, (sqlite3_int64)offset);
  out->docs = calloc(limit + 1, sizeof *out->docs);
  if (bad || !out->docs) rc = pcf_error_nomem(err);
  int step = SQLITE_DONE;
  while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
    if (out->n == limit) {
      out->more = 1;
      break;
    }
    out->docs[out->n] = strdup((const char *)sqlite3_column_text(st, 0));
    if (!out->docs[out->n])
      rc = pcf_error_nomem(err);
    else
      out->n++;
  }
  if (!rc && step != SQLITE_ROW && step != SQLITE_DONE) rc = db_error(err, db, s->path, "query");
  sqlite3_finalize(st);
  release(s, db);
  if (rc) pcf_store_page_free(out);
  return rc;
}

static int sq_get(void *impl, int api, const char *id, char **json, pcf_error *err) {
  sq *s = impl;
  sqlite3 *db;
  int rc = connect(s, &db, err);
  if (rc) return rc;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db,
                         api == 2 ? "SELECT v2 FROM footprint WHERE id = ?" : "SELECT v3 FROM footprint WHERE id = ?",
                         -1, &st, NULL)) {
    rc = db_error(err, db, s->path, "query");
    release(s, db);
    return rc;
  }
  sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
  int step = sqlite3_step(st);
  if (step == SQLITE_ROW) {
    *json = strdup((const char *)sqlite3_column_text(st, 0));
    if (!*json) rc = pcf_error_nomem(err);
  } else if (step == SQLITE_DONE) {
    rc = pcf_error_set(err, PCF_ERR_NOT_FOUND, NULL, 0, "footprint %s is not stored", id);
  } else {
    rc = db_error(err, db, s->path, "query");
  }
  sqlite3_finalize(st);
  release(s, db);
  return rc;
}

static int sq_count(void *impl, size_t *n, pcf_error *err) {
  sq *s = impl;
  sqlite3 *db;
  int rc = connect(s, &db, err);
  if (rc) return rc;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM footprint", -1, &st, NULL) || sqlite3_step(st) != SQLITE_ROW)
    rc = db_error(err, db, s->path, "count");
  else
    *n = (size_t)sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  release(s, db);
  return rc;
}

static void sq_close(void *impl) {
  sq *s = impl;
  for (size_t i = 0; i < s->n_idle; i++) sqlite3_close(s->idle[i]);
  pthread_mutex_destroy(&s->lock);
  free(s->path);
  free(s);
}

static const pcf_store_backend sqlite_backend = {"sqlite", sq_put, sq_list, sq_get, sq_count, sq_close};

int pcf_store_sqlite_open(void **impl, const pcf_store_backend **be, const char *path, int flags, pcf_error *err) {
  sq *s = calloc(1, sizeof *s);
  if (!s || !(s->path = strdup(path))) return free(s), pcf_error_nomem(err);
  s->flags = flags;
  pthread_mutex_init(&s->lock, NULL);
  sqlite3 *db;
  int rc = connect(s, &db, err);
  if (rc) return sq_close(s), rc;
  if (!(flags & PCF_STORE_READONLY)) {
    /* WAL is a property of the file: set once, kept by every later connection. */
    char *msg = NULL;
    if (sqlite3_exec(db, "PRAGMA journal_mode=WAL;", NULL, NULL, &msg) || sqlite3_exec(db, schema, NULL, NULL, &msg)) {
      rc = pcf_error_set(err, PCF_ERR_IO, path, 0, "store: cannot create the schema: %s", msg ? msg : "");
      sqlite3_free(msg);
      sqlite3_close(db);
      return sq_close(s), rc;
    }
  }
  sqlite3_stmt *st = NULL;
  const char *ver = NULL;
  if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'schema_version'", -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    ver = (const char *)sqlite3_column_text(st, 0);
  if (!ver || strcmp(ver, "1")) {
    rc = pcf_error_set(err, PCF_ERR_INPUT, path, 0, "not a pcf footprint store (schema version %s, expected 1)",
                       ver ? ver : "missing");
    sqlite3_finalize(st);
    sqlite3_close(db);
    return sq_close(s), rc;
  }
  sqlite3_finalize(st);
  release(s, db);
  *impl = s;
  *be = &sqlite_backend;
  return 0;
}
