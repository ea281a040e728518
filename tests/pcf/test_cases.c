/* test_cases.c: every worked product in cases/ end to end. Each case folder holds product.ini and
 * expected.json (total, fossil, the total without biogenic CO2, per-stage kg CO2e, module D when
 * the case states it, and a relative tolerance), computed by the case's own calc.py from the dataset
 * values, independently of pcf (see each NOTES.md). */
#include <criterion/criterion.h>
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pcf/footprint.h"

static void close_to(const char *what, const char *case_name, double got, double want, double tol) {
  cr_expect(fabs(got - want) <= tol * fmax(1.0, fabs(want)), "%s: %s = %.9g kg CO2e, expected %.9g", case_name,
            what, got, want);
}

static void run_case(const char *dir, const char *name) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s/expected.json", dir, name);
  json_error_t je;
  json_t *expected = json_load_file(path, 0, &je);
  if (!expected) return; /* a folder without expected results is not a case */
  snprintf(path, sizeof path, "%s/%s/product.ini", dir, name);
  pcf_error err = {0};
  pcf_product *product = NULL;
  pcf_data *data = NULL;
  pcf_result *r = NULL;
  int rc = pcf_product_read(&product, path, &err);
  cr_assert_eq(rc, 0, "%s: %s:%ld: %s", name, err.path, err.line, err.message);
  pcf_data_options o = {.bundled = 1};
  rc = pcf_data_open_product(&data, product, &o, &err);
  cr_assert_eq(rc, 0, "%s: %s", name, err.message);
  rc = pcf_footprint_product(&r, data, product, &err);
  cr_assert_eq(rc, 0, "%s: %s:%ld: %s", name, err.path, err.line, err.message);
  double tol = json_real_value(json_object_get(expected, "tolerance"));
  close_to("total", name, pcf_result_value(r, PCF_TOTAL), json_number_value(json_object_get(expected, "total")), tol);
  close_to("fossil", name, pcf_result_value(r, PCF_FOSSIL), json_number_value(json_object_get(expected, "fossil")), tol);
  json_t *excluding = json_object_get(expected, "total_excluding_biogenic_co2");
  if (excluding)
    close_to("total without biogenic CO2", name, pcf_result_excluding_biogenic_co2(r), json_number_value(excluding), tol);
  json_t *stages = json_object_get(expected, "stages");
  for (int s = 0; s < PCF_STAGE_COUNT; s++)
    close_to(pcf_stage_key(s), name, pcf_result_stage(r, s, PCF_TOTAL),
             json_number_value(json_object_get(stages, pcf_stage_key(s))), tol);
  json_t *module_d = json_object_get(expected, "module_d"); /* credits apart, when the case states them */
  if (module_d) close_to("module_d", name, pcf_result_module_d(r, PCF_TOTAL), json_number_value(module_d), tol);
  pcf_result_free(r);
  pcf_data_free(data);
  pcf_product_free(product);
  json_decref(expected);
}

Test(cases, every_case_matches_its_hand_calculation) {
  const char *dir = PCF_SOURCE_DIR "/cases";
  DIR *d = opendir(dir);
  cr_assert(d, "no cases folder");
  int n = 0;
  for (struct dirent *e; (e = readdir(d));) {
    if (e->d_name[0] == '.') continue;
    run_case(dir, e->d_name);
    n++;
  }
  closedir(d);
  cr_assert_geq(n, 1, "no case found in cases/");
}
