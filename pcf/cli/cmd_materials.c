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
    "  --method AR6|AR5|AR4|UUID  GWP100 method (default AR6)\n"
    "  --data PATH              load an ILCD folder, zip or file (repeatable)\n"
    "  --materials FILE         a further material map (CSV: name, process, family, note, proxy, forming)\n"
    "  --no-bundled             do not load the bundled datasets\n"
    "  -h, --help               this help\n"
    "\n"
    "Examples:\n"
    "  pcf materials aluminium\n"
    "  pcf materials PCB --format json\n"
    "\n"
    "Exit status: 0 success (also when nothing matches), 1 input error, 2 internal error.\n";

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
  static const struct option opts[] = {{"format", required_argument, 0, 'f'},  {"method", required_argument, 0, 'm'},
                                       {"data", required_argument, 0, 'd'},    {"materials", required_argument, 0, 'M'},
                                       {"no-bundled", no_argument, 0, 'n'},    {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *format = "text", *method = NULL, *materials = NULL, *paths[64];
  size_t n_paths = 0;
  int bundled = 1, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
    case 'f': format = optarg; break;
    case 'm': method = optarg; break;
    case 'M': materials = optarg; break;
    case 'n': bundled = 0; break;
    case 'd':
      if (n_paths == 64) return fputs("pcf: at most 64 --data paths\n", stderr), EXIT_USAGE;
      paths[n_paths++] = optarg;
      break;
    case 'h': fputs(usage, stdout); return 0;
    default: fputs(usage, stderr); return EXIT_USAGE;
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
  pcf_data_options o = {.bundled = bundled, .paths = paths, .n_paths = n_paths, .materials = materials,
                        .method = method};
  pcf_data *data = NULL;
  pcf_error err = {0};
  pcf_material_list list = {0};
  int rc = 0;
  if (pcf_data_open(&data, &o, &err) || pcf_materials_find(&list, data, term, &err)) {
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
