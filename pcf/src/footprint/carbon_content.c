/* carbon_content.c: the carbon a product contains (ISO 14067 asks for the biogenic carbon content
 * of the product, PACT for fossilCarbonContent and biogenicCarbonContent). Each BOM leaf's net
 * mass times the "Carbon content (fossil)" and "Carbon content (biogenic)" flow properties that
 * EF-compliant ILCD datasets declare on their reference product flow, converted through the flow's
 * own properties: the ILCD way, so supplier and EPD datasets that declare it count too. */
#include "carbon_content.h"

#include <math.h>

/* The EF flow properties, kg C per unit of the flow's reference property: "Carbon content
 * (fossil)" 64b8e725-b0ba-4837-abb9-62dc0e7b9f6f and "Carbon content (biogenic)"
 * 62e503ce-544a-4599-b2ad-bcea15a7bf20 (constants: this runs for every BOM line of a batch). */
static const ilcd_uuid fossil = {
    {0x64, 0xb8, 0xe7, 0x25, 0xb0, 0xba, 0x48, 0x37, 0xab, 0xb9, 0x62, 0xdc, 0x0e, 0x7b, 0x9f, 0x6f}};
static const ilcd_uuid biogenic = {
    {0x62, 0xe5, 0x03, 0xce, 0x54, 0x4a, 0x45, 0x99, 0xb2, 0xad, 0xbc, 0xea, 0x15, 0xa7, 0xbf, 0x20}};

/* Carbon per unit of the flow's reference property, NAN when the flow does not declare it. */
static double per_reference_unit(const ilcd_flow *f, const ilcd_uuid *property) {
  if (f->reference_property < 0) return NAN;
  double ref = f->properties[f->reference_property].mean_value;
  for (size_t i = 0; i < f->n_properties; i++)
    if (ilcd_uuid_equal(&f->properties[i].property.uuid, property) && ref > 0) return f->properties[i].mean_value / ref;
  return NAN;
}

int pcf__carbon_per_kg(const pcf_data *d, const ilcd_process *p, double *fossil_kg_c, double *biogenic_kg_c) {
  *fossil_kg_c = *biogenic_kg_c = NAN;
  const ilcd_exchange *ex;
  const ilcd_flow *flow;
  const char *unit;
  pcf_error ignored = {0};
  if (!p || pcf_system_reference(d->system, p, &ex, &flow, &unit, &ignored) || !flow) return -1;
  double f = per_reference_unit(flow, &fossil), b = per_reference_unit(flow, &biogenic);
  if (isnan(f) && isnan(b)) return -1; /* most datasets: no unit conversion needed to know that */
  /* Reference units per kg (through the flow's mass property when it is not measured in mass). */
  double per_kg;
  ilcd_error ie = {0};
  if (ilcd_flow_to_reference(d->db, flow, 1, "kg", &per_kg, &ie)) return -1;
  *fossil_kg_c = f * per_kg;
  *biogenic_kg_c = b * per_kg;
  return 0;
}

void pcf__carbon_content_count(pcf_carbon_content *c, int rc, double f, double b, double mass_kg) {
  c->lines++;
  if (isnan(mass_kg) || rc) return;
  if (!isnan(f)) c->fossil_kg += mass_kg * f, c->fossil_lines++;
  if (!isnan(b)) c->biogenic_kg += mass_kg * b, c->biogenic_lines++;
}

void pcf__carbon_content_add(pcf_carbon_content *c, const pcf_data *d, const ilcd_process *p, double mass_kg) {
  double f = NAN, b = NAN;
  int rc = isnan(mass_kg) ? -1 : pcf__carbon_per_kg(d, p, &f, &b);
  pcf__carbon_content_count(c, rc, f, b, mass_kg);
}
