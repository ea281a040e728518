/* cli_util.c: what every subcommand shares: reporting an error and its exit code (outputs are
 * in cli_output.c). */
#include <stdio.h>
#include <stdlib.h>

#include <pcf/eol.h>

#include "cli.h"

void cli_report(const pcf_error *err) {
  if (err->path[0] && err->line)
    fprintf(stderr, "pcf: %s:%ld: %s\n", err->path, err->line, err->message);
  else if (err->path[0])
    fprintf(stderr, "pcf: %s: %s\n", err->path, err->message);
  else
    fprintf(stderr, "pcf: %s\n", err->message);
}

int cli_writer_status(int status) {
  if (status == PCF_ERR_NOMEM) return fputs("pcf: out of memory\n", stderr), EXIT_INTERNAL;
  return status ? -1 : 0;
}

int cli_exit_code(const pcf_error *err) {
  return err->code == PCF_ERR_NOMEM || err->code == PCF_ERR_INTERNAL ? EXIT_INTERNAL : EXIT_INPUT;
}

int cli_check_rule(const char *rule) {
  pcf_eol_rule r;
  if (!rule || pcf_eol_rule_parse(rule, &r) == 0) return 0;
  fprintf(stderr, "pcf: unknown recycling rule \"%s\" (cut-off, 50:50, avoided-burden, cff)\n", rule);
  return EXIT_USAGE;
}

int cli_count(const char *s, unsigned long long *out) {
  char *end;
  if (!*s || *s == '-') return -1;
  *out = strtoull(s, &end, 10);
  return *end ? -1 : 0;
}
