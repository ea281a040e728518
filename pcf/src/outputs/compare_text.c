/* compare_text.c: a comparison as readable tables (pcf compare --format text): ranking with the
 * ISO 14067 split, stages and lines side by side with changes against the base, trade-offs, the
 * contribution of each change, and the sensitivity of the chosen design. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare_internal.h" /* cmp_relative */
#include "textcol.h"

static const char *split_title[PCF_INDICATOR_COUNT] = {"total", "fossil", "biog.em.", "biog.rem.", "dLUC", "aircraft"};

/* Decimals for kg CO2e: four for a product of grams to tonnes of CO2e, fewer for larger ones. */
static int decimals(const pcf_comparison *c) {
  double t = fabs(pcf_result_value(pcf_comparison_result(c, 0), PCF_TOTAL));
  return t >= 1e5 ? 1 : t >= 1e3 ? 2 : 4;
}

static const char *design_name(const void *ctx, size_t i) { return ((const pcf_comparison *)ctx)->d[i].name; }

/* Names are never cut (textcol.h): a column of designs is as wide as its longest name. */
static int design_width(const pcf_comparison *c, size_t n, int min) {
  return pcf__textcol_width(n, design_name, c, min, 1 << 20);
}

/* Each design's column: 12 wide, or as wide as its name. */
static void column_widths(const pcf_comparison *c, size_t n, int *cw) {
  for (size_t i = 0; i < n; i++)
    cw[i] = strlen(pcf_comparison_name(c, i)) > 12 ? (int)strlen(pcf_comparison_name(c, i)) : 12;
}

static void design_header(const pcf_comparison *c, FILE *out, int width, size_t n, const int *cw) {
  fprintf(out, "  %-*s", width, "");
  for (size_t i = 0; i < n; i++) fprintf(out, " %*s", cw[i], pcf_comparison_name(c, i));
  fputc('\n', out);
}

static void value_row(FILE *out, int indent, int width, const char *label, const double *v, size_t n, int delta, int dp,
                      const int *cw) {
  pcf__textcol_name(out, indent, label, width);
  for (size_t i = 0; i < n; i++) {
    if (isnan(v[i]))
      fprintf(out, " %*s", cw[i], "-");
    else if (delta && i == 0)
      fprintf(out, " %*s", cw[i], "");
    else if (delta)
      fprintf(out, " %+*.*f", cw[i], dp, v[i] - v[0]);
    else
      fprintf(out, " %*.*f", cw[i], dp, v[i]);
  }
  fputc('\n', out);
}

static void ranking(const pcf_comparison *c, FILE *out) {
  double t0 = pcf_result_value(pcf_comparison_result(c, 0), PCF_TOTAL);
  int dp = decimals(c);
  fprintf(out, "Designs, lowest footprint first                                  kg CO2e per declared unit\n");
  int w = design_width(c, pcf_comparison_count(c), 18);
  fprintf(out, "  rank  %-*s %12s %12s %8s", w, "design", "total", "change", "change");
  for (int k = 1; k < PCF_INDICATOR_COUNT; k++) fprintf(out, " %12s", split_title[k]);
  fputc('\n', out);
  for (size_t r = 0; r < pcf_comparison_count(c); r++) {
    size_t i = pcf_comparison_ranked(c, r);
    double t = pcf_result_value(pcf_comparison_result(c, i), PCF_TOTAL);
    fprintf(out, "  %4zu  %-*s %12.*f", r + 1, w, pcf_comparison_name(c, i), dp, t);
    if (i == 0)
      fprintf(out, " %12s %8s", "", "");
    else
      fprintf(out, " %+12.*f %+7.1f%%", dp, t - t0, 100 * pcf__cmp_relative(t, t0));
    for (int k = 1; k < PCF_INDICATOR_COUNT; k++)
      fprintf(out, " %12.*f", dp, pcf_result_value(pcf_comparison_result(c, i), k));
    fputc('\n', out);
  }
  for (size_t i = 1; i < pcf_comparison_count(c); i++)
    if (pcf_comparison_description(c, i)[0])
      fprintf(out, "  %s: %s\n", pcf_comparison_name(c, i), pcf_comparison_description(c, i));
}

static void stages_and_lines(const pcf_comparison *c, FILE *out) {
  int dp = decimals(c);
  double v[64]; /* side by side: the first 64 designs (JSON and CSV have them all) */
  size_t n = pcf_comparison_count(c) < 64 ? pcf_comparison_count(c) : 64;
  int cw[64];
  column_widths(c, n, cw);
  for (int pass = 0; pass < 2; pass++) {
    fprintf(out, "\n%s\n", pass ? "Change against the base, kg CO2e" : "By stage and line, kg CO2e");
    design_header(c, out, 44, n, cw);
    for (int s = 0; s < PCF_STAGE_COUNT; s++) {
      for (size_t i = 0; i < n; i++) v[i] = pcf_result_stage(pcf_comparison_result(c, i), s, PCF_TOTAL);
      value_row(out, 2, 44, pcf_stage_title_lower(s), v, n, pass, dp, cw);
      for (size_t row = 0; row < pcf_comparison_row_count(c); row++) {
        if (pcf_comparison_row_stage(c, row) != (pcf_stage)s) continue;
        const char *label = pcf_comparison_row_label(c, row); /* indented under its stage: 4 + 42 = 2 + 44 */
        for (size_t i = 0; i < n; i++) v[i] = pcf_comparison_row_value(c, row, i, PCF_TOTAL);
        if (pass) /* a line a design lacks counts as 0 in the change */
          for (size_t i = 1; i < n; i++) v[i] = isnan(v[i]) ? 0 : v[i];
        if (pass && isnan(v[0])) {
          pcf__textcol_name(out, 4, label, 42);
          fprintf(out, " %*s", cw[0], "");
          for (size_t i = 1; i < n; i++) fprintf(out, " %+*.*f", cw[i], dp, v[i]);
          fputc('\n', out);
        } else {
          value_row(out, 4, 42, label, v, n, pass, dp, cw);
        }
      }
    }
    for (size_t i = 0; i < n; i++) v[i] = pcf_result_value(pcf_comparison_result(c, i), PCF_TOTAL);
    value_row(out, 2, 44, "total", v, n, pass, dp, cw);
  }
  /* materials that differ from the base */
  for (size_t row = 0; row < pcf_comparison_row_count(c); row++)
    for (size_t i = 1; i < pcf_comparison_count(c) && pcf_comparison_row_is_component(c, row); i++) {
      const char *a = pcf_comparison_row_dataset(c, row, 0), *b = pcf_comparison_row_dataset(c, row, i);
      if (a && b && strcmp(a, b) != 0)
        fprintf(out, "  %s: %s is %s (base: %s)\n", pcf_comparison_name(c, i), pcf_comparison_row_label(c, row), b, a);
    }
}

static void changes(const pcf_comparison *c, FILE *out) {
  if (!pcf_comparison_has_contributions(c) || pcf_comparison_count(c) < 2) return;
  fprintf(out,
          "\nContribution of each change, kg CO2e. \"step\" applies the changes one at a time in the written\n"
          "order (base, +1, +1+2, ...): the steps sum exactly to the variant's change, but the split between\n"
          "changes depends on that order (sequential attribution). \"alone\" applies the change to the base by\n"
          "itself; where step and alone differ, changes interact.\n");
  int dp = decimals(c) + 2;
  for (size_t i = 1; i < pcf_comparison_count(c); i++) {
    const char *name = pcf_comparison_name(c, i);
    double sum = 0, sum_alone = 0,
           dt = pcf_result_value(pcf_comparison_result(c, i), PCF_TOTAL) -
                pcf_result_value(pcf_comparison_result(c, 0), PCF_TOTAL);
    fprintf(out, "  %s\n  %14s %14s  %s\n", name, "step", "alone", "change");
    for (size_t k = 0; k < pcf_comparison_change_count(c, i); k++) {
      const pcf_change_effect *e = pcf_comparison_change(c, i, k);
      sum += e->step[PCF_TOTAL];
      sum_alone += e->alone[PCF_TOTAL];
      fprintf(out, "  %+14.*f ", dp, e->step[PCF_TOTAL]);
      if (isnan(e->alone[PCF_TOTAL]))
        fprintf(out, "%14s", "n/a");
      else
        fprintf(out, "%+14.*f", dp, e->alone[PCF_TOTAL]);
      fprintf(out, "  %s%s%s%s\n", e->change->text, strcmp(e->change->variant, name) ? "   (from " : "",
              strcmp(e->change->variant, name) ? e->change->variant : "", strcmp(e->change->variant, name) ? ")" : "");
      if (e->with_next)
        fprintf(out, "  %14s %14s    not valid without the next change (counted there): %s\n", "", "", e->step_error);
      if (e->alone_error) fprintf(out, "  %14s %14s    alone: %s\n", "", "", e->alone_error);
    }
    if (isnan(sum_alone))
      fprintf(out, "  %+14.*f %14s  sum (variant's change %+.*f; interactions n/a: a change cannot stand alone)\n", dp,
              sum, "n/a", dp, dt);
    else
      fprintf(out, "  %+14.*f %+14.*f  sum (variant's change %+.*f; interactions %+.*f)\n", dp, sum, dp, sum_alone, dp,
              dt, dp, sum - sum_alone);
  }
}

static void sensitivity(const pcf_comparison *c, FILE *out) {
  if (!pcf_comparison_has_sensitivity(c)) return;
  fprintf(out,
          "\nSensitivity of the total of %s (%.6g kg CO2e): elasticity (dT/T)/(dx/x) by a +/-%g %% central\n"
          "difference, largest first\n",
          pcf_comparison_name(c, pcf_comparison_sensitivity_design(c)),
          pcf_result_value(pcf_comparison_result(c, pcf_comparison_sensitivity_design(c)), PCF_TOTAL),
          100 * pcf_comparison_sensitivity_step(c));
  fprintf(out, "  %10s  %-52s %12s\n", "elasticity", "input", "value");
  for (size_t k = 0; k < pcf_comparison_sensitivity_count(c); k++) {
    const pcf_sensitivity *s = pcf_comparison_sensitivity(c, k);
    fprintf(out, "  %10.4f", s->elasticity);
    pcf__textcol_name(out, 2, s->label, 52);
    fprintf(out, " %12.6g %s\n", s->value, s->unit);
  }
}

static void uncertainty(const pcf_comparison *c, FILE *out) {
  if (!pcf_comparison_draws(c)) return;
  fprintf(out, "\nUncertainty (Monte Carlo, %zu draws, seed %llu, common random numbers; kg CO2e)\n",
          pcf_comparison_draws(c), pcf_comparison_seed(c));
  int w = design_width(c, pcf_comparison_count(c), 28);
  if (pcf_comparison_pedigree_count(c)) {
    char what[300];
    snprintf(what, sizeof what,
             "default uncertainty (ecoinvent basic uncertainty and pedigree matrix, the scores "
             "from the data-quality ratings; pcf/uncertainty.h): %zu exchanges",
             pcf_comparison_pedigree_count(c));
    pcf__textcol_wrap(out, "  ", 4, what, 100);
  }
  if (pcf_comparison_uncertainty_warning(c))
    pcf__textcol_wrap(out, "  warning: ", 4, pcf_comparison_uncertainty_warning(c), 100);
  fprintf(out, "  %-*s %12s %12s %12s %12s %12s\n", w, "design", "mean", "sd", "2.5%", "97.5%", "P(< base)");
  for (size_t d = 0; d < pcf_comparison_count(c); d++) {
    const pcf_unc_stats *st = pcf_comparison_uncertainty(c, d);
    fprintf(out, "  %-*s %12.6g %12.6g %12.6g %12.6g", w, pcf_comparison_name(c, d), st->mean, st->sd, st->p2_5,
            st->p97_5);
    if (d)
      fprintf(out, " %12.3f\n", pcf_comparison_p_below_base(c, d));
    else
      fprintf(out, " %12s\n", "");
  }
}

int pcf_comparison_write_text(const pcf_comparison *c, FILE *out) {
  const pcf_result *b = pcf_comparison_result(c, 0);
  fprintf(out, "%s: eco-design comparison\nDeclared unit: %s\nMethod: %s (GWP100)\n\n", pcf_result_name(b),
          pcf_result_declared_unit(b), pcf_result_method(b));
  ranking(c, out);
  stages_and_lines(c, out);
  int any = 0;
  for (size_t i = 1; i < pcf_comparison_count(c); i++)
    for (size_t k = 0; k < pcf_comparison_tradeoff_count(c, i); k++) {
      if (!any++) fprintf(out, "\nTrade-offs\n");
      fprintf(out, "  %s: %s\n", pcf_comparison_name(c, i), pcf_comparison_tradeoff(c, i, k));
    }
  changes(c, out);
  sensitivity(c, out);
  uncertainty(c, out);
  return ferror(out) ? PCF_ERR_IO : 0;
}
