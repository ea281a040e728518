/* test_cli_options.c: the data options every command shares (pcf/cli/cli_data.c): each command
 * takes --data, --no-bundled, --method, --materials, --services, --providers, --cache and --rule
 * alike, and pcf footprint --uncertainty is the uncertainty job itself (its -o and format kept). */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "cli_test.h"

#define TOY PCF_SOURCE_DIR "/cases/toy-car/product.ini"

static int status_of(const char *cmd) {
  int st = system(cmd);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

Test(cli_options, footprint_uncertainty_writes_its_output) {
  char dir[] = "/tmp/pcf-cliopt-XXXXXX", cmd[2048], path[256];
  cr_assert(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/unc.json", dir);
  snprintf(cmd, sizeof cmd, "%s footprint %s --uncertainty 20 --seed 5 --format json -o %s", PCF_BINARY, TOY, path);
  cr_assert_eq(status_of(cmd), 0, "%s", cmd);
  json_error_t je;
  json_t *j = json_load_file(path, 0, &je);
  cr_assert(j, "%s: %s", path, je.text);
  cr_expect(json_object_get(j, "monte_carlo") && json_object_get(j, "analytic"), "Monte Carlo and analytic");
  json_decref(j);
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  cr_expect_eq(system(cmd), 0);
}

Test(cli_options, every_command_takes_the_data_options) {
  char dir[] = "/tmp/pcf-cliopt-XXXXXX", cmd[4096];
  cr_assert(mkdtemp(dir));
  const char *data = "--method AR6 --cache %s/cache --materials " PCF_SOURCE_DIR
                     "/datasets/materials.csv --services " PCF_SOURCE_DIR "/datasets/services.csv";
  char opts[1024];
  snprintf(opts, sizeof opts, data, dir);
  const char *commands[] = {"footprint %s %s --format json", "uncertainty %s %s -n 5", "compare %s %s --no-sensitivity",
                            "batch %s %s -q"};
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
    char what[2048];
    /* batch takes a catalogue or a folder of product files */
    snprintf(what, sizeof what, commands[i], i == 3 ? PCF_SOURCE_DIR "/cases/toy-car" : TOY, opts);
    snprintf(cmd, sizeof cmd, "%s %s >/dev/null 2>&1", PCF_BINARY, what);
    cr_expect_eq(status_of(cmd), 0, "%s", cmd);
  }
  /* A refused --rule is a usage error in every command. */
  const char *names[] = {"footprint", "uncertainty", "compare", "batch"};
  for (size_t i = 0; i < 4; i++) {
    snprintf(cmd, sizeof cmd, "%s %s %s --rule 60:40 >/dev/null 2>&1", PCF_BINARY, names[i], TOY);
    cr_expect_eq(status_of(cmd), 64, "%s", cmd);
  }
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  cr_expect_eq(system(cmd), 0);
}
