/* footprint_bench.c: one footprint in process, the bundled package read from its XML against read
 * through its binary cache (pcf_data_options.no_bundled_cache), in turn, and the parts of a
 * cache hit: the bundled folder's cache key (a walk of its 1,385 files) and the whole load.
 *
 *   footprint_bench [-n N] PRODUCT.ini     (N rounds, default 10; prints medians in ms)
 *
 * The process start (about 30 ms on the 2-core development machine: 49 shared libraries) is not
 * in these figures; `bench/ab.sh 9 @cpu -- A -- B` measures whole pcf commands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ilcd/cache.h>

#include "pcf/data.h"
#include "pcf/footprint.h"
#include "pcf/result.h"

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
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

/* One footprint from the product file, as pcf footprint does; its total into *total. */
static double footprint_ms(const char *path, int cached, double *total) {
  double t0 = now_ms();
  pcf_error err = {0};
  pcf_product *p = NULL;
  pcf_data *d = NULL;
  pcf_result *r = NULL;
  pcf_data_options o = {.bundled = 1, .no_bundled_cache = !cached};
  if (pcf_product_read(&p, path, &err) || pcf_data_open_product(&d, p, &o, &err) ||
      pcf_footprint_product(&r, d, p, &err)) {
    fprintf(stderr, "footprint_bench: %s\n", err.message);
    exit(1);
  }
  *total = pcf_result_value(r, PCF_TOTAL);
  pcf_result_free(r);
  pcf_data_free(d);
  pcf_product_free(p);
  return now_ms() - t0;
}

int main(int argc, char **argv) {
  int n = 10;
  const char *path = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-n") && i + 1 < argc)
      n = atoi(argv[++i]);
    else
      path = argv[i];
  }
  if (!path || n < 1 || n > 1000) return fputs("usage: footprint_bench [-n N] PRODUCT.ini\n", stderr), 64;
  double *xml = malloc((size_t)n * sizeof *xml), *hit = malloc((size_t)n * sizeof *hit),
         *key = malloc((size_t)n * sizeof *key), *ratio = malloc((size_t)n * sizeof *ratio);
  if (!xml || !hit || !key || !ratio) return 2;
  double t_xml, t_hit;
  footprint_ms(path, 1, &t_hit); /* makes the cache if it is missing */
  char ilcd[1024];
  snprintf(ilcd, sizeof ilcd, "%s/ILCD", pcf_bundled_dir());
  for (int i = 0; i < n; i++) {
    xml[i] = footprint_ms(path, 0, &t_xml);
    hit[i] = footprint_ms(path, 1, &t_hit);
    if (t_xml != t_hit) return fprintf(stderr, "footprint_bench: totals differ: %.17g, %.17g\n", t_xml, t_hit), 1;
    ratio[i] = hit[i] / xml[i];
    ilcd_db *db;
    ilcd_error err = {0};
    uint8_t k[32];
    if (ilcd_db_new(&db)) return 2;
    double t0 = now_ms();
    if (ilcd_cache_key(db, ilcd, k, &err)) return fprintf(stderr, "footprint_bench: %s\n", err.message), 1;
    key[i] = now_ms() - t0;
    ilcd_db_free(db);
  }
  printf("footprint from XML   %8.2f ms (median of %d)\n", median(xml, n), n);
  printf("footprint cache hit  %8.2f ms, of which the bundled folder's key %.2f ms\n", median(hit, n), median(key, n));
  printf("ratio hit/xml        %8.3f (median of the %d pairs)\n", median(ratio, n), n);
  free(xml);
  free(hit);
  free(key);
  free(ratio);
  return 0;
}
