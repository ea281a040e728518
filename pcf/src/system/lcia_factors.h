/* lcia_factors.h: characterisation of a process's elementary exchanges with a method family (total,
 * fossil, biogenic, land use and land-use change), private to the engine. */
#ifndef PCF_LCIA_FACTORS_H
#define PCF_LCIA_FACTORS_H

#include <ilcd/ilcd.h>

#include "pcf/error.h"
#include "pcf/system.h"

typedef struct lcia_factors lcia_factors;

int pcf__lcia_factors_new(lcia_factors **out, const ilcd_db *db, const pcf_method_set *method, pcf_error *err);
void pcf__lcia_factors_free(lcia_factors *f);

/* Direct indicators of p per its exchanges as written (not per unit reference flow): out has
 * PCF_VALUE_COUNT entries (aircraft left 0). For an aggregated data set without elementary
 * exchanges, its published result is used; *used_name then names the method it was published for.
 * An ILCD+EPD data set (results per module) counts with its GWP indicators' modules A1-A3, cradle
 * to gate, split and scaled as epd.h says; the result of the selected method is not looked for.
 * Without a fossil/biogenic/LUC split in the published results, the total is counted as fossil. */
pcf_direct_source pcf__lcia_direct_ex(const lcia_factors *f, const ilcd_process *p, double *out,
                                      const char **used_name);
static inline void lcia_direct(const lcia_factors *f, const ilcd_process *p, double *out) {
  pcf__lcia_direct_ex(f, p, out, 0);
}

/* Adds to out (PCF_VALUE_COUNT entries) what `amount` of an elementary flow in this direction
 * counts for, as it would inside a process. Returns 0, or -1 when the method has no factor for it. */
int pcf__lcia_exchange(const lcia_factors *f, const ilcd_uuid *flow, ilcd_direction direction, double amount,
                       double *out);

/* Whether the selected total method characterises this flow in this direction. */
int pcf__lcia_has_factor(const lcia_factors *f, const ilcd_uuid *flow, ilcd_direction direction);
/* Its total factor (kg CO2e per reference unit of the flow), or NaN without one. */
double pcf__lcia_factor(const lcia_factors *f, const ilcd_uuid *flow, ilcd_direction direction);

#endif
