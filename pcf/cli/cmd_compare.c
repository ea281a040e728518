/* cmd_compare.c: pcf compare PRODUCT.ini [--variant NAME]...: the base design and its variants
 * side by side (see pcf/variant.h). */
#include <errno.h>
#include <getopt.h>
#include <pcf/footprint.h>
#include <pcf/uncertainty.h>
#include <pcf/compare.h>
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
    "  --uncertainty N          also a Monte Carlo of N draws with common random numbers: for each\n"
    "                           variant the probability that it beats the base (in every format)\n"
    "  --seed S                 random seed of --uncertainty (default 1)\n"
    "  --inputs FILE            with --uncertainty: the user's uncertainties on the product's own\n"
    "                           inputs (as pcf uncertainty --inputs), drawn alike in every design\n"
    "  --pedigree               with --uncertainty: default uncertainty from the data-quality\n"
    "                           ratings (as pcf uncertainty --pedigree)\n"
    "  -h, --help               this help\n"
    "\n";

static const char usage_tail[] =
    "\n"
    "Example:\n"
    "  pcf compare cases/hk-recycled-plastic/product.ini\n"
    "  pcf compare cases/toy-car/product.ini --format html -o compare.html\n"
    "\n"
    "Exit status: 0 success, 1 input error (file, variant, material, unit, data), 2 internal error\n"
    "or an output not written.\n";

static int help(FILE *f, int rc) {
  fputs(usage, f);
  fputs(cli_data_help, f);
  fputs(usage_tail, f);
  return rc;
}

typedef struct compare_out {
  const pcf_comparison *c;
  int (*writer)(const pcf_comparison *, FILE *);
} compare_out;

static int compare_writer(const void *ctx, FILE *f) {
  const compare_out *o = ctx;
  return cli_writer_status(o->writer(o->c, f));
}

static int write_out(const pcf_comparison *c, const char *format, const char *path) {
  compare_out o = {c, pcf_comparison_write_text};
  if (strcmp(format, "json") == 0)
    o.writer = pcf_comparison_write_json;
  else if (strcmp(format, "csv") == 0)
    o.writer = pcf_comparison_write_csv;
  else if (strcmp(format, "html") == 0)
    o.writer = pcf_comparison_write_html;
  return cli_output(path, compare_writer, &o);
}

int cmd_compare(int argc, char **argv) {
  static const struct option own[] = {{"variant", required_argument, 0, 'v'},
                                      {"format", required_argument, 0, 'f'},
                                      {"output", required_argument, 0, 'o'},
                                      {"sensitivity-of", required_argument, 0, 's'},
                                      {"step", required_argument, 0, 'S'},
                                      {"no-contributions", no_argument, 0, 'C'},
                                      {"no-sensitivity", no_argument, 0, 'N'},
                                      {"timing", no_argument, 0, 't'},
                                      {"uncertainty", required_argument, 0, 'u'},
                                      {"seed", required_argument, 0, 'r'},
                                      {"inputs", required_argument, 0, 'i'},
                                      {"pedigree", no_argument, 0, 'P'},
                                      {"help", no_argument, 0, 'h'},
                                      {0, 0, 0, 0}};
  struct option opts[32];
  cli_options(opts, 32, own);
  const char *format = "text", *output = NULL, *inputs_path = NULL;
  const char *names[256];
  pcf_compare_options o = PCF_COMPARE_OPTIONS_INIT;
  cli_data dat;
  cli_data_init(&dat);
  int timing = 0, c, bad;
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
      case 'i': inputs_path = optarg; break;
      case 'P': o.pedigree = cli_rate_lines; break;
      case 'u':
      case 'r': {
        unsigned long long v;
        if (cli_count(optarg, &v))
          return fprintf(stderr, "pcf: --%s needs a count\n", c == 'u' ? "uncertainty" : "seed"), EXIT_USAGE;
        if (c == 'u' && v > PCF_UNC_MAX_ITERATIONS)
          return fprintf(stderr, "pcf: --uncertainty takes at most %d draws\n", PCF_UNC_MAX_ITERATIONS), EXIT_USAGE;
        if (c == 'u')
          o.uncertainty = (size_t)v;
        else
          o.seed = v;
        break;
      }
      case 'h': return help(stdout, 0);
      default:
        if ((bad = cli_data_option(&dat, c, optarg)) < 0) return help(stderr, EXIT_USAGE);
        if (bad) return bad;
    }
  }
  o.variants = names;
  o.rule = dat.rule;
  if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "html"))
    return fprintf(stderr, "pcf: unknown format \"%s\" (text, json, csv, html)\n", format), EXIT_USAGE;
  if (optind + 1 != argc) return help(stderr, EXIT_USAGE);
  if ((inputs_path || o.pedigree) && !o.uncertainty)
    return fprintf(stderr, "pcf: --%s gives uncertainties: it goes with --uncertainty N\n",
                   inputs_path ? "inputs" : "pedigree"),
           EXIT_USAGE;

  pcf_error err = {0};
  pcf_variant_set *set = NULL;
  pcf_product *base = NULL;
  pcf_data *data = NULL;
  pcf_comparison *cmp = NULL;
  pcf_unc_inputs *inputs = NULL;
  cli_rating rating = {0}; /* the pedigree's ratings: no profile, the current year */
  int rc = 0;
  if ((inputs_path && pcf_unc_inputs_read(&inputs, inputs_path, &err)) ||
      (o.inputs = inputs, pcf_variant_set_read(&set, argv[optind], &err)) ||
      pcf_variant_set_product(&base, set, (size_t)-1, 0, NULL, 0, &err) ||
      pcf_data_open_product(&data, base, &dat.options, &err) ||
      (rating.data = data, o.pedigree_ctx = &rating, pcf_compare_run(&cmp, data, set, &o, &err))) {
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
  pcf_comparison_free(cmp);
  pcf_unc_inputs_free(inputs);
  pcf_data_free(data);
  pcf_product_free(base);
  pcf_variant_set_free(set);
  return rc;
}
