/* html_sources.c: the GWP method and the sets actually used (ISO 14067:2018, 6.5, impact
 * assessment: GWP100 of the latest IPCC report; 7.3 asks for the characterisation factors used),
 * the data sources with their years (6.3.5, 6.3.6) and the data quality of each line (6.3.5), with
 * the rating rules written out so that a verifier can follow them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html_internal.h"

void pcf__html_gwp(html_ctx *c) {
  FILE *f = c->f;
  const pcf_result *r = c->r;
  fputs("<h2 id=\"gwp\">9 GWP method and sets</h2>\n<table class=\"kv\">\n", f);
  char buf[400];
  snprintf(buf, sizeof buf, "%s: global warming potentials over 100 years (GWP100) of IPCC %s%s", pcf_result_method(r),
           c->v.report ? c->v.report : "(report not known)",
           c->v.report && !strcmp(c->v.report, "AR6") ? " (Working Group I, 2021), as the EF 3.1 climate-change method "
                                                        "gives them"
                                                      : "");
  pcf__html_row(c, "Method", buf);
  pcf__html_row(c, "Time horizon",
                "100 years; no climate-carbon feedback beyond the method's own factors, no weighting of "
                "delayed emissions");
  pcf__html_row(c, "Biogenic carbon",
                "Biogenic CO2 counted at +1 when emitted and -1 when taken up (ISO 14067), reported "
                "apart in the results; biogenic methane at its own GWP");
  fputs("</table>\n", f);
  /* the processes of the chain that publish only a total under another set, with their share */
  double other_sum = 0;
  size_t n_other = 0;
  for (size_t i = 0; c->system && i < pcf_result_hotspot_count(r); i++) {
    const pcf_contribution *h = pcf_result_hotspot(r, i);
    ilcd_uuid u;
    const ilcd_process *p = c->db && !ilcd_uuid_parse(&u, h->uuid) ? ilcd_db_process(c->db, &u) : NULL;
    char set[200];
    int other = 0;
    pcf__html_gwp_set(c, p, set, sizeof set, &other);
    if (!other) continue;
    if (!n_other++)
      fputs(
          "<p><b>Lines under another GWP set.</b> These processes publish only a CO2e total computed with another "
          "set of GWP factors; pcf uses it as it is, since the gases behind it are not given:</p>\n"
          "<table class=\"small\"><tr><th>Process</th><th>GWP set of its total</th><th class=\"n\">kg CO2e</th>"
          "<th class=\"n\">share</th></tr>\n",
          f);
    fputs("<tr><td>", f);
    pcf__html_text(f, h->name);
    fputs("</td><td>", f);
    pcf__html_text(f, set);
    fputs("</td><td class=\"n\">", f);
    pcf__html_num(f, h->total, 4);
    fputs("</td><td class=\"n\">", f);
    pcf__html_pct(f, c->total ? h->total / c->total : 0);
    fputs("</td></tr>\n", f);
    other_sum += h->total;
  }
  if (n_other) {
    fputs("</table>\n<p>Mixed GWP sets: ", f);
    pcf__html_num(f, other_sum, 4);
    fputs(" kg CO2e, ", f);
    pcf__html_pct(f, c->total ? other_sum / c->total : 0);
    fputs(" of the total, is characterised with ", f);
    pcf__html_text(f, c->caveats.gwp_sets[0] ? c->caveats.gwp_sets : "another set");
    fputs("; the rest with the method above.</p>\n", f);
  } else if (c->system) {
    fputs("<p>Every process of the chain is characterised with the method above: no other GWP set is mixed in.</p>\n",
          f);
  } else if (c->caveats.warnings[CAVEAT_OTHER_GWP]) {
    fprintf(f, "<p>%zu processes publish only a CO2e total for another GWP set (%s); pcf uses them as they are.</p>\n",
            c->caveats.items[CAVEAT_OTHER_GWP], c->caveats.gwp_sets);
  }
}

void pcf__html_sources(html_ctx *c) {
  FILE *f = c->f;
  const pcf_result *r = c->r;
  fputs(
      "<h2 id=\"sources\">10 Data sources</h2>\n<table class=\"small\"><tr><th>Source</th><th>Datasets used</th>"
      "<th class=\"n\">Years</th><th class=\"n\">kg CO2e</th><th class=\"n\">share</th></tr>\n",
      f);
  size_t n = pcf_result_line_count(r);
  char(*names)[300] = calloc(n ? n : 1, sizeof *names);
  if (!names) return (void)(c->oom = 1);
  /* the first source each dataset cites, one row per source */
  for (size_t i = 0; i < n; i++) {
    const pcf_line *l = pcf_result_line(r, i);
    const ilcd_process *p = pcf__html_process(c, l);
    char all[300];
    pcf__html_sources_of(c, p, all, sizeof all);
    char *semi = strstr(all, "; ");
    if (semi) *semi = 0;
    const char *name = l->primary         ? "Supplier-specific footprints (primary data)"
                       : l->factor_source ? l->factor_source /* an own secondary factor */
                       : *all             ? all
                                          : "(no source recorded)";
    memcpy(names[i], name, strlen(name) < sizeof names[i] ? strlen(name) + 1 : sizeof names[i]);
    names[i][sizeof names[i] - 1] = 0;
  }
  for (size_t i = 0; i < n; i++) {
    int seen = 0;
    for (size_t j = 0; j < i && !seen; j++) seen = !strcmp(names[i], names[j]);
    if (seen) continue;
    size_t datasets = 0;
    int lo = 0, hi = 0;
    double v = 0;
    for (size_t j = i; j < n; j++) {
      if (strcmp(names[i], names[j])) continue;
      const pcf_line *l = pcf_result_line(r, j);
      const ilcd_process *p = pcf__html_process(c, l);
      int dup = 0;
      for (size_t k = i; k < j && !dup; k++)
        dup = !strcmp(names[i], names[k]) && pcf__html_process(c, pcf_result_line(r, k)) == p;
      datasets += !dup;
      if (p && p->reference_year)
        lo = lo && lo < p->reference_year ? lo : p->reference_year,
        hi = hi > p->reference_year ? hi : p->reference_year;
      if (!l->beyond_boundary) v += l->value[PCF_TOTAL]; /* module D is not in the total */
    }
    fputs("<tr><td>", f);
    pcf__html_text(f, names[i]);
    fprintf(f, "</td><td>%zu</td><td class=\"n\">", datasets);
    if (lo && lo != hi)
      fprintf(f, "%d&#8211;%d", lo, hi);
    else if (lo)
      fprintf(f, "%d", lo);
    else
      fputs("&#8211;", f);
    fputs("</td><td class=\"n\">", f);
    pcf__html_num(f, v, 4);
    fputs("</td><td class=\"n\">", f);
    pcf__html_pct(f, c->total ? v / c->total : 0);
    fputs("</td></tr>\n", f);
  }
  free(names);
  fputs(
      "</table>\n<p class=\"note\">Shares are of the total by the line each dataset values (its whole supply "
      "chain); the sources' own inputs are in their datasets.</p>\n",
      f);
}

void pcf__html_quality(html_ctx *c) {
  FILE *f = c->f;
  const pcf_result *r = c->r;
  size_t n = pcf_result_line_count(r);
  fputs("<h2 id=\"quality\">11 Data quality</h2>\n<p>Primary (supplier-specific) data share: <b>", f);
  pcf__html_pct(f, pcf_result_primary_share(r));
  fprintf(f,
          "</b> of the footprint. Ratings per line on the PACT scale 1 (good) to 3 (poor), for data year %d; "
          "aggregated as the contribution-weighted mean over the lines above 5 %% of the footprint (they cover ",
          c->year);
  pcf__html_pct(f, c->dq.coverage_percent / 100);
  fputs(
      ").</p>\n<table class=\"small\"><tr><th>Line</th><th>Data</th><th class=\"n\">Year</th><th>Place</th>"
      "<th class=\"n\">TeR</th><th class=\"n\">TiR</th><th class=\"n\">GeR</th><th class=\"n\">C</th>"
      "<th class=\"n\">R</th><th>Basis</th></tr>\n",
      f);
  for (size_t i = 0; i < n; i++) {
    const pcf_line *l = pcf_result_line(r, i);
    fputs("<tr><td>", f);
    pcf__html_text(f, l->component);
    fputs("</td><td>", f);
    pcf__html_text(f, l->primary ? "supplier PCF" : l->process && *l->process ? l->process : l->dataset);
    fputs("</td><td class=\"n\">", f);
    if (c->dqr[i].reference_year)
      fprintf(f, "%d", c->dqr[i].reference_year);
    else
      fputs("&#8211;", f);
    fputs("</td><td>", f);
    pcf__html_text(f, c->dqr[i].location);
    for (int k = 0; k < PCF_DQR_COUNT; k++) fprintf(f, "</td><td class=\"n\">%.0f", c->dqr[i].rating[k]);
    fputs("</td><td class=\"note\">", f);
    pcf__html_text(f, c->dqr[i].why);
    fputs("</td></tr>\n", f);
  }
  fputs("<tr class=\"sum\"><td>Aggregate</td><td></td><td></td><td></td>", f);
  for (int k = 0; k < PCF_DQR_COUNT; k++) fprintf(f, "<td class=\"n\">%.2f</td>", c->dq.rating[k]);
  fputs(
      "<td></td></tr></table>\n<p class=\"note\">TeR technological, TiR temporal, GeR geographical "
      "representativeness, C completeness, R reliability. Rules, unless the profile's [dqr] section rates a line: "
      "primary data 1, 1, 1, 1 and reliability 2 (declared by the supplier, its verification unknown); a dataset "
      "technological 2 (generic technology), temporal 1 when its year is within 3 years of the data year, 2 within "
      "6, else 3, geographical 1 for the production country, 2 for a region or the world, 3 for another country, "
      "completeness 2, reliability 2 with a cited source and 3 without; a proxy dataset (another material stands "
      "in) technological and completeness 3; an own secondary factor the ratings its factor quality gives, else "
      "technological 2, temporal and geographical 3 (its year and place unknown), completeness and reliability "
      "2.</p>\n",
      f);
}
