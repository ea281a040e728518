/* cmd_footprint.c: pcf footprint PRODUCT.ini | --process UUID: prints or writes the footprint. */
#include <errno.h>
#include <getopt.h>
#include <pcf/compare.h>
#include <pcf/footprint.h>
#include <pcf/html.h>
#include <pcf/uncertainty.h>
#include <pcf/variant.h>
#include <pcf/pact.h>
#include <pcf/product.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "store.h"

static const char usage[] =
    "Usage: pcf footprint PRODUCT.ini [options]\n"
    "       pcf footprint --process UUID [options]\n"
    "\n"
    "Cradle-to-grave carbon footprint (ISO 14067) of a product file, or the cradle-to-gate footprint\n"
    "of one unit of a process's reference product. The bundled datasets are loaded unless\n"
    "--no-bundled; the product file can name more data.\n"
    "\n"
    "Options:\n"
    "  --format text|json|csv|pact|pact3|html|pdf  output format (default text): pact is a WBCSD\n"
    "                           PACT v2.3 ProductFootprint, pact3 the same as PACT v3.0, html a\n"
    "                           self-contained ISO 14067 study report, pdf that report printed\n"
    "                           by headless Chromium (chromium on PATH, or PCF_CHROMIUM)\n"
    "  --profile FILE           company and request details for pact, html and pdf (INI; see\n"
    "                           cases/profile.ini)\n"
    "  -o, --output FILE        write to FILE: a file is replaced atomically (a temporary file\n"
    "                           renamed into place), a device or FIFO written through (README)\n"
    "  --store DB               also store the PACT v2.3 and v3.0 documents in the footprint store\n"
    "                           DB (a SQLite file, created if missing) that pcf serve answers\n"
    "                           from; a changed footprint becomes the product's next version\n"
    "                           (needs --profile)\n"
    "  --uncertainty N          Monte Carlo over N draws (as pcf uncertainty -n N --analytic): with\n"
    "                           text or json instead of the footprint, with html in the report\n"
    "  --seed S                 random seed for --uncertainty (default 1)\n"
    "  --inputs FILE            with --uncertainty: the user's uncertainties on the product's own\n"
    "                           inputs (as pcf uncertainty --inputs)\n"
    "  --pedigree               with --uncertainty: default uncertainty from the data-quality\n"
    "                           ratings (as pcf uncertainty --pedigree)\n"
    "  -h, --help               this help\n"
    "\n";

static const char usage_tail[] =
    "\n"
    "Examples:\n"
    "  pcf footprint cases/toy-car/product.ini\n"
    "  pcf footprint cases/toy-car/product.ini --format json -o toy.json\n"
    "  pcf footprint cases/toy-car/product.ini --format pact --profile cases/profile.ini\n"
    "  pcf footprint cases/toy-car/product.ini --format html --profile cases/profile.ini -o toy.html\n"
    "  pcf footprint --no-bundled --data tests/fixtures/tiangong/tiangong-slice.zip \\\n"
    "      --process f2ce2a11-cf93-4e97-8594-ded0035586c0\n"
    "\n"
    "Exit status: 0 success, 1 input error (file, material, unit, data), 2 internal error or\n"
    "the output not written.\n";

static int help(FILE *f, int rc) {
  fputs(usage, f);
  fputs(cli_data_help, f);
  fputs(usage_tail, f);
  return rc;
}

/* What the writers need besides the result. */
typedef struct writer_ctx {
  const char *format;
  pcf_pact_options pact;    /* profile, product, db, method */
  pcf_report_extras extras; /* what the study report shows besides the result */
} writer_ctx;

static int write_to(const pcf_result *r, const writer_ctx *w, FILE *f);

typedef struct footprint_out {
  const pcf_result *r;
  const writer_ctx *w;
} footprint_out;

/* The HTML report of a PDF (cli_pdf). */
static int html_for_pdf(const void *ctx, FILE *f) {
  const footprint_out *o = ctx;
  writer_ctx html = *o->w;
  html.format = "html";
  return write_to(o->r, &html, f);
}

/* Writes r to f; returns 0, -1 when f could not be written (cli_output says where and why), or
 * the exit code of another error of the PACT and HTML writers (reported here). */
static int write_to(const pcf_result *r, const writer_ctx *w, FILE *f) {
  pcf_error err = {0};
  if (strcmp(w->format, "pdf") == 0) {
    footprint_out o = {r, w};
    return cli_pdf(html_for_pdf, &o, f);
  }
  if (strcmp(w->format, "json") == 0) return cli_writer_status(pcf_result_write_json(r, f));
  if (strcmp(w->format, "csv") == 0) return cli_writer_status(pcf_result_write_csv(r, f));
  if (strcmp(w->format, "text") == 0) return cli_writer_status(pcf_result_write_text(r, f));
  int rc = strcmp(w->format, "pact") == 0    ? pcf_pact_write(r, &w->pact, f, &err)
           : strcmp(w->format, "pact3") == 0 ? pcf_pact_write_v3(r, &w->pact, f, &err)
                                             : pcf_html_report(r, &w->pact, &w->extras, f, &err);
  if (!rc) return 0;
  if (ferror(f)) return -1;
  cli_report(&err);
  return cli_exit_code(&err);
}

static int footprint_writer(const void *ctx, FILE *f) {
  const footprint_out *o = ctx;
  return write_to(o->r, o->w, f);
}

static int write_result(const pcf_result *r, const writer_ctx *w, const char *path) {
  footprint_out o = {r, w};
  return cli_output(path, footprint_writer, &o);
}

/* --pedigree in the report: the default uncertainty from the data-quality ratings of result's
 * lines (as pcf uncertainty --pedigree). */
static int pedigree(pcf_unc_model *model, const cli_rating *how, const pcf_result *result, pcf_error *err) {
  size_t n = pcf_result_line_count(result);
  double(*ratings)[5] = calloc(n ? n : 1, sizeof *ratings), other[5];
  int rc = ratings ? cli_rate_lines(result, ratings, other, (void *)how, err) : pcf_error_nomem(err);
  if (!rc) rc = pcf_unc_model_pedigree(model, result, (const double(*)[5])ratings, other, err);
  free(ratings);
  return rc;
}

int cmd_footprint(int argc, char **argv) {
  static const struct option own[] = {{"format", required_argument, 0, 'f'},
                                      {"output", required_argument, 0, 'o'},
                                      {"process", required_argument, 0, 'p'},
                                      {"profile", required_argument, 0, 'r'},
                                      {"uncertainty", required_argument, 0, 'u'},
                                      {"seed", required_argument, 0, 's'},
                                      {"store", required_argument, 0, 'S'},
                                      {"inputs", required_argument, 0, 'i'},
                                      {"pedigree", no_argument, 0, 'P'},
                                      {"help", no_argument, 0, 'h'},
                                      {0, 0, 0, 0}};
  struct option opts[32];
  cli_options(opts, 32, own);
  const char *format = "text", *output = NULL, *profile_path = NULL, *process = NULL, *store_path = NULL,
             *inputs = NULL;
  unsigned long long iterations = 0, seed = 1;
  int with_pedigree = 0;
  cli_data dat;
  cli_data_init(&dat);
  int c, bad;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
    switch (c) {
      case 'f': format = optarg; break;
      case 'o': output = optarg; break;
      case 'p': process = optarg; break;
      case 'r': profile_path = optarg; break;
      case 'S': store_path = optarg; break;
      case 'i': inputs = optarg; break;
      case 'P': with_pedigree = 1; break;
      case 'u':
      case 's':
        if (cli_count(optarg, c == 'u' ? &iterations : &seed))
          return fprintf(stderr, "pcf: --%s needs a count\n", c == 'u' ? "uncertainty" : "seed"), EXIT_USAGE;
        if (c == 'u' && iterations > PCF_UNC_MAX_ITERATIONS)
          return fprintf(stderr, "pcf: --uncertainty takes at most %d draws\n", PCF_UNC_MAX_ITERATIONS), EXIT_USAGE;
        break;
      case 'h': return help(stdout, 0);
      default:
        if ((bad = cli_data_option(&dat, c, optarg)) < 0) return help(stderr, EXIT_USAGE);
        if (bad) return bad;
    }
  }
  if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "pact") &&
      strcmp(format, "pact3") && strcmp(format, "html") && strcmp(format, "pdf"))
    return fprintf(stderr, "pcf: unknown format \"%s\" (text, json, csv, pact, pact3, html, pdf)\n", format),
           EXIT_USAGE;
  const int report = strcmp(format, "html") == 0 || strcmp(format, "pdf") == 0;
  char chromium[4096];
  /* before any work: a PDF needs Chromium */
  if (strcmp(format, "pdf") == 0 && !cli_chromium(chromium, sizeof chromium))
    return fputs(CLI_NO_CHROMIUM "\n", stderr), EXIT_INTERNAL;
  const char *product_path = optind < argc ? argv[optind] : NULL;
  if (!product_path == !process || optind + (product_path ? 1 : 0) != argc) return help(stderr, EXIT_USAGE);
  if (dat.rule && process)
    return fputs("pcf: --rule applies to a product file, not to --process\n", stderr), EXIT_USAGE;
  if (store_path && (!profile_path || iterations))
    return fputs("pcf: --store needs --profile FILE (the company and request details) and no --uncertainty\n", stderr),
           EXIT_USAGE;
  if ((inputs || with_pedigree) && !iterations)
    return fprintf(stderr, "pcf: --%s gives uncertainties: it goes with --uncertainty N\n",
                   inputs ? "inputs" : "pedigree"),
           EXIT_USAGE;
  if (iterations && !report) {
    if (strcmp(format, "text") && strcmp(format, "json"))
      return fputs("pcf: --uncertainty writes text, json or the html or pdf report\n", stderr), EXIT_USAGE;
    cli_unc_job job = {.data = &dat,
                       .product_path = product_path,
                       .process = process,
                       .iterations = iterations,
                       .seed = seed,
                       .analytic = 1,
                       .exchanges = 1,
                       .format = format,
                       .output = output,
                       .inputs_path = inputs,
                       .pedigree = with_pedigree,
                       .profile_path = profile_path};
    return cli_uncertainty(&job);
  }

  pcf_error err = {0};
  pcf_product *product = NULL;
  pcf_data *data = NULL;
  pcf_result *result = NULL;
  pcf_profile *profile = NULL;
  pcf_store *store = NULL;
  pcf_variant_set *designs = NULL;
  pcf_comparison *sensitivity = NULL;
  pcf_unc_inputs *unc_inputs = NULL;
  pcf_unc_model *model = NULL;
  pcf_unc_result *mc = NULL;
  pcf_unc_analytic an;
  int rc = 0;
  if (profile_path && pcf_profile_read(&profile, profile_path, &err)) goto fail;
  if (store_path && cli_store_open(&store, store_path, &err)) goto fail;
  const pcf_override rule_change = {"end_of_life", "rule", dat.rule};
  if (product_path && pcf_product_read_with(&product, product_path, &rule_change, dat.rule ? 1 : 0, &err)) goto fail;
  if (pcf_data_open_product(&data, product, &dat.options, &err)) goto fail;
  if (product ? pcf_footprint_product(&result, data, product, &err)
              : pcf_footprint_process(&result, data, process, &err))
    goto fail;
  writer_ctx w = {.format = format,
                  .pact = {.profile = profile,
                           .product = product,
                           .db = pcf_data_db(data),
                           .method = dat.options.method ? dat.options.method
                                     : product          ? pcf_product_method(product)
                                                        : NULL}};
  w.extras.data = data;
  /* The study report shows the sensitivity (ISO 14067:2018, 6.6): the elasticities of the total
   * to the product file's numeric inputs, as pcf compare computes them for the base design. */
  if (product && report) {
    pcf_compare_options co = PCF_COMPARE_OPTIONS_INIT;
    co.contributions = 0;
    co.rule = dat.rule;
    if (pcf_variant_set_read(&designs, product_path, &err) || pcf_compare_run(&sensitivity, data, designs, &co, &err))
      goto fail;
    w.extras.sensitivity = sensitivity;
  }
  /* --uncertainty N with html or pdf: the Monte Carlo and the first-order propagation in the report
   * (ISO 14067:2018, 6.6), over the data already loaded. */
  if (iterations) {
    const pcf_override *rule = dat.rule ? &rule_change : NULL;
    if (inputs && pcf_unc_inputs_read(&unc_inputs, inputs, &err)) goto fail;
    if (product_path ? pcf_unc_model_new_with(&model, data, product_path, rule, rule ? 1 : 0, unc_inputs, &err)
                     : pcf_unc_model_new(&model, data, NULL, process, unc_inputs, &err))
      goto fail;
    if (with_pedigree && pedigree(model, &(cli_rating){.data = data, .profile = profile}, result, &err)) goto fail;
    pcf_unc_options uo = PCF_UNC_OPTIONS_INIT;
    uo.iterations = (size_t)iterations;
    uo.seed = seed;
    uo.exchanges = 1;
    if (pcf_unc_run(&mc, model, &uo, &err) || pcf_unc_analytic_run(&an, model, 1, &err)) goto fail;
    w.extras.uncertainty = model;
    w.extras.monte_carlo = mc;
    w.extras.analytic = &an;
    w.extras.inputs_path = inputs;
  }
  if (store && cli_store_result(store, result, &w.pact, 0, &err)) goto fail;
  rc = write_result(result, &w, output);
  goto done;
fail:
  cli_report(&err);
  rc = cli_exit_code(&err);
done:
  pcf_unc_result_free(mc);
  pcf_unc_model_free(model);
  pcf_unc_inputs_free(unc_inputs);
  pcf_comparison_free(sensitivity);
  pcf_variant_set_free(designs);
  cli_store_close(store);
  pcf_result_free(result);
  pcf_profile_free(profile);
  pcf_data_free(data);
  pcf_product_free(product);
  return rc;
}
