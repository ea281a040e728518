/* cli_util.c: what every subcommand shares: reporting an error, its exit code, and writing an
 * output file atomically. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcf/eol.h>

#include "cli.h"

void cli_report(const pcf_error *err) {
  if (err->path[0] && err->line) fprintf(stderr, "pcf: %s:%ld: %s\n", err->path, err->line, err->message);
  else if (err->path[0]) fprintf(stderr, "pcf: %s: %s\n", err->path, err->message);
  else fprintf(stderr, "pcf: %s\n", err->message);
}

int cli_exit_code(const pcf_error *err) {
  return err->code == PCF_ERR_NOMEM || err->code == PCF_ERR_INTERNAL ? EXIT_INTERNAL : EXIT_INPUT;
}

int cli_write_atomic(const char *path, int (*writer)(const void *ctx, FILE *f), const void *ctx) {
  char tmp[4096];
  if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= sizeof tmp) return -1;
  int fd = mkstemp(tmp);
  if (fd < 0) return -1;
  FILE *f = fdopen(fd, "w");
  int rc = f ? writer(ctx, f) : -1;
  if (!rc && fflush(f)) rc = -1;
  if (!rc && fsync(fileno(f))) rc = -1;
  if (f ? fclose(f) : close(fd)) rc = rc ? rc : -1;
  if (!rc && rename(tmp, path)) rc = -1;
  if (rc) unlink(tmp);
  return rc;
}

int cli_output(const char *path, int (*writer)(const void *ctx, FILE *f), const void *ctx) {
  if (!path) {
    int rc = writer(ctx, stdout);
    return rc > 0 ? rc : rc ? EXIT_INTERNAL : 0;
  }
  int rc = cli_write_atomic(path, writer, ctx);
  if (rc < 0) fprintf(stderr, "pcf: %s: cannot write: %s\n", path, strerror(errno));
  return rc > 0 ? rc : rc ? EXIT_INPUT : 0;
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
