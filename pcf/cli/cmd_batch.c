/* cmd_batch.c: pcf batch CATALOGUE: footprints of a catalogue of products, one CSV row each. */
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <pcf/batch.h>
#include <pcf/pact.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "store.h"

static const char usage[] =
    "Usage: pcf batch CATALOGUE [options]\n"
    "\n"
    "Footprints (ISO 14067, cradle to grave) of every product of a catalogue. The data are loaded and\n"
    "the technosphere solved once; each product is then a dot product with the intensities.\n"
    "\n"
    "CATALOGUE is a CSV file with the columns\n"
    "  product        product file (required), relative to the CSV's folder\n"
    "  id, name       override the product file's id and name (optional)\n"
    "  scale          the row stands for this many declared units: every line multiplied (optional)\n"
    "  declared unit  the row's declared unit as printed, e.g. \"pack of 12\" (optional)\n"
    "or a folder: every *.ini in it and every */product.ini one level down.\n"
    "The data, material and service maps named by the product files are loaded once for all.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE      results CSV (default: standard output); one row per product in\n"
    "                         catalogue order: id, name, declared_unit, status, total, the five\n"
    "                         stages, fossil, biogenic_emissions, biogenic_removals, dluc, aircraft,\n"
    "                         primary_share, warnings (kg CO2e per row)\n"
    "  --errors FILE          failed products: id, product, file, line, code, reason\n"
    "  --json-dir DIR         also one JSON document per product (DIR/<id>.json; characters\n"
    "                         other than letters, digits, - and _ become _); ids must be unique\n"
    "  --hotspots[=N]         the JSON documents also carry the process and flow contributions\n"
    "                         (one more solve per product; needs --json-dir): each list's N\n"
    "                         largest (default 20; 0: all), the others counted and summed\n"
    "                         under <list>_left_out\n"
    "  --pact-dir DIR         also one WBCSD PACT v2.3 ProductFootprint per product\n"
    "                         (DIR/<id>.json); needs --profile\n"
    "  --store DB             also store every product's PACT v2.3 and v3.0 documents in the\n"
    "                         footprint store DB (SQLite, created if missing) that pcf serve\n"
    "                         answers from; changed footprints become new versions, unchanged\n"
    "                         ones are left as they are (needs --profile)\n"
    "  --profile FILE         company and request details for the PACT documents (as for pcf\n"
    "                         footprint; its keys naming one product are not used: productIds\n"
    "                         come from each row's id, the CPC code from a catalogue column cpc,\n"
    "                         else the profile's)\n"
    "  --threads N            worker threads (default: the processors online)\n"
    "  --max-product-mib N    a row's product file and BOM together, at most N MiB (default 64);\n"
    "                         a row over it fails alone\n"
    "  -q, --quiet            no progress bar or summary\n"
    "  -h, --help             this help\n"
    "\n";

static const char usage_tail[] =
    "\n"
    "Outputs follow pcf's rule (README): a file is replaced atomically (a temporary file renamed\n"
    "into place), a device or FIFO written through. Temporary files of a run that was killed are\n"
    "removed by the next run into the same folders. A progress bar is shown on a terminal.\n"
    "\n"
    "Example:\n"
    "  pcf batch tests/fixtures/batch/catalogue.csv -o results.csv --errors errors.csv\n"
    "\n"
    "Exit status: 0 every product computed, 1 some failed (see --errors) or an input error,\n"
    "2 internal error (a product that ran out of memory among them) or an output not written.\n";

static int help(FILE *f, int rc) {
  fputs(usage, f);
  fputs(cli_data_help, f);
  fputs(usage_tail, f);
  return rc;
}

static int csv_writer(const void *b, FILE *f) { return pcf_batch_write_csv(b, f) ? -1 : 0; }
static int errors_writer(const void *b, FILE *f) { return pcf_batch_write_errors(b, f) ? -1 : 0; }
static int json_writer(const void *r, FILE *f) { return pcf_result_write_json(r, f) ? -1 : 0; }

/* ---- per-product documents: pcf JSON and PACT ------------------------------------------------ */

typedef struct docs_ctx {
  const char *json_dir, *pact_dir;
  cli_docs *json_docs, *pact_docs; /* their documents, made durable in groups */
  const pcf_profile *profile;
  const char *method; /* --method, else each product's */
  pcf_batch *batch;
  pcf_store *store;
} docs_ctx;

typedef struct pact_doc {
  const pcf_result *r;
  const pcf_pact_options *o;
  pcf_error *err;
} pact_doc;

/* 0, -1 when f could not be written, 1 for another error (in d->err). */
static int pact_writer(const void *ctx, FILE *f) {
  const pact_doc *d = ctx;
  if (!pcf_pact_write(d->r, d->o, f, d->err)) return 0;
  return ferror(f) ? -1 : 1;
}

/* DIR/<file stem>.json: the batch keeps file stems unique and free of path characters. */
static int write_doc(const docs_ctx *d, const char *dir, cli_docs *docs, size_t i, cli_writer writer, const void *ctx,
                     pcf_error *err) {
  char path[4096], why[600];
  if ((size_t)snprintf(path, sizeof path, "%s/%s.json", dir, pcf_batch_file_stem(d->batch, i)) >= sizeof path)
    return pcf_error_set(err, PCF_ERR_IO, dir, 0, "folder name too long");
  int rc = cli_docs_write(docs, path + strlen(dir) + 1, writer, ctx, why, sizeof why);
  if (rc > 0) return err->code;
  return rc ? pcf_error_set(err, PCF_ERR_IO, path, 0, "cannot write: %s", why) : 0;
}

static int write_docs(void *ctx, size_t i, const pcf_result *r, pcf_error *err) {
  const docs_ctx *d = ctx;
  int rc = d->json_dir ? write_doc(d, d->json_dir, d->json_docs, i, json_writer, r, err) : 0;
  if (!rc && (d->pact_dir || d->store)) {
    const pcf_product *p = pcf_batch_product(d->batch, i);
    const char *m = d->method ? d->method : p ? pcf_product_method(p) : NULL;
    pcf_pact_options o = {.profile = d->profile,
                          .product = p,
                          .db = pcf_data_db(pcf_batch_data(d->batch)),
                          .method = m && *m ? m : NULL,
                          .product_id = pcf_batch_id(d->batch, i),
                          .category_cpc = pcf_batch_entry(d->batch, i)->category_cpc};
    pact_doc doc = {r, &o, err};
    if (d->store && cli_store_result(d->store, r, &o, 1, err)) return err->code;
    if (d->pact_dir) rc = write_doc(d, d->pact_dir, d->pact_docs, i, pact_writer, &doc, err);
  }
  return rc;
}

/* ---- progress bar ------------------------------------------------------------------------------ */

typedef struct progress {
  struct timespec start;
} progress;

static void show_progress(void *ctx, size_t done, size_t total) {
  progress *p = ctx;
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  double el = (double)(t.tv_sec - p->start.tv_sec) + 1e-9 * (double)(t.tv_nsec - p->start.tv_nsec);
  double rate = el > 0 ? (double)done / el : 0, left = rate > 0 ? (double)(total - done) / rate : 0;
  int width = 30, fill = total ? (int)((double)width * (double)done / (double)total) : width;
  fprintf(stderr, "\r[%.*s%*s] %zu/%zu products  %.0f/s  %.0f s left ", fill, "##############################",
          width - fill, "", done, total, rate, left);
  if (done == total) fputc('\n', stderr);
  fflush(stderr);
}

/* ---- the command -------------------------------------------------------------------------------- */

int cmd_batch(int argc, char **argv) {
  static const struct option own[] = {{"output", required_argument, 0, 'o'},
                                      {"errors", required_argument, 0, 'e'},
                                      {"json-dir", required_argument, 0, 'j'},
                                      {"threads", required_argument, 0, 't'},
                                      {"quiet", no_argument, 0, 'q'},
                                      {"help", no_argument, 0, 'h'},
                                      {"pact-dir", required_argument, 0, 'A'},
                                      {"profile", required_argument, 0, 'F'},
                                      {"hotspots", optional_argument, 0, 'H'},
                                      {"store", required_argument, 0, 'D'},
                                      {"max-product-mib", required_argument, 0, 'X'},
                                      {0, 0, 0, 0}};
  struct option opts[32];
  cli_options(opts, 32, own);
  const char *output = NULL, *errors = NULL, *json_dir = NULL, *pact_dir = NULL, *profile_path = NULL;
  const char *store_path = NULL;
  cli_data dat;
  cli_data_init(&dat);
  pcf_batch_options o = PCF_BATCH_OPTIONS_INIT;
  int c, bad, quiet = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
    switch (c) {
      case 'o': output = optarg; break;
      case 'e': errors = optarg; break;
      case 'j': json_dir = optarg; break;
      case 'A': pact_dir = optarg; break;
      case 'F': profile_path = optarg; break;
      case 'H': {
        o.hotspots = 1;
        char *end;
        long n = optarg ? strtol(optarg, &end, 10) : PCF_BATCH_HOTSPOTS_TOP;
        if (optarg && (*end || !*optarg || n < 0 || n > 1000000))
          return fputs("pcf: --hotspots=N takes 0 (all) to 1000000\n", stderr), EXIT_USAGE;
        o.hotspots_top = (size_t)n;
        break;
      }
      case 'D': store_path = optarg; break;
      case 'q': quiet = 1; break;
      case 't': {
        char *end;
        long n = strtol(optarg, &end, 10);
        if (*end || n < 1 || n > 64) return fputs("pcf: --threads takes 1 to 64\n", stderr), EXIT_USAGE;
        o.threads = (unsigned)n;
        break;
      }
      case 'X': {
        char *end;
        long n = strtol(optarg, &end, 10);
        if (*end || n < 1 || n > 4096) return fputs("pcf: --max-product-mib takes 1 to 4096\n", stderr), EXIT_USAGE;
        o.max_product_bytes = (size_t)n << 20;
        break;
      }
      case 'h': return help(stdout, 0);
      default:
        if ((bad = cli_data_option(&dat, c, optarg)) < 0) return help(stderr, EXIT_USAGE);
        if (bad) return bad;
    }
  }
  if (optind != argc - 1) return help(stderr, EXIT_USAGE);
  o.data = dat.options;
  o.eol_rule = dat.rule;
  progress bar;
  clock_gettime(CLOCK_MONOTONIC, &bar.start);
  if (!quiet && isatty(STDERR_FILENO)) {
    o.progress = show_progress;
    o.progress_ctx = &bar;
  }
  if (o.hotspots && !json_dir)
    return fputs("pcf: --hotspots needs --json-dir DIR (the contributions go in the JSON documents)\n", stderr),
           EXIT_USAGE;
  if ((pact_dir || store_path) && !profile_path)
    return fputs("pcf: --pact-dir and --store need --profile FILE (the company and request details)\n", stderr),
           EXIT_USAGE;
  pcf_batch *b = NULL;
  pcf_profile *profile = NULL;
  pcf_error err = {0};
  if (profile_path && pcf_profile_read(&profile, profile_path, &err)) return cli_report(&err), cli_exit_code(&err);
  docs_ctx docs = {json_dir, pact_dir, NULL, NULL, profile, o.data.method, NULL, NULL};
  if (store_path && cli_store_open(&docs.store, store_path, &err)) {
    cli_report(&err);
    pcf_profile_free(profile);
    return cli_exit_code(&err);
  }
  const char *dirs[] = {json_dir, pact_dir};
  for (size_t k = 0; k < 2; k++) {
    if (dirs[k] && mkdir(dirs[k], 0777) && errno != EEXIST) {
      fprintf(stderr, "pcf: %s: cannot create: %s\n", dirs[k], strerror(errno));
      cli_docs_close(docs.json_docs);
      pcf_profile_free(profile);
      cli_store_close(docs.store);
      return EXIT_INPUT;
    }
    /* Temporaries of a run that was killed (kill -9 leaves them) go before this run writes. */
    if (dirs[k]) cli_remove_stale_temps(dirs[k], NULL);
    if (dirs[k] && cli_docs_open(k ? &docs.pact_docs : &docs.json_docs, dirs[k])) {
      fprintf(stderr, "pcf: %s: out of memory or a folder name too long\n", dirs[k]);
      cli_docs_close(docs.json_docs);
      pcf_profile_free(profile);
      cli_store_close(docs.store);
      return EXIT_INTERNAL;
    }
  }
  if (json_dir || pact_dir || store_path) {
    o.on_result = write_docs;
    o.result_ctx = &docs;
  }
  int rc = pcf_batch_open(&b, argv[optind], &o, &err);
  docs.batch = b;
  if (!rc) rc = pcf_batch_run(b, &err);
  /* The documents written are made durable and put in place, whatever else happened. */
  int drc = 0;
  for (size_t k = 0; k < 2; k++) {
    cli_docs *dd = k ? docs.pact_docs : docs.json_docs;
    char why[PATH_MAX + 600];
    if (dd && cli_docs_commit(dd, why, sizeof why)) {
      fprintf(stderr, "pcf: %s: cannot write: %s\n", dirs[k], why);
      drc = EXIT_INTERNAL;
    }
    cli_docs_close(dd);
  }
  if (rc) {
    cli_report(&err);
    pcf_batch_free(b);
    pcf_profile_free(profile);
    cli_store_close(docs.store);
    return rc == PCF_ERR_NOMEM || rc == PCF_ERR_INTERNAL || drc ? EXIT_INTERNAL : EXIT_INPUT;
  }
  int status = drc ? drc : pcf_batch_failed(b) ? EXIT_INPUT : 0;
  for (size_t i = 0; i < pcf_batch_count(b); i++) { /* a product out of memory is not the user's to fix */
    const pcf_error *e = pcf_batch_error(b, i);
    if (e && (e->code == PCF_ERR_NOMEM || e->code == PCF_ERR_INTERNAL)) status = EXIT_INTERNAL;
  }
  /* Both written whatever happens to the other; a failure to write is exit 2. */
  int wrc = cli_output(output, csv_writer, b), erc = errors ? cli_output(errors, errors_writer, b) : 0;
  if (wrc || erc) status = wrc ? wrc : erc;
  if (!errors)
    for (size_t i = 0; i < pcf_batch_count(b); i++) {
      const pcf_error *e = pcf_batch_error(b, i);
      if (e && !pcf_batch_row_at(b, i)->ok) {
        fprintf(stderr, "pcf: %s: ", pcf_batch_id(b, i));
        if (e->path[0] && e->line)
          fprintf(stderr, "%s:%ld: ", e->path, e->line);
        else if (e->path[0])
          fprintf(stderr, "%s: ", e->path);
        fprintf(stderr, "%s\n", e->message);
      }
    }
  if (!quiet) {
    const pcf_batch_timing *t = pcf_batch_timings(b);
    fprintf(stderr, "pcf batch: %zu products, %zu failed; read %.3f s, load %.3f s, solve %.3f s, compute %.3f s\n",
            pcf_batch_count(b), pcf_batch_failed(b), t->read_s, t->load_s, t->solve_s, t->compute_s);
  }
  pcf_batch_free(b);
  pcf_profile_free(profile);
  cli_store_close(docs.store);
  return status;
}
