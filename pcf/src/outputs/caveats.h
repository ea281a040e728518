/* caveats.h: a footprint's warnings sorted into the caveats a reader weighs (private to the
 * outputs): the PACT comment counts them, the study report's limitations list them by kind.
 * ISO 14067:2018, 7.3 asks the report to state the limitations the study found; these are the
 * ones pcf found in this run. */
#ifndef PCF_CAVEATS_H
#define PCF_CAVEATS_H

#include <stddef.h>

#include "pcf/result.h"

typedef enum caveat_kind {
  CAVEAT_OTHER_GWP,       /* a process publishes only a CO2e total for another GWP set */
  CAVEAT_PROXY,           /* a material's dataset stands in for it (another material) */
  CAVEAT_FORMING,         /* metal or plastic valued as unformed material */
  CAVEAT_EOL_CARBON,      /* end of life with the waste family's average carbon */
  CAVEAT_CUT_OFF,         /* flows of the chain with no provider */
  CAVEAT_UNCHARACTERISED, /* elementary flows without a factor */
  CAVEAT_SUPPLIER,        /* supplier or EPD data taken with an assumption */
  CAVEAT_EOL,             /* recycling rule defaults, missing end-of-life scenarios or credits */
  CAVEAT_OTHER,
  CAVEAT_COUNT
} caveat_kind;

typedef struct caveat_summary {
  size_t warnings[CAVEAT_COUNT]; /* warnings of each kind */
  size_t items[CAVEAT_COUNT];    /* what they are about: processes, lines (a forming note names
                                    several lines), flows */
  char gwp_sets[512];            /* the other GWP sets named, "; "-separated */
  size_t total;
} caveat_summary;

caveat_kind pcf__caveat_of(const char *warning);
void pcf__caveats_summarise(caveat_summary *s, const pcf_result *r);
/* What the items of kind k are, with n of them: "processes publish only a CO2e total for
 * another GWP set", ... (plural when n != 1). */
const char *pcf__caveat_phrase(caveat_kind k, size_t n);
/* A short title for the kind ("Other GWP sets", "Proxy datasets", ...). */
const char *pcf__caveat_title(caveat_kind k);

#endif
