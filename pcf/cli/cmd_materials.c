/* cmd_materials.c: pcf materials [TERM]: the materials and services the loaded data offer, with
 * their datasets and kg CO2e per reference unit (pcf/materials.h). */
#include <getopt.h>
#include <pcf/materials.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "Usage: pcf materials [TERM] [options]\n"
    "\n"
    "Lists the material and service names the bundled and loaded data offer, grouped by the dataset\n"
    "they resolve to: names and synonyms, dataset, kg CO2e per reference unit (cradle to gate, the\n"
    "selected method), the GWP set of the dataset's source, source and year, geography, family,\n"
    "forming step included, and whether the dataset is a flagged proxy (another material standing\n"
    "in). TERM keeps the groups one of whose names, dataset name or family contains it\n"
    "(case-insensitive).\n"
    "\n"
    "Options:\n"
    "  --format text|json       output format (default text)\n"
    "  -h, --help               this help\n"
    "\n";

static const char usage_tail[] =
    "\n"
    "Material maps are CSV: name, process, family, note, proxy, forming.\n"
    "\n"
    "Examples:\n"
    "  pcf materials aluminium\n"
    "  pcf materials PCB --format json\n"
    "\n"
    "Exit status: 0 success (also when nothing matches), 1 input error, 2 internal error.\n";

static int help(FILE *f, int rc) {
  fputs(usage, f);
  fputs(cli_data_help, f);
  fputs(usage_tail, f);
  return rc;
}

typedef struct out_ctx {
  const pcf_material_list *list;
  int json;
} out_ctx;

static int writer(const void *ctx, FILE *f) {
  const out_ctx *o = ctx;
  int rc = o->json ? pcf_materials_write_json(o->list, f) : pcf_materials_write_text(o->list, f);
  return rc ? EXIT_INTERNAL : 0;
}

int cmd_materials(int argc, char **argv) {
  static const struct option own[] = {
      {"format", required_argument, 0, 'f'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
  struct option opts[32];
  cli_options(opts, 32, own);
  const char *format = "text";
  cli_data dat;
  cli_data_init(&dat);
  int c, bad;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'f': format = optarg; break;
      case 'h': return help(stdout, 0);
      default:
        if ((bad = cli_data_option(&dat, c, optarg)) < 0) return help(stderr, EXIT_USAGE);
        if (bad) return bad;
    }
  }
  if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
    fprintf(stderr, "pcf materials: unknown format \"%s\" (text or json)\n", format);
    return EXIT_USAGE;
  }
  if (argc - optind > 1) {
    fputs("pcf materials: at most one TERM\n", stderr);
    return EXIT_USAGE;
  }
  const char *term = optind < argc ? argv[optind] : NULL;
  pcf_data *data = NULL;
  pcf_error err = {0};
  pcf_material_list list = {0};
  int rc = 0;
  if (pcf_data_open(&data, &dat.options, &err) || pcf_materials_find(&list, data, term, &err)) {
    cli_report(&err);
    rc = cli_exit_code(&err);
  } else {
    out_ctx ctx = {&list, strcmp(format, "json") == 0};
    rc = cli_output(NULL, writer, &ctx);
  }
  pcf_material_list_free(&list);
  pcf_data_free(data);
  return rc;
}
