/* uuid.c: UUIDs in binary form, the UUID index, version comparison, errors and small helpers. */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int ilcd_uuid_parse(ilcd_uuid *out, const char *text) {
  if (!text) return -1;
  while (isspace((unsigned char)*text)) text++;
  const char *p = text;
  int n = 0;
  for (int i = 0; i < 36; i++, p++) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (*p != '-') return -1;
      continue;
    }
    int hi = hexval((unsigned char)*p);
    if (hi < 0) return -1;
    p++;
    i++;
    int lo = hexval((unsigned char)*p);
    if (lo < 0) return -1;
    out->b[n++] = (uint8_t)(hi << 4 | lo);
  }
  while (isspace((unsigned char)*p)) p++;
  return *p == '\0' ? 0 : -1;
}

char *ilcd_uuid_format(const ilcd_uuid *u, char *buf) {
  static const char hex[] = "0123456789abcdef";
  char *p = buf;
  for (int i = 0; i < 16; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) *p++ = '-';
    *p++ = hex[u->b[i] >> 4];
    *p++ = hex[u->b[i] & 15];
  }
  *p = '\0';
  return buf;
}

int ilcd_uuid_equal(const ilcd_uuid *a, const ilcd_uuid *b) { return memcmp(a, b, 16) == 0; }

int ilcd_uuid_is_nil(const ilcd_uuid *u) {
  static const ilcd_uuid nil;
  return memcmp(u, &nil, 16) == 0;
}

const char *ilcd_kind_name(ilcd_kind kind) {
  static const char *names[] = {"process", "flow", "flow property", "unit group", "LCIA method", "source", "contact"};
  return (unsigned)kind < ILCD_KIND_COUNT ? names[kind] : "unknown";
}

void *ilcd__index_get(const uuid_index *ix, const ilcd_uuid *key) {
  if (!ix->cap) return NULL;
  size_t mask = ix->cap - 1;
  for (size_t i = ilcd_uuid_hash(key) & mask;; i = (i + 1) & mask) {
    const index_slot *s = &ix->slots[i];
    if (!s->value) return NULL;
    if (ilcd_uuid_equal(&s->key, key)) return s->value;
  }
}

static int index_grow(uuid_index *ix) {
  size_t cap = ix->cap ? ix->cap * 2 : 64;
  index_slot *slots = calloc(cap, sizeof *slots);
  if (!slots) return ILCD_ERR_NOMEM;
  for (size_t j = 0; j < ix->cap; j++) {
    if (!ix->slots[j].value) continue;
    size_t i = ilcd_uuid_hash(&ix->slots[j].key) & (cap - 1);
    while (slots[i].value) i = (i + 1) & (cap - 1);
    slots[i] = ix->slots[j];
  }
  free(ix->slots);
  ix->slots = slots;
  ix->cap = cap;
  return 0;
}

int ilcd__index_put(uuid_index *ix, const ilcd_uuid *key, void *value) {
  if ((ix->count + 1) * 4 > ix->cap * 3 && index_grow(ix)) return ILCD_ERR_NOMEM;
  size_t mask = ix->cap - 1;
  size_t i = ilcd_uuid_hash(key) & mask;
  while (ix->slots[i].value && !ilcd_uuid_equal(&ix->slots[i].key, key)) i = (i + 1) & mask;
  if (!ix->slots[i].value) ix->count++;
  ix->slots[i].key = *key;
  ix->slots[i].value = value;
  return 0;
}

void ilcd__index_free(uuid_index *ix) {
  free(ix->slots);
  memset(ix, 0, sizeof *ix);
}

int ilcd__version_compare(const char *a, const char *b) {
  while (*a || *b) {
    long x = strtol(a, (char **)&a, 10), y = strtol(b, (char **)&b, 10);
    if (x != y) return x < y ? -1 : 1;
    while (*a && *a != '.') a++;
    while (*b && *b != '.') b++;
    if (*a == '.') a++;
    if (*b == '.') b++;
  }
  return 0;
}

bool ilcd__version_valid(const char *v) {
  int groups = 0;
  for (;;) {
    int digits = 0;
    while (*v >= '0' && *v <= '9') v++, digits++;
    if (digits < 1 || digits > 5 || ++groups > 4) return false;
    if (!*v) return true;
    if (*v++ != '.') return false;
  }
}

int ilcd__parse_double(const char *text, double *out) {
  if (!text) return -1;
  while (isspace((unsigned char)*text)) text++;
  if (!*text) return -1;
  errno = 0;
  char *end;
  double v = strtod(text, &end);
  if (end == text) return -1;
  while (isspace((unsigned char)*end)) end++;
  if (*end) return -1;
  /* strtod accepts "nan", "inf", hex floats; ILCD (xs:double) data worth trusting has none of
   * them, and magnitudes past 1e30 are unit errors or hostile input, not inventory data. */
  if (!isfinite(v) || fabs(v) > 1e30) return -1;
  for (const char *p = text; p < end; p++)
    if (*p == 'x' || *p == 'X' || *p == 'n' || *p == 'N' || *p == 'i' || *p == 'I') return -1;
  *out = v;
  return 0;
}

int ilcd_error_set(ilcd_error *err, int code, const char *path, long line, const char *uuid, const char *fmt, ...) {
  if (!err) return code;
  err->code = code;
  snprintf(err->path, sizeof err->path, "%s", path ? path : "");
  err->line = line;
  snprintf(err->uuid, sizeof err->uuid, "%s", uuid ? uuid : "");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
  return code;
}
