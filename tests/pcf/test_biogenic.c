/* test_biogenic.c: biogenic CO2 as ISO 14067 counts it (ISO 14067:2018, 6.4.9.2; system.h): +1 per
 * kg emitted, -1 per kg taken up from air, in the total and the biogenic indicators, whatever the
 * method's own factor (the bundled EF 3.1 AR6 method gives these flows 0); the total without
 * biogenic CO2 beside it. Small ILCD processes written here, on top of the bundled elementary flows
 * and method:
 *   EMIT   makes 1 kg of X and emits 1 kg of "carbon dioxide (biogenic)" (air, unspecified);
 *   UPTAKE makes 1 kg of Y and takes 1 kg of "carbon dioxide (biogenic)" from air;
 *   WOOD   makes 1 kg of wood, takes up 44/12 x 0.5 = 1.833333 kg of biogenic CO2 (its 0.5 kg of
 *          carbon) and emits 0.2 kg of fossil CO2;
 *   BURN   treats 1 kg of waste wood (the reference flow is the waste Input) and emits its
 *          1.833333 kg of biogenic CO2 (non-urban air).
 * A wooden product of 2 kg of wood, burnt at end of life:
 *   cradle to grave  total 2 x (0.2 - 1.833333 + 1.833333) = 0.4 = the total without biogenic CO2;
 *   cradle to gate   total 2 x (0.2 - 1.833333) = -3.266667, without biogenic CO2 0.4.
 * So a product whose biogenic carbon all returns to air nets to the same total both ways over its
 * life, but not at the gate, where the carbon it holds counts as a removal. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcf/footprint.h"
#include "../scratch_base.h"

#define MASS "93a60a56-a3c8-11da-a746-0800200b9a66"
#define CO2_FOSSIL "08a91e70-3ddc-11dd-923d-0050c2490048"       /* air, unspecified */
#define CO2_BIO "08a91e70-3ddc-11dd-9c15-0050c2490048"          /* air, unspecified */
#define CO2_BIO_STACK "08a91e70-3ddc-11dd-9241-0050c2490048"    /* non-urban air or high stacks */
#define CO2_BIO_FROM_AIR "da174fac-e567-42d3-99b5-a688913dc88e" /* renewable resources from air */
#define X "cccccccc-0000-4000-8000-000000000001"
#define Y "cccccccc-0000-4000-8000-000000000002"
#define WOOD_FLOW "cccccccc-0000-4000-8000-000000000003"
#define WASTE_WOOD "cccccccc-0000-4000-8000-000000000004"
#define EMIT "dddddddd-0000-4000-8000-000000000001"
#define UPTAKE "dddddddd-0000-4000-8000-000000000002"
#define WOOD "dddddddd-0000-4000-8000-000000000003"
#define BURN "dddddddd-0000-4000-8000-000000000004"

static const double WOOD_CO2 = 44.0 / 12.0 * 0.5; /* kg CO2 in 1 kg of wood at 0.5 kg C/kg */

static char dir[64];

static void write_file(const char *name, const char *text) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  cr_assert(f, "%s", path);
  fputs(text, f);
  fclose(f);
}

static void flow(const char *uuid, const char *name, const char *type) {
  char xml[2048], file[64];
  snprintf(xml, sizeof xml,
           "<flowDataSet xmlns=\"http://lca.jrc.it/ILCD/Flow\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">"
           "<flowInformation><dataSetInformation><common:UUID>%s</common:UUID><name><baseName>%s</baseName></name>"
           "</dataSetInformation><quantitativeReference><referenceToReferenceFlowProperty>0"
           "</referenceToReferenceFlowProperty></quantitativeReference></flowInformation><modellingAndValidation>"
           "<LCIMethod><typeOfDataSet>%s</typeOfDataSet></LCIMethod></modellingAndValidation><flowProperties>"
           "<flowProperty dataSetInternalID=\"0\"><referenceToFlowPropertyDataSet refObjectId=\"" MASS
           "\"/>"
           "<meanValue>1</meanValue></flowProperty></flowProperties></flowDataSet>",
           uuid, name, type);
  snprintf(file, sizeof file, "flow-%s.xml", uuid);
  write_file(file, xml);
}

typedef struct ex {
  const char *flow, *direction;
  double amount;
} ex;

/* A process whose reference is its first exchange. */
static void process(const char *uuid, const char *name, const ex *e, size_t n) {
  char xml[8192], file[64];
  int len = snprintf(xml, sizeof xml,
                     "<processDataSet xmlns=\"http://lca.jrc.it/ILCD/Process\" "
                     "xmlns:common=\"http://lca.jrc.it/ILCD/Common\"><processInformation><dataSetInformation>"
                     "<common:UUID>%s</common:UUID><name><baseName>%s</baseName></name></dataSetInformation>"
                     "<quantitativeReference><referenceToReferenceFlow>0</referenceToReferenceFlow>"
                     "</quantitativeReference></processInformation><exchanges>",
                     uuid, name);
  for (size_t i = 0; i < n; i++)
    len += snprintf(xml + len, sizeof xml - (size_t)len,
                    "<exchange dataSetInternalID=\"%zu\"><referenceToFlowDataSet refObjectId=\"%s\"/>"
                    "<exchangeDirection>%s</exchangeDirection><meanAmount>%.17g</meanAmount></exchange>",
                    i, e[i].flow, e[i].direction, e[i].amount);
  snprintf(xml + len, sizeof xml - (size_t)len, "</exchanges></processDataSet>");
  snprintf(file, sizeof file, "process-%s.xml", uuid);
  write_file(file, xml);
}

static pcf_data *data;

static void setup(void) {
  snprintf(dir, sizeof dir, "%s/pcf-test-biogenic-XXXXXX", scratch_base());
  cr_assert(mkdtemp(dir));
  flow(X, "product x", "Product flow");
  flow(Y, "product y", "Product flow");
  flow(WOOD_FLOW, "sawn wood", "Product flow");
  flow(WASTE_WOOD, "waste wood, to incineration", "Waste flow");
  process(EMIT, "emits biogenic CO2", (ex[]){{X, "Output", 1}, {CO2_BIO, "Output", 1}}, 2);
  process(UPTAKE, "takes up biogenic CO2", (ex[]){{Y, "Output", 1}, {CO2_BIO_FROM_AIR, "Input", 1}}, 2);
  process(WOOD, "sawn wood",
          (ex[]){{WOOD_FLOW, "Output", 1}, {CO2_BIO_FROM_AIR, "Input", WOOD_CO2}, {CO2_FOSSIL, "Output", 0.2}}, 3);
  process(BURN, "incineration of wood", (ex[]){{WASTE_WOOD, "Input", 1}, {CO2_BIO_STACK, "Output", WOOD_CO2}}, 2);
  const char *paths[] = {dir};
  pcf_data_options o = {.bundled = 1, .paths = paths, .n_paths = 1};
  pcf_error err = {0};
  cr_assert_eq(pcf_data_open(&data, &o, &err), 0, "%s", err.message);
}

static void teardown(void) {
  pcf_data_free(data);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_expect_eq(system(cmd), 0);
}

TestSuite(biogenic, .init = setup, .fini = teardown);

static pcf_result *of_process(const char *uuid) {
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_footprint_process(&r, data, uuid, &err), 0, "%s", err.message);
  return r;
}

Test(biogenic, one_kg_emitted_counts_plus_one) {
  pcf_result *r = of_process(EMIT);
  cr_expect_float_eq(pcf_result_value(r, PCF_TOTAL), 1.0, 1e-12);
  cr_expect_float_eq(pcf_result_value(r, PCF_BIOGENIC_EMISSIONS), 1.0, 1e-12);
  cr_expect_float_eq(pcf_result_value(r, PCF_BIOGENIC_REMOVALS), 0.0, 1e-12);
  cr_expect_float_eq(pcf_result_value(r, PCF_FOSSIL), 0.0, 1e-12);
  cr_expect_float_eq(pcf_result_biogenic_co2_kg(r, PCF_CO2_EMITTED), 1.0, 1e-12);
  cr_expect_float_eq(pcf_result_excluding_biogenic_co2(r), 0.0, 1e-12);
  /* The flow contribution carries the same +1, so flows still add up to the total. */
  cr_assert_eq(pcf_result_flow_count(r), 1);
  cr_expect_float_eq(pcf_result_flow(r, 0)->total, 1.0, 1e-12);
  pcf_result_free(r);
}

Test(biogenic, one_kg_taken_up_counts_minus_one) {
  pcf_result *r = of_process(UPTAKE);
  cr_expect_float_eq(pcf_result_value(r, PCF_TOTAL), -1.0, 1e-12);
  cr_expect_float_eq(pcf_result_value(r, PCF_BIOGENIC_REMOVALS), -1.0, 1e-12);
  cr_expect_float_eq(pcf_result_value(r, PCF_BIOGENIC_EMISSIONS), 0.0, 1e-12);
  cr_expect_float_eq(pcf_result_biogenic_co2_kg(r, PCF_CO2_TAKEN_UP), -1.0, 1e-12);
  cr_expect_float_eq(pcf_result_excluding_biogenic_co2(r), 0.0, 1e-12);
  pcf_result_free(r);
}

Test(biogenic, wood_burnt_at_end_of_life_nets_out_over_its_life_not_at_the_gate) {
  write_file("bom.csv", "level,part number,name,quantity,unit,material,mass (kg)\n0,W-1,Stool,1,pcs,hand wood,2\n");
  write_file("materials.csv", "name,process,family,note\nhand wood," WOOD ",wood,written by the test\n");
  write_file("services.csv", "name,process,kind\nincineration wood," BURN ",end-of-life\n");
  write_file("product.ini",
             "[product]\nname = Stool\ndeclared_unit = 1 piece\nbom = bom.csv\n"
             "materials = materials.csv\nservices = services.csv\n"
             "[end_of_life]\nwood = incineration 1\n");
  char path[256];
  snprintf(path, sizeof path, "%s/product.ini", dir);
  pcf_product *p = NULL;
  pcf_data *d = NULL;
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_product_read(&p, path, &err), 0, "%s", err.message);
  const char *paths[] = {dir};
  pcf_data_options o = {.bundled = 1, .paths = paths, .n_paths = 1};
  cr_assert_eq(pcf_data_open_product(&d, p, &o, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_footprint_product(&r, d, p, &err), 0, "%s", err.message);
  /* Cradle to grave: 2 x (0.2 - 1.833333 + 1.833333) = 0.4 both ways. */
  cr_expect_float_eq(pcf_result_value(r, PCF_TOTAL), 0.4, 1e-12);
  cr_expect_float_eq(pcf_result_excluding_biogenic_co2(r), 0.4, 1e-12);
  cr_expect_float_eq(pcf_result_biogenic_co2_kg(r, PCF_CO2_EMITTED), 2 * WOOD_CO2, 1e-12);
  cr_expect_float_eq(pcf_result_biogenic_co2_kg(r, PCF_CO2_TAKEN_UP), -2 * WOOD_CO2, 1e-12);
  /* Cradle to gate: the carbon the wood holds is a removal, 0.4 - 3.666667 = -3.266667. */
  cr_expect_float_eq(pcf_result_cradle_to_gate(r), 0.4 - 2 * WOOD_CO2, 1e-12);
  cr_expect_float_eq(pcf_result_stage_excluding_biogenic_co2(r, PCF_STAGE_RAW_MATERIALS), 0.4, 1e-12);
  cr_expect_float_eq(pcf_result_stage(r, PCF_STAGE_END_OF_LIFE, PCF_TOTAL), 2 * WOOD_CO2, 1e-12);
  pcf_result_free(r);
  pcf_data_free(d);
  pcf_product_free(p);
}
