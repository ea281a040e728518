/* main.c: the pcf command: dispatches to the subcommands, in this process or in pcf-serve. */
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

static const struct {
  const char *name;
  int (*run)(int argc, char **argv);
} commands[] = {{"ilcd", cmd_ilcd},       {"footprint", cmd_footprint},     {"batch", cmd_batch},
                {"compare", cmd_compare}, {"uncertainty", cmd_uncertainty}, {"materials", cmd_materials}};

/* The commands that need the network stack run in the program pcf-serve (cli_helper.c). */
static const char *const net_commands[] = {
#define PCF_NET_COMMAND(name, function) name,
#include "net/commands.h"
#undef PCF_NET_COMMAND
};

static int run(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(usage, argc < 2 ? stderr : stdout);
    return argc < 2 ? EXIT_USAGE : 0;
  }
  if (strcmp(argv[1], "--version") == 0) {
    puts("pcf 0.1.0");
    return 0;
  }
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (strcmp(argv[1], commands[i].name) == 0) return commands[i].run(argc - 1, argv + 1);
  for (size_t i = 0; i < sizeof net_commands / sizeof *net_commands; i++)
    if (strcmp(argv[1], net_commands[i]) == 0) return cli_run_in_helper(argv);
  fprintf(stderr, "pcf: unknown command \"%s\"\n\n%s", argv[1], usage);
  return EXIT_USAGE;
}

int main(int argc, char **argv) {
  cli_output_init();
  /* Whatever the command printed must have reached standard output: exit 2 otherwise. */
  return cli_close_stdout(run(argc, argv));
}
