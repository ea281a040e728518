/* test_eol_carbon.c: end of life by the material's own carbon (pcf/src/eol_carbon.h), with the
 * bundled data, against hand calculations from the sources the datasets cite:
 *   - the textile incinerator (IPCC 2006 Vol. 5: average textile waste, dry matter 0.8, carbon 0.5
 *     of it, 20 % fossil: 0.08 kg fossil C and 0.32 kg biogenic C per kg) emits per kg CH4 0.2e-6
 *     kg (split 20/80 fossil/biogenic, AR6 29.8 / 27.0), N2O 50e-6 kg (AR6 273), and takes 1 kg of
 *     delivery to the plant (DESNZ 2025, 4.68568 kg CO2e/t);
 *   - polyester (PET, C10H8O4) holds 10 x 12.011 / 192.17 kg of carbon per kg, all fossil; cotton
 *     (cellulose, C6H10O5) 6 x 12.011 / 162.141, all biogenic (IUPAC atomic weights);
 *   - textile landfill (DESNZ 2025 clothing, 496.78228 kg CO2e/t) is 8.98311 kg CO2e/t of
 *     collection, transport and operation (DESNZ's figure for waste that does not degrade) plus
 *     487.79917 from the degradation of its 0.32 kg of biogenic carbon per kg.
 * Burnt, each kg of carbon is 44/12 kg of CO2 (oxidation factor 1); landfilled, only biogenic carbon
 * degrades. Polyester burnt as "textile" was 0.293 kg of fossil CO2 per kg before: now 2.29. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcf/footprint.h"
#include "../scratch_base.h"

static const double PET_C = 10 * 12.011 / (10 * 12.011 + 8 * 1.008 + 4 * 15.999);
static const double CELLULOSE_C = 6 * 12.011 / (6 * 12.011 + 10 * 1.008 + 5 * 15.999);
static const double C_TO_CO2 = 44.0 / 12.0;
/* What the incinerator emits besides the waste's CO2, per kg. */
static const double INCINERATOR_OTHER = 0.2e-6 * (0.2 * 29.8 + 0.8 * 27.0) + 50e-6 * 273 + 4.68568e-3;
static const double LANDFILL_OPERATION = 8.98311e-3, TEXTILE_DEGRADATION = 487.79917e-3, TEXTILE_BIOGENIC_C = 0.32;

static char dir[64];

static void write_file(const char *name, const char *text) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  cr_assert(f, "%s", path);
  fputs(text, f);
  fclose(f);
}

/* One kg of material, its end of life as given, cut-off; the result's end-of-life stage and the
 * named line's values. */
static pcf_result *footprint(const char *material, const char *eol) {
  snprintf(dir, sizeof dir, "%s/pcf-test-eolc-XXXXXX", scratch_base());
  cr_assert(mkdtemp(dir));
  char text[512];
  snprintf(text, sizeof text, "level,part number,name,quantity,unit,material,mass (kg)\n0,P-1,Part,1,pcs,%s,1\n",
           material);
  write_file("bom.csv", text);
  snprintf(text, sizeof text, "[product]\nname = Part\ndeclared_unit = 1 piece\nbom = bom.csv\n[end_of_life]\n%s\n",
           eol);
  write_file("product.ini", text);
  char path[256];
  snprintf(path, sizeof path, "%s/product.ini", dir);
  pcf_product *p = NULL;
  pcf_data *d = NULL;
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_product_read(&p, path, &err), 0, "%s", err.message);
  pcf_data_options o = {.bundled = 1};
  cr_assert_eq(pcf_data_open_product(&d, p, &o, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_footprint_product(&r, d, p, &err), 0, "%s", err.message);
  pcf_data_free(d);
  pcf_product_free(p);
  snprintf(text, sizeof text, "rm -rf '%s'", dir);
  cr_expect_eq(system(text), 0);
  return r;
}

static int warned(const pcf_result *r, const char *what) {
  for (size_t i = 0; i < pcf_result_warning_count(r); i++)
    if (strstr(pcf_result_warning(r, i), what)) return 1;
  return 0;
}

Test(eol_carbon, polyester_burns_its_own_fossil_carbon) {
  pcf_result *r = footprint("polyester", "textile = incineration 1");
  double eol = pcf_result_stage(r, PCF_STAGE_END_OF_LIFE, PCF_TOTAL);
  /* 0.625 kg of fossil C: 2.2917 kg of fossil CO2, no biogenic CO2 (the average textile's 1.1733
   * kg of biogenic CO2 is gone). */
  cr_expect_float_eq(eol, PET_C * C_TO_CO2 + INCINERATOR_OTHER, 1e-9, "end of life %.9f", eol);
  cr_expect_float_eq(pcf_result_stage(r, PCF_STAGE_END_OF_LIFE, PCF_BIOGENIC_EMISSIONS), 0.2e-6 * 0.8 * 27.0, 1e-12,
                     "only the biogenic methane stays biogenic: %.12g",
                     pcf_result_stage(r, PCF_STAGE_END_OF_LIFE, PCF_BIOGENIC_EMISSIONS));
  cr_expect_float_eq(pcf_result_biogenic_co2_kg(r, PCF_CO2_EMITTED), 0, 1e-12);
  cr_expect(!warned(r, "declares no carbon content"));
  pcf_result_free(r);
}

Test(eol_carbon, cotton_burns_biogenic_carbon_it_took_up) {
  pcf_result *r = footprint("cotton yarn", "textile = incineration 1");
  /* 0.4445 kg of biogenic C: 1.6297 kg of biogenic CO2 emitted at +1, and taken up at -1 in raw
   * materials (the yarn's dataset publishes a CO2e total and records no uptake). */
  double co2 = CELLULOSE_C * C_TO_CO2;
  cr_expect_float_eq(pcf_result_stage(r, PCF_STAGE_END_OF_LIFE, PCF_TOTAL), co2 + INCINERATOR_OTHER, 1e-9);
  cr_expect_float_eq(pcf_result_biogenic_co2_kg(r, PCF_CO2_EMITTED), co2, 1e-9);
  cr_expect_float_eq(pcf_result_biogenic_co2_kg(r, PCF_CO2_TAKEN_UP), -co2, 1e-9);
  cr_expect_float_eq(pcf_result_stage(r, PCF_STAGE_RAW_MATERIALS, PCF_BIOGENIC_REMOVALS), -co2, 1e-9);
  /* Over the life the carbon nets out: with and without biogenic CO2 the same. */
  cr_expect_float_eq(pcf_result_value(r, PCF_TOTAL), pcf_result_excluding_biogenic_co2(r), 1e-9);
  pcf_result_free(r);
}

Test(eol_carbon, landfill_degrades_biogenic_carbon_only) {
  /* Polyester: no biogenic carbon, nothing degrades: the landfill operation alone. */
  pcf_result *r = footprint("polyester", "textile = landfill 1");
  cr_expect_float_eq(pcf_result_stage(r, PCF_STAGE_END_OF_LIFE, PCF_TOTAL), LANDFILL_OPERATION, 1e-12);
  pcf_result_free(r);
  /* Cotton: the degradation of the average textile's biogenic carbon, scaled to cotton's. */
  r = footprint("cotton yarn", "textile = landfill 1");
  cr_expect_float_eq(pcf_result_stage(r, PCF_STAGE_END_OF_LIFE, PCF_TOTAL),
                     LANDFILL_OPERATION + TEXTILE_DEGRADATION * CELLULOSE_C / TEXTILE_BIOGENIC_C, 1e-9);
  pcf_result_free(r);
}

Test(eol_carbon, material_without_carbon_content_takes_the_family_and_says_so) {
  /* DESNZ "clothing" (finished garments, a mix) declares no carbon content: the average textile
   * waste's carbon stays, 0.08 kg fossil and 0.32 kg biogenic C per kg, and the result says so. */
  pcf_result *r = footprint("clothing", "textile = incineration 1");
  cr_expect_float_eq(pcf_result_stage(r, PCF_STAGE_END_OF_LIFE, PCF_TOTAL),
                     (0.08 + 0.32) * C_TO_CO2 + INCINERATOR_OTHER, 1e-9);
  cr_expect(warned(r, "declares no carbon content"));
  pcf_result_free(r);
}
