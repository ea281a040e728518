/* test_cff_defaults.c: the per-material Circular Footprint Formula defaults (pcf/src/cff_defaults.h,
 * datasets/cff_defaults.csv): the table loads and resolves synonyms, bad tables are refused with
 * the file and line, and a footprint takes the defaults where the product file is silent while
 * its own values (application-specific) win.
 *
 * Hand calculation, 1 kg polyester (Ev = 10.2505 kg CO2e/kg, the Base Impacts filament yarn) with
 * R1 = 0.5 (Erec = 6.58922, the bottle-based recycled yarn), R2 = 0.2, rule CFF, bundled defaults
 * A = 0.5, Qsin/Qp = 0.7 (draft PEFCR Apparel & Footwear table 21, polyester from PET bottles),
 * Qsout/Qp = 1 (not given):
 *   material (1 - 0.5) 10.2505 + 0.5 (0.5 * 6.58922 + 0.5 * 10.2505 * 0.7) = 5.12525 + 3.4411425
 *            = 8.5663925
 *   module D -(1 - 0.5) * 0.2 * 10.2505 * 1 = -1.02505
 * With A = 1 in the product file: 0.5 * 10.2505 + 0.5 * 6.58922 = 8.41986, module D 0. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "cff_defaults.h"
#include "pcf/footprint.h"
#include "pcf/matmap.h"
#include "pcf/product.h"

#define FIX PCF_SOURCE_DIR "/tests/fixtures/cff/"

static pcf_matmap *bundled_map(void) {
  pcf_matmap *m = pcf_matmap_new();
  pcf_error err = {0};
  cr_assert_eq(pcf_matmap_load(m, PCF_SOURCE_DIR "/datasets/materials.csv", &err), 0, "%s", err.message);
  return m;
}

Test(cff_defaults, bundled_table_resolves_synonyms) {
  pcf_matmap *m = bundled_map();
  pcf_cff_defaults *d = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_cff_defaults_load(&d, PCF_SOURCE_DIR "/datasets/cff_defaults.csv", m, &err), 0, "%s:%ld: %s",
               err.path, err.line, err.message);
  const pcf_cff_default *p = pcf_cff_defaults_find(d, pcf_matmap_find(m, "polyester yarn")->process);
  cr_assert_not_null(p);
  cr_expect_float_eq(p->a, 0.5, 1e-15);
  cr_expect_float_eq(p->qsin, 0.7, 1e-15);
  cr_expect(isnan(p->qsout), "Qsout/Qp is not given in the table");
  cr_expect(strstr(p->source, "PEFCR") != NULL, "the row names its source");
  /* The recycled material is a different process: no row. */
  cr_expect_null(pcf_cff_defaults_find(d, pcf_matmap_find(m, "recycled polyester")->process));
  pcf_cff_defaults_free(d);
  pcf_matmap_free(m);
}

Test(cff_defaults, bad_tables_are_refused_with_file_and_line) {
  static const struct {
    const char *file, *says;
  } bad[] = {
      {"bad_range.csv", "outside 0..1"},
      {"bad_unknown.csv", "not in the material map"},
      {"bad_twice.csv", "has a row already"},
      {"bad_nosource.csv", "no source"},
  };
  pcf_matmap *m = bundled_map();
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char path[512];
    snprintf(path, sizeof path, FIX "%s", bad[i].file);
    pcf_cff_defaults *d = (pcf_cff_defaults *)1;
    pcf_error err = {0};
    cr_expect_eq(pcf_cff_defaults_load(&d, path, m, &err), PCF_ERR_INPUT, "%s accepted", bad[i].file);
    cr_expect_null(d);
    cr_expect(strstr(err.message, bad[i].says) != NULL, "%s: \"%s\"", bad[i].file, err.message);
    cr_expect(err.line >= 2, "%s: line %ld", bad[i].file, err.line);
  }
  pcf_matmap_free(m);
}

static void footprint(const char *file, double *material, double *module_d) {
  pcf_error err = {0};
  pcf_product *p = NULL;
  cr_assert_eq(pcf_product_read(&p, file, &err), 0, "%s:%ld: %s", err.path, err.line, err.message);
  pcf_data *data = NULL;
  pcf_data_options o = {.bundled = 1};
  cr_assert_eq(pcf_data_open_product(&data, p, &o, &err), 0, "%s", err.message);
  pcf_result *r = NULL;
  cr_assert_eq(pcf_footprint_product(&r, data, p, &err), 0, "%s", err.message);
  *material = NAN;
  for (size_t i = 0; i < pcf_result_line_count(r); i++) {
    const pcf_line *l = pcf_result_line(r, i);
    if (l->stage == PCF_STAGE_RAW_MATERIALS) *material = l->value[PCF_TOTAL];
  }
  *module_d = pcf_result_module_d(r, PCF_TOTAL);
  pcf_result_free(r);
  pcf_data_free(data);
  pcf_product_free(p);
}

Test(cff_defaults, footprint_takes_defaults_where_the_product_is_silent) {
  double material, module_d;
  footprint(FIX "shirt.ini", &material, &module_d);
  cr_expect_float_eq(material, 8.5663925, 1e-9, "material %.9g", material);
  cr_expect_float_eq(module_d, -1.02505, 1e-9, "module D %.9g", module_d);
  footprint(FIX "shirt_a1.ini", &material, &module_d);
  cr_expect_float_eq(material, 8.41986, 1e-9, "material with A = 1: %.9g", material);
  cr_expect_float_eq(module_d, 0.0, 1e-12, "module D with A = 1: %.9g", module_d);
}
