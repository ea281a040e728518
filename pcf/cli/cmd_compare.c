/* cmd_compare.c: pcf compare (eco-design variants). */
#include <stdio.h>

#include "cli.h"

int cmd_compare(int argc, char **argv) {
  fputs("pcf compare: not available yet\n", stderr);
  return EXIT_INTERNAL;
}
