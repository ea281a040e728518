/* compare_html.c: a comparison as one self-contained HTML page (inline CSS and SVG, no script, no
 * network): the ranking, a stacked bar per design by life-cycle stage, a waterfall from the base
 * to each variant through its changes (sequential contributions) or its stages, the elasticities
 * as bars, and the tables behind them. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare_internal.h" /* cmp_relative */
#include "html_internal.h"    /* the stage colours, pcf__html_num */

/* The stage colours are the study report's (html_svg.c): one product reads the same in both. */
#define stage_colour pcf__html_stage_colors

static void esc(FILE *out, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
      case '<': fputs("&lt;", out); break;
      case '>': fputs("&gt;", out); break;
      case '&': fputs("&amp;", out); break;
      case '"': fputs("&quot;", out); break;
      default: fputc(*s, out);
    }
  }
}

/* A table figure: four significant digits, thousands grouped, as in the footprint report (html.c);
 * sign: a change, written with its sign. */
static void num(FILE *out, double v, int sign) {
  if (sign && v > 0) fputc('+', out);
  pcf__html_num(out, v, 4);
}

/* A chart label: significant digits for small values, whole numbers for large ones. */
static const char *label(char *buf, size_t size, double v, int sign) {
  if (fabs(v) >= 1e4)
    snprintf(buf, size, sign ? "%+.0f" : "%.0f", v);
  else
    snprintf(buf, size, sign ? "%+.3g" : "%.4g", v);
  return buf;
}

typedef struct scale {
  double lo, hi, top, height; /* value range → y pixels from top to top + height */
} scale;

static double y_of(const scale *s, double v) { return s->top + (s->hi - v) / (s->hi - s->lo) * s->height; }

static void fit(scale *s, double lo, double hi) {
  if (lo > 0) lo = 0;
  if (hi < 0) hi = 0;
  if (hi - lo <= 0) hi = lo + 1;
  double pad = 0.08 * (hi - lo);
  s->lo = lo < 0 ? lo - pad : 0;
  s->hi = hi + pad;
}

/* Ticks at 1, 2 or 5 × 10^k, about four of them. */
static void axis(FILE *out, const scale *s, double x0, double x1) {
  double raw = (s->hi - s->lo) / 4, mag = pow(10, floor(log10(raw))), step = mag;
  if (raw / mag > 5)
    step = 10 * mag;
  else if (raw / mag > 2)
    step = 5 * mag;
  else if (raw / mag > 1)
    step = 2 * mag;
  fprintf(out, "<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#333'/>\n", x0, x1, y_of(s, 0), y_of(s, 0));
  for (double v = ceil(s->lo / step) * step; v <= s->hi + 1e-9 * step; v += step) {
    char b[64];
    double t = fabs(v) < 1e-9 * step ? 0 : v;
    fprintf(out, "<text x='%.1f' y='%.1f' class='tick'>%s</text>\n", x0 - 4, y_of(s, t) + 4, label(b, sizeof b, t, 0));
    fprintf(out, "<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#ddd'/>\n", x0, x1, y_of(s, t), y_of(s, t));
  }
}

static void stacked(const pcf_comparison *c, FILE *out) {
  double lo = 0, hi = 0, bw = 60, gap = 40, x0 = 70;
  for (size_t i = 0; i < pcf_comparison_count(c); i++) {
    double pos = 0, neg = 0;
    for (int s = 0; s < PCF_STAGE_COUNT; s++) {
      double v = pcf_result_stage(pcf_comparison_result(c, i), s, PCF_TOTAL);
      if (v > 0)
        pos += v;
      else
        neg += v;
    }
    hi = fmax(hi, pos);
    lo = fmin(lo, neg);
  }
  scale sc = {.top = 30, .height = 260};
  fit(&sc, lo, hi);
  double width = x0 + (double)pcf_comparison_count(c) * (bw + gap) + 160;
  fprintf(out,
          "<svg id='stacked' xmlns='http://www.w3.org/2000/svg' width='%.0f' height='340' role='img'>\n"
          "<title>Footprint by life-cycle stage per design</title>\n",
          width);
  axis(out, &sc, x0, x0 + (double)pcf_comparison_count(c) * (bw + gap));
  for (size_t i = 0; i < pcf_comparison_count(c); i++) {
    double x = x0 + gap / 2 + (double)i * (bw + gap), pos = 0, neg = 0;
    for (int s = 0; s < PCF_STAGE_COUNT; s++) {
      double v = pcf_result_stage(pcf_comparison_result(c, i), s, PCF_TOTAL);
      if (v == 0) continue;
      double from = v > 0 ? pos : neg, to = from + v;
      if (v > 0)
        pos = to;
      else
        neg = to;
      fprintf(out, "<rect x='%.1f' y='%.1f' width='%.0f' height='%.2f' fill='%s'><title>", x, y_of(&sc, fmax(from, to)),
              bw, fabs(y_of(&sc, from) - y_of(&sc, to)), stage_colour[s]);
      esc(out, pcf_comparison_name(c, i));
      fprintf(out, ", %s: %.4g kg CO2e</title></rect>\n", pcf_stage_title_lower(s), v);
    }
    double t = pcf_result_value(pcf_comparison_result(c, i), PCF_TOTAL);
    char b[64];
    fprintf(out, "<text x='%.1f' y='%.1f' class='val'>%s</text>\n", x + bw / 2, y_of(&sc, pos) - 5,
            label(b, sizeof b, t, 0));
    fprintf(out, "<text x='%.1f' y='318' class='name'>", x + bw / 2);
    esc(out, pcf_comparison_name(c, i));
    fputs("</text>\n", out);
  }
  double lx = x0 + (double)pcf_comparison_count(c) * (bw + gap) + 15;
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    fprintf(out,
            "<rect x='%.0f' y='%d' width='12' height='12' fill='%s'/><text x='%.0f' y='%d' class='leg'>%s</text>\n", lx,
            40 + 20 * s, stage_colour[s], lx + 18, 51 + 20 * s, pcf_stage_title_lower(s));
  }
  fputs("</svg>\n", out);
}

/* Base → steps → variant: the changes' sequential contributions, else the stages' changes. */
static void waterfall(const pcf_comparison *c, FILE *out, size_t i) {
  size_t n_changes = pcf_comparison_change_count(c, i);
  size_t n = n_changes ? n_changes : PCF_STAGE_COUNT;
  double step[256], bw = 44, gap = 16, x0 = 70;
  if (n > 256) n = 256;
  for (size_t k = 0; k < n; k++)
    step[k] = n_changes ? pcf_comparison_change(c, i, k)->step[PCF_TOTAL]
                        : pcf_result_stage(pcf_comparison_result(c, i), (int)k, PCF_TOTAL) -
                              pcf_result_stage(pcf_comparison_result(c, 0), (int)k, PCF_TOTAL);
  double t0 = pcf_result_value(pcf_comparison_result(c, 0), PCF_TOTAL), run = t0, lo = fmin(0, t0), hi = fmax(0, t0);
  for (size_t k = 0; k < n; k++) {
    run += step[k];
    lo = fmin(lo, run);
    hi = fmax(hi, run);
  }
  scale sc = {.top = 25, .height = 220};
  fit(&sc, lo, hi);
  double width = x0 + (double)(n + 2) * (bw + gap) + 20;
  fprintf(out,
          "<svg class='waterfall' xmlns='http://www.w3.org/2000/svg' width='%.0f' height='290' "
          "role='img'>\n<title>Waterfall from base to ",
          width);
  esc(out, pcf_comparison_name(c, i));
  fputs("</title>\n", out);
  axis(out, &sc, x0, width - 20);
  run = t0;
  for (size_t k = 0; k <= n + 1; k++) {
    double x = x0 + gap / 2 + (double)k * (bw + gap), from, to;
    const char *fill = "#888", *name_of = "";
    char name[32];
    if (k == 0)
      from = 0, to = t0, name_of = "base";
    else if (k == n + 1)
      from = 0, to = pcf_result_value(pcf_comparison_result(c, i), PCF_TOTAL), fill = "#555",
      name_of = pcf_comparison_name(c, i);
    else {
      from = run;
      to = run += step[k - 1];
      fill = step[k - 1] > 0 ? "#d62728" : "#2ca02c";
      if (n_changes)
        snprintf(name, sizeof name, "%zu", k);
      else
        snprintf(name, sizeof name, "%.10s", pcf_stage_title_lower(k - 1));
      name_of = name;
    }
    double h = fabs(y_of(&sc, from) - y_of(&sc, to));
    fprintf(out, "<rect x='%.1f' y='%.1f' width='%.0f' height='%.2f' fill='%s'><title>", x, y_of(&sc, fmax(from, to)),
            bw, h < 0.5 ? 0.5 : h, fill);
    if (k > 0 && k <= n && n_changes)
      esc(out, pcf_comparison_change(c, i, k - 1)->change->text);
    else
      esc(out, name_of);
    fprintf(out, ": %+.6g kg CO2e</title></rect>\n", k == 0 || k == n + 1 ? to : to - from);
    char b[64];
    fprintf(out, "<text x='%.1f' y='%.1f' class='val'>%s</text>\n", x + bw / 2, y_of(&sc, fmax(from, to)) - 4,
            label(b, sizeof b, k == 0 || k == n + 1 ? to : to - from, k > 0 && k <= n));
    fprintf(out, "<text x='%.1f' y='268' class='name'>", x + bw / 2);
    esc(out, name_of);
    fputs("</text>\n", out);
  }
  fputs("</svg>\n", out);
}

/* Elasticities as bars: labels in a left column, bars from zero (centred when some are negative). */
static void tornado(const pcf_comparison *c, FILE *out) {
  double m = 0;
  int neg = 0;
  size_t n = pcf_comparison_sensitivity_count(c) < 20 ? pcf_comparison_sensitivity_count(c) : 20;
  for (size_t k = 0; k < n; k++) {
    m = fmax(m, fabs(pcf_comparison_sensitivity(c, k)->elasticity));
    neg |= pcf_comparison_sensitivity(c, k)->elasticity < 0;
  }
  if (!(m > 0)) m = 1;
  double left = 370, half = neg ? 180 : 300, mid = left + (neg ? half : 0);
  fprintf(out,
          "<svg id='sensitivity' xmlns='http://www.w3.org/2000/svg' width='%.0f' height='%zu' role='img'>\n"
          "<title>Elasticity of the total to each input</title>\n",
          mid + half + 60, 22 * n + 10);
  for (size_t k = 0; k < n; k++) {
    double e = pcf_comparison_sensitivity(c, k)->elasticity, w = isfinite(e) ? fabs(e) / m * half : 0,
           y = 5 + 22.0 * (double)k;
    char name[64];
    snprintf(name, sizeof name, "%.60s", pcf_comparison_sensitivity(c, k)->label);
    fprintf(out, "<text x='4' y='%.0f' class='leg'>", y + 13);
    esc(out, name);
    fprintf(out, "<title>");
    esc(out, pcf_comparison_sensitivity(c, k)->input);
    fprintf(out,
            "</title></text><rect x='%.1f' y='%.0f' width='%.1f' height='16' fill='%s'/>"
            "<text x='%.1f' y='%.0f' class='leg'>%.3f</text>\n",
            e < 0 ? mid - w : mid, y, w, e < 0 ? "#2ca02c" : "#d62728", e < 0 ? mid - w - 40 : mid + w + 4, y + 13, e);
  }
  fprintf(out, "<line x1='%.0f' x2='%.0f' y1='0' y2='%zu' stroke='#333'/>\n</svg>\n", mid, mid, 22 * n + 10);
}

static void tables(const pcf_comparison *c, FILE *out) {
  fputs("<h2>By stage and line, kg CO2e</h2>\n<table><tr><th>stage / line</th>", out);
  for (size_t i = 0; i < pcf_comparison_count(c); i++)
    fputs("<th>", out), esc(out, pcf_comparison_name(c, i)), fputs("</th>", out);
  fputs("</tr>\n", out);
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    fprintf(out, "<tr class='stage'><td>%s</td>", pcf_stage_title_lower(s));
    double b = pcf_result_stage(pcf_comparison_result(c, 0), s, PCF_TOTAL);
    for (size_t i = 0; i < pcf_comparison_count(c); i++) {
      double v = pcf_result_stage(pcf_comparison_result(c, i), s, PCF_TOTAL);
      fputs("<td>", out), num(out, v, 0);
      if (i) fputs(" <small>(", out), num(out, v - b, 1), fputs(")</small>", out);
      fputs("</td>", out);
    }
    fputs("</tr>\n", out);
    for (size_t row = 0; row < pcf_comparison_row_count(c); row++) {
      if (pcf_comparison_row_stage(c, row) != (pcf_stage)s) continue;
      fputs("<tr><td class='line'>", out);
      esc(out, pcf_comparison_row_label(c, row));
      fputs("</td>", out);
      for (size_t i = 0; i < pcf_comparison_count(c); i++) {
        double v = pcf_comparison_row_value(c, row, i, PCF_TOTAL);
        if (isnan(v))
          fputs("<td>-</td>", out);
        else
          fputs("<td>", out), num(out, v, 0), fputs("</td>", out);
      }
      fputs("</tr>\n", out);
    }
  }
  fputs("</table>\n", out);
}

static void changes(const pcf_comparison *c, FILE *out, size_t i) {
  fputs("<table><tr><th>#</th><th>change</th><th>step, kg CO2e</th><th>alone, kg CO2e</th></tr>\n", out);
  for (size_t k = 0; k < pcf_comparison_change_count(c, i); k++) {
    const pcf_change_effect *e = pcf_comparison_change(c, i, k);
    fprintf(out, "<tr><td>%zu</td><td class='l'><code>", k + 1);
    esc(out, e->change->text);
    fputs("</code></td><td>", out), num(out, e->step[PCF_TOTAL], 1), fputs("</td><td>", out);
    if (isnan(e->alone[PCF_TOTAL]))
      fputs("n/a", out);
    else
      num(out, e->alone[PCF_TOTAL], 1);
    fputs("</td></tr>\n", out);
  }
  fputs("</table>\n", out);
}

int pcf_comparison_write_html(const pcf_comparison *c, FILE *out) {
  const pcf_result *b = pcf_comparison_result(c, 0);
  fputs("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>", out);
  esc(out, pcf_result_name(b));
  fputs(
      ": eco-design comparison</title>\n<style>body{font-family:sans-serif;margin:2em;color:#222}"
      "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
      "td:first-child,th:first-child,td.line,td.l{text-align:left}td.line{padding-left:2em}tr.stage{background:#f4f4f4}"
      ".tick{font-size:11px;text-anchor:end}.val{font-size:11px;text-anchor:middle}.name{font-size:12px;"
      "text-anchor:middle}.leg{font-size:12px}.tradeoff{color:#a33}</style></head><body>\n<h1>",
      out);
  esc(out, pcf_result_name(b));
  fputs(": eco-design comparison</h1>\n<p>Declared unit: ", out);
  esc(out, pcf_result_declared_unit(b));
  fputs(". Method: ", out);
  esc(out, pcf_result_method(b));
  fputs(
      " (GWP100). Values in kg CO2e per declared unit.</p>\n<h2>Ranking</h2>\n<table><tr><th>rank</th>"
      "<th>design</th><th>total</th><th>change</th><th>change %</th>",
      out);
  for (int k = 1; k < PCF_INDICATOR_COUNT; k++) fprintf(out, "<th>%s</th>", pcf_indicator_key(k));
  fputs("</tr>\n", out);
  double t0 = pcf_result_value(b, PCF_TOTAL);
  for (size_t r = 0; r < pcf_comparison_count(c); r++) {
    size_t i = pcf_comparison_ranked(c, r);
    const pcf_result *d = pcf_comparison_result(c, i);
    double t = pcf_result_value(d, PCF_TOTAL);
    fprintf(out, "<tr><td>%zu</td><td class='l'>", r + 1);
    esc(out, pcf_comparison_name(c, i));
    fputs("</td><td>", out), num(out, t, 0), fputs("</td>", out);
    if (i == 0)
      fputs("<td></td><td></td>", out);
    else
      fputs("<td>", out), num(out, t - t0, 1), fprintf(out, "</td><td>%+.1f %%</td>", 100 * pcf__cmp_relative(t, t0));
    for (int k = 1; k < PCF_INDICATOR_COUNT; k++)
      fputs("<td>", out), num(out, pcf_result_value(d, k), 0), fputs("</td>", out);
    fputs("</tr>\n", out);
  }
  fputs("</table>\n<h2>By life-cycle stage</h2>\n", out);
  stacked(c, out);
  for (size_t i = 1; i < pcf_comparison_count(c); i++) {
    fputs("<h2>Base to ", out);
    esc(out, pcf_comparison_name(c, i));
    fputs("</h2>\n", out);
    if (pcf_comparison_description(c, i)[0])
      fputs("<p>", out), esc(out, pcf_comparison_description(c, i)), fputs("</p>\n", out);
    waterfall(c, out, i);
    for (size_t k = 0; k < pcf_comparison_tradeoff_count(c, i); k++)
      fputs("<p class='tradeoff'>Trade-off: ", out), esc(out, pcf_comparison_tradeoff(c, i, k)), fputs("</p>\n", out);
    if (pcf_comparison_change_count(c, i)) changes(c, out, i);
  }
  if (pcf_comparison_has_contributions(c) && pcf_comparison_count(c) > 1)
    fputs(
        "<p>Contributions are sequential: the changes are applied one at a time in the order written, so the "
        "steps sum exactly to the variant's change but depend on that order; <em>alone</em> is each change "
        "applied to the base by itself.</p>\n",
        out);
  tables(c, out);
  if (pcf_comparison_has_sensitivity(c) && pcf_comparison_sensitivity_count(c)) {
    fputs("<h2>Sensitivity of ", out);
    esc(out, pcf_comparison_name(c, pcf_comparison_sensitivity_design(c)));
    fprintf(out,
            "</h2>\n<p>Elasticity (&Delta;T/T)/(&Delta;x/x) of the total by a &plusmn;%g %% central difference, "
            "largest first.</p>\n",
            100 * pcf_comparison_sensitivity_step(c));
    tornado(c, out);
  }
  if (pcf_comparison_draws(c)) {
    fprintf(out,
            "<h2>Uncertainty</h2>\n<p>Monte Carlo, %zu draws (seed %llu), with common random numbers: the same "
            "draw of an exchange or input in every design.</p>\n<table><tr><th>design</th><th>mean</th><th>sd</th>"
            "<th>2.5 %%</th><th>97.5 %%</th><th>P(&lt; base)</th></tr>\n",
            pcf_comparison_draws(c), pcf_comparison_seed(c));
    if (pcf_comparison_pedigree_count(c))
      fprintf(out,
              "<tr><td colspan='6' class='l'>Default uncertainty (ecoinvent basic uncertainty and pedigree "
              "matrix, the scores from the data-quality ratings): %zu exchanges</td></tr>\n",
              pcf_comparison_pedigree_count(c));
    if (pcf_comparison_uncertainty_warning(c)) {
      fputs("<tr><td colspan='6' class='l'><strong>Warning:</strong> ", out);
      esc(out, pcf_comparison_uncertainty_warning(c));
      fputs("</td></tr>\n", out);
    }
    for (size_t d = 0; d < pcf_comparison_count(c); d++) {
      const pcf_unc_stats *st = pcf_comparison_uncertainty(c, d);
      fputs("<tr><td class='l'>", out);
      esc(out, pcf_comparison_name(c, d));
      const double figures[] = {st->mean, st->sd, st->p2_5, st->p97_5};
      for (size_t f = 0; f < 4; f++) fputs("</td><td>", out), num(out, figures[f], 0);
      fputs("</td>", out);
      if (d)
        fprintf(out, "<td>%.3f</td></tr>\n", pcf_comparison_p_below_base(c, d));
      else
        fputs("<td></td></tr>\n", out);
    }
    fputs("</table>\n", out);
  }
  fputs("</body></html>\n", out);
  return ferror(out) ? PCF_ERR_IO : 0;
}
