/* eol_carbon.h: end of life by the material's own carbon. The bundled incineration and landfill
 * datasets describe a family's average waste ("textiles": IPCC 2006 Vol. 5 Table 2.4, 20 % of its
 * carbon fossil), and their waste flows declare that carbon content with the EF "Carbon content"
 * flow properties. A material that declares its own (polyester: all fossil) replaces it:
 *  - incineration, with or without energy recovery: the carbon is oxidised (IPCC 2006 Vol. 5 Eq.
 *    5.1 with the oxidation factor 1 of Table 5.2 for municipal waste incinerators, as the bundled
 *    datasets assume): each kg of fossil (biogenic) carbon the material holds beyond the family's
 *    emits 44/12 kg more fossil (biogenic) CO2, to non-urban air or from high stacks (and short of
 *    it, less);
 *  - landfill: fossil carbon does not degrade (IPCC 2006 Vol. 5 Chapter 3 counts degradable
 *    organic carbon only): the route's own emissions, the degradation of the family's biogenic
 *    carbon, scale by the material's biogenic carbon over the family's; what its linked datasets
 *    hold (collection, landfill operation) stays as it is.
 * Recycling carries the carbon into the next life: nothing changes. Private to the engine. */
#ifndef PCF_EOL_CARBON_H
#define PCF_EOL_CARBON_H

#include "data_internal.h"
#include "pcf/eol.h"

typedef enum eol_carbon_status {
  EOL_CARBON_OWN,           /* the material's carbon replaced the family's */
  EOL_CARBON_NO_MATERIAL,   /* the material declares no carbon content: the family's stands */
  EOL_CARBON_NO_ROUTE,      /* the route's waste flow declares none, or a landfill whose family has
                              no biogenic carbon to scale from: the family's stands */
  EOL_CARBON_NOT_APPLICABLE /* recycling */
} eol_carbon_status;

/* Adds to out (PCF_VALUE_COUNT entries, per kg of waste) what route, of kind, emits beyond its
 * family default for a material holding fossil_kg_c and biogenic_kg_c per kg (NaN: not declared).
 * *status says which rule applied. Returns 0, or an error when the method cannot characterise CO2. */
int pcf__eol_carbon_adjust(const pcf_data *d, const ilcd_process *route, pcf_eol_route kind, double fossil_kg_c,
                           double biogenic_kg_c, double *out, eol_carbon_status *status, pcf_error *err);

#endif
