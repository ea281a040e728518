/* cli_test.h: small helpers the tests share for files they write and commands they run. */
#ifndef PCF_CLI_TEST_H
#define PCF_CLI_TEST_H

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <sys/wait.h>

/* Writes text to path (replacing it). */
static inline void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  cr_assert(f, "%s", path);
  fputs(text, f);
  cr_assert_eq(fclose(f), 0, "%s", path);
}

/* Runs a shell command that must exit 0 and print one JSON document; returns it (caller frees). */
static inline json_t *command_json(const char *cmd) {
  FILE *p = popen(cmd, "r");
  cr_assert(p, "%s", cmd);
  json_error_t je;
  json_t *j = json_loadf(p, 0, &je);
  int status = pclose(p);
  cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: status %d", cmd, status);
  cr_assert(j, "%s: %s", cmd, je.text);
  return j;
}

#endif
