/* numfmt.h: numbers as pcf writes them in documents meant to be read back: the shortest decimal
 * that reads back as the same double (round trip), in JSON documents and PACT decimal strings.
 *
 * A double needs up to 17 significant digits to be told from its neighbours (IEEE 754-2008,
 * 5.12.2); most need fewer. pcf__numfmt_real tries 15, 16 and 17 significant digits (trailing zeros
 * dropped) and keeps the first that strtod reads back exactly: "0.1", not "0.10000000000000001",
 * and "0.30000000000000004" for 0.1 + 0.2. That is the shortest exact text for every normal
 * double (one with a shorter exact text is its own 15-digit rounding); subnormals, which hold
 * fewer digits, keep 15. Every figure in a JSON document then carries the value pcf computed,
 * not a rounding of it.
 */
#ifndef PCF_NUMFMT_H
#define PCF_NUMFMT_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

/* The shortest of %.15g, %.16g, %.17g that reads back as v (CSV figures). v must be finite.
 * Returns the length written (as snprintf); size 32 is always enough. */
int pcf__numfmt_shortest(char *buf, size_t size, double v);

/* The same, with ".0" added when it would
 * otherwise read as an integer (JSON writers keep reals real). v must be finite. Returns the
 * length written (as snprintf); size 32 is always enough. */
int pcf__numfmt_real(char *buf, size_t size, double v);

/* The same text as pcf__numfmt_real, for every finite v, at a fraction of its cost (numfmt_fast.c:
 * one snprintf, and strtod only for figures beyond an exact power of ten). Returns the length;
 * size 32 is always enough. */
int pcf__numfmt_real_fast(char *buf, size_t size, double v);

/* The same digits in plain decimal notation, without exponent and without "-0" (the PACT
 * Decimal type: -?[0-9]+(\.[0-9]+)?). v must be finite. size 400 is always enough for any
 * double (up to 309 integer digits, or 324 decimals). Returns the length, or -1 when it does not
 * fit. */
int pcf__numfmt_decimal(char *buf, size_t size, double v);

/* json_dumpf(json, out, flags) with every real written by pcf__numfmt_real (flags'
 * JSON_REAL_PRECISION is ignored). Returns 0, or -1 on a write error. */
int pcf__numfmt_json_dump(const json_t *json, FILE *out, size_t flags);

#endif
