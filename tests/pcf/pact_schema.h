/* pact_schema.h: a checker of PACT v2.3 ProductFootprint documents for the tests, written from
 * the constraints of the WBCSD PACT Technical Specification v2.3.1 (spec/v2/openapi.yaml,
 * components.schemas ProductFootprint, CarbonFootprint and the types they use; see
 * tests/fixtures/pact/PROVENANCE.md for the source, its licence and why the schema text itself
 * is not shipped). Each rule carries what the schema says of a property: type, required, enum,
 * pattern (POSIX ERE; the spec's decimal patterns, written anchored as a whole), minimum/maximum,
 * minLength/minItems/uniqueItems and the formats date-time and uuid. Objects are open as in the
 * schema; `strict` also reports properties the schema does not define (typos in our writer). */
#ifndef PCF_TEST_PACT_SCHEMA_H
#define PCF_TEST_PACT_SCHEMA_H

#include <jansson.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>

enum { T_STR = 1, T_NUM, T_INT, T_BOOL, T_ARR, T_OBJ };
enum { F_REQ = 1, F_UUID = 2, F_DATETIME = 4, F_UNIQUE = 8, F_NONEMPTY = 16, F_MIN = 32, F_MAX = 64 };

typedef struct prule {
  const char *name;
  int type, flags;
  const char *pattern;
  const char *const *enumv; /* NULL-terminated */
  double min, max;
  const struct prule *sub; /* object: properties (name NULL ends); array: the item rule */
} prule;

#define DEC_ANY "^[+-]?[0-9]+(\\.[0-9]+)?$"
#define DEC_POS0 "^[+]?[0-9]+(\\.[0-9]+)?$"
#define DEC_POS "^[+]?([0-9]*[1-9][0-9]*(\\.[0-9]+)?|0+\\.[0-9]*[1-9][0-9]*)$"
#define DEC_NEG0 "^(-[0-9]+(\\.[0-9]+)?|0+(\\.0+)?)$"
#define URN "^[uU][rR][nN]:"

static const char *const e_status[] = {"Active", "Deprecated", NULL};
static const char *const e_unit[] = {"liter",     "kilogram",      "cubic meter",  "kilowatt hour",
                                     "megajoule", "ton kilometer", "square meter", NULL};
static const char *const e_cf[] = {"AR6", "AR5", NULL};
static const char *const e_used[] = {"GHG Protocol Product standard", "ISO Standard 14067", "ISO Standard 14044", NULL};
static const char *const e_std[] = {"ISO14067", "ISO14083", "ISO14040-44", "GHGP-Product", "PEF", "PACT-1.0",
                                    "PACT-2.0", "PACT-3.0", NULL};
static const char *const e_bio[] = {"PEF", "ISO", "GHGP", "Quantis", NULL};
static const char *const e_region[] = {"Africa",
                                       "Americas",
                                       "Asia",
                                       "Europe",
                                       "Oceania",
                                       "Australia and New Zealand",
                                       "Central Asia",
                                       "Eastern Asia",
                                       "Eastern Europe",
                                       "Latin America and the Caribbean",
                                       "Melanesia",
                                       "Micronesia",
                                       "Northern Africa",
                                       "Northern America",
                                       "Northern Europe",
                                       "Polynesia",
                                       "South-eastern Asia",
                                       "Southern Asia",
                                       "Southern Europe",
                                       "Sub-Saharan Africa",
                                       "Western Asia",
                                       "Western Europe",
                                       NULL};
static const char *const e_operator[] = {"PEF", "EPD International", "Other", NULL};
static const char *const e_coverage[] = {"corporate level", "product line", "PCF system", "product level", NULL};
static const char *const e_level[] = {"limited", "reasonable", NULL};
static const char *const e_boundary[] = {"Gate-to-Gate", "Cradle-to-Gate", NULL};

static const prule r_urn = {"", T_STR, 0, URN, NULL, 0, 0, NULL};
static const prule r_uuid = {"", T_STR, F_UUID, NULL, NULL, 0, 0, NULL};
static const prule r_ar = {"", T_STR, 0, "^AR[0-9]+$", NULL, 0, 0, NULL};
static const prule r_used = {"", T_STR, 0, NULL, e_used, 0, 0, NULL};
static const prule r_std = {"", T_STR, 0, NULL, e_std, 0, 0, NULL};
static const prule r_rulename = {"", T_STR, F_NONEMPTY, NULL, NULL, 0, 0, NULL};
static const prule p_rule[] = {{"operator", T_STR, F_REQ, NULL, e_operator, 0, 0, NULL},
                               {"ruleNames", T_ARR, F_REQ | F_NONEMPTY | F_UNIQUE, NULL, NULL, 0, 0, &r_rulename},
                               {"otherOperatorName", T_STR, F_NONEMPTY, NULL, NULL, 0, 0, NULL},
                               {NULL, 0, 0, NULL, NULL, 0, 0, NULL}};
static const prule r_rule = {"", T_OBJ, 0, NULL, NULL, 0, 0, p_rule};
static const prule p_efdb[] = {{"name", T_STR, F_REQ | F_NONEMPTY, NULL, NULL, 0, 0, NULL},
                               {"version", T_STR, F_REQ | F_NONEMPTY, NULL, NULL, 0, 0, NULL},
                               {NULL, 0, 0, NULL, NULL, 0, 0, NULL}};
static const prule r_efdb = {"", T_OBJ, 0, NULL, NULL, 0, 0, p_efdb};
#define DQR(n)                                                                                                         \
  { n, T_NUM, F_REQ | F_MIN | F_MAX, NULL, NULL, 1, 3, NULL }
static const prule p_dqi[] = {{"coveragePercent", T_NUM, F_REQ | F_MIN | F_MAX, NULL, NULL, 0, 100, NULL},
                              DQR("technologicalDQR"),
                              DQR("temporalDQR"),
                              DQR("geographicalDQR"),
                              DQR("completenessDQR"),
                              DQR("reliabilityDQR"),
                              {NULL, 0, 0, NULL, NULL, 0, 0, NULL}};
static const prule p_assurance[] = {{"assurance", T_BOOL, F_REQ, NULL, NULL, 0, 0, NULL},
                                    {"coverage", T_STR, 0, NULL, e_coverage, 0, 0, NULL},
                                    {"level", T_STR, 0, NULL, e_level, 0, 0, NULL},
                                    {"boundary", T_STR, 0, NULL, e_boundary, 0, 0, NULL},
                                    {"providerName", T_STR, F_REQ, NULL, NULL, 0, 0, NULL},
                                    {"completedAt", T_STR, F_DATETIME, NULL, NULL, 0, 0, NULL},
                                    {"standardName", T_STR, 0, NULL, NULL, 0, 0, NULL},
                                    {"comments", T_STR, 0, NULL, NULL, 0, 0, NULL},
                                    {NULL, 0, 0, NULL, NULL, 0, 0, NULL}};
#define DEC(n, req, pat)                                                                                               \
  { n, T_STR, req, pat, NULL, 0, 0, NULL }
static const prule p_cf[] = {
    {"declaredUnit", T_STR, F_REQ, NULL, e_unit, 0, 0, NULL},
    DEC("unitaryProductAmount", F_REQ, DEC_POS),
    DEC("productMassPerDeclaredUnit", 0, DEC_ANY),
    DEC("pCfExcludingBiogenic", F_REQ, DEC_POS0),
    DEC("pCfIncludingBiogenic", 0, DEC_ANY),
    DEC("fossilGhgEmissions", F_REQ, DEC_POS0),
    DEC("fossilCarbonContent", F_REQ, DEC_POS0),
    DEC("biogenicCarbonContent", F_REQ, DEC_POS0),
    DEC("dLucGhgEmissions", 0, DEC_POS0),
    DEC("landManagementGhgEmissions", 0, DEC_POS0),
    DEC("otherBiogenicGhgEmissions", 0, DEC_POS0),
    DEC("iLucGhgEmissions", 0, DEC_POS0),
    DEC("biogenicCarbonWithdrawal", 0, DEC_NEG0),
    DEC("aircraftGhgEmissions", 0, DEC_POS0),
    {"characterizationFactors", T_STR, F_REQ, NULL, e_cf, 0, 0, NULL},
    {"ipccCharacterizationFactorsSources", T_ARR, F_REQ | F_NONEMPTY | F_UNIQUE, NULL, NULL, 0, 0, &r_ar},
    {"crossSectoralStandardsUsed", T_ARR, F_REQ | F_NONEMPTY | F_UNIQUE, NULL, NULL, 0, 0, &r_used},
    {"crossSectoralStandards", T_ARR, F_NONEMPTY | F_UNIQUE, NULL, NULL, 0, 0, &r_std},
    {"productOrSectorSpecificRules", T_ARR, F_NONEMPTY | F_UNIQUE, NULL, NULL, 0, 0, &r_rule},
    {"biogenicAccountingMethodology", T_STR, 0, NULL, e_bio, 0, 0, NULL},
    {"boundaryProcessesDescription", T_STR, F_REQ, NULL, NULL, 0, 0, NULL},
    {"referencePeriodStart", T_STR, F_REQ | F_DATETIME, NULL, NULL, 0, 0, NULL},
    {"referencePeriodEnd", T_STR, F_REQ | F_DATETIME, NULL, NULL, 0, 0, NULL},
    {"geographyRegionOrSubregion", T_STR, 0, NULL, e_region, 0, 0, NULL},
    {"geographyCountry", T_STR, 0, "^[A-Z]{2}$", NULL, 0, 0, NULL},
    {"geographyCountrySubdivision", T_STR, 0, "^[A-Z]{2}-[A-Z0-9]{1,3}$", NULL, 0, 0, NULL},
    {"secondaryEmissionFactorSources", T_ARR, F_NONEMPTY, NULL, NULL, 0, 0, &r_efdb},
    {"exemptedEmissionsPercent", T_NUM, F_REQ | F_MIN | F_MAX, NULL, NULL, 0, 5, NULL},
    {"exemptedEmissionsDescription", T_STR, F_REQ, NULL, NULL, 0, 0, NULL},
    {"packagingEmissionsIncluded", T_BOOL, F_REQ, NULL, NULL, 0, 0, NULL},
    DEC("packagingGhgEmissions", 0, DEC_POS0),
    {"allocationRulesDescription", T_STR, 0, NULL, NULL, 0, 0, NULL},
    {"uncertaintyAssessmentDescription", T_STR, 0, NULL, NULL, 0, 0, NULL},
    {"primaryDataShare", T_NUM, F_MIN | F_MAX, NULL, NULL, 0, 100, NULL},
    {"dqi", T_OBJ, 0, NULL, NULL, 0, 0, p_dqi},
    {"assurance", T_OBJ, 0, NULL, NULL, 0, 0, p_assurance},
    {NULL, 0, 0, NULL, NULL, 0, 0, NULL}};
static const prule p_ext[] = {{"specVersion", T_STR, F_REQ, NULL, NULL, 0, 0, NULL},
                              {"dataSchema", T_STR, F_REQ, NULL, NULL, 0, 0, NULL},
                              {"documentation", T_STR, 0, NULL, NULL, 0, 0, NULL},
                              {"data", T_OBJ, F_REQ, NULL, NULL, 0, 0, NULL},
                              {NULL, 0, 0, NULL, NULL, 0, 0, NULL}};
static const prule r_ext = {"", T_OBJ, 0, NULL, NULL, 0, 0, p_ext};
static const prule p_pf[] = {{"id", T_STR, F_REQ | F_UUID, NULL, NULL, 0, 0, NULL},
                             {"specVersion", T_STR, F_REQ, "^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9]{8})?$", NULL, 0, 0, NULL},
                             {"precedingPfIds", T_ARR, F_NONEMPTY | F_UNIQUE, NULL, NULL, 0, 0, &r_uuid},
                             {"version", T_INT, F_REQ | F_MIN | F_MAX, NULL, NULL, 0, 2147483647.0, NULL},
                             {"created", T_STR, F_REQ | F_DATETIME, NULL, NULL, 0, 0, NULL},
                             {"updated", T_STR, F_DATETIME, NULL, NULL, 0, 0, NULL},
                             {"status", T_STR, F_REQ, NULL, e_status, 0, 0, NULL},
                             {"statusComment", T_STR, 0, NULL, NULL, 0, 0, NULL},
                             {"validityPeriodStart", T_STR, F_DATETIME, NULL, NULL, 0, 0, NULL},
                             {"validityPeriodEnd", T_STR, F_DATETIME, NULL, NULL, 0, 0, NULL},
                             {"companyName", T_STR, F_REQ | F_NONEMPTY, NULL, NULL, 0, 0, NULL},
                             {"companyIds", T_ARR, F_REQ | F_NONEMPTY | F_UNIQUE, NULL, NULL, 0, 0, &r_urn},
                             {"productDescription", T_STR, F_REQ, NULL, NULL, 0, 0, NULL},
                             {"productIds", T_ARR, F_REQ | F_NONEMPTY | F_UNIQUE, NULL, NULL, 0, 0, &r_urn},
                             {"productClassifications", T_ARR, F_NONEMPTY | F_UNIQUE, NULL, NULL, 0, 0, &r_urn},
                             {"productCategoryCpc", T_STR, F_REQ | F_NONEMPTY, NULL, NULL, 0, 0, NULL},
                             {"productNameCompany", T_STR, F_REQ | F_NONEMPTY, NULL, NULL, 0, 0, NULL},
                             {"comment", T_STR, F_REQ, NULL, NULL, 0, 0, NULL},
                             {"pcf", T_OBJ, F_REQ, NULL, NULL, 0, 0, p_cf},
                             {"extensions", T_ARR, 0, NULL, NULL, 0, 0, &r_ext},
                             {NULL, 0, 0, NULL, NULL, 0, 0, NULL}};
static const prule pact_product_footprint = {"ProductFootprint", T_OBJ, 0, NULL, NULL, 0, 0, p_pf};

static int pact_re(const char *pattern, const char *s) {
  regex_t re;
  if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB)) return 0;
  int ok = regexec(&re, s, 0, NULL, 0) == 0;
  regfree(&re);
  return ok;
}

/* Appends "path: problem" lines to msgs (size bytes); returns the number of problems. */
static int pact_check(const prule *r, const json_t *v, const char *path, int strict, char *msgs, size_t size) {
  int n = 0;
#define FAIL(...)                                                                                                      \
  do {                                                                                                                 \
    size_t l_ = strlen(msgs);                                                                                          \
    if (l_ < size) snprintf(msgs + l_, size - l_, "%s: ", path);                                                       \
    l_ = strlen(msgs);                                                                                                 \
    if (l_ < size) snprintf(msgs + l_, size - l_, __VA_ARGS__);                                                        \
    l_ = strlen(msgs);                                                                                                 \
    if (l_ + 1 < size) strcat(msgs, "\n");                                                                             \
    n++;                                                                                                               \
  } while (0)
  int ok_type = r->type == T_STR    ? json_is_string(v)
                : r->type == T_NUM  ? json_is_number(v)
                : r->type == T_INT  ? json_is_integer(v)
                : r->type == T_BOOL ? json_is_boolean(v)
                : r->type == T_ARR  ? json_is_array(v)
                                    : json_is_object(v);
  if (!ok_type) {
    FAIL("wrong type");
    return n;
  }
  if (r->type == T_STR) {
    const char *s = json_string_value(v);
    if ((r->flags & F_NONEMPTY) && !*s) FAIL("empty string");
    if (r->pattern && !pact_re(r->pattern, s)) FAIL("\"%s\" does not match %s", s, r->pattern);
    if ((r->flags & F_UUID) &&
        !pact_re("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", s))
      FAIL("\"%s\" is not a UUID", s);
    if ((r->flags & F_DATETIME) &&
        !pact_re("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$", s))
      FAIL("\"%s\" is not an RFC 3339 date-time", s);
    if (r->enumv) {
      int found = 0;
      for (const char *const *e = r->enumv; *e; e++) found |= strcmp(*e, s) == 0;
      if (!found) FAIL("\"%s\" is not one of the allowed values", s);
    }
  }
  if (r->type == T_NUM || r->type == T_INT) {
    double x = json_number_value(v);
    if ((r->flags & F_MIN) && x < r->min) FAIL("%g below minimum %g", x, r->min);
    if ((r->flags & F_MAX) && x > r->max) FAIL("%g above maximum %g", x, r->max);
  }
  if (r->type == T_ARR) {
    size_t m = json_array_size(v);
    if ((r->flags & F_NONEMPTY) && m == 0) FAIL("empty array");
    for (size_t i = 0; i < m; i++) {
      char p[512];
      snprintf(p, sizeof p, "%s[%zu]", path, i);
      if (r->sub) n += pact_check(r->sub, json_array_get(v, i), p, strict, msgs, size);
      for (size_t j = 0; (r->flags & F_UNIQUE) && j < i; j++)
        if (json_equal(json_array_get(v, i), json_array_get(v, j))) FAIL("items %zu and %zu are equal", j, i);
    }
  }
  if (r->type == T_OBJ && r->sub) {
    for (const prule *c = r->sub; c->name; c++) {
      char p[512];
      snprintf(p, sizeof p, "%s.%s", path, c->name);
      const json_t *x = json_object_get(v, c->name);
      if (!x) {
        if (c->flags & F_REQ) FAIL("required property %s missing", c->name);
        continue;
      }
      n += pact_check(c, x, p, strict, msgs, size);
    }
    const char *key;
    json_t *x;
    json_object_foreach((json_t *)v, key, x) {
      int known = 0;
      for (const prule *c = r->sub; c->name; c++) known |= strcmp(c->name, key) == 0;
      if (strict && !known) FAIL("property %s is not in the specification", key);
    }
  }
  return n;
#undef FAIL
}

#endif
