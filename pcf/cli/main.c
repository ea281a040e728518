/* main.c: the pcf command: dispatches to the subcommands. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "pcf: product carbon footprints (ISO 14067) from ILCD data and bills of materials\n"
    "\n"
    "Usage:\n"
    "  pcf footprint PRODUCT.ini [options]   footprint of a product (see pcf footprint --help)\n"
    "  pcf footprint --process UUID [options] cradle-to-gate footprint of one process's product\n"
    "  pcf batch CATALOGUE [options]         footprint a catalogue of products (see pcf batch --help)\n"
    "  pcf compare PRODUCT.ini [options]     compare eco-design variants (see pcf compare --help)\n"
    "  pcf materials [TERM] [options]        the materials and services the data offer (see --help)\n"
    "  pcf serve --config FILE               answer customers' PACT requests (see pcf serve --help)\n"
    "  pcf studio [PRODUCT.ini|DIR]          a web page to design the footprint (see pcf studio --help)\n"
    "  pcf ilcd info PATH [--json]           counts of datasets and dangling references\n"
    "  pcf ilcd show PATH UUID               one dataset in readable form\n"
    "  pcf --help | --version\n"
    "\n"
    "Examples:\n"
    "  pcf footprint cases/toy-car/product.ini\n"
    "  pcf ilcd info tests/fixtures/tiangong/tiangong-slice.zip --json\n";

static int run(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(usage, argc < 2 ? stderr : stdout);
    return argc < 2 ? EXIT_USAGE : 0;
  }
  if (strcmp(argv[1], "--version") == 0) {
    puts("pcf 0.1.0");
    return 0;
  }
  if (strcmp(argv[1], "ilcd") == 0) return cmd_ilcd(argc - 1, argv + 1);
  if (strcmp(argv[1], "footprint") == 0) return cmd_footprint(argc - 1, argv + 1);
  if (strcmp(argv[1], "batch") == 0) return cmd_batch(argc - 1, argv + 1);
  if (strcmp(argv[1], "compare") == 0) return cmd_compare(argc - 1, argv + 1);
  if (strcmp(argv[1], "serve") == 0) return cmd_serve(argc - 1, argv + 1);
  if (strcmp(argv[1], "studio") == 0) return cmd_studio(argc - 1, argv + 1);
  if (strcmp(argv[1], "uncertainty") == 0) return cmd_uncertainty(argc - 1, argv + 1);
  if (strcmp(argv[1], "materials") == 0) return cmd_materials(argc - 1, argv + 1);
  fprintf(stderr, "pcf: unknown command \"%s\"\n\n%s", argv[1], usage);
  return EXIT_USAGE;
}

int main(int argc, char **argv) {
  cli_output_init();
  /* Whatever the command printed must have reached standard output: exit 2 otherwise. */
  return cli_close_stdout(run(argc, argv));
}
