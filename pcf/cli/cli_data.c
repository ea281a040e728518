/* cli_data.c: the data options every subcommand shares (which ILCD data, maps and method a
 * footprint uses, and the recycling rule), one table parsed in one place. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char cli_data_help[] =
    "Data (every command):\n"
    "  --data PATH            load an ILCD folder, zip or file (repeatable)\n"
    "  --no-bundled           do not load the bundled datasets\n"
    "  --method AR6|AR5|AR4|UUID  GWP100 method (default: the product file's, else AR6)\n"
    "  --materials FILE       extra material map (repeatable; a later map's names win)\n"
    "  --services FILE        extra service map (repeatable)\n"
    "  --providers FILE       provider map: CSV with a process column (one provider per flow)\n"
    "  --cache DIR            keep a binary copy of each ILCD source in DIR (created if missing,\n"
    "                         one .ilcdc file per source, keyed by its content) and read it\n"
    "                         instead of the XML next time (default: the bundled datasets only,\n"
    "                         in $XDG_CACHE_HOME/pcf or ~/.cache/pcf, or the build tree's cache/\n"
    "                         for a build's own datasets; where that folder cannot be used, the\n"
    "                         XML is read: same results, slower)\n"
    "  --no-cache             read every source's XML, the bundled datasets' too\n"
    "  --rule RULE            recycling and end-of-life rule, replacing the product file's:\n"
    "                         cut-off (default), 50:50, avoided-burden or cff\n";

static const struct option data_options[] = {
    {"data", required_argument, 0, CLI_OPT_DATA},         {"no-bundled", no_argument, 0, CLI_OPT_NO_BUNDLED},
    {"method", required_argument, 0, CLI_OPT_METHOD},     {"materials", required_argument, 0, CLI_OPT_MATERIALS},
    {"services", required_argument, 0, CLI_OPT_SERVICES}, {"providers", required_argument, 0, CLI_OPT_PROVIDERS},
    {"cache", required_argument, 0, CLI_OPT_CACHE},       {"no-cache", no_argument, 0, CLI_OPT_NO_CACHE},
    {"rule", required_argument, 0, CLI_OPT_RULE},         {0, 0, 0, 0}};

int cli_options(struct option *out, size_t cap, const struct option *own) {
  size_t n = 0;
  for (const struct option *o = own; o->name; o++)
    if (n + 1 < cap) out[n++] = *o;
  for (const struct option *o = data_options; o->name; o++)
    if (n + 1 < cap) out[n++] = *o;
  out[n] = (struct option){0, 0, 0, 0};
  return n + 1 < cap ? 0 : -1;
}

static int add(const char **list, size_t *n, size_t cap, const char *what, const char *arg) {
  if (*n == cap) return fprintf(stderr, "pcf: at most %zu %s\n", cap, what), EXIT_USAGE;
  list[(*n)++] = arg;
  return 0;
}

int cli_data_option(cli_data *d, int c, const char *arg) {
  pcf_data_options *o = &d->options;
  switch (c) {
    case CLI_OPT_DATA: return add(d->paths, &o->n_paths, CLI_MAX_PATHS, "--data paths", arg);
    case CLI_OPT_MATERIALS: return add(d->materials, &o->n_materials, CLI_MAX_MAPS, "--materials", arg);
    case CLI_OPT_SERVICES: return add(d->services, &o->n_services, CLI_MAX_MAPS, "--services", arg);
    case CLI_OPT_NO_BUNDLED: o->bundled = 0; return 0;
    case CLI_OPT_METHOD: o->method = arg; return 0;
    case CLI_OPT_PROVIDERS: o->providers = arg; return 0;
    case CLI_OPT_CACHE:
      o->cache_dir = arg;
      o->no_bundled_cache = 0;
      return 0;
    case CLI_OPT_NO_CACHE:
      o->cache_dir = NULL;
      o->no_bundled_cache = 1;
      return 0;
    case CLI_OPT_RULE:
      if (cli_check_rule(arg)) return EXIT_USAGE;
      d->rule = arg;
      return 0;
    default: return -1;
  }
}

void cli_data_init(cli_data *d) {
  memset(d, 0, sizeof *d);
  d->options.bundled = 1;
  d->options.paths = d->paths;
  d->options.materials = d->materials;
  d->options.services = d->services;
}
