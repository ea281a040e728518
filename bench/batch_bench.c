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

/* CPU time of the calling thread: steadier than the wall clock on a machine shared with other work. */
static double thread_cpu_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
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

/* The floor of the dot-product step: the same reads and multiply-adds as the catalogue's lines, and
 * nothing else. Each BOM line's amount and its process's column are gathered beforehand (outside the
 * timing); the loop reads the PCF_VALUE_COUNT intensities of the column from per-indicator arrays
 * laid out as the solution keeps them (indicator-major: one cache line per indicator and line) and
 * adds amount x intensity to its product's sums. */
typedef struct floor_lines {
  size_t n, *first;  /* product i's lines are first[i] .. first[i + 1] */
  int32_t *col;      /* [n] */
  double *amount;    /* [n] */
  double *intensity; /* [PCF_VALUE_COUNT * size] */
  size_t size;
} floor_lines;

static void floor_gather(floor_lines *fl, pcf_data *data, pcf_product **products, size_t np) {
  const pcf_system *s = pcf_data_system(data);
  const ilcd_db *db = pcf_data_db(data);
  size_t n = 0, cap = 1 << 20;
  fl->size = pcf_system_size(s);
  fl->first = malloc((np + 1) * sizeof *fl->first);
  fl->col = malloc(cap * sizeof *fl->col);
  fl->amount = malloc(cap * sizeof *fl->amount);
  fl->intensity = malloc(PCF_VALUE_COUNT * fl->size * sizeof *fl->intensity);
  if (!fl->first || !fl->col || !fl->amount || !fl->intensity) exit(2);
  for (size_t j = 0; j < fl->size; j++) {
    double v[PCF_VALUE_COUNT];
    if (pcf_solution_unit_values(whole, pcf_system_provider(s, j), v, NULL)) memset(v, 0, sizeof v);
    for (int k = 0; k < PCF_VALUE_COUNT; k++) fl->intensity[(size_t)k * fl->size + j] = v[k];
  }
  for (size_t i = 0; i < np; i++) {
    fl->first[i] = n;
    pcf_result *r = NULL;
    if (products[i] && !pcf_batch_footprint(&r, data, whole, products[i], NULL, NULL))
      for (size_t k = 0; k < pcf_result_line_count(r); k++) {
        const pcf_line *l = pcf_result_line(r, k);
        ilcd_uuid u;
        const ilcd_process *proc;
        long col;
        if (ilcd_uuid_parse(&u, l->process_uuid) || !(proc = ilcd_db_process(db, &u)) ||
            (col = pcf_system_column(s, proc)) < 0)
          continue;
        if (n == cap) {
          cap *= 2;
          fl->col = realloc(fl->col, cap * sizeof *fl->col);
          fl->amount = realloc(fl->amount, cap * sizeof *fl->amount);
          if (!fl->col || !fl->amount) exit(2);
        }
        fl->col[n] = (int32_t)col;
        fl->amount[n++] = l->amount;
      }
    pcf_result_free(r);
  }
  fl->first[np] = n;
  fl->n = n;
}

/* The loop itself; returns a checksum so that it is not optimised away. */
static double floor_run(const floor_lines *fl, size_t np) {
  double check = 0;
  for (size_t i = 0; i < np; i++) {
    double sum[PCF_VALUE_COUNT] = {0};
    for (size_t l = fl->first[i]; l < fl->first[i + 1]; l++) {
      size_t col = (size_t)fl->col[l];
      double a = fl->amount[l];
      for (int k = 0; k < PCF_VALUE_COUNT; k++) sum[k] += a * fl->intensity[(size_t)k * fl->size + col];
    }
    for (int k = 0; k < PCF_VALUE_COUNT; k++) check += sum[k];
  }
  return check;
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
  int scipy = 1, quick = 0;
  const char *cache = NULL;
  for (int i = 1; i < argc; i++) {
    if (i + 1 < argc && strcmp(argv[i], "--threads") == 0)
      threads = (unsigned)atoi(argv[++i]);
    else if (i + 1 < argc && strcmp(argv[i], "--sample") == 0)
      sample = (size_t)atol(argv[++i]);
    else if (strcmp(argv[i], "--no-scipy") == 0)
      scipy = 0;
    else if (strcmp(argv[i], "--quick") == 0)
      quick = 1, scipy = 0;
    else if (i + 1 < argc && strcmp(argv[i], "--cache") == 0)
      cache = argv[++i];
    else if (!dir && argv[i][0] != '-')
      dir = argv[i];
    else
      return fputs("usage: batch_bench DIR [--threads N] [--sample N] [--no-scipy] [--quick] [--cache DIR]\n", stderr),
             64;
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
  pcf_data_options o = {.bundled = 1,
                        .paths = paths,
                        .n_paths = 1,
                        .materials = maps,
                        .n_materials = 1,
                        .method = "AR6",
                        .cache_dir = cache};
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
  double c0 = thread_cpu_s();
  double t_one = run_catalogue(&w, 1);
  double c_one = thread_cpu_s() - c0;
  double t_many = run_catalogue(&w, threads);

  /* The memory-bound floor of the same step, best of 5 (CPU time of this thread). */
  floor_lines fl = {0};
  floor_gather(&fl, data, products, np);
  double c_floor = 1e30, check = 0;
  for (int rep = 0; rep < 5; rep++) {
    c0 = thread_cpu_s();
    check += floor_run(&fl, np);
    double c = thread_cpu_s() - c0;
    if (c < c_floor) c_floor = c;
  }
  double ns_line = 1e9 * c_one / (double)lines, ns_floor = 1e9 * c_floor / (double)fl.n;
  if (quick) { /* the dot-product step alone: before/after pairs (bench/ab.sh) */
    printf("catalogue: %zu products, %zu lines; by dot products, 1 thread %.3f s, %u threads %.3f s\n", np, lines,
           t_one, threads, t_many);
    printf("per BOM line, 1 thread (CPU time): %.1f ns; memory-bound floor: %.2f ns\n", ns_line, ns_floor);
    for (size_t i = 0; i < np; i++) pcf_product_free(products[i]);
    free(products), free(w.totals), free(y), free(m.rows), free(m.cols), free(m.vals);
    free(fl.first), free(fl.col), free(fl.amount), free(fl.intensity);
    uuidmap_free(&m.row_of_flow);
    pcf_sparse_free(a);
    pcf_catalogue_free(cat);
    pcf_data_free(data);
    pcf_solution_free(whole);
    return 0;
  }

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
  bo.data = (pcf_data_options){.bundled = 1, .paths = paths, .n_paths = 1, .cache_dir = cache};
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
  printf(
      "per BOM line, 1 thread (CPU time): %.1f ns; memory-bound floor, same reads and multiply-adds: %.2f ns "
      "(%zu lines valued, checksum %.6g)\n",
      ns_line, ns_floor, fl.n, check);
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
  free(fl.first), free(fl.col), free(fl.amount), free(fl.intensity);
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
