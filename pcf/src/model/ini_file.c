/* ini_file.c: INI files read whole, checked line by line, then parsed by libinih one clean line at
 * a time, with line numbers and repeated keys found (the rules are in ini_file.h). */
#include "ini_file.h"

#include <ini.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input_file.h"

#if INI_MAX_LINE < PCF_INI_MAX_LINE + 3
#error "libinih's line buffer is shorter than PCF_INI_MAX_LINE assumes"
#endif

/* The keys seen so far: an open-addressing set of "section\x1fkey", lower-cased, with the line
 * of each (a hostile file of a quarter million keys stays linear). */
typedef struct seen {
  char **keys;
  long *lines;
  size_t n, cap;
} seen;

typedef struct ctx {
  const char *path;
  const char *data;
  size_t size, pos;
  long line; /* of the last line handed to libinih */
  pcf_ini_handler handler;
  void *user;
  seen keys;
  int rc; /* 0, 1 (the handler stopped) or a pcf_status */
  pcf_error *err;
} ctx;

static uint64_t hash(const char *s) {
  uint64_t h = 1469598103934665603u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

static int grow(seen *s) {
  size_t cap = s->cap ? 2 * s->cap : 64;
  char **keys = calloc(cap, sizeof *keys);
  long *lines = calloc(cap, sizeof *lines);
  if (!keys || !lines) {
    free(keys);
    free(lines);
    return -1;
  }
  for (size_t i = 0; i < s->cap; i++) {
    if (!s->keys[i]) continue;
    size_t j = hash(s->keys[i]) & (cap - 1);
    while (keys[j]) j = (j + 1) & (cap - 1);
    keys[j] = s->keys[i];
    lines[j] = s->lines[i];
  }
  free(s->keys);
  free(s->lines);
  s->keys = keys;
  s->lines = lines;
  s->cap = cap;
  return 0;
}

/* Records section/key at line. Returns the line it was seen on before, 0 when new, -1 when out of
 * memory. */
static long seen_put(seen *s, const char *section, const char *key, long line) {
  size_t ls = strlen(section), lk = strlen(key);
  char *k = malloc(ls + lk + 2);
  if (!k) return -1;
  for (size_t i = 0; i < ls; i++) k[i] = (char)(section[i] >= 'A' && section[i] <= 'Z' ? section[i] + 32 : section[i]);
  k[ls] = '\x1f';
  for (size_t i = 0; i < lk; i++) k[ls + 1 + i] = (char)(key[i] >= 'A' && key[i] <= 'Z' ? key[i] + 32 : key[i]);
  k[ls + 1 + lk] = '\0';
  if ((s->n + 1) * 2 > s->cap && grow(s)) {
    free(k);
    return -1;
  }
  size_t j = hash(k) & (s->cap - 1);
  for (; s->keys[j]; j = (j + 1) & (s->cap - 1))
    if (strcmp(s->keys[j], k) == 0) {
      free(k);
      return s->lines[j];
    }
  s->keys[j] = k;
  s->lines[j] = line;
  s->n++;
  return 0;
}

static void seen_free(seen *s) {
  for (size_t i = 0; i < s->cap; i++) free(s->keys[i]);
  free(s->keys);
  free(s->lines);
}

#define STR(x) #x
#define XSTR(x) STR(x)

static char *fail(ctx *c, int code, const char *msg) {
  c->rc = pcf_error_set(c->err, code, c->path, c->line, "%s", msg);
  return NULL;
}

/* Checks one line (white space and comments removed: s, len) for what libinih would misread. */
static char *check_line(ctx *c, const char *s, size_t len) {
  if (len > PCF_INI_MAX_LINE)
    return fail(c, PCF_ERR_PARSE, "line longer than " XSTR(PCF_INI_MAX_LINE) " bytes, the INI reader's limit (a "
                "comment can go on a line of its own)");
  if (s[0] == '[') {
    const char *close = memchr(s, ']', len);
    if (!close) return fail(c, PCF_ERR_PARSE, "malformed section header (expected \"[section]\")");
    if ((size_t)(close - s - 1) > PCF_INI_MAX_SECTION)
      return fail(c, PCF_ERR_PARSE, "section name longer than " XSTR(PCF_INI_MAX_SECTION) " bytes");
    return (char *)s;
  }
  const char *eq = memchr(s, '=', len), *colon = memchr(s, ':', len);
  if (!eq && !colon) return fail(c, PCF_ERR_PARSE, "malformed line (expected \"key = value\" or \"[section]\")");
  if (eq && colon && colon < eq)
    return fail(c, PCF_ERR_PARSE,
                "a ':' before the '=': the INI reader would end the key at the ':' (write "
                "\"key = value\" with no ':' in the key)");
  const char *sep = eq ? eq : colon;
  const char *k = s;
  while (k < sep && (*k == ' ' || *k == '\t')) k++;
  if (k == sep) return fail(c, PCF_ERR_PARSE, "a value without a key (nothing before the '=')");
  return (char *)s;
}

/* libinih's reader: the next line, cleaned, in str (num bytes); NULL at the end or on an error. */
static char *next_line(char *str, int num, void *stream) {
  ctx *c = stream;
  if (c->rc || c->pos >= c->size) return NULL;
  const char *s = c->data + c->pos;
  const char *nl = memchr(s, '\n', c->size - c->pos);
  size_t len = nl ? (size_t)(nl - s) : c->size - c->pos;
  c->pos += len + (nl != NULL);
  c->line++;
  if (len && s[len - 1] == '\r') len--;
  while (len && (*s == ' ' || *s == '\t')) s++, len--;
  /* A comment line or a blank one: libinih still gets a line, to count it. */
  if (!len || *s == ';' || *s == '#') {
    str[0] = '\n';
    str[1] = '\0';
    return str;
  }
  for (size_t i = 1; i < len; i++)
    if (s[i] == ';' && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
      len = i;
      break;
    }
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
  if (!check_line(c, s, len)) return NULL;
  /* A libinih built with a shorter line buffer than the header says: an error, never a line cut
   * short (returning NULL alone would end the file there, silently). */
  if (len + 2 > (size_t)num) return fail(c, PCF_ERR_PARSE, "line longer than the INI reader's buffer");
  memcpy(str, s, len);
  str[len] = '\n';
  str[len + 1] = '\0';
  return str;
}

static int on_key(void *user, const char *section, const char *key, const char *value) {
  ctx *c = user;
  if (c->rc) return 0;
  long before = seen_put(&c->keys, section, key, c->line);
  if (before < 0) {
    c->rc = pcf_error_set(c->err, PCF_ERR_NOMEM, c->path, c->line, "out of memory");
    return 0;
  }
  if (before > 0) {
    c->rc = pcf_error_set(c->err, PCF_ERR_INPUT, c->path, c->line,
                          "%s%s%s\"%s\" is given twice, on lines %ld and %ld: give it once", section[0] ? "[" : "",
                          section, section[0] ? "] " : "", key, before, c->line);
    return 0;
  }
  if (!c->handler(c->user, section, key, value, c->line)) {
    c->rc = 1;
    return 0;
  }
  return 1;
}

int pcf_ini_read(const char *path, const char *what, size_t max_bytes, pcf_ini_handler handler, void *user,
                 size_t *bytes, pcf_error *err) {
  char *data;
  size_t size;
  int rc = pcf_input_read(path, what, max_bytes, &data, &size, err);
  if (rc) return rc;
  if (bytes) *bytes = size;
  rc = pcf_input_check_text(path, data, size, "UTF-8", err);
  if (rc) {
    free(data);
    return rc;
  }
  ctx c = {.path = path, .data = data, .size = size, .handler = handler, .user = user, .err = err};
  if (size >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) c.pos = 3;
  int line = ini_parse_stream(next_line, &c, on_key, &c);
  rc = c.rc;
  /* Every line was checked before libinih saw it: an error of its own would be a reader this file
   * does not know about. */
  if (!rc && line > 0)
    rc = pcf_error_set(err, PCF_ERR_PARSE, path, line, "malformed line (expected \"key = value\" or \"[section]\")");
  if (!rc && line < 0) rc = pcf_error_set(err, PCF_ERR_NOMEM, path, 0, "out of memory reading the %s", what);
  seen_free(&c.keys);
  free(data);
  return rc;
}
