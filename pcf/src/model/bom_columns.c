/* bom_columns.c: the lenient side of the BOM reader: which header means which column (with the
 * units some headers carry), unit names, and shares written as percent or fraction. The
 * accepted names are documented in pcf/bom.h; this file is the table behind it.
 */
#include "bom_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct unit_name {
  const char *key; /* normalised as in unit_key */
  bom_unit unit;
} unit_name;

static const unit_name units[] = {
    {"pcs", {"pcs", 1, BK_COUNT}},
    {"pc", {"pcs", 1, BK_COUNT}},
    {"piece", {"pcs", 1, BK_COUNT}},
    {"pieces", {"pcs", 1, BK_COUNT}},
    {"p", {"pcs", 1, BK_COUNT}},
    {"st", {"pcs", 1, BK_COUNT}},
    {"stk", {"pcs", 1, BK_COUNT}},
    {"st\xc3\xbc"
     "ck",
     {"pcs", 1, BK_COUNT}},
    {"ea", {"pcs", 1, BK_COUNT}},
    {"each", {"pcs", 1, BK_COUNT}},
    {"unit", {"pcs", 1, BK_COUNT}},
    {"units", {"pcs", 1, BK_COUNT}},
    {"item", {"pcs", 1, BK_COUNT}},
    {"items", {"pcs", 1, BK_COUNT}},
    {"x", {"pcs", 1, BK_COUNT}},
    {"nr", {"pcs", 1, BK_COUNT}},
    {"kg", {"kg", 1, BK_MASS}},
    {"kgs", {"kg", 1, BK_MASS}},
    {"kilogram", {"kg", 1, BK_MASS}},
    {"kilograms", {"kg", 1, BK_MASS}},
    {"g", {"kg", 1e-3, BK_MASS}},
    {"gram", {"kg", 1e-3, BK_MASS}},
    {"grams", {"kg", 1e-3, BK_MASS}},
    {"mg", {"kg", 1e-6, BK_MASS}},
    {"t", {"kg", 1e3, BK_MASS}},
    {"tonne", {"kg", 1e3, BK_MASS}},
    {"tonnes", {"kg", 1e3, BK_MASS}},
    {"lb", {"kg", 0.45359237, BK_MASS}},
    {"lbs", {"kg", 0.45359237, BK_MASS}},
    {"oz", {"kg", 0.028349523125, BK_MASS}},
    {"pound", {"kg", 0.45359237, BK_MASS}},
    {"pounds", {"kg", 0.45359237, BK_MASS}},
    {"ounce", {"kg", 0.028349523125, BK_MASS}},
    {"ounces", {"kg", 0.028349523125, BK_MASS}},
    {"m", {"m", 1, BK_LENGTH}},
    {"meter", {"m", 1, BK_LENGTH}},
    {"metre", {"m", 1, BK_LENGTH}},
    {"meters", {"m", 1, BK_LENGTH}},
    {"metres", {"m", 1, BK_LENGTH}},
    {"mm", {"m", 1e-3, BK_LENGTH}},
    {"cm", {"m", 1e-2, BK_LENGTH}},
    {"km", {"m", 1e3, BK_LENGTH}},
    {"in", {"m", 0.0254, BK_LENGTH}},
    {"ft", {"m", 0.3048, BK_LENGTH}},
    {"mi", {"m", 1609.344, BK_LENGTH}}, /* the international mile, as the ILCD "Units of length" */
    {"mile", {"m", 1609.344, BK_LENGTH}},
    {"miles", {"m", 1609.344, BK_LENGTH}},
    {"m2", {"m2", 1, BK_AREA}},
    {"sqm", {"m2", 1, BK_AREA}},
    {"cm2", {"m2", 1e-4, BK_AREA}},
    {"mm2", {"m2", 1e-6, BK_AREA}},
    {"m3", {"m3", 1, BK_VOLUME}},
    {"l", {"m3", 1e-3, BK_VOLUME}},
    {"litre", {"m3", 1e-3, BK_VOLUME}},
    {"liter", {"m3", 1e-3, BK_VOLUME}},
    {"ml", {"m3", 1e-6, BK_VOLUME}},
    {"cm3", {"m3", 1e-6, BK_VOLUME}},
    {"dm3", {"m3", 1e-3, BK_VOLUME}},
    /* energy (a plant's electricity or heat as a BOM line), in MJ as the ILCD energy unit group;
     * lower-cased, so "mwh" is MWh and "mj" MJ */
    {"j", {"MJ", 1e-6, BK_ENERGY}},
    {"kj", {"MJ", 1e-3, BK_ENERGY}},
    {"mj", {"MJ", 1, BK_ENERGY}},
    {"gj", {"MJ", 1e3, BK_ENERGY}},
    {"tj", {"MJ", 1e6, BK_ENERGY}},
    {"wh", {"MJ", 3.6e-3, BK_ENERGY}},
    {"kwh", {"MJ", 3.6, BK_ENERGY}},
    {"mwh", {"MJ", 3.6e3, BK_ENERGY}},
    {"gwh", {"MJ", 3.6e6, BK_ENERGY}},
};

/* Lower-cases ASCII, drops spaces and dots, turns ² and ³ into 2 and 3. */
static void unit_key(const char *text, char *out, size_t size) {
  size_t n = 0;
  for (const unsigned char *s = (const unsigned char *)text; *s && n + 1 < size; s++) {
    if (*s == ' ' || *s == '.' || *s == '\t') continue;
    if (s[0] == 0xc2 && (s[1] == 0xb2 || s[1] == 0xb3)) {
      out[n++] = s[1] == 0xb2 ? '2' : '3';
      s++;
    } else {
      out[n++] = (char)((*s >= 'A' && *s <= 'Z') ? *s - 'A' + 'a' : *s);
    }
  }
  out[n] = '\0';
}

int pcf_bom_unit_parse(const char *text, bom_unit *out) {
  char key[32];
  unit_key(text, key, sizeof key);
  for (size_t i = 0; i < sizeof units / sizeof *units; i++)
    if (!strcmp(key, units[i].key)) {
      *out = units[i].unit;
      return 0;
    }
  return -1;
}

#define MAX_SYNONYMS 16

static const char *const synonyms[BF_COUNT][MAX_SYNONYMS] = {
    [BF_LEVEL] = {"level", "lvl", "bomlevel", "depth", "indent", "indentlevel", "structurelevel"},
    [BF_PARENT] = {"parent", "parentpart", "parentpartnumber", "parentpartno", "parentpn", "parentno", "parentitem",
                   "parentid", "parentnumber", "parentitemnumber"},
    [BF_PART] = {"part", "partnumber", "partno", "pn", "partnum", "partid", "item", "itemno", "itemnumber",
                 "articlenumber", "articleno", "component", "componentnumber", "sku"},
    [BF_NAME] = {"name", "description", "desc", "partname", "designation", "itemdescription", "partdescription",
                 "componentname", "title"},
    [BF_QTY] = {"quantity", "qty", "qtyper", "quantityper", "count", "qtyperassembly", "quantityperassembly",
                "qtyperparent"},
    [BF_UNIT] = {"unit", "uom", "unitofmeasure", "unitofmeasurement", "qtyunit", "quantityunit", "units"},
    [BF_MATERIAL] = {"material", "materialname", "mat"},
    [BF_MASS] = {"mass", "weight", "unitmass", "unitweight", "netmass", "netweight", "massperunit", "weightperunit",
                 "massperpiece", "weightperpiece"},
    [BF_TOTAL_MASS] = {"totalmass", "totalweight", "linemass", "lineweight", "extendedmass", "extendedweight"},
    [BF_MASS_UNIT] = {"massunit", "weightunit", "massuom", "weightuom"},
    [BF_DATASET] = {"dataset", "datasetuuid", "datasetid", "process", "processuuid", "uuid", "lcadataset"},
    [BF_RECYCLED] = {"recycledcontent", "recycled", "recycledshare", "recycledrate"},
    [BF_PCF] = {"supplierpcf", "pcf", "supplierco2e", "supplierfootprint", "suppliercarbonfootprint", "primarypcf"},
    [BF_PCF_UNIT] = {"supplierpcfunit", "pcfunit"},
    [BF_SCRAP] = {"scrap", "scraprate", "manufacturingscrap", "scrapshare"},
    [BF_FORMING] = {"forming", "formingstep", "formingprocess", "processingstep", "processstep"},
    [BF_FACTOR] = {"factor", "ownfactor", "emissionfactor", "secondaryfactor", "co2efactor"},
    [BF_FACTOR_SOURCE] = {"factorsource", "ownfactorsource", "emissionfactorsource", "factorreference"},
    [BF_FACTOR_QUALITY] = {"factorquality", "ownfactorquality", "emissionfactorquality", "factordqr"},
};

static const char *const field_names[BF_COUNT] = {"level",         "parent",
                                                  "part number",   "name",
                                                  "quantity",      "unit",
                                                  "material",      "mass",
                                                  "total mass",    "mass unit",
                                                  "dataset",       "recycled content",
                                                  "supplier pcf",  "supplier pcf unit",
                                                  "scrap rate",    "forming step",
                                                  "factor",        "factor source",
                                                  "factor quality"};

/* Splits "Mass (g)" into key "mass" and annotation "g" ("" when none). */
static void split_header(const char *raw, char *key, size_t key_size, char *ann, size_t ann_size) {
  const char *open = strpbrk(raw, "([");
  char base[256];
  size_t blen = open ? (size_t)(open - raw) : strlen(raw);
  if (blen >= sizeof base) blen = sizeof base - 1;
  memcpy(base, raw, blen);
  base[blen] = '\0';
  pcf_csv_key(base, key, key_size);
  ann[0] = '\0';
  if (open) {
    const char *close = strpbrk(open + 1, ")]");
    size_t alen = close ? (size_t)(close - open - 1) : strlen(open + 1);
    if (alen >= ann_size) alen = ann_size - 1;
    memcpy(ann, open + 1, alen);
    ann[alen] = '\0';
  }
}

/* The field whose synonym is key, or whose synonym prefixes key with a suffix the field
 * accepts ("masskg", "recycledcontentfraction", "scrappercent"); the suffix goes to *suffix. */
static int match_field(const char *key, const char **suffix) {
  *suffix = "";
  for (int f = 0; f < BF_COUNT; f++)
    for (int s = 0; s < MAX_SYNONYMS && synonyms[f][s]; s++)
      if (!strcmp(key, synonyms[f][s])) return f;
  int best = -1;
  size_t best_len = 0;
  for (int f = 0; f < BF_COUNT; f++) {
    if (f != BF_MASS && f != BF_TOTAL_MASS && f != BF_RECYCLED && f != BF_SCRAP && f != BF_PCF) continue;
    for (int s = 0; s < MAX_SYNONYMS && synonyms[f][s]; s++) {
      size_t len = strlen(synonyms[f][s]);
      if (len <= best_len || strncmp(key, synonyms[f][s], len)) continue;
      const char *rest = key + len;
      bom_unit u;
      int ok = (f == BF_MASS || f == BF_TOTAL_MASS) ? !pcf_bom_unit_parse(rest, &u) && u.kind == BK_MASS
               : (f == BF_PCF)                      ? strstr(rest, "co2") != NULL
                               : !strcmp(rest, "fraction") || !strcmp(rest, "percent") || !strcmp(rest, "pct");
      if (ok) {
        best = f;
        best_len = len;
        *suffix = rest;
      }
    }
  }
  return best;
}

/* "kg CO2e/kg", "g CO2-eq per pcs", "kgco2e": the CO2e scale and the unit after '/' or per. */
static int parse_pcf_annotation(bom_columns *cols, const char *ann) {
  char num[64], den[64], key[64];
  const char *slash = strchr(ann, '/');
  const char *per = strstr(ann, " per ");
  const char *cut = slash ? slash : per;
  size_t nlen = cut ? (size_t)(cut - ann) : strlen(ann);
  if (nlen >= sizeof num) return -1;
  memcpy(num, ann, nlen);
  num[nlen] = '\0';
  snprintf(den, sizeof den, "%s", cut ? cut + (slash ? 1 : 5) : "");
  pcf_csv_key(num, key, sizeof key);
  char *co2 = strstr(key, "co2");
  if (!co2) return -1;
  char *after = strstr(co2, "per"); /* "kgco2eperkg", from a header without punctuation */
  if (!cut && after) snprintf(den, sizeof den, "%s", after + 3);
  *co2 = '\0';
  if (!strcmp(key, "kg") || !key[0])
    cols->pcf_scale = 1;
  else if (!strcmp(key, "g"))
    cols->pcf_scale = 1e-3;
  else if (!strcmp(key, "t"))
    cols->pcf_scale = 1e3;
  else
    return -1;
  if (den[0]) {
    if (pcf_bom_unit_parse(den, &cols->pcf_unit)) return -1;
    cols->has_pcf_unit = 1;
  }
  return 0;
}

/* "kg CO2e/t", "g CO2e per kWh", "kg CO2e/Item(s)": the own factor's CO2e scale and the unit it is
 * per, kept as written: the unit is resolved against the ILCD unit groups of the loaded data. */
static int parse_factor_annotation(bom_columns *cols, const char *raw) {
  const char *open = strpbrk(raw, "([");
  const char *close = open ? strrchr(open, open[0] == '(' ? ')' : ']') : NULL;
  if (!open || !close) return -1;
  char ann[96], num[64], key[64];
  size_t alen = (size_t)(close - open - 1);
  if (alen >= sizeof ann) return -1;
  memcpy(ann, open + 1, alen);
  ann[alen] = '\0';
  const char *slash = strchr(ann, '/');
  const char *per = strstr(ann, " per ");
  const char *cut = slash ? slash : per;
  size_t nlen = cut ? (size_t)(cut - ann) : strlen(ann);
  if (nlen >= sizeof num) return -1;
  memcpy(num, ann, nlen);
  num[nlen] = '\0';
  pcf_csv_key(num, key, sizeof key);
  char *co2 = strstr(key, "co2");
  if (!co2) return -1;
  *co2 = '\0';
  cols->factor_scale = !strcmp(key, "kg") || !key[0] ? 1 : !strcmp(key, "g") ? 1e-3 : !strcmp(key, "t") ? 1e3 : NAN;
  if (isnan(cols->factor_scale)) return -1;
  const char *unit = cut ? cut + (slash ? 1 : 5) : "";
  while (*unit == ' ') unit++;
  size_t ulen = strlen(unit);
  while (ulen && unit[ulen - 1] == ' ') ulen--;
  if (ulen >= sizeof cols->factor_unit) return -1;
  memcpy(cols->factor_unit, unit, ulen);
  cols->factor_unit[ulen] = '\0';
  return 0;
}

/* Applies what a header says beyond its name: units, percent or fraction. */
static int apply_annotation(bom_columns *cols, int f, const char *raw, const char *suffix, const char *ann,
                            pcf_bom *bom, const char *path, long line, pcf_error *err) {
  char akey[64];
  pcf_csv_key(ann, akey, sizeof akey);
  if (f == BF_MASS || f == BF_TOTAL_MASS) {
    bom_unit *u = f == BF_MASS ? &cols->mass_unit : &cols->total_mass_unit;
    const char *text = suffix[0] ? suffix : ann;
    if (text[0] && (pcf_bom_unit_parse(text, u) || u->kind != BK_MASS))
      return pcf_error_set(err, PCF_ERR_UNIT, path, line, "column '%s': '%s' is not a mass unit (kg, g, mg, t, lb, oz)",
                           raw, text);
  } else if (f == BF_QTY && ann[0]) {
    if (pcf_bom_unit_parse(ann, &cols->qty_unit))
      return pcf_error_set(err, PCF_ERR_UNIT, path, line, "column '%s': unknown unit '%s'", raw, ann);
  } else if (f == BF_RECYCLED || f == BF_SCRAP) {
    int fraction = !strcmp(suffix, "fraction") || strstr(akey, "fraction") || !strcmp(akey, "01");
    int percent = !strcmp(suffix, "percent") || !strcmp(suffix, "pct") || strchr(raw, '%') || strstr(akey, "percent");
    if (ann[0] && !fraction && !percent &&
        pcf_bom_warn(bom,
                     "%s:%ld: column '%s': read as percent (write '%%' or 'fraction' in the "
                     "header to say which)",
                     path, line, raw))
      return PCF_ERR_NOMEM;
    *(f == BF_RECYCLED ? &cols->recycled_fraction : &cols->scrap_fraction) = fraction && !percent;
  } else if (f == BF_FACTOR && ann[0]) {
    if (parse_factor_annotation(cols, raw))
      return pcf_error_set(err, PCF_ERR_UNIT, path, line,
                           "column '%s': give the unit as kg CO2e/<unit> (\"factor (kg CO2e/kg)\", \"factor (g CO2e "
                           "per kWh)\", \"factor (kg CO2e/Item(s))\")",
                           raw);
  } else if (f == BF_PCF && (ann[0] || suffix[0])) {
    if (parse_pcf_annotation(cols, ann[0] ? ann : suffix))
      return pcf_error_set(err, PCF_ERR_UNIT, path, line, "column '%s': give the unit as kg CO2e or kg CO2e/<unit>",
                           raw);
  }
  return 0;
}

/* Columns kept in a BOM for people and never read: "note", "comment", "remark" (or their plurals),
 * with anything in brackets ("note (cost)"), as many as wanted. */
static int note_column(const char *key) {
  static const char *const names[] = {"note", "notes", "comment", "comments", "remark", "remarks"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (!strcmp(key, names[i])) return 1;
  return 0;
}

/* Edit distance of two short keys (insertions, deletions, substitutions), capped at 9. */
static int distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 63 || lb > 63) return 9;
  int row[64];
  for (size_t j = 0; j <= lb; j++) row[j] = (int)j;
  for (size_t i = 1; i <= la; i++) {
    int diag = row[0];
    row[0] = (int)i;
    for (size_t j = 1; j <= lb; j++) {
      int up = row[j], best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      diag = up;
      row[j] = best;
    }
  }
  return row[lb] < 9 ? row[lb] : 9;
}

/* The field whose name (or synonym) is within two edits of key, -1 when none is. */
static int near_field(const char *key) {
  int best = -1, best_d = 3;
  for (int f = 0; f < BF_COUNT; f++)
    for (int s = 0; s < MAX_SYNONYMS && synonyms[f][s]; s++) {
      int d = distance(key, synonyms[f][s]);
      if (d < best_d && strlen(synonyms[f][s]) > 3) {
        best_d = d;
        best = f;
      }
    }
  return best;
}

/* Unknown columns, for one message: "'recyled content (%)' (recycled content?), 'colour'". */
static void add_unknown(char *list, size_t size, size_t *count, const char *raw, const char *key) {
  size_t len = strlen(list);
  if (len + 8 >= size) return;
  int near = key[0] ? near_field(key) : -1;
  char one[200];
  if (near >= 0)
    snprintf(one, sizeof one, "'%.100s' (%s?)", raw, field_names[near]);
  else
    snprintf(one, sizeof one, "'%.100s'", raw);
  snprintf(list + len, size - len, "%s%s", *count ? ", " : "", one);
  (*count)++;
}

/* Whether column c of csv holds anything below the header. */
static int column_used(const pcf_csv *csv, size_t c) {
  for (size_t r = 1; r < pcf_csv_rows(csv); r++)
    if (pcf_csv_field(csv, r, c)[0]) return 1;
  return 0;
}

static int check_required(bom_columns *cols, pcf_bom *bom, const char *path, long line, pcf_error *err) {
  if (cols->col[BF_QTY] < 0)
    return pcf_error_set(err, PCF_ERR_NOT_FOUND, path, line, "no quantity column in the BOM header (quantity, qty)");
  if (cols->col[BF_PART] < 0 && cols->col[BF_NAME] < 0)
    return pcf_error_set(err, PCF_ERR_NOT_FOUND, path, line, "no part number or name column in the BOM header");
  if (cols->col[BF_MATERIAL] < 0 && cols->col[BF_DATASET] < 0 && cols->col[BF_PCF] < 0 && cols->col[BF_FACTOR] < 0)
    return pcf_error_set(err, PCF_ERR_NOT_FOUND, path, line,
                         "no material, dataset, supplier pcf or factor column in the BOM header: "
                         "nothing links the lines to data");
  if (cols->col[BF_FACTOR] >= 0 && cols->col[BF_FACTOR_SOURCE] < 0)
    return pcf_error_set(err, PCF_ERR_NOT_FOUND, path, line,
                         "a factor column needs a factor source column: an own factor is secondary data, "
                         "counted only with where it comes from");
  if (cols->col[BF_FACTOR] < 0 && (cols->col[BF_FACTOR_SOURCE] >= 0 || cols->col[BF_FACTOR_QUALITY] >= 0))
    return pcf_error_set(err, PCF_ERR_NOT_FOUND, path, line,
                         "a factor %s column without a factor column (factor (kg CO2e/<unit>))",
                         cols->col[BF_FACTOR_SOURCE] >= 0 ? "source" : "quality");
  if (cols->col[BF_PARENT] >= 0 && cols->col[BF_PART] < 0)
    return pcf_error_set(err, PCF_ERR_NOT_FOUND, path, line, "a parent column needs a part number column to refer to");
  if (cols->col[BF_LEVEL] >= 0 && cols->col[BF_PARENT] >= 0) {
    cols->col[BF_PARENT] = -1;
    if (pcf_bom_warn(bom, "%s:%ld: column 'parent' ignored: the level column gives the structure", path, line))
      return PCF_ERR_NOMEM;
  }
  return 0;
}

int pcf_bom_columns_map(bom_columns *cols, const pcf_csv *csv, pcf_bom *bom, pcf_error *err) {
  const char *path = pcf_csv_name(csv);
  long line = pcf_csv_line(csv, 0);
  memset(cols, 0, sizeof *cols);
  for (int f = 0; f < BF_COUNT; f++) cols->col[f] = -1;
  pcf_bom_unit_parse("kg", &cols->mass_unit);
  cols->total_mass_unit = cols->mass_unit;
  pcf_bom_unit_parse("pcs", &cols->qty_unit);
  cols->pcf_scale = 1;
  cols->factor_scale = 1;
  char unknown[400] = "";
  size_t n_unknown = 0;
  for (size_t c = 0; c < pcf_csv_fields(csv, 0); c++) {
    const char *raw = pcf_csv_field(csv, 0, c), *suffix;
    char key[256], ann[128];
    split_header(raw, key, sizeof key, ann, sizeof ann);
    int f = key[0] ? match_field(key, &suffix) : -1;
    if (f < 0) {
      /* A column read by nobody is a misspelt one more often than not ("recyled content"): the
       * values it holds would silently not count. */
      if (raw[0] && !note_column(key))
        add_unknown(unknown, sizeof unknown, &n_unknown, raw, key);
      else if (!raw[0] && column_used(csv, c)) {
        char name[48];
        snprintf(name, sizeof name, "column %zu (no name)", c + 1);
        add_unknown(unknown, sizeof unknown, &n_unknown, name, "");
      }
      continue;
    }
    if (cols->col[f] >= 0)
      return pcf_error_set(err, PCF_ERR_INPUT, path, line, "columns %ld ('%s') and %zu ('%s') both give the %s",
                           cols->col[f] + 1, pcf_csv_field(csv, 0, (size_t)cols->col[f]), c + 1, raw, field_names[f]);
    cols->col[f] = (long)c;
    int rc = apply_annotation(cols, f, raw, suffix, ann, bom, path, line, err);
    if (rc == PCF_ERR_NOMEM) return pcf_error_set(err, rc, path, line, "out of memory");
    if (rc) return rc;
  }
  int rc = check_required(cols, bom, path, line, err);
  if (rc == PCF_ERR_NOMEM) return pcf_error_set(err, rc, path, line, "out of memory");
  if (!rc && n_unknown)
    return pcf_error_set(err, PCF_ERR_INPUT, path, line,
                         "unknown BOM column%s %s; the columns are level, parent, part number, name, quantity, "
                         "unit, material, mass, total mass, mass unit, dataset, recycled content, supplier pcf, "
                         "supplier pcf unit, scrap rate, forming, factor, factor source, factor quality (other names "
                         "in pcf/bom.h), and note or comment for text "
                         "that is not read",
                         n_unknown > 1 ? "s" : "", unknown);
  return rc;
}

int pcf_bom_share_parse(const char *text, int fraction, int decimal_comma, double *out, int *percent_sign,
                        const char **why) {
  char buf[64];
  size_t len = strlen(text);
  while (len && (text[len - 1] == ' ' || text[len - 1] == '\t')) len--;
  *percent_sign = len && text[len - 1] == '%';
  if (*percent_sign) {
    if (len > sizeof buf) len = sizeof buf;
    memcpy(buf, text, len - 1);
    buf[len - 1] = '\0';
    text = buf;
  }
  double v;
  int rc = pcf_parse_number(text, decimal_comma, &v, why);
  if (rc) return rc;
  *out = (*percent_sign || !fraction) ? v / 100 : v;
  return 0;
}

const char *pcf_bom_column_kind(const char *header) {
  static const char *const kinds[BF_COUNT] = {
      "level", "parent",     "part",      "name",          "quantity",         "unit",         "material",
      "mass",  "total mass", "mass unit", "dataset",       "recycled content", "supplier pcf", "supplier pcf unit",
      "scrap", "forming",    "factor",    "factor source", "factor quality"};
  char key[256], ann[128];
  const char *suffix;
  split_header(header, key, sizeof key, ann, sizeof ann);
  int f = key[0] ? match_field(key, &suffix) : -1;
  return f < 0 ? NULL : kinds[f];
}
