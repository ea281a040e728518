/* html_internal.h: pieces of the HTML report (private). */
#ifndef PCF_HTML_INTERNAL_H
#define PCF_HTML_INTERNAL_H

#include <stdio.h>

#include "pcf/html.h"

extern const char *const html_stage_colors[PCF_STAGE_COUNT];

/* Writes s with &, <, >, " escaped. */
void html_text(FILE *f, const char *s);
/* Inline SVG charts. Values in kg CO2e; nothing is drawn for an all-zero chart. */
void html_svg_stages(FILE *f, const pcf_result *r);
void html_svg_hotspots(FILE *f, const pcf_result *r, size_t max_bars);
void html_svg_sankey(FILE *f, const pcf_result *r);

#endif
