/* compare.c: eco-design variants compared (ISO 14067:2018, 6.4.6 and 6.6: designs compared on the
 * same declared unit, system boundary, data and method; results kept in the split of 7.2 —
 * fossil, biogenic, dLUC — per life-cycle stage). Every design is footprinted against the one
 * pcf_data the caller loaded. The contribution of each change is exact: the variant's changes are
 * applied one at a time in the written order and each step's difference kept, so the steps sum to
 * the variant's change by construction (the attribution is sequential, hence order-dependent);
 * each change is also applied alone to the base so that interactions show. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare_internal.h"
#include "variant_internal.h"

int pcf__compare_sensitivity(pcf_comparison *c, const pcf_data *data, pcf_error *err); /* compare_sensitivity.c */
int pcf__compare_footprint(pcf_comparison *c, const pcf_data *data, size_t variant, size_t n, const pcf_override *extra,
                           size_t n_extra, pcf_result **out, pcf_error *err);
char *pcf__compare_keep(pcf_comparison *c, const char *s);

double pcf__cmp_relative(double a, double b) { return b != 0 ? (a - b) / fabs(b) : NAN; }

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

char *pcf__compare_keep(pcf_comparison *c, const char *s) {
  char **v = realloc(c->strings, (c->n_strings + 1) * sizeof *v);
  if (!v) return NULL;
  c->strings = v;
  char *k = strdup(s);
  if (k) v[c->n_strings++] = k;
  return k;
}

/* The footprint of variant (the base for (size_t)-1) with its first n changes and extra ones. */
int pcf__compare_footprint(pcf_comparison *c, const pcf_data *data, size_t variant, size_t n, const pcf_override *extra,
                           size_t n_extra, pcf_result **out, pcf_error *err) {
  double t0 = now_s();
  pcf_product *p = NULL;
  *out = NULL;
  /* The rule that replaces every design's comes last. */
  pcf_override all[64];
  if (c->rule && n_extra < 63) {
    for (size_t k = 0; k < n_extra; k++) all[k] = extra[k];
    all[n_extra++] = (pcf_override){"end_of_life", "rule", c->rule};
    extra = all;
  }
  int rc = pcf_variant_set_product(&p, c->set, variant, n, extra, n_extra, err);
  if (!rc) {
    pcf_footprint_options o = PCF_FOOTPRINT_OPTIONS_INIT;
    o.solution = c->solution;
    rc = pcf_footprint_product_ex(out, data, p, &o, err);
    if (rc && variant != (size_t)-1) pcf__variant_prefix_error(err, pcf_variant_set_name(c->set, variant));
  }
  if (rc) {
    pcf_result_free(*out);
    *out = NULL;
  }
  pcf_product_free(p);
  c->footprints++;
  c->seconds += now_s() - t0;
  return rc;
}

static void diff(const pcf_result *a, const pcf_result *b, double *v, double *stage) {
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++) v[k] = pcf_result_value(a, k) - pcf_result_value(b, k);
  for (int s = 0; stage && s < PCF_STAGE_COUNT; s++)
    stage[s] = pcf_result_stage(a, s, PCF_TOTAL) - pcf_result_stage(b, s, PCF_TOTAL);
}

/* Steps base → +1 → +1..2 → ... and each change alone. */
static int contributions(pcf_comparison *c, const pcf_data *data, cmp_design *d, pcf_error *err) {
  size_t m = pcf_variant_set_change_count(c->set, d->variant);
  d->changes = calloc(m ? m : 1, sizeof *d->changes);
  if (!d->changes) return pcf_error_nomem(err);
  d->n_changes = m;
  const pcf_result *base = c->d[0].result, *prev = base;
  pcf_result *cur = NULL, *held = NULL;
  int rc = 0;
  for (size_t k = 0; k < m && !rc; k++) {
    pcf_change_effect *e = &d->changes[k];
    e->change = pcf_variant_set_change(c->set, d->variant, k);
    if (k + 1 < m) {
      pcf_error step_err = {0};
      if (pcf__compare_footprint(c, data, d->variant, k + 1, NULL, 0, &cur, &step_err)) {
        if (step_err.code == PCF_ERR_NOMEM)
          rc = pcf_error_nomem(err);
        else if (!(e->step_error = pcf__compare_keep(c, step_err.message)))
          rc = pcf_error_nomem(err);
        e->with_next = 1; /* the next step, from the last valid design, carries this change too */
      }
    }
    if (rc) break;
    const pcf_result *now = k + 1 < m ? cur : d->result;
    if (e->with_next) now = prev;
    diff(now, prev, e->step, e->step_stage);
    if (!e->with_next) { /* prev stays alive in held until the next valid design replaces it */
      pcf_result_free(held);
      held = cur;
      cur = NULL;
      prev = now;
    }
    /* alone */
    pcf_error alone_err = {0};
    pcf_result *alone = NULL;
    if (k == 0) { /* the first step is that change alone */
      memcpy(e->alone, e->step, sizeof e->alone);
    } else if (pcf__compare_footprint(c, data, (size_t)-1, 0, &e->change->override, 1, &alone, &alone_err) == 0) {
      diff(alone, base, e->alone, NULL);
    } else {
      for (int i = 0; i < PCF_INDICATOR_COUNT; i++) e->alone[i] = NAN;
      if (alone_err.code == PCF_ERR_NOMEM)
        rc = pcf_error_nomem(err);
      else if (!(e->alone_error = pcf__compare_keep(c, alone_err.message)))
        rc = pcf_error_nomem(err);
    }
    pcf_result_free(alone);
  }
  pcf_result_free(held);
  return rc;
}

static int add_tradeoff(pcf_comparison *c, cmp_design *d, const char *text) {
  char **v = realloc(d->tradeoffs, (d->n_tradeoffs + 1) * sizeof *v);
  if (!v) return -1;
  d->tradeoffs = v;
  if (!(v[d->n_tradeoffs] = strdup(text))) return -1;
  d->n_tradeoffs++;
  return 0;
}

/* The change that moved stage s most in direction sign (+1 up, -1 down), or NULL. */
static const pcf_change_effect *driver(const cmp_design *d, int s, int sign) {
  const pcf_change_effect *best = NULL;
  for (size_t k = 0; k < d->n_changes; k++)
    if (sign * d->changes[k].step_stage[s] > 0 &&
        (!best || sign * d->changes[k].step_stage[s] > sign * best->step_stage[s]))
      best = &d->changes[k];
  return best;
}

/* A stage that gets worse while the total improves (or better while it worsens): burden moved
 * between stages; and fossil cut while biogenic or land-use emissions grow. */
static int tradeoffs(pcf_comparison *c, cmp_design *d) {
  const pcf_result *b = c->d[0].result, *r = d->result;
  double t0 = pcf_result_value(b, PCF_TOTAL), dt = pcf_result_value(r, PCF_TOTAL) - t0;
  /* A shift below 0.1 % of the base total is not worth a designer's attention. */
  double eps = 1e-3 * fmax(fabs(t0), 1e-9);
  if (fabs(dt) <= eps) return 0;
  int sign = dt < 0 ? -1 : 1; /* direction of the total */
  char text[900];
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    double b_s = pcf_result_stage(b, s, PCF_TOTAL), ds = pcf_result_stage(r, s, PCF_TOTAL) - b_s;
    if (!(sign * ds < -eps)) continue; /* moves against the total */
    /* the stages that moved with the total, largest first */
    char with[300] = "";
    int order[PCF_STAGE_COUNT], no = 0;
    for (int t = 0; t < PCF_STAGE_COUNT; t++) {
      double dt_s = pcf_result_stage(r, t, PCF_TOTAL) - pcf_result_stage(b, t, PCF_TOTAL);
      if (sign * dt_s > eps) order[no++] = t;
    }
    for (int i = 1; i < no; i++)
      for (int j = i; j > 0; j--) {
        double a1 = fabs(pcf_result_stage(r, order[j], PCF_TOTAL) - pcf_result_stage(b, order[j], PCF_TOTAL));
        double a0 = fabs(pcf_result_stage(r, order[j - 1], PCF_TOTAL) - pcf_result_stage(b, order[j - 1], PCF_TOTAL));
        if (a1 > a0) {
          int x = order[j];
          order[j] = order[j - 1];
          order[j - 1] = x;
        }
      }
    for (int i = 0; i < no; i++) {
      size_t len = strlen(with);
      snprintf(with + len, sizeof with - len, "%s%s %+.4g", i ? ", " : "", pcf_stage_title_lower(order[i]),
               pcf_result_stage(r, order[i], PCF_TOTAL) - pcf_result_stage(b, order[i], PCF_TOTAL));
    }
    const pcf_change_effect *why = driver(d, s, -sign);
    char cause[400] = "";
    if (why) snprintf(cause, sizeof cause, " (mostly from \"%s\")", why->change->text);
    if (sign < 0)
      snprintf(text, sizeof text,
               "%s gets worse by %.4g kg CO2e%s while the total improves by %.4g kg CO2e (%.1f %%): burden "
               "moves into %s from %s",
               pcf_stage_title_lower(s), ds, cause, -dt, -100 * pcf__cmp_relative(t0 + dt, t0),
               pcf_stage_title_lower(s), no ? with : "other stages");
    else
      snprintf(text, sizeof text,
               "%s improves by %.4g kg CO2e%s but the total gets worse by %.4g kg CO2e (+%.1f %%): %s outweigh%s it",
               pcf_stage_title_lower(s), -ds, cause, dt, 100 * pcf__cmp_relative(t0 + dt, t0),
               no ? with : "other stages", no == 1 ? "s" : "");
    if (add_tradeoff(c, d, text)) return -1;
  }
  double dfossil = pcf_result_value(r, PCF_FOSSIL) - pcf_result_value(b, PCF_FOSSIL);
  double dbio = pcf_result_value(r, PCF_BIOGENIC_EMISSIONS) - pcf_result_value(b, PCF_BIOGENIC_EMISSIONS);
  double dluc = pcf_result_value(r, PCF_DLUC) - pcf_result_value(b, PCF_DLUC);
  if (dfossil < -eps && (dbio > eps || dluc > eps)) {
    snprintf(text, sizeof text,
             "fossil emissions fall by %.4g kg CO2e while %s rise by %.4g kg CO2e (ISO 14067 reports them apart)",
             -dfossil, dbio > eps ? "biogenic emissions" : "land-use change emissions", dbio > eps ? dbio : dluc);
    if (add_tradeoff(c, d, text)) return -1;
  }
  return 0;
}

static bool is_bom(const pcf_line *l) {
  return l->stage == PCF_STAGE_RAW_MATERIALS && strcmp(l->component, "Packaging") != 0;
}

/* The side-by-side rows: union of the designs' lines. */
static int build_rows(pcf_comparison *c) {
  for (size_t i = 0; i < c->n; i++) {
    const pcf_result *r = c->d[i].result;
    for (size_t k = 0; k < pcf_result_line_count(r); k++) {
      const pcf_line *l = pcf_result_line(r, k);
      char label[600];
      if (is_bom(l))
        snprintf(label, sizeof label, "%s", l->component);
      else
        snprintf(label, sizeof label, "%s: %s", l->component, l->dataset);
      size_t row = 0;
      while (row < c->n_rows && !(c->rows[row].stage == l->stage && strcmp(c->rows[row].label, label) == 0)) row++;
      if (row == c->n_rows) {
        cmp_row *v = realloc(c->rows, (c->n_rows + 1) * sizeof *v);
        if (!v) return -1;
        c->rows = v;
        cmp_row *x = &v[c->n_rows];
        memset(x, 0, sizeof *x);
        x->stage = l->stage;
        x->bom = is_bom(l);
        x->label = strdup(label);
        x->dataset = calloc(c->n, sizeof *x->dataset);
        x->value = malloc(c->n * PCF_INDICATOR_COUNT * sizeof *x->value);
        c->n_rows++;
        if (!x->label || !x->dataset || !x->value) return -1;
        for (size_t j = 0; j < c->n * PCF_INDICATOR_COUNT; j++) x->value[j] = NAN;
      }
      cmp_row *x = &c->rows[row];
      double *v = &x->value[i * PCF_INDICATOR_COUNT];
      for (int q = 0; q < PCF_INDICATOR_COUNT; q++) v[q] = (isnan(v[q]) ? 0 : v[q]) + l->value[q];
      if (!x->dataset[i]) x->dataset[i] = l->dataset;
    }
  }
  /* life-cycle order, first appearance within a stage */
  for (size_t i = 1; i < c->n_rows; i++)
    for (size_t j = i; j > 0 && c->rows[j].stage < c->rows[j - 1].stage; j--) {
      cmp_row t = c->rows[j];
      c->rows[j] = c->rows[j - 1];
      c->rows[j - 1] = t;
    }
  return 0;
}

static int rank(pcf_comparison *c) {
  c->ranked = malloc(c->n * sizeof *c->ranked);
  if (!c->ranked) return -1;
  for (size_t i = 0; i < c->n; i++) {
    size_t j = i;
    double t = pcf_result_value(c->d[i].result, PCF_TOTAL);
    for (; j > 0 && pcf_result_value(c->d[c->ranked[j - 1]].result, PCF_TOTAL) > t; j--)
      c->ranked[j] = c->ranked[j - 1];
    c->ranked[j] = i;
  }
  return 0;
}

static int choose(pcf_comparison *c, const pcf_compare_options *o, pcf_error *err) {
  size_t nv = o->n_variants ? o->n_variants : pcf_variant_set_count(c->set);
  c->d = calloc(nv + 1, sizeof *c->d);
  if (!c->d) return pcf_error_nomem(err);
  c->d[0] = (cmp_design){.name = "base", .description = "", .variant = (size_t)-1};
  c->n = 1;
  for (size_t i = 0; i < nv; i++) {
    long v = o->n_variants ? pcf_variant_set_find(c->set, o->variants[i]) : (long)i;
    if (v < 0)
      return pcf_error_set(err, PCF_ERR_NOT_FOUND, pcf__variant_path(c->set), 0, "no [variant %s] in the product file",
                           o->variants[i]);
    c->d[c->n++] = (cmp_design){.name = pcf_variant_set_name(c->set, (size_t)v),
                                .description = pcf_variant_set_description(c->set, (size_t)v),
                                .variant = (size_t)v};
  }
  return 0;
}

/* One solution for every design: the supply chains of the base and of each variant (the steps and
 * the changes alone, and the sensitivity's nudges, use no process the designs do not). A design that
 * cannot be read is left out here: its footprint reports the error. */
static int solve_designs(pcf_comparison *c, const pcf_data *data, pcf_error *err) {
  pcf_product **p = calloc(c->n, sizeof *p);
  if (!p) return pcf_error_nomem(err);
  size_t n = 0;
  for (size_t i = 0; i < c->n; i++) {
    pcf_error ignore = {0};
    if (!pcf_variant_set_product(&p[n], c->set, c->d[i].variant, (size_t)-1, NULL, 0, &ignore)) n++;
  }
  pcf_error why = {0};
  /* Unsolvable designs report their own error when footprinted. */
  int rc = pcf_footprint_solve(&c->solution, data, (const pcf_product *const *)p, n, &why);
  if (rc == PCF_ERR_NOMEM) pcf_error_set(err, rc, NULL, 0, "out of memory");
  for (size_t i = 0; i < n; i++) pcf_product_free(p[i]);
  free(p);
  return rc == PCF_ERR_NOMEM ? rc : 0;
}

int pcf_compare_run(pcf_comparison **out, const pcf_data *data, const pcf_variant_set *set,
                    const pcf_compare_options *o, pcf_error *err) {
  pcf_compare_options defaults = PCF_COMPARE_OPTIONS_INIT;
  if (!o) o = &defaults;
  *out = NULL;
  pcf_comparison *c = calloc(1, sizeof *c);
  if (!c) return pcf_error_nomem(err);
  c->set = set;
  c->step = o->step > 0 && o->step < 0.5 ? o->step : 0.01;
  c->contributions = o->contributions;
  c->sensitivity = o->sensitivity;
  c->rule = o->rule;
  int rc = choose(c, o, err);
  if (!rc) rc = solve_designs(c, data, err);
  for (size_t i = 0; i < c->n && !rc; i++)
    rc = pcf__compare_footprint(c, data, c->d[i].variant, (size_t)-1, NULL, 0, &c->d[i].result, err);
  for (size_t i = 1; i < c->n && !rc && o->contributions; i++) rc = contributions(c, data, &c->d[i], err);
  for (size_t i = 1; i < c->n && !rc; i++)
    if (tradeoffs(c, &c->d[i])) rc = pcf_error_nomem(err);
  if (!rc && (build_rows(c) || rank(c))) rc = pcf_error_nomem(err);
  if (!rc && o->sensitivity) {
    c->sens_design = 0;
    if (o->sensitivity_of && o->sensitivity_of[0]) {
      size_t i = 1;
      while (i < c->n && strcmp(c->d[i].name, o->sensitivity_of) != 0) i++;
      if (i == c->n && strcmp(o->sensitivity_of, "base") != 0)
        rc = pcf_error_set(err, PCF_ERR_NOT_FOUND, pcf__variant_path(set), 0,
                           "sensitivity of \"%s\": not among the designs compared", o->sensitivity_of);
      else if (i < c->n)
        c->sens_design = i;
    }
    if (!rc) rc = pcf__compare_sensitivity(c, data, err);
  }
  if (!rc && o->uncertainty) rc = pcf__compare_uncertainty(c, data, o, err);
  if (rc) {
    pcf_comparison_free(c);
    return rc;
  }
  *out = c;
  return 0;
}

void pcf_comparison_free(pcf_comparison *c) {
  if (!c) return;
  pcf_solution_free(c->solution);
  for (size_t i = 0; i < c->n; i++) {
    pcf_result_free(c->d[i].result);
    free(c->d[i].changes);
    for (size_t k = 0; k < c->d[i].n_tradeoffs; k++) free(c->d[i].tradeoffs[k]);
    free(c->d[i].tradeoffs);
  }
  for (size_t i = 0; i < c->n_rows; i++) {
    free(c->rows[i].label);
    free(c->rows[i].dataset);
    free(c->rows[i].value);
  }
  for (size_t i = 0; i < c->n_strings; i++) free(c->strings[i]);
  free(c->strings);
  free(c->rows);
  free(c->sens);
  free(c->ranked);
  free(c->d);
  free(c->stats);
  free(c->p_below);
  free(c);
}

size_t pcf_comparison_count(const pcf_comparison *c) { return c->n; }
const char *pcf_comparison_name(const pcf_comparison *c, size_t i) { return i < c->n ? c->d[i].name : NULL; }
const char *pcf_comparison_description(const pcf_comparison *c, size_t i) {
  return i < c->n ? c->d[i].description : NULL;
}
const pcf_result *pcf_comparison_result(const pcf_comparison *c, size_t i) { return i < c->n ? c->d[i].result : NULL; }
const char *pcf_comparison_product_name(const pcf_comparison *c) { return pcf_result_name(c->d[0].result); }
size_t pcf_comparison_ranked(const pcf_comparison *c, size_t r) { return r < c->n ? c->ranked[r] : 0; }
size_t pcf_comparison_change_count(const pcf_comparison *c, size_t i) { return i < c->n ? c->d[i].n_changes : 0; }
const pcf_change_effect *pcf_comparison_change(const pcf_comparison *c, size_t i, size_t k) {
  return i < c->n && k < c->d[i].n_changes ? &c->d[i].changes[k] : NULL;
}
size_t pcf_comparison_tradeoff_count(const pcf_comparison *c, size_t i) { return i < c->n ? c->d[i].n_tradeoffs : 0; }
const char *pcf_comparison_tradeoff(const pcf_comparison *c, size_t i, size_t k) {
  return i < c->n && k < c->d[i].n_tradeoffs ? c->d[i].tradeoffs[k] : NULL;
}
size_t pcf_comparison_sensitivity_count(const pcf_comparison *c) { return c->n_sens; }
int pcf_comparison_row_is_component(const pcf_comparison *c, size_t row) { return row < c->n_rows && c->rows[row].bom; }
const char *pcf_comparison_row_dataset(const pcf_comparison *c, size_t row, size_t design) {
  return row < c->n_rows && design < c->n ? c->rows[row].dataset[design] : NULL;
}
int pcf_comparison_has_contributions(const pcf_comparison *c) { return c->contributions; }
int pcf_comparison_has_sensitivity(const pcf_comparison *c) { return c->sensitivity; }
double pcf_comparison_sensitivity_step(const pcf_comparison *c) { return c->step; }

const pcf_sensitivity *pcf_comparison_sensitivity(const pcf_comparison *c, size_t k) {
  return k < c->n_sens ? &c->sens[k] : NULL;
}
size_t pcf_comparison_sensitivity_design(const pcf_comparison *c) { return c->sens_design; }
size_t pcf_comparison_footprints(const pcf_comparison *c) { return c->footprints; }
double pcf_comparison_seconds(const pcf_comparison *c) { return c->seconds; }
size_t pcf_comparison_row_count(const pcf_comparison *c) { return c->n_rows; }
const char *pcf_comparison_row_label(const pcf_comparison *c, size_t row) {
  return row < c->n_rows ? c->rows[row].label : NULL;
}
pcf_stage pcf_comparison_row_stage(const pcf_comparison *c, size_t row) {
  return row < c->n_rows ? c->rows[row].stage : PCF_STAGE_COUNT;
}
double pcf_comparison_row_value(const pcf_comparison *c, size_t row, size_t design, pcf_indicator k) {
  if (row >= c->n_rows || design >= c->n || (unsigned)k >= PCF_INDICATOR_COUNT) return NAN;
  return c->rows[row].value[design * PCF_INDICATOR_COUNT + k];
}
