/* cff_defaults.c: the per-material CFF defaults table (cff_defaults.h). A handful of rows: a
 * linear search is the fastest thing that works. */
#include "cff_defaults.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"

struct pcf_cff_defaults {
  pcf_cff_default *rows;
  size_t n, cap;
  char **strings; /* owned copies of names, sources and the path */
  size_t ns, scap;
};

static const char *keep(pcf_cff_defaults *d, const char *s) {
  if (pcf_grow((void **)&d->strings, &d->scap, d->ns + 1, sizeof *d->strings)) return NULL;
  char *c = strdup(s);
  if (c) d->strings[d->ns++] = c;
  return c;
}

void pcf_cff_defaults_free(pcf_cff_defaults *d) {
  if (!d) return;
  for (size_t i = 0; i < d->ns; i++) free(d->strings[i]);
  free(d->strings);
  free(d->rows);
  free(d);
}

const pcf_cff_default *pcf_cff_defaults_find(const pcf_cff_defaults *d, const char *process_uuid) {
  if (!d || !process_uuid) return NULL;
  for (size_t i = 0; i < d->n; i++)
    if (strcasecmp(d->rows[i].process, process_uuid) == 0) return &d->rows[i];
  return NULL;
}

enum { COL_MATERIAL, COL_A, COL_QSIN, COL_QSOUT, COL_SOURCE, COL_COUNT };

static int parse_share(const pcf_csv *csv, size_t r, long col, const char *what, double *out, pcf_error *err) {
  *out = NAN;
  if (col < 0 || (size_t)col >= pcf_csv_fields(csv, r)) return 0;
  const char *text = pcf_csv_field(csv, r, (size_t)col);
  while (isspace((unsigned char)*text)) text++;
  if (!*text) return 0;
  const char *why = NULL;
  if (pcf_parse_number(text, pcf_csv_separator(csv) != ',', out, &why))
    return pcf_error_set(err, PCF_ERR_INPUT, pcf_csv_name(csv), pcf_csv_line(csv, r), "%s \"%s\": %s", what, text, why);
  if (*out < 0 || *out > 1)
    return pcf_error_set(err, PCF_ERR_INPUT, pcf_csv_name(csv), pcf_csv_line(csv, r), "%s %g is outside 0..1", what,
                         *out);
  return 0;
}

static int load_rows(pcf_cff_defaults *d, const pcf_csv *csv, const pcf_matmap *materials, pcf_error *err) {
  static const char *keys[COL_COUNT] = {"material", "a", "qsin", "qsout", "source"};
  long col[COL_COUNT] = {-1, -1, -1, -1, -1};
  for (size_t c = 0; pcf_csv_rows(csv) && c < pcf_csv_fields(csv, 0); c++) {
    char key[32];
    pcf_csv_key(pcf_csv_field(csv, 0, c), key, sizeof key);
    for (int k = 0; k < COL_COUNT; k++)
      if (strcmp(key, keys[k]) == 0) col[k] = (long)c;
  }
  const char *path = pcf_csv_name(csv);
  if (col[COL_MATERIAL] < 0 || col[COL_SOURCE] < 0)
    return pcf_error_set(err, PCF_ERR_INPUT, path, 1, "CFF defaults need the columns material and source");
  for (size_t r = 1; r < pcf_csv_rows(csv); r++) {
    long line = pcf_csv_line(csv, r);
    size_t nf = pcf_csv_fields(csv, r);
    const char *name = (size_t)col[COL_MATERIAL] < nf ? pcf_csv_field(csv, r, (size_t)col[COL_MATERIAL]) : "";
    const char *source = (size_t)col[COL_SOURCE] < nf ? pcf_csv_field(csv, r, (size_t)col[COL_SOURCE]) : "";
    if (!*name) return pcf_error_set(err, PCF_ERR_INPUT, path, line, "empty material");
    if (!*source) return pcf_error_set(err, PCF_ERR_INPUT, path, line, "\"%s\": no source", name);
    const pcf_material *m = pcf_matmap_find(materials, name);
    if (!m) return pcf_error_set(err, PCF_ERR_INPUT, path, line, "\"%s\" is not in the material map", name);
    if (pcf_cff_defaults_find(d, m->process))
      return pcf_error_set(err, PCF_ERR_INPUT, path, line, "\"%s\": its material has a row already", name);
    pcf_cff_default row = {.line = line};
    int rc;
    if ((rc = parse_share(csv, r, col[COL_A], "A", &row.a, err)) ||
        (rc = parse_share(csv, r, col[COL_QSIN], "Qsin/Qp", &row.qsin, err)) ||
        (rc = parse_share(csv, r, col[COL_QSOUT], "Qsout/Qp", &row.qsout, err)))
      return rc;
    memcpy(row.process, m->process, 36);
    row.process[36] = '\0';
    row.name = keep(d, name);
    row.source = keep(d, source);
    if (!row.name || !row.source || pcf_grow((void **)&d->rows, &d->cap, d->n + 1, sizeof *d->rows))
      return pcf_error_set(err, PCF_ERR_NOMEM, path, line, "out of memory");
    d->rows[d->n++] = row;
  }
  return 0;
}

int pcf_cff_defaults_load(pcf_cff_defaults **out, const char *path, const pcf_matmap *materials, pcf_error *err) {
  *out = NULL;
  pcf_cff_defaults *d = calloc(1, sizeof *d);
  if (!d || !keep(d, path)) {
    pcf_cff_defaults_free(d);
    return pcf_error_set(err, PCF_ERR_NOMEM, path, 0, "out of memory");
  }
  pcf_csv *csv;
  int rc = pcf_csv_read(&csv, path, 0, err);
  if (!rc) {
    rc = load_rows(d, csv, materials, err);
    pcf_csv_free(csv);
  }
  if (rc) {
    pcf_cff_defaults_free(d);
    return rc;
  }
  for (size_t i = 0; i < d->n; i++) d->rows[i].file = d->strings[0];
  *out = d;
  return 0;
}
