/* carbon_content.c: the carbon a product contains (ISO 14067 asks for the biogenic carbon content
 * of the product, PACT for fossilCarbonContent and biogenicCarbonContent). Each BOM leaf's net
 * mass times the "Carbon content (fossil)" and "Carbon content (biogenic)" flow properties that
 * EF-compliant ILCD datasets declare on their reference product flow, converted through the flow's
 * own properties: the ILCD way, so supplier and EPD datasets that declare it count too. */
#include "carbon_content.h"

#include <math.h>

/* Carbon per unit of the flow's reference property, NAN when the flow does not declare it. */
static double per_reference_unit(const ilcd_flow *f, const ilcd_uuid *property) {
  if (f->reference_property < 0) return NAN;
  double ref = f->properties[f->reference_property].mean_value;
  for (size_t i = 0; i < f->n_properties; i++)
    if (ilcd_uuid_equal(&f->properties[i].property.uuid, property) && ref > 0) return f->properties[i].mean_value / ref;
  return NAN;
}

void carbon_content_add(pcf_carbon_content *c, const pcf_data *d, const ilcd_process *p, double mass_kg) {
  c->lines++;
  if (isnan(mass_kg)) return;
  const ilcd_exchange *ex;
  const ilcd_flow *flow;
  const char *unit;
  pcf_error ignored = {0};
  if (!p || pcf_system_reference(d->system, p, &ex, &flow, &unit, &ignored) || !flow) return;
  ilcd_uuid fossil, biogenic;
  ilcd_uuid_parse(&fossil, PCF_CARBON_FOSSIL_PROPERTY);
  ilcd_uuid_parse(&biogenic, PCF_CARBON_BIOGENIC_PROPERTY);
  double f = per_reference_unit(flow, &fossil), b = per_reference_unit(flow, &biogenic);
  if (isnan(f) && isnan(b)) return; /* most datasets: no unit conversion needed to know that */
  /* The line's mass in the flow's reference unit (through its mass property when it has one). */
  double amount;
  ilcd_error ie = {0};
  if (ilcd_flow_to_reference(d->db, flow, mass_kg, "kg", &amount, &ie)) return;
  if (!isnan(f)) c->fossil_kg += amount * f, c->fossil_lines++;
  if (!isnan(b)) c->biogenic_kg += amount * b, c->biogenic_lines++;
}
