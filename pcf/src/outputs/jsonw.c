/* jsonw.c: the streaming JSON writer (jsonw.h), RFC 8259 text laid out byte for byte as jansson
 * 2.14 lays out JSON_INDENT(2) without JSON_ENSURE_ASCII or JSON_ESCAPE_SLASH: a member or element
 * on its own line indented two spaces a level, ": " after a key, "," ending a line, "{}" and "[]"
 * when empty; in strings `"` and `\` escaped, \b \f \n \r \t, other characters below U+0020 as
 * \u00XX (upper-case hex), everything else (UTF-8 included) as it is. */
#include "jsonw.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "pcf/error.h"

void pcf__jsonw_init(pcf__jsonw *w) { *w = (pcf__jsonw){.after_key = true}; /* the root has no prefix */ }

static void fail(pcf__jsonw *w, int status, int why) {
  if (w->status) return;
  w->status = status;
  w->why = why;
}

/* Room for n more bytes; false (and the writer failed) when memory ran out. */
static bool room(pcf__jsonw *w, size_t n) {
  if (w->status) return false;
  if (w->cap - w->len >= n) return true;
  size_t cap = w->cap ? w->cap : 16384;
  while (cap - w->len < n) {
    if (cap > SIZE_MAX / 2) return fail(w, PCF_ERR_NOMEM, ENOMEM), false;
    cap *= 2;
  }
  char *b = realloc(w->buf, cap);
  if (!b) return fail(w, PCF_ERR_NOMEM, ENOMEM), false;
  w->buf = b;
  w->cap = cap;
  return true;
}

static void raw(pcf__jsonw *w, const char *s, size_t n) {
  if (!room(w, n)) return;
  memcpy(w->buf + w->len, s, n);
  w->len += n;
}

/* Before a member, an element or the root: nothing after a key, else "\n" (",\n" after an
 * earlier one) and the indentation of this depth. */
static void item(pcf__jsonw *w) {
  if (w->after_key) {
    w->after_key = false;
    return;
  }
  size_t spaces = 2 * (size_t)w->depth;
  if (!room(w, spaces + 2)) return;
  if (!w->first) w->buf[w->len++] = ',';
  w->buf[w->len++] = '\n';
  memset(w->buf + w->len, ' ', spaces);
  w->len += spaces;
  w->first = false;
}

static void open_container(pcf__jsonw *w, char c) {
  item(w);
  raw(w, &c, 1);
  w->depth++;
  w->first = true;
}

static void close_container(pcf__jsonw *w, char c) {
  w->depth--;
  if (!w->first && room(w, 2 * (size_t)w->depth + 1)) { /* members end on a line of their own */
    w->buf[w->len++] = '\n';
    memset(w->buf + w->len, ' ', 2 * (size_t)w->depth);
    w->len += 2 * (size_t)w->depth;
  }
  raw(w, &c, 1);
  w->first = false; /* the container was its parent's member */
}

void pcf__jsonw_object(pcf__jsonw *w) { open_container(w, '{'); }
void pcf__jsonw_array(pcf__jsonw *w) { open_container(w, '['); }
void pcf__jsonw_end_object(pcf__jsonw *w) { close_container(w, '}'); }
void pcf__jsonw_end_array(pcf__jsonw *w) { close_container(w, ']'); }

/* Length of the UTF-8 sequence at s (NUL-terminated), 0 when it is not one jansson accepts:
 * lead bytes C2-F4, continuation bytes 80-BF, no overlong form, no surrogate, at most U+10FFFF. */
static size_t utf8_len(const unsigned char *s) {
  size_t n = s[0] < 0xC2 ? 0 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : s[0] < 0xF5 ? 4 : 0;
  if (!n) return 0;
  unsigned long cp = s[0] & (0x7F >> n);
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0; /* the NUL ending a cut sequence included */
    cp = cp << 6 | (s[i] & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

/* A string in quotes, escaped (the file's opening comment); fails on text that is not UTF-8. */
static void quoted(pcf__jsonw *w, const char *text) {
  if (!text) {
    fail(w, PCF_ERR_INTERNAL, EILSEQ);
    return;
  }
  const unsigned char *s = (const unsigned char *)text;
  size_t n = strlen(text);
  if (n > (SIZE_MAX - 2) / 6) {
    fail(w, PCF_ERR_NOMEM, ENOMEM);
    return;
  }
  if (!room(w, 6 * n + 2)) return; /* the longest escape, \u00XX, is 6 bytes for 1 */
  char *o = w->buf + w->len;
  *o++ = '"';
  for (size_t i = 0; i < n;) {
    unsigned char c = s[i];
    if (c >= 0x80) {
      size_t len = utf8_len(s + i);
      if (!len) {
        fail(w, PCF_ERR_INTERNAL, EILSEQ);
        return;
      }
      memcpy(o, s + i, len);
      o += len;
      i += len;
      continue;
    }
    i++;
    if (c >= 0x20 && c != '"' && c != '\\') {
      *o++ = (char)c;
      continue;
    }
    *o++ = '\\';
    switch (c) {
      case '"': *o++ = '"'; break;
      case '\\': *o++ = '\\'; break;
      case '\b': *o++ = 'b'; break;
      case '\f': *o++ = 'f'; break;
      case '\n': *o++ = 'n'; break;
      case '\r': *o++ = 'r'; break;
      case '\t': *o++ = 't'; break;
      default:
        memcpy(o, "u00", 3);
        o[3] = "0123456789ABCDEF"[c >> 4];
        o[4] = "0123456789ABCDEF"[c & 15];
        o += 5;
    }
  }
  *o++ = '"';
  w->len = (size_t)(o - w->buf);
}

void pcf__jsonw_key(pcf__jsonw *w, const char *key) {
  item(w);
  quoted(w, key);
  raw(w, ": ", 2);
  w->after_key = true;
}

void pcf__jsonw_string(pcf__jsonw *w, const char *s) {
  item(w);
  quoted(w, s);
}

void pcf__jsonw_real(pcf__jsonw *w, double v) {
  item(w);
  if (!isfinite(v))
    fail(w, PCF_ERR_INTERNAL, EDOM); /* JSON has no NaN or infinity */
  else if (room(w, 32))
    w->len += (size_t)pcf__numfmt_real_fast(w->buf + w->len, 32, v);
}

void pcf__jsonw_integer(pcf__jsonw *w, long long v) {
  item(w);
  if (room(w, 24)) w->len += (size_t)snprintf(w->buf + w->len, 24, "%lld", v);
}

void pcf__jsonw_bool(pcf__jsonw *w, bool v) {
  item(w);
  raw(w, v ? "true" : "false", v ? 4 : 5);
}

int pcf__jsonw_finish(pcf__jsonw *w, FILE *out) {
  raw(w, "\n", 1);
  int rc = w->status;
  if (rc == PCF_ERR_INTERNAL) errno = w->why; /* what was refused, for a caller that reports errno */
  if (!rc && (fwrite(w->buf, 1, w->len, out) != w->len || ferror(out))) rc = PCF_ERR_IO;
  free(w->buf);
  *w = (pcf__jsonw){0};
  return rc;
}
