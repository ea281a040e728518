/* test_numfmt_fast.c: pcf__numfmt_real_fast (numfmt_fast.c) writes exactly the text of
 * pcf__numfmt_real (numfmt.c), for millions of doubles of every kind. The reference is C's own
 * conversions: snprintf("%.15g"/"%.16g"/"%.17g") and strtod, which share no code with the fast
 * path (its exact integer arithmetic, or digits derived from one "%.16e").
 *
 * The kinds: random bit patterns; random decimals of 1 to 17 digits over the whole exponent range
 * and over 1e-12..1e18 (where the integer path works, and its edges); powers of two and ten and
 * their neighbours; subnormals; doubles next to the decimal halfway points where 15-, 16- and
 * 17-digit roundings tie or nearly tie; dyadic values with short exact decimals (exact ties);
 * integers up to 2^54; +-0. A few texts are also checked against C11 7.21.6.1's %g rule by hand. */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

static uint64_t state = 0x2545F4914F6CDD1Dull;
static uint64_t next(void) { /* xorshift64*: a fixed sequence, the same on every run */
  state ^= state >> 12, state ^= state << 25, state ^= state >> 27;
  return state * 0x2545F4914F6CDD1Dull;
}

static void same(double v) {
  if (!isfinite(v)) return;
  char want[64], got[64];
  int nw = pcf__numfmt_real(want, sizeof want, v), ng = pcf__numfmt_real_fast(got, sizeof got, v);
  if (nw != ng || strcmp(want, got) != 0) cr_assert_fail("%a: reference %s, fast %s", v, want, got);
}

/* v and its neighbours either side. */
static void around(double v) {
  same(v);
  same(nextafter(v, INFINITY));
  same(nextafter(v, -INFINITY));
  same(-v);
}

/* A random decimal of `digits` significant digits times 10^exp, read by strtod. */
static double decimal(int digits, int exp) {
  char text[64];
  int n = snprintf(text, sizeof text, "%d", 1 + (int)(next() % 9));
  for (int i = 1; i < digits; i++) text[n++] = (char)('0' + next() % 10);
  snprintf(text + n, sizeof text - (size_t)n, "e%d", exp - (digits - 1));
  return strtod(text, NULL);
}

Test(numfmt_fast, hand_checked_texts) {
  char buf[64];
  /* %.15g of 0.1 is "0.1" (trailing zeros dropped), which reads back. */
  pcf__numfmt_real_fast(buf, sizeof buf, 0.1);
  cr_expect_str_eq(buf, "0.1");
  /* 0.1 + 0.2 = 0.3000000000000000444..: 15 and 16 digits read back as 0.3, 17 do not round. */
  pcf__numfmt_real_fast(buf, sizeof buf, 0.1 + 0.2);
  cr_expect_str_eq(buf, "0.30000000000000004");
  /* 100: %g's fixed style, no fraction left, ".0" keeps it a real. */
  pcf__numfmt_real_fast(buf, sizeof buf, 100);
  cr_expect_str_eq(buf, "100.0");
  /* 1e15 has exponent 15, the precision is 15: style e, two exponent digits at least. */
  pcf__numfmt_real_fast(buf, sizeof buf, 1e15);
  cr_expect_str_eq(buf, "1e+15");
  pcf__numfmt_real_fast(buf, sizeof buf, 123456789012345.0); /* exponent 14 < 15: fixed */
  cr_expect_str_eq(buf, "123456789012345.0");
  /* exponent -5 < -4: style e; -4: fixed. */
  pcf__numfmt_real_fast(buf, sizeof buf, 1.5e-5);
  cr_expect_str_eq(buf, "1.5e-05");
  pcf__numfmt_real_fast(buf, sizeof buf, 1.5e-4);
  cr_expect_str_eq(buf, "0.00015");
  pcf__numfmt_real_fast(buf, sizeof buf, -0.0);
  cr_expect_str_eq(buf, "-0.0");
  pcf__numfmt_real_fast(buf, sizeof buf, 5e-324); /* 4.9406564584124654e-324 to 15 digits */
  cr_expect_str_eq(buf, "4.94065645841247e-324");
  /* DBL_MAX = 1.7976931348623157e308: 15 and 16 digits round up beyond it, 17 are needed. */
  pcf__numfmt_real_fast(buf, sizeof buf, DBL_MAX);
  cr_expect_str_eq(buf, "1.7976931348623157e+308");
}

Test(numfmt_fast, random_bit_patterns) {
  for (int i = 0; i < 500000; i++) {
    uint64_t bits = next();
    double v;
    memcpy(&v, &bits, sizeof v);
    same(v);
  }
}

Test(numfmt_fast, random_decimals) {
  for (int i = 0; i < 350000; i++) same(decimal(1 + (int)(next() % 17), (int)(next() % 630) - 325));
  /* where the exact integer path works (1e-11 to 1e17) and either side of its edges */
  for (int i = 0; i < 500000; i++) same(decimal(1 + (int)(next() % 17), (int)(next() % 31) - 13));
}

Test(numfmt_fast, powers_and_subnormals) {
  for (int e = -1074; e <= 1023; e++) around(ldexp(1, e));
  for (int e = -323; e <= 308; e++) {
    char text[16];
    snprintf(text, sizeof text, "1e%d", e);
    around(strtod(text, NULL));
  }
  around(DBL_MIN), around(DBL_MAX), around(1e-11), around(1e17);
  for (int i = 0; i < 100000; i++) { /* significands below 2^52, exponent field 0 */
    uint64_t bits = next() >> (12 + next() % 52);
    double v;
    memcpy(&v, &bits, sizeof v);
    same(v);
  }
  same(0.0), same(-0.0);
}

/* A decimal of n digits followed by a 5 (or 50) is a halfway point of the n-digit roundings: the
 * double nearest to it, and its neighbours, are where rounding the exact value and rounding its
 * 17 digits could differ. */
Test(numfmt_fast, next_to_halfway_points) {
  for (int i = 0; i < 150000; i++) {
    int n = 14 + (int)(next() % 3), exp = (int)(i % 4 ? next() % 31 - 13 : next() % 600 - 300);
    char text[64];
    int len = snprintf(text, sizeof text, "%d", 1 + (int)(next() % 9));
    for (int k = 1; k < n; k++) text[len++] = (char)('0' + next() % 10);
    len += snprintf(text + len, sizeof text - (size_t)len, "%se%d", next() % 2 ? "5" : "50", exp - n);
    around(strtod(text, NULL));
  }
}

/* Doubles whose decimal expansion is short and exact: m / 2^j and integers. Their 15- to
 * 17-digit roundings can be exact ties, decided by the rounding rule rather than the digits. */
Test(numfmt_fast, exact_ties_and_integers) {
  for (int i = 0; i < 150000; i++) {
    uint64_t m = next() >> (11 + next() % 40);
    same(ldexp((double)m, -(int)(next() % 60)));
    same((double)(next() >> 10)); /* integers up to 2^54 */
    same((double)(next() % 100000000000000000ull) + 0.5);
  }
}
