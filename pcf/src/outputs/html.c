/* html.c: the ISO 14067 study report as one self-contained HTML page (inline CSS, inline SVG from
 * html_svg.c, no script, nothing fetched). Its sections follow what ISO 14067:2018 clause 7
 * (CFP study report) asks a report to state: goal and scope (declared unit, system boundary,
 * cut-off, allocation, data sources and their dates, GWP method), the results with fossil,
 * biogenic and dLUC apart and aircraft emissions named, the contribution of life-cycle stages,
 * data quality, and the limitations. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "html_internal.h"
#include "pact_internal.h"

static const char style[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#222;"
    "max-width:1080px;margin:0 auto;padding:24px 32px;background:#fff}"
    "h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;border-bottom:2px solid #4e79a7;padding-bottom:3px;"
    "margin-top:34px}h3{font-size:16px;margin:18px 0 6px}"
    ".sub{color:#555;margin:0 0 18px}.total{display:flex;gap:28px;align-items:baseline;background:#f3f6fa;"
    "border-left:5px solid #4e79a7;padding:14px 20px;margin:14px 0}.total .big{font-size:34px;font-weight:700}"
    "table{border-collapse:collapse;width:100%;margin:8px 0 12px}th,td{border-bottom:1px solid #ddd;"
    "padding:5px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3;font-weight:600}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "table.kv th{width:28%;background:none}"
    ".chart{width:100%;height:auto;display:block;margin:6px 0 14px}"
    ".chart text{font-size:13px;fill:#222}.chart .in{fill:#fff;font-weight:700;text-anchor:middle}"
    ".chart .lb{text-anchor:end}.chart .st{font-weight:600}"
    ".warn{background:#fff7e6;border-left:4px solid #f28e2b;padding:6px 12px;margin:4px 0}"
    ".note{color:#555;font-size:13px}footer{margin-top:40px;color:#777;font-size:12px}";

void html_text(FILE *f, const char *s) {
  for (; s && *s; s++) switch (*s) {
    case '&': fputs("&amp;", f); break;
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '"': fputs("&quot;", f); break;
    default: fputc(*s, f);
    }
}

static const char *prof(const pcf_pact_options *o, const char *section, const char *key, const char *fallback) {
  const char *v = pcf_profile_get(o->profile, section, key);
  return v && *v ? v : fallback;
}

static void row(FILE *f, const char *key, const char *value) {
  fprintf(f, "<tr><th>%s</th><td>", key);
  html_text(f, value);
  fputs("</td></tr>\n", f);
}

static void num_row(FILE *f, const char *key, double v, const char *note) {
  fprintf(f, "<tr><td>%s</td><td class=\"n\">%.6f</td><td class=\"note\">%s</td></tr>\n", key, v, note);
}

static void header(FILE *f, const pcf_result *r, const pcf_pact_options *o) {
  fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Carbon footprint: ", f);
  html_text(f, pcf_result_name(r));
  fprintf(f, "</title>\n<style>%s</style></head><body>\n<h1>Carbon footprint of ", style);
  html_text(f, pcf_result_name(r));
  fputs("</h1>\n<p class=\"sub\">ISO 14067 carbon footprint study report", f);
  const char *company = prof(o, "company", "name", NULL);
  if (company) fputs(" &#183; ", f), html_text(f, company);
  char date[32];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(date, sizeof date, "%Y-%m-%d", &tm);
  fprintf(f, " &#183; %s</p>\n", date);
  fprintf(f, "<div class=\"total\"><div><div class=\"big\" id=\"total\">%.4g kg CO2e</div>per ",
          pcf_result_value(r, PCF_TOTAL));
  html_text(f, pcf_result_declared_unit(r));
  fprintf(f, "</div><div>cradle to gate: <b>%.4g</b> kg CO2e<br>primary data share: <b>%.1f %%</b></div></div>\n",
          pcf_result_cradle_to_gate(r), 100 * pcf_result_primary_share(r));
}

/* "USLCI ...; MEE ...": data sources of the datasets used, with their reference years. */
static void sources(FILE *f, const pcf_result *r, const pcf_pact_options *o) {
  int lo = 0, hi = 0, any = 0;
  fputs("<tr><th>Data sources</th><td>", f);
  for (size_t i = 0; i < pcf_result_line_count(r); i++) {
    const pcf_line *l = pcf_result_line(r, i);
    ilcd_uuid u;
    const ilcd_process *p = o->db && !l->primary && !ilcd_uuid_parse(&u, l->process_uuid) ? ilcd_db_process(o->db, &u) : NULL;
    if (!p) continue;
    if (p->reference_year) lo = lo && lo < p->reference_year ? lo : p->reference_year, hi = hi > p->reference_year ? hi : p->reference_year;
    for (size_t k = 0; k < p->n_sources; k++) {
      const ilcd_named *s = ilcd_db_source(o->db, &p->sources[k].uuid);
      const char *name = s ? s->name : p->sources[k].text;
      int seen = 0;
      for (size_t j = 0; j < i && !seen; j++) {
        const pcf_line *m = pcf_result_line(r, j);
        const ilcd_process *q = !m->primary && !ilcd_uuid_parse(&u, m->process_uuid) ? ilcd_db_process(o->db, &u) : NULL;
        for (size_t kk = 0; q && kk < q->n_sources; kk++) seen |= ilcd_uuid_equal(&q->sources[kk].uuid, &p->sources[k].uuid);
      }
      for (size_t kk = 0; kk < k; kk++) seen |= ilcd_uuid_equal(&p->sources[kk].uuid, &p->sources[k].uuid);
      if (seen || !name || !*name) continue;
      fputs(any++ ? "; " : "", f);
      html_text(f, name);
    }
  }
  if (pcf_result_primary_share(r) > 0) fputs(any++ ? "; " : "", f), fputs("supplier-specific PCFs (primary data)", f);
  if (!any) fputs("not recorded", f);
  if (lo) fprintf(f, ". Dataset reference years %d&#8211;%d", lo, hi);
  fputs("</td></tr>\n", f);
}

static void scope(FILE *f, const pcf_result *r, const pcf_pact_options *o, const pact_values *v) {
  fputs("<h2 id=\"scope\">Goal and scope</h2>\n<table class=\"kv\">\n", f);
  row(f, "Product", pcf_result_name(r));
  row(f, "Declared unit", pcf_result_declared_unit(r));
  if (o->product && pcf_product_mass_kg(o->product) > 0) {
    char buf[128];
    snprintf(buf, sizeof buf, "%.4g kg product, %.4g kg packaging", pcf_product_mass_kg(o->product),
             pcf_product_packaging_kg(o->product));
    row(f, "Mass", buf);
  }
  fputs("<tr><th>System boundary</th><td>", f);
  fputs(o->product ? "Cradle to grave: " : "Cradle to gate: ", f);
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    int n = 0;
    for (size_t i = 0; i < pcf_result_line_count(r); i++) n += pcf_result_line(r, i)->stage == (pcf_stage)s;
    fprintf(f, "%s%s%s", s ? ", " : "", pcf_stage_title(s), n ? "" : " (not included: no processes)");
  }
  fputs("</td></tr>\n", f);
  row(f, "Cut-off and exclusions", prof(o, "footprint", "exempted_emissions_description", "No emissions excluded beyond those the datasets leave out."));
  row(f, "Allocation and recycling", prof(o, "footprint", "allocation_rules_description",
                                          "No allocation in the foreground model (single-output processes); secondary datasets keep "
                                          "the allocation of their publishers. Recycling as modelled by the end-of-life datasets used."));
  sources(f, r, o);
  char buf[256];
  snprintf(buf, sizeof buf, "%s, GWP100 (IPCC %s)", pcf_result_method(r), v->report ? v->report : "report unknown");
  row(f, "GWP method", buf);
  const char *start = prof(o, "footprint", "reference_period_start", NULL), *end = prof(o, "footprint", "reference_period_end", NULL);
  if (start && end) snprintf(buf, sizeof buf, "%.10s to %.10s", start, end), row(f, "Reference period", buf);
  const char *geo = prof(o, "footprint", "geography_country", prof(o, "footprint", "geography_region", NULL));
  if (geo) row(f, "Geography (production)", geo);
  fputs("</table>\n", f);
}

static void results(FILE *f, const pcf_result *r, const pact_values *v) {
  fputs("<h2 id=\"results\">Results (ISO 14067)</h2>\n<table><tr><th>Quantity</th><th class=\"n\">kg CO2e</th>"
        "<th>Note</th></tr>\n", f);
  num_row(f, "<b>Carbon footprint (total)</b>", pcf_result_value(r, PCF_TOTAL), "GHG emissions and removals");
  num_row(f, "Fossil GHG emissions", pcf_result_value(r, PCF_FOSSIL), "");
  num_row(f, "Biogenic GHG emissions", pcf_result_value(r, PCF_BIOGENIC_EMISSIONS),
          "reported separately (ISO 14067 6.4.9.2); biogenic CO2 at +1");
  num_row(f, "Biogenic GHG removals", pcf_result_value(r, PCF_BIOGENIC_REMOVALS),
          "reported separately; biogenic CO2 taken up at -1");
  num_row(f, "Direct land-use change (dLUC)", pcf_result_value(r, PCF_DLUC), "reported separately");
  num_row(f, "of which aircraft transport", pcf_result_value(r, PCF_AIRCRAFT), "included above, named apart");
  num_row(f, "Carbon footprint without biogenic CO2", pcf_result_excluding_biogenic_co2(r),
          "biogenic CO2 emissions and removals left out (biogenic CH4 stays in)");
  num_row(f, "Cradle to gate", pcf_result_cradle_to_gate(r), "raw materials and production");
  fputs("</table>\n", f);
  const pcf_carbon_content *c = pcf_result_carbon_content(r);
  if (c->lines)
    fprintf(f, "<p class=\"note\">Carbon in the product (BOM, without packaging): %.6g kg C fossil, %.6g kg C "
               "biogenic, from the carbon content its datasets declare (%zu and %zu of %zu BOM lines%s).</p>\n",
            c->fossil_kg, c->biogenic_kg, c->fossil_lines, c->biogenic_lines, c->lines,
            c->fossil_lines < c->lines || c->biogenic_lines < c->lines ? ": lower bounds" : "");
  if (v->declared_unit)
    fprintf(f, "<p class=\"note\">As exchanged in PACT (%s): %.6g kg CO2e per %s excluding biogenic CO2, %.6g "
               "including it (unitaryProductAmount %.6g).</p>\n", v->cradle_to_grave ? "cradle to grave" : "cradle to gate",
            v->excluding, v->declared_unit, v->including, v->unitary_amount);
  fputs("<h3>Per life-cycle stage</h3>\n", f);
  html_svg_stages(f, r);
  fputs("<table><tr><th>Stage</th><th class=\"n\">kg CO2e</th><th class=\"n\">share</th></tr>\n", f);
  double t = pcf_result_value(r, PCF_TOTAL);
  for (int s = 0; s < PCF_STAGE_COUNT; s++)
    fprintf(f, "<tr><td>%s</td><td class=\"n\">%.6f</td><td class=\"n\">%.1f %%</td></tr>\n", pcf_stage_title(s),
            pcf_result_stage(r, s, PCF_TOTAL), t ? 100 * pcf_result_stage(r, s, PCF_TOTAL) / t : 0);
  fputs("</table>\n<h3>Per component (hotspots)</h3>\n", f);
  html_svg_hotspots(f, r, 15);
  fputs("<h3>The product: lines by stage</h3>\n", f);
  html_svg_sankey(f, r);
  fputs("<h3>Top processes and flows</h3>\n<table><tr><th>Process</th><th class=\"n\">kg CO2e</th></tr>\n", f);
  for (size_t i = 0; i < pcf_result_hotspot_count(r) && i < 8; i++) {
    fputs("<tr><td>", f);
    html_text(f, pcf_result_hotspot(r, i)->name);
    fprintf(f, "</td><td class=\"n\">%.6f</td></tr>\n", pcf_result_hotspot(r, i)->total);
  }
  fputs("</table>\n<table><tr><th>Elementary flow</th><th class=\"n\">kg CO2e</th></tr>\n", f);
  for (size_t i = 0; i < pcf_result_flow_count(r) && i < 8; i++) {
    fputs("<tr><td>", f);
    html_text(f, pcf_result_flow(r, i)->name);
    fprintf(f, "</td><td class=\"n\">%.6f</td></tr>\n", pcf_result_flow(r, i)->total);
  }
  fputs("</table>\n", f);
}

static int quality(FILE *f, const pcf_result *r, const pcf_pact_options *o, pcf_error *err) {
  size_t n = pcf_result_line_count(r);
  pcf_dqr_line *q = calloc(n ? n : 1, sizeof *q);
  if (!q) return pcf_error_nomem(err);
  const char *start = prof(o, "footprint", "reference_period_start", NULL), *end = prof(o, "footprint", "reference_period_end", NULL);
  int year = pact_reference_year(start, end);
  if (!year) {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    year = tm.tm_year + 1900;
  }
  for (size_t i = 0; i < n; i++) {
    int rc = pcf_dqr_rate(&q[i], r, i, o->db, o->profile, year, prof(o, "footprint", "geography_country", ""), err);
    if (rc) return free(q), rc;
  }
  pcf_dqr_summary s;
  pcf_dqr_aggregate(&s, r, q);
  fprintf(f, "<h2 id=\"quality\">Data quality</h2>\n<p>Primary (supplier-specific) data share: <b>%.1f %%</b> of the "
             "footprint. Ratings per line on the PACT scale 1 (good) to 3 (poor), for data year %d; aggregated as a "
             "contribution-weighted mean over the lines above 5 %% of the footprint (they cover %.1f %%).</p>\n",
          100 * pcf_result_primary_share(r), year, s.coverage_percent);
  fputs("<table><tr><th>Line</th><th>Data</th><th class=\"n\">year</th><th>place</th><th class=\"n\">TeR</th>"
        "<th class=\"n\">TiR</th><th class=\"n\">GeR</th><th class=\"n\">C</th><th class=\"n\">R</th><th>basis</th></tr>\n", f);
  for (size_t i = 0; i < n; i++) {
    const pcf_line *l = pcf_result_line(r, i);
    fputs("<tr><td>", f);
    html_text(f, l->component);
    fputs("</td><td>", f);
    html_text(f, l->primary ? "supplier PCF" : l->process && *l->process ? l->process : l->dataset);
    fprintf(f, "</td><td class=\"n\">%s%.0d</td><td>", q[i].reference_year ? "" : "&#8211;", q[i].reference_year);
    html_text(f, q[i].location);
    for (int k = 0; k < PCF_DQR_COUNT; k++) fprintf(f, "</td><td class=\"n\">%.1f", q[i].rating[k]);
    fprintf(f, "</td><td class=\"note\">%s</td></tr>\n", q[i].why);
  }
  fputs("<tr><th>Aggregate</th><th></th><th></th><th></th>", f);
  for (int k = 0; k < PCF_DQR_COUNT; k++) fprintf(f, "<th class=\"n\">%.2f</th>", s.rating[k]);
  fputs("<th></th></tr></table>\n<p class=\"note\">TeR technological, TiR temporal, GeR geographical "
        "representativeness, C completeness, R reliability. Rules: see the profile's [dqr] section and pcf's dqr.c.</p>\n", f);
  free(q);
  return 0;
}

static void limitations(FILE *f, const pcf_result *r, const pact_values *v) {
  fputs("<h2 id=\"limitations\">Limitations and warnings</h2>\n<ul>\n", f);
  fputs("<li>Results rest on generic (secondary) datasets wherever no supplier-specific PCF was given; their "
        "technology, place and year may differ from the actual supply chain (see Data quality).</li>\n", f);
  fputs("<li>No uncertainty analysis was run for this report.</li>\n", f);
  fputs("<li>Land-management emissions are not modelled apart. Biogenic CO2 counts at +1 emitted and -1 taken "
        "up, as ISO 14067 includes biogenic emissions and removals (the EF 3.1 method itself gives them 0); "
        "datasets that publish only a CO2e total carry no biogenic CO2 of their own.</li>\n", f);
  if (!v->carbon_content_known) fputs("<li>The fossil and biogenic carbon content of the product was not determined.</li>\n", f);
  for (int s = 0; s < PCF_STAGE_COUNT; s++) {
    int n = 0;
    for (size_t i = 0; i < pcf_result_line_count(r); i++) n += pcf_result_line(r, i)->stage == (pcf_stage)s;
    if (!n) fprintf(f, "<li>%s: no processes in the model.</li>\n", pcf_stage_title(s));
  }
  if (pcf_result_uncharacterised_count(r))
    fprintf(f, "<li>%zu elementary flows have no characterisation factor in the method (listed in the JSON "
               "output).</li>\n", pcf_result_uncharacterised_count(r));
  fputs("</ul>\n", f);
  for (size_t i = 0; i < pcf_result_warning_count(r); i++) {
    fputs("<div class=\"warn\">", f);
    html_text(f, pcf_result_warning(r, i));
    fputs("</div>\n", f);
  }
}

int pcf_html_write(const pcf_result *r, const pcf_pact_options *o, FILE *out, pcf_error *err) {
  pact_values v;
  pcf_error ignored = {0};
  /* The PACT numbers are shown when the result can be put in PACT terms; the report does not
   * need them. */
  if (pact_values_compute(&v, r, o, &ignored)) {
    memset(&v, 0, sizeof v);
    v.carbon_content_known = pcf_profile_get(o->profile, "footprint", "biogenic_carbon_content_kg") != NULL;
  }
  header(out, r, o);
  scope(out, r, o, &v);
  results(out, r, &v);
  int rc = quality(out, r, o, err);
  if (rc) return rc;
  limitations(out, r, &v);
  fputs("<footer>Generated by pcf from the product model and the datasets named above. Values in kg CO2e per "
        "declared unit unless stated.</footer>\n</body></html>\n", out);
  if (ferror(out)) return pcf_error_set(err, PCF_ERR_IO, NULL, 0, "cannot write the HTML report");
  return 0;
}
