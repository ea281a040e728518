/* carbon_content.h: the carbon a product contains, from its datasets' flow properties. */
#ifndef PCF_CARBON_CONTENT_H
#define PCF_CARBON_CONTENT_H

#include "data_internal.h"

/* Counts a BOM leaf in c and adds the carbon in its mass_kg of the reference flow of process p:
 * each of the two kinds when the flow declares it, nothing when it does not or the mass is NaN. */
void pcf__carbon_content_add(pcf_carbon_content *c, const pcf_data *d, const ilcd_process *p, double mass_kg);
/* The same with the answer of pcf__carbon_per_kg for p already known (rc, f, b). */
void pcf__carbon_content_count(pcf_carbon_content *c, int rc, double f, double b, double mass_kg);

/* Carbon per kg of the reference flow of process p, fossil and biogenic (kg C/kg), from its "Carbon
 * content" flow properties; NaN for a kind it does not declare. Returns 0, or -1 when it declares
 * neither (or its unit has no mass). */
int pcf__carbon_per_kg(const pcf_data *d, const ilcd_process *p, double *fossil_kg_c, double *biogenic_kg_c);

#endif
