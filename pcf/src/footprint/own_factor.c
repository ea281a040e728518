/* own_factor.c: a line valued with the user's own secondary factor. ISO 14067:2018, 6.3.5 tells
 * primary data (site-specific, a supplier's PCF) from secondary data (from other sources than the
 * studied processes); a factor a designer takes from a publication or a database is secondary, and
 * 6.3.5 and 7.3 (the report) want its source. The line's amount is converted into the factor's unit
 * through the ILCD unit groups of the loaded data (one group holding both units), or its mass when
 * the factor is per a mass unit and the line is counted otherwise. */
#include "own_factor.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int pcf__own_factor_line(pcf_result *r, const pcf_data *d, const pcf_item *it, pcf_line *line, pcf_error *err) {
  ilcd_error ie = {0}, by_mass = {0};
  double amount;
  int rc = ilcd_db_unit_convert(d->db, it->amount, it->unit, it->factor_unit, &amount, &ie);
  if (rc && !isnan(it->mass_kg)) {
    /* Counted in pieces, metres...: its mass, scrap included, when the factor is per a mass. */
    double input_kg = it->mass_kg / (1 - it->scrap_rate);
    if (!ilcd_db_unit_convert(d->db, input_kg, "kg", it->factor_unit, &amount, &by_mass)) rc = 0;
  }
  if (rc)
    return pcf_error_set(err, PCF_ERR_UNIT, it->file, it->line,
                         "%s: factor %g kg CO2e/%s, but the line is counted in %s%s: %s", it->component,
                         it->factor_kg_co2e_per_unit, it->factor_unit, it->unit,
                         isnan(it->mass_kg) ? " and has no mass" : "", ie.message);
  line->amount = amount;
  line->unit = it->factor_unit;
  line->primary = 0;
  line->factor_source = it->factor_source ? it->factor_source : "";
  line->factor_quality = it->factor_quality ? it->factor_quality : "";
  line->value[PCF_TOTAL] = line->value[PCF_FOSSIL] = amount * it->factor_kg_co2e_per_unit;
  pcf__result_warn(r,
                   "%s: own factor %g kg CO2e/%s (secondary data, source: %s) has no fossil/biogenic split; counted "
                   "as fossil",
                   it->component, it->factor_kg_co2e_per_unit, it->factor_unit, line->factor_source);
  return 0;
}
