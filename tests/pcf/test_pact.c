/* test_pact.c: the PACT ProductFootprint writer and reader (pcf/src/pact_*.c, dqr.c).
 * - the toy car's document field by field against values worked out by hand from
 *   cases/toy-car/expected.json and NOTES.md (BOM mass 0.120 + 4 x 0.0075 + 2 x 0.010 = 0.170 kg);
 * - every case's document checked against the PACT v2.3.1 schema constraints (pact_schema.h),
 *   and broken documents that must fail that check;
 * - profile errors; reading PACT back (v2 and v3), and the round trip PACT -> supplier PCF of a
 *   BOM line -> the same total. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pact_schema.h"
#include "pcf/footprint.h"
#include "pcf/pact.h"
#include "cli_test.h"

#define PROFILE PCF_SOURCE_DIR "/cases/profile.ini"
#define TOY PCF_SOURCE_DIR "/cases/toy-car/product.ini"
#define FIXED_ID "8c0b3c1e-8b8a-4d55-9c2f-3f1c3a7e9d10"

typedef struct run {
  pcf_product *product;
  pcf_data *data;
  pcf_result *result;
  pcf_profile *profile;
} run;

static void run_open(run *x, const char *product_path, const char *profile_path) {
  memset(x, 0, sizeof *x);
  pcf_error err = {0};
  cr_assert_eq(pcf_product_read(&x->product, product_path, &err), 0, "%s: %s", product_path, err.message);
  pcf_data_options o = {.bundled = 1};
  cr_assert_eq(pcf_data_open_product(&x->data, x->product, &o, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_footprint_product(&x->result, x->data, x->product, &err), 0, "%s", err.message);
  if (profile_path) cr_assert_eq(pcf_profile_read(&x->profile, profile_path, &err), 0, "%s", err.message);
}

static void run_close(run *x) {
  pcf_result_free(x->result);
  pcf_data_free(x->data);
  pcf_product_free(x->product);
  pcf_profile_free(x->profile);
}

/* The PACT document of x as JSON (NULL and *rc set on error). */
static json_t *pact_doc(const run *x, const char *method, int *rc, pcf_error *err) {
  pcf_pact_options o = {.profile = x->profile,
                        .product = x->product,
                        .db = pcf_data_db(x->data),
                        .method = method ? method : pcf_product_method(x->product)};
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  cr_assert(f);
  *rc = pcf_pact_write(x->result, &o, f, err);
  fclose(f);
  json_error_t je;
  json_t *doc = *rc ? NULL : json_loads(buf, 0, &je);
  if (!*rc) cr_assert(doc, "writer output is not JSON: %s", je.text);
  free(buf);
  return doc;
}

static double dec(const json_t *pcf, const char *key) {
  const json_t *v = json_object_get(pcf, key);
  cr_assert(json_is_string(v), "pcf.%s is not a decimal string", key);
  return strtod(json_string_value(v), NULL);
}

static void near(const char *what, double got, double want, double rel) {
  cr_expect(fabs(got - want) <= rel * fmax(1e-12, fabs(want)), "%s = %.12g, expected %.12g", what, got, want);
}

static int check(const json_t *doc, int strict, char *msgs, size_t size) {
  msgs[0] = 0;
  return pact_check(&pact_product_footprint, doc, "$", strict, msgs, size);
}

TestSuite(pact, .init = NULL);

Test(pact, toy_car_field_by_field) {
  setenv("PCF_PACT_ID", FIXED_ID, 1);
  setenv("PCF_PACT_CREATED", "2025-03-01T12:00:00Z", 1);
  run x;
  run_open(&x, TOY, PROFILE);
  json_error_t je;
  json_t *expected = json_load_file(PCF_SOURCE_DIR "/cases/toy-car/expected.json", 0, &je);
  cr_assert(expected);
  /* PACT's boundary is cradle to gate: raw materials + production (expected.json stages). */
  json_t *stages = json_object_get(expected, "stages");
  double gate = json_number_value(json_object_get(stages, "raw_materials")) +
                json_number_value(json_object_get(stages, "production"));
  const double mass = 0.120 + 4 * 0.0075 + 2 * 0.010; /* bom.csv, without the 0.010 kg bag */
  int rc;
  pcf_error err = {0};
  json_t *doc = pact_doc(&x, NULL, &rc, &err);
  cr_assert_eq(rc, 0, "%s", err.message);

  cr_expect_str_eq(json_string_value(json_object_get(doc, "id")), FIXED_ID);
  cr_expect_str_eq(json_string_value(json_object_get(doc, "created")), "2025-03-01T12:00:00Z");
  cr_expect_str_eq(json_string_value(json_object_get(doc, "specVersion")), PCF_PACT_SPEC_VERSION);
  cr_expect_eq(json_integer_value(json_object_get(doc, "version")), 1);
  cr_expect_str_eq(json_string_value(json_object_get(doc, "status")), "Active");
  cr_expect_str_eq(json_string_value(json_object_get(doc, "companyName")), "Example Toys Manufacturing Ltd");
  cr_expect_str_eq(json_string_value(json_array_get(json_object_get(doc, "companyIds"), 0)),
                   "urn:pathfinder:company:customcode:vendor-assigned:example-toys");
  cr_expect_str_eq(json_string_value(json_array_get(json_object_get(doc, "productIds"), 0)),
                   "urn:pathfinder:product:customcode:vendor-assigned:TC-100");
  cr_expect_str_eq(json_string_value(json_object_get(doc, "productCategoryCpc")), "38540");
  cr_expect_str_eq(json_string_value(json_object_get(doc, "productNameCompany")), "Toy car TC-100");

  json_t *pcf = json_object_get(doc, "pcf");
  /* PACT v2 has no "piece": declared per kilogram of product. */
  cr_expect_str_eq(json_string_value(json_object_get(pcf, "declaredUnit")), "kilogram");
  near("unitaryProductAmount", dec(pcf, "unitaryProductAmount"), mass, 1e-12);
  near("productMassPerDeclaredUnit", dec(pcf, "productMassPerDeclaredUnit"), 1, 0);
  /* Biogenic CO2 within the gate: only the steel axles emit some, 0.00018081 kg per kg in the USLCI
   * hot-rolled sheet data set (33c12b89-..., "carbon dioxide (biogenic)" output), x 0.020 kg =
   * 3.6162e-6 kg, counted +1 in expected.json's ISO 14067 stages. The car's materials hold no
   * biogenic carbon: withdrawal 0, so including = excluding + that emission = the gate total. */
  const double bio_co2 = 0.020 * 0.00018081;
  near("pCfExcludingBiogenic", dec(pcf, "pCfExcludingBiogenic"), (gate - bio_co2) / mass, 1e-6);
  near("pCfIncludingBiogenic", dec(pcf, "pCfIncludingBiogenic"), gate / mass, 1e-6);
  near("fossilGhgEmissions", dec(pcf, "fossilGhgEmissions"), (gate - bio_co2) / mass, 1e-6); /* NOTES.md */
  /* NOTES.md: no biogenic, land-use or aircraft flows in the datasets used. Carbon content: not
   * in the profile, so the BOM's, a lower bound (ABS declares none): PP wheels 0.030 kg x
   * 3C/(3C+6H) = 0.030 x 0.856277 = 0.0256883 kg C, steel 0 (test_carbon_content.c); biogenic 0. */
  near("fossilCarbonContent", dec(pcf, "fossilCarbonContent"), 0.030 * 0.856277 / mass, 1e-5);
  const char *zeros[] = {"dLucGhgEmissions",         "landManagementGhgEmissions", "otherBiogenicGhgEmissions",
                         "biogenicCarbonWithdrawal", "aircraftGhgEmissions",       "biogenicCarbonContent"};
  for (size_t i = 0; i < sizeof zeros / sizeof *zeros; i++)
    cr_expect_str_eq(json_string_value(json_object_get(pcf, zeros[i])), "0", "%s", zeros[i]);
  /* Packaging up to the gate: 0.010 kg LDPE x 2.272248 kg CO2e/kg (NOTES.md), per kg of product. */
  cr_expect(json_is_true(json_object_get(pcf, "packagingEmissionsIncluded")));
  near("packagingGhgEmissions", dec(pcf, "packagingGhgEmissions"), 0.010 * 2.272248 / mass, 1e-5);
  cr_expect_str_eq(json_string_value(json_object_get(pcf, "characterizationFactors")), "AR6");
  cr_expect_str_eq(json_string_value(json_array_get(json_object_get(pcf, "ipccCharacterizationFactorsSources"), 0)),
                   "AR6");
  cr_expect_str_eq(json_string_value(json_array_get(json_object_get(pcf, "crossSectoralStandards"), 0)), "ISO14067");
  cr_expect_str_eq(json_string_value(json_array_get(json_object_get(pcf, "crossSectoralStandards"), 1)),
                   "GHGP-Product");
  cr_expect_str_eq(json_string_value(json_object_get(pcf, "referencePeriodStart")), "2024-01-01T00:00:00Z");
  cr_expect_str_eq(json_string_value(json_object_get(pcf, "referencePeriodEnd")), "2025-01-01T00:00:00Z");
  cr_expect_str_eq(json_string_value(json_object_get(pcf, "geographyCountry")), "CN");
  cr_expect_eq(json_number_value(json_object_get(pcf, "exemptedEmissionsPercent")), 0);
  cr_expect_eq(json_number_value(json_object_get(pcf, "primaryDataShare")), 0, "no supplier data in the toy car");
  const char *boundary = json_string_value(json_object_get(pcf, "boundaryProcessesDescription"));
  cr_expect(strncmp(boundary, "Cradle to gate", 14) == 0, "%s", boundary);
  cr_expect(strstr(boundary, "Raw material acquisition: Toy car/Body (ABS)"), "%s", boundary);
  cr_expect(strstr(boundary, "Production: Manufacturing (electricity CN)"), "%s", boundary);
  cr_expect(!strstr(boundary, "End of life:"), "%s", boundary);
  /* Secondary sources: those the datasets cite (USLCI for the resins, MEE for the CN grid). */
  json_t *src = json_object_get(pcf, "secondaryEmissionFactorSources");
  int uslci = 0, mee = 0;
  for (size_t i = 0; i < json_array_size(src); i++) {
    const char *name = json_string_value(json_object_get(json_array_get(src, i), "name"));
    uslci |= strstr(name, "USLCI") != NULL;
    mee |= strstr(name, "MEE") != NULL;
  }
  cr_expect(uslci && mee, "secondary sources lack USLCI or MEE");
  /* DQI: every rating on the 1..3 scale; the lines above 5 % cover most of the total. */
  json_t *q = json_object_get(pcf, "dqi");
  cr_expect_geq(json_number_value(json_object_get(q, "coveragePercent")), 80);
  cr_expect_eq(json_number_value(json_object_get(q, "technologicalDQR")), 2, "secondary data everywhere");
  char msgs[4096];
  cr_expect_eq(check(doc, 1, msgs, sizeof msgs), 0, "%s", msgs);
  json_decref(doc);
  json_decref(expected);
  run_close(&x);
}

/* boundary = cradle-to-grave: the whole life; packaging then includes the bag's end of life
 * (NOTES.md, 0.010 kg of LDPE: 40 % incineration 3.158025 with its own carbon, 30 % landfill
 * 0.008983, 30 % recycling without burden under cut-off). */
Test(pact, toy_car_cradle_to_grave) {
  char dir[] = "/tmp/pcf-pactg-XXXXXX", path[256], cmd[2048];
  cr_assert(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/profile.ini", dir);
  /* The profile's own line changed: a key is given once (a second one is an error, not a win). */
  snprintf(cmd, sizeof cmd,
           "sed 's/^boundary = cradle-to-gate$/boundary = cradle-to-grave/' '%s' > '%s' && "
           "grep -q '^boundary = cradle-to-grave$' '%s'",
           PROFILE, path, path);
  cr_assert_eq(system(cmd), 0);
  run x;
  run_open(&x, TOY, path);
  json_error_t je;
  json_t *expected = json_load_file(PCF_SOURCE_DIR "/cases/toy-car/expected.json", 0, &je);
  cr_assert(expected);
  double total = json_number_value(json_object_get(expected, "total"));
  const double mass = 0.170;
  int rc;
  pcf_error err = {0};
  json_t *doc = pact_doc(&x, NULL, &rc, &err);
  cr_assert_eq(rc, 0, "%s", err.message);
  json_t *pcf = json_object_get(doc, "pcf");
  near("pCfExcludingBiogenic", dec(pcf, "pCfExcludingBiogenic"),
       json_number_value(json_object_get(expected, "total_excluding_biogenic_co2")) / mass, 1e-6);
  near("pCfIncludingBiogenic", dec(pcf, "pCfIncludingBiogenic"), total / mass, 1e-6);
  double bag = 0.010 * 2.272248 + 0.004 * 3.158025 + 0.003 * 0.008983;
  near("packagingGhgEmissions", dec(pcf, "packagingGhgEmissions"), bag / mass, 1e-5);
  const char *boundary = json_string_value(json_object_get(pcf, "boundaryProcessesDescription"));
  cr_expect(strstr(boundary, "Cradle to grave") && strstr(boundary, "End of life:"), "%s", boundary);
  char msgs[4096];
  cr_expect_eq(check(doc, 1, msgs, sizeof msgs), 0, "%s", msgs);
  json_decref(doc);
  json_decref(expected);
  run_close(&x);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_expect_eq(system(cmd), 0);
}

/* The biogenic fields agree with each other and with the ISO 14067 result (cases/cotton-tshirt,
 * cradle to gate, per kilogram of product: the profile declares no carbon content, so the BOM's
 * own is used, 0.2 kg of cotton at 0.444465 kg C/kg = 0.088893 kg C):
 *   pCfIncludingBiogenic = pCfExcludingBiogenic + biogenic CO2 emitted within the gate (none: the
 *   T-shirt's cotton burns at end of life, outside it) + biogenicCarbonWithdrawal (-44/12 x 0.088893
 *   = -0.325941 kg CO2e per T-shirt); and since pcf books the same carbon as taken up in raw
 *   materials, that equals pcf's ISO 14067 cradle-to-gate total. */
Test(pact, biogenic_fields_add_up) {
  setenv("PCF_PACT_CREATED", "2025-03-01T12:00:00Z", 1);
  run x;
  run_open(&x, PCF_SOURCE_DIR "/cases/cotton-tshirt/product.ini", PROFILE);
  int rc;
  pcf_error err = {0};
  json_t *doc = pact_doc(&x, NULL, &rc, &err);
  cr_assert_eq(rc, 0, "%s", err.message);
  json_t *pcf = json_object_get(doc, "pcf");
  double mass = dec(pcf, "unitaryProductAmount");
  near("unitaryProductAmount", mass, 0.200, 1e-12);
  double carbon = 0.200 * 6 * 12.011 / (6 * 12.011 + 10 * 1.008 + 5 * 15.999);
  near("biogenicCarbonContent", dec(pcf, "biogenicCarbonContent"), carbon / mass, 1e-9);
  near("biogenicCarbonWithdrawal", dec(pcf, "biogenicCarbonWithdrawal"), -44.0 / 12.0 * carbon / mass, 1e-9);
  near("pCfIncludingBiogenic", dec(pcf, "pCfIncludingBiogenic"),
       dec(pcf, "pCfExcludingBiogenic") + dec(pcf, "biogenicCarbonWithdrawal"), 1e-9);
  near("ISO 14067 cradle to gate", dec(pcf, "pCfIncludingBiogenic") * mass, pcf_result_cradle_to_gate(x.result), 1e-9);
  char msgs[4096];
  cr_expect_eq(check(doc, 1, msgs, sizeof msgs), 0, "%s", msgs);
  json_decref(doc);
  run_close(&x);
}

Test(pact, every_case_passes_the_schema) {
  setenv("PCF_PACT_CREATED", "2025-03-01T12:00:00Z", 1);
  unsetenv("PCF_PACT_ID"); /* a fresh UUID v4 each time */
  DIR *d = opendir(PCF_SOURCE_DIR "/cases");
  cr_assert(d);
  int n = 0;
  for (struct dirent *e; (e = readdir(d));) {
    char path[1024];
    struct stat st;
    snprintf(path, sizeof path, PCF_SOURCE_DIR "/cases/%s/product.ini", e->d_name);
    if (e->d_name[0] == '.' || stat(path, &st)) continue;
    run x;
    run_open(&x, path, PROFILE);
    int rc;
    pcf_error err = {0};
    json_t *doc = pact_doc(&x, NULL, &rc, &err);
    cr_assert_eq(rc, 0, "%s: %s", e->d_name, err.message);
    char msgs[4096];
    cr_expect_eq(check(doc, 1, msgs, sizeof msgs), 0, "%s:\n%s", e->d_name, msgs);
    const char *id = json_string_value(json_object_get(doc, "id"));
    cr_expect(id && id[14] == '4' && strchr("89ab", id[19]), "%s: id %s is not a UUID v4", e->d_name, id);
    json_decref(doc);
    run_close(&x);
    n++;
  }
  closedir(d);
  cr_expect_geq(n, 1);
}

/* Each mutation of a valid document must be caught by the schema check. */
Test(pact, broken_documents_fail_the_schema) {
  setenv("PCF_PACT_ID", FIXED_ID, 1);
  run x;
  run_open(&x, TOY, PROFILE);
  int rc;
  pcf_error err = {0};
  json_t *good = pact_doc(&x, NULL, &rc, &err);
  cr_assert_eq(rc, 0);
  char msgs[4096];
  cr_assert_eq(check(good, 0, msgs, sizeof msgs), 0, "%s", msgs);
  struct {
    const char *where, *key;
    json_t *value; /* NULL: delete */
  } bad[] = {
      {"", "companyIds", NULL},
      {"", "id", json_string("not-a-uuid")},
      {"", "status", json_string("Current")},
      {"", "version", json_integer(-1)},
      {"", "created", json_string("2025-03-01 12:00")},
      {"", "companyIds", json_pack("[s]", "example-toys")},
      {"", "productIds", json_array()},
      {"", "companyName", json_string("")},
      {"pcf", "declaredUnit", json_string("piece")},
      {"pcf", "pCfExcludingBiogenic", json_string("-1.5")},
      {"pcf", "pCfExcludingBiogenic", json_real(1.5)},
      {"pcf", "fossilGhgEmissions", json_string("1e-3")},
      {"pcf", "unitaryProductAmount", json_string("0")},
      {"pcf", "biogenicCarbonWithdrawal", json_string("2")},
      {"pcf", "exemptedEmissionsPercent", json_real(6)},
      {"pcf", "characterizationFactors", json_string("AR4")},
      {"pcf", "crossSectoralStandards", json_pack("[ss]", "ISO14067", "ISO14067")},
      {"pcf", "geographyCountry", json_string("China")},
      {"pcf", "packagingEmissionsIncluded", json_string("true")},
      {"pcf", "referencePeriodEnd", NULL},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    json_t *doc = json_deep_copy(good);
    json_t *obj = *bad[i].where ? json_object_get(doc, bad[i].where) : doc;
    if (bad[i].value)
      json_object_set_new(obj, bad[i].key, bad[i].value);
    else
      json_object_del(obj, bad[i].key);
    cr_expect_gt(check(doc, 0, msgs, sizeof msgs), 0, "broken %s.%s passed the schema", bad[i].where, bad[i].key);
    json_decref(doc);
  }
  json_t *doc = json_deep_copy(good);
  json_object_set_new(json_object_get(json_object_get(doc, "pcf"), "dqi"), "temporalDQR", json_real(3.5));
  cr_expect_gt(check(doc, 0, msgs, sizeof msgs), 0, "a DQR above 3 passed");
  json_object_set_new(doc, "pcfExcludingBiogenicUptake", json_string("1"));
  cr_expect_gt(check(doc, 1, msgs, sizeof msgs), 1, "an unknown property passed the strict check");
  json_decref(doc);
  json_decref(good);
  run_close(&x);
}

Test(pact, profile_errors_are_input_errors) {
  char dir[] = "/tmp/pcf-pact-XXXXXX", path[256];
  cr_assert(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/profile.ini", dir);
  struct {
    const char *profile, *message;
  } cases[] = {
      {"[footprint]\nreference_period_start = 2024-01-01T00:00:00Z\n"
       "reference_period_end = 2025-01-01T00:00:00Z\n",
       "[company] name"},
      {"[company]\nname = A\nids = example\n[footprint]\n"
       "reference_period_start = 2024-01-01T00:00:00Z\nreference_period_end = 2025-01-01T00:00:00Z\n",
       "URN"},
      {"[company]\nname = A\nids = urn:a\n", "reference_period"},
      {"[company]\nname = A\nids = urn:a\n[footprint]\n"
       "reference_period_start = 2024-01-01\nreference_period_end = 2025-01-01T00:00:00Z\n",
       "RFC 3339"},
      {"[company]\nname = A\nids = urn:a\n[footprint]\n"
       "reference_period_start = 2024-01-01T00:00:00Z\nreference_period_end = 2025-01-01T00:00:00Z\n"
       "exempted_emissions_percent = 7\n",
       "0 to 5"},
      {"[company]\nname = A\nids = urn:a\n[footprint]\n"
       "reference_period_start = 2024-01-01T00:00:00Z\nreference_period_end = 2025-01-01T00:00:00Z\n"
       "[dqr]\nManufacturing = 1, 2, 4, 1, 1\n",
       "five ratings"},
  };
  run x;
  run_open(&x, TOY, NULL);
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    /* the toy car's own file gives its identity (ids, UN CPC code, description) */
    write_file(path, cases[i].profile);
    pcf_error err = {0};
    cr_assert_eq(pcf_profile_read(&x.profile, path, &err), 0);
    int rc;
    json_t *doc = pact_doc(&x, NULL, &rc, &err);
    cr_expect_eq(rc, PCF_ERR_INPUT, "case %zu accepted", i);
    cr_expect(strstr(err.message, cases[i].message), "case %zu: \"%s\" lacks \"%s\"", i, err.message, cases[i].message);
    json_decref(doc);
    pcf_profile_free(x.profile);
    x.profile = NULL;
  }
  /* PACT v2 takes AR5 or AR6 factors only. */
  pcf_error err = {0};
  cr_assert_eq(pcf_profile_read(&x.profile, PROFILE, &err), 0);
  int rc;
  json_decref(pact_doc(&x, "AR4", &rc, &err));
  cr_expect_eq(rc, PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "AR5 or AR6"), "%s", err.message);
  write_file(path, "[company\nname = A\n");
  pcf_profile *p = NULL;
  cr_expect_eq(pcf_profile_read(&p, path, &err), PCF_ERR_PARSE);
  cr_expect_eq(err.line, 1);
  unlink(path);
  rmdir(dir);
  run_close(&x);
}

/* DQR aggregate by hand (NOTES.md values; end of life is a line per component and route): the
 * lines above 5 % of 0.998551 are the body's ABS 0.473518, the body's incineration 0.120 x 0.4 x
 * 2.768342 = 0.132880 (ABS declares no carbon content: the average plastic's), electricity
 * 0.160980, wheels 0.057542 and the ship 0.051647 (sum 0.876567, 87.78 %). The profile rates "Toy car/Body" (both its lines) 1; the others are technological 2
 * by rule: technologicalDQR = (0.606398 x 1 + 0.270169 x 2) / 0.876567 = 1.3082. */
Test(pact, dqr_override_and_aggregate) {
  char dir[] = "/tmp/pcf-pactq-XXXXXX", path[256], cmd[2048];
  cr_assert(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/profile.ini", dir);
  snprintf(cmd, sizeof cmd, "cp '%s' '%s' && printf 'Toy car/Body = 1, 1, 1, 1, 1\\n' >> '%s'", PROFILE, path, path);
  cr_assert_eq(system(cmd), 0);
  run x;
  run_open(&x, TOY, path);
  size_t n = pcf_result_line_count(x.result);
  pcf_dqr_line *q = calloc(n, sizeof *q);
  pcf_error err = {0};
  for (size_t i = 0; i < n; i++)
    cr_assert_eq(pcf_dqr_rate(&q[i], x.result, i, pcf_data_db(x.data), x.profile, 2024, "CN", &err), 0, "%s",
                 err.message);
  for (size_t i = 0; i < n; i++) {
    const pcf_line *l = pcf_result_line(x.result, i);
    if (strcmp(l->component, "Toy car/Body") == 0) cr_expect(q[i].from_profile && q[i].rating[0] == 1);
    if (strcmp(l->component, "Manufacturing") == 0) {
      cr_expect_str_eq(q[i].location, "CN");
      cr_expect_eq(q[i].rating[PCF_DQR_GEOGRAPHICAL], 1, "CN grid for a CN factory");
    }
  }
  pcf_dqr_summary s;
  pcf_dqr_aggregate(&s, x.result, q);
  near("coveragePercent", s.coverage_percent, 100 * 0.876567 / 0.998551, 1e-5);
  near("technologicalDQR", s.rating[PCF_DQR_TECHNOLOGICAL], (0.606398 + 2 * 0.270169) / 0.876567, 1e-5);
  free(q);
  run_close(&x);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_expect_eq(system(cmd), 0);
}

static json_t *load_json(const char *path) {
  json_error_t je;
  json_t *j = json_load_file(path, 0, &je);
  cr_assert(j, "%s: %s", path, je.text);
  return j;
}

/* pcf batch --pact-dir: one document per product from one profile. The profile's keys naming one
 * product are not used: productIds is the row id's URN, the name the product's, the id fresh; the
 * CPC code comes from the catalogue's cpc column, else the product file's [product] category_cpc.
 * Here: TC-1 (tests/fixtures/batch/toy-car.ini, a copy of the toy car without identity keys) takes
 * 38540 from its row and gets a document equal in its numbers to the one pcf footprint --format
 * pact writes for cases/toy-car alone; the kettle (empty cpc cell) takes 44817 from its product
 * file; TC-2 (the heavy car, no code anywhere) fails with that reason. */
Test(pact, batch_writes_one_document_per_product) {
  char dir[] = "/tmp/pcf-pact-batch-XXXXXX", cmd[4096], path[512];
  cr_assert(mkdtemp(dir));
  snprintf(cmd, sizeof cmd, "cp '%s' '%s/profile.ini'", PROFILE, dir);
  cr_assert_eq(system(cmd), 0);
  char catalogue[2048];
  snprintf(
      catalogue, sizeof catalogue,
      "id,product,cpc\nTC-1,%s/tests/fixtures/batch/toy-car.ini,38540\nEK-1,%s/cases/electric-kettle/product.ini,\n"
      "TC-2,%s/tests/fixtures/batch/heavy-car.ini,\n",
      PCF_SOURCE_DIR, PCF_SOURCE_DIR, PCF_SOURCE_DIR);
  snprintf(path, sizeof path, "%s/catalogue.csv", dir);
  write_file(path, catalogue);
  setenv("PCF_PACT_ID", FIXED_ID, 1); /* must not be used: one id cannot serve many documents */
  snprintf(cmd, sizeof cmd,
           "%s batch %s -q --pact-dir %s/pact --profile %s/profile.ini -o %s/out.csv --errors %s/err.csv", PCF_BINARY,
           path, dir, dir, dir, dir);
  int status = system(cmd);
  unsetenv("PCF_PACT_ID");
  cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 1, "status %d (TC-2 must fail)", status);

  snprintf(path, sizeof path, "%s/pact/TC-1.json", dir);
  json_t *doc = load_json(path);
  char msgs[4096];
  cr_expect_eq(check(doc, 1, msgs, sizeof msgs), 0, "%s", msgs);
  cr_expect_str_eq(json_string_value(json_object_get(doc, "productCategoryCpc")), "38540");
  cr_expect_str_eq(json_string_value(json_array_get(json_object_get(doc, "productIds"), 0)),
                   "urn:pathfinder:product:customcode:vendor-assigned:TC-1");
  cr_expect_eq(json_array_size(json_object_get(doc, "productIds")), 1);
  cr_expect_str_neq(json_string_value(json_object_get(doc, "id")), FIXED_ID);

  /* The same numbers as the single-product document. */
  snprintf(cmd, sizeof cmd, "%s footprint %s --format pact --profile %s -o %s/single.json", PCF_BINARY, TOY, PROFILE,
           dir);
  cr_assert_eq(system(cmd), 0);
  snprintf(path, sizeof path, "%s/single.json", dir);
  json_t *single = load_json(path);
  static const char *keys[] = {"pCfExcludingBiogenic", "pCfIncludingBiogenic", "fossilGhgEmissions", "declaredUnit",
                               "unitaryProductAmount"};
  json_t *a = json_object_get(doc, "pcf"), *b = json_object_get(single, "pcf");
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
    cr_expect(json_equal(json_object_get(a, keys[i]), json_object_get(b, keys[i])), "pcf.%s differs", keys[i]);
  json_decref(single);
  json_decref(doc);

  snprintf(path, sizeof path, "%s/pact/EK-1.json", dir);
  doc = load_json(path);
  cr_expect_eq(check(doc, 1, msgs, sizeof msgs), 0, "%s", msgs);
  cr_expect_str_eq(json_string_value(json_object_get(doc, "productCategoryCpc")), "44817");
  cr_expect_str_eq(json_string_value(json_array_get(json_object_get(doc, "productIds"), 0)),
                   "urn:pathfinder:product:customcode:vendor-assigned:EK-1");
  json_decref(doc);
  struct stat st;
  snprintf(path, sizeof path, "%s/pact/TC-2.json", dir);
  cr_expect_neq(stat(path, &st), 0, "no document for the failed heavy car");
  snprintf(path, sizeof path, "%s/err.csv", dir);
  FILE *f = fopen(path, "r");
  cr_assert(f);
  char text[4096] = {0};
  cr_expect_gt(fread(text, 1, sizeof text - 1, f), 0);
  fclose(f);
  cr_expect(strstr(text, "TC-2") && strstr(text, "category_cpc") && !strstr(text, "EK-1"), "errors: %s", text);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_expect_eq(system(cmd), 0);
}

/* Product identity belongs to the product file. A profile that still names a product (as
 * cases/profile.ini did for the toy car) is refused for any other product, instead of giving the
 * kettle's numbers under the toy car's ids, CPC and name; for its own product it is accepted. A
 * profile with product keys but no product named is refused too. */
Test(pact, profile_for_another_product_is_refused) {
  char dir[] = "/tmp/pcf-pact-who-XXXXXX", path[256], cmd[4096];
  cr_assert(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/profile.ini", dir);
  snprintf(cmd, sizeof cmd,
           "cp '%s' '%s' && printf '[product]\\nids = urn:pathfinder:product:customcode:vendor-assigned:"
           "TC-100\\ncategory_cpc = 38540\\nname_company = Toy car TC-100\\n' >> '%s'",
           PROFILE, path, path);
  cr_assert_eq(system(cmd), 0);
  run x;
  run_open(&x, PCF_SOURCE_DIR "/cases/electric-kettle/product.ini", path);
  int rc;
  pcf_error err = {0};
  json_t *doc = pact_doc(&x, NULL, &rc, &err);
  cr_expect_eq(rc, PCF_ERR_INPUT, "a toy car profile answered for the kettle");
  cr_expect(doc == NULL);
  cr_expect(strstr(err.message, "answers for another product") && strstr(err.message, "EK-170"), "%s", err.message);
  cr_expect(strstr(err.path, "profile.ini"), "the error names the profile: %s", err.path);
  run_close(&x);

  run_open(&x, TOY, path);
  doc = pact_doc(&x, NULL, &rc, &err);
  cr_expect_eq(rc, 0, "%s", err.message);
  cr_expect_str_eq(json_string_value(json_object_get(doc, "productCategoryCpc")), "38540");
  json_decref(doc);
  run_close(&x);

  /* product keys without a product named */
  snprintf(cmd, sizeof cmd, "cp '%s' '%s' && printf '[product]\\ncategory_cpc = 38540\\n' >> '%s'", PROFILE, path,
           path);
  cr_assert_eq(system(cmd), 0);
  run_open(&x, TOY, path);
  doc = pact_doc(&x, NULL, &rc, &err);
  cr_expect_eq(rc, PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "without saying which product"), "%s", err.message);
  run_close(&x);

  /* the command: exit 1, the message on stderr, no document */
  snprintf(cmd, sizeof cmd,
           "cp '%s' '%s' && printf '[product]\\nid = TC-100\\n' >> '%s' && %s footprint "
           "%s/cases/electric-kettle/product.ini --format pact --profile '%s' -o %s/out.json 2>%s/err.txt",
           PROFILE, path, path, PCF_BINARY, PCF_SOURCE_DIR, path, dir, dir);
  int status = system(cmd);
  cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 1, "status %d", status);
  struct stat st;
  snprintf(path, sizeof path, "%s/out.json", dir);
  cr_expect_neq(stat(path, &st), 0, "a document was written");
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_expect_eq(system(cmd), 0);
}
