/* cmd_footprint.c: pcf footprint. */
#include "cli.h"

#include <stdio.h>

int cmd_footprint(int argc, char **argv) {
  fprintf(stderr, "pcf footprint: not built yet\n");
  return EXIT_INTERNAL;
}
