/* html.c: the ISO 14067 CFP study report as one self-contained HTML page (ISO 14067:2018, clause 7,
 * "CFP study report"): the page, its title block and contents, and the helpers the sections share
 * (html_internal.h). The sections follow the order a verifier reads: goal and scope (6.3), the
 * inventory (6.4), the results (6.5, 7.2), the interpretation (6.6: sensitivity, uncertainty,
 * limitations) and the statements only the study's authors can make (6.2 PCR, clause 8 critical
 * review, offsets). README, "The ISO 14067 study report", maps each item to its clause. Inline
 * CSS, charts in HTML and inline SVG, no script, nothing fetched; printable (pcf footprint
 * --format pdf prints it with headless Chromium). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "html_internal.h"

#ifndef PCF_VERSION
#define PCF_VERSION "unknown"
#endif

const char *pcf_version(void) { return PCF_VERSION; }

static const char style[] =
    "body{font:14px/1.45 'DejaVu Sans',system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#222;"
    "max-width:1100px;margin:0 auto;padding:20px 28px;background:#fff}"
    "h1{font-size:24px;margin:0 0 2px}h2{font-size:18px;border-bottom:2px solid #4e79a7;padding-bottom:3px;"
    "margin:30px 0 8px;break-after:avoid}h3{font-size:15px;margin:16px 0 6px;break-after:avoid}"
    ".product{font-size:18px;margin:0 0 10px;color:#333}"
    ".total{display:flex;flex-wrap:wrap;gap:28px;align-items:baseline;background:#f3f6fa;"
    "border-left:5px solid #4e79a7;padding:12px 18px;margin:12px 0}.total .big{font-size:30px;font-weight:700}"
    "table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{border-bottom:1px solid #ddd;"
    "padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}th{background:#f3f3f3;font-weight:600}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;overflow-wrap:normal}"
    "table.kv th{width:26%;background:none}table.small{font-size:12px}tr{break-inside:avoid}"
    "tr.sum td{font-weight:700;border-top:2px solid #999}"
    ".bar{height:14px;display:inline-block;vertical-align:middle}.stagebar{display:flex;height:30px;margin:6px 0}"
    ".stagebar div{height:30px;color:#fff;font-weight:700;font-size:12px;line-height:30px;text-align:center;"
    "overflow:hidden;white-space:nowrap}.legend span{display:inline-block;margin:0 14px 4px 0}"
    ".sw{display:inline-block;width:12px;height:12px;margin-right:5px;vertical-align:-1px}"
    ".chart{width:100%;height:auto;display:block;margin:6px 0 14px}"
    ".chart text{font-size:12px;fill:#222}.chart .lb{text-anchor:end}.chart .st{font-weight:600}"
    ".warn{background:#fff7e6;border-left:4px solid #f28e2b;padding:6px 12px;margin:4px 0}"
    ".todo{color:#a33;font-style:italic}.note{color:#555;font-size:12.5px}"
    "nav.toc{columns:2;font-size:13px;background:#fafafa;padding:8px 14px;border:1px solid #e4e4e4}"
    "nav.toc a{color:#234;text-decoration:none}nav.toc div{break-inside:avoid}"
    "footer{margin-top:36px;color:#666;font-size:12px;border-top:1px solid #ddd;padding-top:8px}"
    "code{font-size:12px}ul{margin:4px 0 10px;padding-left:22px}.nw{white-space:nowrap}"
    "@media print{body{max-width:none;padding:0;font-size:11.5px}h2{break-before:auto}"
    "nav.toc{break-inside:avoid}.total .big{font-size:24px}}"
    "@page{size:A4;margin:16mm 14mm}";

/* ---- helpers ---- */

void pcf__html_text(FILE *f, const char *s) {
  for (; s && *s; s++) switch (*s) {
      case '&': fputs("&amp;", f); break;
      case '<': fputs("&lt;", f); break;
      case '>': fputs("&gt;", f); break;
      case '"': fputs("&quot;", f); break;
      default: fputc(*s, f);
    }
}

/* Inserts "," every three digits of the integer part of a plain decimal. */
static void group(char *buf, size_t size) {
  char *s = buf + (buf[0] == '-'), *dot = strchr(s, '.');
  size_t digits = dot ? (size_t)(dot - s) : strlen(s);
  if (digits <= 4) return; /* 1234 stays as it is; 12,345 */
  char out[96];
  size_t k = 0;
  if (buf[0] == '-') out[k++] = '-';
  for (size_t i = 0; i < digits; i++) {
    if (i && (digits - i) % 3 == 0) out[k++] = ',';
    out[k++] = s[i];
  }
  snprintf(out + k, sizeof out - k, "%s", dot ? dot : "");
  snprintf(buf, size, "%s", out);
}

const char *pcf__html_fmt(char *buf, size_t size, double v, int sig) {
  if (sig < 0) { /* an input as given: trailing zeros say nothing ("5 years", not "5.000") */
    pcf__html_fmt(buf, size, v, -sig);
    char *dot = strchr(buf, '.');
    if (dot && !strchr(buf, 'e')) {
      char *end = dot + strlen(dot);
      while (end > dot + 1 && end[-1] == '0') *--end = 0;
      if (end == dot + 1) *dot = 0;
    }
    return buf;
  }
  if (!isfinite(v)) return snprintf(buf, size, "n/a"), buf;
  if (v == 0) return snprintf(buf, size, "0"), buf;
  double a = fabs(v);
  if (a < 1e-4) return snprintf(buf, size, "%.*e", sig - 1, v), buf;
  int mag = (int)floor(log10(a));
  int dec = sig - 1 - mag;
  if (dec < 0) dec = 0;
  snprintf(buf, size, "%.*f", dec, v);
  /* rounding may add a digit (9.9996 -> 10.000): keep sig digits */
  if (dec > 0 && fabs(strtod(buf, NULL)) >= pow(10, mag + 1)) snprintf(buf, size, "%.*f", dec - 1, v);
  if (strcmp(buf, "-0") == 0) snprintf(buf, size, "0");
  group(buf, size);
  return buf;
}

void pcf__html_num(FILE *f, double v, int sig) {
  char buf[96];
  pcf__html_fmt(buf, sizeof buf, v, sig);
  char *e = strchr(buf, 'e');
  if (!e) return (void)fputs(buf, f);
  *e = 0;
  fprintf(f, "%s&#215;10<sup>%d</sup>", buf, atoi(e + 1));
}

void pcf__html_pct(FILE *f, double share) {
  if (!isfinite(share)) return (void)fputs("n/a", f);
  double p = 100 * share;
  if (p != 0 && fabs(p) < 0.05)
    fputs(p < 0 ? "&gt; -0.1 %" : "&lt; 0.1 %", f);
  else
    fprintf(f, "%.1f %%", p);
}

const char *pcf__html_prof(const html_ctx *c, const char *section, const char *key, const char *fallback) {
  const char *v = pcf__pact_profile(c->o, section, key);
  return v ? v : fallback;
}

void pcf__html_row(html_ctx *c, const char *key, const char *value) {
  fprintf(c->f, "<tr><th>%s</th><td>", key);
  if (value && *value)
    pcf__html_text(c->f, value);
  else
    fputs("<span class=\"todo\">not stated</span>", c->f);
  fputs("</td></tr>\n", c->f);
}

const ilcd_process *pcf__html_process(const html_ctx *c, const pcf_line *l) {
  ilcd_uuid u;
  if (!c->db || l->primary || !l->process_uuid[0] || ilcd_uuid_parse(&u, l->process_uuid)) return NULL;
  return ilcd_db_process(c->db, &u);
}

const pcf_item *pcf__html_item(const html_ctx *c, const pcf_line *l) {
  for (size_t i = 0; c->product && i < pcf_product_item_count(c->product); i++) {
    const pcf_item *it = pcf_product_item(c->product, i);
    if (it->stage == l->stage && strcmp(it->component, l->component) == 0 && strcmp(it->dataset, l->dataset) == 0)
      return it;
  }
  return NULL;
}

const char *pcf__html_sources_of(const html_ctx *c, const ilcd_process *p, char *buf, size_t size) {
  size_t n = 0;
  buf[0] = 0;
  for (size_t k = 0; p && k < p->n_sources; k++) {
    const ilcd_named *s = ilcd_db_source(c->db, &p->sources[k].uuid);
    const char *name = s ? s->name : p->sources[k].text;
    if (!name || !*name || strstr(buf, name)) continue;
    n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s", n ? "; " : "", name);
    if (n >= size) break;
  }
  return buf;
}

/* "IPCC AR5 GWP100 (no climate-carbon feedback) - Climate change" -> "IPCC AR5 GWP100" */
static void short_method(char *buf, size_t size, const char *name) {
  snprintf(buf, size, "%s", name ? name : "?");
  char *cut = strstr(buf, " (");
  if (!cut) cut = strstr(buf, " - ");
  if (cut && cut != buf) *cut = 0;
}

const char *pcf__html_gwp_set(const html_ctx *c, const ilcd_process *p, char *buf, size_t size, int *other) {
  *other = 0;
  const char *report = c->has_v && c->v.report ? c->v.report : NULL;
  char own[160];
  snprintf(own, sizeof own, "IPCC %s GWP100", report ? report : "");
  if (!report) snprintf(own, sizeof own, "%s", pcf_result_method(c->r));
  if (!p || !c->system) return snprintf(buf, size, "%s", own), buf;
  const char *used = NULL;
  pcf_direct_source how = pcf_system_direct_source(c->system, p, &used);
  if (how == PCF_DIRECT_PUBLISHED_OTHER) {
    char m[160];
    short_method(m, sizeof m, used);
    *other = 1;
    snprintf(buf, size, "%s (published total)", m);
  } else if (how == PCF_DIRECT_PUBLISHED) {
    snprintf(buf, size, "%s (published total)", own);
  } else {
    snprintf(buf, size, "%s", own);
  }
  return buf;
}

int pcf__html_stage_has_lines(const pcf_result *r, pcf_stage s) {
  for (size_t i = 0; i < pcf_result_line_count(r); i++)
    if (pcf_result_line(r, i)->stage == s) return 1;
  return 0;
}

int pcf_data_fingerprint(const ilcd_db *db, char buf[17]) {
  size_t n = db ? ilcd_db_count(db, ILCD_PROCESS) : 0;
  const ilcd_process **p = malloc((n ? n : 1) * sizeof *p);
  uint64_t h = 1469598103934665603ULL;
  buf[0] = 0;
  if (!p) return PCF_ERR_NOMEM; /* a fingerprint of part of the data would be a wrong one */
  {
    for (size_t i = 0; i < n; i++) p[i] = ilcd_db_process_at(db, i);
    /* UUID order: the fingerprint does not depend on the order the files were loaded in */
    for (size_t i = 1; i < n; i++)
      for (size_t j = i; j > 0 && memcmp(p[j]->uuid.b, p[j - 1]->uuid.b, 16) < 0; j--) {
        const ilcd_process *t = p[j];
        p[j] = p[j - 1], p[j - 1] = t;
      }
    for (size_t i = 0; i < n; i++) {
      char text[80];
      char u[40];
      snprintf(text, sizeof text, "%s %s;", ilcd_uuid_format(&p[i]->uuid, u), p[i]->version ? p[i]->version : "");
      for (const char *s = text; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    }
    free(p);
  }
  snprintf(buf, 17, "%016llx", (unsigned long long)h);
  return 0;
}

/* ---- the page ---- */

static void today(char *buf, size_t size) {
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(buf, size, "%Y-%m-%d", &tm);
}

static void title_block(html_ctx *c) {
  FILE *f = c->f;
  const pcf_result *r = c->r;
  fputs(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>CFP study report: ",
      f);
  pcf__html_text(f, pcf_result_name(r));
  fprintf(f,
          "</title>\n<style>%s</style></head><body>\n<header id=\"title\"><h1>Carbon footprint of a product: "
          "study report</h1>\n<p class=\"product\">",
          style);
  pcf__html_text(f, pcf_result_name(r));
  fputs("</p>\n<table class=\"kv\" id=\"facts\">\n", f);
  pcf__html_row(c, "Company", pcf__html_prof(c, "company", "name", NULL));
  pcf__html_row(c, "Practitioner", pcf__html_prof(c, "report", "practitioner", NULL));
  char date[32];
  today(date, sizeof date);
  pcf__html_row(c, "Report version", pcf__html_prof(c, "report", "version", NULL));
  pcf__html_row(c, "Report date", pcf__html_prof(c, "report", "date", date));
  char buf[512];
  snprintf(buf, sizeof buf, "ISO 14067:2018, Greenhouse gases: carbon footprint of products%s%s",
           strcmp(pcf__html_prof(c, "report", "pcr", "none"), "none") ? "; PCR: " : "",
           strcmp(pcf__html_prof(c, "report", "pcr", "none"), "none") ? pcf__html_prof(c, "report", "pcr", "") : "");
  pcf__html_row(c, "Standard", buf);
  const char *fp = c->fingerprint;
  size_t np = c->db ? ilcd_db_count(c->db, ILCD_PROCESS) : 0;
  snprintf(buf, sizeof buf, "pcf %s; data: %zu ILCD process datasets loaded (the bundled package%s), fingerprint %s",
           pcf_version(), np, c->product && pcf_product_data_count(c->product) ? " and the product's own data" : "",
           fp);
  pcf__html_row(c, "Software and data", buf);
  fputs("</table>\n", f);
  fputs("<div class=\"total\"><div><div class=\"big\" id=\"total\">", f);
  pcf__html_num(f, c->total, 4);
  fputs(" kg CO2e</div>per ", f);
  pcf__html_text(f, pcf_result_declared_unit(r));
  fputs(" (declared unit)</div><div>cradle to gate: <b>", f);
  pcf__html_num(f, pcf_result_cradle_to_gate(r), 4);
  fputs("</b> kg CO2e<br>primary data share: <b>", f);
  pcf__html_pct(f, pcf_result_primary_share(r));
  fputs("</b></div><div>GWP100, ", f);
  pcf__html_text(f, c->has_v && c->v.report ? "IPCC " : "");
  pcf__html_text(f, c->has_v && c->v.report ? c->v.report : pcf_result_method(r));
  fputs("<br>end-of-life rule: <b>", f);
  pcf__html_text(f, pcf_result_eol_rule(r));
  fputs("</b></div></div>\n</header>\n", f);
}

static void contents(FILE *f) {
  static const char *const toc[][2] = {{"goal", "1 Goal and scope"},
                                       {"unit", "2 Declared unit and reference flow"},
                                       {"boundary", "3 System boundary"},
                                       {"cutoff", "4 Cut-off criteria and what was left out"},
                                       {"allocation", "5 Allocation and the recycling rule"},
                                       {"bom", "6 Inventory: bill of materials"},
                                       {"scenarios", "7 Scenarios: production, transport, use, end of life"},
                                       {"electricity", "8 Electricity"},
                                       {"gwp", "9 GWP method and sets"},
                                       {"sources", "10 Data sources"},
                                       {"quality", "11 Data quality"},
                                       {"results", "12 Results"},
                                       {"sensitivity", "13 Sensitivity"},
                                       {"uncertainty", "14 Uncertainty"},
                                       {"limitations", "15 Limitations"},
                                       {"statements", "16 Review, offsets and value choices"},
                                       {"checklist", "17 ISO 14067 checklist"}};
  fputs("<nav class=\"toc\" id=\"contents\"><b>Contents</b>\n", f);
  for (size_t i = 0; i < sizeof toc / sizeof *toc; i++)
    fprintf(f, "<div><a href=\"#%s\">%s</a></div>\n", toc[i][0], toc[i][1]);
  fputs("</nav>\n", f);
}

static int rate_lines(html_ctx *c) {
  size_t n = pcf_result_line_count(c->r);
  c->dqr = calloc(n ? n : 1, sizeof *c->dqr);
  if (!c->dqr) return pcf_error_nomem(c->err);
  const char *country;
  pcf_dqr_target(c->o->profile, &c->year, &country);
  for (size_t i = 0; i < n; i++) {
    int rc = pcf_dqr_rate(&c->dqr[i], c->r, i, c->db, c->o->profile, c->year, country, c->err);
    if (rc) return rc;
  }
  pcf_dqr_aggregate(&c->dq, c->r, c->dqr);
  return 0;
}

int pcf_html_report(const pcf_result *r, const pcf_pact_options *o, const pcf_report_extras *x, FILE *out,
                    pcf_error *err) {
  html_ctx c = {.f = out,
                .r = r,
                .o = o,
                .product = o->product,
                .db = o->db,
                .err = err,
                .total = pcf_result_value(r, PCF_TOTAL)};
  if (x) c.x = *x;
  if (c.x.data) {
    c.system = pcf_data_system(c.x.data);
    if (!c.db) c.db = pcf_data_db(c.x.data);
  }
  /* A profile for another product is refused here as in PACT documents. */
  pact_identity who;
  if (o->product && !o->product_id && pcf__pact_identity_resolve(&who, r, o, err)) return err->code;
  pcf_error ignored = {0};
  /* The PACT figures are shown when the result can be put in PACT terms; the report does not
   * need them (a declared unit PACT lacks, a method it does not take). */
  c.has_v = pcf__pact_values_compute(&c.v, r, o, &ignored) == 0;
  if (!c.has_v) {
    memset(&c.v, 0, sizeof c.v);
    if (!o->method || !strcasecmp(o->method, "AR6"))
      c.v.report = "AR6";
    else if (!strcasecmp(o->method, "AR5"))
      c.v.report = "AR5";
    else if (!strcasecmp(o->method, "AR4"))
      c.v.report = "AR4";
  }
  pcf__caveats_summarise(&c.caveats, r);
  if (pcf_data_fingerprint(c.db, c.fingerprint)) return pcf_error_nomem(err);
  int rc = rate_lines(&c);
  if (rc) return free(c.dqr), rc;
  title_block(&c);
  contents(out);
  pcf__html_goal(&c);
  pcf__html_unit(&c);
  pcf__html_boundary(&c);
  rc = pcf__html_cutoff(&c);
  if (!rc) {
    pcf__html_allocation(&c);
    pcf__html_bom(&c);
    pcf__html_scenarios(&c);
    pcf__html_electricity(&c);
    pcf__html_gwp(&c);
    pcf__html_sources(&c);
    pcf__html_quality(&c);
    pcf__html_results(&c);
    pcf__html_sensitivity(&c);
    pcf__html_uncertainty(&c);
    pcf__html_limitations(&c);
    pcf__html_statements(&c);
    pcf__html_checklist(&c);
    const char *fp = c.fingerprint;
    fprintf(out,
            "<footer>Prepared with pcf %s (ISO 14067 footprint engine) from the product model and the datasets "
            "named above (data fingerprint %s). Values are kg CO2e per declared unit unless stated; numbers are "
            "rounded to four significant digits, the machine-readable values are in pcf's JSON output.</footer>\n"
            "</body></html>\n",
            pcf_version(), fp);
  }
  free(c.dqr);
  if (!rc && c.oom) rc = pcf_error_nomem(err); /* a section or chart could not be built */
  if (rc) return rc;
  if (ferror(out)) return pcf_error_set(err, PCF_ERR_IO, NULL, 0, "cannot write the HTML report");
  return 0;
}

int pcf_html_write(const pcf_result *r, const pcf_pact_options *o, FILE *out, pcf_error *err) {
  return pcf_html_report(r, o, NULL, out, err);
}
