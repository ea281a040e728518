/* numfmt_fast.c: pcf__numfmt_real's text (numfmt.h: the first of %.15g, %.16g, %.17g that strtod
 * reads back as the double, ".0" added to what would read as an integer) at a fraction of its cost.
 * A result document holds a thousand figures; the reference way costs up to three snprintf and
 * three strtod calls each, and was most of the time spent writing a document.
 *
 * The figures of a footprint lie between 1e-11 and 1e17. There a double v = m * 2^e times 10^k
 * (k = 16 - its decimal exponent, 0 to 27) is m * 5^k * 2^(e+k): an integer of at most 116 bits
 * over a power of two, so its 17-digit integer part, the digits dropped by each rounding and the
 * distance from a candidate decimal to v's neighbours (m +- 1, halfway between them is where
 * strtod's round-to-nearest changes its answer, IEEE 754 4.3.1) are all exact integer arithmetic:
 * no snprintf and no strtod. An exact tie (a rounding whose dropped digits are exactly a half) is
 * left to snprintf, whose tie rule decides it.
 *
 * Elsewhere, one snprintf("%.16e") gives the 17 significant digits, correctly rounded (C11
 * 7.21.6.1, glibc's conversion is exact). The 15- and 16-digit roundings are derived from them:
 * rounding an already rounded decimal again gives the rounding of the exact value unless the digits
 * dropped are exactly a half ("5" for 16 digits, "50" for 15), where the exact value may lie on
 * either side; then snprintf says. Whether a candidate reads back is decided without strtod when
 * its significand is at most 2^53 and its power of ten at most 22 in magnitude: both are then exact
 * doubles and one IEEE 754 multiplication or division is correctly rounded, as strtod is (Clinger,
 * "How to read floating point numbers accurately", PLDI 1990); otherwise strtod decides.
 *
 * Either way the digits are laid out as %g lays them out (C11 7.21.6.1: style e when the exponent
 * is below -4 or not below the precision, trailing zeros and a bare point removed).
 * tests/pcf/test_numfmt_fast.c checks the text against pcf__numfmt_real on millions of doubles. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

typedef struct decimal {
  char d[17]; /* significant digits, '0' to '9'; d[0] is not '0' unless the value is zero */
  int exp;    /* the decimal exponent of d[0] */
} decimal;

/* Reads the digits of snprintf's "%.*e" text (sign already skipped) with n digits. */
static void parse_e(decimal *x, const char *s, int n) {
  x->d[0] = s[0];
  if (n > 1) memcpy(x->d + 1, s + 2, (size_t)n - 1);
  x->exp = atoi(s + (n > 1 ? n + 2 : 2));
}

/* x rounded to n digits (15 or 16) from its 17, into r. Returns false when the dropped digits are
 * exactly a half: the rounding of the exact value is then unknown from them. */
static bool round_from_17(const decimal *x, int n, decimal *r) {
  bool up;
  if (n == 16) {
    if (x->d[16] == '5') return false;
    up = x->d[16] > '5';
  } else {
    if (x->d[15] == '5' && x->d[16] == '0') return false;
    up = x->d[15] > '5' || (x->d[15] == '5' && x->d[16] > '0');
  }
  memcpy(r->d, x->d, (size_t)n);
  r->exp = x->exp;
  if (!up) return true;
  int i = n - 1;
  while (i >= 0 && r->d[i] == '9') r->d[i--] = '0';
  if (i >= 0) {
    r->d[i]++;
  } else { /* 99...9 became 100...0: one more digit before the point */
    r->d[0] = '1';
    r->exp++;
  }
  return true;
}

/* Significant digits without trailing zeros (at least one). */
static int significant(const decimal *x, int n) {
  while (n > 1 && x->d[n - 1] == '0') n--;
  return n;
}

/* Whether the n digits of x (negative when neg) read back as v, as strtod would read them. */
static bool reads_back(const decimal *x, int n, bool neg, double v) {
  static const double exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  int nd = significant(x, n);
  uint64_t m = 0;
  for (int i = 0; i < nd; i++) m = m * 10 + (uint64_t)(x->d[i] - '0');
  int q = x->exp - (nd - 1); /* the value is m * 10^q */
  if (m <= (UINT64_C(1) << 53) && q >= -22 && q <= 22) {
    double a = q >= 0 ? (double)m * exact[q] : (double)m / exact[-q];
    return (neg ? -a : a) == v;
  }
  char text[40];
  snprintf(text, sizeof text, "%s%.*se%d", neg ? "-" : "", nd, x->d, x->exp - (nd - 1));
  return strtod(text, NULL) == v;
}

/* x's n digits as "%.{n}g" writes them, then ".0" when that reads as an integer. buf holds 32. */
static int layout(char *buf, const decimal *x, int n, bool neg) {
  int nd = significant(x, n), len = 0, e = x->exp;
  if (neg) buf[len++] = '-';
  if (e < -4 || e >= n) {
    buf[len++] = x->d[0];
    if (nd > 1) {
      buf[len++] = '.';
      memcpy(buf + len, x->d + 1, (size_t)nd - 1);
      len += nd - 1;
    }
    len += snprintf(buf + len, 8, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    return len;
  }
  if (e < 0) {
    buf[len++] = '0';
    buf[len++] = '.';
    for (int i = e; i < -1; i++) buf[len++] = '0';
    memcpy(buf + len, x->d, (size_t)nd);
    len += nd;
  } else {
    memcpy(buf + len, x->d, (size_t)e + 1); /* e < n: the integer part is among the digits */
    len += e + 1;
    buf[len++] = '.';
    if (nd > e + 1) {
      memcpy(buf + len, x->d + e + 1, (size_t)(nd - e - 1));
      len += nd - e - 1;
    } else {
      buf[len++] = '0';
    }
  }
  buf[len] = '\0';
  return len;
}

/* Through snprintf's 17 digits (any finite v). */
static int by_printf(char *buf, double v) {
  char text[40];
  snprintf(text, sizeof text, "%.16e", v);
  bool neg = text[0] == '-';
  decimal all;
  parse_e(&all, text + neg, 17);
  for (int n = 15; n <= 16; n++) {
    decimal r;
    if (!round_from_17(&all, n, &r)) { /* exactly a half away: the exact value decides */
      snprintf(text, sizeof text, "%.*e", n - 1, v);
      parse_e(&r, text + neg, n);
    }
    if (reads_back(&r, n, neg, v)) return layout(buf, &r, n, neg);
  }
  return layout(buf, &all, 17, neg);
}

/* ---- 1e-11 <= |v| < 1e17: exact integer arithmetic ------------------------------------------ */

__extension__ typedef unsigned __int128 u128;

/* n digits of q (q < 10^n) into x->d. */
static void put_digits(decimal *x, uint64_t q, int n) {
  for (int i = n - 1; i >= 0; i--, q /= 10) x->d[i] = (char)('0' + q % 10);
}

/* v = m * 2^e (m < 2^53) as the fixed-point X = v * 10^k * 2^sh, with G the distance between v
 * and its upper neighbour in the same units (X = m * G). */
typedef struct fixed {
  u128 x, g;
  int sh;        /* 0 to 62: P = X / 2^sh is v * 10^k, in [1e16, 1e17) */
  uint64_t m;    /* v's significand */
  bool narrower; /* m = 2^52 above the smallest binade: the neighbour below is G/2 away */
} fixed;

/* Rounds P to n digits (unit 10^(17 - n)) into r; false on an exact tie. Carries into the
 * exponent as %e does (9.99..9 -> 1.00..0e+1). */
static bool round_exact(const fixed *f, int exp, int n, uint64_t *q_out, decimal *r) {
  static const uint64_t unit[] = {100, 10, 1};
  uint64_t u = unit[n - 15], p = (uint64_t)(f->x >> f->sh), q = p / u;
  u128 rest = ((u128)(p % u) << f->sh) | (f->x & (((u128)1 << f->sh) - 1)), w = (u128)u << f->sh;
  if (2 * rest == w) return false;
  if (2 * rest > w) q++;
  *q_out = q;
  r->exp = exp;
  uint64_t top = 1;
  for (int i = 0; i < n; i++) top *= 10;
  if (q == top) { /* 10^n: one more digit before the point */
    q /= 10;
    r->exp++;
  }
  put_digits(r, q, n);
  return true;
}

/* Whether q * 10^(17 - n), over 2^sh, lies in v's rounding interval, that is strtod reads it back
 * as v (round to nearest, a tie to the even significand: IEEE 754 4.3.1). The interval reaches
 * G/2 either side, G/4 below when the neighbour below is half as far. */
static bool exact_reads_back(const fixed *f, uint64_t q, int n) {
  static const uint64_t unit[] = {100, 10, 1};
  u128 c = ((u128)q * unit[n - 15]) << f->sh;
  u128 d = c >= f->x ? 2 * (c - f->x) : (f->narrower ? 4 : 2) * (f->x - c);
  return d < f->g || (d == f->g && (f->m & 1) == 0);
}

/* The text for 1e-11 <= |v| < 1e17, or -1 on an exact tie (by_printf decides). */
static int exact(char *buf, double v) {
  static const uint64_t pow5[28] = {1ull,
                                    5ull,
                                    25ull,
                                    125ull,
                                    625ull,
                                    3125ull,
                                    15625ull,
                                    78125ull,
                                    390625ull,
                                    1953125ull,
                                    9765625ull,
                                    48828125ull,
                                    244140625ull,
                                    1220703125ull,
                                    6103515625ull,
                                    30517578125ull,
                                    152587890625ull,
                                    762939453125ull,
                                    3814697265625ull,
                                    19073486328125ull,
                                    95367431640625ull,
                                    476837158203125ull,
                                    2384185791015625ull,
                                    11920928955078125ull,
                                    59604644775390625ull,
                                    298023223876953125ull,
                                    1490116119384765625ull,
                                    7450580596923828125ull};
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  bool neg = bits >> 63;
  int be = (int)((bits >> 52) & 0x7ff) - 1023; /* a normal double: |v| >= 1e-11 */
  fixed f = {.m = (bits & ((UINT64_C(1) << 52) - 1)) | (UINT64_C(1) << 52)};
  f.narrower = f.m == UINT64_C(1) << 52;
  int e = be - 52;
  /* The decimal exponent is floor(log10 |v|): be * log10(2) rounded down, or one more. */
  int dexp = (int)floor(be * 0.30102999566398119521);
  for (int tries = 0;; tries++) {
    int k = 16 - dexp, s = e + k;
    if (k < 0 || k > 27 || tries > 2) return -1;
    f.g = (u128)pow5[k] << (s > 0 ? s : 0);
    f.sh = s < 0 ? -s : 0;
    f.x = f.m * f.g;
    uint64_t p = (uint64_t)(f.x >> f.sh);
    if (p >= UINT64_C(100000000000000000))
      dexp++;
    else if (p < UINT64_C(10000000000000000))
      dexp--;
    else
      break;
  }
  for (int n = 15; n <= 17; n++) {
    decimal r;
    uint64_t q;
    if (!round_exact(&f, dexp, n, &q, &r)) return -1;
    if (n == 17 || exact_reads_back(&f, q, n)) return layout(buf, &r, n, neg);
  }
  return -1; /* not reached: 17 digits are always written */
}

int pcf__numfmt_real_fast(char *buf, size_t size, double v) {
  if (size < 32) return pcf__numfmt_real(buf, size, v);
  double a = fabs(v);
  if (a == 0) return (int)(stpcpy(buf, signbit(v) ? "-0.0" : "0.0") - buf);
  int n = a >= 1e-11 && a < 1e17 ? exact(buf, v) : -1;
  return n >= 0 ? n : by_printf(buf, v);
}
