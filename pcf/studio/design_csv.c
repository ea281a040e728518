/* design_csv.c: a bill of materials' CSV text as the page edits it (columns and rows as written),
 * and back. The dialect is the BOM reader's (pcf/src/model/csv.h, RFC 4180 quoting): the
 * delimiter (',', ';' or TAB) is the header's most frequent one and is kept when writing, so a
 * file with decimal commas stays readable, and so are CRLF line ends; '#' lines are comments. */
#include <stdio.h>
#include <string.h>

#include "studio.h"

static char detect(const char *s, size_t n) {
  size_t counts[3] = {0, 0, 0};
  int q = 0;
  for (size_t i = 0; i < n && (q || (s[i] != '\n' && s[i] != '\r')); i++) {
    if (s[i] == '"') q = !q;
    if (q) continue;
    counts[0] += s[i] == ',';
    counts[1] += s[i] == ';';
    counts[2] += s[i] == '\t';
  }
  return counts[1] > counts[0] && counts[1] >= counts[2] ? ';' : counts[2] > counts[0] ? '\t' : ',';
}

/* One record from *pos into a new array (fields unquoted); NULL on out of memory or *bad set. */
static json_t *record(const char *s, size_t n, size_t *pos, char delim, long *line, int *bad) {
  json_t *row = json_array();
  char buf[8192];
  size_t b = 0;
  int quoted = 0, was_quoted = 0;
  size_t i = *pos;
  for (; i <= n; i++) {
    char c = i < n ? s[i] : '\n';
    if (quoted) {
      if (c == '"' && i + 1 < n && s[i + 1] == '"')
        c = '"', i++;
      else if (c == '"') {
        quoted = 0;
        continue;
      }
      if (i == n) {
        *bad = 1;
        break;
      }
      if (c == '\n') (*line)++;
    } else if (c == '"' && b == 0 && !was_quoted) {
      quoted = was_quoted = 1;
      continue;
    } else if (c == delim || c == '\n') {
      if (c == '\n' && b && buf[b - 1] == '\r') b--; /* a CRLF line end */
      if (!row || json_array_append_new(row, json_stringn(buf, b))) return json_decref(row), NULL;
      b = 0;
      was_quoted = 0;
      if (c == '\n') {
        i++;
        break;
      }
      continue;
    }
    if (b + 1 >= sizeof buf) {
      *bad = 1;
      break;
    }
    buf[b++] = c;
  }
  *pos = i;
  (*line)++;
  return row;
}

int studio_csv_parse(json_t **out, const char *text, size_t len, const char *what, pcf_error *err) {
  *out = NULL;
  size_t pos = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  json_t *bom = json_object(), *comments = json_array(), *rows = json_array(), *columns = NULL;
  if (!bom || json_object_set_new(bom, "comments", comments) || json_object_set_new(bom, "rows", rows)) goto nomem;
  char delim = 0;
  long line = 1;
  while (pos < len) {
    if (text[pos] == '#' || text[pos] == '\n' || text[pos] == '\r') {
      size_t e = pos;
      while (e < len && text[e] != '\n') e++;
      size_t n = e - pos;
      if (n && text[pos + n - 1] == '\r') n--;
      if (n && json_array_append_new(comments, json_stringn(text + pos, n))) goto nomem;
      pos = e + 1;
      line++;
      continue;
    }
    if (!delim) {
      delim = detect(text + pos, len - pos);
      const char *lf = memchr(text + pos, '\n', len - pos);
      if (lf && lf > text + pos && lf[-1] == '\r' && json_object_set_new(bom, "newline", json_string("\r\n")))
        goto nomem;
    }
    int bad = 0;
    long at = line;
    json_t *r = record(text, len, &pos, delim, &line, &bad);
    if (!r) goto nomem;
    if (bad) {
      json_decref(r);
      json_decref(bom);
      return pcf_error_set(err, PCF_ERR_PARSE, what, at, "an unclosed quote or a field over 8 KiB");
    }
    if (!columns) {
      columns = r;
      if (json_object_set_new(bom, "columns", columns)) goto nomem;
    } else if (json_array_append_new(rows, r)) {
      goto nomem;
    }
  }
  if (!columns) {
    json_decref(bom);
    return pcf_error_set(err, PCF_ERR_PARSE, what, 0, "no header row");
  }
  char d[2] = {delim, 0};
  if (json_object_set_new(bom, "delimiter", json_string(d))) goto nomem;
  *out = bom;
  return 0;
nomem:
  json_decref(bom);
  return pcf_error_nomem(err);
}

static void field(const char *s, char delim, FILE *f) {
  if (!strchr(s, delim) && !strpbrk(s, "\"\r\n") && *s != '#') {
    fputs(s, f);
    return;
  }
  putc('"', f);
  for (; *s; s++) {
    if (*s == '"') putc('"', f);
    putc(*s, f);
  }
  putc('"', f);
}

static int emit_row(const json_t *row, char delim, const char *nl, FILE *f) {
  if (!json_is_array(row)) return -1;
  size_t i;
  const json_t *v;
  json_array_foreach(row, i, v) {
    if (!json_is_string(v)) return -1;
    if (i) putc(delim, f);
    field(json_string_value(v), delim, f);
  }
  fputs(nl, f);
  return 0;
}

int studio_csv_emit(const json_t *bom, FILE *f, pcf_error *err) {
  const char *d = json_string_value(json_object_get(bom, "delimiter"));
  char delim = d && (*d == ';' || *d == '\t') ? *d : ',';
  const char *n = json_string_value(json_object_get(bom, "newline"));
  const char *nl = n && strcmp(n, "\r\n") == 0 ? "\r\n" : "\n";
  size_t i;
  const json_t *v;
  json_array_foreach(json_object_get(bom, "comments"), i, v) {
    const char *c = json_string_value(v);
    if (!c || *c != '#' || strpbrk(c, "\r\n"))
      return pcf_error_set(err, PCF_ERR_INPUT, "bom.csv", 0, "a comment line must start with '#'");
    fprintf(f, "%s%s", c, nl);
  }
  const json_t *columns = json_object_get(bom, "columns");
  if (emit_row(columns, delim, nl, f))
    return pcf_error_set(err, PCF_ERR_INPUT, "bom.csv", 0, "columns: a list of names");
  json_array_foreach(json_object_get(bom, "rows"), i, v) {
    if (emit_row(v, delim, nl, f))
      return pcf_error_set(err, PCF_ERR_INPUT, "bom.csv", (long)i + 2, "a row is a list of strings");
  }
  return ferror(f) ? pcf_error_set(err, PCF_ERR_IO, "bom.csv", 0, "cannot be written") : 0;
}
