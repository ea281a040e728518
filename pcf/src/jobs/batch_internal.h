/* batch_internal.h: shared by the batch's files. */
#ifndef PCF_BATCH_INTERNAL_H
#define PCF_BATCH_INTERNAL_H

#include "pcf/batch.h"

/* pcf_batch_footprint, with the process and flow contributions when hotspots is 1 (each list's top
 * largest, 0: all). */
int pcf__batch_footprint(pcf_result **out, const pcf_data *d, const pcf_solution *whole, const pcf_product *product,
                         const pcf_catalogue_entry *entry, int hotspots, size_t top, pcf_error *err);

#endif
