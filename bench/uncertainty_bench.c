/* uncertainty_bench.c: Monte Carlo iterations per second (pcf/uncertainty.h) on a product file
 * and on one process of a database, with the data's own uncertainty and, since most data sets
 * declare none, with an assumed basic uncertainty (lognormal SDg² 1.2 on every exchange), which
 * refactorises A at every iteration.
 *
 *   uncertainty_bench [-n N] PRODUCT.ini
 *   uncertainty_bench [-n N] --process UUID DATA.zip   (without the bundled data) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcf/uncertainty.h"
#include "uncertainty_internal.h"

static int run(pcf_unc_model *m, size_t n, const char *what) {
  pcf_unc_options o = PCF_UNC_OPTIONS_INIT;
  o.iterations = n;
  pcf_unc_result *r;
  pcf_error err = {0};
  if (pcf_unc_run(&r, m, &o, &err)) return fprintf(stderr, "%s\n", err.message), 1;
  pcf_unc_analytic an;
  if (pcf_unc_analytic_run(&an, m, 1, &err)) return fprintf(stderr, "%s\n", err.message), 1;
  printf(
      "%-34s system %6zu, uncertain %6zu, refactorise %-3s: %8.0f it/s (%zu in %.3f s); total %.6g mean %.6g "
      "sd %.4g [%.6g, %.6g]; analytic sd %.4g in %.4f s\n",
      what, m->n, pcf_unc_model_uncertain_count(m), m->a_uncertain ? "yes" : "no",
      r->seconds > 0 ? (double)n / r->seconds : 0, n, r->seconds, r->deterministic[0], r->stats[0].mean, r->stats[0].sd,
      r->stats[0].p2_5, r->stats[0].p97_5, an.sd[0], an.seconds);
  pcf_unc_result_free(r);
  return 0;
}

int main(int argc, char **argv) {
  size_t n = 2000;
  const char *process = NULL, *path = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-n") && i + 1 < argc)
      n = (size_t)strtoull(argv[++i], NULL, 10);
    else if (!strcmp(argv[i], "--process") && i + 1 < argc)
      process = argv[++i];
    else
      path = argv[i];
  }
  if (!path) return fputs("usage: uncertainty_bench [-n N] PRODUCT.ini | --process UUID DATA\n", stderr), 64;
  pcf_error err = {0};
  pcf_data *data = NULL;
  pcf_product *prod = NULL;
  pcf_unc_model *m = NULL;
  int rc = 1;
  pcf_data_options o = {.bundled = !process};
  const char *paths[1] = {path};
  if (process) {
    o.paths = paths;
    o.n_paths = 1;
  } else if (pcf_product_read(&prod, path, &err)) {
    goto fail;
  }
  if (pcf_data_open_product(&data, prod, &o, &err)) goto fail;
  if (pcf_unc_model_new(&m, data, process ? NULL : path, process, NULL, &err)) goto fail;
  if (run(m, n, "data's own uncertainty")) goto done;
  if (pcf_unc_model_assume(m, 1.2, &err)) goto fail;
  if (run(m, n, "assumed SDg² 1.2 on every exchange")) goto done;
  rc = 0;
  goto done;
fail:
  fprintf(stderr, "uncertainty_bench: %s\n", err.message);
done:
  pcf_unc_model_free(m);
  pcf_data_free(data);
  pcf_product_free(prod);
  return rc;
}
