/* cmd_uncertainty.c: pcf uncertainty PRODUCT.ini | --process UUID: Monte Carlo and first-order
 * propagation of the uncertainty of a footprint (see pcf/uncertainty.h). */
#include <getopt.h>
#include <pcf/footprint.h>
#include <pcf/pact.h>
#include <pcf/product.h>
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
    "  -n, --iterations N       Monte Carlo iterations (default 1000, at most 1000000; 0: analytic\n"
    "                           only)\n"
    "  --seed S                 random seed (default 1): same seed, same numbers on any machine\n"
    "  --analytic               also propagate to first order (error propagation)\n"
    "  --inputs FILE            user uncertainties: <section>.<key> = lognormal [MEDIAN] GSD2 |\n"
    "                           normal MEAN SD | triangular MIN MODE MAX | uniform MIN MAX [unit]\n"
    "                           e.g. bom.Body.scale = lognormal 1.1, use.years = uniform 4 6\n"
    "  --inputs-only            keep the data sets' exchanges at their amounts\n"
    "  --pedigree               default uncertainty where the data sets give none, as ecoinvent\n"
    "                           does: basic uncertainty plus pedigree matrix, the scores from the\n"
    "                           data-quality ratings (pcf/uncertainty.h, pcf_unc_model_pedigree)\n"
    "  --profile FILE           with --pedigree: the reference period and production country the\n"
    "                           data sets are rated against (default: the current year)\n"
    "  --format text|json       output format (default text)\n"
    "  -o, --output FILE        write to FILE (atomically) instead of standard output\n"
    "  -h, --help               this help\n"
    "\n";

static const char usage_tail[] =
    "\n"
    "Example:\n"
    "  pcf uncertainty cases/toy-car/product.ini -n 2000 --seed 7 --analytic\n"
    "\n"
    "Exit status: 0 success, 1 input error, 2 internal error or output not written, 64 usage error.\n";

static int help(FILE *f, int rc) {
  fputs(usage, f);
  fputs(cli_data_help, f);
  fputs(usage_tail, f);
  return rc;
}

static int pedigree(pcf_unc_model *model, const cli_rating *how, const pcf_product *product, const char *process,
                    pcf_error *err) {
  const pcf_data *data = how->data;
  pcf_result *r = NULL;
  int rc = product ? pcf_footprint_product(&r, data, product, err) : pcf_footprint_process(&r, data, process, err);
  if (rc) return rc;
  size_t n = pcf_result_line_count(r);
  double(*ratings)[5] = calloc(n ? n : 1, sizeof *ratings), other[5];
  rc = ratings ? cli_rate_lines(r, ratings, other, (void *)how, err) : pcf_error_nomem(err);
  if (!rc) rc = pcf_unc_model_pedigree(model, r, (const double(*)[5])ratings, other, err);
  free(ratings);
  pcf_result_free(r);
  return rc;
}

typedef struct unc_out {
  const char *format;
  const pcf_unc_model *model;
  const pcf_unc_result *mc;
  const pcf_unc_analytic *an;
} unc_out;

static int unc_writer(const void *ctx, FILE *f) {
  const unc_out *o = ctx;
  int bad = strcmp(o->format, "json") == 0 ? pcf_unc_write_json(f, o->model, o->mc, o->an)
                                           : pcf_unc_write_text(f, o->model, o->mc, o->an);
  return cli_writer_status(bad);
}

int cli_uncertainty(const cli_unc_job *job) {
  pcf_error err = {0};
  pcf_product *product = NULL;
  pcf_data *data = NULL;
  pcf_unc_inputs *inputs = NULL;
  pcf_unc_model *model = NULL;
  pcf_unc_result *mc = NULL;
  pcf_unc_analytic an;
  pcf_profile *profile = NULL;
  pcf_override rule = {"end_of_life", "rule", job->data->rule};
  size_t n_rule = job->data->rule ? 1 : 0;
  int rc = 0;
  if (job->inputs_path && pcf_unc_inputs_read(&inputs, job->inputs_path, &err)) goto fail;
  if (job->profile_path && pcf_profile_read(&profile, job->profile_path, &err)) goto fail;
  if (job->product_path && pcf_product_read_with(&product, job->product_path, &rule, n_rule, &err)) goto fail;
  if (pcf_data_open_product(&data, product, &job->data->options, &err)) goto fail;
  if (job->product_path ? pcf_unc_model_new_with(&model, data, job->product_path, &rule, n_rule, inputs, &err)
                        : pcf_unc_model_new(&model, data, NULL, job->process, inputs, &err))
    goto fail;
  if (job->pedigree && pedigree(model, &(cli_rating){.data = data, .profile = profile}, product, job->process, &err))
    goto fail;
  pcf_unc_options uo = PCF_UNC_OPTIONS_INIT;
  uo.iterations = (size_t)job->iterations;
  uo.seed = job->seed;
  uo.exchanges = job->exchanges;
  if (job->iterations && pcf_unc_run(&mc, model, &uo, &err)) goto fail;
  /* The first-order pass also finds what drives the spread: run it for that when not printed. */
  if (pcf_unc_analytic_run(&an, model, job->exchanges, &err)) goto fail;
  unc_out o = {job->format, model, mc, job->analytic ? &an : NULL};
  rc = cli_output(job->output, unc_writer, &o);
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
  pcf_profile_free(profile);
  return rc;
}

int cmd_uncertainty(int argc, char **argv) {
  static const struct option own[] = {{"iterations", required_argument, 0, 'n'},
                                      {"seed", required_argument, 0, 's'},
                                      {"analytic", no_argument, 0, 'a'},
                                      {"inputs", required_argument, 0, 'i'},
                                      {"inputs-only", no_argument, 0, 'I'},
                                      {"format", required_argument, 0, 'f'},
                                      {"pedigree", no_argument, 0, 'P'},
                                      {"profile", required_argument, 0, 'r'},
                                      {"process", required_argument, 0, 'p'},
                                      {"output", required_argument, 0, 'o'},
                                      {"help", no_argument, 0, 'h'},
                                      {0, 0, 0, 0}};
  struct option opts[32];
  cli_options(opts, 32, own);
  cli_data dat;
  cli_data_init(&dat);
  cli_unc_job job = {.data = &dat, .iterations = 1000, .seed = 1, .exchanges = 1, .format = "text"};
  int c, bad;
  optind = 1;
  while ((c = getopt_long(argc, argv, "n:o:h", opts, NULL)) != -1) {
    switch (c) {
      case 'n':
        if (cli_count(optarg, &job.iterations) || job.iterations > PCF_UNC_MAX_ITERATIONS)
          return fprintf(stderr, "pcf: -n needs a count from 0 to %d\n", PCF_UNC_MAX_ITERATIONS), EXIT_USAGE;
        break;
      case 's':
        if (cli_count(optarg, &job.seed))
          return fprintf(stderr, "pcf: --seed needs a non-negative integer\n"), EXIT_USAGE;
        break;
      case 'a': job.analytic = 1; break;
      case 'i': job.inputs_path = optarg; break;
      case 'I': job.exchanges = 0; break;
      case 'P': job.pedigree = 1; break;
      case 'r': job.profile_path = optarg; break;
      case 'f': job.format = optarg; break;
      case 'p': job.process = optarg; break;
      case 'o': job.output = optarg; break;
      case 'h': return help(stdout, 0);
      default:
        if ((bad = cli_data_option(&dat, c, optarg)) < 0) return help(stderr, EXIT_USAGE);
        if (bad) return bad;
    }
  }
  if (strcmp(job.format, "text") && strcmp(job.format, "json"))
    return fprintf(stderr, "pcf: unknown format \"%s\" (text, json)\n", job.format), EXIT_USAGE;
  job.product_path = optind < argc ? argv[optind] : NULL;
  if (!job.product_path == !job.process || optind + (job.product_path ? 1 : 0) != argc) return help(stderr, EXIT_USAGE);
  if (job.profile_path && !job.pedigree)
    return fputs("pcf: --profile rates the data for --pedigree; add --pedigree\n", stderr), EXIT_USAGE;
  if (dat.rule && job.process)
    return fputs("pcf: --rule applies to a product file, not to --process\n", stderr), EXIT_USAGE;
  return cli_uncertainty(&job);
}
