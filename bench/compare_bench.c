/* compare_bench.c: designs per second of pcf compare on the toy-car case. The case's product file
 * is copied with N generated variants (each a lighter body, a moulding-electricity change and a
 * longer sea leg); the data are loaded once, then every design is footprinted (the system is
 * restricted to the product's chains and re-solved per design, as pcf footprint does).
 * Usage: compare_bench [N=200] [repeats=5] */
#include <pcf/compare.h>
#include <pcf/variant.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef PCF_SOURCE_DIR
#define PCF_SOURCE_DIR "."
#endif

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int make_product(const char *path, const char *case_dir, int n) {
  char src[4200], line[1024];
  snprintf(src, sizeof src, "%s/product.ini", case_dir);
  FILE *in = fopen(src, "r"), *out = fopen(path, "w");
  if (!in || !out) {
    if (in) fclose(in);
    if (out) fclose(out);
    return -1;
  }
  while (fgets(line, sizeof line, in)) {
    if (strncmp(line, "bom = ", 6) == 0)
      fprintf(out, "bom = %s/%s", case_dir, line + 6);
    else
      fputs(line, out);
  }
  fclose(in);
  for (int k = 0; k < n; k++)
    fprintf(out,
            "\n[variant v%d]\nbom.Body.scale = %.4f\nmanufacturing.electricity CN = %.3f kWh\n"
            "distribution.sea ship = %d km\n",
            k, 1 - 0.001 * (k % 300), 0.20 + 0.001 * k, 15000 + 10 * k);
  fclose(out);
  return 0;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 200, repeats = argc > 2 ? atoi(argv[2]) : 5;
  char case_dir[4096]; /* absolute: the copy lives in /tmp */
  if (!realpath(getenv("PCF_CASE") ? getenv("PCF_CASE") : PCF_SOURCE_DIR "/cases/toy-car", case_dir))
    return perror("cases/toy-car (run from the source tree or set PCF_CASE)"), 2;
  char dir[] = "/tmp/pcf-compare-bench-XXXXXX", path[256];
  if (!mkdtemp(dir)) return perror("mkdtemp"), 2;
  snprintf(path, sizeof path, "%s/product.ini", dir);
  if (make_product(path, case_dir, n)) return fprintf(stderr, "cannot write %s from %s\n", path, case_dir), 2;
  pcf_error err = {0};
  pcf_variant_set *set = NULL;
  pcf_product *base = NULL;
  pcf_data *data = NULL;
  double t0 = now_s();
  if (pcf_variant_set_read(&set, path, &err) || pcf_variant_set_product(&base, set, (size_t)-1, 0, NULL, 0, &err))
    return fprintf(stderr, "%s\n", err.message), 1;
  double t1 = now_s();
  if (pcf_data_open_product(&data, base, &(pcf_data_options){.bundled = 1}, &err))
    return fprintf(stderr, "%s\n", err.message), 1;
  double t2 = now_s();
  printf("toy car with %d variants: read %.3f s, data loaded once in %.3f s\n", n, t1 - t0, t2 - t1);
  for (int mode = 0; mode < 2; mode++) {
    pcf_compare_options o = PCF_COMPARE_OPTIONS_INIT;
    o.contributions = o.sensitivity = mode;
    double best = 1e300;
    size_t fp = 0, designs = 0;
    for (int r = 0; r < repeats; r++) {
      pcf_comparison *c = NULL;
      double a = now_s();
      if (pcf_compare_run(&c, data, set, &o, &err)) return fprintf(stderr, "%s\n", err.message), 1;
      double s = now_s() - a;
      if (s < best) best = s;
      fp = pcf_comparison_footprints(c);
      designs = pcf_comparison_count(c);
      pcf_comparison_free(c);
    }
    printf("%s: %zu designs, %zu footprints in %.4f s (best of %d): %.0f footprints/s, %.0f designs/s\n",
           mode ? "with contributions and sensitivity" : "designs only", designs, fp, best, repeats, (double)fp / best,
           (double)designs / best);
  }
  pcf_data_free(data);
  pcf_product_free(base);
  pcf_variant_set_free(set);
  unlink(path);
  rmdir(dir);
  return 0;
}
