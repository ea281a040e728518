/* test_cases.c: every worked product in cases/ end to end, through the library and through the pcf
 * command (its JSON output), against the same expectations. Each case folder holds product.ini and
 * expected.json (total, fossil, the total without biogenic CO2, per-stage kg CO2e, module D when
 * the case states it, and a relative tolerance), computed by the case's own calc.py from the dataset
 * values, independently of pcf (see each NOTES.md). */
#include <criterion/criterion.h>
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli_test.h"
#include "pcf/footprint.h"

/* What a case states, in kg CO2e per declared unit. */
typedef struct case_values {
  double total, fossil, excluding_biogenic_co2, module_d;
  double stage[PCF_STAGE_COUNT];
} case_values;

typedef case_values (*case_runner)(const char *product_ini, const char *name);

static case_values through_library(const char *product_ini, const char *name) {
  pcf_error err = {0};
  pcf_product *product = NULL;
  pcf_data *data = NULL;
  pcf_result *r = NULL;
  int rc = pcf_product_read(&product, product_ini, &err);
  cr_assert_eq(rc, 0, "%s: %s:%ld: %s", name, err.path, err.line, err.message);
  pcf_data_options o = {.bundled = 1};
  rc = pcf_data_open_product(&data, product, &o, &err);
  cr_assert_eq(rc, 0, "%s: %s", name, err.message);
  rc = pcf_footprint_product(&r, data, product, &err);
  cr_assert_eq(rc, 0, "%s: %s:%ld: %s", name, err.path, err.line, err.message);
  case_values v = {
      .total = pcf_result_value(r, PCF_TOTAL),
      .fossil = pcf_result_value(r, PCF_FOSSIL),
      .excluding_biogenic_co2 = pcf_result_excluding_biogenic_co2(r),
      .module_d = pcf_result_module_d(r, PCF_TOTAL),
  };
  for (int s = 0; s < PCF_STAGE_COUNT; s++) v.stage[s] = pcf_result_stage(r, s, PCF_TOTAL);
  pcf_result_free(r);
  pcf_data_free(data);
  pcf_product_free(product);
  return v;
}

static double number(json_t *object, const char *key, const char *name) {
  json_t *n = json_object_get(object, key);
  cr_assert(json_is_number(n), "%s: the JSON output has no number \"%s\"", name, key);
  return json_number_value(n);
}

static case_values through_command(const char *product_ini, const char *name) {
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "'%s' footprint '%s' --format json", PCF_BINARY, product_ini);
  json_t *j = command_json(cmd);
  case_values v = {
      .total = number(j, "total", name),
      .fossil = number(j, "fossil", name),
      .excluding_biogenic_co2 = number(j, "total_excluding_biogenic_co2", name),
      .module_d = number(json_object_get(j, "module_d"), "total", name),
  };
  json_t *stages = json_object_get(j, "stages");
  for (int s = 0; s < PCF_STAGE_COUNT; s++) v.stage[s] = number(stages, pcf_stage_key(s), name);
  json_decref(j);
  return v;
}

static void close_to(const char *what, const char *case_name, double got, double want, double tol) {
  cr_expect(fabs(got - want) <= tol * fmax(1.0, fabs(want)), "%s: %s = %.9g kg CO2e, expected %.9g", case_name, what,
            got, want);
}

static int run_case(const char *dir, const char *name, case_runner run) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s/expected.json", dir, name);
  json_error_t je;
  json_t *expected = json_load_file(path, 0, &je);
  if (!expected) return 0; /* a folder without expected results is not a case */
  snprintf(path, sizeof path, "%s/%s/product.ini", dir, name);
  case_values got = run(path, name);
  double tol = json_real_value(json_object_get(expected, "tolerance"));
  close_to("total", name, got.total, json_number_value(json_object_get(expected, "total")), tol);
  close_to("fossil", name, got.fossil, json_number_value(json_object_get(expected, "fossil")), tol);
  json_t *excluding = json_object_get(expected, "total_excluding_biogenic_co2");
  if (excluding)
    close_to("total without biogenic CO2", name, got.excluding_biogenic_co2, json_number_value(excluding), tol);
  json_t *stages = json_object_get(expected, "stages");
  for (int s = 0; s < PCF_STAGE_COUNT; s++)
    close_to(pcf_stage_key(s), name, got.stage[s], json_number_value(json_object_get(stages, pcf_stage_key(s))), tol);
  json_t *module_d = json_object_get(expected, "module_d"); /* credits apart, when the case states them */
  if (module_d) close_to("module_d", name, got.module_d, json_number_value(module_d), tol);
  json_decref(expected);
  return 1;
}

static void run_every_case(case_runner run) {
  const char *dir = PCF_SOURCE_DIR "/cases";
  DIR *d = opendir(dir);
  cr_assert(d, "no cases folder");
  int n = 0;
  for (struct dirent *e; (e = readdir(d));)
    if (e->d_name[0] != '.') n += run_case(dir, e->d_name, run);
  closedir(d);
  cr_assert_geq(n, 6, "%d cases found in cases/, expected the six worked products", n);
}

Test(cases, every_case_matches_its_hand_calculation_through_the_library) { run_every_case(through_library); }

Test(cases, every_case_matches_its_hand_calculation_through_the_command) { run_every_case(through_command); }
