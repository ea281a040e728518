/* doc_bench.c: what a batch product's hotspots and its JSON document cost, in process and in CPU
 * time of the one thread that runs (steadier than the wall clock on a shared machine).
 *
 *   doc_bench DIR [-n ROUNDS] [--products K] [--top N] [--cache DIR]
 *
 * DIR is a gen_synthetic folder (ILCD/, materials.csv, products/). The database is solved once,
 * as pcf batch does; then, ROUNDS times, the first K products (default 200) are footprinted
 * against that solution without hotspots, with hotspots (the N largest kept, default 20, as
 * `pcf batch --hotspots`), and the result with hotspots written as the JSON document
 * `--json-dir` writes (pcf_result_write_json, into memory: the file system's part is not here).
 * Prints the medians over the rounds, per product: the footprint alone, the hotspots' extra and
 * the document. Compare builds with bench/ab.sh on the figures it prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pcf/data.h"
#include "pcf/footprint.h"
#include "pcf/product.h"
#include "pcf/result.h"

static double cpu_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec * 1e-6;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}
static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, by_value);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void die(const char *what, const pcf_error *err) {
  fprintf(stderr, "doc_bench: %s: %s\n", what, err->message);
  exit(1);
}

int main(int argc, char **argv) {
  const char *dir = NULL, *cache = NULL;
  int rounds = 5;
  size_t k = 200, top = 20;
  for (int i = 1; i < argc; i++) {
    if (i + 1 < argc && strcmp(argv[i], "-n") == 0)
      rounds = atoi(argv[++i]);
    else if (i + 1 < argc && strcmp(argv[i], "--products") == 0)
      k = (size_t)atol(argv[++i]);
    else if (i + 1 < argc && strcmp(argv[i], "--top") == 0)
      top = (size_t)atol(argv[++i]);
    else if (i + 1 < argc && strcmp(argv[i], "--cache") == 0)
      cache = argv[++i];
    else if (!dir && argv[i][0] != '-')
      dir = argv[i];
    else
      dir = NULL, i = argc;
  }
  if (!dir || rounds < 1 || rounds > 1000 || k < 1)
    return fputs("usage: doc_bench DIR [-n ROUNDS] [--products K] [--top N] [--cache DIR]\n", stderr), 64;
  char ilcd[4200], materials[4200];
  snprintf(ilcd, sizeof ilcd, "%s/ILCD", dir);
  snprintf(materials, sizeof materials, "%s/materials.csv", dir);
  const char *paths[] = {ilcd}, *maps[] = {materials};
  pcf_data_options o = {.bundled = 1,
                        .paths = paths,
                        .n_paths = 1,
                        .materials = maps,
                        .n_materials = 1,
                        .method = "AR6",
                        .cache_dir = cache};
  pcf_error err = {0};
  pcf_data *data = NULL;
  pcf_solution *whole = NULL;
  if (pcf_data_open(&data, &o, &err)) die("load", &err);
  if (pcf_solution_new(&whole, pcf_data_system(data), NULL, 0, &err)) die("solve", &err);
  pcf_product **products = calloc(k, sizeof *products);
  if (!products) return 1;
  for (size_t i = 0; i < k; i++) {
    char path[4300];
    snprintf(path, sizeof path, "%s/products/p%05zu.ini", dir, i);
    if (pcf_product_read(&products[i], path, &err)) die(path, &err);
  }
  double *plain = calloc((size_t)rounds, sizeof *plain), *hot = calloc((size_t)rounds, sizeof *hot),
         *doc = calloc((size_t)rounds, sizeof *doc);
  char *buf = NULL;
  size_t len = 0, bytes = 0;
  FILE *mem = open_memstream(&buf, &len);
  if (!plain || !hot || !doc || !mem) return 1;
  for (int r = 0; r < rounds; r++) {
    pcf_footprint_options fo = PCF_FOOTPRINT_OPTIONS_INIT;
    fo.solution = whole;
    fo.hotspots = 0;
    double t0 = cpu_ms();
    for (size_t i = 0; i < k; i++) {
      pcf_result *res = NULL;
      if (pcf_footprint_product_ex(&res, data, products[i], &fo, &err)) die("footprint", &err);
      pcf_result_free(res);
    }
    plain[r] = (cpu_ms() - t0) / (double)k;
    fo.hotspots = 1;
    fo.top = top;
    double t_doc = 0;
    bytes = 0;
    t0 = cpu_ms();
    for (size_t i = 0; i < k; i++) {
      pcf_result *res = NULL;
      if (pcf_footprint_product_ex(&res, data, products[i], &fo, &err)) die("footprint", &err);
      double t1 = cpu_ms();
      rewind(mem);
      if (pcf_result_write_json(res, mem) || fflush(mem)) return fputs("doc_bench: write failed\n", stderr), 1;
      bytes += len;
      t_doc += cpu_ms() - t1;
      pcf_result_free(res);
    }
    hot[r] = (cpu_ms() - t0 - t_doc) / (double)k - plain[r];
    doc[r] = t_doc / (double)k;
  }
  printf("%zu products, %d rounds, hotspots top %zu, documents of %.1f KB on average (medians, CPU ms a product)\n", k,
         rounds, top, (double)bytes / (double)k / 1e3);
  printf("footprint without hotspots: %.4f\n", median(plain, rounds));
  printf("hotspots (extra): %.4f\n", median(hot, rounds));
  printf("JSON document: %.4f\n", median(doc, rounds));
  fclose(mem);
  free(buf);
  free(plain), free(hot), free(doc);
  for (size_t i = 0; i < k; i++) pcf_product_free(products[i]);
  free(products);
  pcf_solution_free(whole);
  pcf_data_free(data);
  return 0;
}
