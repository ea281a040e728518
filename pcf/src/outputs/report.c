/* report.c: the result as a readable table, as JSON (the stable interface others script against:
 * total, fossil, biogenic_emissions, biogenic_removals, dluc, aircraft, total_excluding_biogenic_co2,
 * biogenic_co2, stages, lines, method,
 * declared_unit, warnings; all kg CO2e per declared unit) and as CSV (one row per line). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "numfmt.h"
#include "textcol.h"
#include "pcf/footprint.h"

static void bar(FILE *out, double share) {
  int n = (int)lround(fabs(share) * 30);
  if (n > 30) n = 30;
  for (int i = 0; i < n; i++) fputs("#", out);
}

int pcf_result_write_text(const pcf_result *r, FILE *out) {
  double total = pcf_result_value(r, PCF_TOTAL);
  fprintf(out, "%s\n", pcf_result_name(r));
  fprintf(out, "Declared unit: %s\nMethod: %s (GWP100)\nRecycling and end of life: %s\n\n", pcf_result_declared_unit(r),
          pcf_result_method(r), pcf_result_eol_rule(r));
  fprintf(out, "Carbon footprint (ISO 14067)         %12.4f kg CO2e\n", total);
  fprintf(out, "  fossil GHG emissions               %12.4f kg CO2e\n", pcf_result_value(r, PCF_FOSSIL));
  fprintf(out, "  biogenic GHG emissions             %12.4f kg CO2e\n", pcf_result_value(r, PCF_BIOGENIC_EMISSIONS));
  fprintf(out, "  biogenic removals                  %12.4f kg CO2e\n", pcf_result_value(r, PCF_BIOGENIC_REMOVALS));
  fprintf(out, "  direct land-use change             %12.4f kg CO2e\n", pcf_result_value(r, PCF_DLUC));
  fprintf(out, "  of which aircraft transport        %12.4f kg CO2e\n", pcf_result_value(r, PCF_AIRCRAFT));
  fprintf(out, "Biogenic CO2 emitted / taken up      %12.4f / %.4f kg CO2 (in the total at GWP +1 / -1)\n",
          pcf_result_biogenic_co2_kg(r, PCF_CO2_EMITTED), pcf_result_biogenic_co2_kg(r, PCF_CO2_TAKEN_UP));
  fprintf(out, "Footprint without biogenic CO2       %12.4f kg CO2e\n", pcf_result_excluding_biogenic_co2(r));
  const pcf_carbon_content *carbon = pcf_result_carbon_content(r);
  if (carbon->lines > 0) {
    fprintf(out, "Carbon in the product (BOM)          %12.4f kg C fossil, %.4f kg C biogenic\n", carbon->fossil_kg,
            carbon->biogenic_kg);
    if (carbon->fossil_lines < carbon->lines || carbon->biogenic_lines < carbon->lines)
      fprintf(out, "  declared for %zu (fossil) and %zu (biogenic) of %zu BOM lines: lower bounds\n",
              carbon->fossil_lines, carbon->biogenic_lines, carbon->lines);
  }
  fprintf(out, "Cradle to gate                       %12.4f kg CO2e\n", pcf_result_cradle_to_gate(r));
  fprintf(out, "Primary data share                   %11.1f %%\n", 100 * pcf_result_primary_share(r));
  if (pcf_result_module_d(r, PCF_TOTAL) != 0)
    fprintf(out, "Beyond the boundary (module D, not in the footprint) %8.4f kg CO2e\n",
            pcf_result_module_d(r, PCF_TOTAL));
  fputc('\n', out);
  fprintf(out, "By life-cycle stage                    kg CO2e   share\n");
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    double v = pcf_result_stage(r, s, PCF_TOTAL);
    double share = total != 0 ? v / total : 0;
    fprintf(out, "  %-28s %12.4f %6.1f%%  ", pcf_stage_title(s), v, 100 * share);
    bar(out, share);
    fputc('\n', out);
  }
  /* Names are written whole (textcol.h): a longer one puts its figures on the next line. */
  fprintf(out, "\nBy line                                                   amount        kg CO2e\n");
  for (size_t i = 0; i < pcf_result_line_count(r); i++) {
    const pcf_line *l = pcf_result_line(r, i);
    size_t n = strlen(l->component) + strlen(l->dataset) + 3;
    char local[256], *what = n <= sizeof local ? local : malloc(n);
    if (!what) return PCF_ERR_NOMEM;
    snprintf(what, n, "%s%s%s", l->component, l->dataset[0] ? ": " : "", l->dataset);
    pcf__textcol_name(out, 2, what, 52);
    fprintf(out, " %10.4g %-6s %12.4f%s\n", l->amount, l->unit, l->value[PCF_TOTAL],
            l->primary           ? "  (supplier)"
            : l->factor_source   ? "  (own factor)"
            : l->beyond_boundary ? "  (module D)"
                                 : "");
    if (what != local) free(what);
  }
  size_t nh = pcf_result_hotspot_count(r);
  if (nh) fprintf(out, "\nTop processes (direct emissions in the whole chain)          kg CO2e\n");
  for (size_t i = 0; i < nh && i < 10; i++) {
    const pcf_contribution *c = pcf_result_hotspot(r, i);
    pcf__textcol_name(out, 2, c->name, 60);
    fprintf(out, " %12.4f\n", c->total);
  }
  size_t nf = pcf_result_flow_count(r);
  if (nf) fprintf(out, "\nTop elementary flows                                          kg CO2e\n");
  for (size_t i = 0; i < nf && i < 5; i++) {
    const pcf_contribution *c = pcf_result_flow(r, i);
    pcf__textcol_name(out, 2, c->name, 60);
    fprintf(out, " %12.4f\n", c->total);
  }
  size_t nu = pcf_result_uncharacterised_count(r);
  if (nu)
    fprintf(out, "\n%zu elementary flows have no factor in this method (largest below; all in --format json)\n", nu);
  for (size_t i = 0; i < nu && i < 5; i++) {
    const pcf_contribution *c = pcf_result_uncharacterised(r, i);
    pcf__textcol_name(out, 2, c->name, 60);
    fprintf(out, " %12.4g %s\n", c->total, c->unit);
  }
  size_t nw = pcf_result_warning_count(r);
  if (nw) fprintf(out, "\nWarnings\n");
  for (size_t i = 0; i < nw; i++) fprintf(out, "  - %s\n", pcf_result_warning(r, i));
  return ferror(out) ? PCF_ERR_IO : 0;
}

/* The indicators' members (kg CO2e) of the open object. */
static void split_members(pcf__jsonw *w, const double *v) {
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++) pcf__jsonw_kreal(w, pcf_indicator_key(k), v[k]);
}

static void split(pcf__jsonw *w, const char *key, const double *v) {
  pcf__jsonw_key(w, key);
  pcf__jsonw_object(w);
  split_members(w, v);
  pcf__jsonw_end_object(w);
}

static void contributions(pcf__jsonw *w, const pcf_result *r, size_t n,
                          const pcf_contribution *(*get)(const pcf_result *, size_t), size_t limit) {
  pcf__jsonw_array(w);
  for (size_t i = 0; i < n && i < limit; i++) {
    const pcf_contribution *c = get(r, i);
    pcf__jsonw_object(w);
    pcf__jsonw_kstring(w, "name", c->name);
    pcf__jsonw_kstring(w, "uuid", c->uuid);
    pcf__jsonw_kreal(w, "value", c->total);
    pcf__jsonw_kstring(w, "unit", c->unit);
    pcf__jsonw_end_object(w);
  }
  pcf__jsonw_end_array(w);
}

static void line(pcf__jsonw *w, const pcf_line *l) {
  pcf__jsonw_object(w);
  pcf__jsonw_kstring(w, "stage", pcf_stage_key(l->stage));
  pcf__jsonw_kstring(w, "component", l->component);
  pcf__jsonw_kstring(w, "dataset", l->dataset);
  pcf__jsonw_kstring(w, "process", l->process);
  pcf__jsonw_kstring(w, "process_uuid", l->process_uuid);
  pcf__jsonw_kreal(w, "amount", l->amount);
  pcf__jsonw_kstring(w, "unit", l->unit);
  pcf__jsonw_kbool(w, "primary", l->primary);
  pcf__jsonw_kreal(w, "total", l->value[PCF_TOTAL]);
  pcf__jsonw_kbool(w, "module_d", l->beyond_boundary);
  if (l->factor_source) { /* an own secondary factor: where it comes from */
    pcf__jsonw_key(w, "own_factor");
    pcf__jsonw_object(w);
    pcf__jsonw_kstring(w, "source", l->factor_source);
    pcf__jsonw_kstring(w, "quality", l->factor_quality ? l->factor_quality : "");
    pcf__jsonw_end_object(w);
  }
  split(w, "split", l->value);
  pcf__jsonw_key(w, "biogenic_co2_kg");
  pcf__jsonw_object(w);
  pcf__jsonw_kreal(w, "emitted", l->biogenic_co2_kg[0]);
  pcf__jsonw_kreal(w, "removed", l->biogenic_co2_kg[1]);
  pcf__jsonw_end_object(w);
  pcf__jsonw_end_object(w);
}

/* The document is written as it is walked (jsonw.h): the keys, their order and the text are those
 * of the jansson tree it replaces, built and dumped at several times the cost. */
int pcf_result_write_json(const pcf_result *r, FILE *out) {
  pcf__jsonw jw, *w = &jw;
  pcf__jsonw_init(w);
  pcf__jsonw_object(w);
  pcf__jsonw_kstring(w, "product", pcf_result_name(r));
  pcf__jsonw_kstring(w, "declared_unit", pcf_result_declared_unit(r));
  pcf__jsonw_kstring(w, "method", pcf_result_method(r));
  pcf__jsonw_kstring(w, "unit", "kg CO2e");
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++) pcf__jsonw_kreal(w, pcf_indicator_key(k), pcf_result_value(r, k));
  pcf__jsonw_kreal(w, "total_excluding_biogenic_co2", pcf_result_excluding_biogenic_co2(r));
  pcf__jsonw_kreal(w, "cradle_to_gate", pcf_result_cradle_to_gate(r));
  pcf__jsonw_kreal(w, "primary_data_share", pcf_result_primary_share(r));
  pcf__jsonw_kstring(w, "eol_rule", pcf_result_eol_rule(r));
  double md[PCF_INDICATOR_COUNT];
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++) md[k] = pcf_result_module_d(r, k);
  split(w, "module_d", md);
  pcf__jsonw_key(w, "biogenic_co2");
  pcf__jsonw_object(w);
  pcf__jsonw_kreal(w, "emitted_kg", pcf_result_biogenic_co2_kg(r, PCF_CO2_EMITTED));
  pcf__jsonw_kreal(w, "removed_kg", pcf_result_biogenic_co2_kg(r, PCF_CO2_TAKEN_UP));
  pcf__jsonw_kstring(w, "note",
                     "kg CO2, in total and biogenic at GWP +1 (emitted) and -1 (taken "
                     "up), ISO 14067; total_excluding_biogenic_co2 leaves both out");
  pcf__jsonw_end_object(w);
  const pcf_carbon_content *cc = pcf_result_carbon_content(r);
  pcf__jsonw_key(w, "carbon_content");
  pcf__jsonw_object(w);
  pcf__jsonw_kreal(w, "fossil_kg_c", cc->fossil_kg);
  pcf__jsonw_kreal(w, "biogenic_kg_c", cc->biogenic_kg);
  pcf__jsonw_kinteger(w, "bom_lines", (long long)cc->lines);
  pcf__jsonw_kinteger(w, "fossil_lines", (long long)cc->fossil_lines);
  pcf__jsonw_kinteger(w, "biogenic_lines", (long long)cc->biogenic_lines);
  pcf__jsonw_kstring(w, "note",
                     "carbon in the product's BOM (no packaging), from its datasets' carbon content "
                     "flow properties; lower bounds when fewer lines declare it than the BOM has");
  pcf__jsonw_end_object(w);
  pcf__jsonw_key(w, "stages");
  pcf__jsonw_object(w);
  for (int s = 0; s < PCF_STAGE_COUNT; s++) pcf__jsonw_kreal(w, pcf_stage_key(s), pcf_result_stage(r, s, PCF_TOTAL));
  pcf__jsonw_end_object(w);
  pcf__jsonw_key(w, "stages_split");
  pcf__jsonw_object(w);
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    double sv[PCF_INDICATOR_COUNT];
    for (int k = 0; k < PCF_INDICATOR_COUNT; k++) sv[k] = pcf_result_stage(r, s, k);
    pcf__jsonw_key(w, pcf_stage_key(s));
    pcf__jsonw_object(w);
    split_members(w, sv);
    pcf__jsonw_kreal(w, "total_excluding_biogenic_co2", pcf_result_stage_excluding_biogenic_co2(r, s));
    pcf__jsonw_end_object(w);
  }
  pcf__jsonw_end_object(w);
  pcf__jsonw_key(w, "lines");
  pcf__jsonw_array(w);
  for (size_t i = 0; i < pcf_result_line_count(r); i++) line(w, pcf_result_line(r, i));
  pcf__jsonw_end_array(w);
  /* A footprint that kept only each list's largest (pcf_footprint_options.top) says what it left
   * out, and its kept entries are all written; otherwise the 20 largest processes and flows. */
  static const struct {
    const char *key;
    pcf_contribution_list list;
    size_t (*count)(const pcf_result *);
    const pcf_contribution *(*get)(const pcf_result *, size_t);
    size_t limit;
  } lists[] = {{"hotspots", PCF_LIST_HOTSPOTS, pcf_result_hotspot_count, pcf_result_hotspot, 20},
               {"flows", PCF_LIST_FLOWS, pcf_result_flow_count, pcf_result_flow, 20},
               {"uncharacterised_flows", PCF_LIST_UNCHARACTERISED, pcf_result_uncharacterised_count,
                pcf_result_uncharacterised, (size_t)-1},
               {"cut_off_flows", PCF_LIST_CUT_OFF, pcf_result_cut_off_count, pcf_result_cut_off, (size_t)-1}};
  for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) {
    size_t left_out = pcf_result_left_out(r, lists[k].list);
    pcf__jsonw_key(w, lists[k].key);
    contributions(w, r, lists[k].count(r), lists[k].get, left_out ? (size_t)-1 : lists[k].limit);
    if (!left_out) continue;
    char key[64];
    snprintf(key, sizeof key, "%s_left_out", lists[k].key);
    pcf__jsonw_key(w, key);
    pcf__jsonw_object(w);
    pcf__jsonw_kinteger(w, "count", (long long)left_out);
    pcf__jsonw_key(w, "sums");
    pcf__jsonw_array(w);
    for (size_t u = 0; u < pcf_result_left_out_unit_count(r, lists[k].list); u++) {
      const char *unit;
      double sum = pcf_result_left_out_sum(r, lists[k].list, u, &unit);
      pcf__jsonw_object(w);
      pcf__jsonw_kreal(w, "value", sum);
      pcf__jsonw_kstring(w, "unit", unit);
      pcf__jsonw_end_object(w);
    }
    pcf__jsonw_end_array(w);
    pcf__jsonw_end_object(w);
  }
  pcf__jsonw_key(w, "warnings");
  pcf__jsonw_array(w);
  for (size_t i = 0; i < pcf_result_warning_count(r); i++) pcf__jsonw_string(w, pcf_result_warning(r, i));
  pcf__jsonw_end_array(w);
  pcf__jsonw_end_object(w);
  return pcf__jsonw_finish(w, out);
}

static void csv_field(FILE *out, const char *s) {
  fputc('"', out);
  for (; *s; s++) {
    if (*s == '"') fputc('"', out);
    fputc(*s, out);
  }
  fputc('"', out);
}

/* A figure as computed (numfmt.h), after `before`. */
static void csv_number(FILE *out, const char *before, double v) {
  char buf[40];
  pcf__numfmt_shortest(buf, sizeof buf, v);
  fprintf(out, "%s%s", before, buf);
}

int pcf_result_write_csv(const pcf_result *r, FILE *out) {
  fputs("stage,component,dataset,process,process_uuid,amount,unit,primary", out);
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++) fprintf(out, ",%s_kg_co2e", pcf_indicator_key(k));
  fputs(",biogenic_co2_emitted_kg,biogenic_co2_removed_kg\n", out);
  for (size_t i = 0; i < pcf_result_line_count(r); i++) {
    const pcf_line *l = pcf_result_line(r, i);
    fprintf(out, "%s,", pcf_stage_key(l->stage));
    csv_field(out, l->component);
    fputc(',', out);
    csv_field(out, l->dataset);
    fputc(',', out);
    csv_field(out, l->process);
    fprintf(out, ",%s", l->process_uuid);
    csv_number(out, ",", l->amount);
    fputc(',', out);
    csv_field(out, l->unit);
    fprintf(out, ",%d", l->beyond_boundary ? 2 : l->primary);
    for (int k = 0; k < PCF_INDICATOR_COUNT; k++) csv_number(out, ",", l->value[k]);
    csv_number(out, ",", l->biogenic_co2_kg[0]);
    csv_number(out, ",", l->biogenic_co2_kg[1]);
    fputc('\n', out);
  }
  fputs("total,,,,,,,", out);
  fprintf(out, "%d", pcf_result_primary_share(r) > 0);
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++) csv_number(out, ",", pcf_result_value(r, k));
  csv_number(out, ",", pcf_result_biogenic_co2_kg(r, PCF_CO2_EMITTED));
  csv_number(out, ",", pcf_result_biogenic_co2_kg(r, PCF_CO2_TAKEN_UP));
  fputc('\n', out);
  return ferror(out) ? PCF_ERR_IO : 0;
}
