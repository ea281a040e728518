/* compare_json.c: a comparison as JSON (the interface to script against; every value kg CO2e per
 * declared unit, each in the ISO 14067 split: total, fossil, biogenic_emissions,
 * biogenic_removals, dluc, aircraft) and as CSV (one row per value: kind, design, item). */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare_internal.h" /* cmp_relative */
#include "json_put.h"

static const char attribution[] =
    "sequential: the changes are applied one at a time in the order written (base, +1, +1+2, ...) and each "
    "step's difference is its contribution; the steps sum exactly to the variant's change but depend on the "
    "order. 'alone' is the change applied to the base by itself; the difference of the sums is the interaction.";

static json_t *num(double v) { return isfinite(v) ? json_real(v) : json_null(); }

static json_t *split(int *oom, const double *v) {
  json_t *o = json_object();
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++) put(oom, o, pcf_indicator_key(k), num(v[k]));
  return o;
}

static json_t *design(int *oom, const pcf_comparison *c, size_t i, size_t rank) {
  const pcf_result *r = pcf_comparison_result(c, i), *b = pcf_comparison_result(c, 0);
  json_t *o = json_object();
  put(oom, o, "name", json_string(pcf_comparison_name(c, i)));
  put(oom, o, "description", json_string(pcf_comparison_description(c, i)));
  put(oom, o, "rank", json_integer((json_int_t)rank + 1));
  double v[PCF_INDICATOR_COUNT], d[PCF_INDICATOR_COUNT];
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++) {
    v[k] = pcf_result_value(r, k);
    d[k] = v[k] - pcf_result_value(b, k);
    put(oom, o, pcf_indicator_key(k), num(v[k]));
  }
  put(oom, o, "change", split(oom, d));
  put(oom, o, "relative_change", num(pcf__cmp_relative(v[PCF_TOTAL], pcf_result_value(b, PCF_TOTAL))));
  json_t *stages = json_object();
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    for (int k = 0; k < PCF_INDICATOR_COUNT; k++) v[k] = pcf_result_stage(r, s, k);
    json_t *st = split(oom, v);
    double b_s = pcf_result_stage(b, s, PCF_TOTAL);
    put(oom, st, "change", num(v[PCF_TOTAL] - b_s));
    put(oom, st, "relative_change", num(pcf__cmp_relative(v[PCF_TOTAL], b_s)));
    put(oom, stages, pcf_stage_key(s), st);
  }
  put(oom, o, "stages", stages);
  json_t *tr = json_array();
  for (size_t k = 0; k < pcf_comparison_tradeoff_count(c, i); k++)
    push(oom, tr, json_string(pcf_comparison_tradeoff(c, i, k)));
  put(oom, o, "tradeoffs", tr);
  if (i > 0 && pcf_comparison_has_contributions(c)) {
    json_t *ch = json_array();
    for (size_t k = 0; k < pcf_comparison_change_count(c, i); k++) {
      const pcf_change_effect *e = pcf_comparison_change(c, i, k);
      json_t *x = json_object();
      put(oom, x, "change", json_string(e->change->text));
      put(oom, x, "from_variant", json_string(e->change->variant));
      put(oom, x, "step", split(oom, e->step));
      json_t *ss = json_object();
      for (int s = 0; s < PCF_STAGE_COUNT; s++) put(oom, ss, pcf_stage_key(s), num(e->step_stage[s]));
      put(oom, x, "step_stages", ss);
      put(oom, x, "alone", split(oom, e->alone));
      if (e->alone_error) put(oom, x, "alone_error", json_string(e->alone_error));
      if (e->with_next) put(oom, x, "counted_with_next", json_string(e->step_error));
      push(oom, ch, x);
    }
    put(oom, o, "changes", ch);
  }
  return o;
}

/* A row's values for design i, in the ISO 14067 split (NaN where the design lacks the line). */
static void row_values(const pcf_comparison *c, size_t row, size_t i, double v[PCF_INDICATOR_COUNT]) {
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++) v[k] = pcf_comparison_row_value(c, row, i, k);
}

static json_t *rows(int *oom, const pcf_comparison *c) {
  json_t *a = json_array();
  for (size_t row = 0; row < pcf_comparison_row_count(c); row++) {
    json_t *o = json_object(), *per = json_object();
    put(oom, o, "label", json_string(pcf_comparison_row_label(c, row)));
    put(oom, o, "stage", json_string(pcf_stage_key(pcf_comparison_row_stage(c, row))));
    put(oom, o, "component", json_boolean(pcf_comparison_row_is_component(c, row)));
    double b = pcf_comparison_row_value(c, row, 0, PCF_TOTAL);
    for (size_t i = 0; i < pcf_comparison_count(c); i++) {
      double v[PCF_INDICATOR_COUNT];
      row_values(c, row, i, v);
      if (isnan(v[PCF_TOTAL])) continue;
      json_t *d = split(oom, v);
      const char *dataset = pcf_comparison_row_dataset(c, row, i);
      put(oom, d, "dataset", json_string(dataset ? dataset : ""));
      put(oom, d, "change", num(v[PCF_TOTAL] - (isnan(b) ? 0 : b)));
      put(oom, per, pcf_comparison_name(c, i), d);
    }
    put(oom, o, "designs", per);
    push(oom, a, o);
  }
  return a;
}

int pcf_comparison_write_json(const pcf_comparison *c, FILE *out) {
  int oom_flag = 0, *oom = &oom_flag;
  const pcf_result *b = pcf_comparison_result(c, 0);
  json_t *root = json_object();
  put(oom, root, "product", json_string(pcf_result_name(b)));
  put(oom, root, "declared_unit", json_string(pcf_result_declared_unit(b)));
  put(oom, root, "method", json_string(pcf_result_method(b)));
  put(oom, root, "unit", json_string("kg CO2e"));
  json_t *designs = json_array(), *ranking = json_array();
  for (size_t r = 0; r < pcf_comparison_count(c); r++)
    push(oom, ranking, json_string(pcf_comparison_name(c, pcf_comparison_ranked(c, r))));
  for (size_t i = 0; i < pcf_comparison_count(c); i++) {
    size_t rank = 0;
    while (pcf_comparison_ranked(c, rank) != i) rank++;
    push(oom, designs, design(oom, c, i, rank));
  }
  put(oom, root, "designs", designs);
  put(oom, root, "ranking", ranking);
  put(oom, root, "lines", rows(oom, c));
  if (pcf_comparison_has_contributions(c)) put(oom, root, "attribution", json_string(attribution));
  if (pcf_comparison_has_sensitivity(c)) {
    json_t *s = json_object(), *a = json_array();
    put(oom, s, "design", json_string(pcf_comparison_name(c, pcf_comparison_sensitivity_design(c))));
    put(oom, s, "step", json_real(pcf_comparison_sensitivity_step(c)));
    put(oom, s, "method", json_string("central difference: (T(x(1+h)) - T(x(1-h))) / (2 h T)"));
    for (size_t k = 0; k < pcf_comparison_sensitivity_count(c); k++) {
      const pcf_sensitivity *e = pcf_comparison_sensitivity(c, k);
      json_t *x = json_object();
      put(oom, x, "input", json_string(e->input));
      put(oom, x, "label", json_string(e->label));
      put(oom, x, "value", num(e->value));
      put(oom, x, "unit", json_string(e->unit));
      put(oom, x, "elasticity", num(e->elasticity));
      put(oom, x, "total_minus", num(e->total_minus));
      put(oom, x, "total_plus", num(e->total_plus));
      push(oom, a, x);
    }
    put(oom, s, "inputs", a);
    put(oom, root, "sensitivity", s);
  }
  if (pcf_comparison_draws(c)) {
    json_t *u = json_object(), *a = json_array();
    put(oom, u, "draws", json_integer((json_int_t)pcf_comparison_draws(c)));
    put(oom, u, "seed", json_integer((json_int_t)pcf_comparison_seed(c)));
    put(oom, u, "method", json_string("Monte Carlo with common random numbers (pcf/uncertainty.h)"));
    put(oom, u, "user_inputs", json_integer((json_int_t)pcf_comparison_uncertainty_inputs(c)));
    if (pcf_comparison_pedigree_count(c)) {
      json_t *d = json_object();
      put(oom, d, "method",
          json_string("default uncertainty (ecoinvent basic uncertainty and pedigree matrix, the "
                      "scores from the data-quality ratings; pcf/uncertainty.h)"));
      put(oom, d, "exchanges", json_integer((json_int_t)pcf_comparison_pedigree_count(c)));
      put(oom, u, "default_uncertainty", d);
    }
    if (pcf_comparison_uncertainty_warning(c))
      put(oom, u, "warning", json_string(pcf_comparison_uncertainty_warning(c)));
    for (size_t d = 0; d < pcf_comparison_count(c); d++) {
      const pcf_unc_stats *st = pcf_comparison_uncertainty(c, d);
      json_t *x = json_object();
      put(oom, x, "design", json_string(pcf_comparison_name(c, d)));
      put(oom, x, "mean", num(st->mean));
      put(oom, x, "sd", num(st->sd));
      put(oom, x, "p2_5", num(st->p2_5));
      put(oom, x, "p50", num(st->p50));
      put(oom, x, "p97_5", num(st->p97_5));
      put(oom, x, "p_below_base", num(pcf_comparison_p_below_base(c, d)));
      push(oom, a, x);
    }
    put(oom, u, "designs", a);
    put(oom, root, "uncertainty", u);
  }
  return json_put_write(root, oom_flag, out, JSON_INDENT(2));
}

/* ---- CSV ----------------------------------------------------------------------------------- */

static void field(FILE *out, const char *s) {
  if (!strpbrk(s, ",\"\n\r")) {
    fputs(s, out);
    return;
  }
  fputc('"', out);
  for (; *s; s++) {
    if (*s == '"') fputc('"', out);
    fputc(*s, out);
  }
  fputc('"', out);
}

static void number(FILE *out, double v) {
  fputc(',', out);
  char buf[40];
  if (isfinite(v) && pcf__numfmt_shortest(buf, sizeof buf, v) > 0) fputs(buf, out);
}

static void csv_row(FILE *out, const char *kind, const char *design, const char *item, const char *stage,
                    const double *v, double change, double relative, double elasticity) {
  field(out, kind);
  fputc(',', out);
  field(out, design);
  fputc(',', out);
  field(out, item);
  fputc(',', out);
  field(out, stage);
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++) number(out, v ? v[k] : NAN);
  number(out, change);
  number(out, relative);
  number(out, elasticity);
  fputc('\n', out);
}

int pcf_comparison_write_csv(const pcf_comparison *c, FILE *out) {
  fputs("kind,design,item,stage", out);
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++) fprintf(out, ",%s", pcf_indicator_key(k));
  fputs(",change,relative_change,elasticity\n", out);
  const pcf_result *b = pcf_comparison_result(c, 0);
  double v[PCF_INDICATOR_COUNT];
  for (size_t i = 0; i < pcf_comparison_count(c); i++) {
    const pcf_result *r = pcf_comparison_result(c, i);
    for (int k = 0; k < PCF_INDICATOR_COUNT; k++) v[k] = pcf_result_value(r, k);
    csv_row(out, "total", pcf_comparison_name(c, i), "", "", v, v[0] - pcf_result_value(b, PCF_TOTAL),
            pcf__cmp_relative(v[0], pcf_result_value(b, PCF_TOTAL)), NAN);
    for (int s = 0; s < PCF_STAGE_COUNT; s++) {
      for (int k = 0; k < PCF_INDICATOR_COUNT; k++) v[k] = pcf_result_stage(r, s, k);
      double b_s = pcf_result_stage(b, s, PCF_TOTAL);
      csv_row(out, "stage", pcf_comparison_name(c, i), "", pcf_stage_key(s), v, v[0] - b_s,
              pcf__cmp_relative(v[0], b_s), NAN);
    }
    for (size_t row = 0; row < pcf_comparison_row_count(c); row++) {
      double x[PCF_INDICATOR_COUNT];
      row_values(c, row, i, x);
      double b_l = pcf_comparison_row_value(c, row, 0, PCF_TOTAL);
      if (isnan(x[PCF_TOTAL])) continue;
      csv_row(out, "line", pcf_comparison_name(c, i), pcf_comparison_row_label(c, row),
              pcf_stage_key(pcf_comparison_row_stage(c, row)), x, x[PCF_TOTAL] - (isnan(b_l) ? 0 : b_l),
              pcf__cmp_relative(x[PCF_TOTAL], b_l), NAN);
    }
    for (size_t k = 0; k < pcf_comparison_change_count(c, i); k++) {
      const pcf_change_effect *e = pcf_comparison_change(c, i, k);
      csv_row(out, "step", pcf_comparison_name(c, i), e->change->text, "", e->step, e->step[PCF_TOTAL], NAN, NAN);
      csv_row(out, "alone", pcf_comparison_name(c, i), e->change->text, "", e->alone, e->alone[PCF_TOTAL], NAN, NAN);
    }
  }
  for (size_t k = 0; k < pcf_comparison_sensitivity_count(c); k++)
    csv_row(out, "sensitivity", pcf_comparison_name(c, pcf_comparison_sensitivity_design(c)),
            pcf_comparison_sensitivity(c, k)->input, "", NULL, NAN, NAN, pcf_comparison_sensitivity(c, k)->elasticity);
  /* The Monte Carlo: one row per statistic, its value in the total column. */
  for (size_t d = 0; pcf_comparison_draws(c) && d < pcf_comparison_count(c); d++) {
    const pcf_unc_stats *st = pcf_comparison_uncertainty(c, d);
    const struct {
      const char *name;
      double v;
    } stat[] = {{"mean", st->mean}, {"sd", st->sd},       {"p2_5", st->p2_5},
                {"p50", st->p50},   {"p97_5", st->p97_5}, {"p_below_base", pcf_comparison_p_below_base(c, d)}};
    for (size_t k = 0; k < sizeof stat / sizeof *stat; k++) {
      double x[PCF_INDICATOR_COUNT];
      for (int q = 0; q < PCF_INDICATOR_COUNT; q++) x[q] = q ? NAN : stat[k].v;
      csv_row(out, "uncertainty", pcf_comparison_name(c, d), stat[k].name, "", x, NAN, NAN, NAN);
    }
  }
  return ferror(out) ? PCF_ERR_IO : 0;
}
