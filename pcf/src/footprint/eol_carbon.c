/* eol_carbon.c: end of life by the material's own carbon (eol_carbon.h). */
#include "eol_carbon.h"

#include <math.h>

#include "carbon_content.h"

/* 44/12: kg of CO2 per kg of carbon oxidised (molar masses 44.009 and 12.011 round to these, as the
 * IPCC equation writes them). */
static const double CO2_PER_C = 44.0 / 12.0;

/* EF 3.1 "carbon dioxide (fossil)" and "carbon dioxide (biogenic)", emissions to non-urban air or
 * from high stacks: the flows the bundled incinerators emit. */
static const ilcd_uuid fossil_co2 = {
    {0x08, 0xa9, 0x1e, 0x70, 0x3d, 0xdc, 0x11, 0xdd, 0x9c, 0x13, 0x00, 0x50, 0xc2, 0x49, 0x00, 0x48}};
static const ilcd_uuid biogenic_co2 = {
    {0x08, 0xa9, 0x1e, 0x70, 0x3d, 0xdc, 0x11, 0xdd, 0x92, 0x41, 0x00, 0x50, 0xc2, 0x49, 0x00, 0x48}};

static int oxidised(const pcf_data *d, const ilcd_uuid *flow, double kg_c, double *out, pcf_error *err) {
  if (kg_c == 0) return 0;
  double x[PCF_VALUE_COUNT] = {0};
  if (pcf_system_characterise(d->system, flow, ILCD_OUTPUT, CO2_PER_C * kg_c, x)) {
    char id[40];
    return pcf_error_set(err, PCF_ERR_NOT_FOUND, NULL, 0,
                         "end of life by the material's carbon: the method has no factor for CO2 flow %s",
                         ilcd_uuid_format(flow, id));
  }
  /* Less carbon than the family's is less emitted, not a removal: it stays with the emissions. */
  x[PCF_BIOGENIC_EMISSIONS] += x[PCF_BIOGENIC_REMOVALS];
  x[PCF_BIOGENIC_REMOVALS] = 0;
  for (int k = 0; k < PCF_VALUE_COUNT; k++) out[k] += x[k];
  return 0;
}

int pcf__eol_carbon_adjust(const pcf_data *d, const ilcd_process *route, pcf_eol_route kind, double fossil_kg_c,
                           double biogenic_kg_c, double *out, eol_carbon_status *status, pcf_error *err) {
  *status = EOL_CARBON_NOT_APPLICABLE;
  if (kind == PCF_EOL_RECYCLING) return 0;
  *status = EOL_CARBON_NO_MATERIAL;
  if (isnan(fossil_kg_c) || isnan(biogenic_kg_c)) return 0;
  double route_fossil, route_biogenic;
  *status = EOL_CARBON_NO_ROUTE;
  if (pcf__carbon_per_kg(d, route, &route_fossil, &route_biogenic) || isnan(route_fossil) || isnan(route_biogenic))
    return 0;
  if (kind == PCF_EOL_LANDFILL) {
    if (route_biogenic <= 0) {
      if (biogenic_kg_c > 0) return 0; /* nothing to scale from: the family's stands (a warning) */
      *status = EOL_CARBON_OWN;        /* no degradable carbon either side */
      return 0;
    }
    /* The route's own emissions per kg of the waste it takes in. */
    const ilcd_exchange *ref;
    int rc = pcf_system_reference(d->system, route, &ref, NULL, NULL, err);
    if (rc) return rc;
    double own[PCF_VALUE_COUNT];
    pcf_system_direct_impacts(d->system, route, own);
    double k = (biogenic_kg_c / route_biogenic - 1) / ref->resulting_amount;
    for (int i = 0; i < PCF_VALUE_COUNT; i++) out[i] += k * own[i];
    *status = EOL_CARBON_OWN;
    return 0;
  }
  int rc = oxidised(d, &fossil_co2, fossil_kg_c - route_fossil, out, err);
  if (!rc) rc = oxidised(d, &biogenic_co2, biogenic_kg_c - route_biogenic, out, err);
  if (!rc) *status = EOL_CARBON_OWN;
  return rc;
}
