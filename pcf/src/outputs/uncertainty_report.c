/* uncertainty_report.c: text and JSON reports of a footprint's uncertainty (pcf/uncertainty.h). */
#include <jansson.h>
#include <math.h>
#include <stdio.h>

#include "json_put.h"
#include "textcol.h"
#include "uncertainty_internal.h"

static const char *row_name(int k) { return k == 0 ? "total" : pcf_stage_key((pcf_stage)(k - 1)); }

/* Nothing was drawn: an sd of 0 then says that nothing moved, not that the footprint is certain. */
static const char nothing_varies[] =
    "nothing here is uncertain: no exchange with a usable distribution was varied and no input of the user's "
    "was given (--inputs FILE), so every draw is the deterministic footprint: sd = 0 means that nothing was "
    "varied, not that the footprint is certain (--pedigree gives the data a default uncertainty from their "
    "data-quality ratings)";

static const char pedigree_means[] =
    "default uncertainty (ecoinvent basic uncertainty and pedigree matrix, the scores from the data-quality "
    "ratings; pcf/uncertainty.h)";

static int nothing_drawn(const pcf_unc_result *mc, const pcf_unc_analytic *an) {
  return (mc && mc->varied == 0) || (!mc && an && an->inputs == 0);
}

static const char gsd2_means[] =
    "GSD2: the geometric standard deviation squared (as ILCD and ecoinvent state uncertainty): a lognormal "
    "total lies between point / GSD2 and point x GSD2 with 95 % probability (the 2.5% and 97.5% columns); "
    "nan where the total is not above 0";

static const char drivers_mean[] =
    "first order: each input's share of the variance of the total, g^2 Var(x) over the sum of them, g "
    "being the slope of the total in the input";

int pcf_unc_write_text(FILE *out, const pcf_unc_model *m, const pcf_unc_result *mc, const pcf_unc_analytic *an) {
  fprintf(out, "Uncertainty of %s (kg CO2e, GWP total)\n", m->name ? m->name : "?");
  fprintf(out, "  uncertain exchanges: %zu; with an unusable distribution: %zu; user inputs: %zu\n", m->n_uncertain,
          m->unusable, m->inputs ? m->inputs->count : 0);
  if (m->constant_lines) fprintf(out, "  lines held constant (no process in the model): %zu\n", m->constant_lines);
  if (m->n_pedigree) {
    char what[300];
    snprintf(what, sizeof what, "%s: %zu exchanges", pedigree_means, m->n_pedigree);
    pcf__textcol_wrap(out, "  ", 4, what, 100);
  }
  if (nothing_drawn(mc, an)) pcf__textcol_wrap(out, "  warning: ", 4, nothing_varies, 100);
  if (mc) {
    fprintf(out, "\nMonte Carlo: %zu iterations, seed %llu, %.3f s (%.0f iterations/s)\n", mc->iterations,
            (unsigned long long)mc->seed, mc->seconds, mc->seconds > 0 ? (double)mc->iterations / mc->seconds : 0);
    fprintf(out, "  %-16s %12s %12s %12s %12s %12s %12s\n", "", "deterministic", "mean", "sd", "2.5%", "median",
            "97.5%");
    for (int k = 0; k < UNC_N; k++) {
      const pcf_unc_stats *s = &mc->stats[k];
      fprintf(out, "  %-16s %12.6g %12.6g %12.6g %12.6g %12.6g %12.6g\n", row_name(k), mc->deterministic[k], s->mean,
              s->sd, s->p2_5, s->p50, s->p97_5);
    }
  }
  if (an) {
    fprintf(out, "\nAnalytic (first order, %zu inputs, %.4f s)\n", an->inputs, an->seconds);
    fprintf(out, "  %-16s %12s %12s %12s %12s %12s %12s\n", "", "point", "mean", "sd", "GSD2", "2.5%", "97.5%");
    for (int k = 0; k < UNC_N; k++)
      fprintf(out, "  %-16s %12.6g %12.6g %12.6g %12.6g %12.6g %12.6g\n", row_name(k), an->deterministic[k],
              an->mean[k], an->sd[k], an->gsd2[k], an->p2_5[k], an->p97_5[k]);
    pcf__textcol_wrap(out, "  ", 4, gsd2_means, 100);
  }
  if (m->n_drivers) {
    fprintf(out, "\nWhat drives the spread of the total\n");
    pcf__textcol_wrap(out, "  ", 2, drivers_mean, 100);
    fprintf(out, "  %8s  %-10s  %s\n", "share", "kind", "input");
    for (size_t i = 0; i < m->n_drivers; i++)
      fprintf(out, "  %7.1f%%  %-10s  %s\n", 100 * m->drivers[i].share, m->drivers[i].user ? "user input" : "exchange",
              m->drivers[i].name);
  }
  return ferror(out) ? PCF_ERR_IO : 0;
}

static json_t *num(double v) { return isfinite(v) ? json_real(v) : json_null(); }

int pcf_unc_write_json(FILE *out, const pcf_unc_model *m, const pcf_unc_result *mc, const pcf_unc_analytic *an) {
  int oom_flag = 0, *oom = &oom_flag;
  json_t *root = json_object();
  put(oom, root, "name", json_string(m->name ? m->name : ""));
  put(oom, root, "unit", json_string("kg CO2e"));
  put(oom, root, "uncertain_exchanges", json_integer((json_int_t)m->n_uncertain));
  put(oom, root, "unusable_distributions", json_integer((json_int_t)m->unusable));
  put(oom, root, "user_inputs", json_integer((json_int_t)(m->inputs ? m->inputs->count : 0)));
  put(oom, root, "constant_lines", json_integer((json_int_t)m->constant_lines));
  if (m->n_pedigree) {
    json_t *d = json_object();
    put(oom, d, "method", json_string(pedigree_means));
    put(oom, d, "exchanges", json_integer((json_int_t)m->n_pedigree));
    put(oom, root, "default_uncertainty", d);
  }
  if (nothing_drawn(mc, an)) {
    json_t *w = json_array();
    push(oom, w, json_string(nothing_varies));
    put(oom, root, "warnings", w);
  }
  if (mc) {
    json_t *o = json_object(), *rows = json_object();
    put(oom, o, "iterations", json_integer((json_int_t)mc->iterations));
    put(oom, o, "seed", json_integer((json_int_t)mc->seed));
    put(oom, o, "seconds", num(mc->seconds));
    put(oom, o, "iterations_per_second", num(mc->seconds > 0 ? (double)mc->iterations / mc->seconds : NAN));
    for (int k = 0; k < UNC_N; k++) {
      const pcf_unc_stats *s = &mc->stats[k];
      json_t *r = json_object();
      put(oom, r, "deterministic", num(mc->deterministic[k]));
      put(oom, r, "mean", num(s->mean));
      put(oom, r, "sd", num(s->sd));
      put(oom, r, "p2_5", num(s->p2_5));
      put(oom, r, "p50", num(s->p50));
      put(oom, r, "p97_5", num(s->p97_5));
      put(oom, rows, row_name(k), r);
    }
    put(oom, o, "results", rows);
    put(oom, root, "monte_carlo", o);
  }
  if (an) {
    json_t *o = json_object(), *rows = json_object();
    put(oom, o, "inputs", json_integer((json_int_t)an->inputs));
    put(oom, o, "gsd2_means", json_string(gsd2_means));
    for (int k = 0; k < UNC_N; k++) {
      json_t *r = json_object();
      put(oom, r, "point", num(an->deterministic[k]));
      put(oom, r, "mean", num(an->mean[k]));
      put(oom, r, "sd", num(an->sd[k]));
      put(oom, r, "gsd2", num(an->gsd2[k]));
      put(oom, r, "p2_5", num(an->p2_5[k]));
      put(oom, r, "p97_5", num(an->p97_5[k]));
      put(oom, rows, row_name(k), r);
    }
    put(oom, o, "results", rows);
    put(oom, root, "analytic", o);
  }
  if (m->n_drivers) {
    json_t *d = json_object(), *list = json_array();
    put(oom, d, "method", json_string(drivers_mean));
    for (size_t i = 0; i < m->n_drivers; i++) {
      json_t *x = json_object();
      put(oom, x, "input", json_string(m->drivers[i].name));
      put(oom, x, "kind", json_string(m->drivers[i].user ? "user input" : "exchange"));
      put(oom, x, "variance", num(m->drivers[i].variance));
      put(oom, x, "share", num(m->drivers[i].share));
      push(oom, list, x);
    }
    put(oom, d, "inputs", list);
    put(oom, root, "spread_drivers", d);
  }
  return json_put_write(root, oom_flag, out, JSON_INDENT(2));
}
