/* pact_doc.c: the PACT v2.3 ProductFootprint document (ProductFootprint and CarbonFootprint
 * properties, PACT Technical Specification v2.3 section "Data Model") built with jansson from
 * the values of pact_write.c, the user's profile and the loaded datasets' metadata. */
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "caveats.h"
#include "numfmt.h"
#include "pact_internal.h"

typedef struct doc {
  const pcf_result *r;
  const pcf_pact_options *o;
  pcf_error *err;
  const pact_values *v;
  int oom;
} doc;

static const char *prof(const doc *d, const char *section, const char *key) {
  return pcf__pact_profile(d->o, section, key);
}

static int bad(doc *d, const char *fmt, const char *a, const char *b) {
  return pcf_error_set(d->err, PCF_ERR_INPUT, d->o->profile ? pcf_profile_path(d->o->profile) : NULL, 0, fmt, a, b);
}

static void put(doc *d, json_t *obj, const char *key, json_t *v) {
  if (!v || json_object_set_new(obj, key, v)) d->oom = 1;
}

static void push(doc *d, json_t *arr, json_t *v) {
  if (!v || json_array_append_new(arr, v)) d->oom = 1;
}

/* Comma-separated URNs as a JSON array of trimmed strings without duplicates (what names them
 * in errors: key). Returns NULL and sets the error when one is not a URN or none is given. */
static json_t *urn_list(doc *d, const char *text, const char *key, const char *file) {
  json_t *a = json_array();
  if (!a) return d->oom = 1, NULL;
  char item[1024];
  for (const char *s = text; *s;) {
    while (isspace((unsigned char)*s) || *s == ',') s++;
    size_t n = strcspn(s, ",");
    while (n && isspace((unsigned char)s[n - 1])) n--;
    if (!n) break;
    snprintf(item, sizeof item, "%.*s", (int)(n < sizeof item ? n : sizeof item - 1), s);
    s += n;
    if (strncasecmp(item, "urn:", 4) != 0) {
      json_decref(a);
      return pcf_error_set(d->err, PCF_ERR_INPUT, file, 0, "\"%s\" is not a URN (urn:...), as PACT requires for %s",
                           item, key),
             NULL;
    }
    int dup = 0;
    for (size_t i = 0; i < json_array_size(a); i++) dup |= strcmp(json_string_value(json_array_get(a, i)), item) == 0;
    if (!dup) push(d, a, json_string(item));
  }
  if (d->oom || !json_array_size(a)) { /* out of memory: not an empty list */
    json_decref(a);
    return d->oom ? NULL : (pcf_error_set(d->err, PCF_ERR_INPUT, file, 0, "%s is empty", key), NULL);
  }
  return a;
}

/* The URNs of a profile key ([company] ids). */
static json_t *list(doc *d, const char *section, const char *key) {
  const char *text = prof(d, section, key);
  if (!text) return bad(d, "profile: [%s] %s is missing", section, key), NULL;
  return urn_list(d, text, key, pcf_profile_path(d->o->profile));
}

/* A growing string; on allocation failure it stays NULL and appends are ignored. */
typedef struct sbuf {
  char *s;
  size_t len, cap;
} sbuf;

static void add(sbuf *b, const char *a, const char *c, const char *e) {
  size_t need = strlen(a) + strlen(c) + strlen(e) + 1;
  if (b->len + need > b->cap) {
    size_t cap = 2 * (b->cap + need);
    char *t = realloc(b->s, cap);
    if (!t) return free(b->s), (void)(b->s = NULL), (void)(b->cap = (size_t)-1 / 2);
    b->s = t, b->cap = cap;
  }
  if (!b->s) return;
  b->len += (size_t)snprintf(b->s + b->len, b->cap - b->len, "%s%s%s", a, c, e);
}

/* "Raw material acquisition: Toy car/Body (ABS), ...; Production: ...": the processes of each
 * life-cycle stage, as PACT's boundaryProcessesDescription asks. */
static json_t *boundary(doc *d) {
  const char *given = prof(d, "footprint", "boundary_processes_description");
  if (given) return json_string(given);
  sbuf b = {0};
  add(&b, "", "", "");
  int grave = d->v->cradle_to_grave;
  add(&b, grave ? "Cradle to grave. " : "Cradle to gate (distribution, use and end of life are outside the boundary). ",
      "", "");
  for (int st = 0; st < (grave ? PCF_STAGE_COUNT : PCF_STAGE_PRODUCTION + 1); st++) {
    add(&b, pcf_stage_title(st), ": ", "");
    int n = 0;
    for (size_t i = 0; i < pcf_result_line_count(d->r); i++) {
      const pcf_line *l = pcf_result_line(d->r, i);
      if (l->stage != (pcf_stage)st) continue;
      add(&b, n++ ? ", " : "", l->component, " (");
      if (l->factor_source)
        add(&b, "own secondary factor, ", l->factor_source, ")");
      else
        add(&b, l->primary ? "supplier-specific PCF" : l->dataset, ")", "");
    }
    if (!n) add(&b, "not included (no processes)", "", "");
    add(&b, st + 1 < (grave ? PCF_STAGE_COUNT : PCF_STAGE_PRODUCTION + 1) ? "; " : ".", "", "");
  }
  if (!b.s) return NULL;
  json_t *j = json_string(b.s);
  free(b.s);
  return j;
}

/* Data sources of the secondary datasets used, {name, version} without duplicates; NULL when
 * every line is primary data (PACT: the property MUST then be undefined). */
static json_t *secondary_sources(doc *d) {
  json_t *a = json_array();
  if (!a) return d->oom = 1, NULL;
  const char *given = prof(d, "footprint", "secondary_sources"); /* "name version; name version" */
  if (given) {
    char buf[512];
    for (const char *s = given; *s;) {
      while (isspace((unsigned char)*s) || *s == ';') s++;
      size_t n = strcspn(s, ";");
      if (!n) break;
      snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : sizeof buf - 1), s);
      s += n;
      char *end = buf + strlen(buf);
      while (end > buf && isspace((unsigned char)end[-1])) *--end = 0;
      char *sp = strrchr(buf, ' ');
      json_t *o = json_object();
      if (!o) return json_decref(a), d->oom = 1, NULL;
      if (sp) *sp = 0;
      put(d, o, "name", json_string(buf));
      put(d, o, "version", json_string(sp ? sp + 1 : "unspecified"));
      push(d, a, o);
    }
    return a;
  }
  int any = 0;
  for (size_t i = 0; i < pcf_result_line_count(d->r); i++) {
    const pcf_line *l = pcf_result_line(d->r, i);
    if (l->primary) continue;
    any = 1;
    ilcd_uuid u;
    const ilcd_process *p = d->o->db && !ilcd_uuid_parse(&u, l->process_uuid) ? ilcd_db_process(d->o->db, &u) : NULL;
    /* An own secondary factor's source, as its user gives it (no version of its own). */
    size_t n_src = l->factor_source ? 1 : p ? p->n_sources : 0;
    for (size_t k = 0; k < n_src; k++) {
      const ilcd_named *src = l->factor_source ? NULL : ilcd_db_source(d->o->db, &p->sources[k].uuid);
      const char *name = l->factor_source ? l->factor_source : src ? src->name : p->sources[k].text;
      const char *version = l->factor_source                       ? NULL
                            : src && src->version && *src->version ? src->version
                                                                   : p->sources[k].version;
      if (!name || !*name) continue;
      int dup = 0;
      for (size_t j = 0; j < json_array_size(a); j++) {
        const char *have = json_string_value(json_object_get(json_array_get(a, j), "name"));
        dup |= have && strcmp(have, name) == 0; /* no name: it was lost to out of memory (d->oom) */
      }
      if (dup) continue;
      json_t *o = json_object();
      if (!o) return json_decref(a), d->oom = 1, NULL;
      put(d, o, "name", json_string(name));
      put(d, o, "version", json_string(version && *version ? version : "unspecified"));
      push(d, a, o);
    }
  }
  if (any && !json_array_size(a)) {
    json_t *o = json_object();
    put(d, o, "name", json_string("pcf datasets (sources not recorded in the datasets)"));
    put(d, o, "version", json_string("unspecified"));
    push(d, a, o);
  }
  if (!any) json_decref(a), a = NULL;
  return a;
}

static json_t *dqi(doc *d, int year, const char *country) {
  size_t n = pcf_result_line_count(d->r);
  pcf_dqr_line *lines = calloc(n ? n : 1, sizeof *lines);
  if (!lines) return d->oom = 1, NULL;
  for (size_t i = 0; i < n; i++)
    if (pcf_dqr_rate(&lines[i], d->r, i, d->o->db, d->o->profile, year, country, d->err)) return free(lines), NULL;
  pcf_dqr_summary s;
  pcf_dqr_aggregate(&s, d->r, lines);
  free(lines);
  static const char *const keys[PCF_DQR_COUNT] = {"technologicalDQR", "temporalDQR", "geographicalDQR",
                                                  "completenessDQR", "reliabilityDQR"};
  json_t *o = json_object();
  if (!o) return d->oom = 1, NULL;
  put(d, o, "coveragePercent", json_real(round(s.coverage_percent * 100) / 100));
  for (int k = 0; k < PCF_DQR_COUNT; k++) put(d, o, keys[k], json_real(round(s.rating[k] * 100) / 100));
  return o;
}

/* The comment: what a recipient must know to read the numbers, and the run's caveats counted by
 * kind (caveats.h) rather than every warning verbatim; the detail stays in pcf's own outputs. */
static json_t *comment(doc *d, const pact_values *v) {
  sbuf b = {0};
  char num[96];
  const char *given = prof(d, "footprint", "comment");
  add(&b, given ? given : "", given ? " " : "", "Calculated with pcf (ISO 14067 footprint engine), ");
  add(&b, "GWP100 method ", pcf_result_method(d->r), "");
  add(&b, " (IPCC ", v->report, "). ");
  if (strcmp(v->pcf_unit, "") && !pcf__pact_declared_unit(v->pcf_unit))
    add(&b, "Declared per kilogram of product (PACT v2 has no such declared unit): the product is ",
        pcf_result_declared_unit(d->r), " and unitaryProductAmount is its mass without packaging. ");
  add(&b,
      v->cradle_to_grave ? "Boundary: cradle to grave. "
                         : "Boundary: cradle to gate (raw materials and production), "
                           "as PACT exchanges PCFs. ",
      "", "");
  add(&b, "Land management emissions are not modelled apart (0). ", "", "");
  if (!v->carbon_content_known) {
    add(&b, "Fossil and biogenic carbon content not determined (reported as 0). ", "", "");
  } else if (v->carbon_from_bom) {
    add(&b,
        "Fossil and biogenic carbon content determined by pcf from the product's BOM (each line's mass times its "
        "dataset's carbon content; packaging not included)",
        "", "");
    if (v->carbon_fossil_lines < v->carbon_lines || v->carbon_biogenic_lines < v->carbon_lines) {
      snprintf(num, sizeof num, "%zu (fossil) and %zu (biogenic) of %zu", v->carbon_fossil_lines,
               v->carbon_biogenic_lines, v->carbon_lines);
      add(&b, ": lower bounds, declared for ", num, " BOM lines");
    }
    add(&b, ". ", "", "");
  }
  caveat_summary cs;
  pcf__caveats_summarise(&cs, d->r);
  if (cs.total) {
    snprintf(num, sizeof num, "%zu", cs.total);
    add(&b, "pcf noted ", num, cs.total == 1 ? " caveat: " : " caveats: ");
    int first = 1;
    for (int k = 0; k < CAVEAT_COUNT; k++) {
      if (!cs.warnings[k]) continue;
      snprintf(num, sizeof num, "%zu ", cs.items[k]);
      add(&b, first ? "" : "; ", num, pcf__caveat_phrase((caveat_kind)k, cs.items[k]));
      if (k == CAVEAT_OTHER_GWP && cs.gwp_sets[0]) add(&b, " (", cs.gwp_sets, ")");
      first = 0;
    }
    add(&b, ". The full list is in pcf's study report and JSON output.", "", "");
  }
  if (!b.s) return NULL;
  size_t n = strlen(b.s);
  while (n && b.s[n - 1] == ' ') b.s[--n] = 0;
  json_t *j = json_string(b.s);
  free(b.s);
  return j;
}

static const char *regions[] = {"Africa",
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
                                "Western Europe"};

/* geographyCountry / RegionOrSubregion / CountrySubdivision: at most one (PACT scope rules). */
static int geography(doc *d, json_t *pcf) {
  const char *c = prof(d, "footprint", "geography_country"), *r = prof(d, "footprint", "geography_region"),
             *s = prof(d, "footprint", "geography_subdivision");
  if (!!c + !!r + !!s > 1)
    return bad(d, "profile: give one of geography_country, geography_region, geography_subdivision%s%s", "", "");
  if (c && !pcf__pact_match("^[A-Z]{2}$", c))
    return bad(d, "profile: geography_country \"%s\" is not ISO 3166-1 alpha-2%s", c, "");
  if (s && !pcf__pact_match("^[A-Z]{2}-[A-Z0-9]{1,3}$", s))
    return bad(d, "profile: geography_subdivision \"%s\" is not ISO 3166-2%s", s, "");
  if (r) {
    int ok = 0;
    for (size_t i = 0; i < sizeof regions / sizeof *regions; i++) ok |= strcmp(r, regions[i]) == 0;
    if (!ok) return bad(d, "profile: geography_region \"%s\" is not a UN region or subregion name%s", r, "");
  }
  if (c) put(d, pcf, "geographyCountry", json_string(c));
  if (r) put(d, pcf, "geographyRegionOrSubregion", json_string(r));
  if (s) put(d, pcf, "geographyCountrySubdivision", json_string(s));
  return 0;
}

static int carbon_footprint(doc *d, json_t *pcf, const pact_values *v) {
  const char *start = prof(d, "footprint", "reference_period_start"),
             *end = prof(d, "footprint", "reference_period_end");
  if (!start || !end)
    return bad(d,
               "profile: [footprint] reference_period_start and reference_period_end are "
               "required (RFC 3339, e.g. 2024-01-01T00:00:00Z)%s%s",
               "", "");
  if (!pcf__pact_is_datetime(start))
    return bad(d, "profile: reference_period_start \"%s\" is not an RFC 3339 date-time%s", start, "");
  if (!pcf__pact_is_datetime(end))
    return bad(d, "profile: reference_period_end \"%s\" is not an RFC 3339 date-time%s", end, "");
  if (strcmp(start, end) >= 0)
    return bad(d, "profile: the reference period ends (%s) before it starts (%s)", end, start);
  put(d, pcf, "declaredUnit", json_string(v->declared_unit));
  put(d, pcf, "unitaryProductAmount", pcf__pact_decimal(v->unitary_amount));
  if (!isnan(v->mass_per_unit)) put(d, pcf, "productMassPerDeclaredUnit", pcf__pact_decimal(v->mass_per_unit));
  put(d, pcf, "pCfExcludingBiogenic", pcf__pact_decimal(v->excluding));
  put(d, pcf, "pCfIncludingBiogenic", pcf__pact_decimal(v->including));
  put(d, pcf, "fossilGhgEmissions", pcf__pact_decimal(v->fossil));
  put(d, pcf, "fossilCarbonContent", pcf__pact_decimal(v->fossil_carbon));
  put(d, pcf, "biogenicCarbonContent", pcf__pact_decimal(v->biogenic_carbon));
  put(d, pcf, "dLucGhgEmissions", pcf__pact_decimal(v->dluc));
  put(d, pcf, "landManagementGhgEmissions", pcf__pact_decimal(v->land_management));
  put(d, pcf, "otherBiogenicGhgEmissions", pcf__pact_decimal(v->other_biogenic));
  put(d, pcf, "biogenicCarbonWithdrawal", pcf__pact_decimal(v->withdrawal));
  put(d, pcf, "aircraftGhgEmissions", pcf__pact_decimal(v->aircraft));
  put(d, pcf, "characterizationFactors", json_string(v->report));
  json_t *ipcc = json_array();
  push(d, ipcc, json_string(v->report));
  put(d, pcf, "ipccCharacterizationFactorsSources", ipcc);
  json_t *used = json_array(), *std = json_array();
  push(d, used, json_string("ISO Standard 14067"));
  push(d, used, json_string("GHG Protocol Product standard"));
  push(d, std, json_string("ISO14067"));
  push(d, std, json_string("GHGP-Product"));
  put(d, pcf, "crossSectoralStandardsUsed", used);
  put(d, pcf, "crossSectoralStandards", std);
  put(d, pcf, "biogenicAccountingMethodology",
      json_string(prof(d, "footprint", "biogenic_accounting_methodology")
                      ? prof(d, "footprint", "biogenic_accounting_methodology")
                      : "ISO"));
  put(d, pcf, "boundaryProcessesDescription", boundary(d));
  put(d, pcf, "referencePeriodStart", json_string(start));
  put(d, pcf, "referencePeriodEnd", json_string(end));
  if (geography(d, pcf)) return -1;
  json_t *src = secondary_sources(d);
  if (src) put(d, pcf, "secondaryEmissionFactorSources", src);
  const char *ex = prof(d, "footprint", "exempted_emissions_percent");
  char *e = NULL;
  double exv = ex ? strtod(ex, &e) : 0;
  if (ex && (*e || !(exv >= 0 && exv <= 5)))
    return bad(d, "profile: exempted_emissions_percent \"%s\" must be a number from 0 to 5 (PACT v2)%s", ex, "");
  put(d, pcf, "exemptedEmissionsPercent", json_real(exv));
  const char *exd = pcf_profile_get(d->o->profile, "footprint", "exempted_emissions_description");
  put(d, pcf, "exemptedEmissionsDescription", json_string(exd ? exd : ""));
  put(d, pcf, "packagingEmissionsIncluded", json_boolean(v->has_packaging));
  if (v->has_packaging) put(d, pcf, "packagingGhgEmissions", pcf__pact_decimal(fmax(0, v->packaging)));
  const char *alloc = prof(d, "footprint", "allocation_rules_description");
  put(d, pcf, "allocationRulesDescription",
      json_string(alloc ? alloc
                        : "No allocation in the foreground model (single-output processes); secondary "
                          "datasets keep the allocation of their publishers, as documented in each dataset."));
  const char *unc = prof(d, "footprint", "uncertainty_assessment_description");
  if (unc) put(d, pcf, "uncertaintyAssessmentDescription", json_string(unc));
  put(d, pcf, "primaryDataShare", json_real(round(v->primary_percent * 1e4) / 1e4));
  json_t *q = dqi(d, pcf__pact_reference_year(start, end), prof(d, "footprint", "geography_country"));
  if (!q && !d->oom) return -1;
  put(d, pcf, "dqi", q);
  return 0;
}

static int product_footprint(doc *d, json_t *pf, const pact_values *v) {
  char id[64], created[32];
  if (!d->o->profile)
    return bad(d,
               "a PACT document needs a profile with the company and request details (--profile FILE, "
               "see cases/profile.ini)%s%s",
               "", "");
  const char *given = d->o->product_id ? NULL : getenv("PCF_PACT_ID"); /* one id cannot serve many */
  if (!given || !*given) given = prof(d, "footprint", "id");
  if (given) {
    if (!pcf__pact_is_uuid(given)) return bad(d, "PACT id \"%s\" is not a UUID%s", given, "");
    snprintf(id, sizeof id, "%s", given);
  } else if (pcf__pact_uuid4(id)) {
    return pcf_error_set(d->err, PCF_ERR_IO, "/dev/urandom", 0, "cannot read random bytes for the PACT id");
  }
  const char *when = getenv("PCF_PACT_CREATED");
  if (!when || !*when) when = prof(d, "footprint", "created");
  if (when) {
    if (!pcf__pact_is_datetime(when)) return bad(d, "PACT created \"%s\" is not an RFC 3339 date-time%s", when, "");
    snprintf(created, sizeof created, "%s", when);
  } else {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &tm);
  }
  const char *version = prof(d, "footprint", "version"), *status = prof(d, "footprint", "status");
  char *end = NULL;
  long ver = version ? strtol(version, &end, 10) : 1;
  if (version && (*end || ver < 0 || ver > 2147483647L))
    return bad(d, "profile: version \"%s\" must be an integer from 0 to 2^31-1%s", version, "");
  if (status && strcmp(status, "Active") && strcmp(status, "Deprecated"))
    return bad(d, "profile: status \"%s\" must be Active or Deprecated%s", status, "");
  const char *company = prof(d, "company", "name");
  if (!company) return bad(d, "profile: [company] name is missing%s%s", "", "");
  pact_identity who;
  if (pcf__pact_identity_resolve(&who, d->r, d->o, d->err)) return -1;
  if (!who.cpc)
    return pcf_error_set(d->err, PCF_ERR_INPUT, d->o->product ? pcf_product_path(d->o->product) : NULL, 0,
                         "the product's UN CPC code (PACT productCategoryCpc) is missing: give %s", who.cpc_hint);
  if (!who.ids)
    return pcf_error_set(d->err, PCF_ERR_INPUT, d->o->product ? pcf_product_path(d->o->product) : NULL, 0,
                         "the product has no id: give [product] id or ids (URNs, PACT productIds)");
  put(d, pf, "id", json_string(id));
  put(d, pf, "specVersion", json_string(PCF_PACT_SPEC_VERSION));
  put(d, pf, "version", json_integer(ver));
  put(d, pf, "created", json_string(created));
  put(d, pf, "status", json_string(status ? status : "Active"));
  const char *sc = prof(d, "footprint", "status_comment");
  if (sc) put(d, pf, "statusComment", json_string(sc));
  put(d, pf, "companyName", json_string(company));
  json_t *ids = list(d, "company", "ids");
  if (!ids) return -1;
  put(d, pf, "companyIds", ids);
  put(d, pf, "productDescription", json_string(who.description));
  ids = urn_list(d, who.ids, "productIds",
                 d->o->product && pcf_product_ids(d->o->product) ? pcf_product_path(d->o->product)
                                                                 : pcf_profile_path(d->o->profile));
  if (!ids) return -1;
  put(d, pf, "productIds", ids);
  put(d, pf, "productCategoryCpc", json_string(who.cpc));
  put(d, pf, "productNameCompany", json_string(who.name && *who.name ? who.name : "unnamed product"));
  put(d, pf, "comment", comment(d, v));
  json_t *pcf = json_object();
  if (!pcf) return d->oom = 1, -1;
  put(d, pf, "pcf", pcf);
  return carbon_footprint(d, pcf, v);
}

/* The v2.3 document of r (caller frees) and the values it was built from, or NULL with err set. */
json_t *pcf__pact_document(const pcf_result *r, const pcf_pact_options *o, pact_values *v, pcf_error *err) {
  doc d = {.r = r, .o = o, .err = err, .v = v};
  if (pcf__pact_values_compute(v, r, o, err)) return NULL;
  json_t *pf = json_object();
  if (!pf) return pcf_error_nomem(err), NULL;
  int rc = product_footprint(&d, pf, v);
  if (d.oom)
    rc = pcf_error_nomem(err);
  else if (rc && !(err && err->code))
    rc = pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "invalid PACT document");
  if (rc) json_decref(pf), pf = NULL;
  return pf;
}

int pcf_pact_write(const pcf_result *r, const pcf_pact_options *o, FILE *out, pcf_error *err) {
  pact_values v;
  json_t *pf = pcf__pact_document(r, o, &v, err);
  if (!pf) return err && err->code ? err->code : PCF_ERR_INPUT;
  int rc = 0;
  if (pcf__numfmt_json_dump(pf, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) || fputc('\n', out) == EOF)
    rc = ferror(out) ? pcf_error_set(err, PCF_ERR_IO, NULL, 0, "cannot write the PACT document")
                     : pcf_error_nomem(err); /* jansson's dump allocates */
  json_decref(pf);
  return rc;
}
