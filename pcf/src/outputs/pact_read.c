/* pact_read.c: a supplier's PACT ProductFootprint read back as a supplier-specific PCF (primary
 * data for a BOM line). v2.x names (declaredUnit, unitaryProductAmount, pCfExcludingBiogenic,
 * values per one declared unit) and v3 names (declaredUnitOfMeasurement, declaredUnitAmount,
 * pcfExcludingBiogenicUptake, values per declaredUnitAmount units) are both understood; decimals
 * may be strings (as the spec writes them) or JSON numbers (as some systems send them). */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "input_file.h"
#include "pact_internal.h"

/* A PACT document is a few kilobytes; 64 MiB leaves room for any real one. */
#define PACT_MAX_FILE ((size_t)64 << 20)

/* pcf's unit for a PACT declared unit. */
static const char *pcf_unit(const char *pact) {
  static const char *const map[][2] = {{"kilogram", "kg"},       {"liter", "l"},      {"cubic meter", "m3"},
                                       {"kilowatt hour", "kWh"}, {"megajoule", "MJ"}, {"ton kilometer", "t*km"},
                                       {"square meter", "m2"},   {"piece", "pcs"}};
  for (size_t i = 0; i < sizeof map / sizeof *map; i++)
    if (strcmp(pact, map[i][0]) == 0) return map[i][1];
  return NULL;
}

/* A PACT decimal: "1.5" (spec) or 1.5. Returns 0, 1 when absent, -1 when not a decimal. */
static int decimal(const json_t *obj, const char *key, double *out) {
  const json_t *v = json_object_get(obj, key);
  *out = NAN;
  if (!v) return 1;
  if (json_is_number(v)) return *out = json_number_value(v), 0;
  if (!json_is_string(v) || !pcf__pact_match("^[+-]?[0-9]+(\\.[0-9]+)?$", json_string_value(v))) return -1;
  *out = strtod(json_string_value(v), NULL);
  return 0;
}

static const json_t *footprint_of(const json_t *root) {
  const json_t *data = json_object_get(root, "data");
  if (!data) return root;
  if (json_is_object(data)) return data;
  if (json_is_array(data) && json_array_size(data) == 1) return json_array_get(data, 0);
  return NULL;
}

static void copy(char *dst, size_t size, const json_t *v) {
  snprintf(dst, size, "%s", json_is_string(v) ? json_string_value(v) : "");
}

int pcf_pact_read(pcf_pact_footprint *out, const char *path, pcf_error *err) {
  memset(out, 0, sizeof *out);
  char *text;
  size_t size;
  int rc = pcf_input_read(path, "PACT file", PACT_MAX_FILE, &text, &size, err);
  if (rc) return rc;
  json_error_t je;
  memset(&je, 0, sizeof je);
  json_t *root = json_loadb(text, size, JSON_REJECT_DUPLICATES, &je);
  free(text);
  if (!root) {
    /* jansson says out of memory by the error's code, or (its first buffer) by no message at all. */
    if (json_error_code(&je) == json_error_out_of_memory || !je.text[0])
      return pcf_error_set(err, PCF_ERR_NOMEM, path, 0, "out of memory");
    return pcf_error_set(err, PCF_ERR_PARSE, path, je.line, "not JSON: %s", je.text);
  }
  const json_t *pf = footprint_of(root), *cf = pf ? json_object_get(pf, "pcf") : NULL;
  if (!pf || !json_is_object(pf)) {
    rc = pcf_error_set(err, PCF_ERR_INPUT, path, 0, "expected one ProductFootprint (or {\"data\": [one]})");
    goto done;
  }
  if (!json_is_object(cf)) {
    rc = pcf_error_set(err, PCF_ERR_INPUT, path, 0, "ProductFootprint without a pcf (CarbonFootprint) object");
    goto done;
  }
  copy(out->id, sizeof out->id, json_object_get(pf, "id"));
  copy(out->spec_version, sizeof out->spec_version, json_object_get(pf, "specVersion"));
  copy(out->product_name, sizeof out->product_name, json_object_get(pf, "productNameCompany"));
  int v3 = json_object_get(cf, "declaredUnitOfMeasurement") != NULL;
  const char *unit_key = v3 ? "declaredUnitOfMeasurement" : "declaredUnit";
  const char *amount_key = v3 ? "declaredUnitAmount" : "unitaryProductAmount";
  const char *excl_key = v3 ? "pcfExcludingBiogenicUptake" : "pCfExcludingBiogenic";
  const char *incl_key = v3 ? "pcfIncludingBiogenicUptake" : "pCfIncludingBiogenic";
  copy(out->declared_unit, sizeof out->declared_unit, json_object_get(cf, unit_key));
  out->unit = pcf_unit(out->declared_unit);
  if (!out->unit) {
    rc = pcf_error_set(err, PCF_ERR_INPUT, path, 0, "pcf.%s \"%s\" is not a PACT declared unit", unit_key,
                       out->declared_unit);
    goto done;
  }
  double amount, excl, incl, mass;
  if (decimal(cf, amount_key, &amount) || !(amount > 0)) {
    rc = pcf_error_set(err, PCF_ERR_INPUT, path, 0, "pcf.%s must be a decimal above 0", amount_key);
    goto done;
  }
  if (decimal(cf, excl_key, &excl)) {
    rc = pcf_error_set(err, PCF_ERR_INPUT, path, 0, "pcf.%s missing or not a decimal", excl_key);
    goto done;
  }
  if (decimal(cf, incl_key, &incl) < 0 || decimal(cf, "productMassPerDeclaredUnit", &mass) < 0) {
    rc = pcf_error_set(err, PCF_ERR_INPUT, path, 0, "pcf.%s or productMassPerDeclaredUnit is not a decimal", incl_key);
    goto done;
  }
  /* v2: per one declared unit; v3: per declaredUnitAmount units (mass likewise). */
  double per = v3 ? amount : 1;
  out->unitary_product_amount = amount;
  out->kg_co2e_per_unit = excl / per;
  out->kg_co2e_per_unit_including_biogenic = isnan(incl) ? NAN : incl / per;
  out->product_mass_kg_per_unit = isnan(mass) ? NAN : mass / per;
done:
  json_decref(root);
  return rc;
}
