/* test_eol_case.c: the aluminium bracket (cases/aluminium-bracket) in three designs under cut-off
 * and the Circular Footprint Formula, against cases/aluminium-bracket/calc.py (dataset values read
 * from the XML, biogenic CO2 at +1/-1 as ISO 14067 counts it: primary aluminium Ev 8.953725,
 * recycled Erec 0.670839, recycling metal 0.004686, landfill metal 0.008983 kg CO2e/kg; A = 0.2,
 * Q = 1):
 *   design                  rule     footprint   module D    net
 *   virgin                  cut-off  8.956420    0           8.956420
 *   virgin                  cff      8.959044   -5.014086    3.944958
 *   50 % recycled           cut-off  4.814977    0           4.814977
 *   50 % recycled           cff      8.130755   -5.014086    3.116669
 *   design for disassembly  cut-off  8.954174    0           8.954174
 *   design for disassembly  cff      8.957735   -6.804831    2.152904
 * Under cut-off the recycled part wins; under the CFF (net of credits) design for disassembly
 * does: the rule changes the ranking. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "pcf/footprint.h"

#define BRACKET PCF_SOURCE_DIR "/cases/aluminium-bracket/product.ini"

static pcf_data *data;

static void setup(void) {
  pcf_data_options o = {.bundled = 1};
  pcf_error err = {0};
  cr_assert_eq(pcf_data_open(&data, &o, &err), 0, "%s", err.message);
}
static void teardown(void) { pcf_data_free(data); }
TestSuite(eol_case, .init = setup, .fini = teardown);

static void run(const pcf_override *o, size_t n, double footprint, double module_d) {
  pcf_product *p = NULL;
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_product_read_with(&p, BRACKET, o, n, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_footprint_product(&r, data, p, &err), 0, "%s", err.message);
  cr_expect_float_eq(pcf_result_value(r, PCF_TOTAL), footprint, 2e-6, "footprint %.6f", pcf_result_value(r, PCF_TOTAL));
  cr_expect_float_eq(pcf_result_module_d(r, PCF_TOTAL), module_d, 2e-6, "module D %.6f",
                     pcf_result_module_d(r, PCF_TOTAL));
  pcf_result_free(r);
  pcf_product_free(p);
}

static const pcf_override CFF = {"end_of_life", "rule", "cff"};
static const pcf_override RECYCLED = {"bom", "Bracket.recycled_content", "50%"};
static const pcf_override DFD = {"end_of_life", "metal", "recycling 0.95, landfill 0.05"};

Test(eol_case, virgin) {
  run(NULL, 0, 8.956420, 0);
  run(&CFF, 1, 8.959044, -5.014086);
}

Test(eol_case, recycled_content) {
  run(&RECYCLED, 1, 4.814977, 0);
  pcf_override o[] = {RECYCLED, CFF};
  run(o, 2, 8.130755, -5.014086);
}

Test(eol_case, design_for_disassembly) {
  run(&DFD, 1, 8.954174, 0);
  pcf_override o[] = {DFD, CFF};
  run(o, 2, 8.957735, -6.804831);
}

Test(eol_case, invalid_shares_are_errors) {
  pcf_product *p = NULL;
  pcf_error err = {0};
  pcf_override o1[] = {{"end_of_life", "metal", "recycling 0.8, landfill 0.3"}};
  cr_expect_eq(pcf_product_read_with(&p, BRACKET, o1, 1, &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "sum to 1.1"), "%s", err.message);
  pcf_product_free(p);
  pcf_override o2[] = {{"end_of_life", "metal", "recycling 120%, landfill -20%"}};
  cr_expect_eq(pcf_product_read_with(&p, BRACKET, o2, 1, &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "0..1"), "%s", err.message);
  pcf_product_free(p);
  pcf_override o3[] = {{"end_of_life", "metal", "composting 1"}};
  cr_expect_eq(pcf_product_read_with(&p, BRACKET, o3, 1, &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "composting"), "%s", err.message);
  pcf_product_free(p);
  pcf_override o4[] = {{"bom", "Bracket.recycled_content", "150%"}};
  cr_expect_eq(pcf_product_read_with(&p, BRACKET, o4, 1, &err), PCF_ERR_INPUT);
  pcf_product_free(p);
}
