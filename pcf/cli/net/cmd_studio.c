/* cmd_studio.c: pcf studio [PRODUCT.ini|DIR]: the designers' web page on the loopback address
 * (pcf/studio/studio.h). The data are loaded once here; the page's every edit is recomputed over
 * them. */
#include <errno.h>
#include <getopt.h>
#include <pcf/pact.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "studio.h"

static const char usage[] =
    "Usage: pcf studio [PRODUCT.ini|DIR] [options]\n"
    "\n"
    "A web page on this computer for designing a product's footprint: the bill of materials as a\n"
    "table (materials by type-ahead search, masses, recycled content, forming), the scenario\n"
    "(transport, use, end of life), the footprint and its ISO 14067 split recomputed after each\n"
    "edit, variants ranked side by side with what each change did, save to product.ini and\n"
    "bom.csv, and the PACT document and HTML report. Serves http://127.0.0.1 only, on a free port,\n"
    "and prints the page's address: it carries a token made for this run, without which every\n"
    "request is refused. DIR: its product.ini (a new product when there is none). The JSON API\n"
    "is described in pcf/studio/openapi.yaml (also served as /openapi.yaml).\n"
    "\n"
    "Options:\n"
    "  --port N             listen on port N (default: a free port)\n"
    "  --profile FILE       company and request details for the PACT export (INI; see\n"
    "                       cases/profile.ini)\n"
    "  -h, --help           this help\n";

static const char usage_tail[] =
    "\n"
    "Example:\n"
    "  pcf studio cases/toy-car\n"
    "\n"
    "Stops on SIGINT or SIGTERM. Exit status: 0 stopped, 1 input error, 2 internal error.\n";

static int help(FILE *f, int rc) {
  fputs(usage, f);
  fputs(cli_data_help, f);
  fputs(usage_tail, f);
  return rc;
}

int cmd_studio(int argc, char **argv) {
  static const struct option own[] = {{"port", required_argument, 0, 'p'},
                                      {"profile", required_argument, 0, 'r'},
                                      {"help", no_argument, 0, 'h'},
                                      {0, 0, 0, 0}};
  struct option opts[32];
  cli_options(opts, 32, own);
  const char *profile_path = NULL;
  int port = 0;
  cli_data dat;
  cli_data_init(&dat);
  int c, bad;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'p':
        if (cli_net_port(optarg, &port)) return EXIT_USAGE;
        break;
      case 'r': profile_path = optarg; break;
      case 'h': return help(stdout, 0);
      default:
        if ((bad = cli_data_option(&dat, c, optarg)) < 0) return help(stderr, EXIT_USAGE);
        if (bad) return bad;
    }
  }
  if (optind + 1 < argc) return help(stderr, EXIT_USAGE);
  char path[4096];
  const char *arg = optind < argc ? argv[optind] : ".";
  struct stat st;
  int is_dir = stat(arg, &st) == 0 && S_ISDIR(st.st_mode);
  if ((size_t)snprintf(path, sizeof path, is_dir ? "%s/product.ini" : "%s", arg) >= sizeof path)
    return fputs("pcf: path too long\n", stderr), EXIT_USAGE;
  const int exists = stat(path, &st) == 0;
  if (!exists && errno != ENOENT) return fprintf(stderr, "pcf: %s: %s\n", path, strerror(errno)), EXIT_INPUT;
  /* a new product goes into a folder that is there: saving must not be the first to find out */
  char folder[4096];
  const char *slash = strrchr(path, '/');
  snprintf(folder, sizeof folder, "%.*s", slash ? (slash == path ? 1 : (int)(slash - path)) : 1, slash ? path : ".");
  if (!exists && (stat(folder, &st) != 0 || !S_ISDIR(st.st_mode)))
    return fprintf(stderr, "pcf: %s: no such folder for a new product\n", folder), EXIT_INPUT;

  pcf_error err = {0};
  pcf_product *product = NULL;
  pcf_data *data = NULL;
  pcf_profile *profile = NULL;
  json_t *design = NULL;
  studio s;
  int rc = 0, session = 0;
  const pcf_override rule = {"end_of_life", "rule", dat.rule};
  if (profile_path && pcf_profile_read(&profile, profile_path, &err)) goto fail;
  if (exists && pcf_product_read_with(&product, path, &rule, dat.rule ? 1 : 0, &err)) goto fail;
  if (studio_design_load(&design, path, &err)) goto fail;
  if (pcf_data_open_product(&data, product, &dat.options, &err)) goto fail;
  if (studio_session_init(&s, path, data, &err)) goto fail;
  session = 1;
  studio_data_key(design, s.data_key, sizeof s.data_key);
  s.profile = profile;
  s.method = dat.options.method ? dat.options.method : product ? pcf_product_method(product) : NULL;
  s.rule = dat.rule;
  s.write_file = cli_write_file;
  /* rated as pcf compare --pedigree rates them (no profile: against the current year), so that
   * P(beats base) is the command's */
  cli_rating rating = {.data = data, .profile = NULL};
  s.pedigree = cli_rate_lines;
  s.pedigree_ctx = &rating;
  volatile sig_atomic_t *stop = cli_net_stop_flag();
  fprintf(stderr, "pcf studio: %s%s; open this address in a browser (Ctrl-C stops):\n", path,
          exists ? "" : " (a new product)");
  if (studio_serve(&s, port, stdout, stop, &err)) goto fail;
  goto done;
fail:
  cli_report(&err);
  rc = cli_exit_code(&err);
done:
  if (session) studio_session_cleanup(&s);
  json_decref(design);
  pcf_data_free(data);
  pcf_profile_free(profile);
  pcf_product_free(product);
  return rc;
}
