/* html_interpret.c: the interpretation of the study report (ISO 14067:2018, 6.6: sensitivity
 * analysis of the significant inputs and an evaluation of uncertainty; 7.3 and Annex A: the
 * limitations of the CFP), the statements only the study's authors can make (6.2 PCR, clause 8
 * critical review, offsets kept out of the CFP, value choices) and a checklist tying each required
 * item to the section that holds it. The limitations are written from what this run found (the
 * footprint's warnings sorted by caveats.c, the stages left out, the carbon content's coverage,
 * the mixed GWP sets, the data quality and the largest stage), not from a template. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html_internal.h"
#include "uncertainty_internal.h"

void pcf__html_sensitivity(html_ctx *c) {
  FILE *f = c->f;
  const pcf_comparison *s = c->x.sensitivity;
  fputs("<h2 id=\"sensitivity\">13 Sensitivity</h2>\n", f);
  size_t n = s ? pcf_comparison_sensitivity_count(s) : 0;
  if (!n) {
    fputs("<p>No sensitivity analysis in this report", f);
    fputs(c->product ? " (pcf footprint computes it for the HTML and PDF reports of a product file; pcf compare "
                       "gives it too).</p>\n"
                     : ": a process footprint has no inputs of its own to vary.</p>\n",
          f);
    return;
  }
  double top = fabs(pcf_comparison_sensitivity(s, 0)->elasticity);
  fputs(
      "<p>Elasticity of the total to each numeric input of the product file: (&#916;T/T)/(&#916;x/x), by a central "
      "difference of &#177;1 % of the input. An elasticity of 0.5 means that 10 % more of the input gives 5 % "
      "more footprint; for an input the total is proportional to, the elasticity is its share of the total. "
      "Largest first.</p>\n<table class=\"small\"><tr><th>Input</th><th class=\"n\">Value</th>"
      "<th class=\"n\">Elasticity</th><th></th><th class=\"n\">Total at &#8722;1 %</th><th class=\"n\">Total at "
      "+1 %</th></tr>\n",
      f);
  for (size_t k = 0; k < n && k < 20; k++) {
    const pcf_sensitivity *e = pcf_comparison_sensitivity(s, k);
    fputs("<tr><td>", f);
    pcf__html_text(f, e->label);
    fputs("</td><td class=\"n\">", f);
    pcf__html_num(f, e->value, -6); /* the input as the product file gives it */
    if (e->unit && *e->unit) fputs(" ", f), pcf__html_text(f, e->unit);
    fputs("</td><td class=\"n\">", f);
    pcf__html_num(f, e->elasticity, 3);
    double w = top > 0 ? 160 * fabs(e->elasticity) / top : 0;
    fprintf(f, "</td><td><span class=\"bar\" style=\"width:%.0fpx;background:%s\"></span></td>", fmax(w, 1),
            e->elasticity < 0 ? "#59a14f" : "#e15759");
    fputs("<td class=\"n\">", f);
    pcf__html_num(f, e->total_minus, 5);
    fputs("</td><td class=\"n\">", f);
    pcf__html_num(f, e->total_plus, 5);
    fputs("</td></tr>\n", f);
  }
  fputs("</table>\n", f);
  if (n > 20) fprintf(f, "<p class=\"note\">%zu smaller elasticities not shown.</p>\n", n - 20);
}

static const char *dist_text(const pcf_dist *d, char *buf, size_t size) {
  char a[40], b[40], x[40];
  pcf__html_fmt(a, sizeof a, d->a, 4), pcf__html_fmt(b, sizeof b, d->b, 4), pcf__html_fmt(x, sizeof x, d->c, 4);
  switch (d->kind) {
    case PCF_DIST_LOGNORMAL: {
      char g[40];
      pcf__html_fmt(g, sizeof g, exp(2 * d->b), 4);
      snprintf(buf, size, "lognormal, median %s, GSD&#178; %s", a, g);
      break;
    }
    case PCF_DIST_NORMAL: snprintf(buf, size, "normal, mean %s, sd %s", a, b); break;
    case PCF_DIST_TRIANGULAR: snprintf(buf, size, "triangular %s, %s, %s", a, b, x); break;
    case PCF_DIST_UNIFORM: snprintf(buf, size, "uniform %s to %s", a, x); break;
    default: snprintf(buf, size, "fixed at %s", a);
  }
  return buf;
}

static const char *row_name(int k) { return k == 0 ? "Total" : pcf_stage_title((pcf_stage)(k - 1)); }

void pcf__html_uncertainty(html_ctx *c) {
  FILE *f = c->f;
  const pcf_unc_result *mc = c->x.monte_carlo;
  const pcf_unc_analytic *an = c->x.analytic;
  const pcf_unc_model *m = c->x.uncertainty;
  fputs("<h2 id=\"uncertainty\">14 Uncertainty</h2>\n", f);
  if (!mc && !an) {
    fputs(
        "<p>No uncertainty analysis was run for this report (pcf footprint --uncertainty N runs a Monte Carlo over the "
        "datasets' declared uncertainties and the user's, --inputs FILE).</p>\n",
        f);
    return;
  }
  if (m) {
    /* --pedigree gave the exchanges without one the ecoinvent default: they are among n_uncertain. */
    fprintf(f, "<p>Propagated: %zu exchanges of the datasets with a declared distribution",
            m->n_uncertain - m->n_pedigree);
    if (m->unusable) fprintf(f, " (%zu more declare one pcf cannot use)", m->unusable);
    if (m->n_pedigree)
      fprintf(f,
              ", %zu more with the default uncertainty of the ecoinvent method (basic uncertainty and pedigree matrix, "
              "GSD&sup2; from the data-quality ratings of section 11; ecoinvent report No. 1, 7.4)",
              m->n_pedigree);
    fprintf(f, ", and %zu input%s of the product file", m->inputs ? m->inputs->count : 0,
            m->inputs && m->inputs->count == 1 ? "" : "s");
    if (c->x.inputs_path) fputs(" given in ", f), pcf__html_text(f, c->x.inputs_path);
    fputs(m->n_pedigree ? ". The default distributions stand for data-quality ratings, not measured spreads.</p>\n"
                        : ". Exchanges without a distribution are held at their values: the spread below is a lower "
                          "bound of the true uncertainty.</p>\n",
          f);
    if (m->inputs && m->inputs->count) {
      fputs("<table class=\"small\" id=\"inputs\"><tr><th>Input of the product file</th><th>Distribution</th></tr>\n",
            f);
      for (size_t i = 0; i < m->inputs->count; i++) {
        const pcf_unc_input *in = &m->inputs->items[i];
        char d[200];
        fputs("<tr><td><code>", f);
        pcf__html_text(f, in->section), fputs(".", f), pcf__html_text(f, in->key);
        fprintf(f, "</code></td><td>%s", dist_text(&in->dist, d, sizeof d));
        if (in->unit[0]) fputs(" ", f), pcf__html_text(f, in->unit);
        fputs("</td></tr>\n", f);
      }
      fputs("</table>\n", f);
    }
  }
  if (mc) {
    fprintf(f,
            "<h3>Monte Carlo</h3>\n<p>%zu draws, seed %llu (the same seed gives the same numbers on any "
            "machine).</p>\n<table class=\"small\" id=\"montecarlo\"><tr><th></th><th class=\"n\">Deterministic</th>"
            "<th class=\"n\">Mean</th><th class=\"n\">sd</th><th class=\"n\">2.5 %%</th><th class=\"n\">Median</th>"
            "<th class=\"n\">97.5 %%</th></tr>\n",
            mc->iterations, (unsigned long long)mc->seed);
    for (int k = 0; k < PCF_STAGE_COUNT + 1; k++) {
      const pcf_unc_stats *s = &mc->stats[k];
      fprintf(f, "<tr><td>%s</td>", row_name(k));
      const double v[] = {mc->deterministic[k], s->mean, s->sd, s->p2_5, s->p50, s->p97_5};
      for (size_t j = 0; j < sizeof v / sizeof *v; j++)
        fputs("<td class=\"n\">", f), pcf__html_num(f, v[j], 4), fputs("</td>", f);
      fputs("</tr>\n", f);
    }
    fputs("</table>\n<p>95 % of the draws of the total lie between ", f);
    pcf__html_num(f, mc->stats[0].p2_5, 4), fputs(" and ", f), pcf__html_num(f, mc->stats[0].p97_5, 4);
    fputs(" kg CO2e.</p>\n", f);
  }
  if (an) {
    fputs(
        "<h3>First-order propagation</h3>\n<table class=\"small\" id=\"analytic\"><tr><th></th><th class=\"n\">Point"
        "</th><th class=\"n\">Mean</th><th class=\"n\">sd</th><th class=\"n\">GSD&#178;</th><th class=\"n\">2.5 %</th>"
        "<th class=\"n\">97.5 %</th></tr>\n",
        f);
    for (int k = 0; k < PCF_STAGE_COUNT + 1; k++) {
      fprintf(f, "<tr><td>%s</td>", row_name(k));
      const double v[] = {an->deterministic[k], an->mean[k], an->sd[k], an->gsd2[k], an->p2_5[k], an->p97_5[k]};
      for (size_t j = 0; j < sizeof v / sizeof *v; j++)
        fputs("<td class=\"n\">", f), pcf__html_num(f, v[j], 4), fputs("</td>", f);
      fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
  }
}

/* One limitation; text is HTML. */
static void item(FILE *f, const char *text) { fprintf(f, "<li>%s</li>\n", text); }

void pcf__html_limitations(html_ctx *c) {
  FILE *f = c->f;
  const pcf_result *r = c->r;
  fputs("<h2 id=\"limitations\">15 Limitations</h2>\n<p>What this run found that limits the result:</p>\n<ul>\n", f);
  /* the largest stage and what it rests on */
  int big = 0;
  for (int s = 1; s < PCF_STAGE_COUNT; s++)
    if (fabs(pcf_result_stage(r, s, PCF_TOTAL)) > fabs(pcf_result_stage(r, big, PCF_TOTAL))) big = s;
  double share = c->total ? pcf_result_stage(r, big, PCF_TOTAL) / c->total : 0;
  if (share > 0.5) {
    fprintf(f, "<li>The %s stage is ", pcf_stage_title_lower(big));
    pcf__html_pct(f, share);
    fputs(" of the total: the result rests on its ", f);
    fputs(big == PCF_STAGE_USE ? "use scenario (section 7: the amounts per use, the uses a year, the years and "
                                 "the grid), which the user of the product decides, not the producer"
          : big == PCF_STAGE_DISTRIBUTION ? "transport legs (section 7)"
          : big == PCF_STAGE_END_OF_LIFE  ? "end-of-life scenario (section 7)"
                                          : "datasets (sections 6 and 10)",
          f);
    if (c->x.sensitivity && pcf_comparison_sensitivity_count(c->x.sensitivity)) {
      const pcf_sensitivity *e = pcf_comparison_sensitivity(c->x.sensitivity, 0);
      fputs("; the most sensitive input is ", f), pcf__html_text(f, e->label), fputs(" (elasticity ", f);
      pcf__html_num(f, e->elasticity, 3), fputs(")", f);
    }
    fputs(".</li>\n", f);
  }
  for (int s = 0; s < PCF_STAGE_COUNT; s++)
    if (c->product && !pcf__html_stage_has_lines(r, s))
      fprintf(f, "<li>%s: no process in the model, so the stage is outside the boundary (section 3).</li>\n",
              pcf_stage_title(s));
  if (pcf_result_primary_share(r) <= 0)
    item(f,
         "No supplier-specific (primary) data: every line rests on generic datasets whose technology, place and "
         "year may differ from the actual supply chain (section 11).");
  for (int k = 0; k < PCF_DQR_COUNT; k++)
    if (c->dq.rating[k] >= 2.5)
      fprintf(f,
              "<li>Poor %s representativeness or quality (aggregate rating %.2f of 3) among the lines above 5 %% of "
              "the total (section 11).</li>\n",
              pcf_dqr_name((pcf_dqr_kind)k), c->dq.rating[k]);
  const pcf_carbon_content *cc = pcf_result_carbon_content(r);
  if (cc->lines && (cc->fossil_lines < cc->lines || cc->biogenic_lines < cc->lines))
    fprintf(f,
            "<li>Carbon content: only %zu (fossil) and %zu (biogenic) of %zu BOM lines have datasets that declare "
            "it: the carbon content of section 12 is a lower bound.</li>\n",
            cc->fossil_lines, cc->biogenic_lines, cc->lines);
  if (!c->x.monte_carlo && !c->x.analytic) item(f, "No uncertainty analysis was run for this report (section 14).");
  if (!pcf__html_prof(c, "footprint", "exempted_emissions_description", NULL))
    item(f,
         "Parts or processes the product file leaves out are not known to pcf; the profile states none "
         "(section 4).");
  item(f,
       "Land-management emissions are not modelled apart; the timing of emissions is not assessed (GWP100 for "
       "all).");
  /* the warnings, by kind, each in full */
  for (int k = 0; k < CAVEAT_COUNT; k++) {
    if (!c->caveats.warnings[k]) continue;
    fprintf(f, "<li><b>%s</b>: %zu %s", pcf__caveat_title((caveat_kind)k), c->caveats.items[k],
            pcf__caveat_phrase((caveat_kind)k, c->caveats.items[k]));
    if (k == CAVEAT_OTHER_GWP && c->caveats.gwp_sets[0])
      fputs(" (", f), pcf__html_text(f, c->caveats.gwp_sets), fputs("; section 9)", f);
    fputs(":\n<ul class=\"note\">\n", f);
    for (size_t i = 0; i < pcf_result_warning_count(r); i++) {
      const char *w = pcf_result_warning(r, i);
      if (pcf__caveat_of(w) != (caveat_kind)k) continue;
      fputs("<li>", f), pcf__html_text(f, w), fputs("</li>\n", f);
    }
    fputs("</ul></li>\n", f);
  }
  if (!c->caveats.total) item(f, "The footprint raised no warning.");
  fputs("</ul>\n", f);
}

void pcf__html_statements(html_ctx *c) {
  FILE *f = c->f;
  fputs("<h2 id=\"statements\">16 Review, offsets and value choices</h2>\n<table class=\"kv\">\n", f);
  pcf__html_row(c, "Critical review (ISO 14067 clause 8)", pcf__html_prof(c, "report", "critical_review", NULL));
  pcf__html_row(c, "Offsets", pcf__html_prof(c, "report", "offsets", NULL));
  fputs(
      "<tr><th>Offsetting in the CFP</th><td>None: pcf counts the product's emissions and removals only; offsets and "
      "purchased credits are never part of the results.</td></tr>\n",
      f);
  fputs(
      "<tr><th>Value choices</th><td>Biogenic CO2 at +1/&#8722;1 (emissions and removals both counted); the recycling "
      "rule of section 5; published CO2e totals of other GWP sets used as they are (section 9); a material without a "
      "dataset of its own valued with a flagged proxy (Limitations).</td></tr>\n",
      f);
  pcf__html_row(c, "Report version", pcf__html_prof(c, "report", "version", NULL));
  fputs("</table>\n", f);
}

void pcf__html_checklist(html_ctx *c) {
  static const char *const rows[][3] = {
      {"Goal, intended application and audience; PCR", "6.3.1, 6.2", "goal"},
      {"Functional or declared unit and reference flow", "6.3.3", "unit"},
      {"System boundary: stages and processes included and excluded", "6.3.4", "boundary"},
      {"Cut-off criteria and what was cut off, with its estimated size", "6.3.4", "cutoff"},
      {"Allocation procedures, the recycling and end-of-life rule and its parameters", "6.4.6", "allocation"},
      {"Data: bill of materials, datasets, sources, years, places, primary or secondary", "6.3.5, 6.4", "bom"},
      {"Use stage and use profile; end-of-life scenario; transport", "6.3.7, 6.3.8", "scenarios"},
      {"Treatment of electricity", "6.4.9.4", "electricity"},
      {"GHGs, characterisation factors, GWP time horizon, other sets used", "6.5", "gwp"},
      {"Time boundary of the data and data sources", "6.3.6", "sources"},
      {"Data quality", "6.3.5", "quality"},
      {"Results: total, fossil, biogenic emissions and removals, dLUC, aircraft, per stage", "7.2, 6.4.9", "results"},
      {"Biogenic carbon content of the product", "7.2, 6.4.9.2", "carbon"},
      {"Sensitivity analysis", "6.6", "sensitivity"},
      {"Uncertainty", "6.6", "uncertainty"},
      {"Limitations of the CFP", "6.6, Annex A", "limitations"},
      {"Critical review status, offsets, value choices", "8, 7.3", "statements"},
      {"Report date and version, company, software and data versions", "7.1", "title"}};
  FILE *f = c->f;
  fputs(
      "<h2 id=\"checklist\">17 ISO 14067 checklist</h2>\n<p class=\"note\">Where each item the CFP study report "
      "states (ISO 14067:2018 clause 7) is found; clause numbers of ISO 14067:2018.</p>\n<table class=\"small\">"
      "<tr><th>Item</th><th>Clause</th><th>Section</th></tr>\n",
      f);
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
    fprintf(f, "<tr><td>%s</td><td>%s</td><td><a href=\"#%s\">%s</a></td></tr>\n", rows[i][0], rows[i][1], rows[i][2],
            rows[i][2]);
  fputs("</table>\n", f);
}
