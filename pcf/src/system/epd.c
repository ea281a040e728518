/* epd.c: the GWP results of an ILCD+EPD data set, read as the rule in epd.h says: EN 15804 core
 * indicators (EN 15804:2012+A2:2019: GWP-total = GWP-fossil + GWP-biogenic + GWP-luluc; +A1: GWP
 * alone) declared per life-cycle module (A1-A3, C1-C4, D) in the ILCD+EPD format's epd:amount
 * elements, with its epd:scenario alternatives. */
#include "epd.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The indicator families known by UUID, in the order they are preferred, and their parts. */
static const struct {
  const char *family;
  const char *uuid[EPD_PART_COUNT];
} known[] = {
    {"EN 15804+A2 (EF 3.1)",
     {"a7ea142a-9749-11ed-a8fc-0242ac120002", "a7ea19c0-9749-11ed-a8fc-0242ac120002",
      "a7ea186c-9749-11ed-a8fc-0242ac120002", "a7ea1ae2-9749-11ed-a8fc-0242ac120002"}},
    {"EN 15804+A2 (EF 3.0)",
     {"6a37f984-a4b3-458a-a20a-64418c145fa2", "5f635281-343e-44fb-83df-1971b155e6b6",
      "2356e1ab-0185-4db5-86e5-16de51c7485c", "4331bbdb-978a-490d-8707-eeb047f01a55"}},
    {"EN 15804+A1", {"77e416eb-a363-4258-a04e-171d843a6460", NULL, NULL, NULL}},
};
enum { N_KNOWN = sizeof known / sizeof *known, BY_NAME = N_KNOWN, N_FAMILIES };

static bool contains(const char *lower, const char *what) { return strstr(lower, what) != NULL; }

/* The part a name denotes, or -1 for no GWP indicator (or an ambiguous or other GWP variant). */
static int part_by_name(const char *name) {
  char s[256];
  size_t n = 0;
  for (; name[n] && n + 1 < sizeof s; n++) s[n] = (char)tolower((unsigned char)name[n]);
  s[n] = '\0';
  bool gwp = contains(s, "global warming") || contains(s, "gwp") || contains(s, "climate change") ||
             contains(s, "erw\xc3\xa4rmungspotenzial") || contains(s, "treibhaus");
  if (!gwp) return -1;
  /* GWP-GHG (IPCC AR5 without biogenic CO2), GWP-IOBC, "excluding biogenic", and damage-level
   * indicators are not one of the four. */
  static const char *const other[] = {"ghg", "iobc", "excl", "incl", "health", "ecosystem", "gtp"};
  for (size_t i = 0; i < sizeof other / sizeof *other; i++)
    if (contains(s, other[i])) return -1;
  bool f = contains(s, "fossil"), b = contains(s, "biogen"),
       l = contains(s, "luluc") || contains(s, "land use") || contains(s, "land-use") || contains(s, "landnutzung");
  if (f + b + l > 1) return -1;
  return f ? EPD_FOSSIL : b ? EPD_BIOGENIC : l ? EPD_LULUC : EPD_TOTAL;
}

/* "A1-A3", "A1 - A3", "a1–a3" (en dash), "A1-3", "A1A3" are one module name. */
static void normalise(const char *m, char *out, size_t size) {
  size_t n = 0;
  for (const unsigned char *c = (const unsigned char *)m; *c && n + 1 < size; c++) {
    if (*c == ' ') continue;
    if (*c == 0xe2 && c[1] == 0x80 && (c[2] == 0x93 || c[2] == 0x94)) { /* en or em dash */
      out[n++] = '-';
      c += 2;
      continue;
    }
    out[n++] = (char)toupper(*c);
  }
  out[n] = '\0';
  if (strcmp(out, "A1-3") == 0 || strcmp(out, "A1A3") == 0) snprintf(out, size, "A1-A3");
}

/* One indicator's figure for a stage: its modules (the aggregate A1-A3 before A1, A2, A3). */
typedef struct stage_sum {
  double v[4]; /* the declared values of the modules used */
  size_t n;
  char modules[24];
  char duplicate[8];    /* a module with alternative scenarios, none of them the default */
  const char *scenario; /* the default scenario taken for a module that has several, or NULL */
} stage_sum;

static const char *const stage_modules[EPD_STAGE_COUNT][4] = {
    {"A1", "A2", "A3", NULL}, {"C1", "C2", "C3", "C4"}, {"D", NULL, NULL, NULL}};

static bool is_default(const ilcd_process *p, const char *scenario) {
  for (size_t i = 0; i < p->n_default_scenarios; i++)
    if (strcmp(p->default_scenarios[i], scenario) == 0) return true;
  return false;
}

/* Adds module want of r to out: its one declared amount, or of several (alternative scenarios)
 * the one of the EPD's default scenario. Returns whether the module is declared. */
static bool take(const ilcd_process *p, const ilcd_lcia_result *r, const char *want, stage_sum *out) {
  const ilcd_module_amount *one = NULL, *def = NULL;
  size_t n = 0, n_def = 0;
  for (size_t i = 0; i < r->n_modules; i++) {
    const ilcd_module_amount *m = &r->modules[i];
    char name[12];
    normalise(m->module, name, sizeof name);
    if (!m->has_amount || strcmp(name, want) != 0) continue;
    n++, one = m;
    if (m->scenario && m->scenario[0] && is_default(p, m->scenario)) n_def++, def = m;
  }
  if (n == 0) return false;
  if (n > 1 && n_def != 1) {
    if (!out->duplicate[0]) snprintf(out->duplicate, sizeof out->duplicate, "%s", want);
    return true;
  }
  if (n > 1) {
    one = def;
    out->scenario = def->scenario;
  }
  out->v[out->n++] = one->amount;
  size_t len = strlen(out->modules);
  snprintf(out->modules + len, sizeof out->modules - len, "%s%s", len ? "+" : "", want);
  return true;
}

static void read_stage(const ilcd_process *p, const ilcd_lcia_result *r, epd_stage st, stage_sum *out) {
  memset(out, 0, sizeof *out);
  if (st == EPD_A1_A3 && take(p, r, "A1-A3", out)) return;
  for (int k = 0; k < 4 && stage_modules[st][k]; k++) take(p, r, stage_modules[st][k], out);
}

static double sum(const stage_sum *s) {
  double t = 0;
  for (size_t i = 0; i < s->n; i++) t += s->v[i];
  return t;
}

static const char *result_name(const ilcd_db *db, const ilcd_lcia_result *r) {
  if (r->method.text && r->method.text[0]) return r->method.text;
  const ilcd_lcia_method *m = r->method.valid ? ilcd_db_lcia_method(db, &r->method.uuid) : NULL;
  return m ? m->name : "";
}

static int family_of(const ilcd_db *db, const ilcd_lcia_result *r, int *part) {
  if (r->method.valid) {
    char id[40];
    ilcd_uuid_format(&r->method.uuid, id);
    for (int f = 0; f < N_KNOWN; f++)
      for (int k = 0; k < EPD_PART_COUNT; k++)
        if (known[f].uuid[k] && strcasecmp(id, known[f].uuid[k]) == 0) return *part = k, f;
  }
  *part = part_by_name(result_name(db, r));
  return *part < 0 ? -1 : BY_NAME;
}

bool pcf__epd_parts_disagree(const double parts[EPD_PART_COUNT]) {
  double s = parts[EPD_FOSSIL] + parts[EPD_BIOGENIC] + parts[EPD_LULUC];
  double scale = fabs(parts[EPD_FOSSIL]) + fabs(parts[EPD_BIOGENIC]) + fabs(parts[EPD_LULUC]);
  return fabs(parts[EPD_TOTAL] - s) > 0.01 * fmax(scale, fabs(parts[EPD_TOTAL])) + 1e-12;
}

bool pcf__epd_read(const ilcd_db *db, const ilcd_process *p, epd_gwp *out) {
  memset(out, 0, sizeof *out);
  out->indicator = "";
  out->family = "";
  out->ref_mean_value = 1;
  for (size_t i = 0; i < p->n_lcia_results; i++) out->per_module |= p->lcia_results[i].n_modules > 0;
  /* The results of each family, by part; the first of each. */
  const ilcd_lcia_result *by[N_FAMILIES][EPD_PART_COUNT] = {{0}};
  for (size_t i = 0; i < p->n_lcia_results; i++) {
    const ilcd_lcia_result *r = &p->lcia_results[i];
    int part, f = family_of(db, r, &part);
    if (f >= 0 && !by[f][part]) by[f][part] = r;
  }
  int f = 0;
  while (f < N_FAMILIES && !by[f][EPD_TOTAL]) f++;
  if (f == N_FAMILIES) return out->per_module;
  out->has_total = true;
  out->family = f == BY_NAME ? "by name" : known[f].family;
  out->indicator = result_name(db, by[f][EPD_TOTAL]);
  out->split = by[f][EPD_FOSSIL] != NULL;
  /* The declared unit: 1 unit of the reference flow is m units of its reference property. */
  const ilcd_exchange *ref = p->n_reference_flows ? ilcd_process_exchange(p, p->reference_flows[0]) : NULL;
  const ilcd_flow *flow = ref && ref->flow.valid ? ilcd_db_flow(db, &ref->flow.uuid) : NULL;
  if (flow && flow->reference_property >= 0 && (size_t)flow->reference_property < flow->n_properties) {
    double m = flow->properties[flow->reference_property].mean_value;
    if (m > 0 && isfinite(m)) out->ref_mean_value = m;
  }
  double k = 1 / out->ref_mean_value;
  for (int st = 0; st < EPD_STAGE_COUNT; st++) {
    double *v = out->value[st];
    for (int part = 0; part < EPD_PART_COUNT; part++) {
      const ilcd_lcia_result *r = by[f][part];
      if (!r) continue;
      stage_sum s;
      if (r->n_modules == 0) { /* a published total without modules: cradle to gate */
        if (st != EPD_A1_A3 || !r->has_mean_amount || r->mean_amount == 0) continue;
        s = (stage_sum){.v = {r->mean_amount}, .n = 1};
      } else {
        read_stage(p, r, (epd_stage)st, &s);
      }
      if (part == EPD_TOTAL) {
        out->has[st] = s.n > 0;
        memcpy(out->modules[st], s.modules, sizeof s.modules);
        memcpy(out->duplicate[st], s.duplicate, sizeof s.duplicate);
        out->scenario[st] = s.scenario;
      }
      out->parts[st][part] = k * sum(&s);
      if (part == EPD_TOTAL) v[PCF_TOTAL] = k * sum(&s);
      if (part == EPD_FOSSIL) v[PCF_FOSSIL] = k * sum(&s);
      if (part == EPD_LULUC) v[PCF_DLUC] = k * sum(&s);
      if (part == EPD_BIOGENIC) /* each module's net biogenic figure by its sign, also as biogenic CO2 */
        for (size_t i = 0; i < s.n; i++) {
          v[s.v[i] > 0 ? PCF_BIOGENIC_EMISSIONS : PCF_BIOGENIC_REMOVALS] += k * s.v[i];
          v[s.v[i] > 0 ? PCF_BIO_CO2_EMITTED : PCF_BIO_CO2_REMOVED] += k * s.v[i];
        }
    }
    /* Parts that do not add up to the total (beyond rounding) leave the split unknown too. */
    out->disagree[st] = out->split && pcf__epd_parts_disagree(out->parts[st]);
    if (!out->split || out->disagree[st]) { /* split unknown: counted as fossil */
      v[PCF_FOSSIL] = v[PCF_TOTAL];
      v[PCF_BIOGENIC_EMISSIONS] = v[PCF_BIOGENIC_REMOVALS] = v[PCF_DLUC] = 0;
      v[PCF_BIO_CO2_EMITTED] = v[PCF_BIO_CO2_REMOVED] = 0;
    }
  }
  return out->per_module;
}
