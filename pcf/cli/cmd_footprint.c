/* cmd_footprint.c: pcf footprint PRODUCT.ini | --process UUID: prints or writes the footprint. */
#include <errno.h>
#include <getopt.h>
#include <pcf/footprint.h>
#include <pcf/html.h>
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
    "  --format text|json|csv|pact|pact3|html  output format (default text): pact is a WBCSD PACT\n"
    "                           v2.3 ProductFootprint, pact3 the same as PACT v3.0, html a\n"
    "                           self-contained ISO 14067 study report\n"
    "  --profile FILE           company and request details for pact and html (INI; see\n"
    "                           cases/profile.ini)\n"
    "  -o, --output FILE        write to FILE: a file is replaced atomically (a temporary file\n"
    "                           renamed into place), a device or FIFO written through (README)\n"
    "  --store DB               also store the PACT v2.3 and v3.0 documents in the footprint store\n"
    "                           DB (a SQLite file, created if missing) that pcf serve answers\n"
    "                           from; a changed footprint becomes the product's next version\n"
    "                           (needs --profile)\n"
    "  --method AR6|AR5|AR4|UUID  GWP100 method (default: the product file's, else AR6)\n"
    "  --rule RULE              recycling and end-of-life rule, replacing the product file's:\n"
    "                           cut-off (default), 50:50, avoided-burden or cff\n"
    "  --data PATH              load an ILCD folder, zip or file (repeatable)\n"
    "  --providers FILE         provider map: CSV with a process column (one provider per flow)\n"
    "  --no-bundled             do not load the bundled datasets\n"
    "  --uncertainty N          Monte Carlo over N draws instead (as pcf uncertainty -n N --analytic)\n"
    "  --seed S                 random seed for --uncertainty (default 1)\n"
    "  -h, --help               this help\n"
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



/* What the writers need besides the result. */
typedef struct writer_ctx {
  const char *format;
  pcf_pact_options pact; /* profile, product, db, method */
} writer_ctx;

/* Writes r to f; returns 0, -1 when f could not be written (cli_output says where and why), or
 * the exit code of another error of the PACT and HTML writers (reported here). */
static int write_to(const pcf_result *r, const writer_ctx *w, FILE *f) {
  pcf_error err = {0};
  if (strcmp(w->format, "json") == 0) return pcf_result_write_json(r, f) ? -1 : 0;
  if (strcmp(w->format, "csv") == 0) return pcf_result_write_csv(r, f) ? -1 : 0;
  if (strcmp(w->format, "text") == 0) return pcf_result_write_text(r, f) ? -1 : 0;
  int rc = strcmp(w->format, "pact") == 0    ? pcf_pact_write(r, &w->pact, f, &err)
           : strcmp(w->format, "pact3") == 0 ? pcf_pact_write_v3(r, &w->pact, f, &err)
                                             : pcf_html_write(r, &w->pact, f, &err);
  if (!rc) return 0;
  if (ferror(f)) return -1;
  cli_report(&err);
  return cli_exit_code(&err);
}

typedef struct footprint_out {
  const pcf_result *r;
  const writer_ctx *w;
} footprint_out;

static int footprint_writer(const void *ctx, FILE *f) {
  const footprint_out *o = ctx;
  return write_to(o->r, o->w, f);
}

static int write_result(const pcf_result *r, const writer_ctx *w, const char *path) {
  footprint_out o = {r, w};
  return cli_output(path, footprint_writer, &o);
}

int cmd_footprint(int argc, char **argv) {
  static const struct option opts[] = {
      {"format", required_argument, 0, 'f'}, {"output", required_argument, 0, 'o'},
      {"method", required_argument, 0, 'm'}, {"data", required_argument, 0, 'd'},
      {"process", required_argument, 0, 'p'}, {"providers", required_argument, 0, 'P'},
      {"no-bundled", no_argument, 0, 'n'}, {"profile", required_argument, 0, 'r'},
      {"uncertainty", required_argument, 0, 'u'}, {"seed", required_argument, 0, 's'},
      {"rule", required_argument, 0, 'R'}, {"store", required_argument, 0, 'S'},
      {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
  const char *format = "text", *output = NULL, *profile_path = NULL, *method = NULL, *process = NULL, *providers = NULL;
  const char *paths[64];
  size_t n_paths = 0;
  const char *iterations = NULL, *seed = NULL, *rule = NULL, *store_path = NULL;
  int bundled = 1, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
    switch (c) {
    case 'f': format = optarg; break;
    case 'o': output = optarg; break;
    case 'm': method = optarg; break;
    case 'p': process = optarg; break;
    case 'P': providers = optarg; break;
    case 'n': bundled = 0; break;
    case 'r': profile_path = optarg; break;
    case 'u': iterations = optarg; break;
    case 'S': store_path = optarg; break;
    case 's': seed = optarg; break;
    case 'R':
      if (cli_check_rule(optarg)) return EXIT_USAGE;
      rule = optarg;
      break;
    case 'd':
      if (n_paths == 64) return fputs("pcf: at most 64 --data paths\n", stderr), EXIT_USAGE;
      paths[n_paths++] = optarg;
      break;
    case 'h': fputs(usage, stdout); return 0;
    default: fputs(usage, stderr); return EXIT_USAGE;
    }
  }
  if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "pact") &&
      strcmp(format, "pact3") && strcmp(format, "html"))
    return fprintf(stderr, "pcf: unknown format \"%s\" (text, json, csv, pact, pact3, html)\n", format), EXIT_USAGE;
  const char *product_path = optind < argc ? argv[optind] : NULL;
  if (!product_path == !process) return fputs(usage, stderr), EXIT_USAGE;
  if (rule && process)
    return fputs("pcf: --rule applies to a product file, not to --process\n", stderr), EXIT_USAGE;
  if (rule && iterations)
    return fputs("pcf: --rule is not used with --uncertainty: set [end_of_life] rule in the product file\n", stderr),
           EXIT_USAGE;
  if (store_path && (!profile_path || iterations))
    return fputs("pcf: --store needs --profile FILE (the company and request details) and no --uncertainty\n", stderr),
           EXIT_USAGE;
  if (iterations) {
    /* The same job as pcf uncertainty: hand over the arguments that apply. */
    char *args[160];
    int n = 0;
    args[n++] = "uncertainty";
    if (process) args[n++] = "--process", args[n++] = (char *)process;
    else args[n++] = (char *)product_path;
    args[n++] = "-n", args[n++] = (char *)iterations, args[n++] = "--analytic";
    if (seed) args[n++] = "--seed", args[n++] = (char *)seed;
    args[n++] = "--format", args[n++] = strcmp(format, "json") == 0 ? "json" : "text";
    if (method) args[n++] = "--method", args[n++] = (char *)method;
    if (providers) args[n++] = "--providers", args[n++] = (char *)providers;
    if (!bundled) args[n++] = "--no-bundled";
    for (size_t i = 0; i < n_paths; i++) args[n++] = "--data", args[n++] = (char *)paths[i];
    args[n] = NULL;
    if (output) fputs("pcf: -o is not used with --uncertainty: the result goes to standard output\n", stderr);
    return cmd_uncertainty(n, args);
  }

  pcf_error err = {0};
  pcf_product *product = NULL;
  pcf_data *data = NULL;
  pcf_result *result = NULL;
  pcf_profile *profile = NULL;
  pcf_store *store = NULL;
  int rc = 0;
  pcf_data_options o = {.bundled = bundled, .method = method, .providers = providers};
  if (profile_path && pcf_profile_read(&profile, profile_path, &err)) goto fail;
  if (store_path && pcf_store_open(&store, store_path, 0, &err)) goto fail;
  o.paths = paths;
  o.n_paths = n_paths;
  const pcf_override rule_change = {"end_of_life", "rule", rule};
  if (product_path && pcf_product_read_with(&product, product_path, &rule_change, rule ? 1 : 0, &err)) goto fail;
  if (pcf_data_open_product(&data, product, &o, &err)) goto fail;
  if (product ? pcf_footprint_product(&result, data, product, &err)
              : pcf_footprint_process(&result, data, process, &err))
    goto fail;
  writer_ctx w = {.format = format,
                  .pact = {.profile = profile, .product = product, .db = pcf_data_db(data), .method = o.method}};
  if (store && cli_store_result(store, result, &w.pact, 0, &err)) goto fail;
  rc = write_result(result, &w, output);
  goto done;
fail:
  cli_report(&err);
  rc = cli_exit_code(&err);
done:
  pcf_store_close(store);
  pcf_result_free(result);
  pcf_profile_free(profile);
  pcf_data_free(data);
  pcf_product_free(product);
  return rc;
}
