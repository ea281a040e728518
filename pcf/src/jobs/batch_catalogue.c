/* batch_catalogue.c: reading a catalogue of products (see pcf/batch.h): a CSV listing product
 * files with optional per-row overrides (id, name, scale, declared unit, and changes of named BOM
 * lines), or a folder of product files. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "csv.h"
#include "pcf/batch.h"

struct pcf_catalogue {
  pcf_catalogue_entry *entries;
  size_t n, cap;
  pcf_override **overrides; /* [n] each entry's changes, NULL when none */
  char **strings;           /* every string the entries point to */
  size_t n_strings, cap_strings;
};

static const char *keep(pcf_catalogue *c, const char *s) {
  if (c->n_strings == c->cap_strings) {
    size_t cap = c->cap_strings ? c->cap_strings * 2 : 64;
    char **v = realloc(c->strings, cap * sizeof *v);
    if (!v) return NULL;
    c->strings = v;
    c->cap_strings = cap;
  }
  char *k = strdup(s);
  if (k) c->strings[c->n_strings++] = k;
  return k;
}

/* dir/rel, or rel when absolute. */
static const char *keep_path(pcf_catalogue *c, const char *dir, const char *rel) {
  if (rel[0] == '/' || !dir[0]) return keep(c, rel);
  size_t n = strlen(dir) + strlen(rel) + 2;
  char *buf = malloc(n);
  if (!buf) return NULL;
  snprintf(buf, n, "%s/%s", dir, rel);
  const char *k = keep(c, buf);
  free(buf);
  return k;
}

static pcf_catalogue_entry *add(pcf_catalogue *c) {
  if (c->n == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 64;
    pcf_catalogue_entry *v = realloc(c->entries, cap * sizeof *v);
    if (!v) return NULL;
    c->entries = v;
    pcf_override **o = realloc(c->overrides, cap * sizeof *o);
    if (!o) return NULL;
    c->overrides = o;
    c->cap = cap;
  }
  c->overrides[c->n] = NULL;
  pcf_catalogue_entry *e = &c->entries[c->n++];
  *e = (pcf_catalogue_entry){.id = "",
                             .name = "",
                             .product = "",
                             .scale = 1,
                             .declared_unit = "",
                             .category_cpc = "",
                             .file = "",
                             .overrides = NULL,
                             .n_overrides = 0};
  return e;
}

enum { COL_PRODUCT, COL_ID, COL_NAME, COL_SCALE, COL_UNIT, COL_CPC, N_COLS };

/* A bom.<part>.<field> column: its key "<part>.<field>" (NULL when the header is not one), or an
 * error naming a field that a BOM change does not have. */
static const char *change_column(const char *header, const char **bad_field) {
  static const char *const fields[] = {"mass",  "material", "quantity",     "recycled_content",
                                       "scale", "dataset",  "supplier_pcf", "forming"};
  *bad_field = NULL;
  if (strncasecmp(header, "bom.", 4) != 0) return NULL;
  const char *key = header + 4, *dot = strrchr(key, '.');
  if (!dot || dot == key) return *bad_field = header, NULL;
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
    if (strcmp(dot + 1, fields[i]) == 0) return key;
  return *bad_field = header, NULL;
}

static int column_of(const char *key) {
  static const struct {
    const char *key;
    int col;
  } names[] = {
      {"product", COL_PRODUCT}, {"file", COL_PRODUCT},          {"productfile", COL_PRODUCT}, {"path", COL_PRODUCT},
      {"id", COL_ID},           {"productid", COL_ID},          {"name", COL_NAME},           {"productname", COL_NAME},
      {"scale", COL_SCALE},     {"declaredunit", COL_UNIT},     {"unit", COL_UNIT},           {"cpc", COL_CPC},
      {"categorycpc", COL_CPC}, {"productcategorycpc", COL_CPC}};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp(key, names[i].key) == 0) return names[i].col;
  return -1;
}

static int read_csv(pcf_catalogue *c, const char *path, pcf_error *err) {
  pcf_csv *csv;
  int rc = pcf_csv_read_file(&csv, path, "catalogue", 0, PCF_CSV_MAX_FILE, err);
  if (rc) return rc;
  char dir[4096];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (slash)
    *slash = '\0';
  else
    dir[0] = '\0';
  long col[N_COLS] = {-1, -1, -1, -1, -1, -1};
  const char *file = keep(c, path);
  if (!file) rc = pcf_error_nomem(err);
  /* the change columns: their field index and key */
  size_t n_changes = 0, change_field[PCF_CSV_MAX_COLUMNS];
  const char *change_key[PCF_CSV_MAX_COLUMNS];
  for (size_t f = 0; !rc && pcf_csv_rows(csv) && f < pcf_csv_fields(csv, 0); f++) {
    const char *bad, *ck = change_column(pcf_csv_field(csv, 0, f), &bad);
    if (bad) {
      rc = pcf_error_set(err, PCF_ERR_INPUT, path, pcf_csv_line(csv, 0),
                         "catalogue column \"%s\": a change column is bom.<part>.<field> with field mass, material, "
                         "quantity, recycled_content, scale, dataset, supplier_pcf or forming",
                         bad);
      break;
    }
    if (ck) {
      if (!(change_key[n_changes] = keep(c, ck))) rc = pcf_error_nomem(err);
      change_field[n_changes++] = f;
      continue;
    }
    char key[64];
    pcf_csv_key(pcf_csv_field(csv, 0, f), key, sizeof key);
    int k = column_of(key);
    if (k < 0 || col[k] >= 0)
      rc = pcf_error_set(err, PCF_ERR_INPUT, path, pcf_csv_line(csv, 0),
                         "catalogue column \"%s\" is %s (columns: id, name, product, scale, declared unit, cpc, "
                         "bom.<part>.<field>)",
                         pcf_csv_field(csv, 0, f), k < 0 ? "unknown" : "given twice");
    else
      col[k] = (long)f;
  }
  if (!rc && col[COL_PRODUCT] < 0)
    rc = pcf_error_set(err, PCF_ERR_INPUT, path, 1,
                       "catalogue has no \"product\" column (the product file of each row)");
  unsigned char numeric[PCF_CSV_MAX_COLUMNS] = {0};
  if (!rc && col[COL_SCALE] >= 0) numeric[col[COL_SCALE]] = 1;
  /* "1,5" in a scale column would be scale 1 and a stray 5: refused, as in BOMs. */
  if (!rc) rc = pcf_csv_check_widths(csv, numeric, err);
  for (size_t r = 1; !rc && r < pcf_csv_rows(csv); r++) {
    long line = pcf_csv_line(csv, r);
    const char *product = pcf_csv_field(csv, r, (size_t)col[COL_PRODUCT]);
    if (!product[0]) {
      rc = pcf_error_set(err, PCF_ERR_INPUT, path, line, "row without a product file");
      break;
    }
    pcf_catalogue_entry *e = add(c);
    if (!e || !(e->product = keep_path(c, dir, product))) {
      rc = pcf_error_nomem(err);
      break;
    }
    e->file = file;
    e->line = line;
    if (col[COL_ID] >= 0 && !(e->id = keep(c, pcf_csv_field(csv, r, (size_t)col[COL_ID])))) rc = pcf_error_nomem(err);
    if (col[COL_NAME] >= 0 && !(e->name = keep(c, pcf_csv_field(csv, r, (size_t)col[COL_NAME]))))
      rc = pcf_error_nomem(err);
    if (col[COL_UNIT] >= 0 && !(e->declared_unit = keep(c, pcf_csv_field(csv, r, (size_t)col[COL_UNIT]))))
      rc = pcf_error_nomem(err);
    if (col[COL_CPC] >= 0 && !(e->category_cpc = keep(c, pcf_csv_field(csv, r, (size_t)col[COL_CPC]))))
      rc = pcf_error_nomem(err);
    size_t used = 0;
    for (size_t k = 0; k < n_changes; k++) used += pcf_csv_field(csv, r, change_field[k])[0] != 0;
    pcf_override *o = used ? calloc(used, sizeof *o) : NULL;
    if (used && !o) rc = pcf_error_nomem(err);
    c->overrides[c->n - 1] = o;
    for (size_t k = 0; !rc && k < n_changes; k++) {
      const char *v = pcf_csv_field(csv, r, change_field[k]);
      if (!v[0]) continue;
      if (!(v = keep(c, v)))
        rc = pcf_error_nomem(err);
      else
        o[e->n_overrides++] = (pcf_override){"bom", change_key[k], v};
    }
    e->overrides = o;
    const char *scale = col[COL_SCALE] >= 0 ? pcf_csv_field(csv, r, (size_t)col[COL_SCALE]) : "";
    const char *why = NULL;
    if (!rc && scale[0] && (pcf_parse_number(scale, pcf_csv_separator(csv) != ',', &e->scale, &why) || !(e->scale > 0)))
      rc = pcf_error_set(err, PCF_ERR_INPUT, path, line, "scale \"%s\": %s", scale,
                         why ? why : "expected a positive number of declared units");
  }
  pcf_csv_free(csv);
  return rc;
}

static int by_path(const void *a, const void *b) {
  return strcmp(((const pcf_catalogue_entry *)a)->product, ((const pcf_catalogue_entry *)b)->product);
}

static int is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int read_folder(pcf_catalogue *c, const char *path, pcf_error *err) {
  DIR *d = opendir(path);
  if (!d) return pcf_error_set(err, PCF_ERR_IO, path, 0, "cannot open the catalogue folder: %s", strerror(errno));
  const char *file = keep(c, path);
  int rc = file ? 0 : pcf_error_nomem(err);
  for (struct dirent *de; !rc && (de = readdir(d));) {
    if (de->d_name[0] == '.') continue;
    size_t len = strlen(de->d_name);
    char full[4096];
    if (len > 4 && strcmp(de->d_name + len - 4, ".ini") == 0)
      snprintf(full, sizeof full, "%s/%s", path, de->d_name);
    else if ((size_t)snprintf(full, sizeof full, "%s/%s/product.ini", path, de->d_name) >= sizeof full)
      continue;
    if (!is_file(full)) continue;
    pcf_catalogue_entry *e = add(c);
    if (!e || !(e->product = keep(c, full)))
      rc = pcf_error_nomem(err);
    else
      e->file = file;
  }
  closedir(d);
  /* readdir order depends on the file system: sort for a reproducible output. */
  if (!rc && c->n) qsort(c->entries, c->n, sizeof *c->entries, by_path);
  return rc;
}

int pcf_catalogue_read(pcf_catalogue **out, const char *path, pcf_error *err) {
  pcf_catalogue *c = calloc(1, sizeof *c);
  *out = c;
  if (!c) return pcf_error_nomem(err);
  struct stat st;
  int rc = stat(path, &st) ? pcf_error_set(err, PCF_ERR_IO, path, 0, "cannot read the catalogue: %s", strerror(errno))
           : S_ISDIR(st.st_mode) ? read_folder(c, path, err)
                                 : read_csv(c, path, err);
  if (rc) { /* the ownership rule (error.h) */
    pcf_catalogue_free(c);
    *out = NULL;
  }
  return rc;
}

void pcf_catalogue_free(pcf_catalogue *c) {
  if (!c) return;
  for (size_t i = 0; i < c->n_strings; i++) free(c->strings[i]);
  for (size_t i = 0; i < c->n; i++) free(c->overrides[i]);
  free(c->overrides);
  free(c->strings);
  free(c->entries);
  free(c);
}

size_t pcf_catalogue_count(const pcf_catalogue *c) { return c->n; }
const pcf_catalogue_entry *pcf_catalogue_entry_at(const pcf_catalogue *c, size_t i) {
  return i < c->n ? &c->entries[i] : NULL;
}
