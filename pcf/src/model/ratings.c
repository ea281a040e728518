/* ratings.c: the five data-quality ratings as text (ratings.h); the scale is the PACT
 * Methodology's data quality matrix (Table 9: 1 good, 2 fair, 3 poor). */
#include "ratings.h"

#include <ctype.h>
#include <stdlib.h>

int pcf__ratings_parse(const char *text, double out[PCF_RATINGS_COUNT]) {
  const char *s = text;
  for (int k = 0; k < PCF_RATINGS_COUNT; k++) {
    char *end;
    double v = strtod(s, &end);
    if (end == s || !(v >= 1 && v <= 3)) return -1;
    s = end;
    while (isspace((unsigned char)*s)) s++;
    if (k < PCF_RATINGS_COUNT - 1) {
      if (*s != ',') return -1;
      s++;
    }
    out[k] = v;
  }
  return *s ? -1 : 0;
}
