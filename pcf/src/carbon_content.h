/* carbon_content.h: the carbon a product contains, from its datasets' flow properties. */
#ifndef PCF_CARBON_CONTENT_H
#define PCF_CARBON_CONTENT_H

#include "data_internal.h"

/* EF flow properties (kg C per unit of the flow's reference property). */
#define PCF_CARBON_FOSSIL_PROPERTY "64b8e725-b0ba-4837-abb9-62dc0e7b9f6f"
#define PCF_CARBON_BIOGENIC_PROPERTY "62e503ce-544a-4599-b2ad-bcea15a7bf20"

/* Counts a BOM leaf in c and adds the carbon in its mass_kg of the reference flow of process p:
 * each of the two kinds when the flow declares it, nothing when it does not or the mass is NaN. */
void carbon_content_add(pcf_carbon_content *c, const pcf_data *d, const ilcd_process *p, double mass_kg);

#endif
