/* test_pact_read.c: PACT documents read back as supplier-specific PCFs (pcf_pact_read): v2 and v3
 * fixtures (tests/fixtures/pact/, written for these tests), bad input, and the round trip
 * toy car -> PACT (cradle to gate) -> supplier PCF of a BOM line -> the same total. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pcf/footprint.h"
#include "pcf/pact.h"
#include "cli_test.h"

#define FIX PCF_SOURCE_DIR "/tests/fixtures/pact/"

Test(pact_read, v2_document) {
  pcf_pact_footprint f;
  pcf_error err = {0};
  cr_assert_eq(pcf_pact_read(&f, FIX "supplier-v2.json", &err), 0, "%s", err.message);
  cr_expect_str_eq(f.declared_unit, "kilogram");
  cr_expect_str_eq(f.unit, "kg");
  cr_expect_eq(f.kg_co2e_per_unit, 3.125, "v2 values are per one declared unit");
  cr_expect_eq(f.kg_co2e_per_unit_including_biogenic, 3.1);
  cr_expect_eq(f.unitary_product_amount, 25);
  cr_expect_eq(f.product_mass_kg_per_unit, 1);
  cr_expect_str_eq(f.product_name, "ABS 750");
  cr_expect_str_eq(f.id, "3f0b6c2e-4b8e-4a1f-9d2a-6c3e5b7a9f10");
}

Test(pact_read, v3_document_in_a_list_response) {
  pcf_pact_footprint f;
  pcf_error err = {0};
  cr_assert_eq(pcf_pact_read(&f, FIX "supplier-v3.json", &err), 0, "%s", err.message);
  cr_expect_str_eq(f.unit, "l");
  /* v3: 24 kg CO2e for the declared unit of 12 liter -> 2 per liter; 9.5 kg per 12 l. */
  cr_expect_float_eq(f.kg_co2e_per_unit, 2.0, 1e-12);
  cr_expect_float_eq(f.kg_co2e_per_unit_including_biogenic, 0.5, 1e-12);
  cr_expect_float_eq(f.product_mass_kg_per_unit, 9.5 / 12, 1e-12);
  cr_expect_str_eq(f.spec_version, "3.0.0");
}

Test(pact_read, bad_documents) {
  char dir[] = "/tmp/pcf-pactr-XXXXXX", path[256];
  cr_assert(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/x.json", dir);
  struct {
    const char *text;
    int code;
    const char *message;
  } cases[] = {
      {"{\"id\": 1,\n\"pcf\": {", PCF_ERR_PARSE, "not JSON"},
      {"[1, 2]", PCF_ERR_INPUT, "ProductFootprint"},
      {"{\"data\": [{}, {}]}", PCF_ERR_INPUT, "ProductFootprint"},
      {"{\"pcf\": {\"declaredUnit\": \"bag\", \"unitaryProductAmount\": \"1\", \"pCfExcludingBiogenic\": \"1\"}}",
       PCF_ERR_INPUT, "declared unit"},
      {"{\"pcf\": {\"declaredUnit\": \"kilogram\", \"unitaryProductAmount\": \"0\", \"pCfExcludingBiogenic\": \"1\"}}",
       PCF_ERR_INPUT, "above 0"},
      {"{\"pcf\": {\"declaredUnit\": \"kilogram\", \"unitaryProductAmount\": \"1\", \"pCfExcludingBiogenic\": "
       "\"1,5\"}}",
       PCF_ERR_INPUT, "pCfExcludingBiogenic"},
      {"{\"pcf\": {\"declaredUnit\": \"kilogram\", \"unitaryProductAmount\": \"1\"}}", PCF_ERR_INPUT,
       "pCfExcludingBiogenic"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    write_file(path, cases[i].text);
    pcf_pact_footprint f;
    pcf_error err = {0};
    cr_expect_eq(pcf_pact_read(&f, path, &err), cases[i].code, "case %zu: %s", i, err.message);
    cr_expect(strstr(err.message, cases[i].message), "case %zu: \"%s\" lacks \"%s\"", i, err.message, cases[i].message);
  }
  pcf_pact_footprint f;
  pcf_error err = {0};
  cr_expect_eq(pcf_pact_read(&f, "/nonexistent/x.json", &err), PCF_ERR_IO);
  unlink(path);
  rmdir(dir);
}

static pcf_result *footprint(const char *product_path, pcf_product **product, pcf_data **data) {
  pcf_error err = {0};
  cr_assert_eq(pcf_product_read(product, product_path, &err), 0, "%s: %s", product_path, err.message);
  pcf_data_options o = {.bundled = 1};
  cr_assert_eq(pcf_data_open_product(data, *product, &o, &err), 0, "%s", err.message);
  pcf_result *r = NULL;
  cr_assert_eq(pcf_footprint_product(&r, *data, *product, &err), 0, "%s", err.message);
  return r;
}

/* The toy car's PACT document, read back, gives per kilogram the cradle-to-gate footprint that a
 * buyer's BOM line (one toy car of 0.170 kg, supplier PCF per kg) turns back into the same total. */
Test(pact_read, round_trip_through_a_bom_line) {
  char dir[] = "/tmp/pcf-pactrt-XXXXXX", path[512], text[1024];
  cr_assert(mkdtemp(dir));
  setenv("PCF_PACT_ID", "8c0b3c1e-8b8a-4d55-9c2f-3f1c3a7e9d10", 1);
  pcf_product *product = NULL;
  pcf_data *data = NULL;
  pcf_result *r = footprint(PCF_SOURCE_DIR "/cases/toy-car/product.ini", &product, &data);
  pcf_profile *profile = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_profile_read(&profile, PCF_SOURCE_DIR "/cases/profile.ini", &err), 0);
  snprintf(path, sizeof path, "%s/toy-car.pact.json", dir);
  FILE *f = fopen(path, "w");
  pcf_pact_options o = {.profile = profile, .product = product, .db = pcf_data_db(data), .method = "AR6"};
  cr_assert_eq(pcf_pact_write(r, &o, f, &err), 0, "%s", err.message);
  fclose(f);
  /* PACT's boundary, cradle to gate, without biogenic CO2 (pCfExcludingBiogenic). */
  double total = pcf_result_stage_excluding_biogenic_co2(r, PCF_STAGE_RAW_MATERIALS) +
                 pcf_result_stage_excluding_biogenic_co2(r, PCF_STAGE_PRODUCTION);

  pcf_pact_footprint pf;
  cr_assert_eq(pcf_pact_read(&pf, path, &err), 0, "%s", err.message);
  cr_expect_str_eq(pf.unit, "kg");
  cr_expect_float_eq(pf.kg_co2e_per_unit * pf.unitary_product_amount, total, 1e-9 * total);
  /* pCfIncludingBiogenic = excluding + biogenic CO2 emitted + withdrawal: the car's materials hold
   * no biogenic carbon (withdrawal 0) and its chain takes up none, so it is pcf's ISO 14067 cradle-
   * to-gate total, which counts the steel's 3.6 mg of biogenic CO2 at +1. */
  cr_expect_float_eq(pf.kg_co2e_per_unit_including_biogenic * pf.unitary_product_amount, pcf_result_cradle_to_gate(r),
                     1e-9 * total);
  cr_expect_gt(pcf_result_cradle_to_gate(r) - total, 3e-6, "the biogenic CO2 is counted");

  /* A buyer's product made of that toy car only. */
  snprintf(path, sizeof path, "%s/bom.csv", dir);
  snprintf(text, sizeof text,
           "level,part number,name,quantity,unit,supplier pcf (kg CO2e/kg),mass (kg)\n"
           "0,TC-100,%s,1,pcs,%.17g,%.17g\n",
           "Toy car", pf.kg_co2e_per_unit, pf.unitary_product_amount);
  write_file(path, text);
  snprintf(path, sizeof path, "%s/product.ini", dir);
  write_file(path, "[product]\nname = Bought-in toy car\ndeclared_unit = 1 piece\nbom = bom.csv\n");
  pcf_product *p2 = NULL;
  pcf_data *d2 = NULL;
  pcf_result *r2 = footprint(path, &p2, &d2);
  cr_expect_float_eq(pcf_result_value(r2, PCF_TOTAL), total, 1e-9 * total, "round trip %.12g vs %.12g",
                     pcf_result_value(r2, PCF_TOTAL), total);
  cr_expect_float_eq(pcf_result_primary_share(r2), 1.0, 1e-12, "the line is primary data");

  pcf_result_free(r2);
  pcf_data_free(d2);
  pcf_product_free(p2);
  pcf_profile_free(profile);
  pcf_result_free(r);
  pcf_data_free(data);
  pcf_product_free(product);
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  cr_expect_eq(system(cmd), 0);
}
