/* cmd_compare.c: pcf compare PRODUCT.ini [--variant NAME]...: the base design and its variants
 * side by side (see pcf/variant.h). */
#include <errno.h>
#include <getopt.h>
#include <pcf/footprint.h>
#include <pcf/uncertainty.h>
#include <pcf/variant.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
    "Usage: pcf compare PRODUCT.ini [options]\n"
    "\n"
    "Compares the base design of a product file with its variants ([variant NAME] sections of the\n"
    "same file, written as changes to the base: bom.<part>.material|dataset|mass|scale|supplier_pcf|\n"
    "recycled_content, <section>.<key> for product, manufacturing, packaging, distribution, use and\n"
    "end_of_life, based_on = another variant). For each design: total, stages and lines with the\n"
    "ISO 14067 split, change against the base, ranking, trade-offs between stages; for each variant\n"
    "the contribution of each change (sequential, in the order written, and alone); and the\n"
    "elasticity of the total to each numeric input. The data are loaded once for all designs.\n"
    "\n"
    "Options:\n"
    "  --variant NAME           compare this variant (repeatable; default: all, in file order)\n"
    "  --format text|json|csv|html  output format (default text)\n"
    "  -o, --output FILE        write to FILE: a file is replaced atomically (a temporary file\n"
    "                           renamed into place), a device or FIFO written through (README)\n"
    "  --sensitivity-of NAME    design whose inputs are perturbed (default: base)\n"
    "  --step FRACTION          relative step of the sensitivity (default 0.01)\n"
    "  --no-contributions       skip the per-change steps\n"
    "  --no-sensitivity         skip the sensitivity\n"
    "  --timing                 print footprints computed and designs per second to stderr\n"
    "  --uncertainty N          then a Monte Carlo of N draws with common random numbers: for each\n"
    "                           variant the probability that it beats the base (text, to stdout)\n"
    "  --seed S                 random seed of --uncertainty (default 1)\n"
    "  -h, --help               this help\n"
    "\n"
    "Example:\n"
    "  pcf compare cases/hk-recycled-plastic/product.ini\n"
    "  pcf compare cases/toy-car/product.ini --format html -o compare.html\n"
    "\n"
    "Exit status: 0 success, 1 input error (file, variant, material, unit, data), 2 internal error\n"
    "or an output not written.\n";


typedef struct compare_out {
  const pcf_comparison *c;
  int (*writer)(const pcf_comparison *, FILE *);
} compare_out;

static int compare_writer(const void *ctx, FILE *f) {
  const compare_out *o = ctx;
  return o->writer(o->c, f) ? -1 : 0;
}

static int write_out(const pcf_comparison *c, const char *format, const char *path) {
  compare_out o = {c, pcf_comparison_write_text};
  if (strcmp(format, "json") == 0) o.writer = pcf_comparison_write_json;
  else if (strcmp(format, "csv") == 0) o.writer = pcf_comparison_write_csv;
  else if (strcmp(format, "html") == 0) o.writer = pcf_comparison_write_html;
  return cli_output(path, compare_writer, &o);
}

/* Monte Carlo over the compared designs with common random numbers (pcf/uncertainty.h): the same
 * draw of an exchange or input in every design, so P(variant < base) is not blurred by the noise
 * the designs share. */
static int uncertainty(const char *path, pcf_data *data, const pcf_variant_set *set, const pcf_comparison *cmp,
                       unsigned long long iterations, unsigned long long seed) {
  size_t n = pcf_comparison_count(cmp);
  pcf_unc_model **models = calloc(n, sizeof *models);
  pcf_override **changes = calloc(n, sizeof *changes);
  pcf_unc_result **results = calloc(n, sizeof *results);
  double *p = calloc(n, sizeof *p);
  pcf_error err = {0};
  int rc = !models || !changes || !results || !p ? pcf_error_set(&err, PCF_ERR_NOMEM, NULL, 0, "out of memory") : 0;
  for (size_t d = 0; !rc && d < n; d++) {
    size_t nc = 0;
    if (d) {
      long v = pcf_variant_set_find(set, pcf_comparison_name(cmp, d));
      nc = v < 0 ? 0 : pcf_variant_set_change_count(set, (size_t)v);
      changes[d] = calloc(nc ? nc : 1, sizeof **changes);
      if (!changes[d]) rc = pcf_error_set(&err, PCF_ERR_NOMEM, NULL, 0, "out of memory");
      for (size_t k = 0; !rc && k < nc; k++) changes[d][k] = pcf_variant_set_change(set, (size_t)v, k)->override;
    }
    if (!rc) rc = pcf_unc_model_new_with(&models[d], data, path, changes[d], nc, NULL, &err);
  }
  pcf_unc_options o = PCF_UNC_OPTIONS_INIT;
  o.iterations = (size_t)iterations;
  o.seed = seed;
  if (!rc) rc = pcf_unc_compare(p, results, models, n, &o, &err);
  if (!rc) {
    printf("\nUncertainty (Monte Carlo, %llu draws, seed %llu, common random numbers; kg CO2e)\n", iterations, seed);
    printf("  %-28s %12s %12s %12s %12s %12s\n", "design", "mean", "sd", "2.5%", "97.5%", "P(< base)");
    for (size_t d = 0; d < n; d++) {
      const pcf_unc_stats *st = &results[d]->stats[0];
      printf("  %-28.28s %12.6g %12.6g %12.6g %12.6g", pcf_comparison_name(cmp, d), st->mean, st->sd, st->p2_5,
             st->p97_5);
      if (d) printf(" %12.3f\n", p[d]);
      else printf(" %12s\n", "");
    }
  } else {
    cli_report(&err);
    rc = cli_exit_code(&err);
  }
  for (size_t d = 0; d < n; d++) {
    if (models) pcf_unc_model_free(models[d]);
    if (changes) free(changes[d]);
    if (results) pcf_unc_result_free(results[d]);
  }
  free(models);
  free(changes);
  free(results);
  free(p);
  return rc;
}

int cmd_compare(int argc, char **argv) {
  static const struct option opts[] = {
      {"variant", required_argument, 0, 'v'},        {"format", required_argument, 0, 'f'},
      {"output", required_argument, 0, 'o'},         {"sensitivity-of", required_argument, 0, 's'},
      {"step", required_argument, 0, 'S'},           {"no-contributions", no_argument, 0, 'C'},
      {"no-sensitivity", no_argument, 0, 'N'},       {"timing", no_argument, 0, 't'},
      {"uncertainty", required_argument, 0, 'u'},    {"seed", required_argument, 0, 'r'},
      {"help", no_argument, 0, 'h'},                 {0, 0, 0, 0}};
  const char *format = "text", *output = NULL;
  const char *names[256];
  pcf_compare_options o = PCF_COMPARE_OPTIONS_INIT;
  int timing = 0, c;
  unsigned long long iterations = 0, seed = 1;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
    switch (c) {
    case 'v':
      if (o.n_variants == 256) return fputs("pcf: at most 256 --variant\n", stderr), EXIT_USAGE;
      names[o.n_variants++] = optarg;
      break;
    case 'f': format = optarg; break;
    case 'o': output = optarg; break;
    case 's': o.sensitivity_of = optarg; break;
    case 'S': {
      char *end;
      o.step = strtod(optarg, &end);
      if (*end || !(o.step > 0 && o.step < 0.5))
        return fprintf(stderr, "pcf: --step %s: expected a fraction in (0, 0.5)\n", optarg), EXIT_USAGE;
      break;
    }
    case 'C': o.contributions = 0; break;
    case 'N': o.sensitivity = 0; break;
    case 't': timing = 1; break;
    case 'u':
    case 'r': {
      char *end;
      unsigned long long v = strtoull(optarg, &end, 10);
      if (*end || *optarg == '-' || !*optarg)
        return fprintf(stderr, "pcf: --%s needs a count\n", c == 'u' ? "uncertainty" : "seed"), EXIT_USAGE;
      if (c == 'u') iterations = v;
      else seed = v;
      break;
    }
    case 'h': fputs(usage, stdout); return 0;
    default: fputs(usage, stderr); return EXIT_USAGE;
    }
  }
  o.variants = names;
  if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "html"))
    return fprintf(stderr, "pcf: unknown format \"%s\" (text, json, csv, html)\n", format), EXIT_USAGE;
  if (optind + 1 != argc) return fputs(usage, stderr), EXIT_USAGE;

  pcf_error err = {0};
  pcf_variant_set *set = NULL;
  pcf_product *base = NULL;
  pcf_data *data = NULL;
  pcf_comparison *cmp = NULL;
  int rc = 0;
  if (pcf_variant_set_read(&set, argv[optind], &err) ||
      pcf_variant_set_product(&base, set, (size_t)-1, 0, NULL, 0, &err) ||
      pcf_compare_data_open(&data, base, &err) || pcf_compare_run(&cmp, data, set, &o, &err)) {
    cli_report(&err);
    rc = cli_exit_code(&err);
  } else {
    rc = write_out(cmp, format, output);
    if (timing) {
      double s = pcf_comparison_seconds(cmp);
      size_t n = pcf_comparison_footprints(cmp);
      fprintf(stderr, "pcf: %zu footprints (%zu designs, change steps, sensitivity) in %.3f s: %.0f per second\n", n,
              pcf_comparison_count(cmp), s, s > 0 ? (double)n / s : 0);
    }
  }
  if (!rc && iterations) rc = uncertainty(argv[optind], data, set, cmp, iterations, seed);
  pcf_comparison_free(cmp);
  pcf_data_free(data);
  pcf_product_free(base);
  pcf_variant_set_free(set);
  return rc;
}
