/* test_product.c: product files and changes applied while reading them (variants). Figures from
 * cases/toy-car/NOTES.md: ABS 3.945985, PP 1.918073 kg CO2e/kg (USLCI), truck leg 0.002172 kg CO2e,
 * plastics incineration with energy recovery 2.768342 and landfill 0.008983 kg CO2e/kg (shares 0.4
 * and 0.3 of the plastics; recycling 0.3 carries nothing under cut-off), total 0.998551 kg CO2e. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "pcf/footprint.h"

#define TOY PCF_SOURCE_DIR "/cases/toy-car/product.ini"

static double footprint(const pcf_override *o, size_t n, pcf_error *err) {
  pcf_product *p = NULL;
  pcf_data *d = NULL;
  pcf_result *r = NULL;
  double total = NAN;
  pcf_data_options opt = {.bundled = 1};
  if (!pcf_product_read_with(&p, TOY, o, n, err) && !pcf_data_open(&d, &opt, err) &&
      !pcf_footprint_product(&r, d, p, err))
    total = pcf_result_value(r, PCF_TOTAL);
  pcf_result_free(r);
  pcf_data_free(d);
  pcf_product_free(p);
  return total;
}

Test(product, unchanged) {
  pcf_error err = {0};
  cr_expect_float_eq(footprint(NULL, 0, &err), 0.998551, 1e-6, "%s", err.message);
}

Test(product, material_substitution) {
  /* Body in PP instead of ABS: 0.120 kg x (1.918073 - 3.945985) = -0.243349 kg CO2e, and its
   * incineration (0.4 of it) burns PP's own carbon, 0.856289 kg C/kg, where ABS declares none and
   * takes the average plastic's 0.75: 0.048 kg x (3.158025 - 2.768342) = +0.018705. */
  pcf_override o[] = {{"bom", "TC-110.material", "PP"}};
  pcf_error err = {0};
  cr_expect_float_eq(footprint(o, 1, &err), 0.998551 - 0.243349 + 0.018705, 2e-6, "%s", err.message);
}

Test(product, lightweighting_and_removed_leg) {
  /* Body 25 % lighter: -0.25 x 0.473518; the truck leg removed: -0.002172 (the lighter body also
   * lightens the sea leg: 0.03 kg less of 0.180 kg moved, -0.051647 x 0.03 / 0.18, and its end of
   * life: -0.03 x (0.4 x 2.768342 + 0.3 x 0.008983)). */
  pcf_override o[] = {{"bom", "Body.scale", "0.75"}, {"distribution", "truck", ""}};
  pcf_error err = {0};
  double expect =
      0.998551 - 0.25 * 0.473518 - 0.002172 - 0.051647 * 0.03 / 0.18 - 0.03 * (0.4 * 2.768342 + 0.3 * 0.008983);
  cr_expect_float_eq(footprint(o, 2, &err), expect, 3e-6, "%s", err.message);
}

Test(product, supplier_pcf_replaces_generic_data) {
  /* The body bought with a supplier PCF of 0.30 kg CO2e per piece: 0.998551 - 0.473518 + 0.30 (its
   * end of life stays). */
  pcf_override o[] = {{"bom", "TC-110.supplier_pcf", "0.30"}};
  pcf_error err = {0};
  cr_expect_float_eq(footprint(o, 1, &err), 0.998551 - 0.473518 + 0.30, 2e-6, "%s", err.message);
}

Test(product, bad_changes_are_errors) {
  pcf_error err = {0};
  pcf_override o1[] = {{"bom", "NOPE.material", "PP"}};
  cr_expect(isnan(footprint(o1, 1, &err)));
  cr_expect_eq(err.code, PCF_ERR_NOT_FOUND);
  cr_expect(strstr(err.message, "NOPE") != NULL, "%s", err.message);
  pcf_override o2[] = {{"bom", "Body.material", "unobtainium"}};
  cr_expect(isnan(footprint(o2, 1, &err)));
  cr_expect(strstr(err.message, "unobtainium") != NULL, "%s", err.message);
  pcf_override o3[] = {{"manufacturing", "electricity CN", "-1 kWh"}};
  cr_expect(isnan(footprint(o3, 1, &err)));
  cr_expect(strstr(err.message, "negative") != NULL, "%s", err.message);
}
