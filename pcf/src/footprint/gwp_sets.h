/* gwp_sets.h: the datasets of a footprint's chain that publish only a CO2e total for another GWP
 * set than the selected method, gathered while the hotspots are counted and said in one warning
 * (which sets, which lines, their share of the total). */
#ifndef PCF_GWP_SETS_H
#define PCF_GWP_SETS_H

#include <stddef.h>

#include "ilcd/ilcd.h"
#include "result_internal.h"

typedef struct gwp_other {
  const ilcd_process *p;
  const char *set; /* the method whose result is used, as the data names it */
  double kg_co2e;  /* what the dataset adds to the footprint, as published */
} gwp_other;

typedef struct gwp_sets {
  gwp_other *v;
  size_t n, cap;
} gwp_sets;

/* Notes that process p (once) publishes only a result for set and adds kg_co2e. Returns 0 or -1
 * when out of memory. */
int pcf__gwp_sets_add(gwp_sets *g, const ilcd_process *p, const char *set, double kg_co2e);

/* One warning for all of them (none when g is empty), grouped by set with their kg CO2e, their share
 * of r's total and the result lines valued with them; method is the selected method's name. */
void pcf__gwp_sets_warn(pcf_result *r, const gwp_sets *g, const char *method);

void pcf__gwp_sets_free(gwp_sets *g);

#endif
