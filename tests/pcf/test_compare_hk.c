/* test_compare_hk.c: cases/hk-recycled-plastic through pcf compare's library API: a 2025 Hong Kong
 * industry guide's example, 500 t of virgin resin at 2.4 t CO2e/t = 1,200 t against 300 t virgin +
 * 200 t recycled at 1.5 t CO2e/t = 720 + 300 = 1,020 t, a 180 t reduction (see its NOTES.md). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pcf/compare.h"
#include "pcf/variant.h"

#define HK PCF_SOURCE_DIR "/cases/hk-recycled-plastic/product.ini"

Test(compare_hk, guide_example_1200_against_1020_t) {
  pcf_error err = {0};
  pcf_variant_set *set = NULL;
  pcf_product *base = NULL;
  pcf_data *data = NULL;
  pcf_comparison *c = NULL;
  cr_assert_eq(pcf_variant_set_read(&set, HK, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_variant_set_product(&base, set, (size_t)-1, 0, NULL, 0, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_data_open_product(&data, base, &(pcf_data_options){.bundled = 1}, &err), 0, "%s", err.message);
  const char *names[] = {"recycled-200t"};
  pcf_compare_options o = PCF_COMPARE_OPTIONS_INIT;
  o.variants = names;
  o.n_variants = 1;
  cr_assert_eq(pcf_compare_run(&c, data, set, &o, &err), 0, "%s", err.message);

  cr_assert_eq(pcf_comparison_count(c), 2);
  double t_base = pcf_result_value(pcf_comparison_result(c, 0), PCF_TOTAL) / 1000; /* t CO2e */
  double t_var = pcf_result_value(pcf_comparison_result(c, 1), PCF_TOTAL) / 1000;
  cr_expect_float_eq(t_base, 500 * 2.4, 1e-9, "base %.6f t CO2e", t_base);
  cr_expect_float_eq(t_var, 300 * 2.4 + 200 * 1.5, 1e-9, "variant %.6f t CO2e", t_var);
  cr_expect_float_eq(t_base - t_var, 180, 1e-9);
  /* ranked first, all fossil (published totals without a split), all in raw materials */
  cr_expect_str_eq(pcf_comparison_name(c, pcf_comparison_ranked(c, 0)), "recycled-200t");
  const pcf_result *v = pcf_comparison_result(c, 1);
  cr_expect_float_eq(pcf_result_value(v, PCF_FOSSIL) / 1000, 1020, 1e-9);
  cr_expect_float_eq(pcf_result_stage(v, PCF_STAGE_RAW_MATERIALS, PCF_TOTAL) / 1000, 1020, 1e-9);
  /* the one change delivers the whole reduction */
  cr_assert_eq(pcf_comparison_change_count(c, 1), 1);
  cr_expect_float_eq(pcf_comparison_change(c, 1, 0)->step[PCF_TOTAL] / 1000, -180, 1e-9);
  cr_expect_eq(pcf_comparison_tradeoff_count(c, 1), 0);
  /* the total is linear in the resin mass */
  cr_assert_geq(pcf_comparison_sensitivity_count(c), 1);
  cr_expect_float_eq(pcf_comparison_sensitivity(c, 0)->elasticity, 1.0, 1e-9);

  /* and in the JSON others script against */
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  cr_assert_eq(pcf_comparison_write_json(c, f), 0);
  fclose(f);
  cr_expect(strstr(buf, "\"recycled-200t\""), "%s", buf);
  cr_expect(strstr(buf, "-180000"), "no -180000 in the JSON");
  free(buf);

  pcf_comparison_free(c);
  pcf_data_free(data);
  pcf_product_free(base);
  pcf_variant_set_free(set);
}
