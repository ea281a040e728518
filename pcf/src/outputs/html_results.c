/* html_results.c: the results of the study report (ISO 14067:2018, 7.2, GHG values in the CFP
 * study report; 6.4.9: fossil and biogenic emissions and removals, dLUC and aircraft emissions
 * documented separately, the biogenic carbon content): the total and its split, per life-cycle
 * stage and per line, the carbon in the product with its coverage, module D apart, the charts,
 * the top processes and flows, and the figures as exchanged in PACT. */
#include <math.h>
#include <string.h>

#include "html_internal.h"

static void cell(FILE *f, double v) {
  fputs("<td class=\"n\">", f);
  pcf__html_num(f, v, 4);
  fputs("</td>", f);
}

static void split_row(html_ctx *c, const char *name, const char *note, double v, const char *id) {
  FILE *f = c->f;
  fprintf(f, "<tr%s%s%s><td>%s</td>", id ? " id=\"" : "", id ? id : "", id ? "\"" : "", name);
  cell(f, v);
  fputs("<td class=\"n\">", f);
  pcf__html_pct(f, c->total ? v / c->total : 0);
  fprintf(f, "</td><td class=\"note\">%s</td></tr>\n", note);
}

static void totals(html_ctx *c) {
  FILE *f = c->f;
  const pcf_result *r = c->r;
  fputs(
      "<h3 id=\"split\">The footprint and its parts (ISO 14067)</h3>\n<table><tr><th>Quantity</th>"
      "<th class=\"n\">kg CO2e</th><th class=\"n\">of the total</th><th>Note</th></tr>\n",
      f);
  split_row(c, "<b>Carbon footprint (total)</b>", "GHG emissions and removals, all stages", c->total, "r-total");
  split_row(c, "Fossil GHG emissions and removals", "", pcf_result_value(r, PCF_FOSSIL), "r-fossil");
  split_row(c, "Biogenic GHG emissions", "documented separately; biogenic CO2 at +1",
            pcf_result_value(r, PCF_BIOGENIC_EMISSIONS), "r-bio-em");
  split_row(c, "Biogenic GHG removals", "documented separately; biogenic CO2 taken up at -1",
            pcf_result_value(r, PCF_BIOGENIC_REMOVALS), "r-bio-rem");
  split_row(c, "Direct land-use change (dLUC)", "documented separately", pcf_result_value(r, PCF_DLUC), "r-dluc");
  split_row(c, "of which aircraft transport", "included above, named apart", pcf_result_value(r, PCF_AIRCRAFT),
            "r-aircraft");
  split_row(c, "Footprint without biogenic CO2", "biogenic CO2 emissions and removals left out (biogenic CH4 stays)",
            pcf_result_excluding_biogenic_co2(r), "r-excl");
  split_row(c, "Cradle to gate", "raw material acquisition and production", pcf_result_cradle_to_gate(r), "r-gate");
  fputs("</table>\n<p class=\"note\">Biogenic CO2 as masses: ", f);
  pcf__html_num(f, pcf_result_biogenic_co2_kg(r, PCF_CO2_EMITTED), 4);
  fputs(" kg emitted, ", f);
  pcf__html_num(f, pcf_result_biogenic_co2_kg(r, PCF_CO2_TAKEN_UP), 4);
  fputs(" kg taken up. The total is the fossil, biogenic and dLUC parts together.</p>\n", f);
}

static void stages(html_ctx *c) {
  FILE *f = c->f;
  const pcf_result *r = c->r;
  fputs("<h3 id=\"stages\">Per life-cycle stage</h3>\n", f);
  pcf__html_chart_stages(c);
  fputs(
      "<table><tr><th>Stage</th><th class=\"n\">Total</th><th class=\"n\">Fossil</th><th class=\"n\">Biogenic "
      "emissions</th><th class=\"n\">Biogenic removals</th><th class=\"n\">dLUC</th><th class=\"n\">Aircraft</th>"
      "<th class=\"n\">share</th></tr>\n",
      f);
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    fprintf(f, "<tr id=\"stage-%s\"><td><span class=\"sw\" style=\"background:%s\"></span>%s</td>", pcf_stage_key(s),
            pcf__html_stage_colors[s], pcf_stage_title(s));
    for (int k = 0; k < PCF_INDICATOR_COUNT; k++) cell(f, pcf_result_stage(r, s, k));
    fputs("<td class=\"n\">", f);
    pcf__html_pct(f, c->total ? pcf_result_stage(r, s, PCF_TOTAL) / c->total : 0);
    fputs("</td></tr>\n", f);
  }
  fputs("<tr class=\"sum\"><td>Total</td>", f);
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++) cell(f, pcf_result_value(r, k));
  fputs("<td class=\"n\">100.0 %</td></tr>\n</table>\n<p class=\"note\">kg CO2e per declared unit.</p>\n", f);
}

static void lines(html_ctx *c) {
  FILE *f = c->f;
  const pcf_result *r = c->r;
  fputs(
      "<h3 id=\"lines\">Per line</h3>\n<table class=\"small\"><tr><th>Stage</th><th>Line</th><th>Dataset or input"
      "</th><th class=\"n\">Amount</th><th class=\"n\">Total</th><th class=\"n\">Fossil</th><th class=\"n\">Biogenic"
      "</th><th class=\"n\">dLUC</th><th class=\"n\">share</th></tr>\n",
      f);
  for (size_t i = 0; i < pcf_result_line_count(r); i++) {
    const pcf_line *l = pcf_result_line(r, i);
    fputs("<tr><td>", f);
    fprintf(f, "<span class=\"sw\" style=\"background:%s\"></span>", pcf__html_stage_colors[l->stage]);
    pcf__html_text(f, pcf_stage_title(l->stage));
    fputs("</td><td>", f);
    pcf__html_text(f, l->component);
    fputs("</td><td>", f);
    pcf__html_text(f, l->primary ? "supplier PCF" : l->dataset);
    if (l->beyond_boundary) fputs(" <b>(module D: not in the totals)</b>", f);
    fputs("</td><td class=\"n\">", f);
    pcf__html_num(f, l->amount, 4), fputs(" ", f), pcf__html_text(f, l->unit);
    fputs("</td>", f);
    cell(f, l->value[PCF_TOTAL]);
    cell(f, l->value[PCF_FOSSIL]);
    cell(f, l->value[PCF_BIOGENIC_EMISSIONS] + l->value[PCF_BIOGENIC_REMOVALS]);
    cell(f, l->value[PCF_DLUC]);
    fputs("<td class=\"n\">", f);
    if (!l->beyond_boundary) pcf__html_pct(f, c->total ? l->value[PCF_TOTAL] / c->total : 0);
    fputs("</td></tr>\n", f);
  }
  fputs("</table>\n", f);
}

static void carbon(html_ctx *c) {
  FILE *f = c->f;
  const pcf_carbon_content *cc = pcf_result_carbon_content(c->r);
  fputs("<h3 id=\"carbon\">Carbon content of the product</h3>\n<p>", f);
  const char *given = pcf__html_prof(c, "footprint", "biogenic_carbon_content_kg", NULL);
  if (given) {
    fputs("As the profile gives it: ", f);
    pcf__html_text(f, pcf__html_prof(c, "footprint", "fossil_carbon_content_kg", "(fossil not given)"));
    fputs(" kg C fossil, ", f), pcf__html_text(f, given), fputs(" kg C biogenic.", f);
  }
  if (cc->lines) {
    fputs(given ? " From the BOM: " : "Determined by pcf from the bill of materials (packaging not included): ", f);
    fputs("<b id=\"carbon-fossil\">", f), pcf__html_num(f, cc->fossil_kg, 4),
        fputs("</b> kg C fossil and <b id=\"carbon-bio\">", f);
    pcf__html_num(f, cc->biogenic_kg, 4);
    fprintf(f,
            "</b> kg C biogenic per declared unit, each line's mass times the carbon content its dataset declares. "
            "Coverage: %zu of %zu BOM lines declare fossil carbon, %zu biogenic",
            cc->fossil_lines, cc->lines, cc->biogenic_lines);
    if (cc->fossil_lines < cc->lines || cc->biogenic_lines < cc->lines)
      fputs("; the other lines' carbon is unknown, so these are <b>lower bounds</b>", f);
    fputs(". The biogenic carbon corresponds to ", f);
    pcf__html_num(f, 44.0 / 12.0 * cc->biogenic_kg, 4);
    fputs(" kg CO2 taken up from the air.", f);
  } else if (!given) {
    fputs("Not determined: the footprint has no bill of materials.", f);
  }
  fputs("</p>\n", f);
}

static void module_d(html_ctx *c) {
  FILE *f = c->f;
  double d = pcf_result_module_d(c->r, PCF_TOTAL);
  fputs("<h3 id=\"moduled\">Beyond the system boundary (module D)</h3>\n<p>", f);
  if (d == 0)
    return (void)fputs(
        "None: no credit or load lies beyond the boundary under this recycling rule; nothing "
        "is netted into the totals.</p>\n",
        f);
  fputs(
      "Credits and loads beyond the system boundary, reported apart and <b>not</b> in the totals above: <b "
      "id=\"d-total\">",
      f);
  pcf__html_num(f, d, 4);
  fputs("</b> kg CO2e (fossil ", f);
  pcf__html_num(f, pcf_result_module_d(c->r, PCF_FOSSIL), 4);
  fputs(").</p>\n", f);
}

static void contributors(html_ctx *c) {
  FILE *f = c->f;
  const pcf_result *r = c->r;
  fputs("<h3 id=\"hotspots\">Hotspots: the largest lines</h3>\n", f);
  pcf__html_chart_hotspots(c, 12);
  fputs("<h3 id=\"flowchart\">The product: lines by stage</h3>\n", f);
  pcf__html_svg_sankey(c);
  fputs(
      "<h3 id=\"processes\">Top processes and flows of the whole chain</h3>\n<table class=\"small\"><tr><th>Process"
      "</th><th class=\"n\">kg CO2e</th><th class=\"n\">share</th></tr>\n",
      f);
  for (size_t i = 0; i < pcf_result_hotspot_count(r) && i < 8; i++) {
    fputs("<tr><td>", f);
    pcf__html_text(f, pcf_result_hotspot(r, i)->name);
    fputs("</td>", f);
    cell(f, pcf_result_hotspot(r, i)->total);
    fputs("<td class=\"n\">", f), pcf__html_pct(f, c->total ? pcf_result_hotspot(r, i)->total / c->total : 0);
    fputs("</td></tr>\n", f);
  }
  fputs(
      "</table>\n<table class=\"small\"><tr><th>Elementary flow</th><th class=\"n\">kg CO2e</th><th class=\"n\">"
      "share</th></tr>\n",
      f);
  for (size_t i = 0; i < pcf_result_flow_count(r) && i < 8; i++) {
    fputs("<tr><td>", f);
    pcf__html_text(f, pcf_result_flow(r, i)->name);
    fputs("</td>", f);
    cell(f, pcf_result_flow(r, i)->total);
    fputs("<td class=\"n\">", f), pcf__html_pct(f, c->total ? pcf_result_flow(r, i)->total / c->total : 0);
    fputs("</td></tr>\n", f);
  }
  fputs("</table>\n", f);
}

void pcf__html_results(html_ctx *c) {
  FILE *f = c->f;
  fputs("<h2 id=\"results\">12 Results</h2>\n", f);
  totals(c);
  stages(c);
  lines(c);
  carbon(c);
  module_d(c);
  contributors(c);
  if (c->has_v && c->v.declared_unit) {
    fprintf(f, "<p class=\"note\">As exchanged in PACT (%s, per %s): ",
            c->v.cradle_to_grave ? "cradle to grave" : "cradle to gate", c->v.declared_unit);
    pcf__html_num(f, c->v.excluding, 4);
    fputs(" kg CO2e excluding biogenic CO2, ", f);
    pcf__html_num(f, c->v.including, 4);
    fputs(" including it (unitaryProductAmount ", f);
    pcf__html_num(f, c->v.unitary_amount, 4);
    fputs(").</p>\n", f);
  }
}
