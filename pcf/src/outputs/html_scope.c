/* html_scope.c: goal and scope of the study report (ISO 14067:2018, 6.3: goal 6.3.1, scope 6.3.2,
 * functional or declared unit 6.3.3, system boundary 6.3.4, time boundary 6.3.6; PCR 6.2) and its
 * allocation procedures (6.4.6), with the recycling rule and its parameters (pcf/eol.h). What the
 * user decides (goal, application, audience, PCR) comes from the profile's [report] section and is
 * marked "not stated" when missing; everything else is the run's own. */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "html_internal.h"

void pcf__html_goal(html_ctx *c) {
  FILE *f = c->f;
  fputs("<h2 id=\"goal\">1 Goal and scope</h2>\n<table class=\"kv\">\n", f);
  pcf__html_row(c, "Goal", pcf__html_prof(c, "report", "goal", NULL));
  pcf__html_row(c, "Intended application", pcf__html_prof(c, "report", "intended_application", NULL));
  pcf__html_row(c, "Intended audience", pcf__html_prof(c, "report", "audience", NULL));
  pcf__html_row(
      c, "Comparative assertion",
      pcf__html_prof(c, "report", "comparative_assertion",
                     "None: the study is not meant to support a comparative assertion disclosed to the public "
                     "(ISO 14067 Annex B would then apply)"));
  const char *pcr = pcf__html_prof(c, "report", "pcr", NULL);
  pcf__html_row(c, "Product category rules (PCR)", pcr && strcasecmp(pcr, "none") == 0 ? "None used" : pcr);
  pcf__html_row(c, "Product", pcf_result_name(c->r));
  if (c->product) {
    const char *id = pcf_product_id(c->product);
    if (id && *id) pcf__html_row(c, "Product id", id);
    if (pcf_product_description(c->product)) pcf__html_row(c, "Description", pcf_product_description(c->product));
    if (pcf_product_cpc(c->product)) pcf__html_row(c, "UN CPC code", pcf_product_cpc(c->product));
  }
  const char *start = pcf__html_prof(c, "footprint", "reference_period_start", NULL),
             *end = pcf__html_prof(c, "footprint", "reference_period_end", NULL);
  char buf[256];
  if (start && end)
    snprintf(buf, sizeof buf, "%.10s to %.10s (the activity data; the datasets' own years are in section 10)", start,
             end);
  pcf__html_row(c, "Time boundary (reference period)", start && end ? buf : NULL);
  const char *geo = pcf__html_prof(c, "footprint", "geography_country",
                                   pcf__html_prof(c, "footprint", "geography_region",
                                                  pcf__html_prof(c, "footprint", "geography_subdivision", NULL)));
  pcf__html_row(c, "Geography of production", geo);
  fputs("</table>\n", f);
}

void pcf__html_unit(html_ctx *c) {
  FILE *f = c->f;
  fputs("<h2 id=\"unit\">2 Declared unit and reference flow</h2>\n<table class=\"kv\">\n", f);
  pcf__html_row(c, "Declared unit", pcf_result_declared_unit(c->r));
  char buf[512];
  if (c->product) {
    size_t leaves = 0;
    for (size_t i = 0; i < pcf_product_item_count(c->product); i++) leaves += pcf_product_item(c->product, i)->bom_leaf;
    char m[64], p[64];
    pcf__html_fmt(m, sizeof m, pcf_product_mass_kg(c->product), 4);
    pcf__html_fmt(p, sizeof p, pcf_product_packaging_kg(c->product), 4);
    snprintf(buf, sizeof buf, "%s of %s: %s kg of product (%zu BOM lines with a mass) and %s kg of packaging",
             pcf_result_declared_unit(c->r), pcf_result_name(c->r), m, leaves, p);
    pcf__html_row(c, "Reference flow", buf);
    double life = pcf_product_service_life_years(c->product), years = pcf_product_use_years(c->product);
    double uses = pcf_product_uses_per_year(c->product);
    if (isfinite(life) || isfinite(years)) {
      char a[64], b[64];
      pcf__html_fmt(a, sizeof a, isfinite(years) ? years : life, -6);
      if (isfinite(uses))
        pcf__html_fmt(b, sizeof b, uses, -6), snprintf(buf, sizeof buf, "%s years, %s uses a year", a, b);
      else
        snprintf(buf, sizeof buf, "%s years", a);
      pcf__html_row(c, "Service life (use profile)", buf);
    }
    fputs("<tr><th>Functional unit</th><td>", f);
    if (pcf__html_stage_has_lines(c->r, PCF_STAGE_USE))
      fputs(
          "The results are per declared unit; the use stage follows the use profile above, so the declared unit "
          "also stands for that service (section 7).",
          f);
    else
      fputs(
          "Not defined: without a use stage the results are per declared unit of product (a partial CFP when the "
          "boundary is cradle to gate).",
          f);
    fputs("</td></tr>\n", f);
  } else {
    pcf__html_row(c, "Reference flow", "one reference unit of the process's reference flow (cradle to gate)");
  }
  fputs("</table>\n", f);
}

void pcf__html_boundary(html_ctx *c) {
  FILE *f = c->f;
  const pcf_result *r = c->r;
  int grave =
      c->product && pcf__html_stage_has_lines(r, PCF_STAGE_USE) && pcf__html_stage_has_lines(r, PCF_STAGE_END_OF_LIFE);
  fprintf(f,
          "<h2 id=\"boundary\">3 System boundary</h2>\n<p>%s The life-cycle stages of ISO 14067 and what each holds "
          "in this run (every line is a BOM part or an input of the scenario, valued with its dataset's whole "
          "supply chain):</p>\n<table><tr><th>Stage</th><th>Included processes</th><th class=\"n\">kg CO2e</th>"
          "<th class=\"n\">share</th></tr>\n",
          !c->product ? "Cradle to gate: one process's reference product."
          : grave     ? "Cradle to grave: from raw material acquisition to end of life."
                  : "Not every stage holds a process: the stages without one are outside the boundary, as the table "
                    "says (a partial CFP).");
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    fprintf(f, "<tr><td><span class=\"sw\" style=\"background:%s\"></span>%s</td><td>", pcf__html_stage_colors[s],
            pcf_stage_title(s));
    size_t n = 0;
    for (size_t i = 0; i < pcf_result_line_count(r); i++) {
      const pcf_line *l = pcf_result_line(r, i);
      if (l->stage != (pcf_stage)s) continue;
      if (n++ >= 12) continue;
      fputs(n > 1 ? "; " : "", f);
      pcf__html_text(f, l->component);
      fputs(" (", f);
      pcf__html_text(f, l->primary ? "supplier PCF" : l->dataset);
      fputs(")", f);
    }
    if (n > 12) fprintf(f, "; and %zu more (section 12)", n - 12);
    if (!n)
      fputs(s == PCF_STAGE_USE ? "<b>Excluded</b>: the product file gives no use scenario ([use])"
            : s == PCF_STAGE_END_OF_LIFE
                ? "<b>Excluded</b>: the product file gives no end-of-life scenario ([end_of_life])"
            : s == PCF_STAGE_DISTRIBUTION ? "<b>Excluded</b>: the product file gives no transport ([distribution])"
            : s == PCF_STAGE_PRODUCTION   ? "<b>Excluded</b>: no manufacturing input is given ([manufacturing]); the "
                                            "material datasets' own processing stays in"
                                          : "<b>Excluded</b>: no process",
            f);
    double v = pcf_result_stage(r, s, PCF_TOTAL);
    fputs("</td><td class=\"n\">", f);
    pcf__html_num(f, v, 4);
    fputs("</td><td class=\"n\">", f);
    pcf__html_pct(f, c->total ? v / c->total : 0);
    fputs("</td></tr>\n", f);
  }
  fputs(
      "</table>\n<p class=\"note\">Greenhouse gases: every gas the GWP method characterises (section 9), fossil and "
      "biogenic, including land-use change where the datasets record it. Capital goods and the datasets' own "
      "exclusions are as each dataset states (section 4). The timing of emissions is not assessed: all are counted "
      "as if emitted at once, GWP100.</p>\n",
      f);
}

static const char *rule_text(const char *rule) {
  if (!strcmp(rule, "cut-off"))
    return "Cut-off (recycled content, 100:0), the default of ISO 14067 footprints in pcf: recycled material enters "
           "with the burden of its recycling only, material sent to recycling leaves without burden or credit "
           "(the Circular Footprint Formula with A = 1, Qsin/Qp = Qsout/Qp = 1)";
  if (!strcmp(rule, "50:50"))
    return "50:50: burdens and credits of recycling shared half and half between the product that supplies and "
           "the one that uses recycled material (the Circular Footprint Formula with A = 0.5)";
  if (!strcmp(rule, "avoided-burden"))
    return "Avoided burden (end of life, 0:100): recycled content carries virgin production, recycling at end of "
           "life credits the virgin material it replaces (the Circular Footprint Formula with A = 0), the credit "
           "reported apart as module D";
  if (!strcmp(rule, "cff"))
    return "The EU PEF Circular Footprint Formula (Commission Recommendation (EU) 2021/2279, Annex C) with each "
           "material's A and quality ratios; credits beyond the boundary reported apart as module D";
  return rule;
}

void pcf__html_allocation(html_ctx *c) {
  FILE *f = c->f;
  const char *rule = pcf_result_eol_rule(c->r);
  fputs("<h2 id=\"allocation\">5 Allocation and the recycling rule</h2>\n<table class=\"kv\">\n", f);
  const char *alloc = pcf__html_prof(c, "footprint", "allocation_rules_description", NULL);
  size_t multi = 0;
  for (size_t i = 0; i < pcf_result_warning_count(c->r); i++) {
    const char *w = pcf_result_warning(c->r, i);
    multi += strstr(w, "multi-functional") || strstr(w, "allocation") || strstr(w, "co-product");
  }
  char buf[600];
  snprintf(buf, sizeof buf,
           "%s%sForeground: every line is a single-output process, so no allocation is needed%s. Secondary "
           "datasets keep the allocation of their publishers (as each dataset documents it).",
           alloc ? alloc : "", alloc ? " " : "",
           multi ? "; the multi-functional processes met in the chain are listed under Limitations" : "");
  pcf__html_row(c, "Allocation procedures", buf);
  pcf__html_row(c, "Recycling and end of life", rule_text(rule));
  fputs("<tr><th>Parameters</th><td>", f);
  if (!strcmp(rule, "cut-off"))
    fputs("A = 1, B = 0 (energy recovery burden stays with the product); ", f);
  else if (!strcmp(rule, "50:50"))
    fputs("A = 0.5, B = 0; ", f);
  else if (!strcmp(rule, "avoided-burden"))
    fputs("A = 0, B = 0; ", f);
  else
    fputs(
        "A per material (the product file's [material] sections, else pcf's table of the PEF method's defaults, "
        "else 0.5: the lines concerned are named under Limitations), B = 0 unless given; ",
        f);
  fputs(
      "recycled content R1 per BOM line (section 6); end-of-life shares R2 (recycling), R3 (energy recovery) and "
      "disposal per material family (section 7).",
      f);
  for (size_t i = 0; c->product && i < pcf_product_material_params_count(c->product); i++) {
    const pcf_material_params *m = pcf_product_material_params_at(c->product, i);
    fputs("<br>[material ", f);
    pcf__html_text(f, m->name);
    fputs("]:", f);
    const double v[] = {m->a, m->b, m->qsin, m->qsout, m->lhv_mj_per_kg, m->x_heat, m->x_elec};
    static const char *const k[] = {"A", "B", "Qsin/Qp", "Qsout/Qp", "LHV MJ/kg", "X heat", "X electricity"};
    for (size_t j = 0; j < sizeof v / sizeof *v; j++)
      if (!isnan(v[j])) fprintf(f, " %s = ", k[j]), pcf__html_num(f, v[j], 4);
    if (m->recycled[0]) fputs(" recycled input: ", f), pcf__html_text(f, m->recycled);
    if (m->substituted[0]) fputs(" substitutes: ", f), pcf__html_text(f, m->substituted);
  }
  fputs("</td></tr>\n<tr><th>Module D</th><td>", f);
  double d = pcf_result_module_d(c->r, PCF_TOTAL);
  if (d != 0)
    fputs("Credits and loads beyond the system boundary: ", f), pcf__html_num(f, d, 4),
        fputs(" kg CO2e, reported apart and not in the totals (section 12).", f);
  else
    fputs("None: under this rule nothing lies beyond the system boundary.", f);
  fputs("</td></tr>\n</table>\n", f);
}
