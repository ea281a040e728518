/* batch.c: running a catalogue (see pcf/batch.h): read every product file, load the data they
 * need once, solve the whole database once, then footprint the products on worker threads, each
 * product by dot products with the intensities. Results go to per-row slots, so the order of the
 * output is the catalogue's whatever the threads do. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "batch_internal.h"
#include "data_internal.h"
#include "product_internal.h"

#define MAX_THREADS 64
#define MAX_PATHS 256

struct pcf_batch {
  pcf_catalogue *cat;
  size_t n;
  pcf_product **products;       /* [n]: row i's product while it is computed, else NULL */
  pcf_error **errors;           /* [n]: a failed row's error, NULL = none */
  pcf_batch_row *rows;          /* [n] */
  char **ids, **names, **units; /* [n] each, owned */
  char **stems;                 /* [n], owned: the documents' file names (pcf_batch_file_stem) */
  size_t failed;
  pcf_data *data;
  pcf_solution *whole; /* the whole database, solved once */
  pcf_batch_options o;
  pcf_batch_timing t;
  pcf_product **heads; /* [HEAD_CHUNK] the heads of the chunk of rows being read */
  /* What the heads name for the data load: copies, distinct, in row order. */
  char *paths[MAX_PATHS], *materials[MAX_PATHS], *services[MAX_PATHS], *method;
  size_t np, nm, ns;
  bool any, any_bundled;
};

/* Product heads are read in chunks of rows: enough for the threads to share, few enough that
 * the heads of a chunk take little memory whatever the catalogue's size. */
enum { HEAD_CHUNK = 4096 };

/* A failed row whose error could not be copied still reads as failed, out of memory. */
static const pcf_error nomem_error = {.code = PCF_ERR_NOMEM, .message = "out of memory"};

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Keeps a copy of err as row i's error (a row's first error stands). */
static void keep_error(pcf_batch *b, size_t i, const pcf_error *err) {
  if (b->errors[i]) return;
  pcf_error *e = malloc(sizeof *e);
  if (e) *e = *err;
  b->errors[i] = e ? e : (pcf_error *)&nomem_error;
}

static void free_error(pcf_error *e) {
  if (e != &nomem_error) free(e);
}

/* ---- a parallel loop over rows ------------------------------------------------------------------ */

typedef struct loop {
  pcf_batch *b;
  void (*fn)(pcf_batch *b, size_t i);
  size_t end;
  atomic_size_t next, done;
} loop;

static void *worker(void *arg) {
  loop *l = arg;
  for (size_t i; (i = atomic_fetch_add(&l->next, 1)) < l->end;) {
    l->fn(l->b, i);
    atomic_fetch_add(&l->done, 1);
  }
  return NULL;
}

/* Runs fn on rows [first, end) with the configured threads, the calling thread taking part and
 * reporting progress (when report). */
static int run_loop(pcf_batch *b, size_t first, size_t end, void (*fn)(pcf_batch *, size_t), bool report,
                    pcf_error *err) {
  loop l = {.b = b, .fn = fn, .end = end};
  atomic_init(&l.next, first);
  atomic_init(&l.done, 0);
  unsigned threads = b->o.threads;
  if (threads == 0) {
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    threads = online > 0 ? (unsigned)online : 1;
  }
  if (threads > MAX_THREADS) threads = MAX_THREADS;
  if (threads > end - first) threads = end > first ? (unsigned)(end - first) : 1;
  pthread_t tid[MAX_THREADS];
  unsigned started = 0;
  int rc = 0;
  for (; started + 1 < threads; started++)
    if (pthread_create(&tid[started], NULL, worker, &l)) {
      rc = pcf_error_set(err, PCF_ERR_INTERNAL, NULL, 0, "cannot start a worker thread");
      break; /* the threads started and this one still finish the rows */
    }
  double last = now_s();
  for (size_t i; (i = atomic_fetch_add(&l.next, 1)) < end;) {
    fn(b, i);
    atomic_fetch_add(&l.done, 1);
    if (report && b->o.progress && now_s() - last > 0.05) {
      b->o.progress(b->o.progress_ctx, atomic_load(&l.done), b->n);
      last = now_s();
    }
  }
  for (unsigned k = 0; k < started; k++) pthread_join(tid[k], NULL);
  if (report && b->o.progress) b->o.progress(b->o.progress_ctx, b->n, b->n);
  return rc;
}

/* ---- reading a row -------------------------------------------------------------------------------- */

/* Row i's product file with the row's own changes (catalogue columns bom.<part>.<field>) and the
 * rule of the batch: its head alone (head), or whole with its BOM. */
static int read_row(pcf_batch *b, size_t i, bool head, pcf_product **out, pcf_error *err) {
  const pcf_catalogue_entry *e = pcf_catalogue_entry_at(b->cat, i);
  pcf_override local[17], *o = e->n_overrides < 16 ? local : malloc((e->n_overrides + 1) * sizeof *o);
  *out = NULL;
  if (!o) return pcf_error_nomem(err);
  size_t n = e->n_overrides;
  if (n) memcpy(o, e->overrides, n * sizeof *o);
  if (b->o.eol_rule) o[n++] = (pcf_override){"end_of_life", "rule", b->o.eol_rule};
  size_t budget = b->o.max_product_bytes ? b->o.max_product_bytes : PCF_BATCH_MAX_PRODUCT_BYTES;
  int rc = head ? pcf__product_read_head(out, e->product, o, n, budget, err)
                : pcf__product_read(out, e->product, o, NULL, n, budget, err);
  if (o != local) free(o);
  return rc;
}

static void read_head(pcf_batch *b, size_t i) {
  pcf_error err = {0};
  if (read_row(b, i, true, &b->heads[i % HEAD_CHUNK], &err)) keep_error(b, i, &err);
}

/* Adds a copy of s to list (distinct strings only); -1 when out of memory. */
static int add_distinct(char **list, size_t *n, const char *s) {
  if (!s || !s[0] || *n == MAX_PATHS) return 0;
  for (size_t i = 0; i < *n; i++)
    if (strcmp(list[i], s) == 0) return 0;
  return (list[*n] = strdup(s)) ? (int)(++*n, 0) : -1;
}

/* Notes the data, maps and method a row's product file names, for open_data. */
static int note_data(pcf_batch *b, const pcf_product *p) {
  b->any = true;
  b->any_bundled |= pcf_product_bundled(p) != 0;
  int rc = 0;
  for (size_t k = 0; k < pcf_product_data_count(p); k++) rc |= add_distinct(b->paths, &b->np, pcf_product_data(p, k));
  rc |= add_distinct(b->materials, &b->nm, pcf_product_materials(p));
  rc |= add_distinct(b->services, &b->ns, pcf_product_services(p));
  const char *m = pcf_product_method(p);
  if (!b->method && m && m[0] && !(b->method = strdup(m))) rc = -1;
  return rc;
}

/* Loads the data the command asked for and the data, maps and method the products name. */
static int open_data(pcf_batch *b, pcf_error *err) {
  const pcf_data_options *cli = &b->o.data;
  const char *paths[MAX_PATHS], *materials[MAX_PATHS], *services[MAX_PATHS];
  size_t np = 0, nm = 0, ns = 0;
  pcf_data_options o = *cli;
  for (size_t k = 0; k < b->np; k++) paths[np++] = b->paths[k];
  for (size_t k = 0; k < b->nm; k++) materials[nm++] = b->materials[k];
  for (size_t k = 0; k < b->ns; k++) services[ns++] = b->services[k];
  if (!o.method && b->method) o.method = b->method;
  /* The command's paths and maps come last (the maps' names win); distinct from the products'. */
  const char *const *lists[] = {cli->paths, cli->materials, cli->services};
  const size_t counts[] = {cli->n_paths, cli->n_materials, cli->n_services};
  const char **to[] = {paths, materials, services};
  size_t *at[] = {&np, &nm, &ns};
  for (size_t l = 0; l < 3; l++)
    for (size_t k = 0; k < counts[l]; k++) {
      const char *s = lists[l][k];
      bool seen = !s || !s[0] || *at[l] == MAX_PATHS;
      for (size_t j = 0; !seen && j < *at[l]; j++) seen = strcmp(to[l][j], s) == 0;
      if (!seen) to[l][(*at[l])++] = s;
    }
  o.bundled = cli->bundled && (b->any_bundled || !b->any);
  o.paths = paths;
  o.n_paths = np;
  o.materials = materials;
  o.n_materials = nm;
  o.services = services;
  o.n_services = ns;
  return pcf_data_open(&b->data, &o, err);
}

/* The id a row takes when neither the catalogue nor the product file gives one: the product
 * file's name without extension, or its folder's name for a product.ini (a folder catalogue's
 * FOLDER/product.ini would all be "product"). */
static void default_id(const char *path, char *out, size_t size) {
  const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
  if (strcmp(base, "product.ini") == 0 && slash && slash != path) {
    const char *start = slash;
    while (start > path && start[-1] != '/') start--;
    snprintf(out, size, "%.*s", (int)(slash - start), start);
  } else {
    snprintf(out, size, "%s", base);
    char *dot = strrchr(out, '.');
    if (dot && dot != out) *dot = '\0';
  }
}

/* The file name of an id's documents: ASCII letters, digits, '-' and '_' kept, anything else
 * '_' (no path, no dot file, portable), at most STEM_MAX bytes so that "<stem>.json" and its
 * temporary name fit in a file name. */
enum { STEM_MAX = 200 };
static char *file_stem(const char *id) {
  size_t n = strlen(id) > STEM_MAX ? STEM_MAX : strlen(id);
  char *s = malloc(n ? n + 1 : sizeof "product");
  if (!s) return NULL;
  if (!n) return strcpy(s, "product");
  for (size_t k = 0; k < n; k++) {
    char c = id[k];
    s[k] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ? c : '_';
  }
  s[n] = '\0';
  return s;
}

/* The id, name and declared unit printed for row i, and its documents' file name, from the
 * catalogue and p (NULL: the product file could not be read). */
static int label_row(pcf_batch *b, size_t i, const pcf_product *p) {
  const pcf_catalogue_entry *e = pcf_catalogue_entry_at(b->cat, i);
  const char *id = e->id[0] ? e->id : p && pcf_product_id(p) && pcf_product_id(p)[0] ? pcf_product_id(p) : NULL;
  char stem[256];
  if (!id) {
    default_id(e->product, stem, sizeof stem);
    id = stem;
  }
  const char *name = e->name[0] ? e->name : p && pcf_product_name(p) ? pcf_product_name(p) : "";
  const char *unit = e->declared_unit[0]                 ? e->declared_unit
                     : p && pcf_product_declared_unit(p) ? pcf_product_declared_unit(p)
                                                         : "";
  free(b->ids[i]);
  free(b->names[i]);
  free(b->units[i]);
  free(b->stems[i]);
  b->ids[i] = strdup(id);
  b->names[i] = strdup(name);
  b->units[i] = strdup(unit);
  b->stems[i] = file_stem(id);
  b->rows[i].declared_unit = b->units[i];
  return b->ids[i] && b->names[i] && b->units[i] && b->stems[i] ? 0 : PCF_ERR_NOMEM;
}

/* Reads the heads of every row, a chunk at a time on the threads, and labels the rows and notes
 * what data they name in row order (so that the data load does not depend on the threads). */
static int read_heads(pcf_batch *b, pcf_error *err) {
  int rc = 0;
  for (size_t first = 0; !rc && first < b->n; first += HEAD_CHUNK) {
    size_t end = b->n - first < HEAD_CHUNK ? b->n : first + HEAD_CHUNK;
    rc = run_loop(b, first, end, read_head, false, err);
    for (size_t i = first; i < end; i++) {
      pcf_product *p = b->heads[i - first];
      b->heads[i - first] = NULL;
      if (!rc && (label_row(b, i, p) || (p && note_data(b, p)))) rc = pcf_error_nomem(err);
      pcf_product_free(p);
    }
  }
  return rc;
}

/* ---- one id, one row ---------------------------------------------------------------------------- */

typedef struct stem_row {
  const char *stem;
  size_t i;
} stem_row;

/* By file stem ignoring case (a case-insensitive file system would merge them too), then row. */
static int by_stem(const void *a, const void *b) {
  const stem_row *x = a, *y = b;
  int c = strcasecmp(x->stem, y->stem);
  return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Where row i is, for a message: "line 3 (toy-car.ini)" or the product file of a folder. */
static void row_place(const pcf_catalogue_entry *e, char *out, size_t size) {
  if (e->line)
    snprintf(out, size, "line %ld (%s)", e->line, e->product);
  else
    snprintf(out, size, "%s", e->product);
}

/* Two rows with one id would print two results under it and write one document over the other:
 * every row after the first of an id (or of a file stem, which ids differing only in characters
 * a file name does not keep, or in case, share) fails, naming the first. */
static int refuse_duplicates(pcf_batch *b, pcf_error *err) {
  if (b->n < 2) return 0;
  stem_row *order = malloc(b->n * sizeof *order);
  if (!order) return pcf_error_nomem(err);
  for (size_t i = 0; i < b->n; i++) order[i] = (stem_row){b->stems[i], i};
  qsort(order, b->n, sizeof *order, by_stem);
  pcf_error dup = {0};
  for (size_t k = 1, first = order[0].i; k < b->n; k++) {
    size_t i = order[k].i;
    if (strcasecmp(b->stems[i], b->stems[first]) != 0) {
      first = i;
      continue;
    }
    if (b->errors[i]) continue; /* failed already: that error stands */
    const pcf_catalogue_entry *e = pcf_catalogue_entry_at(b->cat, i), *f = pcf_catalogue_entry_at(b->cat, first);
    char where[600];
    row_place(f, where, sizeof where);
    if (strcmp(b->ids[i], b->ids[first]) == 0)
      pcf_error_set(&dup, PCF_ERR_INPUT, e->line ? e->file : e->product, e->line,
                    "id \"%s\" is already the id of %s: each product needs its own id", b->ids[i], where);
    else
      pcf_error_set(&dup, PCF_ERR_INPUT, e->line ? e->file : e->product, e->line,
                    "id \"%s\" and id \"%s\" of %s give one file name \"%s\" (letters, digits, - and _ are "
                    "kept, case ignored): each product needs its own id",
                    b->ids[i], b->ids[first], where, b->stems[first]);
    keep_error(b, i, &dup);
  }
  free(order);
  return 0;
}

int pcf_batch_open(pcf_batch **out, const char *catalogue, const pcf_batch_options *options, pcf_error *err) {
  pcf_batch *b = calloc(1, sizeof *b);
  *out = b;
  if (!b) return pcf_error_nomem(err);
  b->o = *options;
  double t0 = now_s();
  int rc = pcf_catalogue_read(&b->cat, catalogue, err);
  if (rc) return rc;
  b->n = pcf_catalogue_count(b->cat);
  size_t n = b->n ? b->n : 1;
  b->products = calloc(n, sizeof *b->products);
  b->errors = calloc(n, sizeof *b->errors);
  b->rows = calloc(n, sizeof *b->rows);
  b->ids = calloc(n, sizeof *b->ids);
  b->names = calloc(n, sizeof *b->names);
  b->units = calloc(n, sizeof *b->units);
  b->stems = calloc(n, sizeof *b->stems);
  b->heads = calloc(HEAD_CHUNK, sizeof *b->heads);
  if (!b->products || !b->errors || !b->rows || !b->ids || !b->names || !b->units || !b->stems || !b->heads)
    return pcf_error_nomem(err);
  rc = read_heads(b, err);
  if (!rc) rc = refuse_duplicates(b, err);
  double t1 = now_s();
  b->t.read_s = t1 - t0;
  if (!rc) rc = open_data(b, err);
  double t2 = now_s();
  b->t.load_s = t2 - t1;
  if (!rc) rc = pcf_solution_new(&b->whole, b->data->system, NULL, 0, err);
  b->t.solve_s = now_s() - t2;
  return rc;
}

/* ---- computing a row -------------------------------------------------------------------------------- */

/* The result's warnings in one field, " | " between them ("" when none); NULL when out of memory. */
static char *warning_text(const pcf_result *r) {
  size_t len = 1;
  for (size_t k = 0; k < pcf_result_warning_count(r); k++) len += strlen(pcf_result_warning(r, k)) + 3;
  char *t = malloc(len), *at = t;
  if (!t) return NULL;
  *t = '\0';
  for (size_t k = 0; k < pcf_result_warning_count(r); k++)
    at += sprintf(at, "%s%s", k ? " | " : "", pcf_result_warning(r, k));
  return t;
}

/* The footprint of product p of row i, handed to on_result; its summary into the row. */
static int compute_row(pcf_batch *b, size_t i, const pcf_product *p, pcf_error *err) {
  const char *m = pcf_product_method(p);
  const pcf_method_set *used = pcf_system_method(b->data->system);
  pcf_method_set want;
  if (m && m[0]) {
    if (pcf_method_find(b->data->db, m, &want, err)) return err->code;
    if (want.total != used->total)
      return pcf_error_set(err, PCF_ERR_INPUT, pcf_product_path(p), 0,
                           "the product names method \"%s\"; this batch computes with \"%s\" (run it in a batch "
                           "of its own with --method)",
                           m, used->total->name);
  }
  pcf_result *r = NULL;
  int rc = pcf__batch_footprint(&r, b->data, b->whole, p, pcf_catalogue_entry_at(b->cat, i), b->o.hotspots,
                                b->o.hotspots_top, err);
  if (!rc && b->o.on_result) rc = b->o.on_result(b->o.result_ctx, i, r, err);
  if (!rc) {
    pcf_batch_row *row = &b->rows[i];
    for (int k = 0; k < PCF_INDICATOR_COUNT; k++) row->value[k] = pcf_result_value(r, (pcf_indicator)k);
    for (int s = 0; s < PCF_STAGE_COUNT; s++) row->stage[s] = pcf_result_stage(r, (pcf_stage)s, PCF_TOTAL);
    row->primary_share = pcf_result_primary_share(r);
    row->lines = pcf_result_line_count(r);
    row->warnings = pcf_result_warning_count(r);
    row->warning_text = warning_text(r);
    if (!row->warning_text) rc = pcf_error_nomem(err);
  }
  pcf_result_free(r);
  return rc;
}

/* Row i from its product file to its summary: read whole, computed, handed to on_result, freed,
 * so that a worker holds one product at a time. */
static void compute_one(pcf_batch *b, size_t i) {
  if (b->errors[i]) return; /* its head could not be read, or its id is taken: the error is there */
  pcf_error err = {0};
  pcf_product *p = NULL;
  if (read_row(b, i, false, &p, &err)) {
    keep_error(b, i, &err);
    /* Labelled as a row whose product file could not be read (its head's id is not printed). */
    label_row(b, i, NULL);
    return;
  }
  b->products[i] = p; /* pcf_batch_product, for on_result */
  int rc = compute_row(b, i, p, &err);
  b->products[i] = NULL;
  pcf_product_free(p);
  if (rc) keep_error(b, i, &err);
  b->rows[i].ok = !rc;
}

int pcf_batch_run(pcf_batch *b, pcf_error *err) {
  double t0 = now_s();
  int rc = run_loop(b, 0, b->n, compute_one, true, err);
  b->t.compute_s = now_s() - t0;
  b->failed = 0;
  for (size_t i = 0; i < b->n; i++) b->failed += !b->rows[i].ok;
  return rc;
}

void pcf_batch_free(pcf_batch *b) {
  if (!b) return;
  for (size_t i = 0; i < b->n; i++) {
    if (b->products) pcf_product_free(b->products[i]);
    if (b->errors) free_error(b->errors[i]);
    if (b->ids) free(b->ids[i]);
    if (b->names) free(b->names[i]);
    if (b->units) free(b->units[i]);
    if (b->stems) free(b->stems[i]);
    if (b->rows) free((char *)b->rows[i].warning_text);
  }
  for (size_t k = 0; k < b->np; k++) free(b->paths[k]);
  for (size_t k = 0; k < b->nm; k++) free(b->materials[k]);
  for (size_t k = 0; k < b->ns; k++) free(b->services[k]);
  free(b->method);
  free(b->heads);
  free(b->products);
  free(b->errors);
  free(b->rows);
  free(b->ids);
  free(b->names);
  free(b->units);
  pcf_solution_free(b->whole);
  free(b->stems);
  pcf_data_free(b->data);
  pcf_catalogue_free(b->cat);
  free(b);
}

size_t pcf_batch_count(const pcf_batch *b) { return b->n; }
size_t pcf_batch_failed(const pcf_batch *b) { return b->failed; }
const pcf_catalogue_entry *pcf_batch_entry(const pcf_batch *b, size_t i) { return pcf_catalogue_entry_at(b->cat, i); }
const pcf_product *pcf_batch_product(const pcf_batch *b, size_t i) { return i < b->n ? b->products[i] : NULL; }
const char *pcf_batch_id(const pcf_batch *b, size_t i) { return i < b->n && b->ids[i] ? b->ids[i] : ""; }
const char *pcf_batch_file_stem(const pcf_batch *b, size_t i) { return i < b->n && b->stems[i] ? b->stems[i] : ""; }
const char *pcf_batch_name(const pcf_batch *b, size_t i) { return i < b->n && b->names[i] ? b->names[i] : ""; }
const pcf_batch_row *pcf_batch_row_at(const pcf_batch *b, size_t i) { return i < b->n ? &b->rows[i] : NULL; }
const pcf_error *pcf_batch_error(const pcf_batch *b, size_t i) { return i < b->n ? b->errors[i] : NULL; }
const pcf_data *pcf_batch_data(const pcf_batch *b) { return b->data; }
const pcf_batch_timing *pcf_batch_timings(const pcf_batch *b) { return &b->t; }
