/* test_carbon_content.c: the carbon a product contains, from the carbon content flow properties of
 * its BOM's datasets (datasets/tools/carbon.py writes them for the bundled materials).
 *
 * Hand calculations with the IUPAC standard atomic weights (C 12.011, H 1.008, O 15.999, Cl 35.45):
 *  - electric kettle (cases/electric-kettle/bom.csv): PP 0.600 kg x 3C/(3C+6H) = 0.600 x 0.856277
 *    = 0.513766; PVC 0.060 kg x 2C/(2C+3H+Cl) = 0.060 x 0.384377 = 0.023063; stainless steel and
 *    copper carry none: fossil 0.536829 kg C, biogenic 0; all four lines declared.
 *  - cotton T-shirt: 0.200 kg of cotton (net mass; spinning losses are scrap, not product) x
 *    cellulose 6C/(6C+10H+5O) = 0.200 x 0.444465 = 0.088893 kg C biogenic.
 *  - toy car: ABS (a copolymer) declares nothing: 2 of 3 lines covered, a lower bound.
 *  - fire-rated partition: the fire curtain (an EPD in m2) and the supplier's motor have no mass
 *    and no declared content: 1 of 3 lines (the steel rail, 0 kg C). */
#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "cli_test.h"
#include "pcf/footprint.h"
#include "pcf/product.h"

static pcf_carbon_content carbon_of(const char *case_name) {
  char path[512];
  snprintf(path, sizeof path, PCF_SOURCE_DIR "/cases/%s/product.ini", case_name);
  pcf_error err = {0};
  pcf_product *p = NULL;
  cr_assert_eq(pcf_product_read(&p, path, &err), 0, "%s: %s", path, err.message);
  pcf_data *d = NULL;
  pcf_data_options o = {.bundled = 1};
  cr_assert_eq(pcf_data_open_product(&d, p, &o, &err), 0, "%s", err.message);
  pcf_result *r = NULL;
  cr_assert_eq(pcf_footprint_product(&r, d, p, &err), 0, "%s", err.message);
  pcf_carbon_content c = *pcf_result_carbon_content(r);
  pcf_result_free(r);
  pcf_data_free(d);
  pcf_product_free(p);
  return c;
}

Test(carbon_content, kettle_from_the_polymer_formulas) {
  pcf_carbon_content c = carbon_of("electric-kettle");
  cr_expect(fabs(c.fossil_kg - 0.536829) < 1e-6, "fossil %.9g kg C", c.fossil_kg);
  cr_expect_float_eq(c.biogenic_kg, 0.0, 1e-15);
  cr_expect_eq(c.lines, 4);
  cr_expect_eq(c.fossil_lines, 4);
  cr_expect_eq(c.biogenic_lines, 4);
}

Test(carbon_content, tshirt_is_cellulose) {
  pcf_carbon_content c = carbon_of("cotton-tshirt");
  cr_expect(fabs(c.biogenic_kg - 0.088893) < 1e-6, "biogenic %.9g kg C", c.biogenic_kg);
  cr_expect_float_eq(c.fossil_kg, 0.0, 1e-15);
  cr_expect_eq(c.biogenic_lines, c.lines);
}

Test(carbon_content, undeclared_lines_make_lower_bounds) {
  pcf_carbon_content c = carbon_of("toy-car");
  cr_expect_eq(c.lines, 3);
  cr_expect_eq(c.fossil_lines, 2);
  c = carbon_of("fire-partition");
  cr_expect_eq(c.lines, 3);
  cr_expect_eq(c.fossil_lines, 1);
  cr_expect_eq(c.biogenic_lines, 1);
}

/* PACT takes the BOM's carbon content when the profile gives none and every line declares it: the
 * kettle is declared per kilogram (a piece has no PACT unit), so 0.536829 kg C / 0.950 kg of product
 * = 0.565083 kg C per kg. */
Test(carbon_content, pact_uses_the_bom_when_the_profile_is_silent) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd,
           "%s footprint %s/cases/electric-kettle/product.ini --format pact --profile %s/cases/profile.ini", PCF_BINARY,
           PCF_SOURCE_DIR, PCF_SOURCE_DIR);
  json_t *doc = command_json(cmd);
  json_t *pcf = json_object_get(doc, "pcf");
  double fossil = strtod(json_string_value(json_object_get(pcf, "fossilCarbonContent")), NULL);
  double bio = strtod(json_string_value(json_object_get(pcf, "biogenicCarbonContent")), NULL);
  cr_expect(fabs(fossil - 0.536829 / 0.950) < 1e-5, "fossilCarbonContent %.9g", fossil);
  cr_expect_float_eq(bio, 0.0, 1e-15);
  /* Every line declares it: the comment says where it comes from, and not that it is a bound. */
  const char *comment = json_string_value(json_object_get(doc, "comment"));
  cr_expect(strstr(comment, "carbon content determined by pcf from the product's BOM") != NULL, "%s", comment);
  cr_expect(strstr(comment, "lower bound") == NULL, "%s", comment);
  json_decref(doc);
}

/* When some lines declare no carbon content, PACT gets the sum of those that do, said to be a
 * lower bound with its coverage (rather than 0 "not determined"). Toy car: PP wheels 4 x 0.0075 kg
 * x 3C/(3C+6H) 0.856277 = 0.0256883 kg C, steel axles 0, ABS body undeclared; per kg of product
 * (0.170 kg, PACT v2 has no piece): 0.151108 kg C/kg. */
Test(carbon_content, pact_states_a_lower_bound) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "%s footprint %s/cases/toy-car/product.ini --format pact --profile %s/cases/profile.ini",
           PCF_BINARY, PCF_SOURCE_DIR, PCF_SOURCE_DIR);
  json_t *doc = command_json(cmd);
  json_t *pcf = json_object_get(doc, "pcf");
  double fossil = strtod(json_string_value(json_object_get(pcf, "fossilCarbonContent")), NULL);
  cr_expect(fabs(fossil - 0.030 * 0.856277 / 0.170) < 1e-5, "fossilCarbonContent %.9g", fossil);
  const char *comment = json_string_value(json_object_get(doc, "comment"));
  cr_expect(strstr(comment, "lower bounds, declared for 2 (fossil) and 2 (biogenic) of 3 BOM lines") != NULL, "%s",
            comment);
  cr_expect(strstr(comment, "not determined") == NULL, "%s", comment);
  json_decref(doc);
}
