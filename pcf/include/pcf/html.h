/* html.h: the ISO 14067 CFP study report as one self-contained HTML page (inline CSS, charts drawn
 * in HTML and inline SVG, no script, nothing fetched): goal and scope, declared unit and reference
 * flow, system boundary, cut-off with the size of what was left out, allocation and the recycling
 * rule, the inventory (BOM, scenarios, electricity, GWP sets, sources, data quality), results in
 * the ISO 14067 split per stage and per line, carbon content, module D, sensitivity, uncertainty,
 * limitations found in the run, and the statements the user makes (PCR, critical review, offsets,
 * report date and version). README, "The ISO 14067 study report", maps each part to its clause. */
#ifndef PCF_HTML_H
#define PCF_HTML_H

#include "pcf/export.h"

#include <stdio.h>

#include "pcf/compare.h"
#include "pcf/data.h"
#include "pcf/pact.h"
#include "pcf/uncertainty.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a report shows besides the result; every member may be NULL. Borrowed. */
typedef struct pcf_report_extras {
  const pcf_data *data;              /* the loaded data: GWP set of each process, the maps (to
                                           estimate what was left out) and the package fingerprint */
  const pcf_comparison *sensitivity; /* pcf_compare_run with sensitivity of the base design:
                                           its elasticities are shown */
  const pcf_unc_model *uncertainty;  /* the uncertainty model (its user inputs are listed) */
  const pcf_unc_result *monte_carlo; /* pcf_unc_run on it */
  const pcf_unc_analytic *analytic;  /* pcf_unc_analytic_run on it */
  const char *inputs_path;           /* the user-uncertainty file given (shown by name) */
} pcf_report_extras;

/* The version of pcf writing a report ("0.1.0"). */
PCF_EXTERN const char *pcf_version(void);

/* A fingerprint of the loaded ILCD data (16 hex digits of FNV-1a 64 over every process's UUID and
 * version, in UUID order): two runs on the same data show the same one, a changed, added or removed
 * dataset changes it. buf receives at least 17 bytes. Returns 0, or PCF_ERR_NOMEM (buf "") when
 * the processes could not be sorted. */
PCF_EXTERN int pcf_data_fingerprint(const ilcd_db *db, char buf[17]);

/* Writes the report of r. The options are those of the PACT writer: the profile (company, request,
 * the [report] statements; may be NULL), the product (NULL for a process footprint), the loaded
 * data's db and the method alias. A profile whose product keys name another product is refused
 * (pact.h). Returns 0, PCF_ERR_INPUT (a malformed [dqr] rating, a profile for another product),
 * PCF_ERR_IO or PCF_ERR_NOMEM. */
PCF_EXTERN int pcf_html_report(const pcf_result *r, const pcf_pact_options *o, const pcf_report_extras *x, FILE *out,
                               pcf_error *err);
/* pcf_html_report without extras. */
PCF_EXTERN int pcf_html_write(const pcf_result *r, const pcf_pact_options *o, FILE *out, pcf_error *err);

#ifdef __cplusplus
}
#endif
#endif
