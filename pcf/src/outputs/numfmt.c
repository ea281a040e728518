/* numfmt.c: round-trip number formatting for the documents pcf writes (see numfmt.h): JSON
 * results, comparisons, uncertainty reports and PACT decimal strings carry the double that was
 * computed, in the fewest significant digits that read back exactly (IEEE 754-2008, 5.12.2:
 * 17 significant digits always suffice for binary64). */
#include "numfmt.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The first of %.15e, %.16e, %.17e (as `conv`, 'g' or 'e') that reads back as v. */
static int shortest(char *buf, size_t size, double v, char conv) {
  int n = 0;
  for (int digits = 15; digits <= 17; digits++) {
    n = conv == 'g' ? snprintf(buf, size, "%.*g", digits, v) : snprintf(buf, size, "%.*e", digits - 1, v);
    if (n < 0 || (size_t)n >= size || strtod(buf, NULL) == v) break;
  }
  return n;
}

int pcf__numfmt_shortest(char *buf, size_t size, double v) { return shortest(buf, size, v, 'g'); }

int pcf__numfmt_real(char *buf, size_t size, double v) {
  int n = shortest(buf, size, v, 'g');
  if (n < 0 || (size_t)n >= size) return n;
  /* "2" would read back as an integer: keep it a real, as jansson does. */
  if (!strpbrk(buf, ".eEn") && (size_t)n + 2 < size) {
    memcpy(buf + n, ".0", 3);
    n += 2;
  }
  return n;
}

int pcf__numfmt_decimal(char *buf, size_t size, double v) {
  char e[40], digits[24];
  if (v == 0) v = 0; /* -0 is written 0 */
  shortest(e, sizeof e, v, 'e');
  /* e is "-d.ddde+XX": the significant digits, and where the decimal point goes. */
  const char *s = e;
  bool neg = *s == '-';
  if (neg) s++;
  size_t nd = 0;
  for (; *s && *s != 'e' && nd < sizeof digits; s++)
    if (*s != '.') digits[nd++] = *s;
  int point = (*s == 'e' ? atoi(s + 1) : 0) + 1; /* digits before the decimal point */
  while (nd > 1 && digits[nd - 1] == '0') nd--;
  size_t len = 0;
#define PUT(c)                                                                                                         \
  do {                                                                                                                 \
    if (len + 1 >= size) return -1;                                                                                    \
    buf[len++] = (c);                                                                                                  \
  } while (0)
  if (neg) PUT('-');
  if (point <= 0) {
    PUT('0');
    PUT('.');
    for (int i = point; i < 0; i++) PUT('0');
    for (size_t i = 0; i < nd; i++) PUT(digits[i]);
  } else {
    for (int i = 0; i < point; i++) PUT((size_t)i < nd ? digits[i] : '0');
    if ((size_t)point < nd) {
      PUT('.');
      for (size_t i = (size_t)point; i < nd; i++) PUT(digits[i]);
    }
  }
#undef PUT
  buf[len] = '\0';
  return (int)len;
}

/* jansson writes a real as one piece of output (JSON_REAL_PRECISION(17): exact), and a string as
 * a lone quote, its text in pieces (quotes inside escaped as \") and a lone quote. Outside
 * strings, a piece that is a number with a point or an exponent is a real: it is rewritten. The
 * pieces are gathered in a buffer: jansson hands out a piece per token, and an fwrite per token
 * was the largest cost of writing a result document. */
typedef struct sink {
  FILE *out;
  bool in_string, failed;
  size_t used;
  char buf[16384];
} sink;

static bool is_real(const char *s, size_t n) {
  if (n == 0 || n > 40 || !(s[0] == '-' || (s[0] >= '0' && s[0] <= '9'))) return false;
  bool mark = false;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '.' || s[i] == 'e' || s[i] == 'E')
      mark = true;
    else if (!(s[i] >= '0' && s[i] <= '9') && s[i] != '-' && s[i] != '+')
      return false;
  }
  return mark;
}

static int flush(sink *k) {
  if (k->used && !k->failed && fwrite(k->buf, 1, k->used, k->out) != k->used) k->failed = true;
  k->used = 0;
  return k->failed ? -1 : 0;
}

static int append(sink *k, const char *text, size_t n) {
  if (k->used + n > sizeof k->buf && flush(k)) return -1;
  if (n > sizeof k->buf) return fwrite(text, 1, n, k->out) == n ? 0 : (k->failed = true, -1);
  memcpy(k->buf + k->used, text, n);
  k->used += n;
  return 0;
}

static int put(const char *text, size_t n, void *data) {
  sink *k = data;
  if (n == 1 && text[0] == '"') {
    k->in_string = !k->in_string;
  } else if (!k->in_string && is_real(text, n)) {
    char in[48], out[48];
    memcpy(in, text, n);
    in[n] = '\0';
    int len = pcf__numfmt_real_fast(out, sizeof out, strtod(in, NULL));
    if (len > 0 && (size_t)len < sizeof out) return append(k, out, (size_t)len);
  }
  return append(k, text, n);
}

int pcf__numfmt_json_dump(const json_t *json, FILE *out, size_t flags) {
  sink k = {.out = out}; /* 16 KiB on the stack: no allocation that could fail as a write error */
  flags &= ~(size_t)JSON_REAL_PRECISION(31);
  int rc = json_dump_callback(json, put, &k, flags | JSON_REAL_PRECISION(17));
  return flush(&k) ? -1 : rc;
}
