/* compare_sensitivity.c: elasticity of a design's total to each numeric input (ISO 14067:2018,
 * 6.6: sensitivity analysis of the significant inputs): E = (ΔT/T)/(Δx/x), by a central difference
 * T(x(1+h)) - T(x(1-h)) over 2hT, each perturbation applied through the same override mechanism
 * as a variant. Inputs: each BOM line's mass (bom.<path>.scale, which also moves the distribution
 * and end-of-life masses that follow from it), and every number-led value of the manufacturing,
 * packaging, distribution, use and end-of-life sections and service_life_years. For an input the
 * total is linear in, E is that input's share of the total, exactly. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_internal.h"
#include "variant_internal.h"

int pcf__compare_sensitivity(pcf_comparison *c, const pcf_data *data, pcf_error *err);
int pcf__compare_footprint(pcf_comparison *c, const pcf_data *data, size_t variant, size_t n, const pcf_override *extra,
                           size_t n_extra, pcf_result **out, pcf_error *err);
char *pcf__compare_keep(pcf_comparison *c, const char *s);

typedef struct input {
  pcf_override minus, plus;
  const char *name, *label, *unit;
  double value;
  double h; /* relative step; 0 = the comparison's */
} input;

static int push(input **v, size_t *n, const input *x) {
  input *y = realloc(*v, (*n + 1) * sizeof *y);
  if (!y) return -1;
  *v = y;
  y[(*n)++] = *x;
  return 0;
}

/* "0.30 kWh per use" → 0.30 and " kWh per use"; false when the value does not start with a
 * positive number. */
static bool leading_number(const char *value, double *x, const char **rest) {
  char *end;
  double v = strtod(value, &end);
  if (end == value || !isfinite(v) || !(v > 0)) return false;
  *x = v;
  *rest = end;
  return true;
}

static int bom_inputs(pcf_comparison *c, const pcf_product *p, input **v, size_t *n) {
  char buf[600], ref[400];
  for (size_t i = 0; i < pcf_product_item_count(p); i++) {
    const pcf_item *it = pcf_product_item(p, i);
    if (it->stage != PCF_STAGE_RAW_MATERIALS || !it->quantity_unit) continue; /* BOM leaves only */
    /* named as a variant names it (pcf_product_part_ref), so that an input can be copied into one */
    if (!pcf_product_part_ref(p, i, ref, sizeof ref)) snprintf(ref, sizeof ref, "%s", it->component);
    /* the scale moves mass and quantity together: shown as the line's mass when it has one */
    input x = {.value = isnan(it->mass_kg) ? 1 : it->mass_kg, .unit = isnan(it->mass_kg) ? "" : "kg"};
    snprintf(buf, sizeof buf, "%s.scale", ref);
    x.minus.section = x.plus.section = "bom";
    x.minus.key = x.plus.key = pcf__compare_keep(c, buf);
    snprintf(buf, sizeof buf, "%.17g", 1 - c->step);
    x.minus.value = pcf__compare_keep(c, buf);
    snprintf(buf, sizeof buf, "%.17g", 1 + c->step);
    x.plus.value = pcf__compare_keep(c, buf);
    snprintf(buf, sizeof buf, "bom.%s.scale", ref);
    x.name = pcf__compare_keep(c, buf);
    snprintf(buf, sizeof buf, "mass of %s (%s)", ref, it->dataset);
    x.label = pcf__compare_keep(c, buf);
    if (!x.minus.key || !x.minus.value || !x.plus.value || !x.name || !x.label) return -1;
    bool dup = false;
    for (size_t k = 0; k < *n && !dup; k++) dup = strcmp((*v)[k].name, x.name) == 0;
    if (!dup && push(v, n, &x)) return -1;
    if (dup || isnan(it->recycled_content) || !(it->recycled_content > 0)) continue;
    /* recycled content, kept within 0..1 */
    double r = it->recycled_content, h = fmin(c->step, (1 - r) / r);
    if (!(h > 0)) continue;
    input y = {.value = r, .unit = "fraction", .h = h};
    snprintf(buf, sizeof buf, "%s.recycled_content", ref);
    y.minus.section = y.plus.section = "bom";
    y.minus.key = y.plus.key = pcf__compare_keep(c, buf);
    snprintf(buf, sizeof buf, "%.17g", r * (1 - h));
    y.minus.value = pcf__compare_keep(c, buf);
    snprintf(buf, sizeof buf, "%.17g", r * (1 + h));
    y.plus.value = pcf__compare_keep(c, buf);
    snprintf(buf, sizeof buf, "bom.%s.recycled_content", ref);
    y.name = pcf__compare_keep(c, buf);
    snprintf(buf, sizeof buf, "recycled content of %s (%s)", ref, it->dataset);
    y.label = pcf__compare_keep(c, buf);
    if (!y.minus.key || !y.minus.value || !y.plus.value || !y.name || !y.label || push(v, n, &y)) return -1;
  }
  return 0;
}

static int ini_inputs(pcf_comparison *c, size_t variant, input **v, size_t *n) {
  variant_value *vals;
  size_t nv;
  if (pcf__variant_values(c->set, variant, &vals, &nv)) return -1;
  char buf[600];
  int rc = 0;
  for (size_t i = 0; i < nv && !rc; i++) {
    const variant_value *val = &vals[i];
    bool product = strcmp(val->section, "product") == 0;
    if (product && strcmp(val->key, "service_life_years") != 0) continue;
    if (strncmp(val->section, "material ", 9) == 0) continue; /* rule parameters, not inputs */
    double x0;
    const char *rest;
    if (!leading_number(val->value, &x0, &rest)) continue; /* shares, names */
    input x = {.value = x0};
    x.minus.section = x.plus.section = val->section;
    x.minus.key = x.plus.key = val->key;
    snprintf(buf, sizeof buf, "%.17g%s", x0 * (1 - c->step), rest);
    x.minus.value = pcf__compare_keep(c, buf);
    snprintf(buf, sizeof buf, "%.17g%s", x0 * (1 + c->step), rest);
    x.plus.value = pcf__compare_keep(c, buf);
    snprintf(buf, sizeof buf, "%s.%s", val->section, val->key);
    x.name = pcf__compare_keep(c, buf);
    bool km = strcmp(rest, " km") == 0;
    if (product)
      snprintf(buf, sizeof buf, "service life");
    else
      snprintf(buf, sizeof buf, "%s %s: %s", val->section, km ? "distance" : "amount", val->key);
    x.label = pcf__compare_keep(c, buf);
    while (*rest == ' ') rest++;
    x.unit = pcf__compare_keep(c, product ? "years" : rest);
    if (!x.minus.value || !x.plus.value || !x.name || !x.label || !x.unit || push(v, n, &x)) rc = -1;
  }
  free(vals);
  return rc;
}

int pcf__compare_sensitivity(pcf_comparison *c, const pcf_data *data, pcf_error *err) {
  const cmp_design *d = &c->d[c->sens_design];
  pcf_product *p = NULL;
  input *in = NULL;
  size_t n = 0;
  int rc = pcf_variant_set_product(&p, c->set, d->variant, (size_t)-1, NULL, 0, err);
  if (!rc && (bom_inputs(c, p, &in, &n) || ini_inputs(c, d->variant, &in, &n))) rc = pcf_error_nomem(err);
  pcf_product_free(p);
  if (!rc && !(c->sens = calloc(n ? n : 1, sizeof *c->sens))) rc = pcf_error_nomem(err);
  double t = pcf_result_value(d->result, PCF_TOTAL);
  for (size_t i = 0; i < n && !rc; i++) {
    pcf_result *lo = NULL, *hi = NULL;
    rc = pcf__compare_footprint(c, data, d->variant, (size_t)-1, &in[i].minus, 1, &lo, err);
    if (!rc) rc = pcf__compare_footprint(c, data, d->variant, (size_t)-1, &in[i].plus, 1, &hi, err);
    if (!rc) {
      pcf_sensitivity *s = &c->sens[c->n_sens++];
      s->input = in[i].name;
      s->label = in[i].label;
      s->value = in[i].value;
      s->unit = in[i].unit;
      s->total_minus = pcf_result_value(lo, PCF_TOTAL);
      s->total_plus = pcf_result_value(hi, PCF_TOTAL);
      double h = in[i].h > 0 ? in[i].h : c->step;
      s->elasticity = t != 0 ? (s->total_plus - s->total_minus) / (2 * h * t) : NAN;
    }
    pcf_result_free(lo);
    pcf_result_free(hi);
  }
  free(in);
  /* largest |elasticity| first; stable, so ties keep the file's order */
  for (size_t i = 1; i < c->n_sens; i++)
    for (size_t j = i; j > 0 && fabs(c->sens[j].elasticity) > fabs(c->sens[j - 1].elasticity); j--) {
      pcf_sensitivity x = c->sens[j];
      c->sens[j] = c->sens[j - 1];
      c->sens[j - 1] = x;
    }
  return rc;
}
