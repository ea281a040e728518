/* lcia.c: characterisation with an ILCD LCIA method and its sub-methods (ILCD_LCIAMethodDataSet:
 * factors by flow and direction; a factor applies to the matching direction only, so CO2 uptake
 * is an Input with factor -1). Location-specific factors are not used: the climate methods have
 * none. */
#include "lcia_factors.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "epd.h"
#include "uuidmap.h"

enum { M_TOTAL, M_FOSSIL, M_BIOGENIC, M_LUC, M_COUNT };

typedef struct flow_factors {
  double cf[M_COUNT][2]; /* by method, by direction */
  bool has[M_COUNT][2];
  bool biogenic_co2; /* "carbon dioxide (biogenic)": counted as a mass apart */
} flow_factors;

struct lcia_factors {
  const ilcd_db *db;
  pcf_method_set method;
  uuidmap index; /* flow → entries */
  flow_factors *entries;
  size_t n, cap;
};

static const char *const aliases[][2] = {
    {"AR6", "6209b35f-9447-40b5-b68c-a1099e3674a0"}, /* EF 3.1 Climate change, IPCC AR6 GWP100 */
    {"AR5", "89b498e4-96cb-5502-aa3d-f72a47cdf855"}, /* IPCC AR5 GWP100 (datasets/) */
    {"AR4", "07018ef6-e942-5269-b6c0-2dbe3b36b723"}, /* IPCC AR4 GWP100 (datasets/) */
};

static const ilcd_lcia_method *find_sub(const ilcd_db *db, const char *total_name, const char *suffix) {
  size_t a = strlen(total_name), b = strlen(suffix);
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_LCIA_METHOD); i++) {
    const ilcd_lcia_method *m = ilcd_db_lcia_method_at(db, i);
    if (strlen(m->name) == a + b && strncmp(m->name, total_name, a) == 0 && strcasecmp(m->name + a, suffix) == 0)
      return m;
  }
  return NULL;
}

const char *pcf_indicator_key(pcf_indicator k) {
  static const char *keys[] = {"total", "fossil", "biogenic_emissions", "biogenic_removals", "dluc", "aircraft"};
  return (unsigned)k < PCF_INDICATOR_COUNT ? keys[k] : "?";
}

int pcf_method_find(const ilcd_db *db, const char *name, pcf_method_set *out, pcf_error *err) {
  memset(out, 0, sizeof *out);
  const char *id = name && *name ? name : "AR6";
  for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
    if (strcasecmp(id, aliases[i][0]) == 0) id = aliases[i][1];
  ilcd_uuid u;
  if (ilcd_uuid_parse(&u, id))
    return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "method \"%s\" is neither AR6, AR5, AR4 nor an LCIA method UUID",
                         name);
  out->total = ilcd_db_lcia_method(db, &u);
  if (!out->total)
    return pcf_error_set(err, PCF_ERR_NOT_FOUND, NULL, 0, "LCIA method %s (%s) is not in the loaded data", name, id);
  out->fossil = find_sub(db, out->total->name, "-Fossil");
  out->biogenic = find_sub(db, out->total->name, "-Biogenic");
  out->luc = find_sub(db, out->total->name, "-Land use and land use change");
  return 0;
}

/* "carbon dioxide (biogenic)" (EF: one flow per compartment, and one taken from air), "Carbon
 * dioxide, non-fossil" and "Carbon dioxide, in air" (ILCD 2011 / ecoinvent names), by name. */
static bool contains(const char *s, const char *word) {
  for (size_t n = strlen(word); *s; s++)
    if (strncasecmp(s, word, n) == 0) return true;
  return false;
}

static bool is_biogenic_co2(const char *name) {
  if (strncasecmp(name, "carbon dioxide", 14) != 0) return false;
  const char *rest = name + 14;
  return contains(rest, "biogenic") || contains(rest, "non-fossil") || contains(rest, "in air");
}

static int add_method(lcia_factors *f, const ilcd_lcia_method *m, int which, pcf_error *err) {
  if (!m) return 0;
  for (size_t i = 0; i < m->n_factors; i++) {
    const ilcd_factor *x = &m->factors[i];
    if (!x->flow.valid) continue;
    int32_t e = uuidmap_get(&f->index, &x->flow.uuid);
    if (e < 0) {
      if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 1024;
        flow_factors *p = realloc(f->entries, cap * sizeof *p);
        if (!p) return pcf_error_nomem(err);
        f->entries = p;
        f->cap = cap;
      }
      e = (int32_t)f->n++;
      memset(&f->entries[e], 0, sizeof f->entries[e]);
      if (uuidmap_put(&f->index, &x->flow.uuid, e)) return pcf_error_nomem(err);
    }
    f->entries[e].cf[which][x->direction] = x->mean_value;
    f->entries[e].has[which][x->direction] = true;
    const ilcd_flow *fl = ilcd_db_flow(f->db, &x->flow.uuid);
    if (fl && is_biogenic_co2(fl->name)) f->entries[e].biogenic_co2 = true;
  }
  return 0;
}

/* ISO 14067 counts biogenic CO2 at GWP 1: +1 emitted, −1 taken up (ISO 14067:2018, 6.4.9.2, fossil
 * and biogenic carbon: both included in the CFP and documented apart). The EF 3.1 methods give it
 * 0 (their 0/0 convention), so whatever a method says for these flows, the total and biogenic
 * indicators take +1 for an Output and −1 for an Input, and fossil and land use 0. */
static void count_biogenic_co2_as_iso(lcia_factors *f) {
  for (size_t i = 0; i < f->n; i++) {
    flow_factors *x = &f->entries[i];
    if (!x->biogenic_co2) continue;
    for (int d = 0; d < 2; d++) {
      double v = d == ILCD_OUTPUT ? 1 : -1;
      bool listed = x->has[M_TOTAL][d] || x->has[M_BIOGENIC][d];
      x->cf[M_TOTAL][d] = x->cf[M_BIOGENIC][d] = listed ? v : 0;
      x->cf[M_FOSSIL][d] = x->cf[M_LUC][d] = 0;
      x->has[M_TOTAL][d] = x->has[M_BIOGENIC][d] = listed;
    }
  }
}

int pcf__lcia_factors_new(lcia_factors **out, const ilcd_db *db, const pcf_method_set *method, pcf_error *err) {
  lcia_factors *f = calloc(1, sizeof *f);
  *out = f;
  if (!f) return pcf_error_nomem(err);
  f->db = db;
  f->method = *method;
  int rc = add_method(f, method->total, M_TOTAL, err);
  if (!rc) rc = add_method(f, method->fossil, M_FOSSIL, err);
  if (!rc) rc = add_method(f, method->biogenic, M_BIOGENIC, err);
  if (!rc) rc = add_method(f, method->luc, M_LUC, err);
  if (!rc) count_biogenic_co2_as_iso(f);
  return rc;
}

void pcf__lcia_factors_free(lcia_factors *f) {
  if (!f) return;
  uuidmap_free(&f->index);
  free(f->entries);
  free(f);
}

int pcf__lcia_has_factor(const lcia_factors *f, const ilcd_uuid *flow, ilcd_direction d) {
  int32_t e = uuidmap_get(&f->index, flow);
  return e >= 0 && f->entries[e].has[M_TOTAL][d];
}

double pcf__lcia_factor(const lcia_factors *f, const ilcd_uuid *flow, ilcd_direction d) {
  int32_t e = uuidmap_get(&f->index, flow);
  return e >= 0 && f->entries[e].has[M_TOTAL][d] ? f->entries[e].cf[M_TOTAL][d] : NAN;
}

/* Split the total of a family without sub-methods: everything fossil but biogenic CO2. */
static void split(const lcia_factors *f, bool biogenic_co2, double total, double fossil, double bio, double luc,
                  double *out) {
  bool family = f->method.fossil || f->method.biogenic || f->method.luc;
  if (!family) fossil = biogenic_co2 ? 0 : total, bio = biogenic_co2 ? total : 0, luc = 0;
  out[PCF_TOTAL] += total;
  out[PCF_FOSSIL] += fossil;
  if (bio > 0)
    out[PCF_BIOGENIC_EMISSIONS] += bio;
  else
    out[PCF_BIOGENIC_REMOVALS] += bio;
  out[PCF_DLUC] += luc;
}

static bool is_climate_method(const ilcd_lcia_method *m) {
  return strstr(m->name, "limate change") || strstr(m->name, "GWP");
}

static const ilcd_lcia_result *result_for(const ilcd_db *db, const ilcd_process *p, const ilcd_lcia_method *m) {
  for (size_t i = 0; m && i < p->n_lcia_results; i++)
    if (p->lcia_results[i].has_mean_amount && p->lcia_results[i].method.valid &&
        ilcd_uuid_equal(&p->lcia_results[i].method.uuid, &m->uuid))
      return &p->lcia_results[i];
  return NULL;
}

/* One characterised exchange added to out: the split, and biogenic CO2 as a mass too. */
static void add_exchange(const lcia_factors *f, const flow_factors *x, int d, double a, double *out) {
  if (x->biogenic_co2) out[d == ILCD_OUTPUT ? PCF_BIO_CO2_EMITTED : PCF_BIO_CO2_REMOVED] += d == ILCD_OUTPUT ? a : -a;
  split(f, x->biogenic_co2, a * x->cf[M_TOTAL][d], a * x->cf[M_FOSSIL][d], a * x->cf[M_BIOGENIC][d],
        a * x->cf[M_LUC][d], out);
}

int pcf__lcia_exchange(const lcia_factors *f, const ilcd_uuid *flow, ilcd_direction d, double amount, double *out) {
  int32_t e = uuidmap_get(&f->index, flow);
  if (e < 0 || !f->entries[e].has[M_TOTAL][d]) return -1;
  add_exchange(f, &f->entries[e], d, amount, out);
  return 0;
}

pcf_direct_source pcf__lcia_direct_ex(const lcia_factors *f, const ilcd_process *p, double *out, const char **used) {
  for (int k = 0; k < PCF_VALUE_COUNT; k++) out[k] = 0;
  if (used) *used = NULL;
  bool any_elementary = false;
  for (size_t i = 0; i < p->n_exchanges; i++) {
    const ilcd_exchange *ex = &p->exchanges[i];
    if (!ex->flow.valid) continue;
    int32_t e = uuidmap_get(&f->index, &ex->flow.uuid);
    if (e < 0) {
      if (!any_elementary) {
        const ilcd_flow *fl = ilcd_db_flow(f->db, &ex->flow.uuid);
        any_elementary = fl && fl->type == ILCD_FLOW_ELEMENTARY;
      }
      continue;
    }
    any_elementary = true;
    add_exchange(f, &f->entries[e], ex->direction, ex->resulting_amount, out);
  }
  if (any_elementary) return PCF_DIRECT_CHARACTERISED;
  /* An ILCD+EPD data set: its GWP indicators per module, cradle to gate (epd.h). */
  epd_gwp g;
  if (pcf__epd_read(f->db, p, &g)) {
    if (!g.has_total) return PCF_DIRECT_NONE;
    memcpy(out, g.value[EPD_A1_A3], PCF_VALUE_COUNT * sizeof *out);
    if (used) *used = g.indicator;
    return PCF_DIRECT_PUBLISHED_OTHER;
  }
  /* An aggregated data set that publishes its result instead of an inventory. */
  const ilcd_lcia_result *total = result_for(f->db, p, f->method.total);
  pcf_direct_source src = PCF_DIRECT_PUBLISHED;
  const ilcd_lcia_method *m = f->method.total;
  if (!total) {
    for (size_t i = 0; i < p->n_lcia_results && !total; i++) {
      const ilcd_lcia_result *r = &p->lcia_results[i];
      const ilcd_lcia_method *rm = r->method.valid ? ilcd_db_lcia_method(f->db, &r->method.uuid) : NULL;
      /* Only a total climate method, not one of its sub-methods. */
      if (rm && r->has_mean_amount && is_climate_method(rm) && !strstr(rm->name, "-Fossil") &&
          !strstr(rm->name, "-Biogenic") && !strstr(rm->name, "-Land use")) {
        total = r;
        m = rm;
      }
    }
    src = PCF_DIRECT_PUBLISHED_OTHER;
  }
  if (!total) { /* a GWP indicator of a method not loaded, without modules (epd.h) */
    if (!g.has_total || !g.has[EPD_A1_A3]) return PCF_DIRECT_NONE;
    memcpy(out, g.value[EPD_A1_A3], PCF_VALUE_COUNT * sizeof *out);
    if (used) *used = g.indicator;
    return PCF_DIRECT_PUBLISHED_OTHER;
  }
  if (used) *used = m->name;
  pcf_method_set subs = f->method;
  if (m != f->method.total) {
    subs.fossil = find_sub(f->db, m->name, "-Fossil");
    subs.biogenic = find_sub(f->db, m->name, "-Biogenic");
    subs.luc = find_sub(f->db, m->name, "-Land use and land use change");
  }
  const ilcd_lcia_result *fo = result_for(f->db, p, subs.fossil);
  const ilcd_lcia_result *bi = result_for(f->db, p, subs.biogenic);
  const ilcd_lcia_result *lu = result_for(f->db, p, subs.luc);
  double t = total->mean_amount;
  if (fo || bi || lu) {
    out[PCF_TOTAL] = t;
    out[PCF_FOSSIL] = fo ? fo->mean_amount : 0;
    double b = bi ? bi->mean_amount : 0;
    if (b > 0)
      out[PCF_BIOGENIC_EMISSIONS] = b;
    else
      out[PCF_BIOGENIC_REMOVALS] = b;
    out[PCF_DLUC] = lu ? lu->mean_amount : 0;
  } else {
    out[PCF_TOTAL] = out[PCF_FOSSIL] = t; /* split unknown: counted as fossil */
  }
  return src;
}
