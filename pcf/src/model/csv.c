/* csv.c: the CSV reader behind BOMs and material maps (RFC 4180 and the liberties of
 * spreadsheet exports, listed in csv.h), and the strict number parser used for their fields.
 *
 * One pass over the bytes after an encoding check; the fields of all records are packed into
 * one character buffer (NUL-terminated each) indexed by offsets, so a table is three
 * allocations however many fields it has.
 */
#include "csv.h"

#include "input_file.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct csv_row {
  size_t first; /* index of its first field in offsets */
  size_t nfields;
  long line;
} csv_row;

struct pcf_csv {
  char *name;
  char sep;
  char *buf; /* field texts, each NUL-terminated */
  size_t buf_len, buf_cap;
  size_t *offsets; /* start of each field in buf */
  size_t nfields, fields_cap;
  csv_row *rows;
  size_t nrows, rows_cap;
};

/* Grows *p (elements of size elem) so that it holds at least need elements. */
int pcf_grow(void **p, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return 0;
  size_t cap2 = *cap ? *cap : 64;
  while (cap2 < need) {
    if (cap2 > SIZE_MAX / 2 / elem) return PCF_ERR_NOMEM;
    cap2 *= 2;
  }
  void *q = realloc(*p, cap2 * elem);
  if (!q) return PCF_ERR_NOMEM;
  *p = q;
  *cap = cap2;
  return 0;
}

static int put_char(pcf_csv *csv, char c) {
  if (pcf_grow((void **)&csv->buf, &csv->buf_cap, csv->buf_len + 1, 1)) return PCF_ERR_NOMEM;
  csv->buf[csv->buf_len++] = c;
  return 0;
}

static int is_space(char c, char sep) { return c == ' ' || (c == '\t' && sep != '\t'); }

static int is_eol(char c) { return c == '\n' || c == '\r'; }

/* Picks the separator from the first record that is neither a comment nor blank. */
static char detect_separator(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t start = i;
    int blank = 1, quoted = 0;
    size_t count[3] = {0, 0, 0}; /* , ; TAB */
    for (; i < n && (quoted || !is_eol(s[i])); i++) {
      char c = s[i];
      if (c == '"')
        quoted = !quoted;
      else if (!quoted && c == ',')
        count[0]++;
      else if (!quoted && c == ';')
        count[1]++;
      else if (!quoted && c == '\t')
        count[2]++;
      if (c != ' ' && c != '\t') blank = 0;
    }
    if (i < n && s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') i++;
    i++;
    if (blank || s[start] == '#') continue;
    if (count[2] && count[2] >= count[1] && count[2] >= count[0]) return '\t';
    if (count[1] && count[1] >= count[0]) return ';';
    return ',';
  }
  return ',';
}

typedef struct parser {
  pcf_csv *csv;
  const char *s;
  size_t n, i;
  long line;
  pcf_error *err;
} parser;

/* Reads one field at p->i, appending its text and NUL to the buffer. Stops before the
 * separator or end of line that ends it. */
static int read_field(parser *p) {
  pcf_csv *csv = p->csv;
  char sep = csv->sep;
  size_t start = csv->buf_len;
  while (p->i < p->n && is_space(p->s[p->i], sep)) p->i++;
  if (p->i < p->n && p->s[p->i] == '"') {
    long open_line = p->line;
    p->i++;
    for (;;) {
      if (p->i >= p->n)
        return pcf_error_set(p->err, PCF_ERR_PARSE, csv->name, open_line,
                             "unterminated quote: the quoted field opened here never closes");
      char c = p->s[p->i++];
      if (c == '"') {
        if (p->i < p->n && p->s[p->i] == '"')
          p->i++;
        else
          break;
      } else if (c == '\n' || (c == '\r' && (p->i >= p->n || p->s[p->i] != '\n'))) {
        p->line++;
      }
      if (csv->buf_len - start >= PCF_CSV_MAX_FIELD)
        return pcf_error_set(p->err, PCF_ERR_PARSE, csv->name, open_line, "field longer than %d bytes",
                             PCF_CSV_MAX_FIELD);
      if (put_char(csv, c)) return PCF_ERR_NOMEM;
    }
    while (p->i < p->n && is_space(p->s[p->i], sep)) p->i++;
    if (p->i < p->n && p->s[p->i] != sep && !is_eol(p->s[p->i]))
      return pcf_error_set(p->err, PCF_ERR_PARSE, csv->name, p->line,
                           "unexpected '%c' after a closing quote (write a quote inside a quoted "
                           "field as \"\")",
                           p->s[p->i]);
  } else {
    while (p->i < p->n && p->s[p->i] != sep && !is_eol(p->s[p->i])) {
      if (csv->buf_len - start >= PCF_CSV_MAX_FIELD)
        return pcf_error_set(p->err, PCF_ERR_PARSE, csv->name, p->line, "field longer than %d bytes",
                             PCF_CSV_MAX_FIELD);
      if (put_char(csv, p->s[p->i++])) return PCF_ERR_NOMEM;
    }
    while (csv->buf_len > start && is_space(csv->buf[csv->buf_len - 1], sep)) csv->buf_len--;
  }
  if (pcf_grow((void **)&csv->offsets, &csv->fields_cap, csv->nfields + 1, sizeof *csv->offsets)) return PCF_ERR_NOMEM;
  csv->offsets[csv->nfields++] = start;
  return put_char(csv, '\0');
}

static void skip_line_end(parser *p) {
  if (p->i < p->n && p->s[p->i] == '\r') {
    p->i++;
    if (p->i < p->n && p->s[p->i] == '\n') p->i++;
  } else if (p->i < p->n && p->s[p->i] == '\n') {
    p->i++;
  }
  p->line++;
}

/* Reads one record (or skips a comment), appending a row unless it is blank. */
static int read_record(parser *p) {
  pcf_csv *csv = p->csv;
  if (p->s[p->i] == '#') {
    while (p->i < p->n && !is_eol(p->s[p->i])) p->i++;
    skip_line_end(p);
    return 0;
  }
  long line = p->line;
  size_t first = csv->nfields, buf_mark = csv->buf_len;
  int rc;
  for (;;) {
    if (csv->nfields - first >= PCF_CSV_MAX_COLUMNS)
      return pcf_error_set(p->err, PCF_ERR_PARSE, csv->name, line, "more than %d columns", PCF_CSV_MAX_COLUMNS);
    if ((rc = read_field(p))) return rc;
    if (p->i < p->n && p->s[p->i] == csv->sep)
      p->i++;
    else
      break;
  }
  if (p->i < p->n) skip_line_end(p);
  int blank = 1;
  for (size_t f = first; f < csv->nfields && blank; f++) blank = csv->buf[csv->offsets[f]] == '\0';
  if (blank) {
    csv->nfields = first;
    csv->buf_len = buf_mark;
    return 0;
  }
  if (csv->nrows >= PCF_CSV_MAX_ROWS)
    return pcf_error_set(p->err, PCF_ERR_PARSE, csv->name, line, "more than %d rows", PCF_CSV_MAX_ROWS);
  if (pcf_grow((void **)&csv->rows, &csv->rows_cap, csv->nrows + 1, sizeof *csv->rows)) return PCF_ERR_NOMEM;
  csv->rows[csv->nrows++] = (csv_row){first, csv->nfields - first, line};
  return 0;
}

int pcf_csv_read_memory(pcf_csv **out, const char *name, const char *data, size_t size, char sep, pcf_error *err) {
  *out = NULL;
  if (!name) name = "";
  const unsigned char *u = (const unsigned char *)data;
  if (size >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff)))
    return pcf_error_set(err, PCF_ERR_PARSE, name, 1,
                         "the file is UTF-16 (spreadsheet \"Unicode text\"); save it as CSV UTF-8");
  if (size >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
    data += 3;
    size -= 3;
  }
  int rc = pcf_input_check_text(name, data, size, "CSV UTF-8", err);
  if (rc) return rc;
  pcf_csv *csv = calloc(1, sizeof *csv);
  if (!csv || !(csv->name = strdup(name))) {
    free(csv);
    return pcf_error_set(err, PCF_ERR_NOMEM, name, 0, "out of memory reading CSV");
  }
  csv->sep = (sep == ',' || sep == ';' || sep == '\t') ? sep : detect_separator(data, size);
  parser p = {csv, data, size, 0, 1, err};
  while (p.i < p.n && !rc) rc = read_record(&p);
  if (rc) {
    if (rc == PCF_ERR_NOMEM) pcf_error_set(err, rc, name, p.line, "out of memory reading CSV");
    pcf_csv_free(csv);
    return rc;
  }
  *out = csv;
  return 0;
}

int pcf_csv_read_file(pcf_csv **out, const char *path, const char *what, char sep, size_t max_bytes, pcf_error *err) {
  *out = NULL;
  char *data;
  size_t len;
  int rc = pcf_input_read(path, what, max_bytes, &data, &len, err);
  if (!rc) rc = pcf_csv_read_memory(out, path, data, len, sep, err);
  free(data);
  return rc;
}

int pcf_csv_read(pcf_csv **out, const char *path, char sep, pcf_error *err) {
  return pcf_csv_read_file(out, path, "CSV file", sep, PCF_CSV_MAX_FILE, err);
}

void pcf_csv_free(pcf_csv *csv) {
  if (!csv) return;
  free(csv->name);
  free(csv->buf);
  free(csv->offsets);
  free(csv->rows);
  free(csv);
}

size_t pcf_csv_rows(const pcf_csv *csv) { return csv->nrows; }

size_t pcf_csv_fields(const pcf_csv *csv, size_t r) { return r < csv->nrows ? csv->rows[r].nfields : 0; }

const char *pcf_csv_field(const pcf_csv *csv, size_t r, size_t c) {
  if (r >= csv->nrows || c >= csv->rows[r].nfields) return "";
  return csv->buf + csv->offsets[csv->rows[r].first + c];
}

long pcf_csv_line(const pcf_csv *csv, size_t r) { return r < csv->nrows ? csv->rows[r].line : 0; }

char pcf_csv_separator(const pcf_csv *csv) { return csv->sep; }

const char *pcf_csv_name(const pcf_csv *csv) { return csv->name; }

static int whole_number(const char *s) {
  if (*s == '-' || *s == '+') s++;
  if (!*s) return 0;
  for (; *s; s++)
    if (*s < '0' || *s > '9') return 0;
  return 1;
}

int pcf_csv_check_widths(const pcf_csv *csv, const unsigned char *numeric, pcf_error *err) {
  size_t width = pcf_csv_fields(csv, 0);
  for (size_t r = 1; r < csv->nrows; r++) {
    size_t n = csv->rows[r].nfields, used = n;
    while (used > width && !pcf_csv_field(csv, r, used - 1)[0]) used--;
    if (used <= width) continue;
    /* Two whole numbers side by side where one column was expected: the likeliest split. */
    for (size_t c = 0; c + 1 < n && c < width; c++) {
      const char *a = pcf_csv_field(csv, r, c), *b = pcf_csv_field(csv, r, c + 1);
      if (csv->sep == ',' && (!numeric || numeric[c]) && whole_number(a) && whole_number(b) && b[0] != '-' &&
          b[0] != '+')
        return pcf_error_set(err, PCF_ERR_PARSE, csv->name, csv->rows[r].line,
                             "%zu values for the header's %zu columns: \"%s,%s\" under '%s' looks like a "
                             "decimal comma, which splits the number and shifts every later column: write %s.%s",
                             used, width, a, b, pcf_csv_field(csv, 0, c), a, b);
    }
    return pcf_error_set(err, PCF_ERR_PARSE, csv->name, csv->rows[r].line,
                         "%zu values for the header's %zu columns: a %s inside a value shifts the later "
                         "columns (quote the value%s)",
                         used, width,
                         csv->sep == ','   ? "comma"
                         : csv->sep == ';' ? "semicolon"
                                           : "tab",
                         csv->sep == ',' ? ", and write numbers with a decimal point" : "");
  }
  return 0;
}

void pcf_csv_key(const char *name, char *out, size_t size) {
  size_t n = 0;
  for (; *name && n + 1 < size; name++) {
    char c = *name;
    if (c >= 'A' && c <= 'Z')
      out[n++] = (char)(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out[n++] = c;
  }
  if (size) out[n] = '\0';
}

static int fail(const char **why, const char *reason) {
  if (why) *why = reason;
  return PCF_ERR_PARSE;
}

int pcf_parse_number(const char *text, int decimal_comma, double *out, const char **why) {
  char tmp[128];
  size_t n = 0;
  const char *s = text;
  while (*s == ' ' || *s == '\t') s++;
  if (*s == '+' || *s == '-') tmp[n++] = *s++;
  size_t digits = 0, marks = 0, dots = 0, commas = 0;
  /* Copy the mantissa with '.' as the only mark, then hand the validated text to strtod, in
   * the C locale's notation; the decimal point of another LC_NUMERIC is put back below. */
  for (; *s && n < sizeof tmp - 8; s++) {
    if (*s >= '0' && *s <= '9') {
      digits++;
      tmp[n++] = *s;
    } else if (*s == '.' || *s == ',') {
      marks++;
      *s == '.' ? dots++ : commas++;
      tmp[n++] = '.';
    } else {
      break;
    }
  }
  if (commas && dots) return fail(why, "both '.' and ',' in a number (thousands separators are not allowed)");
  if (commas && !decimal_comma)
    return fail(why, "decimal comma in a comma-separated file (write 1.5, or separate by ';')");
  if (marks > 1) return fail(why, "more than one decimal mark (thousands separators are not allowed)");
  if (!digits) return fail(why, "not a number");
  if (*s == 'e' || *s == 'E') {
    tmp[n++] = *s++;
    if (*s == '+' || *s == '-') tmp[n++] = *s++;
    size_t exp_digits = 0;
    for (; *s >= '0' && *s <= '9' && n < sizeof tmp - 2; s++, exp_digits++) tmp[n++] = *s;
    if (!exp_digits) return fail(why, "not a number (exponent without digits)");
  }
  while (*s == ' ' || *s == '\t') s++;
  if (*s) return fail(why, "not a number (unexpected characters; give units in the column header)");
  tmp[n] = '\0';
  const char *point = localeconv()->decimal_point;
  if (point && point[0] && point[0] != '.' && !point[1]) {
    char *dot = strchr(tmp, '.');
    if (dot) *dot = point[0];
  }
  errno = 0;
  char *end;
  double v = strtod(tmp, &end);
  if (*end) return fail(why, "not a number");
  if (!isfinite(v) || fabs(v) > 1e15) return fail(why, "absurdly large number (magnitude above 1e15)");
  if (errno == ERANGE) return fail(why, "number too small to represent");
  *out = v;
  return 0;
}
