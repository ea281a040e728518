/* epd.h: ILCD+EPD (EN 15804) data sets as the data of a BOM line, private to the engine.
 *
 * An EPD data set publishes no inventory: its results are LCIA results per life-cycle module
 * (epd:amount epd:module="A1-A3" in common:other, ILCD+EPD format), for indicators whose methods
 * pcf does not load. The rule (README, "EPD data sets"):
 *
 * Indicators. GWP indicators are known by UUID (InDataWG/ILCD-EPD-Data-Format,
 * doc/identifiers): EN 15804+A2 with EF 3.1 factors (GWP-total a7ea142a-…, -fossil a7ea19c0-…,
 * -biogenic a7ea186c-…, -luluc a7ea1ae2-…), EN 15804+A2 with EF 3.0 factors (6a37f984-…,
 * 5f635281-…, 2356e1ab-…, 4331bbdb-…), EN 15804+A1 GWP (77e416eb-…, a total without parts);
 * else by name: "global warming", "GWP" or "climate change"; "fossil", "biogen", "luluc" / "land
 * use" make a part (two of them: neither); GWP-GHG, -IOBC, "excluding"/"including" variants and
 * damage indicators are none of them. A part is never taken as the total. The first family in
 * that order with a total is used, its parts only from the same family.
 *
 * Modules. Cradle to gate is module A1-A3 when declared (also written "A1-3", "A1A3"), else the
 * sum of the declared A1, A2 and A3. End of life is the sum of the declared C1, C2, C3 and C4;
 * module D stands apart (beyond the system boundary, never in a total). Empty amounts are "not
 * declared", not zero. A module declared more than once in one indicator holds alternative
 * scenarios (epd:scenario): they are never summed; the one of the scenario the EPD declares as its
 * default (epd:scenarios, epd:default="true") is taken, and without exactly one such the stage is
 * not taken from the EPD (A1-A3: an error). A GWP result without any module (a published
 * meanAmount) counts as cradle to gate.
 *
 * Split (ISO 14067 6.4.9, 7.3). With GWP-fossil, -biogenic and -luluc, fossil is GWP-fossil,
 * each module's GWP-biogenic counts as a biogenic emission when positive and a removal when
 * negative (EN 15804+A2 counts biogenic CO2 at -1/+1 in it), dLUC is GWP-luluc, and the total is
 * the published GWP-total. Parts that differ from the total by more than their rounding (1 % of
 * their magnitudes) are inconsistent: that stage's split is then unknown. Split unknown (GWP-total
 * alone, or inconsistent parts): the total counts as fossil, with a warning. GWP-biogenic is also
 * the line's biogenic CO2 (PCF_BIO_CO2_*, kg at GWP 1), so that the total without biogenic CO2 is
 * GWP-fossil + GWP-luluc; the biogenic methane EN 15804+A2 counts in GWP-biogenic too (not
 * published apart, usually small) goes with it. Split unknown: no biogenic CO2.
 *
 * Declared unit. The results are per reference exchange as written: when the reference flow's
 * reference flow property has a mean value m other than 1 (1 unit of the flow = m kg: results
 * per tonne when m = 1000), the engine, which reads exchange amounts in the reference unit of that
 * property, gets the results divided by m. */
#ifndef PCF_EPD_H
#define PCF_EPD_H

#include <ilcd/ilcd.h>
#include <stdbool.h>

#include "pcf/system.h"

typedef enum epd_stage { EPD_A1_A3, EPD_C1_C4, EPD_D, EPD_STAGE_COUNT } epd_stage;
typedef enum epd_part { EPD_TOTAL, EPD_FOSSIL, EPD_BIOGENIC, EPD_LULUC, EPD_PART_COUNT } epd_part;

typedef struct epd_gwp {
  bool per_module;                       /* some LCIA result carries amounts per module: an EPD data set */
  bool has_total;                        /* a GWP total was found */
  bool split;                            /* and at least GWP-fossil of the same family */
  const char *indicator;                 /* the total's name as written ("" when none) */
  const char *family;                    /* "EN 15804+A2 (EF 3.1)", "EN 15804+A2 (EF 3.0)", "EN 15804+A1", "by name" */
  double ref_mean_value;                 /* the mean value m of the reference flow's reference property (1 if none) */
  bool has[EPD_STAGE_COUNT];             /* the total declares the stage (a module of it) */
  char modules[EPD_STAGE_COUNT][24];     /* the total's modules used: "A1-A3", "A1+A2+A3", "C2+C4" */
  char duplicate[EPD_STAGE_COUNT][8];    /* a module with alternative scenarios, none of them the
                                         default: the stage is not used */
  const char *scenario[EPD_STAGE_COUNT]; /* the default scenario taken for the stage, or NULL */
  bool disagree[EPD_STAGE_COUNT];        /* split, but its parts do not add up to the total */
  /* Per the reference exchange as written, divided by m, in the pcf value layout. */
  double value[EPD_STAGE_COUNT][PCF_VALUE_COUNT];
  double parts[EPD_STAGE_COUNT][EPD_PART_COUNT]; /* the published figures (divided by m) */
} epd_gwp;

/* Reads the GWP indicators of process p (db: its reference flow and the names of loaded
 * methods). Fills out in any case; returns out->per_module. */
bool pcf__epd_read(const ilcd_db *db, const ilcd_process *p, epd_gwp *out);

/* Whether a total differs from fossil + biogenic + luluc beyond the published figures' rounding. */
bool pcf__epd_parts_disagree(const double parts[EPD_PART_COUNT]);

#endif
