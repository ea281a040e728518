/* cmd_batch.c: pcf batch (catalogues). */
#include <stdio.h>

#include "cli.h"

int cmd_batch(int argc, char **argv) {
  fputs("pcf batch: not available yet\n", stderr);
  return EXIT_INTERNAL;
}
