/* html_internal.h: the parts of the ISO 14067 study report (private): one context shared by the
 * sections (html.c writes the page and calls them in order), number formats and small helpers. */
#ifndef PCF_HTML_INTERNAL_H
#define PCF_HTML_INTERNAL_H

#include <stdio.h>

#include "caveats.h"
#include "pact_internal.h"
#include "pcf/html.h"

/* Stage colours, shared with the comparison page (compare_html.c). */
extern const char *const pcf__html_stage_colors[PCF_STAGE_COUNT];

typedef struct html_ctx {
  FILE *f;
  const pcf_result *r;
  const pcf_pact_options *o;
  pcf_report_extras x;        /* zeroed when none were given */
  const pcf_product *product; /* o->product: NULL for a process footprint */
  const ilcd_db *db;          /* may be NULL */
  const pcf_system *system;   /* NULL without x.data */
  pact_values v;
  int has_v;         /* the result could be put in PACT terms */
  double total;      /* kg CO2e per declared unit */
  pcf_dqr_line *dqr; /* one per line */
  pcf_dqr_summary dq;
  int year; /* the year the data should represent */
  caveat_summary caveats;
  char fingerprint[17]; /* pcf_data_fingerprint of db */
  int oom;              /* a section ran out of memory: the report fails with PCF_ERR_NOMEM */
  pcf_error *err;
} html_ctx;

/* ---- html.c: helpers ---- */
/* Writes s with &, <, >, " escaped. */
void pcf__html_text(FILE *f, const char *s);
/* v with sig significant digits in plain notation and thousands separated ("215.1", "1,234",
 * "0.003056"); below 1e-4 in magnitude as "1.23×10<sup>-5</sup>"; 0 as "0". */
void pcf__html_num(FILE *f, double v, int sig);
/* The same into buf (plain text, "1.23e-5" below 1e-4). A negative sig formats an input as the
 * user gave it: -sig digits at most, trailing zeros dropped ("5", "0.1", "1,500"). */
const char *pcf__html_fmt(char *buf, size_t size, double v, int sig);
/* A share 0..1 as a percentage with one decimal ("12.3 %", "< 0.1 %" for small non-zero ones). */
void pcf__html_pct(FILE *f, double share);
/* A profile value ([section] key), or fallback when missing or empty. */
const char *pcf__html_prof(const html_ctx *c, const char *section, const char *key, const char *fallback);
/* <tr><th>key</th><td>value</td></tr> with value escaped (a missing value shows "not stated"). */
void pcf__html_row(html_ctx *c, const char *key, const char *value);
/* The dataset of a line in the loaded data, or NULL (primary data, unknown). */
const ilcd_process *pcf__html_process(const html_ctx *c, const pcf_line *l);
/* The product item a line comes from (same stage and component and dataset), or NULL. */
const pcf_item *pcf__html_item(const html_ctx *c, const pcf_line *l);
/* The names of the data sources a dataset cites, "; "-separated, into buf ("" when none). */
const char *pcf__html_sources_of(const html_ctx *c, const ilcd_process *p, char *buf, size_t size);
/* How a dataset's figures are characterised: "IPCC AR6 (EF 3.1)" for characterised exchanges, or
 * the method of the total it publishes; other is set when that differs from the report's method. */
const char *pcf__html_gwp_set(const html_ctx *c, const ilcd_process *p, char *buf, size_t size, int *other);
/* Whether the result has lines in stage s. */
int pcf__html_stage_has_lines(const pcf_result *r, pcf_stage s);

/* ---- the sections, in the report's order ---- */
void pcf__html_goal(html_ctx *c); /* html_scope.c */
void pcf__html_unit(html_ctx *c);
void pcf__html_boundary(html_ctx *c);
void pcf__html_allocation(html_ctx *c);
int pcf__html_cutoff(html_ctx *c); /* html_cutoff.c */
void pcf__html_bom(html_ctx *c);   /* html_inventory.c */
void pcf__html_scenarios(html_ctx *c);
void pcf__html_electricity(html_ctx *c);
void pcf__html_gwp(html_ctx *c); /* html_sources.c */
void pcf__html_sources(html_ctx *c);
void pcf__html_quality(html_ctx *c);
void pcf__html_results(html_ctx *c);     /* html_results.c */
void pcf__html_sensitivity(html_ctx *c); /* html_interpret.c */
void pcf__html_uncertainty(html_ctx *c);
void pcf__html_limitations(html_ctx *c);
void pcf__html_statements(html_ctx *c);
void pcf__html_checklist(html_ctx *c);

/* ---- html_svg.c: charts (values in kg CO2e; nothing drawn when all are zero) ---- */
void pcf__html_chart_stages(html_ctx *c);
void pcf__html_chart_hotspots(html_ctx *c, size_t max_bars);
void pcf__html_svg_sankey(html_ctx *c);

#endif
