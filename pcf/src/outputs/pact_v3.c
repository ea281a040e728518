/* pact_v3.c: the PACT v3.0 ProductFootprint (PACT Technical Specifications v3.0, openapi
 * components ProductFootprint and CarbonFootprint) made from pcf's v2.3 document and the values
 * it was built from (pact_write.c).
 *
 * What changes from v2.3 (the numbers are pcf's own, only their basis and names change):
 *   declared unit        v3 keeps the product's own declared unit: declaredUnitOfMeasurement
 *                        (v3 adds "piece") and declaredUnitAmount, the amount of that unit the
 *                        figures refer to; every figure is per declaredUnitAmount units, so it is
 *                        the v2 figure (per one v2 declared unit) times the v2 divisor
 *   productMassPerDeclaredUnit  mass of declaredUnitAmount units, kg (required in v3; 0 for
 *                        energy and transport units, as the spec says)
 *   pcfExcludingBiogenicUptake = v2 pCfExcludingBiogenic + the biogenic CO2 emitted: v3 keeps
 *                        biogenic CO2 emissions in and leaves out only the product's uptake
 *   pcfIncludingBiogenicUptake = v2 pCfIncludingBiogenic (= excluding + biogenicCO2Uptake)
 *   biogenicCO2Uptake    = v2 biogenicCarbonWithdrawal (-44/12 x biogenic carbon content)
 *   landUseChangeGhgEmissions = v2 dLucGhgEmissions; biogenicNonCO2Emissions = v2
 *                        otherBiogenicGhgEmissions; land management figures left undefined
 *                        (not modelled apart; v3 marks them BIO-2027)
 *   ipccCharacterizationFactors, crossSectoralStandards (codes), productClassifications
 *                        (urn:pact:productclassification:un-cpc:<CPC>), decimals as strings
 *   dqi                  left out: v3 rates on a 1..5 matrix that pcf's 1..3 ratings (v2, dqr.c)
 *                        do not translate to; the comment says so
 *   no version, characterizationFactors, crossSectoralStandardsUsed, productCategoryCpc.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "numfmt.h"
#include "pact_internal.h"

#define PACT_V3_SPEC_VERSION "3.0.4" /* the openapi_v3_0.yaml the documents are checked against */

typedef struct v3 {
  int oom;
} v3;

static void put(v3 *d, json_t *obj, const char *key, json_t *v) {
  if (!v || json_object_set_new(obj, key, v)) d->oom = 1;
}

static void copy(v3 *d, json_t *to, const json_t *from, const char *key, const char *as) {
  json_t *v = json_object_get(from, key);
  if (v) put(d, to, as ? as : key, json_deep_copy(v));
}

static json_t *decimal(v3 *d, double x) {
  json_t *j = pcf__pact_decimal(x);
  if (!j) d->oom = 1;
  return j;
}

json_t *pcf__pact_document_v3(const json_t *v2, const pact_values *v, const pcf_pact_options *o, pcf_error *err) {
  const json_t *p2 = json_object_get(v2, "pcf");
  if (!json_is_object(p2)) return pcf_error_set(err, PCF_ERR_INTERNAL, NULL, 0, "v2 document without pcf"), NULL;
  /* Declared unit: the product's own unit when PACT v3 has it ("piece" included). */
  const char *unit = v->declared_unit;
  double amount = v->unitary_amount, mass = v->mass_per_unit * v->unitary_amount;
  double scale = v->divisor; /* v2 figure x scale = figure per declaredUnitAmount units */
  if (!pcf__pact_declared_unit(v->pcf_unit) && pcf__pact_is_piece(v->pcf_unit)) {
    unit = "piece";
    amount = 1;
    mass = v->product_mass_kg;
  }
  if (!(isfinite(mass) && mass >= 0))
    return pcf_error_set(err, PCF_ERR_INPUT, o->profile ? pcf_profile_path(o->profile) : NULL, 0,
                         "PACT v3 requires productMassPerDeclaredUnit: the mass of one %s of product is unknown "
                         "(give the BOM's masses)",
                         v->pcf_unit),
           NULL;
  v3 d = {0};
  json_t *pf = json_object(), *pcf = json_object();
  if (!pf || !pcf) return json_decref(pf), json_decref(pcf), pcf_error_nomem(err), NULL;
  copy(&d, pf, v2, "id", NULL);
  put(&d, pf, "specVersion", json_string(PACT_V3_SPEC_VERSION));
  copy(&d, pf, v2, "precedingPfIds", NULL);
  copy(&d, pf, v2, "created", NULL);
  copy(&d, pf, v2, "status", NULL);
  copy(&d, pf, v2, "validityPeriodStart", NULL);
  copy(&d, pf, v2, "validityPeriodEnd", NULL);
  copy(&d, pf, v2, "companyName", NULL);
  copy(&d, pf, v2, "companyIds", NULL);
  copy(&d, pf, v2, "productDescription", NULL);
  copy(&d, pf, v2, "productIds", NULL);
  const char *cpc = json_string_value(json_object_get(v2, "productCategoryCpc"));
  if (cpc) {
    char urn[300];
    snprintf(urn, sizeof urn, "urn:pact:productclassification:un-cpc:%s", cpc);
    json_t *a = json_array();
    if (!a || json_array_append_new(a, json_string(urn))) d.oom = 1;
    put(&d, pf, "productClassifications", a);
  }
  copy(&d, pf, v2, "productNameCompany", NULL);
  const char *comment = json_string_value(json_object_get(v2, "comment"));
  char *text = NULL;
  if (comment) {
    /* The v2 note on declaring per kilogram does not hold when v3 declares the piece. */
    const char *kg = strstr(comment, "Declared per kilogram of product (PACT v2");
    const char *kg_end = kg ? strstr(kg, "without packaging. ") : NULL;
    static const char note[] =
        " Data quality ratings are not given: pcf rates on PACT v2's 1..3 scale "
        "(see the v2.3 document), which does not translate to v3's.";
    size_t n = strlen(comment), cut = 0;
    if (kg_end && strcmp(unit, "piece") == 0) cut = (size_t)(kg_end + strlen("without packaging. ") - kg);
    text = malloc(n - cut + sizeof note);
    if (text) {
      size_t head = cut ? (size_t)(kg - comment) : n;
      memcpy(text, comment, head);
      memcpy(text + head, comment + head + cut, n - head - cut);
      memcpy(text + n - cut, note, sizeof note);
    }
    put(&d, pf, "comment", text ? json_string(text) : NULL);
    free(text);
  }
  put(&d, pf, "pcf", pcf);
  put(&d, pcf, "declaredUnitOfMeasurement", json_string(unit));
  put(&d, pcf, "declaredUnitAmount", decimal(&d, amount));
  put(&d, pcf, "productMassPerDeclaredUnit", decimal(&d, mass));
  copy(&d, pcf, p2, "referencePeriodStart", NULL);
  copy(&d, pcf, p2, "referencePeriodEnd", NULL);
  copy(&d, pcf, p2, "geographyCountry", NULL);
  copy(&d, pcf, p2, "geographyRegionOrSubregion", NULL);
  copy(&d, pcf, p2, "geographyCountrySubdivision", NULL);
  copy(&d, pcf, p2, "boundaryProcessesDescription", NULL);
  put(&d, pcf, "pcfExcludingBiogenicUptake", decimal(&d, (v->excluding + v->biogenic_co2_emitted) * scale));
  put(&d, pcf, "pcfIncludingBiogenicUptake", decimal(&d, v->including * scale));
  put(&d, pcf, "fossilGhgEmissions", decimal(&d, v->fossil * scale));
  put(&d, pcf, "fossilCarbonContent", decimal(&d, v->fossil_carbon * scale));
  put(&d, pcf, "biogenicCarbonContent", decimal(&d, v->biogenic_carbon * scale));
  put(&d, pcf, "landUseChangeGhgEmissions", decimal(&d, v->dluc * scale));
  put(&d, pcf, "biogenicCO2Uptake", decimal(&d, v->withdrawal * scale == 0 ? 0 : v->withdrawal * scale));
  put(&d, pcf, "biogenicNonCO2Emissions", decimal(&d, v->other_biogenic * scale));
  put(&d, pcf, "aircraftGhgEmissions", decimal(&d, v->aircraft * scale));
  put(&d, pcf, "packagingEmissionsIncluded", json_boolean(v->has_packaging));
  if (v->has_packaging) put(&d, pcf, "packagingGhgEmissions", decimal(&d, fmax(0, v->packaging) * scale));
  json_t *ipcc = json_array(), *std = json_array();
  if (!ipcc || !std || json_array_append_new(ipcc, json_string(v->report)) ||
      json_array_append_new(std, json_string("ISO14067")) || json_array_append_new(std, json_string("GHGP-Product")))
    d.oom = 1;
  put(&d, pcf, "ipccCharacterizationFactors", ipcc);
  put(&d, pcf, "crossSectoralStandards", std);
  json_t *ex = json_object_get(p2, "exemptedEmissionsPercent");
  put(&d, pcf, "exemptedEmissionsPercent", decimal(&d, json_is_number(ex) ? json_number_value(ex) : 0));
  const char *exd = json_string_value(json_object_get(p2, "exemptedEmissionsDescription"));
  if (exd && *exd) put(&d, pcf, "exemptedEmissionsDescription", json_string(exd));
  copy(&d, pcf, p2, "allocationRulesDescription", NULL);
  copy(&d, pcf, p2, "secondaryEmissionFactorSources", NULL);
  json_t *pds = json_object_get(p2, "primaryDataShare");
  if (json_is_number(pds)) put(&d, pcf, "primaryDataShare", decimal(&d, json_number_value(pds)));
  if (d.oom) return json_decref(pf), pcf_error_nomem(err), NULL;
  return pf;
}

static int dump(json_t *j, char **out) {
  size_t n = 0;
  FILE *f = open_memstream(out, &n);
  if (!f) return -1;
  int rc = pcf__numfmt_json_dump(j, f, JSON_COMPACT | JSON_PRESERVE_ORDER);
  if (fclose(f) || rc) return free(*out), *out = NULL, -1;
  return 0;
}

int pcf_pact_documents(const pcf_result *r, const pcf_pact_options *o, char **v2_json, char **v3_json, pcf_error *err) {
  pact_values v;
  *v2_json = *v3_json = NULL;
  json_t *a = pcf__pact_document(r, o, &v, err);
  if (!a) return err && err->code ? err->code : PCF_ERR_INPUT;
  json_t *b = pcf__pact_document_v3(a, &v, o, err);
  int rc = b ? 0 : err && err->code ? err->code : PCF_ERR_INPUT;
  if (!rc && (dump(a, v2_json) || dump(b, v3_json))) {
    free(*v2_json), *v2_json = NULL;
    rc = pcf_error_nomem(err);
  }
  json_decref(a);
  json_decref(b);
  return rc;
}

int pcf_pact_write_v3(const pcf_result *r, const pcf_pact_options *o, FILE *out, pcf_error *err) {
  pact_values v;
  json_t *a = pcf__pact_document(r, o, &v, err);
  if (!a) return err && err->code ? err->code : PCF_ERR_INPUT;
  json_t *b = pcf__pact_document_v3(a, &v, o, err);
  int rc = b ? 0 : err && err->code ? err->code : PCF_ERR_INPUT;
  if (!rc && (pcf__numfmt_json_dump(b, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) || fputc('\n', out) == EOF))
    rc = pcf_error_set(err, PCF_ERR_IO, NULL, 0, "cannot write the PACT document");
  json_decref(a);
  json_decref(b);
  return rc;
}
