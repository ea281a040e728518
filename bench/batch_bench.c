/* batch_bench.c: times pcf batch on a synthetic database and catalogue (bench/gen_synthetic.c)
 * and compares it, in the same run, with solving each product separately.
 *
 *   gen_synthetic /tmp/syn && batch_bench /tmp/syn [--threads 2] [--sample N] [--no-scipy]
 *
 * Phases: load (bundled data + DIR/ILCD + DIR/materials.csv, through the real ILCD reader);
 * the whole-database solve (assembly, KLU factorisation, one transposed solve per indicator,
 * intensities); the factorisation alone and one transposed solve alone, on A rebuilt from the
 * public system API; reading the catalogue's product files; the catalogue by dot products
 * (1 thread and N threads); baseline 1: each product by its own solve A x = f on the same
 * factorisation (x scaled by the direct emissions); baseline 2 (--sample N, off by default):
 * pcf_footprint_product (restrict, refactorise, hotspots) on N products, extrapolated — off
 * because pcf_system_solve of a restricted system on a large database overflows its triplet
 * buffer (system.c: identity columns of inactive providers are appended without the capacity
 * check); the whole command path (pcf_batch_open +
 * pcf_batch_run). Totals of the batch and of baseline 1 are compared. Peak memory from
 * getrusage. With python3 and scipy installed, bench/scipy_baseline.py runs on the same matrix
 * and demands (exported to DIR/scipy/) for a splu baseline.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include <pcf/batch.h>
#include <pcf/sparse.h>

#include "uuidmap.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double peak_mb(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_maxrss / 1024.0;
}

static void die(const char *what, const pcf_error *err) {
  fprintf(stderr, "batch_bench: %s: %s:%ld: %s\n", what, err->path, err->line, err->message);
  exit(1);
}

/* ---- A rebuilt from the public system API (as system.c assembles it) ----------------------------- */

static pcf_solution *whole; /* the whole database, solved once */

typedef struct matrix {
  int32_t n;
  size_t count;
  int32_t *rows, *cols;
  double *vals;
  uuidmap row_of_flow;
} matrix;

static void build_matrix(matrix *m, const pcf_system *s) {
  size_t n = pcf_system_size(s), cap = n * 16;
  m->n = (int32_t)n;
  m->rows = malloc(cap * sizeof *m->rows);
  m->cols = malloc(cap * sizeof *m->cols);
  m->vals = malloc(cap * sizeof *m->vals);
  const ilcd_exchange **ref = malloc(n * sizeof *ref);
  if (!m->rows || !m->cols || !m->vals || !ref) exit(2);
  for (size_t j = 0; j < n; j++) {
    const ilcd_flow *f;
    pcf_system_reference(s, pcf_system_provider(s, j), &ref[j], &f, NULL, NULL);
    if (uuidmap_put(&m->row_of_flow, &f->uuid, (int32_t)j)) exit(2);
  }
  for (size_t j = 0; j < n; j++) {
    const ilcd_process *p = pcf_system_provider(s, j);
    for (size_t e = 0; e < p->n_exchanges; e++) {
      const ilcd_exchange *ex = &p->exchanges[e];
      int32_t row = ex->flow.valid && ex->resulting_amount != 0 ? uuidmap_get(&m->row_of_flow, &ex->flow.uuid) : -1;
      if (row < 0) continue;
      if (m->count == cap) {
        cap *= 2;
        m->rows = realloc(m->rows, cap * sizeof *m->rows);
        m->cols = realloc(m->cols, cap * sizeof *m->cols);
        m->vals = realloc(m->vals, cap * sizeof *m->vals);
        if (!m->rows || !m->cols || !m->vals) exit(2);
      }
      double sense = ex == ref[j] || ex->direction == ref[row]->direction ? 1.0 : -1.0;
      m->rows[m->count] = row;
      m->cols[m->count] = (int32_t)j;
      m->vals[m->count++] = sense * ex->resulting_amount;
    }
  }
  free(ref);
}

/* ---- the catalogue by dot products on threads ------------------------------------------------------ */

typedef struct work {
  pcf_data *data;
  pcf_product **products;
  double *totals;
  size_t n, next;
  pthread_mutex_t lock;
} work;

static void *compute(void *arg) {
  work *w = arg;
  for (;;) {
    pthread_mutex_lock(&w->lock);
    size_t i = w->next;
    w->next += 64; /* chunks: the lock is taken once per 64 products */
    pthread_mutex_unlock(&w->lock);
    if (i >= w->n) return NULL;
    for (size_t k = i; k < i + 64 && k < w->n; k++) {
      pcf_result *r = NULL;
      pcf_error err = {0};
      w->totals[k] = w->products[k] && !pcf_batch_footprint(&r, w->data, whole, w->products[k], NULL, &err)
                         ? pcf_result_value(r, PCF_TOTAL)
                         : NAN;
      pcf_result_free(r);
    }
  }
}

static double run_catalogue(work *w, unsigned threads) {
  pthread_t tid[64];
  w->next = 0;
  double t0 = now_s();
  for (unsigned k = 1; k < threads; k++) pthread_create(&tid[k], NULL, compute, w);
  compute(w);
  for (unsigned k = 1; k < threads; k++) pthread_join(tid[k], NULL);
  return now_s() - t0;
}

/* Baseline 1: the product's total by its own solve: demand f of its lines on the background,
 * x = A⁻¹ f, total = Σ direct·x + the lines' own direct emissions. */
static double solve_only_s; /* time spent in the solves and their dot products alone */

static double by_own_solve(pcf_data *data, const pcf_product *p, double *x, size_t n) {
  const pcf_system *s = pcf_data_system(data);
  pcf_result *r = NULL;
  pcf_error err = {0};
  if (pcf_batch_footprint(&r, data, whole, p, NULL, &err)) return pcf_result_free(r), NAN;
  memset(x, 0, n * sizeof *x);
  double total = 0;
  for (size_t i = 0; i < pcf_result_line_count(r); i++) {
    const pcf_line *l = pcf_result_line(r, i);
    ilcd_uuid u;
    if (ilcd_uuid_parse(&u, l->process_uuid)) {
      total += l->value[PCF_TOTAL];
      continue;
    } /* supplier data */
    const ilcd_process *proc = ilcd_db_process(pcf_data_db(data), &u);
    const ilcd_exchange *ref;
    double d[PCF_INDICATOR_COUNT];
    pcf_system_reference(s, proc, &ref, NULL, NULL, NULL);
    pcf_system_direct_impacts(s, proc, d);
    total += l->amount / ref->resulting_amount * d[PCF_TOTAL];
    pcf_system_add_activity(s, proc, l->amount, x, NULL);
  }
  double t0 = now_s();
  pcf_solution_scale(whole, x, NULL);
  for (size_t j = 0; j < n; j++) total += x[j] * pcf_system_direct(s, PCF_TOTAL, j);
  solve_only_s += now_s() - t0;
  pcf_result_free(r);
  return total;
}

/* Exports A, the direct totals and the products' demands for bench/scipy_baseline.py. */
static void export_scipy(const char *dir, const matrix *m, pcf_data *data, pcf_product **products, size_t np) {
  char path[4400];
  const pcf_system *s = pcf_data_system(data);
  mkdir(dir, 0777);
  snprintf(path, sizeof path, "%s/A.txt", dir);
  FILE *f = fopen(path, "w");
  if (!f) return;
  fprintf(f, "%d %zu\n", m->n, m->count);
  for (size_t k = 0; k < m->count; k++) fprintf(f, "%d %d %.17g\n", m->rows[k], m->cols[k], m->vals[k]);
  fclose(f);
  snprintf(path, sizeof path, "%s/direct.txt", dir);
  f = fopen(path, "w");
  for (int32_t j = 0; j < m->n; j++) fprintf(f, "%.17g\n", pcf_system_direct(s, PCF_TOTAL, (size_t)j));
  fclose(f);
  /* Demands: "product row amount" of the background, plus "product -1 value" for the lines' own
   * direct emissions (the foreground). */
  snprintf(path, sizeof path, "%s/demands.txt", dir);
  f = fopen(path, "w");
  double *x = calloc((size_t)m->n, sizeof *x);
  for (size_t i = 0; i < np; i++) {
    pcf_result *r = NULL;
    if (!products[i] || pcf_batch_footprint(&r, data, whole, products[i], NULL, NULL)) {
      pcf_result_free(r);
      continue;
    }
    memset(x, 0, (size_t)m->n * sizeof *x);
    double own = 0;
    for (size_t k = 0; k < pcf_result_line_count(r); k++) {
      const pcf_line *l = pcf_result_line(r, k);
      ilcd_uuid u;
      if (ilcd_uuid_parse(&u, l->process_uuid)) continue;
      const ilcd_process *proc = ilcd_db_process(pcf_data_db(data), &u);
      const ilcd_exchange *ref;
      double d[PCF_INDICATOR_COUNT];
      pcf_system_reference(s, proc, &ref, NULL, NULL, NULL);
      pcf_system_direct_impacts(s, proc, d);
      own += l->amount / ref->resulting_amount * d[PCF_TOTAL];
      pcf_system_add_activity(s, proc, l->amount, x, NULL);
    }
    fprintf(f, "%zu -1 %.17g\n", i, own);
    for (int32_t j = 0; j < m->n; j++)
      if (x[j] != 0) fprintf(f, "%zu %d %.17g\n", i, j, x[j]);
    pcf_result_free(r);
  }
  free(x);
  fclose(f);
}

int main(int argc, char **argv) {
  const char *dir = NULL;
  unsigned threads = 2;
  size_t sample = 0;
  int scipy = 1;
  for (int i = 1; i < argc; i++) {
    if (i + 1 < argc && strcmp(argv[i], "--threads") == 0)
      threads = (unsigned)atoi(argv[++i]);
    else if (i + 1 < argc && strcmp(argv[i], "--sample") == 0)
      sample = (size_t)atol(argv[++i]);
    else if (strcmp(argv[i], "--no-scipy") == 0)
      scipy = 0;
    else if (!dir && argv[i][0] != '-')
      dir = argv[i];
    else
      return fputs("usage: batch_bench DIR [--threads N] [--sample N] [--no-scipy]\n", stderr), 64;
  }
  /* (see the note at the top about --sample) */
  if (!dir) return fputs("usage: batch_bench DIR [--threads N] [--sample N] [--no-scipy]\n", stderr), 64;
  if (threads < 1 || threads > 64) threads = 2;
  char ilcd[4200], materials[4200], catalogue[4200], scipy_dir[4200];
  snprintf(ilcd, sizeof ilcd, "%s/ILCD", dir);
  snprintf(materials, sizeof materials, "%s/materials.csv", dir);
  snprintf(catalogue, sizeof catalogue, "%s/catalogue.csv", dir);
  snprintf(scipy_dir, sizeof scipy_dir, "%s/scipy", dir);
  pcf_error err = {0};

  /* Load and solve. */
  const char *paths[] = {ilcd};
  const char *maps[] = {materials};
  pcf_data_options o = {
      .bundled = 1, .paths = paths, .n_paths = 1, .materials = maps, .n_materials = 1, .method = "AR6"};
  pcf_data *data = NULL;
  double t0 = now_s();
  if (pcf_data_open(&data, &o, &err)) die("load", &err);
  double t_load = now_s() - t0;
  const pcf_system *s = pcf_data_system(data);
  t0 = now_s();
  if (pcf_solution_new(&whole, s, NULL, 0, &err)) die("solve", &err);
  double t_solve = now_s() - t0;

  /* The factorisation and one transposed solve alone. */
  matrix m = {0};
  build_matrix(&m, s);
  pcf_sparse *a = NULL;
  pcf_sparse_common common;
  pcf_sparse_common_init(&common);
  if (pcf_sparse_new(&a, m.n, m.count, m.rows, m.cols, m.vals, &err)) die("matrix", &err);
  t0 = now_s();
  if (pcf_sparse_factor(a, &common, &err)) die("factorise", &err);
  double t_factor = now_s() - t0;
  double *y = malloc((size_t)m.n * sizeof *y);
  for (int32_t j = 0; j < m.n; j++) y[j] = pcf_system_direct(s, PCF_TOTAL, (size_t)j);
  t0 = now_s();
  pcf_sparse_solve_transposed(a, 1, y, &common, &err);
  double t_tsolve = now_s() - t0;

  /* Read the catalogue's product files. */
  pcf_catalogue *cat = NULL;
  t0 = now_s();
  if (pcf_catalogue_read(&cat, catalogue, &err)) die("catalogue", &err);
  size_t np = pcf_catalogue_count(cat), lines = 0;
  pcf_product **products = calloc(np, sizeof *products);
  for (size_t i = 0; i < np; i++)
    if (pcf_product_read(&products[i], pcf_catalogue_entry_at(cat, i)->product, &err)) die("product", &err);
  double t_read = now_s() - t0;
  for (size_t i = 0; i < np; i++) lines += pcf_product_item_count(products[i]);

  /* The catalogue by dot products. */
  work w = {.data = data, .products = products, .n = np};
  pthread_mutex_init(&w.lock, NULL);
  w.totals = calloc(np, sizeof *w.totals);
  double t_one = run_catalogue(&w, 1);
  double t_many = run_catalogue(&w, threads);

  /* Baseline 1: each product by its own solve, same factorisation. */
  double *x = malloc((size_t)m.n * sizeof *x), max_rel = 0;
  t0 = now_s();
  for (size_t i = 0; i < np; i++) {
    double tot = by_own_solve(data, products[i], x, (size_t)m.n);
    double rel = fabs(tot - w.totals[i]) / fmax(1e-12, fabs(w.totals[i]));
    if (!(rel <= max_rel)) max_rel = rel;
  }
  double t_own = now_s() - t0;
  double mem_compute = peak_mb();

  /* Baseline 2: pcf_footprint_product, which restricts, refactorises and scales per product. */
  if (sample > np) sample = np;
  t0 = now_s();
  for (size_t i = 0; i < sample; i++) {
    pcf_result *r = NULL;
    if (pcf_footprint_product(&r, data, products[i], &err)) die("footprint", &err);
    pcf_result_free(r);
  }
  double t_fp = sample ? (now_s() - t0) / (double)sample : 0;

  if (scipy) export_scipy(scipy_dir, &m, data, products, np);
  for (size_t i = 0; i < np; i++) pcf_product_free(products[i]);
  free(products);
  pcf_data_free(data);

  /* The whole command path. */
  pcf_batch_options bo = PCF_BATCH_OPTIONS_INIT;
  bo.data = (pcf_data_options){.bundled = 1, .paths = paths, .n_paths = 1};
  bo.threads = threads;
  pcf_batch *b = NULL;
  t0 = now_s();
  if (pcf_batch_open(&b, catalogue, &bo, &err) || pcf_batch_run(b, &err)) die("batch", &err);
  double t_cmd = now_s() - t0;
  const pcf_batch_timing *bt = pcf_batch_timings(b);

  printf("synthetic database: %d processes in the technosphere, %zu nonzeros; catalogue: %zu products, %zu lines\n",
         m.n, pcf_sparse_nnz(a), np, lines);
  printf("load (bundled + synthetic ILCD folder, XML)      %8.3f s\n", t_load);
  printf("whole-database solve (assemble, KLU, transposed solves)  %8.3f s\n", t_solve);
  printf("  KLU factorisation alone                        %8.4f s\n", t_factor);
  printf("  one transposed solve                           %8.2f ms\n", 1e3 * t_tsolve);
  printf("read %zu product files + BOMs                   %8.3f s\n", np, t_read);
  printf("catalogue by dot products, 1 thread              %8.3f s   (%.1f us/product)\n", t_one,
         1e6 * t_one / (double)np);
  printf("catalogue by dot products, %u threads             %8.3f s\n", threads, t_many);
  printf("baseline 1: own solve A x = f per product        %8.3f s   (%.3f ms/product)  ratio %.1fx (1 thread)\n",
         t_own, 1e3 * t_own / (double)np, t_own / t_one);
  printf("  of which the solves and their dot products     %8.3f s   (%.3f ms/product)  vs 1 transposed solve: %.0fx\n",
         solve_only_s, 1e3 * solve_only_s / (double)np, solve_only_s / t_tsolve);
  if (sample)
    printf("baseline 2: pcf_footprint_product (sample %zu)   %8.3f s extrapolated (%.1f ms/product)  ratio %.0fx\n",
           sample, t_fp * (double)np, 1e3 * t_fp, t_fp * (double)np / t_many);
  printf("batch vs own solve: max relative difference of totals %.2e\n", max_rel);
  printf("command path (pcf_batch_open + run, %u threads)   %8.3f s: read %.3f, load %.3f, solve %.3f, compute %.3f\n",
         threads, t_cmd, bt->read_s, bt->load_s, bt->solve_s, bt->compute_s);
  printf("peak memory: %.0f MB after the computations, %.0f MB at the end (getrusage)\n", mem_compute, peak_mb());
  pcf_batch_free(b);
  pcf_sparse_free(a);
  free(m.rows), free(m.cols), free(m.vals), free(x), free(y), free(w.totals);
  uuidmap_free(&m.row_of_flow);
  pcf_catalogue_free(cat);
  fflush(stdout);
  if (scipy) {
    /* The script sits next to this file (CMake compiles it by its full path). */
    char cmd[9000], here[4200];
    snprintf(here, sizeof here, "%s", __FILE__);
    char *slash = strrchr(here, '/');
    if (slash)
      *slash = '\0';
    else
      snprintf(here, sizeof here, "bench");
    snprintf(cmd, sizeof cmd,
             /* Debian's python3-scipy lives with /usr/bin/python3, which another python3 on PATH
              * may hide. */
             "for py in python3 /usr/bin/python3; do $py -c 'import scipy' 2>/dev/null && "
             "exec $py %s/scipy_baseline.py %s; done; "
             "echo 'scipy baseline: python3-scipy not installed, skipped'",
             here, scipy_dir);
    if (system(cmd) != 0) fputs("batch_bench: scipy baseline failed\n", stderr);
  }
  return 0;
}
