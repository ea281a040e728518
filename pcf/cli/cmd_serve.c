/* cmd_serve.c: pcf serve: the PACT host (pcf/serve/serve.h). */
#include "cli.h"
int cmd_serve(int argc, char **argv) { (void)argc; (void)argv; return EXIT_USAGE; }
