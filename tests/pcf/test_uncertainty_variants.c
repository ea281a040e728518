/* test_uncertainty_variants.c: a design given as changes to the product file (a variant) in the
 * uncertainty model, and P(B < A) with common random numbers. The toy car (cases/toy-car/NOTES.md:
 * total 0.998551 kg CO2e) against the same car with a PP body instead of ABS: 0.120 kg x
 * (1.918073 - 3.945985) = -0.243349 kg CO2e, plus 0.018705 for burning PP's own carbon (test_product.c). */
#include <criterion/criterion.h>
#include <math.h>

#include "pcf/uncertainty.h"

#define TOY PCF_SOURCE_DIR "/cases/toy-car/product.ini"

Test(uncertainty_variants, changes_and_probability) {
  pcf_data *data = NULL;
  pcf_error err = {0};
  pcf_data_options o = {.bundled = 1};
  cr_assert_eq(pcf_data_open(&data, &o, &err), 0, "%s", err.message);
  static const pcf_override pp[] = {{"bom", "TC-110.material", "PP"}};
  pcf_unc_model *m[2] = {NULL, NULL};
  cr_assert_eq(pcf_unc_model_new_with(&m[0], data, TOY, NULL, 0, NULL, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_unc_model_new_with(&m[1], data, TOY, pp, 1, NULL, &err), 0, "%s", err.message);
  /* The same assumed spread on every exchange of both designs (SDg2 1.2). */
  cr_assert_eq(pcf_unc_model_assume(m[0], 1.2, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_unc_model_assume(m[1], 1.2, &err), 0, "%s", err.message);
  pcf_unc_options uo = PCF_UNC_OPTIONS_INIT;
  uo.iterations = 400;
  uo.seed = 11;
  double p[2];
  pcf_unc_result *r[2] = {NULL, NULL};
  cr_assert_eq(pcf_unc_compare(p, r, m, 2, &uo, &err), 0, "%s", err.message);
  cr_expect_float_eq(r[0]->deterministic[0], 0.998551, 2e-6);
  cr_expect_float_eq(r[1]->deterministic[0], 0.998551 - 0.243349 + 0.018705, 2e-6);
  /* The PP body saves 0.24 kg CO2e against a spread of about 0.04 (uncertainty_bench); with the
   * shared draws the variant is below the base in (nearly) every iteration. */
  cr_expect_geq(p[1], 0.99, "P(PP body < ABS body) = %g", p[1]);
  cr_expect(r[1]->stats[0].sd > 0);
  for (int i = 0; i < 2; i++) {
    pcf_unc_result_free(r[i]);
    pcf_unc_model_free(m[i]);
  }
  pcf_data_free(data);
}
