/* lcia.h: characterisation, the life cycle impact assessment of climate change (ISO 14067:2018,
 * 6.4.9; ILCD LCIA method data sets): the indicators of the ISO 14067 split, the GWP100 methods a
 * footprint can use (IPCC AR6 by default, AR5 and AR4 bundled; any ILCD LCIA method by UUID) and
 * how a process's direct impacts were obtained. The characterisation itself is the system's
 * (pcf/system.h): every column once, when the system is finished. */
#ifndef PCF_LCIA_H
#define PCF_LCIA_H

#include "pcf/export.h"

#include <ilcd/ilcd.h>

#include "pcf/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The ISO 14067 split, each in kg CO2e. total = fossil + biogenic + dluc for methods that come
 * as a family (total and its -Fossil, -Biogenic, -Land use and land use change sub-methods);
 * biogenic_emissions and biogenic_removals are the positive and negative parts of biogenic;
 * aircraft is total restricted to processes flagged as air transport. */
typedef enum pcf_indicator {
  PCF_TOTAL,
  PCF_FOSSIL,
  PCF_BIOGENIC_EMISSIONS,
  PCF_BIOGENIC_REMOVALS,
  PCF_DLUC,
  PCF_AIRCRAFT,
  PCF_INDICATOR_COUNT
} pcf_indicator;

/* Biogenic CO2 (ISO 14067:2018, 6.4.9.2: GHG emissions and removals from fossil and biogenic
 * carbon are included in the CFP and documented separately). Whatever the method's factor for
 * biogenic CO2 flows (EF 3.1 gives them 0, its 0/0 convention), the total and the biogenic
 * indicators count them at GWP 1 in the -1/+1 convention: +1 per kg emitted (an Output), -1 per kg
 * taken up from air (an Input). The two values below carry the same flows as masses, kg of biogenic
 * CO2 emitted (positive) and taken up (negative), so that the total without biogenic CO2 (PACT's
 * pCfExcludingBiogenic basis) is total - emitted - taken up. They follow the indicators in value
 * arrays of PCF_VALUE_COUNT entries. */
enum { PCF_BIO_CO2_EMITTED = PCF_INDICATOR_COUNT, PCF_BIO_CO2_REMOVED, PCF_VALUE_COUNT };

/* JSON-style key of an indicator: "total", "fossil", "biogenic_emissions", ... */
PCF_EXTERN const char *pcf_indicator_key(pcf_indicator k);

typedef struct pcf_method_set {
  const ilcd_lcia_method *total, *fossil, *biogenic, *luc; /* sub-methods may be NULL */
} pcf_method_set;

/* Finds a method by alias ("AR6", "AR5", "AR4") or UUID, and its sub-methods by name (the total's
 * name followed by "-Fossil", "-Biogenic", "-Land use and land use change"). */
PCF_EXTERN int pcf_method_find(const ilcd_db *db, const char *name, pcf_method_set *out, pcf_error *err);

/* How the direct impacts of a process were obtained. */
typedef enum pcf_direct_source {
  PCF_DIRECT_NONE = 0,       /* no elementary exchange characterised and no LCIA result: zero */
  PCF_DIRECT_CHARACTERISED,  /* its elementary exchanges, with the method's factors */
  PCF_DIRECT_PUBLISHED,      /* the data set's own LCIAResult for the selected method */
  PCF_DIRECT_PUBLISHED_OTHER /* its LCIAResult for another GWP method, or an ILCD+EPD data set's
                                 GWP indicator (README, "EPD data sets"): used as it is, said so */
} pcf_direct_source;

#ifdef __cplusplus
}
#endif
#endif
