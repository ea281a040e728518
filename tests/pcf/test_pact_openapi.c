/* test_pact_openapi.c: every case's PACT documents, v2.3 (pcf footprint --format pact) and v3.0
 * (--format pact3), validated against the official OpenAPI schemas of PACT's own conformance tool
 * (tests/fixtures/pact/openapi_v2_3.json, openapi_v3_0.json: the tool's YAML as JSON, MIT licence,
 * PROVENANCE.md) by tests/pcf/openapi_check.h, strictly (no property the schema does not name).
 * Documents broken on purpose must fail, so that the validator is seen to bite. Beside the schema,
 * the biogenic fields must agree with each other as the PACT specifications define them:
 *   v2.3: biogenicCarbonWithdrawal = -44/12 x biogenicCarbonContent (the content as CO2), and
 *         pCfIncludingBiogenic - pCfExcludingBiogenic - biogenicCarbonWithdrawal = the biogenic
 *         CO2 emitted within the boundary, >= 0;
 *   v3.0: biogenicCO2Uptake = -44/12 x biogenicCarbonContent, and pcfIncludingBiogenicUptake =
 *         pcfExcludingBiogenicUptake + biogenicCO2Uptake. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "openapi_check.h"
#include "pcf/footprint.h"
#include "pcf/pact.h"

#define PROFILE PCF_SOURCE_DIR "/cases/profile.ini"

static json_t *spec(const char *version) {
  char path[512];
  snprintf(path, sizeof path, PCF_SOURCE_DIR "/tests/fixtures/pact/openapi_v%s.json", version);
  json_error_t je;
  json_t *s = json_load_file(path, 0, &je);
  cr_assert(s, "%s: %s", path, je.text);
  return s;
}

/* The v2.3 (v3 = 0) or v3.0 document of one case. */
static json_t *document(const char *product_path, int v3) {
  pcf_error err = {0};
  pcf_product *p = NULL;
  pcf_data *d = NULL;
  pcf_result *r = NULL;
  pcf_profile *prof = NULL;
  cr_assert_eq(pcf_product_read(&p, product_path, &err), 0, "%s: %s", product_path, err.message);
  pcf_data_options o = {.bundled = 1};
  cr_assert_eq(pcf_data_open_product(&d, p, &o, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_footprint_product(&r, d, p, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_profile_read(&prof, PROFILE, &err), 0, "%s", err.message);
  pcf_pact_options po = {.profile = prof, .product = p, .db = pcf_data_db(d), .method = pcf_product_method(p)};
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  cr_assert(f);
  int rc = v3 ? pcf_pact_write_v3(r, &po, f, &err) : pcf_pact_write(r, &po, f, &err);
  fclose(f);
  cr_assert_eq(rc, 0, "%s (v%s): %s", product_path, v3 ? "3.0" : "2.3", err.message);
  json_error_t je;
  json_t *doc = json_loads(buf, 0, &je);
  cr_assert(doc, "%s: not JSON: %s", product_path, je.text);
  free(buf);
  pcf_result_free(r);
  pcf_profile_free(prof);
  pcf_data_free(d);
  pcf_product_free(p);
  return doc;
}

static double dec(const json_t *pcf, const char *key) {
  const json_t *v = json_object_get(pcf, key);
  cr_assert(json_is_string(v), "pcf.%s is not a decimal string", key);
  return strtod(json_string_value(v), NULL);
}

/* Values are written with 6 to 9 significant digits: agree to 1e-6 of the largest magnitude. */
static void agree(const char *what, const char *name, double a, double b, double scale) {
  cr_expect(fabs(a - b) <= 1e-6 * fmax(1e-9, scale), "%s: %s: %.12g vs %.12g", name, what, a, b);
}

static void biogenic_v2(const char *name, const json_t *doc) {
  const json_t *pcf = json_object_get(doc, "pcf");
  double content = dec(pcf, "biogenicCarbonContent"), withdrawal = dec(pcf, "biogenicCarbonWithdrawal");
  double inc = dec(pcf, "pCfIncludingBiogenic"), exc = dec(pcf, "pCfExcludingBiogenic");
  agree("biogenicCarbonWithdrawal = -44/12 x biogenicCarbonContent", name, withdrawal, -44.0 / 12.0 * content,
        fabs(withdrawal));
  double emitted = inc - exc - withdrawal;
  cr_expect_geq(emitted, -1e-6 * fmax(fabs(inc), fabs(exc)), "%s: biogenic CO2 emitted %.9g < 0", name, emitted);
}

static void biogenic_v3(const char *name, const json_t *doc) {
  const json_t *pcf = json_object_get(doc, "pcf");
  double content = dec(pcf, "biogenicCarbonContent"), uptake = dec(pcf, "biogenicCO2Uptake");
  double inc = dec(pcf, "pcfIncludingBiogenicUptake"), exc = dec(pcf, "pcfExcludingBiogenicUptake");
  agree("biogenicCO2Uptake = -44/12 x biogenicCarbonContent", name, uptake, -44.0 / 12.0 * content, fabs(uptake));
  agree("pcfIncludingBiogenicUptake = pcfExcludingBiogenicUptake + biogenicCO2Uptake", name, inc, exc + uptake,
        fmax(fabs(inc), fabs(exc)));
}

Test(pact_openapi, every_case_validates_against_both_schemas, .timeout = 120) {
  setenv("PCF_PACT_CREATED", "2025-03-01T12:00:00Z", 1);
  json_t *s2 = spec("2_3"), *s3 = spec("3_0");
  DIR *dir = opendir(PCF_SOURCE_DIR "/cases");
  cr_assert(dir);
  int n = 0;
  for (struct dirent *e; (e = readdir(dir));) {
    char path[1024];
    struct stat st;
    snprintf(path, sizeof path, PCF_SOURCE_DIR "/cases/%s/product.ini", e->d_name);
    if (e->d_name[0] == '.' || stat(path, &st)) continue;
    char msgs[8192];
    json_t *doc = document(path, 0);
    cr_expect_eq(oa_validate(s2, "ProductFootprint", doc, 1, msgs, sizeof msgs), 0, "%s, PACT v2.3:\n%s", e->d_name,
                 msgs);
    biogenic_v2(e->d_name, doc);
    json_decref(doc);
    doc = document(path, 1);
    cr_expect_eq(oa_validate(s3, "ProductFootprint", doc, 1, msgs, sizeof msgs), 0, "%s, PACT v3.0:\n%s", e->d_name,
                 msgs);
    biogenic_v3(e->d_name, doc);
    json_decref(doc);
    n++;
  }
  closedir(dir);
  cr_expect_geq(n, 6, "only %d cases found", n);
  json_decref(s2);
  json_decref(s3);
}

/* Each mutation breaks a rule the official schema states (required fields, URN and UUID formats,
 * enums, patterns, decimal strings); the validator must report it. The signs PACT asks of some
 * fields (pCfExcludingBiogenic >= 0, biogenicCarbonWithdrawal <= 0) are comments in these schemas,
 * not rules: test_pact.c checks them with pact_schema.h, written from the specification. */
Test(pact_openapi, broken_documents_fail) {
  setenv("PCF_PACT_CREATED", "2025-03-01T12:00:00Z", 1);
  static const struct {
    int v3;
    const char *where, *key, *json; /* json NULL: delete the key */
  } bad[] = {
      {0, "", "companyIds", NULL},
      {0, "", "id", "\"not-a-uuid\""},
      {0, "", "companyIds", "[\"example-toys\"]"},
      {0, "", "productIds", "[]"},
      {0, "", "status", "\"Current\""},
      {0, "pcf", "declaredUnit", "\"piece\""},
      {0, "pcf", "pCfExcludingBiogenic", "1.5"},
      {0, "pcf", "pCfExcludingBiogenic", "\"1e-3\""}, /* PACT's Decimal: no exponent */
      {0, "pcf", "characterizationFactors", "\"AR4\""},
      {0, "pcf", "referencePeriodEnd", NULL},
      {0, "pcf", "packagingEmissionsIncluded", "\"true\""},
      {1, "", "productIds", "[]"},
      {1, "", "specVersion", "\"3.0\""},
      {1, "pcf", "declaredUnitOfMeasurement", "\"pieces\""},
      {1, "pcf", "fossilCarbonContent", NULL},
      {1, "pcf", "pcfExcludingBiogenicUptake", "12"},
      {1, "pcf", "ipccCharacterizationFactors", "[\"6\"]"},
      {1, "pcf", "geographyCountry", "\"China\""},
  };
  json_t *spec2 = spec("2_3"), *spec3 = spec("3_0");
  json_t *good[2] = {document(PCF_SOURCE_DIR "/cases/toy-car/product.ini", 0),
                     document(PCF_SOURCE_DIR "/cases/toy-car/product.ini", 1)};
  char msgs[8192];
  cr_assert_eq(oa_validate(spec2, "ProductFootprint", good[0], 1, msgs, sizeof msgs), 0, "%s", msgs);
  cr_assert_eq(oa_validate(spec3, "ProductFootprint", good[1], 1, msgs, sizeof msgs), 0, "%s", msgs);
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    json_t *doc = json_deep_copy(good[bad[i].v3]);
    json_t *obj = *bad[i].where ? json_object_get(doc, bad[i].where) : doc;
    if (bad[i].json)
      json_object_set_new(obj, bad[i].key, json_loads(bad[i].json, JSON_DECODE_ANY, NULL));
    else
      json_object_del(obj, bad[i].key);
    cr_expect_gt(oa_validate(bad[i].v3 ? spec3 : spec2, "ProductFootprint", doc, 0, msgs, sizeof msgs), 0,
                 "v%s: broken %s.%s passed the schema", bad[i].v3 ? "3.0" : "2.3", bad[i].where, bad[i].key);
    json_decref(doc);
  }
  /* strict: a property neither schema names */
  json_t *doc = json_deep_copy(good[0]);
  json_object_set_new(json_object_get(doc, "pcf"), "pcfExcludingBiogenicUptake", json_string("1"));
  cr_expect_gt(oa_validate(spec2, "ProductFootprint", doc, 1, msgs, sizeof msgs), 0, "a v3 name passed in v2.3");
  json_decref(doc);
  json_decref(good[0]);
  json_decref(good[1]);
  json_decref(spec2);
  json_decref(spec3);
}
