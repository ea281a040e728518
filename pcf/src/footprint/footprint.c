/* footprint.c: the footprint of a product, cradle to grave (ISO 14067:2018, 6.3 and 7): every
 * life-cycle item is linked to a process through the material or service map, its amount converted
 * to the unit of the process's reference flow through the ILCD flow properties, and valued with the
 * system's intensities (one dot product per item, exact per line and so per stage). Supplier PCFs
 * (primary data) replace the generic dataset of their line. One scaling solve of the whole demand
 * gives the process and flow contributions (hotspots). */
#include <math.h>
#include <stdbool.h>
#include <strings.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carbon_content.h"
#include "data_internal.h"
#include "eol_carbon.h"
#include "eol_params.h"
#include "epd_line.h"
#include "gwp_sets.h"
#include "own_factor.h"
#include "result_internal.h"
#include "system_check.h"
#include "uuidmap.h"

static int find_process(const pcf_data *d, const pcf_item *it, const ilcd_process **out, const char **family,
                        pcf_error *err) {
  const ilcd_db *db = d->db;
  const char *id = it->dataset;
  *family = it->family;
  if (it->kind == PCF_ITEM_MATERIAL) {
    const pcf_material *m = pcf_matmap_find(d->materials, it->dataset);
    if (!m) {
      const char *hint = pcf_matmap_suggest(d->materials, it->dataset);
      return pcf_error_set(err, PCF_ERR_NOT_FOUND, it->file, it->line,
                           "%s: unknown material \"%s\"%s%s%s (add it to a material map)", it->component, it->dataset,
                           hint ? "; did you mean \"" : "", hint ? hint : "", hint ? "\"?" : "");
    }
    id = m->process;
    *family = pcf_family_name(m->family);
  } else {
    /* Services by name; a BOM line's dataset may name one too ("electricity CN", 750 MWh). */
    const pcf_material *m = pcf_matmap_find(d->services, it->dataset);
    if (m) id = m->process;
  }
  ilcd_uuid u;
  const ilcd_process *p = NULL;
  if (ilcd_uuid_parse(&u, id) == 0) {
    p = ilcd_db_process(db, &u);
    if (!p)
      return pcf_error_set(err, PCF_ERR_NOT_FOUND, it->file, it->line,
                           "%s: \"%s\" names process %s, which is not in the loaded data", it->component, it->dataset,
                           id);
  } else {
    for (size_t i = 0; i < ilcd_db_count(db, ILCD_PROCESS) && !p; i++)
      if (strcmp(ilcd_db_process_at(db, i)->name, id) == 0) p = ilcd_db_process_at(db, i);
    if (!p) {
      const char *hint = pcf_matmap_suggest(d->services, it->dataset);
      return pcf_error_set(err, PCF_ERR_NOT_FOUND, it->file, it->line,
                           "%s: \"%s\" is neither a known %s, a process UUID nor a process name%s%s%s", it->component,
                           it->dataset,
                           it->kind == PCF_ITEM_DATASET ? "dataset" : "service (energy, transport, end of life)",
                           hint ? "; did you mean \"" : "", hint ? hint : "", hint ? "\"?" : "");
    }
  }
  *out = p;
  return 0;
}

/* Converts an item's amount into the reference unit of the process's reference flow. */
static int to_reference(const pcf_data *d, const pcf_item *it, const ilcd_process *p, double amount, const char *unit,
                        double *out, const char **ref_unit, pcf_error *err) {
  const ilcd_flow *flow;
  int rc = pcf_system_reference(d->system, p, NULL, &flow, ref_unit, err);
  if (rc) return rc;
  ilcd_error ie = {0};
  if (ilcd_flow_to_reference(d->db, flow, amount, unit, out, &ie))
    return pcf_error_set(err, PCF_ERR_UNIT, it->file, it->line, "%s (%s): %s", it->component, it->dataset, ie.message);
  return 0;
}

typedef struct fg {
  const ilcd_process *p;
  double scale; /* data sets as written */
} fg;

/* Loops the result goes through (activity NULL: every loop of the system, restricted to the
 * product's chains) whose condition estimate passes PCF_CONDITION_WARN (pcf/system.h). */
static void warn_ill_conditioned(pcf_result *r, const pcf_solution *x, const double *activity) {
  const pcf_system *s = pcf_solution_system(x);
  for (size_t i = 0; i < pcf_solution_loop_count(x); i++) {
    double k = pcf_solution_loop_condition(x, i);
    size_t n;
    const int32_t *cols = pcf_solution_loop_columns(x, i, &n);
    bool used = !activity;
    for (size_t c = 0; c < n && !used; c++) used = activity[cols[c]] != 0;
    if (!used || !(k > PCF_CONDITION_WARN)) continue;
    char names[600] = "";
    size_t len = 0;
    for (size_t c = 0; c < n && c < 3 && len + 1 < sizeof names; c++)
      len += (size_t)snprintf(names + len, sizeof names - len, "%s\"%.80s\"", c ? ", " : "",
                              pcf_system_provider(s, (size_t)cols[c])->name);
    if (n > 3 && len + 1 < sizeof names) snprintf(names + len, sizeof names - len, ", ... (%zu in all)", n);
    pcf__result_warn(r,
                     "ill-conditioned loop: the %zu processes %s supply each other with a condition estimate of %.3g "
                     "(warned above %g): a relative error e in one of their amounts can move the results through them "
                     "by up to %.3g e, so they hold fewer digits than the data",
                     n, names, k, PCF_CONDITION_WARN, k);
  }
}

/* Providers in the chain (activity) that take in their own reference product: valued per unit of
 * their net output, said so. */
static void warn_own_input(pcf_result *r, const pcf_solution *x, const double *activity) {
  const pcf_system *s = pcf_solution_system(x);
  for (size_t j = 0; j < pcf_system_size(s); j++) {
    if (activity[j] == 0 || !pcf__system_takes_own(s, j) || !pcf__solution_own_input(x, j)) continue;
    const ilcd_process *p = pcf_system_provider(s, j);
    const ilcd_exchange *ref;
    const char *unit;
    double made, taken;
    if (pcf_system_reference(s, p, &ref, NULL, &unit, NULL) || pcf__system_own_flow(p, ref, &made, &taken) < 2)
      continue;
    pcf__result_warn(r,
                     "process \"%s\" names its reference product in several exchanges (%g %s made, %g %s taken in per "
                     "run): it is counted by its net output, %g %s per run",
                     p->name, made, unit, taken, unit, made - taken, unit);
  }
}

/* Where a warning's n flows are listed: all under key, or (top > 0 and fewer than n) the top
 * largest there and the others counted and summed under key_left_out. */
static void listed_where(char *buf, size_t size, size_t n, size_t top, const char *key) {
  if (top && n > top)
    snprintf(buf, size, "the %zu largest are listed under %s, the other %zu summed under %s_left_out", top, key,
             n - top, key);
  else
    snprintf(buf, size, "all are listed under %s", key);
}

/* Process contributions: background s_j × direct_j plus foreground items' own direct impacts. */
static int hotspots(pcf_result *r, const pcf_data *d, const pcf_solution *x, const fg *fgs, size_t nfg,
                    double *activity, size_t top, pcf_error *err) {
  const pcf_system *s = d->system;
  size_t n = pcf_system_size(s);
  int rc = pcf_solution_scale(x, activity, err);
  if (rc) return rc;
  for (size_t i = 0; i < nfg; i++) {
    long j = pcf_system_column(s, fgs[i].p);
    if (j >= 0) activity[j] += fgs[i].scale;
  }
  /* Each list's flows summed in arrays by the system's flow numbers (pcf__system_role_flows), in the
   * order met; a flow's first role gives its name when its dataset is not loaded. */
  size_t nf = pcf__system_role_flow_count(s);
  const ilcd_ref **first = calloc(3 * nf + 1, sizeof *first);
  double *sum = malloc((3 * nf + 1) * sizeof *sum);
  uint32_t *met = malloc((3 * nf + 1) * sizeof *met);
  size_t n_met[3] = {0, 0, 0};
  gwp_sets other = {0}; /* datasets published in another GWP set: one warning (gwp_sets.h) */
  if (!first || !sum || !met) goto oom;
  for (size_t j = 0; j < n; j++) {
    if (activity[j] == 0) continue;
    double v = activity[j] * pcf_system_direct(s, PCF_TOTAL, j);
    if (v != 0 && pcf__result_add_process_hotspot(r, pcf_system_provider(s, j), pcf__system_column_uuid(s, j), v))
      goto oom;
    /* Its exchanges, as the system classified them: characterised, not characterised, or a
     * product or waste input no process provides (outside the system: a cut-off). */
    size_t nr;
    const pcf_exchange_role *roles = pcf_system_exchange_roles(s, j, &nr);
    const uint32_t *numbers = pcf__system_role_flows(s, j);
    for (size_t e = 0; e < nr; e++) {
      const pcf_exchange_role *role = &roles[e];
      double amount = activity[j] * role->amount;
      size_t list = role->kind == PCF_EX_CHARACTERISED     ? RESULT_FLOWS_CHARACTERISED
                    : role->kind == PCF_EX_UNCHARACTERISED ? RESULT_FLOWS_UNCHARACTERISED
                                                           : RESULT_FLOWS_CUT_OFF;
      if (list == RESULT_FLOWS_CUT_OFF && amount == 0) continue;
      if (list == RESULT_FLOWS_CHARACTERISED) amount *= role->factor;
      size_t at = list * nf + numbers[e];
      if (!first[at]) {
        first[at] = role->flow;
        sum[at] = 0;
        met[list * nf + n_met[list]++] = numbers[e];
      }
      sum[at] += amount;
    }
  }
  for (size_t list = 0; list < 3; list++)
    for (size_t i = 0; i < n_met[list]; i++) {
      size_t number = met[list * nf + i], at = list * nf + number;
      const pcf_role_flow *rf = pcf__system_role_flow(s, number);
      const ilcd_flow *f = rf->flow;
      if (pcf__result_add_flow(r, (result_flow_list)list, f ? f->name : first[at]->text,
                               f && f->classification[0] ? f->classification : NULL, &first[at]->uuid,
                               list == RESULT_FLOWS_CHARACTERISED ? "kg CO2e" : rf->unit, sum[at]))
        goto oom;
    }
  free(first), first = NULL;
  free(sum), sum = NULL;
  free(met), met = NULL;
  /* Foreground processes that provide nothing (not columns) still emit. */
  for (size_t i = 0; i < nfg; i++) {
    if (pcf_system_column(s, fgs[i].p) >= 0) continue;
    double dv[PCF_VALUE_COUNT];
    pcf_system_direct_impacts(s, fgs[i].p, dv);
    const char *used = NULL;
    if (pcf_system_direct_source(s, fgs[i].p, &used) == PCF_DIRECT_PUBLISHED_OTHER &&
        pcf__gwp_sets_add(&other, fgs[i].p, used, fgs[i].scale * dv[PCF_TOTAL]))
      goto oom;
    if (dv[PCF_TOTAL] != 0 &&
        pcf__result_add_hotspot(r, fgs[i].p->name, &fgs[i].p->uuid, fgs[i].scale * dv[PCF_TOTAL], "kg CO2e"))
      goto oom;
  }
  /* Warnings: ill-conditioned loops, own inputs, ambiguous providers and published results of
   * another method in the chain. */
  warn_ill_conditioned(r, x, activity);
  warn_own_input(r, x, activity);
  for (size_t i = 0; i < pcf_system_ambiguity_count(s); i++) {
    size_t j = pcf_system_ambiguity_column(s, i);
    if (j < n && activity[j] != 0) {
      char buf[700];
      pcf_system_ambiguity(s, i, buf, sizeof buf);
      pcf__result_warn(r, "%s (choose one with a provider map)", buf);
    }
  }
  for (size_t j = 0; j < n; j++) {
    if (activity[j] == 0) continue;
    const char *used = NULL;
    const ilcd_process *p = pcf_system_provider(s, j);
    if (pcf_system_column_source(s, j, &used) == PCF_DIRECT_PUBLISHED_OTHER &&
        pcf__gwp_sets_add(&other, p, used, activity[j] * pcf_system_direct(s, PCF_TOTAL, j)))
      goto oom;
    /* Multi-functional processes: what the rule of pcf/system.h did with them. */
    const char *note = pcf__system_column_note(s, j);
    if (note) pcf__result_warn(r, "%s", note);
  }
  for (size_t i = 0; i < nfg; i++) {
    const char *note = pcf_system_note(s, fgs[i].p);
    if (note) pcf__result_warn(r, "%s", note);
  }
  pcf__gwp_sets_warn(r, &other, pcf_system_method(s)->total->name);
  pcf__gwp_sets_free(&other);
  if (pcf__result_sort(r, top)) return pcf_error_nomem(err);
  size_t nc = pcf__result_flow_entries(r, RESULT_FLOWS_CUT_OFF);
  char listed[160], name[400];
  const char *unit;
  const ilcd_uuid *uuid;
  if (nc) {
    double big = pcf__result_flow_entry(r, RESULT_FLOWS_CUT_OFF, 0, &unit, NULL, name, sizeof name);
    listed_where(listed, sizeof listed, nc, top, "cut_off_flows");
    pcf__result_warn(r,
                     "cut-off: %zu product or waste flows of the chain have no provider in the loaded data and are "
                     "not counted (largest: %.4g %s of %s); %s",
                     nc, big, unit, name, listed);
  }
  /* A cut-off flow whose would-be provider takes in at least as much of it as it makes. */
  for (size_t i = 0; i < nc; i++) {
    pcf__result_flow_entry(r, RESULT_FLOWS_CUT_OFF, i, NULL, &uuid, NULL, 0);
    const ilcd_process *p = pcf__system_self_consumer(s, uuid);
    const ilcd_exchange *ref = p ? ilcd_process_exchange(p, p->reference_flows[0]) : NULL;
    double made, taken;
    if (!ref) continue;
    double total = pcf__result_flow_entry(r, RESULT_FLOWS_CUT_OFF, i, &unit, NULL, name, sizeof name);
    pcf__system_own_flow(p, ref, &made, &taken);
    pcf__result_warn(r,
                     "cut-off: %s (%.4g %s) is not provided by process \"%s\", which makes it but takes in %g %s of it "
                     "for %g %s made: that process provides none of it net",
                     name, total, unit, p->name, taken, unit, made, unit);
  }
  /* Nothing lost silently: flows the method does not characterise are named in the warnings. */
  size_t nu = pcf__result_flow_entries(r, RESULT_FLOWS_UNCHARACTERISED);
  if (nu) {
    double kg = 0;
    for (size_t i = 0; i < nu; i++) {
      double total = pcf__result_flow_entry(r, RESULT_FLOWS_UNCHARACTERISED, i, &unit, NULL, NULL, 0);
      if (strcmp(unit, "kg") == 0) kg += total;
    }
    double big = pcf__result_flow_entry(r, RESULT_FLOWS_UNCHARACTERISED, 0, &unit, NULL, name, sizeof name);
    listed_where(listed, sizeof listed, nu, top, "uncharacterised_flows");
    pcf__result_warn(r,
                     "%zu elementary flows have no factor in \"%s\" (%.4g kg in all of those measured in kg; largest: "
                     "%s, %.4g %s); %s",
                     nu, pcf_system_method(s)->total->name, kg, name, big, unit, listed);
  }
  return pcf__result_keep_top(r, top) ? pcf_error_nomem(err) : 0;
oom:
  pcf__gwp_sets_free(&other);
  free(first);
  free(sum);
  free(met);
  return pcf_error_nomem(err);
}

/* Values datasets for one product: each call prices an amount of a process's reference flow and,
 * when it counts towards the footprint, records the activity it causes (for the hotspots). */
typedef struct valuer {
  const pcf_data *d;
  const pcf_solution *x;
  bool hotspots; /* record activities (off: nothing written outside the result) */
  double *activity;
  fg *fgs;
  size_t nfg, cap;
  bool proxy; /* the material line being valued uses a proxy dataset (materials.csv) */
} valuer;

/* f (NULL: none) holds p's facts when p is a memoised material's process (material_memo.h): an amount
 * in kg is then converted and valued as to_reference and pcf_solution_unit_values would, to the
 * last bit, without looking anything up. */
static int value(valuer *v, const pcf_item *it, const ilcd_process *p, const material_facts *f, double amount,
                 const char *unit, bool count, double *out, double *ref_amount_out, const char **ref_unit,
                 pcf_error *err) {
  double ref_amount, u[PCF_VALUE_COUNT];
  const char *ru;
  count = count && v->hotspots;
  int rc = 0;
  if (f && f->p == p && f->kg_ok && strcmp(unit, "kg") == 0 && !ilcd_conversion_apply(&f->kg, amount, &ref_amount) &&
      !pcf__solution_column_values(v->x, f->column, u)) {
    ru = f->ref_unit;
  } else {
    rc = to_reference(v->d, it, p, amount, unit, &ref_amount, &ru, err);
    if (!rc) rc = pcf_solution_unit_values(v->x, p, u, err);
  }
  if (!rc && count) rc = pcf_system_add_activity(v->d->system, p, ref_amount, v->activity, err);
  if (rc) return rc;
  for (int k = 0; k < PCF_VALUE_COUNT; k++) out[k] = ref_amount * u[k];
  if (ref_amount_out) *ref_amount_out = ref_amount;
  if (ref_unit) *ref_unit = ru;
  if (count) {
    if (v->nfg == v->cap) {
      size_t cap = v->cap ? v->cap * 2 : 64;
      fg *x = realloc(v->fgs, cap * sizeof *x);
      if (!x) return pcf_error_nomem(err);
      v->fgs = x;
      v->cap = cap;
    }
    const ilcd_exchange *ref;
    pcf_system_reference(v->d->system, p, &ref, NULL, NULL, NULL);
    v->fgs[v->nfg].p = p;
    v->fgs[v->nfg++].scale = ref_amount / ref->resulting_amount;
  }
  return 0;
}

/* A service (energy, end-of-life route) or material by name, as a pseudo item for messages. */
static int lookup(const pcf_data *d, const pcf_item *owner, pcf_item_kind kind, const char *name,
                  const ilcd_process **p, pcf_error *err) {
  pcf_item it = *owner;
  it.kind = kind;
  it.dataset = name;
  const char *family;
  return find_process(d, &it, p, &family, err);
}

/* f: p's facts when known (material_memo.h: its name and UUID as text, read without the dataset),
 * else NULL. */
static void line_from(pcf_line *l, const pcf_item *it, pcf_stage stage, const char *dataset, const ilcd_process *p,
                      const material_facts *f, double amount, const char *unit, const double *value) {
  memset(l, 0, sizeof *l);
  l->stage = stage;
  l->component = it->component;
  l->dataset = dataset;
  l->process = p && f ? f->name : p ? p->name : "";
  if (p && f)
    memcpy(l->process_uuid, f->uuid, sizeof l->process_uuid);
  else if (p)
    ilcd_uuid_format(&p->uuid, l->process_uuid);
  l->amount = amount;
  l->unit = unit;
  memcpy(l->value, value, sizeof l->value);
  l->biogenic_co2_kg[0] = value[PCF_BIO_CO2_EMITTED];
  l->biogenic_co2_kg[1] = value[PCF_BIO_CO2_REMOVED];
}

static int add_line(pcf_result *r, const pcf_line *l, pcf_error *err) {
  return pcf__result_add_line(r, l) ? pcf_error_nomem(err) : 0;
}

/* Warnings for how a material line's CFF parameters were found (eol_params.h). */
static void warn_params(pcf_result *r, const pcf_item *it, const eol_line_params *lp, pcf_eol_rule rule) {
  const pcf_cff_default *def = lp->table_row;
  if (rule != PCF_EOL_CUT_OFF && def)
    pcf__result_warn(r, "%s: %s: material defaults A %g (the CFF's), Qsin/Qp %g, Qsout/Qp %g from %s:%ld (%s)",
                     it->component, it->dataset, lp->p.a, lp->p.qsin, lp->p.qsout, def->file, def->line, def->source);
  if (rule == PCF_EOL_CFF && lp->a_assumed)
    pcf__result_warn(r, "%s: A not given for %s ([material %s] A = ...): 0.5 used", it->component, it->dataset,
                     it->dataset);
}

/* The material as it enters the product: Ev for the virgin share and what the rule values as
 * virgin, Erec for the recycled share (pcf/eol.h), one line. */
static int material_input(pcf_result *r, valuer *v, const pcf_item *it, const ilcd_process *ev_proc,
                          const material_facts *f, const eol_line_params *lp, const pcf_eol_amounts *x,
                          pcf_error *err) {
  double ev[PCF_VALUE_COUNT], y[PCF_VALUE_COUNT];
  int rc = value(v, it, ev_proc, f, x->virgin_kg + x->recycled_as_virgin_kg, "kg", true, ev, NULL, NULL, err);
  if (rc) return rc;
  if (x->recycled_kg > 0) {
    const pcf_material_params *mp = lp->material;
    const char *rec_name = mp && mp->recycled[0] ? mp->recycled : NULL;
    char buf[300];
    if (!rec_name) {
      snprintf(buf, sizeof buf, "recycled %s", it->dataset);
      rec_name = buf;
    }
    const ilcd_process *erec;
    pcf_error why = {0};
    if (lookup(v->d, it, PCF_ITEM_MATERIAL, rec_name, &erec, &why))
      return pcf_error_set(err, why.code, it->file, it->line,
                           "%s: recycled content %.0f %% needs a recycled-material dataset: %s (name one with "
                           "[material %s] recycled = ...)",
                           it->component, 100 * lp->p.r1, why.message, it->dataset);
    rc = value(v, it, erec, NULL, x->recycled_kg, "kg", true, y, NULL, NULL, err);
    if (rc) return rc;
    for (int k = 0; k < PCF_VALUE_COUNT; k++) ev[k] += y[k];
  }
  char label[300];
  const char *shown = label; /* the dataset as written, cut to the label's size */
  if (lp->p.r1 > 0)
    snprintf(label, sizeof label, "%s (%.0f %% recycled)", it->dataset, 100 * lp->p.r1);
  else if (strlen(it->dataset) < sizeof label)
    shown = it->dataset; /* add_line copies it */
  else {
    memcpy(label, it->dataset, sizeof label - 1); /* cut as snprintf would */
    label[sizeof label - 1] = '\0';
  }
  pcf_line l;
  line_from(&l, it, it->stage, shown, ev_proc, f && f->p == ev_proc ? f : NULL, it->amount, "kg", ev);
  l.proxy = v->proxy;
  return add_line(r, &l, err);
}

/* The biogenic carbon the product holds, as a removal (ISO 14067 counts the uptake at -1, system.h):
 * booked from the material's declared carbon content when its dataset records no uptake of its
 * own (most publish a CO2e total only), so that the carbon released at end of life is balanced. The
 * net mass only: scrap's carbon is neither taken up nor released within the system. Not for an
 * EPD: EN 15804's GWP-total counts the product's biogenic carbon at -1 already. */
static int biogenic_uptake(pcf_result *r, valuer *v, const pcf_item *it, const ilcd_process *ev_proc,
                           double biogenic_kg_c, pcf_error *err) {
  if (!(biogenic_kg_c > 0) || isnan(it->mass_kg) || it->mass_kg <= 0) return 0;
  epd_gwp epd;
  if (pcf__epd_read(v->d->db, ev_proc, &epd)) return 0;
  double u[PCF_VALUE_COUNT];
  int rc = pcf_solution_unit_values(v->x, ev_proc, u, err);
  if (rc) return rc;
  if (u[PCF_BIO_CO2_REMOVED] < 0) return 0; /* the dataset's chain takes up biogenic CO2 itself */
  double kg_co2 = -44.0 / 12.0 * biogenic_kg_c * it->mass_kg, x[PCF_VALUE_COUNT] = {0};
  x[PCF_TOTAL] = x[PCF_BIOGENIC_REMOVALS] = x[PCF_BIO_CO2_REMOVED] = kg_co2;
  char label[300];
  snprintf(label, sizeof label, "biogenic carbon of %s taken up (%.4g kg C/kg x 44/12)", it->dataset, biogenic_kg_c);
  pcf_line l;
  line_from(&l, it, it->stage, label, NULL, NULL, kg_co2, "kg CO2", x);
  return add_line(r, &l, err);
}

/* One end-of-life route of a material line: the route's dataset for the family, with the material's
 * own carbon in place of the family's (eol_carbon.h). */
static int eol_route(pcf_result *r, valuer *v, const pcf_item *it, const char *family, pcf_eol_route route, double kg,
                     const double carbon[2], bool *warned, pcf_error *err) {
  char name[200];
  snprintf(name, sizeof name, "%s %s", pcf_eol_route_name(route), family);
  const ilcd_process *p;
  double x[PCF_VALUE_COUNT], adjust[PCF_VALUE_COUNT] = {0}, ref_amount;
  const char *ref_unit;
  int rc = lookup(v->d, it, PCF_ITEM_SERVICE, name, &p, err);
  if (!rc) rc = value(v, it, p, NULL, kg, "kg", true, x, &ref_amount, &ref_unit, err);
  eol_carbon_status status;
  if (!rc) rc = pcf__eol_carbon_adjust(v->d, p, route, carbon[0], carbon[1], adjust, &status, err);
  if (rc) return rc;
  for (int k = 0; k < PCF_VALUE_COUNT; k++) x[k] += kg * adjust[k];
  if (status == EOL_CARBON_NO_MATERIAL && !*warned)
    pcf__result_warn(r,
                     "%s: %s declares no carbon content: its %s takes the carbon of average %s waste (the route's "
                     "dataset)",
                     it->component, it->dataset, pcf_eol_route_name(route), family);
  else if (status == EOL_CARBON_NO_ROUTE && !*warned)
    pcf__result_warn(r,
                     "%s: %s of %s: the route's dataset declares no carbon to replace (or no degradable carbon for "
                     "its biogenic carbon): its own figure is used",
                     it->component, pcf_eol_route_name(route), it->dataset);
  *warned |= status == EOL_CARBON_NO_MATERIAL || status == EOL_CARBON_NO_ROUTE;
  pcf_line l;
  line_from(&l, it, PCF_STAGE_END_OF_LIFE, name, p, NULL, ref_amount, ref_unit, x);
  return add_line(r, &l, err);
}

/* Credits beyond the system boundary (module D): avoided virgin material and substituted energy. */
static int eol_credits(pcf_result *r, valuer *v, const pcf_product *product, const pcf_item *it,
                       const ilcd_process *ev_proc, const eol_line_params *lp, const pcf_eol_amounts *x,
                       pcf_error *err) {
  const pcf_material_params *mp = lp->material;
  double y[PCF_VALUE_COUNT], ref_amount;
  const char *ref_unit;
  pcf_line l;
  int rc;
  if (x->credit_material_kg > 0 && !ev_proc && !(mp && mp->substituted[0])) {
    pcf__result_warn(r,
                     "%s: no virgin-material dataset for the recycling credit of %s (name one with [material %s] "
                     "substituted = ...)",
                     it->component, it->dataset, it->dataset);
  } else if (x->credit_material_kg > 0) {
    const ilcd_process *star = ev_proc;
    if (mp && mp->substituted[0] && (rc = lookup(v->d, it, PCF_ITEM_MATERIAL, mp->substituted, &star, err))) return rc;
    rc = value(v, it, star, NULL, x->credit_material_kg, "kg", false, y, &ref_amount, &ref_unit, err);
    if (rc) return rc;
    for (int k = 0; k < PCF_VALUE_COUNT; k++) y[k] = -y[k];
    line_from(&l, it, PCF_STAGE_END_OF_LIFE, "credit: avoided virgin material", star, NULL, ref_amount, ref_unit, y);
    l.beyond_boundary = 1;
    if ((rc = add_line(r, &l, err))) return rc;
  }
  const char *services[2] = {pcf_product_eol_heat(product), pcf_product_eol_electricity(product)};
  double mj[2] = {x->credit_heat_mj, x->credit_elec_mj};
  for (int i = 0; i < 2; i++) {
    if (!(mj[i] > 0)) continue;
    if (!services[i]) {
      pcf__result_warn(
          r, "%s: energy recovery credit for %s not counted: name the substituted %s with [end_of_life] %s = ...",
          it->component, i ? "electricity" : "heat", i ? "electricity" : "heat", i ? "electricity" : "heat");
      continue;
    }
    const ilcd_process *p;
    rc = lookup(v->d, it, PCF_ITEM_SERVICE, services[i], &p, err);
    if (!rc) rc = value(v, it, p, NULL, mj[i], "MJ", false, y, &ref_amount, &ref_unit, err);
    if (rc) return rc;
    for (int k = 0; k < PCF_VALUE_COUNT; k++) y[k] = -y[k];
    line_from(&l, it, PCF_STAGE_END_OF_LIFE, i ? "credit: substituted electricity" : "credit: substituted heat", p,
              NULL, ref_amount, ref_unit, y);
    l.beyond_boundary = 1;
    if ((rc = add_line(r, &l, err))) return rc;
  }
  const pcf_eol_params *prm = &lp->p;
  if (pcf_product_eol_rule(product) != PCF_EOL_CUT_OFF && prm->lhv_mj_per_kg == 0 && prm->r3 > 0 &&
      (prm->x_heat > 0 || prm->x_elec > 0))
    pcf__result_warn(r, "%s: no lower heating value for %s ([material %s] lhv = ... MJ/kg): no energy recovery credit",
                     it->component, it->dataset, it->dataset);
  return 0;
}

/* A material line with recycled content and its end of life, by the product's rule: the one kernel
 * (pcf/eol.h) gives the amounts, the datasets value them. A supplier's PCF stands for the material
 * itself; its end of life is still ours. */
static int material_lines(pcf_result *r, valuer *v, const pcf_product *product, const pcf_item *it,
                          const ilcd_process *ev_proc, const material_facts *f, const char *family, bool supplier,
                          pcf_error *err) {
  pcf_eol_rule rule = pcf_product_eol_rule(product);
  if (f && f->p != ev_proc) f = NULL; /* facts of another process: not these */
  const pcf_cff_default *row = NULL;
  if (f)
    row = f->cff;
  else if (ev_proc) {
    char ev_uuid[40];
    row = pcf_cff_defaults_find(v->d->cff_defaults, ilcd_uuid_format(&ev_proc->uuid, ev_uuid));
  }
  eol_line_params lp;
  int rc = pcf__eol_params_resolve(&lp, product, it, family, row, err);
  if (rc) {
    err->path[0] = '\0';
    if (it->file) snprintf(err->path, sizeof err->path, "%s", it->file);
    err->line = it->line;
    return rc;
  }
  warn_params(r, it, &lp, rule);
  pcf_eol_amounts x;
  pcf_eol_amounts_compute(rule, &lp.p, it->amount, lp.has_eol ? it->mass_kg : 0, &x);
  double carbon[2] = {NAN, NAN};
  if (f)
    memcpy(carbon, f->carbon, sizeof carbon);
  else if (ev_proc)
    pcf__carbon_per_kg(v->d, ev_proc, &carbon[0], &carbon[1]);
  if (!supplier) {
    rc = material_input(r, v, it, ev_proc, f, &lp, &x, err);
    if (!rc) rc = biogenic_uptake(r, v, it, ev_proc, carbon[1], err);
    if (rc) return rc;
  }
  if (!lp.has_eol) return 0;
  bool warned = false;
  for (int i = 0; i < PCF_EOL_ROUTE_COUNT && !rc; i++)
    if (x.route_kg[i] > 0) rc = eol_route(r, v, it, family, (pcf_eol_route)i, x.route_kg[i], carbon, &warned, err);
  if (!rc && rule != PCF_EOL_CUT_OFF) rc = eol_credits(r, v, product, it, ev_proc, &lp, &x, err);
  return rc;
}

/* Every process the product may use: its items', the service map's, recycled variants. */
static int collect_roots(const pcf_data *d, const pcf_product *product, const ilcd_process **procs, size_t ni,
                         const ilcd_process ***roots, size_t *n_roots) {
  size_t ns = pcf_matmap_count(d->services), cap = ni + ns + 2 * ni + 1, n = 0;
  const ilcd_process **v = calloc(cap, sizeof *v);
  if (!v) return -1;
  for (size_t i = 0; i < ni; i++)
    if (procs[i]) v[n++] = procs[i];
  for (size_t i = 0; i < ns; i++) {
    ilcd_uuid u;
    const ilcd_process *p;
    if (!ilcd_uuid_parse(&u, pcf_matmap_get(d->services, i)->process) && (p = ilcd_db_process(d->db, &u))) v[n++] = p;
  }
  for (size_t i = 0; i < ni; i++) {
    const pcf_item *it = pcf_product_item(product, i);
    if (!procs[i] || it->kind != PCF_ITEM_MATERIAL) continue;
    const pcf_material_params *mp = pcf_product_material_params(product, it->dataset);
    char buf[300];
    snprintf(buf, sizeof buf, "recycled %s", it->dataset);
    const char *names[2] = {mp && mp->recycled[0] ? mp->recycled : buf,
                            mp && mp->substituted[0] ? mp->substituted : NULL};
    for (int k = 0; k < 2; k++) {
      const pcf_material *m = names[k] ? pcf_matmap_find(d->materials, names[k]) : NULL;
      ilcd_uuid u;
      const ilcd_process *p;
      if (m && !ilcd_uuid_parse(&u, m->process) && (p = ilcd_db_process(d->db, &u))) v[n++] = p;
    }
  }
  *roots = v;
  *n_roots = n;
  return 0;
}

/* The unknown materials of a product, gathered so that one error names them all. */
typedef struct unknown_list {
  char text[sizeof((pcf_error *)0)->message];
  size_t n, shown, len;
  const char *file; /* of the first */
  long line;
} unknown_list;

static void unknown_add(unknown_list *u, const pcf_data *d, const pcf_item *it) {
  if (u->n++ == 0) {
    u->file = it->file;
    u->line = it->line;
  }
  const char *hint = pcf_matmap_suggest(d->materials, it->dataset);
  char one[700];
  int k = snprintf(one, sizeof one, "%s\"%s\" (%s, %s:%ld%s%s%s)", u->shown ? "; " : "", it->dataset, it->component,
                   it->file ? it->file : "?", it->line, hint ? "; did you mean \"" : "", hint ? hint : "",
                   hint ? "\"?" : "");
  /* Keep room for " ... and N more" (at most 40 bytes). */
  if (k > 0 && u->len + (size_t)k + 40 < sizeof u->text) {
    memcpy(u->text + u->len, one, (size_t)k + 1);
    u->len += (size_t)k;
    u->shown++;
  }
}

static int unknown_error(const unknown_list *u, pcf_error *err) {
  if (u->n > u->shown)
    return pcf_error_set(err, PCF_ERR_NOT_FOUND, u->file, u->line,
                         "%zu unknown materials (add them to a material map; pcf materials TERM searches the "
                         "known ones): %s ... and %zu more",
                         u->n, u->text, u->n - u->shown);
  return pcf_error_set(err, PCF_ERR_NOT_FOUND, u->file, u->line,
                       "%zu unknown material%s (add %s to a material map; pcf materials TERM searches the known "
                       "ones): %s",
                       u->n, u->n == 1 ? "" : "s", u->n == 1 ? "it" : "them", u->text);
}

/* Metal and plastic lines whose dataset is unformed material (materials.csv has no forming step
 * for it): a designer's part is formed, and the step is easy to forget. */
typedef struct unformed_list {
  char names[400];
  size_t n, len;
  bool cut; /* names did not all fit */
} unformed_list;

static void note_unformed(unformed_list *u, const pcf_material *m, const pcf_item *it) {
  if (m->forming[0] || (it->forming && it->forming[0]) ||
      (m->family != PCF_FAMILY_METAL && m->family != PCF_FAMILY_PLASTIC))
    return;
  if (u->cut) { /* the names are full: counted only */
    u->n++;
    return;
  }
  int k =
      snprintf(u->names + u->len, sizeof u->names - u->len, "%s%s (%s)", u->n ? ", " : "", it->component, it->dataset);
  if (k > 0 && u->len + (size_t)k < sizeof u->names - 1)
    u->len += (size_t)k;
  else {
    u->names[u->len] = '\0';
    u->cut = true;
  }
  u->n++;
}

static void warn_unformed(pcf_result *r, const unformed_list *u) {
  pcf__result_warn(r,
                   "note: %zu metal or plastic line%s valued as unformed material (the dataset includes no forming "
                   "step): %s%s; unless a processing line of the product forms %s, add one (injection moulding CN, "
                   "thermoforming CN...) or name a formed material (aluminium, extruded; cast aluminium; steel wire)",
                   u->n, u->n == 1 ? " is" : "s are", u->names, u->cut ? ", ..." : "", u->n == 1 ? "it" : "them");
}

int pcf_footprint_product(pcf_result **out, const pcf_data *d, const pcf_product *product, pcf_error *err) {
  pcf_footprint_options o = PCF_FOOTPRINT_OPTIONS_INIT;
  return pcf_footprint_product_ex(out, d, product, &o, err);
}

/* The processes of a product's items (NULL for supplier lines), their families and, for materials,
 * their facts (facts may be NULL: not kept). */
static int item_processes(const pcf_data *d, const pcf_product *product, const ilcd_process **procs,
                          const char **families, const material_facts **facts, pcf_error *err) {
  unknown_list unknown = {0};
  for (size_t i = 0; i < pcf_product_item_count(product); i++) {
    const pcf_item *it = pcf_product_item(product, i);
    families[i] = it->family;
    if (it->kind == PCF_ITEM_SUPPLIER || it->kind == PCF_ITEM_FACTOR) {
      const pcf_material *m = it->dataset[0] ? pcf_matmap_find(d->materials, it->dataset) : NULL;
      if (m) families[i] = pcf_family_name(m->family);
      continue;
    }
    /* Every unknown material of the product is listed in one error, not one per run. */
    const pcf_material *m = it->kind == PCF_ITEM_MATERIAL ? pcf_matmap_find(d->materials, it->dataset) : NULL;
    if (it->kind == PCF_ITEM_MATERIAL && !m) {
      unknown_add(&unknown, d, it);
      continue;
    }
    const material_facts *f = m ? pcf__material_facts(d, m) : NULL;
    if (f) { /* what find_process gives a material, found once */
      procs[i] = f->p;
      families[i] = f->family;
      if (facts) facts[i] = f;
      continue;
    }
    int rc = find_process(d, it, &procs[i], &families[i], err);
    if (rc) return rc;
  }
  return unknown.n ? unknown_error(&unknown, err) : 0;
}

/* Whether x holds the supply chains of every process the product may use. */
static bool covers(const pcf_data *d, const pcf_solution *x, const pcf_product *product, const ilcd_process **procs) {
  if (pcf__solution_whole(x)) return true; /* a batch's: every chain is in it */
  const ilcd_process **roots = NULL;
  size_t n = 0;
  if (collect_roots(d, product, procs, pcf_product_item_count(product), &roots, &n)) return false;
  bool all = true;
  for (size_t i = 0; i < n && all; i++) all = pcf_solution_covers(x, roots[i]);
  free(roots);
  return all;
}

int pcf_footprint_solve(pcf_solution **out, const pcf_data *d, const pcf_product *const *products, size_t n,
                        pcf_error *err) {
  *out = NULL;
  const ilcd_process **all = NULL;
  size_t n_all = 0;
  int rc = 0;
  for (size_t k = 0; k < n && !rc; k++) {
    size_t ni = pcf_product_item_count(products[k]), nr = 0;
    const ilcd_process **procs = calloc(ni ? ni : 1, sizeof *procs), **roots = NULL, **grown;
    const char **families = calloc(ni ? ni : 1, sizeof *families);
    if (!procs || !families) rc = pcf_error_nomem(err);
    if (!rc) rc = item_processes(d, products[k], procs, families, NULL, err);
    if (!rc && collect_roots(d, products[k], procs, ni, &roots, &nr)) rc = pcf_error_nomem(err);
    if (!rc && !(grown = realloc(all, (n_all + nr + 1) * sizeof *all))) rc = pcf_error_nomem(err);
    if (!rc) {
      all = grown;
      memcpy(all + n_all, roots, nr * sizeof *roots);
      n_all += nr;
    }
    free(procs);
    free(families);
    free(roots);
  }
  if (!rc) rc = pcf_solution_new(out, d->system, all, n_all, err);
  free(all);
  return rc;
}

int pcf_footprint_product_ex(pcf_result **out, const pcf_data *d, const pcf_product *product,
                             const pcf_footprint_options *o, pcf_error *err) {
  const pcf_system *s = d->system;
  size_t n = pcf_system_size(s), ni = pcf_product_item_count(product);
  pcf_result *r =
      pcf__result_new(o->name && *o->name ? o->name : pcf_product_name(product),
                      o->declared_unit && *o->declared_unit ? o->declared_unit : pcf_product_declared_unit(product),
                      pcf_system_method(s)->total->name);
  valuer v = {.d = d,
              .x = o->solution,
              .hotspots = o->hotspots != 0,
              .activity = o->hotspots ? calloc(n ? n : 1, sizeof(double)) : malloc(sizeof(double))};
  const char **families = calloc(ni ? ni : 1, sizeof *families);
  const ilcd_process **procs = calloc(ni ? ni : 1, sizeof *procs);
  const material_facts **facts = calloc(ni ? ni : 1, sizeof *facts);
  pcf_solution *own = NULL;
  *out = r;
  int rc = 0;
  if (!r || !v.activity || !families || !procs || !facts) {
    rc = pcf_error_nomem(err);
    goto done;
  }
  if (pcf__result_reserve_lines(r, ni)) { /* a line per item at least: one allocation, not a doubling series */
    rc = pcf_error_nomem(err);
    goto done;
  }
  pcf__result_set_rule(r, pcf_eol_rule_name(pcf_product_eol_rule(product)));
  for (size_t i = 0; i < pcf_product_warning_count(product); i++)
    pcf__result_warn(r, "%s", pcf_product_warning(product, i));
  rc = item_processes(d, product, procs, families, facts, err);
  /* The caller's solution when it holds every supply chain the product may use, else one of
   * them made here (a process outside a solution has no intensities there). */
  if (!rc && v.x && !covers(d, v.x, product, procs)) v.x = NULL;
  if (!rc && !v.x) {
    rc = pcf_footprint_solve(&own, d, &product, 1, err);
    v.x = own;
    if (!rc && !o->hotspots) warn_ill_conditioned(r, own, NULL); /* the solution is this product's chains */
  }
  bool warned_family[PCF_FAMILY_COUNT] = {0};
  unformed_list unformed = {0};
  for (size_t i = 0; i < ni && !rc; i++) {
    const pcf_item *it = pcf_product_item(product, i);
    pcf_line line = {.stage = it->stage, .component = it->component, .dataset = it->dataset, .process = ""};
    bool users = it->kind == PCF_ITEM_SUPPLIER || it->kind == PCF_ITEM_FACTOR; /* a figure of the user's */
    bool material =
        it->stage == PCF_STAGE_RAW_MATERIALS && !users && !isnan(it->mass_kg) && strcmp(it->unit, "kg") == 0;
    double shares[4];
    bool eol = pcf_product_eol_shares(product, it->dataset, families[i], shares) == 0;
    if (!isnan(it->mass_kg) && !eol && pcf_product_has_eol(product)) {
      pcf_family f;
      if (!pcf_family_parse(families[i], &f) && !warned_family[f]) {
        warned_family[f] = true;
        pcf__result_warn(r, "end of life: no scenario for %s (first met: %s): its end of life is not counted",
                         families[i][0] ? families[i] : "materials without a family", it->component);
      }
    }
    if (material) {
      /* A memoised material's flags come with its facts: the map entry itself is read only when
       * one is set (a batch's line would otherwise wait on it). */
      const material_facts *f = facts[i];
      const pcf_material *m = f                               ? f->material
                              : it->kind == PCF_ITEM_MATERIAL ? pcf_matmap_find(d->materials, it->dataset)
                                                              : NULL;
      v.proxy = f ? f->proxy : m && m->proxy[0];
      if (v.proxy)
        pcf__result_warn(r, "%s: \"%s\" has no dataset of its own: proxy \"%s\" (%s); its data quality is rated lower",
                         it->component, it->dataset, procs[i]->name, m->proxy);
      if (m && (!f || f->unformed)) note_unformed(&unformed, m, it);
      rc = material_lines(r, &v, product, it, procs[i], facts[i], families[i], false, err);
      v.proxy = false;
      if (!rc && (!facts[i] || facts[i]->epd))
        rc = pcf__epd_line(r, d, it, procs[i], eol, v.hotspots, err); /* EPD data: epd.h */
      continue;
    }
    if (!isnan(it->recycled_content) && it->recycled_content > 0 && !users) {
      rc = pcf_error_set(err, PCF_ERR_INPUT, it->file, it->line, "%s: recycled content needs the line's mass in kg",
                         it->component);
      break;
    }
    if (it->kind == PCF_ITEM_FACTOR && (rc = pcf__own_factor_line(r, d, it, &line, err))) break;
    if (it->kind == PCF_ITEM_SUPPLIER) {
      line.primary = 1;
      line.amount = it->amount;
      line.unit = it->unit;
      line.value[PCF_TOTAL] = line.value[PCF_FOSSIL] = it->amount * it->supplier_kg_co2e_per_unit;
      pcf__result_warn(r, "%s: supplier PCF %g kg CO2e/%s has no fossil/biogenic split; counted as fossil",
                       it->component, it->supplier_kg_co2e_per_unit, it->unit);
    }
    if (users) {
      if (pcf__result_add_line(r, &line)) {
        rc = pcf_error_nomem(err);
        break;
      }
      /* Its end of life, when its material (and so family) and mass are known. */
      if (!isnan(it->mass_kg) && families[i] && families[i][0]) {
        const ilcd_process *ev = NULL;
        pcf_error ignore;
        if (it->dataset[0]) lookup(d, it, PCF_ITEM_MATERIAL, it->dataset, &ev, &ignore);
        rc = material_lines(r, &v, product, it, ev, NULL, families[i], true, err);
      }
      continue;
    } else {
      double ref_amount;
      const char *ref_unit;
      double vals[PCF_VALUE_COUNT];
      rc = value(&v, it, procs[i], NULL, it->amount, it->unit, true, vals, &ref_amount, &ref_unit, err);
      if (rc) break;
      memcpy(line.value, vals, sizeof line.value);
      line.biogenic_co2_kg[0] = vals[PCF_BIO_CO2_EMITTED];
      line.biogenic_co2_kg[1] = vals[PCF_BIO_CO2_REMOVED];
      line.process = procs[i]->name;
      ilcd_uuid_format(&procs[i]->uuid, line.process_uuid);
      line.amount = ref_amount;
      line.unit = ref_unit;
    }
    if (pcf__result_add_line(r, &line)) rc = pcf_error_nomem(err);
    if (!rc) rc = pcf__epd_line(r, d, it, procs[i], false, v.hotspots, err);
  }
  /* The carbon the product contains: its BOM leaves (a supplier's line through its material). */
  for (size_t i = 0; i < ni && !rc; i++) {
    const pcf_item *it = pcf_product_item(product, i);
    if (!it->bom_leaf) continue;
    const ilcd_process *p = procs[i];
    pcf_error ignore;
    if (facts[i] && facts[i]->p == p) {
      pcf__carbon_content_count(pcf__result_carbon(r), facts[i]->carbon_rc, facts[i]->carbon[0], facts[i]->carbon[1],
                                it->mass_kg);
      continue;
    }
    if (!p && (it->kind == PCF_ITEM_SUPPLIER || it->kind == PCF_ITEM_FACTOR) && it->dataset[0])
      lookup(d, it, PCF_ITEM_MATERIAL, it->dataset, &p, &ignore);
    pcf__carbon_content_add(pcf__result_carbon(r), d, p, it->mass_kg);
  }
  if (!rc && unformed.n) warn_unformed(r, &unformed);
  if (!rc && o->hotspots) rc = hotspots(r, d, v.x, v.fgs, v.nfg, v.activity, o->top, err);
  if (!rc && o->scale > 0 && o->scale != 1) pcf__result_scale(r, o->scale);
  if (!rc && pcf__result_warning_lost(r)) rc = pcf_error_nomem(err);
done:
  pcf_solution_free(own);
  free(v.activity);
  free(v.fgs);
  free(families);
  free(procs);
  free(facts);
  return rc;
}

int pcf_footprint_process(pcf_result **out, const pcf_data *d, const char *id, pcf_error *err) {
  const pcf_system *s = d->system;
  ilcd_uuid u;
  *out = NULL;
  if (ilcd_uuid_parse(&u, id)) return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "\"%s\" is not a UUID", id);
  const ilcd_process *p = ilcd_db_process(d->db, &u);
  if (!p) return pcf_error_set(err, PCF_ERR_NOT_FOUND, NULL, 0, "no process %s in the loaded data", id);
  const ilcd_exchange *ref;
  const ilcd_flow *flow;
  const char *unit;
  pcf_solution *x = NULL;
  int rc = pcf_system_reference(s, p, &ref, &flow, &unit, err);
  if (!rc) rc = pcf_solution_new(&x, s, &p, 1, err);
  if (rc) return rc;
  char declared[300];
  snprintf(declared, sizeof declared, "1 %s of %s", unit, flow->name);
  pcf_result *r = pcf__result_new(p->name, declared, pcf_system_method(s)->total->name);
  double *activity = calloc(pcf_system_size(s) ? pcf_system_size(s) : 1, sizeof *activity);
  *out = r;
  if (!r || !activity) {
    free(activity);
    pcf_solution_free(x);
    return pcf_error_nomem(err);
  }
  double v[PCF_VALUE_COUNT];
  pcf_line line = {.stage = PCF_STAGE_RAW_MATERIALS,
                   .component = p->name,
                   .dataset = id,
                   .process = p->name,
                   .amount = 1,
                   .unit = unit};
  ilcd_uuid_format(&p->uuid, line.process_uuid);
  rc = pcf_solution_unit_values(x, p, v, err);
  if (!rc) {
    memcpy(line.value, v, sizeof line.value);
    line.biogenic_co2_kg[0] = v[PCF_BIO_CO2_EMITTED];
    line.biogenic_co2_kg[1] = v[PCF_BIO_CO2_REMOVED];
    if (ref->direction == ILCD_INPUT)
      pcf__result_warn(r,
                       "the reference exchange of this process is an Input: footprinted per unit of what it takes in");
    if (pcf__result_add_line(r, &line)) rc = pcf_error_nomem(err);
  }
  if (!rc) rc = pcf__epd_line(r, d, NULL, p, false, false, err);
  if (!rc) rc = pcf_system_add_activity(s, p, 1, activity, err);
  fg one = {p, 1 / ref->resulting_amount};
  if (!rc) rc = hotspots(r, d, x, &one, 1, activity, 0, err);
  if (!rc && pcf__result_warning_lost(r)) rc = pcf_error_nomem(err);
  free(activity);
  pcf_solution_free(x);
  return rc;
}
