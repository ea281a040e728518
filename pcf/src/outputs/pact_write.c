/* pact_write.c: a pcf_result as a WBCSD PACT ProductFootprint (PACT Technical Specification
 * v2.3, openapi.yaml components ProductFootprint and CarbonFootprint; the schema we validate
 * against ships in tests/fixtures/pact/). Decimals are JSON strings as v2 requires.
 *
 * Mapping (all per PACT declared unit, kg CO2e; T total, F fossil, B biogenic = emissions +
 * removals, D land-use change, A aircraft, as pcf's characterisation gives them, T = F + B + D;
 * T and B count biogenic CO2 at GWP +1 emitted / -1 taken up, system.h):
 *   bioCO2 (e, u)          = biogenic CO2 emitted (e >= 0) and taken up (u <= 0) within the
 *                            boundary, kg (pcf_line.biogenic_co2_kg)
 *   pCfExcludingBiogenic   = T - e - u = F + D + otherBiogenic ("excluding biogenic CO2":
 *                            biogenic CH4 stays in, as the PACT Methodology asks)
 *   pCfIncludingBiogenic   = pCfExcludingBiogenic + e + biogenicCarbonWithdrawal (the PACT
 *                            Methodology's removals are the carbon the product holds, not the
 *                            uptake the datasets record: pcf's ISO 14067 total T differs from it
 *                            when those do not match)
 * Boundary: cradle to gate by default, as the PACT Methodology exchanges PCFs (the recipient adds
 * its own downstream stages; a cradle-to-grave PCF used as a supplier PCF would count
 * distribution, use and end of life twice): the values are those of pcf's raw-material and
 * production stages. The profile's [footprint] boundary = cradle-to-grave takes the whole life.
 *   fossilGhgEmissions     = F
 *   dLucGhgEmissions       = D (pcf's land-use-change sub-method; dLUC vs sLUC as the datasets)
 *   landManagementGhgEmissions = 0: not modelled apart (the comment says so)
 *   otherBiogenicGhgEmissions  = B - bioCO2, the non-CO2 biogenic gases, >= 0
 *   biogenicCarbonWithdrawal   = -44/12 x biogenic carbon content (as below), 0 when not known
 *   fossil/biogenicCarbonContent = profile values (kg C per product), else the BOM's (its lines'
 *                            masses times their datasets' carbon content; lower bounds when some
 *                            lines declare none, said so with the coverage), else 0 (said so)
 *   aircraftGhgEmissions   = A
 *   packagingGhgEmissions  = lines of the Packaging component; packagingEmissionsIncluded = any
 *   primaryDataShare       = 100 x share of |T| from supplier-specific lines
 *   dqi                    = pcf_dqr_aggregate (dqr.c), coverage from the 5 % threshold
 * Declared unit: v2.3's enum (liter, kilogram, cubic meter, kilowatt hour, megajoule, ton
 * kilometer, square meter) has no "piece". A product declared per piece is declared per
 * kilogram of product (BOM mass, packaging excluded): unitaryProductAmount = mass of one
 * product in kg, values divided by that mass, productMassPerDeclaredUnit = 1.
 *
 * v3 (spec/v3/openapi.yaml) differs: declaredUnitOfMeasurement (adds piece) and
 * declaredUnitAmount, values per declaredUnitAmount units rather than per one unit,
 * pcfExcludingBiogenicUptake / pcfIncludingBiogenicUptake, ipccCharacterizationFactors,
 * productMassPerDeclaredUnit and crossSectoralStandards required, productCategoryCpc replaced by
 * productClassifications, no version/characterizationFactors/crossSectoralStandardsUsed. The
 * model below (struct pact_values) holds everything a v3 writer needs. */
#include <ctype.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "numfmt.h"
#include "pact_internal.h"

static int err_input(pcf_error *err, const pcf_pact_options *o, const char *fmt, const char *a, const char *b) {
  return pcf_error_set(err, PCF_ERR_INPUT, o->profile ? pcf_profile_path(o->profile) : NULL, 0, fmt, a, b);
}

const char *pcf__pact_profile(const pcf_pact_options *o, const char *section, const char *key) {
  if (o->product_id) {
    /* pcf batch: one profile for many products; its keys naming one product are not used. */
    static const char *const one_product[][2] = {{"product", "ids"},
                                                 {"product", "id"},
                                                 {"product", "name_company"},
                                                 {"product", "description"},
                                                 {"product", "category_cpc"},
                                                 {"footprint", "id"},
                                                 {"footprint", "fossil_carbon_content_kg"},
                                                 {"footprint", "biogenic_carbon_content_kg"}};
    for (size_t i = 0; i < sizeof one_product / sizeof *one_product; i++)
      if (strcasecmp(section, one_product[i][0]) == 0 && strcasecmp(key, one_product[i][1]) == 0) return NULL;
  }
  const char *v = pcf_profile_get(o->profile, section, key);
  return v && *v ? v : NULL;
}

int pcf__pact_uuid4(char out[37]) {
  unsigned char b[16];
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t n = read(fd, b, sizeof b);
  close(fd);
  if (n != (ssize_t)sizeof b) return -1;
  b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
  b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
  static const char hex[] = "0123456789abcdef";
  char *s = out;
  for (int i = 0; i < 16; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) *s++ = '-';
    *s++ = hex[b[i] >> 4];
    *s++ = hex[b[i] & 15];
  }
  *s = 0;
  return 0;
}

int pcf__pact_match(const char *pattern, const char *text) {
  regex_t re;
  if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB)) return 0;
  int ok = regexec(&re, text, 0, NULL, 0) == 0;
  regfree(&re);
  return ok;
}

int pcf__pact_is_datetime(const char *s) {
  return pcf__pact_match("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$",
                         s);
}

int pcf__pact_is_uuid(const char *s) {
  return pcf__pact_match("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", s);
}

/* A decimal as PACT v2 writes it: a string in plain notation (the spec's Decimal), with the
 * digits that read back as the computed double (numfmt.h). */
json_t *pcf__pact_decimal(double v) {
  char buf[400];
  if (!isfinite(v) || pcf__numfmt_decimal(buf, sizeof buf, v) < 0) return NULL;
  return json_string(buf);
}

/* The IPCC report of the method: "AR6", "AR5", "AR4", or NULL when it cannot be told. */
static const char *ipcc_report(const char *method) {
  static const char *const known[][2] = {{"6209b35f-9447-40b5-b68c-a1099e3674a0", "AR6"},
                                         {"89b498e4-96cb-5502-aa3d-f72a47cdf855", "AR5"},
                                         {"07018ef6-e942-5269-b6c0-2dbe3b36b723", "AR4"}};
  if (!method || !*method) return "AR6";
  for (size_t i = 0; i < sizeof known / sizeof *known; i++)
    if (strcasecmp(method, known[i][1]) == 0 || strcasecmp(method, known[i][0]) == 0) return known[i][1];
  return NULL;
}

/* PACT v2 declared unit of a pcf unit word, NULL if none ("piece" has none in v2). */
const char *pcf__pact_declared_unit(const char *unit) {
  static const char *const map[][2] = {{"kg", "kilogram"},       {"kilogram", "kilogram"},  {"l", "liter"},
                                       {"liter", "liter"},       {"litre", "liter"},        {"m3", "cubic meter"},
                                       {"kWh", "kilowatt hour"}, {"MJ", "megajoule"},       {"t*km", "ton kilometer"},
                                       {"tkm", "ton kilometer"}, {"t.km", "ton kilometer"}, {"m2", "square meter"}};
  for (size_t i = 0; i < sizeof map / sizeof *map; i++)
    if (strcasecmp(unit, map[i][0]) == 0) return map[i][1];
  return NULL;
}

int pcf__pact_is_piece(const char *unit) {
  static const char *const words[] = {"piece", "pieces", "pcs", "pc", "item", "items", "unit", "units", "p"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (strcasecmp(unit, words[i]) == 0) return 1;
  return 0;
}

/* Declared unit and the divisor from pcf's declared unit to PACT's. */
static int declared_unit(pact_values *v, const pcf_result *r, const pcf_pact_options *o, pcf_error *err) {
  const char *du = pcf_result_declared_unit(r);
  char *end;
  double amount = strtod(du, &end);
  if (end == du) amount = 1;
  while (isspace((unsigned char)*end)) end++;
  if (!(amount > 0)) return err_input(err, o, "declared unit \"%s\" has no positive amount%s", du, "");
  snprintf(v->pcf_unit, sizeof v->pcf_unit, "%s", end);
  v->product_mass_kg = o->product ? pcf_product_mass_kg(o->product) : NAN;
  const char *pu = pcf__pact_declared_unit(end);
  if (pu) {
    v->declared_unit = pu;
    v->unitary_amount = amount;
    v->divisor = amount;
    v->mass_per_unit = strcmp(pu, "kilogram") == 0                                              ? 1
                       : (strstr(pu, "hour") || strstr(pu, "joule") || strstr(pu, "kilometer")) ? 0
                       : v->product_mass_kg > 0 ? v->product_mass_kg / amount
                                                : NAN;
    return 0;
  }
  /* A piece (or any unit PACT v2 lacks, such as "1 batch") of a product whose mass is known is
   * declared per kilogram of product. */
  if (!(v->product_mass_kg > 0))
    return err_input(err, o,
                     "declared unit \"%s\" has no PACT v2 equivalent (kilogram, liter, cubic meter, "
                     "kilowatt hour, megajoule, ton kilometer, square meter)%s; pcf declares per kilogram of "
                     "product when the BOM gives the masses",
                     du, pcf__pact_is_piece(end) ? " and PACT v2 has no piece" : "");
  v->declared_unit = "kilogram";
  v->unitary_amount = v->product_mass_kg;
  v->divisor = v->product_mass_kg;
  v->mass_per_unit = 1;
  return 0;
}

int pcf__pact_values_compute(pact_values *v, const pcf_result *r, const pcf_pact_options *o, pcf_error *err) {
  memset(v, 0, sizeof *v);
  int rc = declared_unit(v, r, o, err);
  if (rc) return rc;
  const char *b = pcf__pact_profile(o, "footprint", "boundary");
  if (b && strcasecmp(b, "cradle-to-gate") && strcasecmp(b, "cradle-to-grave"))
    return err_input(err, o, "profile: boundary \"%s\" must be cradle-to-gate or cradle-to-grave%s", b, "");
  v->cradle_to_grave = o->product && b && strcasecmp(b, "cradle-to-grave") == 0;
  double x[PCF_INDICATOR_COUNT];
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++)
    x[k] = v->cradle_to_grave
               ? pcf_result_value(r, k)
               : pcf_result_stage(r, PCF_STAGE_RAW_MATERIALS, k) + pcf_result_stage(r, PCF_STAGE_PRODUCTION, k);
  /* Biogenic CO2 as masses within the boundary (module D lines lie outside it). */
  double emitted = 0, taken_up = 0;
  for (size_t i = 0; i < pcf_result_line_count(r); i++) {
    const pcf_line *l = pcf_result_line(r, i);
    if (l->beyond_boundary || (!v->cradle_to_grave && l->stage > PCF_STAGE_PRODUCTION)) continue;
    emitted += l->biogenic_co2_kg[0];
    taken_up += l->biogenic_co2_kg[1];
  }
  double bio = x[PCF_BIOGENIC_EMISSIONS] + x[PCF_BIOGENIC_REMOVALS];
  double d = v->divisor;
  v->excluding = (x[PCF_TOTAL] - emitted - taken_up) / d;
  v->biogenic_co2_emitted = emitted / d;
  v->fossil = x[PCF_FOSSIL] / d;
  v->dluc = x[PCF_DLUC] / d;
  v->land_management = 0;
  v->other_biogenic = fmax(0, (bio - emitted - taken_up) / d);
  v->aircraft = x[PCF_AIRCRAFT] / d;
  for (size_t i = 0; i < pcf_result_line_count(r); i++) {
    const pcf_line *l = pcf_result_line(r, i);
    if (strcmp(l->component, "Packaging") || (!v->cradle_to_grave && l->stage > PCF_STAGE_PRODUCTION)) continue;
    v->packaging += l->value[PCF_TOTAL] / d, v->has_packaging = 1;
  }
  const char *c = pcf__pact_profile(o, "footprint", "fossil_carbon_content_kg");
  v->fossil_carbon = c ? strtod(c, NULL) / d : 0;
  c = pcf__pact_profile(o, "footprint", "biogenic_carbon_content_kg");
  v->biogenic_carbon = c ? strtod(c, NULL) / d : 0;
  v->carbon_content_known = c != NULL;
  /* Not in the profile: the BOM's own, from the lines whose datasets declare it. When some lines
   * do not, the sums are lower bounds: reported as such (the comment gives the coverage), which
   * is closer to the product than 0. */
  const pcf_carbon_content *cc = pcf_result_carbon_content(r);
  if (!c && cc->lines && (cc->fossil_lines || cc->biogenic_lines)) {
    v->fossil_carbon = cc->fossil_kg / d;
    v->biogenic_carbon = cc->biogenic_kg / d;
    v->carbon_content_known = v->carbon_from_bom = 1;
    v->carbon_lines = cc->lines, v->carbon_fossil_lines = cc->fossil_lines,
    v->carbon_biogenic_lines = cc->biogenic_lines;
  }
  v->withdrawal = -44.0 / 12.0 * v->biogenic_carbon;
  v->including = v->excluding + v->biogenic_co2_emitted + v->withdrawal;
  /* Primary data share within the boundary, by contribution (as pcf_result_primary_share). */
  double primary = 0;
  for (size_t i = 0; i < pcf_result_line_count(r); i++) {
    const pcf_line *l = pcf_result_line(r, i);
    if (l->primary && (v->cradle_to_grave || l->stage <= PCF_STAGE_PRODUCTION)) primary += l->value[PCF_TOTAL];
  }
  v->primary_percent = x[PCF_TOTAL] != 0 ? fmin(100, fmax(0, 100 * primary / x[PCF_TOTAL])) : 0;
  v->report = ipcc_report(o->method);
  if (!v->report)
    return err_input(err, o, "method %s: cannot tell which IPCC report its factors come from%s", o->method, "");
  if (strcmp(v->report, "AR6") && strcmp(v->report, "AR5"))
    return err_input(err, o, "method %s: PACT v2 accepts IPCC AR5 or AR6 factors only%s", v->report, "");
  /* Rounding leaves -1e-17 where 0 is meant; a real negative here cannot be reported. */
  const double tiny = 1e-12 * fmax(1, fabs(v->including));
  if (v->excluding < -tiny || v->fossil < -tiny || v->dluc < -tiny)
    return err_input(err, o, "a negative footprint excluding biogenic CO2 cannot be reported in PACT%s%s", "", "");
  v->excluding = fmax(0, v->excluding), v->fossil = fmax(0, v->fossil), v->dluc = fmax(0, v->dluc);
  if (fabs(v->packaging) < tiny) v->packaging = 0;
  return 0;
}

/* Reference year the data should represent: the year of the reference period's end (excluding),
 * minus one when it ends on 1 January. */
int pcf__pact_reference_year(const char *start, const char *end) {
  if (end && strlen(end) >= 10) {
    int y = atoi(end);
    return strncmp(end + 4, "-01-01T00:00:00", 15) == 0 ? y - 1 : y;
  }
  return start ? atoi(start) : 0;
}
