/* html.h: a self-contained ISO 14067 study report as one HTML page (inline CSS and inline SVG
 * charts, no scripts, no network): goal and scope, results in the ISO 14067 split, per stage and
 * per component, the product's tree by stage, data quality and limitations. */
#ifndef PCF_HTML_H
#define PCF_HTML_H

#include <stdio.h>

#include "pcf/pact.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writes the report of r. The options are those of the PACT writer: the profile (company, reference
 * period, geography; may be NULL), the product (for scope details; NULL for a process footprint),
 * the loaded data (dataset years, places and sources; may be NULL) and the method alias. Returns 0,
 * PCF_ERR_INPUT (a malformed [dqr] rating), PCF_ERR_IO or PCF_ERR_NOMEM. */
int pcf_html_write(const pcf_result *r, const pcf_pact_options *o, FILE *out, pcf_error *err);

#ifdef __cplusplus
}
#endif
#endif
