/* epd_line.h: an ILCD+EPD data set in a footprint (epd.h reads it; this says what the footprint
 * does with it). Private to the engine. */
#ifndef PCF_EPD_LINE_H
#define PCF_EPD_LINE_H

#include <stdbool.h>

#include "data_internal.h"
#include "epd.h"
#include "result_internal.h"

/* What the footprint does with an EPD data set p valued for item it (it NULL: a process footprint):
 * says in r's warnings how it was read (family, modules, split, declared unit), and, for a BOM
 * leaf whose end of life the product's scenario does not model (eol_modelled false), adds the
 * EPD's modules C1-C4 as the line's end-of-life line (net quantity, converted to the EPD's
 * reference unit) and module D as a line beyond the boundary (module_d); hotspots: the end of life
 * counts to p's contribution. Nothing for other processes. Returns 0 or a pcf_status. */
int pcf__epd_line(pcf_result *r, const pcf_data *d, const pcf_item *it, const ilcd_process *p, bool eol_modelled,
                  bool hotspots, pcf_error *err);

#endif
