/* ratings.h: the five data-quality ratings written as text ("2, 1, 2, 2, 1": technological,
 * temporal, geographical, completeness, reliability, each 1 good to 3 poor, the PACT
 * Methodology's matrix), as a profile's [dqr] section and an own factor's quality give them. */
#ifndef PCF_RATINGS_H
#define PCF_RATINGS_H

#define PCF_RATINGS_COUNT 5

/* Parses text into out. Returns 0, or -1 when it is not five comma-separated numbers from 1 to 3. */
int pcf__ratings_parse(const char *text, double out[PCF_RATINGS_COUNT]);

#endif
