/* test_rule_cli.c: --rule on pcf footprint and pcf batch replaces the product file's recycling and
 * end-of-life rule. Expected values: cases/aluminium-bracket/NOTES.md (hand calculation from the
 * dataset values, checked by test_eol_case.c): the virgin bracket is 8.956420 kg CO2e under
 * cut-off (its product file names no rule) and 8.959044 under the CFF (A = 0.2), with module D
 * -5.014086 = -0.8 x 0.7 x 8.953725. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "cli_test.h"

#define BRACKET PCF_SOURCE_DIR "/cases/aluminium-bracket/product.ini"

static json_t *footprint_json(const char *args) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "%s footprint %s %s --format json", PCF_BINARY, BRACKET, args);
  return command_json(cmd);
}

static double number(json_t *j, const char *key) { return json_number_value(json_object_get(j, key)); }

Test(rule_cli, footprint_rule_replaces_the_product_files) {
  json_t *j = footprint_json("");
  cr_expect_str_eq(json_string_value(json_object_get(j, "eol_rule")), "cut-off");
  cr_expect(fabs(number(j, "total") - 8.956420) < 1e-6, "cut-off total %.9g", number(j, "total"));
  json_decref(j);

  j = footprint_json("--rule cff");
  cr_expect_str_eq(json_string_value(json_object_get(j, "eol_rule")), "cff");
  cr_expect(fabs(number(j, "total") - 8.959044) < 1e-6, "CFF total %.9g", number(j, "total"));
  cr_expect(fabs(number(json_object_get(j, "module_d"), "total") + 5.014086) < 1e-6, "CFF module D");
  json_decref(j);
}

Test(rule_cli, unknown_rule_is_a_usage_error) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "%s footprint %s --rule 60:40 >/dev/null 2>&1", PCF_BINARY, BRACKET);
  int status = system(cmd);
  cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 64, "footprint status %d", status);
  snprintf(cmd, sizeof cmd, "%s batch %s --rule bogus -q >/dev/null 2>&1", PCF_BINARY, BRACKET);
  status = system(cmd);
  cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 64, "batch status %d", status);
}

Test(rule_cli, batch_rule_applies_to_every_product) {
  char dir[] = "/tmp/pcf-rule-XXXXXX", path[256], cmd[1024];
  cr_assert(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/catalogue.csv", dir);
  write_file(path, "id,product\nBR-1," BRACKET "\n");
  snprintf(cmd, sizeof cmd, "%s batch %s --rule cff -q --json-dir %s/json -o %s/out.csv", PCF_BINARY, path, dir, dir);
  int status = system(cmd);
  cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
  snprintf(path, sizeof path, "%s/json/BR-1.json", dir);
  json_error_t je;
  json_t *j = json_load_file(path, 0, &je);
  cr_assert(j, "%s: %s", path, je.text);
  cr_expect_str_eq(json_string_value(json_object_get(j, "eol_rule")), "cff");
  cr_expect(fabs(number(j, "total") - 8.959044) < 1e-6, "batch CFF total %.9g", number(j, "total"));
  json_decref(j);
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  cr_expect_eq(system(cmd), 0);
}
