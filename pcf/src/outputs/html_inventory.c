/* html_inventory.c: the inventory of the study report (ISO 14067:2018, 6.4, life cycle inventory
 * analysis; 6.3.5 data and data quality; 6.3.7 use stage and use profile; 6.3.8 end-of-life
 * stage; 6.4.9.4 electricity): the bill of materials line by line with the dataset, source, year,
 * place, GWP set and data-quality ratings of each; the scenarios (manufacturing inputs, transport
 * legs, use-phase inputs, end-of-life shares and routes); and how electricity is modelled. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html_internal.h"

static void td_num(FILE *f, double v, int sig) {
  fputs("<td class=\"n\">", f);
  if (isfinite(v))
    pcf__html_num(f, v, sig);
  else
    fputs("&#8211;", f);
  fputs("</td>", f);
}

static void td_text(FILE *f, const char *s) {
  fputs("<td>", f);
  pcf__html_text(f, s && *s ? s : "\xe2\x80\x93");
  fputs("</td>", f);
}

/* The last element of a BOM path ("Toy car/Body" -> "Body"). */
static const char *leaf(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

void pcf__html_bom(html_ctx *c) {
  FILE *f = c->f;
  const pcf_result *r = c->r;
  fputs(
      "<h2 id=\"bom\">6 Inventory: bill of materials</h2>\n<p>Each part of the product and its packaging with the "
      "dataset that values it. Primary data are supplier-specific footprints; secondary data are datasets and own "
      "factors with their source. "
      "Data quality on the PACT scale 1 (good) to 3 (poor): technological, temporal, geographical "
      "representativeness, completeness, reliability (section 11).</p>\n<table class=\"small\"><tr><th>Part</th>"
      "<th>Name</th><th class=\"n\">Quantity</th><th class=\"n\">Mass kg</th><th>Material</th><th>Dataset</th>"
      "<th>Source</th><th class=\"n\">Year</th><th>Place</th><th>GWP set</th><th>Data</th><th>DQR</th>"
      "<th class=\"n\">kg CO2e</th></tr>\n",
      f);
  double mass = 0, total = 0;
  size_t rows = 0;
  for (size_t i = 0; i < pcf_result_line_count(r); i++) {
    const pcf_line *l = pcf_result_line(r, i);
    if (l->stage != PCF_STAGE_RAW_MATERIALS || !strncmp(l->dataset, "biogenic carbon", 15)) continue;
    const pcf_item *it = pcf__html_item(c, l);
    if (c->product && !it) continue; /* a line the footprint adds (the carbon a product holds) */
    const ilcd_process *p = pcf__html_process(c, l);
    char src[400], gwp[200];
    int other = 0;
    fputs("<tr><td class=\"nw\">", f); /* a part number is one word: never broken at its hyphen */
    pcf__html_text(f, it && it->part && *it->part ? it->part : "\xe2\x80\x93");
    fputs("</td><td>", f);
    pcf__html_text(f, it && !it->bom_leaf ? l->component : leaf(l->component));
    fputs("</td>", f);
    fputs("<td class=\"n\">", f);
    if (it && it->quantity_unit)
      pcf__html_num(f, it->quantity, 4), fputs(" ", f), pcf__html_text(f, it->quantity_unit);
    else
      fputs("&#8211;", f);
    fputs("</td>", f);
    double m = it ? it->mass_kg : NAN;
    td_num(f, m, 4);
    if (isfinite(m)) mass += m;
    td_text(f, l->primary ? "supplier data" : l->dataset);
    td_text(f, l->primary ? "supplier-specific PCF" : l->factor_source ? "own secondary factor" : l->process);
    td_text(f, p                  ? pcf__html_sources_of(c, p, src, sizeof src)
               : l->primary       ? "supplier"
               : l->factor_source ? l->factor_source
                                  : "");
    fputs("<td class=\"n\">", f);
    if (p && p->reference_year)
      fprintf(f, "%d", p->reference_year);
    else
      fputs("&#8211;", f);
    fputs("</td>", f);
    td_text(f, p ? p->location : "");
    td_text(f, l->primary         ? "as declared by the supplier"
               : l->factor_source ? "as its source gives it"
                                  : pcf__html_gwp_set(c, p, gwp, sizeof gwp, &other));
    fprintf(f, "<td>%s%s</td><td>", l->primary ? "primary" : "secondary", l->proxy ? ", proxy" : "");
    for (int k = 0; k < PCF_DQR_COUNT; k++) fprintf(f, "%s%.0f", k ? "/" : "", c->dqr[i].rating[k]);
    fputs("</td>", f);
    td_num(f, l->value[PCF_TOTAL], 4);
    total += l->value[PCF_TOTAL];
    fputs("</tr>\n", f);
    rows++;
  }
  fputs("<tr class=\"sum\"><td></td><td>Sum</td><td></td>", f);
  td_num(f, mass, 4);
  fputs("<td colspan=\"8\">product and packaging</td>", f);
  td_num(f, total, 4);
  fputs("</tr>\n</table>\n", f);
  if (!rows) fputs("<p>No bill of materials: the footprint is of one process (cradle to gate).</p>\n", f);
}

/* A result line's kg CO2e per unit of its dataset's reference flow. */
static double per_unit(const pcf_line *l) { return l->amount != 0 ? l->value[PCF_TOTAL] / l->amount : NAN; }

static void production(html_ctx *c) {
  FILE *f = c->f;
  int any = 0;
  for (size_t i = 0; i < pcf_result_line_count(c->r); i++) {
    const pcf_line *l = pcf_result_line(c->r, i);
    if (l->stage != PCF_STAGE_PRODUCTION) continue;
    if (!any++)
      fputs(
          "<h3 id=\"production\">Production</h3>\n<table class=\"small\"><tr><th>Input</th><th class=\"n\">Amount"
          "</th><th>Dataset</th><th class=\"n\">kg CO2e per unit</th><th class=\"n\">kg CO2e</th></tr>\n",
          f);
    fputs("<tr>", f);
    td_text(f, l->dataset);
    const pcf_item *it = pcf__html_item(c, l);
    fputs("<td class=\"n\">", f);
    if (it)
      pcf__html_num(f, it->amount, 4), fputs(" ", f), pcf__html_text(f, it->unit);
    else
      pcf__html_num(f, l->amount, 4), fputs(" ", f), pcf__html_text(f, l->unit);
    fputs("</td>", f);
    td_text(f, l->process);
    td_num(f, per_unit(l), 4);
    td_num(f, l->value[PCF_TOTAL], 4);
    fputs("</tr>\n", f);
  }
  if (any) fputs("</table>\n", f);
}

static void transport(html_ctx *c) {
  FILE *f = c->f;
  int any = 0;
  for (size_t i = 0; c->product && i < pcf_product_item_count(c->product); i++) {
    const pcf_item *it = pcf_product_item(c->product, i);
    double km = pcf_product_item_distance_km(c->product, i);
    if (it->kind != PCF_ITEM_TRANSPORT && !(it->kind == PCF_ITEM_FACTOR && km > 0))
      continue; /* a leg, own factor or not */
    if (!any++)
      fputs(
          "<h3 id=\"transport\">Transport legs</h3>\n<table class=\"small\"><tr><th>Stage</th><th>Mode</th>"
          "<th class=\"n\">Distance km</th><th class=\"n\">Mass moved kg</th><th class=\"n\">t&#183;km</th>"
          "<th>Dataset</th><th class=\"n\">kg CO2e per t&#183;km</th><th class=\"n\">kg CO2e</th></tr>\n",
          f);
    const pcf_line *l = NULL;
    for (size_t k = 0; k < pcf_result_line_count(c->r) && !l; k++) {
      const pcf_line *x = pcf_result_line(c->r, k);
      if (x->stage == it->stage && !strcmp(x->component, it->component) && !strcmp(x->dataset, it->dataset)) l = x;
    }
    fputs("<tr>", f);
    td_text(f, pcf_stage_title(it->stage));
    td_text(f, it->dataset);
    td_num(f, km, 4);
    td_num(f, km > 0 ? it->amount / km * 1000 : NAN, 4);
    td_num(f, it->amount, 4);
    td_text(f, !l ? "" : l->factor_source ? l->factor_source : l->process);
    td_num(f, l ? per_unit(l) : NAN, 4);
    td_num(f, l ? l->value[PCF_TOTAL] : NAN, 4);
    fputs("</tr>\n", f);
  }
  if (any) fputs("</table>\n", f);
}

static void use(html_ctx *c) {
  FILE *f = c->f;
  size_t n = c->product ? pcf_product_use_input_count(c->product) : 0;
  if (!n) return;
  double years = pcf_product_use_years(c->product), uses = pcf_product_uses_per_year(c->product);
  fputs("<h3 id=\"use\">Use</h3>\n<p>Use profile: ", f);
  if (isfinite(years)) pcf__html_num(f, years, -6), fputs(" years", f);
  if (isfinite(uses)) fputs(", ", f), pcf__html_num(f, uses, -6), fputs(" uses a year", f);
  fputs(
      ".</p>\n<table class=\"small\"><tr><th>Input</th><th>As given</th><th class=\"n\">Over the life</th>"
      "<th>Dataset</th><th class=\"n\">kg CO2e per unit</th><th class=\"n\">kg CO2e</th></tr>\n",
      f);
  for (size_t i = 0; i < n; i++) {
    pcf_use_input u;
    if (pcf_product_use_input(c->product, i, &u)) continue;
    fputs("<tr>", f);
    td_text(f, u.service);
    fputs("<td>", f);
    pcf__html_num(f, u.amount, -6), fputs(" ", f), pcf__html_text(f, u.unit);
    if (u.per == 1)
      fputs(" per use &#215; ", f), pcf__html_num(f, uses, -6), fputs(" uses a year &#215; ", f),
          pcf__html_num(f, years, -6), fputs(" years", f);
    else if (u.per == 2)
      fputs(" per year &#215; ", f), pcf__html_num(f, years, -6), fputs(" years", f);
    else
      fputs(" over the life", f);
    fputs("</td>", f);
    double life = u.amount * (u.per == 1 ? uses * years : u.per == 2 ? years : 1);
    fputs("<td class=\"n\">", f);
    pcf__html_num(f, life, 4), fputs(" ", f), pcf__html_text(f, u.unit);
    fputs("</td>", f);
    const pcf_line *l = NULL;
    for (size_t k = 0; k < pcf_result_line_count(c->r) && !l; k++) {
      const pcf_line *x = pcf_result_line(c->r, k);
      if (x->stage == PCF_STAGE_USE && !strcmp(x->dataset, u.service)) l = x;
    }
    td_text(f, !l ? "" : l->factor_source ? l->factor_source : l->process);
    td_num(f, l ? per_unit(l) : NAN, 4);
    fputs(l ? "" : "", f);
    td_num(f, l ? l->value[PCF_TOTAL] : NAN, 4);
    fputs("</tr>\n", f);
  }
  fputs("</table>\n", f);
}

static void end_of_life(html_ctx *c) {
  FILE *f = c->f;
  size_t n = c->product ? pcf_product_eol_share_count(c->product) : 0;
  if (!n && !pcf__html_stage_has_lines(c->r, PCF_STAGE_END_OF_LIFE)) return;
  fputs("<h3 id=\"eol\">End of life</h3>\n", f);
  if (n) {
    static const char *const routes[PCF_EOL_ROUTE_COUNT] = {"recycling", "energy recovery", "incineration", "landfill"};
    fputs(
        "<p>Shares of each material family (or material) by route, as the product file gives them:</p>\n"
        "<table class=\"small\"><tr><th>Family or material</th>",
        f);
    for (int k = 0; k < PCF_EOL_ROUTE_COUNT; k++) fprintf(f, "<th class=\"n\">%s</th>", routes[k]);
    fputs("</tr>\n", f);
    for (size_t i = 0; i < n; i++) {
      const char *route;
      double share;
      const char *scope = pcf_product_eol_share(c->product, i, &route, &share);
      int seen = 0;
      for (size_t j = 0; j < i && !seen; j++) {
        const char *r2;
        double s2;
        seen = !strcasecmp(pcf_product_eol_share(c->product, j, &r2, &s2), scope);
      }
      if (seen) continue;
      double shares[PCF_EOL_ROUTE_COUNT] = {0};
      for (size_t j = i; j < n; j++) {
        const char *r2;
        double s2;
        if (strcasecmp(pcf_product_eol_share(c->product, j, &r2, &s2), scope)) continue;
        for (int k = 0; k < PCF_EOL_ROUTE_COUNT; k++)
          if (!strcmp(r2, pcf_eol_route_name((pcf_eol_route)k))) shares[k] += s2;
      }
      fputs("<tr>", f);
      td_text(f, scope);
      for (int k = 0; k < PCF_EOL_ROUTE_COUNT; k++)
        fputs("<td class=\"n\">", f), pcf__html_pct(f, shares[k]), fputs("</td>", f);
      fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
  }
  fputs(
      "<table class=\"small\"><tr><th>Line</th><th>Route</th><th class=\"n\">Amount</th><th>Dataset</th>"
      "<th class=\"n\">kg CO2e</th></tr>\n",
      f);
  for (size_t i = 0; i < pcf_result_line_count(c->r); i++) {
    const pcf_line *l = pcf_result_line(c->r, i);
    if (l->stage != PCF_STAGE_END_OF_LIFE) continue;
    fputs("<tr>", f);
    td_text(f, l->component);
    fputs("<td>", f);
    pcf__html_text(f, l->dataset);
    if (l->beyond_boundary) fputs(" (module D, not in the totals)", f);
    fputs("</td><td class=\"n\">", f);
    pcf__html_num(f, l->amount, 4), fputs(" ", f), pcf__html_text(f, l->unit);
    fputs("</td>", f);
    td_text(f, l->process);
    td_num(f, l->value[PCF_TOTAL], 4);
    fputs("</tr>\n", f);
  }
  fputs(
      "</table>\n<p class=\"note\">Recycled shares leave the system as the recycling rule says (section 5). Each "
      "part is burnt or landfilled with its own carbon where its dataset declares it, else with the waste "
      "family's average (Limitations).</p>\n",
      f);
}

void pcf__html_scenarios(html_ctx *c) {
  fputs("<h2 id=\"scenarios\">7 Scenarios: production, transport, use, end of life</h2>\n", c->f);
  if (!c->product) return (void)fputs("<p>None: the footprint is of one process (cradle to gate).</p>\n", c->f);
  production(c);
  transport(c);
  use(c);
  end_of_life(c);
  if (!pcf__html_stage_has_lines(c->r, PCF_STAGE_PRODUCTION) &&
      !pcf__html_stage_has_lines(c->r, PCF_STAGE_DISTRIBUTION) && !pcf__html_stage_has_lines(c->r, PCF_STAGE_USE) &&
      !pcf__html_stage_has_lines(c->r, PCF_STAGE_END_OF_LIFE))
    fputs("<p>The product file describes no production, transport, use or end of life.</p>\n", c->f);
}

/* Whether a line's dataset is electricity: its name says so (ILCD names lead with the product). */
static int is_electricity(const pcf_line *l) { return l->process && strncasecmp(l->process, "electricity", 11) == 0; }

void pcf__html_electricity(html_ctx *c) {
  FILE *f = c->f;
  fputs("<h2 id=\"electricity\">8 Electricity</h2>\n", f);
  int any = 0;
  double kwh_all = 0, co2_all = 0;
  for (size_t i = 0; i < pcf_result_line_count(c->r); i++) {
    const pcf_line *l = pcf_result_line(c->r, i);
    if (!is_electricity(l)) continue;
    const ilcd_process *p = pcf__html_process(c, l);
    double kwh = !strcmp(l->unit, "MJ") ? l->amount / 3.6 : !strcmp(l->unit, "kWh") ? l->amount : NAN;
    if (!any++)
      fputs(
          "<p>Electricity the product's own lines use, each from a grid-mix dataset (no supplier-specific "
          "contract, certificate or on-site generation is modelled):</p>\n<table class=\"small\"><tr><th>Stage</th>"
          "<th>Line</th><th class=\"n\">kWh</th><th>Dataset</th><th>Place</th><th class=\"n\">Year</th>"
          "<th>Source</th><th>GWP set</th><th class=\"n\">kg CO2e per kWh</th><th class=\"n\">kg CO2e</th></tr>\n",
          f);
    char src[400], gwp[200];
    int other;
    fputs("<tr>", f);
    td_text(f, pcf_stage_title(l->stage));
    td_text(f, l->component);
    td_num(f, kwh, 4);
    td_text(f, l->process);
    td_text(f, p ? p->location : "");
    fputs("<td class=\"n\">", f);
    if (p && p->reference_year) fprintf(f, "%d", p->reference_year);
    fputs("</td>", f);
    td_text(f, pcf__html_sources_of(c, p, src, sizeof src));
    td_text(f, pcf__html_gwp_set(c, p, gwp, sizeof gwp, &other));
    td_num(f, kwh > 0 ? l->value[PCF_TOTAL] / kwh : NAN, 4);
    td_num(f, l->value[PCF_TOTAL], 4);
    fputs("</tr>\n", f);
    if (isfinite(kwh)) kwh_all += kwh, co2_all += l->value[PCF_TOTAL];
  }
  if (any) {
    fputs("</table>\n<p>In all ", f);
    pcf__html_num(f, kwh_all, 4);
    fputs(" kWh, ", f);
    pcf__html_num(f, co2_all, 4);
    fputs(" kg CO2e (", f);
    pcf__html_pct(f, c->total ? co2_all / c->total : 0);
    fputs(
        " of the total). Transmission and distribution losses are as each grid dataset includes them "
        "(section 4). Electricity inside the background datasets is modelled by their publishers.</p>\n",
        f);
  } else {
    fputs(
        "<p>No line of the product uses electricity directly; electricity inside the background datasets is "
        "modelled by their publishers.</p>\n",
        f);
  }
}
