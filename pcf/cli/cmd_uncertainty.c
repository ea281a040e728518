/* cmd_uncertainty.c: pcf uncertainty PRODUCT.ini | --process UUID: Monte Carlo and first-order
 * propagation of the uncertainty of a footprint (see pcf/uncertainty.h). */
#include <getopt.h>
#include <pcf/footprint.h>
#include <pcf/uncertainty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "Usage: pcf uncertainty PRODUCT.ini [options]\n"
    "       pcf uncertainty --process UUID [options]\n"
    "\n"
    "Propagates the uncertainty of the data sets' exchanges (ILCD log-normal, normal, triangular,\n"
    "uniform) and of the user's inputs to the footprint (kg CO2e, total and per stage): Monte Carlo\n"
    "with mean, standard deviation and the 2.5/50/97.5 percentiles, and first-order propagation.\n"
    "\n"
    "Options:\n"
    "  -n, --iterations N       Monte Carlo iterations (default 1000; 0: analytic only)\n"
    "  --seed S                 random seed (default 1): same seed, same numbers on any machine\n"
    "  --analytic               also propagate to first order (error propagation)\n"
    "  --inputs FILE            user uncertainties: <section>.<key> = lognormal [MEDIAN] GSD2 |\n"
    "                           normal MEAN SD | triangular MIN MODE MAX | uniform MIN MAX [unit]\n"
    "                           e.g. bom.Body.scale = lognormal 1.1, use.years = uniform 4 6\n"
    "  --inputs-only            keep the data sets' exchanges at their amounts\n"
    "  --format text|json       output format (default text)\n"
    "  --method M, --data PATH, --providers FILE, --no-bundled   as for pcf footprint\n"
    "  -h, --help               this help\n"
    "\n"
    "Example:\n"
    "  pcf uncertainty cases/toy-car/product.ini -n 2000 --seed 7 --analytic\n"
    "\n"
    "Exit status: 0 success, 1 input error, 2 internal error or output not written, 64 usage error.\n";



static int parse_count(const char *s, unsigned long long *out) {
  char *end;
  if (!*s || *s == '-') return -1;
  *out = strtoull(s, &end, 10);
  return *end ? -1 : 0;
}

typedef struct unc_out {
  int (*write)(FILE *, const pcf_unc_model *, const pcf_unc_result *, const pcf_unc_analytic *);
  const pcf_unc_model *model;
  const pcf_unc_result *mc;
  const pcf_unc_analytic *an;
} unc_out;

static int unc_writer(const void *ctx, FILE *f) {
  const unc_out *o = ctx;
  return o->write(f, o->model, o->mc, o->an) ? -1 : 0;
}

int cmd_uncertainty(int argc, char **argv) {
  static const struct option opts[] = {
      {"iterations", required_argument, 0, 'n'}, {"seed", required_argument, 0, 's'},
      {"analytic", no_argument, 0, 'a'},         {"inputs", required_argument, 0, 'i'},
      {"inputs-only", no_argument, 0, 'I'},      {"format", required_argument, 0, 'f'},
      {"method", required_argument, 0, 'm'},     {"data", required_argument, 0, 'd'},
      {"process", required_argument, 0, 'p'},    {"providers", required_argument, 0, 'P'},
      {"no-bundled", no_argument, 0, 'B'},       {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  const char *format = "text", *method = NULL, *process = NULL, *providers = NULL, *inputs_path = NULL;
  const char *paths[64];
  size_t n_paths = 0;
  unsigned long long n = 1000, seed = 1;
  int bundled = 1, analytic = 0, exchanges = 1, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "n:h", opts, NULL)) != -1) {
    switch (c) {
    case 'n':
      if (parse_count(optarg, &n)) return fprintf(stderr, "pcf: -n needs a count\n"), EXIT_USAGE;
      break;
    case 's':
      if (parse_count(optarg, &seed)) return fprintf(stderr, "pcf: --seed needs a non-negative integer\n"), EXIT_USAGE;
      break;
    case 'a': analytic = 1; break;
    case 'i': inputs_path = optarg; break;
    case 'I': exchanges = 0; break;
    case 'f': format = optarg; break;
    case 'm': method = optarg; break;
    case 'p': process = optarg; break;
    case 'P': providers = optarg; break;
    case 'B': bundled = 0; break;
    case 'd':
      if (n_paths == 64) return fputs("pcf: at most 64 --data paths\n", stderr), EXIT_USAGE;
      paths[n_paths++] = optarg;
      break;
    case 'h': fputs(usage, stdout); return 0;
    default: fputs(usage, stderr); return EXIT_USAGE;
    }
  }
  if (strcmp(format, "text") && strcmp(format, "json"))
    return fprintf(stderr, "pcf: unknown format \"%s\" (text, json)\n", format), EXIT_USAGE;
  const char *product_path = optind < argc ? argv[optind] : NULL;
  if (!product_path == !process) return fputs(usage, stderr), EXIT_USAGE;

  pcf_error err = {0};
  pcf_product *product = NULL;
  pcf_data *data = NULL;
  pcf_unc_inputs *inputs = NULL;
  pcf_unc_model *model = NULL;
  pcf_unc_result *mc = NULL;
  pcf_unc_analytic an;
  int rc = 0;
  pcf_data_options o = {.bundled = bundled, .method = method, .providers = providers};
  if (inputs_path && pcf_unc_inputs_read(&inputs, inputs_path, &err)) goto fail;
  o.paths = paths;
  o.n_paths = n_paths;
  if (product_path && pcf_product_read(&product, product_path, &err)) goto fail;
  if (pcf_data_open_product(&data, product, &o, &err)) goto fail;
  if (pcf_unc_model_new(&model, data, product_path, process, inputs, &err)) goto fail;
  pcf_unc_options uo = PCF_UNC_OPTIONS_INIT;
  uo.iterations = (size_t)n;
  uo.seed = seed;
  uo.exchanges = exchanges;
  if (n && pcf_unc_run(&mc, model, &uo, &err)) goto fail;
  if (analytic && pcf_unc_analytic_run(&an, model, exchanges, &err)) goto fail;
  unc_out out = {strcmp(format, "json") == 0 ? pcf_unc_write_json : pcf_unc_write_text, model, mc,
                 analytic ? &an : NULL};
  rc = cli_output(NULL, unc_writer, &out);
  goto done;
fail:
  cli_report(&err);
  rc = cli_exit_code(&err);
done:
  pcf_unc_result_free(mc);
  pcf_unc_model_free(model);
  pcf_unc_inputs_free(inputs);
  pcf_data_free(data);
  pcf_product_free(product);
  return rc;
}
