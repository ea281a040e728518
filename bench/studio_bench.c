/* studio_bench.c: pcf studio's recompute latency (issue 20: at most 20 ms a recompute for the
 * cases). For each case of cases/ the data are loaded once, as pcf studio does, then the page's
 * footprint request is answered N times through studio_footprint: the design written to the
 * session's folder, read by the product reader, footprinted, written as pcf footprint's JSON.
 * The same for the comparison of the base and one variant (the first BOM leaf 10 % heavier), with
 * per-change contributions and the sensitivity, as the page asks.
 * Usage: studio_bench [N=50] */
#include <pcf/data.h>
#include <pcf/product.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "studio.h"

#ifndef PCF_SOURCE_DIR
#define PCF_SOURCE_DIR "."
#endif

static double clock_ms(clockid_t id) {
  struct timespec t;
  clock_gettime(id, &t);
  return 1e3 * (double)t.tv_sec + 1e-6 * (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Median and largest of n wall-clock timings of one request, and the median of its CPU time (the
 * figure a busy machine does not inflate); -1 when it fails. */
static int time_requests(studio *s, const json_t *design, int compare, int n, double *median, double *max,
                         double *cpu) {
  double *t = malloc(2 * (size_t)n * sizeof *t), *c = t + n;
  if (!t) return -1;
  for (int i = 0; i < n; i++) {
    studio_reply r = {0};
    double t0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
    int rc = compare ? studio_compare(s, design, 0, &r) : studio_footprint(s, design, &r);
    t[i] = clock_ms(CLOCK_MONOTONIC) - t0;
    c[i] = clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
    if (rc || r.status != 200) {
      fprintf(stderr, "studio_bench: %s\n", r.body ? r.body : "out of memory");
      free(r.body);
      free(t);
      return -1;
    }
    free(r.body);
  }
  qsort(t, (size_t)n, sizeof *t, cmp_double);
  qsort(c, (size_t)n, sizeof *c, cmp_double);
  *median = t[n / 2];
  *max = t[n - 1];
  *cpu = c[n / 2];
  free(t);
  return 0;
}

/* A variant scaling the first BOM leaf of p: "bom.<its name>.scale = 1.1" (pcf_product_part_ref). */
static int add_variant(json_t *design, const pcf_product *p) {
  char ref[512], key[600];
  const char *name = NULL;
  for (size_t i = 0; !name && i < pcf_product_item_count(p); i++) name = pcf_product_part_ref(p, i, ref, sizeof ref);
  if (!name) return -1;
  snprintf(key, sizeof key, "bom.%s.scale", name);
  json_t *sec = json_pack("{s:s,s:[],s:[{s:s,s:s,s:s,s:[]}]}", "name", "variant heavier", "comments", "entries", "key",
                          key, "value", "1.1", "note", "", "comments");
  return sec ? json_array_append_new(json_object_get(json_object_get(design, "ini"), "sections"), sec) : -1;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 50;
  if (n < 1) n = 1;
  static const char *const cases[] = {"toy-car",         "aluminium-bracket", "cotton-tshirt",
                                      "electric-kettle", "fire-partition",    "hk-recycled-plastic"};
  printf("%-20s %5s %11s %11s %11s %11s %11s %11s\n", "case", "items", "footprint", "(max)", "(cpu)", "compare",
         "(max)", "(cpu)");
  int failed = 0;
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/cases/%s/product.ini", PCF_SOURCE_DIR, cases[k]);
    pcf_error err = {0};
    pcf_product *p = NULL;
    pcf_data *data = NULL;
    json_t *design = NULL;
    studio s;
    int session = 0;
    double fm = 0, fx = 0, fc = 0, cm = 0, cx = 0, cc = 0;
    pcf_data_options o = {.bundled = 1};
    if (pcf_product_read(&p, path, &err) || pcf_data_open_product(&data, p, &o, &err) ||
        studio_design_load(&design, path, &err) || studio_session_init(&s, path, data, &err)) {
      fprintf(stderr, "studio_bench: %s:%ld: %s\n", err.path, err.line, err.message);
      failed = 1;
    } else {
      session = 1;
      studio_data_key(design, s.data_key, sizeof s.data_key);
      if (time_requests(&s, design, 0, n, &fm, &fx, &fc) || add_variant(design, p) ||
          time_requests(&s, design, 1, n, &cm, &cx, &cc))
        failed = 1, fprintf(stderr, "studio_bench: %s failed\n", cases[k]);
      else
        printf("%-20s %5zu %8.2f ms %8.2f ms %8.2f ms %8.2f ms %8.2f ms %8.2f ms\n", cases[k],
               pcf_product_item_count(p), fm, fx, fc, cm, cx, cc);
    }
    if (session) studio_session_cleanup(&s);
    json_decref(design);
    pcf_data_free(data);
    pcf_product_free(p);
  }
  return failed;
}
