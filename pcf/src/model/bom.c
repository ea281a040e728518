/* bom.c: bills of materials (pcf/bom.h): reads the rows of a BOM CSV, links them into a tree
 * (level column), a graph of part numbers (parent column) or a flat list, and expands it into
 * leaves with quantities and masses per ONE unit of the product. This is the product system's
 * raw material stage input (ISO 14067:2018 6.3.5, "raw material acquisition"); the header
 * matching and units are in bom_columns.c.
 */
#include "pcf/bom.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bom_internal.h"
#include "ratings.h"

int pcf_bom_warn(pcf_bom *bom, const char *fmt, ...) {
  char buf[768];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (pcf_grow((void **)&bom->warnings, &bom->warnings_cap, bom->nwarnings + 1, sizeof(char *))) return PCF_ERR_NOMEM;
  if (!(bom->warnings[bom->nwarnings] = strdup(buf))) return PCF_ERR_NOMEM;
  bom->nwarnings++;
  return 0;
}

static const char *field(const pcf_csv *csv, const bom_columns *cols, size_t r, int f) {
  return cols->col[f] >= 0 ? pcf_csv_field(csv, r, (size_t)cols->col[f]) : "";
}

/* "0", "2", ".1", "..2": the digits, or the number of dots when there are none. */
static int parse_level(const char *text, int *out) {
  int dots = 0, digits = 0;
  long v = 0;
  for (; *text == '.'; text++) dots++;
  for (; *text >= '0' && *text <= '9' && v < 1000; text++, digits++) v = v * 10 + (*text - '0');
  if (*text || (!digits && !dots)) return -1;
  *out = digits ? (int)v : dots;
  return 0;
}

/* Number of column f in row r, in `unit`, into *out (NaN when empty); it must be above 0 and,
 * converted to the unit's canonical one, at most PCF_BOM_MAX_AMOUNT. */
static int number(const pcf_csv *csv, const bom_columns *cols, size_t r, int f, bom_unit unit, const char *what,
                  double *out, pcf_error *err) {
  const char *text = field(csv, cols, r, f), *why;
  *out = NAN;
  if (!text[0]) return 0;
  if (pcf_parse_number(text, pcf_csv_separator(csv) != ',', out, &why))
    return pcf_error_set(err, PCF_ERR_PARSE, pcf_csv_name(csv), pcf_csv_line(csv, r), "%s '%s': %s", what, text, why);
  if (!(*out > 0))
    return pcf_error_set(err, PCF_ERR_INPUT, pcf_csv_name(csv), pcf_csv_line(csv, r),
                         "%s %s is %s (it must be above 0)", what, text, *out == 0 ? "zero" : "negative");
  if (*out * unit.factor > PCF_BOM_MAX_AMOUNT)
    return pcf_error_set(err, PCF_ERR_INPUT, pcf_csv_name(csv), pcf_csv_line(csv, r),
                         "%s %s (%.10g %s) is above the limit of %g %s for one BOM line (pcf/bom.h; "
                         "check the unit)",
                         what, text, *out * unit.factor, unit.canonical, PCF_BOM_MAX_AMOUNT, unit.canonical);
  return 0;
}

/* A share column: fraction 0..max (max 1 inclusive, or below 1 for scrap). */
static int share(const pcf_csv *csv, const bom_columns *cols, size_t r, int f, int fraction, int scrap, double *out,
                 double *max_seen, int *pct_seen, pcf_error *err) {
  const char *text = field(csv, cols, r, f), *why;
  int sign;
  *out = NAN;
  if (!text[0]) return 0;
  const char *what = f == BF_SCRAP ? "scrap rate" : "recycled content";
  if (pcf_bom_share_parse(text, fraction, pcf_csv_separator(csv) != ',', out, &sign, &why))
    return pcf_error_set(err, PCF_ERR_PARSE, pcf_csv_name(csv), pcf_csv_line(csv, r), "%s '%s': %s", what, text, why);
  if (*out < 0 || *out > 1 || (scrap && *out >= 1))
    return pcf_error_set(
        err, PCF_ERR_INPUT, pcf_csv_name(csv), pcf_csv_line(csv, r), "%s %s is outside %s", what, text,
        sign || !fraction ? (scrap ? "0 to below 100 %" : "0 to 100 %") : (scrap ? "0 to below 1" : "0 to 1"));
  if (!sign && (fraction ? *out : *out * 100) > *max_seen) *max_seen = fraction ? *out : *out * 100;
  *pct_seen |= sign;
  return 0;
}

/* Unit, quantity and masses of row r. */
static int read_amounts(pcf_bom *bom, const bom_columns *cols, size_t r, bom_row *row, pcf_error *err) {
  const pcf_csv *csv = bom->csv;
  const char *path = pcf_csv_name(csv), *text = field(csv, cols, r, BF_UNIT);
  long line = row->line;
  row->unit = cols->qty_unit;
  if (text[0] && pcf_bom_unit_parse(text, &row->unit))
    return pcf_error_set(err, PCF_ERR_UNIT, path, line, "unknown unit '%s' (pcs, kg, g, t, lb, m, mm, m2, m3, l, ...)",
                         text);
  int rc = number(csv, cols, r, BF_QTY, row->unit, "quantity", &row->qty, err);
  if (rc) return rc;
  if (isnan(row->qty)) return pcf_error_set(err, PCF_ERR_INPUT, path, line, "no quantity");
  row->qty *= row->unit.factor;
  bom_unit mu = cols->mass_unit, tu = cols->total_mass_unit;
  text = field(csv, cols, r, BF_MASS_UNIT);
  if (text[0] && (pcf_bom_unit_parse(text, &mu) || mu.kind != BK_MASS))
    return pcf_error_set(err, PCF_ERR_UNIT, path, line, "'%s' is not a mass unit", text);
  if (text[0]) tu = mu;
  double m, t;
  if ((rc = number(csv, cols, r, BF_MASS, mu, "mass", &m, err)) ||
      (rc = number(csv, cols, r, BF_TOTAL_MASS, tu, "total mass", &t, err)))
    return rc;
  m *= mu.factor; /* kg per unit as written */
  t *= tu.factor; /* kg for the line */
  if (row->unit.kind == BK_MASS) {
    /* The quantity is the mass; a mass column is then the line's mass too. */
    double given = !isnan(t) ? t : m;
    if (!isnan(given) && fabs(given - row->qty) > 1e-3 * row->qty &&
        pcf_bom_warn(bom, "%s:%ld: mass %g kg differs from the quantity %g kg; the quantity is used", path, line, given,
                     row->qty))
      return PCF_ERR_NOMEM;
    row->mass_kg = 1;
    return 0;
  }
  double per_unit_from_total = t / row->qty;
  row->mass_kg = !isnan(m) ? m / row->unit.factor : per_unit_from_total;
  if (!isnan(m) && !isnan(t) && fabs(row->mass_kg - per_unit_from_total) > 0.01 * row->mass_kg &&
      pcf_bom_warn(bom, "%s:%ld: total mass %g kg is not quantity × mass (%g kg); the mass is used", path, line, t,
                   row->mass_kg * row->qty))
    return PCF_ERR_NOMEM;
  return 0;
}

/* Supplier PCF of row r: value per canonical unit, scaled to kg CO2e. */
static int read_pcf(pcf_bom *bom, const bom_columns *cols, size_t r, bom_row *row, pcf_error *err) {
  const pcf_csv *csv = bom->csv;
  const char *text = field(csv, cols, r, BF_PCF), *why;
  row->pcf = NAN;
  row->pcf_unit = NULL;
  if (!text[0]) return 0;
  double v;
  if (pcf_parse_number(text, pcf_csv_separator(csv) != ',', &v, &why))
    return pcf_error_set(err, PCF_ERR_PARSE, pcf_csv_name(csv), row->line, "supplier pcf '%s': %s", text, why);
  /* Negative values are allowed: a footprint including biogenic removals can be below 0. */
  if (fabs(v) * cols->pcf_scale > PCF_BOM_MAX_AMOUNT)
    return pcf_error_set(err, PCF_ERR_INPUT, pcf_csv_name(csv), row->line,
                         "supplier pcf %s is above the limit of %g kg CO2e per unit (pcf/bom.h; "
                         "check the unit)",
                         text, PCF_BOM_MAX_AMOUNT);
  bom_unit per = row->unit;
  const char *unit_text = field(csv, cols, r, BF_PCF_UNIT);
  if (unit_text[0] && pcf_bom_unit_parse(unit_text, &per))
    return pcf_error_set(err, PCF_ERR_UNIT, pcf_csv_name(csv), row->line, "supplier pcf unit '%s' unknown", unit_text);
  if (!unit_text[0] && cols->has_pcf_unit)
    per = cols->pcf_unit;
  else if (!unit_text[0])
    per.factor = 1; /* the line's unit, already canonical */
  row->pcf = v * cols->pcf_scale / per.factor;
  row->pcf_unit = per.canonical;
  return 0;
}

/* An own secondary factor of row r (kg CO2e per the header's unit) with its source, which it
 * needs, and its quality (ratings.h) when given. */
static int read_factor(pcf_bom *bom, const bom_columns *cols, size_t r, bom_row *row, pcf_error *err) {
  const pcf_csv *csv = bom->csv;
  const char *text = field(csv, cols, r, BF_FACTOR), *why;
  row->factor = NAN;
  row->factor_source = field(csv, cols, r, BF_FACTOR_SOURCE);
  row->factor_quality = field(csv, cols, r, BF_FACTOR_QUALITY);
  if (!text[0]) {
    if (row->factor_source[0] || row->factor_quality[0])
      return pcf_error_set(err, PCF_ERR_INPUT, pcf_csv_name(csv), row->line, "a factor %s without a factor",
                           row->factor_source[0] ? "source" : "quality");
    return 0;
  }
  double v, q[PCF_RATINGS_COUNT];
  if (pcf_parse_number(text, pcf_csv_separator(csv) != ',', &v, &why))
    return pcf_error_set(err, PCF_ERR_PARSE, pcf_csv_name(csv), row->line, "factor '%s': %s", text, why);
  if (fabs(v) * cols->factor_scale > PCF_BOM_MAX_AMOUNT)
    return pcf_error_set(err, PCF_ERR_INPUT, pcf_csv_name(csv), row->line,
                         "factor %s is above the limit of %g kg CO2e per unit (pcf/bom.h; check the unit)", text,
                         PCF_BOM_MAX_AMOUNT);
  if (!row->factor_source[0])
    return pcf_error_set(err, PCF_ERR_INPUT, pcf_csv_name(csv), row->line,
                         "factor %s has no factor source: an own factor is secondary data and counts only with where "
                         "it comes from (a database and its version, a publication, an EPD number)",
                         text);
  if (row->factor_quality[0] && pcf__ratings_parse(row->factor_quality, q))
    return pcf_error_set(err, PCF_ERR_INPUT, pcf_csv_name(csv), row->line,
                         "factor quality '%s': expected five ratings from 1 to 3 (technological, temporal, "
                         "geographical, completeness, reliability)",
                         row->factor_quality);
  if (!isnan(row->pcf))
    return pcf_error_set(err, PCF_ERR_INPUT, pcf_csv_name(csv), row->line,
                         "a supplier pcf and an own factor on one line: give one (the supplier's PCF is primary "
                         "data, an own factor secondary)");
  row->factor = v * cols->factor_scale;
  return 0;
}

typedef struct share_stats {
  double max_recycled, max_scrap;
  int pct_recycled, pct_scrap;
} share_stats;

static int read_row(pcf_bom *bom, const bom_columns *cols, size_t r, bom_row *row, share_stats *st, pcf_error *err) {
  const pcf_csv *csv = bom->csv;
  const char *path = pcf_csv_name(csv);
  memset(row, 0, sizeof *row);
  row->line = pcf_csv_line(csv, r);
  row->part = field(csv, cols, r, BF_PART);
  row->name = field(csv, cols, r, BF_NAME);
  row->material = field(csv, cols, r, BF_MATERIAL);
  row->dataset = field(csv, cols, r, BF_DATASET);
  row->parent = field(csv, cols, r, BF_PARENT);
  row->forming = field(csv, cols, r, BF_FORMING);
  row->part_id = row->parent_id = -1;
  if (!row->part[0] && !row->name[0])
    return pcf_error_set(err, PCF_ERR_INPUT, path, row->line, "line without part number or name");
  const char *level = field(csv, cols, r, BF_LEVEL);
  if (cols->col[BF_LEVEL] >= 0 && parse_level(level, &row->level))
    return pcf_error_set(err, PCF_ERR_PARSE, path, row->line, "level '%s' is not 0, 1, 2 ... or dotted (.1, ..2)",
                         level);
  int rc;
  if ((rc = read_amounts(bom, cols, r, row, err)) || (rc = read_pcf(bom, cols, r, row, err)) ||
      (rc = read_factor(bom, cols, r, row, err)) ||
      (rc = share(csv, cols, r, BF_RECYCLED, cols->recycled_fraction, 0, &row->recycled, &st->max_recycled,
                  &st->pct_recycled, err)) ||
      (rc = share(csv, cols, r, BF_SCRAP, cols->scrap_fraction, 1, &row->scrap, &st->max_scrap, &st->pct_scrap, err)))
    return rc;
  if (isnan(row->scrap)) row->scrap = 0;
  return 0;
}

/* Percent columns whose values are all at most 1 were probably written as fractions. */
static int warn_small_percentages(pcf_bom *bom, const bom_columns *cols, const share_stats *st) {
  const char *path = pcf_csv_name(bom->csv);
  if (cols->col[BF_RECYCLED] >= 0 && !cols->recycled_fraction && !st->pct_recycled && st->max_recycled > 0 &&
      st->max_recycled <= 1 &&
      pcf_bom_warn(bom,
                   "%s: every recycled content is at most 1 and read as percent (0.3 = 0.3 %%); "
                   "if they are fractions, name the column 'recycled content (fraction)'",
                   path))
    return PCF_ERR_NOMEM;
  if (cols->col[BF_SCRAP] >= 0 && !cols->scrap_fraction && !st->pct_scrap && st->max_scrap > 0 && st->max_scrap <= 1 &&
      pcf_bom_warn(bom,
                   "%s: every scrap rate is at most 1 and read as percent (0.05 = 0.05 %%); "
                   "if they are fractions, name the column 'scrap (fraction)'",
                   path))
    return PCF_ERR_NOMEM;
  return 0;
}

/* Reads the header and rows, then hands over to the tree. */
static int build(pcf_bom *bom, pcf_error *err) {
  const pcf_csv *csv = bom->csv;
  const char *path = pcf_csv_name(csv);
  if (pcf_csv_rows(csv) < 2)
    return pcf_error_set(err, PCF_ERR_INPUT, path, pcf_csv_line(csv, 0),
                         pcf_csv_rows(csv) ? "BOM without lines (only a header)" : "empty BOM (no header, no lines)");
  bom_columns cols;
  int rc = pcf_bom_columns_map(&cols, csv, bom, err);
  if (rc) return rc;
  memcpy(bom->factor_unit, cols.factor_unit, sizeof bom->factor_unit);
  unsigned char numeric[PCF_CSV_MAX_COLUMNS] = {0};
  static const int numbers[] = {BF_LEVEL, BF_QTY, BF_MASS, BF_TOTAL_MASS, BF_RECYCLED, BF_PCF, BF_SCRAP, BF_FACTOR};
  for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
    if (cols.col[numbers[i]] >= 0) numeric[cols.col[numbers[i]]] = 1;
  if ((rc = pcf_csv_check_widths(csv, numeric, err))) return rc;
  bom->nrows = pcf_csv_rows(csv) - 1;
  if (!(bom->rows = calloc(bom->nrows, sizeof *bom->rows)))
    return pcf_error_set(err, PCF_ERR_NOMEM, path, 0, "out of memory");
  share_stats st = {0, 0, 0, 0};
  for (size_t r = 0; r < bom->nrows; r++)
    if ((rc = read_row(bom, &cols, r + 1, &bom->rows[r], &st, err))) return rc;
  if (warn_small_percentages(bom, &cols, &st)) return pcf_error_set(err, PCF_ERR_NOMEM, path, 0, "out of memory");
  bom_structure structure = cols.col[BF_LEVEL] >= 0 ? BS_LEVEL : cols.col[BF_PARENT] >= 0 ? BS_PARENT : BS_FLAT;
  return pcf_bom_tree_build(bom, structure, err);
}

int pcf_bom_read_memory(pcf_bom **out, const char *name, const char *data, size_t size, pcf_error *err) {
  *out = NULL;
  pcf_bom *bom = calloc(1, sizeof *bom);
  if (!bom) return pcf_error_set(err, PCF_ERR_NOMEM, name, 0, "out of memory");
  int rc = pcf_csv_read_memory(&bom->csv, name, data, size, 0, err);
  if (!rc) rc = build(bom, err);
  if (rc) {
    if (rc == PCF_ERR_NOMEM) pcf_error_set(err, rc, name, 0, "out of memory reading the BOM");
    pcf_bom_free(bom);
    return rc;
  }
  *out = bom;
  return 0;
}

int pcf_bom_read(pcf_bom **out, const char *path, pcf_error *err) {
  return pcf_bom_read_limited(out, path, PCF_CSV_MAX_FILE, err);
}

int pcf_bom_read_limited(pcf_bom **out, const char *path, size_t max_bytes, pcf_error *err) {
  *out = NULL;
  pcf_bom *bom = calloc(1, sizeof *bom);
  if (!bom) return pcf_error_set(err, PCF_ERR_NOMEM, path, 0, "out of memory");
  int rc = pcf_csv_read_file(&bom->csv, path, "BOM", 0, max_bytes, err);
  if (!rc) rc = build(bom, err);
  if (rc) {
    if (rc == PCF_ERR_NOMEM) pcf_error_set(err, rc, path, 0, "out of memory reading the BOM");
    pcf_bom_free(bom);
    return rc;
  }
  *out = bom;
  return 0;
}

void pcf_bom_free(pcf_bom *bom) {
  if (!bom) return;
  pcf_csv_free(bom->csv);
  free(bom->rows);
  free(bom->kids);
  free(bom->leaves);
  free(bom->paths);
  free(bom->path_offsets);
  for (size_t i = 0; i < bom->nwarnings; i++) free(bom->warnings[i]);
  free(bom->warnings);
  free(bom);
}

size_t pcf_bom_leaf_count(const pcf_bom *bom) { return bom->nleaves; }

const pcf_bom_line *pcf_bom_leaf(const pcf_bom *bom, size_t i) { return i < bom->nleaves ? &bom->leaves[i] : NULL; }

size_t pcf_bom_warning_count(const pcf_bom *bom) { return bom->nwarnings; }

const char *pcf_bom_warning(const pcf_bom *bom, size_t i) { return i < bom->nwarnings ? bom->warnings[i] : NULL; }

double pcf_bom_mass_kg(const pcf_bom *bom) { return bom->mass_kg; }
