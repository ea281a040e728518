/* uncertainty_units.c: a user input's distribution is drawn in the unit the product gives its key
 * (pcf/uncertainty.h). Each draw replaces the key's value with "<number> <unit of the input>":
 * an input in kWh for a key the product file writes in "kWh per use" would turn a per-use amount
 * into a whole-life one (3,000 uses over ten years: a footprint 3,000 times off), so the units are
 * compared once, before the first draw, and a difference is an error naming both. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ini_file.h"
#include "input_file.h"
#include "product_internal.h"
#include "uncertainty_internal.h"

typedef struct value {
  char *section, *key, *text;
  long line;
} value;

typedef struct values {
  value *v;
  size_t n, cap;
  bool oom;
} values;

static int collect(void *user, const char *section, const char *key, const char *text, long line) {
  values *vs = user;
  if (vs->n == vs->cap) {
    size_t cap = vs->cap ? 2 * vs->cap : 64;
    value *v = realloc(vs->v, cap * sizeof *v);
    if (!v) return vs->oom = true, 0;
    vs->v = v;
    vs->cap = cap;
  }
  value *x = &vs->v[vs->n];
  *x = (value){strdup(section), strdup(key), strdup(text), line};
  if (!x->section || !x->key || !x->text) {
    free(x->section), free(x->key), free(x->text);
    return vs->oom = true, 0;
  }
  vs->n++;
  return 1;
}

static void values_free(values *vs) {
  for (size_t i = 0; i < vs->n; i++) free(vs->v[i].section), free(vs->v[i].key), free(vs->v[i].text);
  free(vs->v);
}

static int by_key(const void *a, const void *b) {
  const value *x = a, *y = b;
  int c = strcmp(x->section, y->section);
  return c ? c : strcmp(x->key, y->key);
}

/* The unit of an amount as the product reader takes it: what follows the number, white space
 * collapsed ("0.10 kWh  per use" -> "kWh per use"); false when text is no number. */
static bool unit_of(const char *text, char *unit, size_t size) {
  char *end;
  while (isspace((unsigned char)*text)) text++;
  strtod(text, &end);
  if (end == text) return false;
  size_t n = 0;
  bool space = false;
  for (const char *s = end; *s && n + 1 < size; s++) {
    if (isspace((unsigned char)*s)) {
      space = n > 0;
      continue;
    }
    if (space && n + 2 < size) unit[n++] = ' ';
    space = false;
    unit[n++] = *s;
  }
  unit[n] = '\0';
  return true;
}

static int unit_error(const pcf_unc_inputs *in, const pcf_unc_input *it, int code, const char *why, pcf_error *err) {
  return pcf_error_set(err, code, in->path, it->line, "%s.%s = %s: %s", it->section, it->key, it->text, why);
}

/* bom.<part>.<field>: the field says what the drawn number is. */
static int check_bom(const pcf_unc_inputs *in, const pcf_unc_input *it, pcf_error *err) {
  const char *dot = strrchr(it->key, '.'), *field = dot ? dot + 1 : it->key;
  if (strcmp(field, "mass") == 0 && strcmp(it->unit, "kg") && strcmp(it->unit, "g"))
    return unit_error(in, it, PCF_ERR_UNIT,
                      "a BOM line's mass is drawn per unit in kg or g: give the distribution "
                      "in kg or g",
                      err);
  if ((strcmp(field, "scale") == 0 || strcmp(field, "supplier_pcf") == 0) && it->unit[0])
    return unit_error(in, it, PCF_ERR_UNIT,
                      "this BOM change takes a plain number: give the distribution without a "
                      "unit",
                      err);
  if (strcmp(field, "recycled_content") == 0 && it->unit[0] && strcmp(it->unit, "%"))
    return unit_error(in, it, PCF_ERR_UNIT, "recycled content is a fraction (no unit) or a percentage (%)", err);
  if (strcmp(field, "material") == 0 || strcmp(field, "dataset") == 0)
    return unit_error(in, it, PCF_ERR_INPUT, "this BOM change names a material or data set, not a number to draw", err);
  return 0;
}

/* The text the design gives section.key: a change's (the last one wins), else the file's. */
static const char *design_value(const values *vs, const pcf_override *changes, size_t n_changes,
                                const pcf_unc_input *it, long *line) {
  for (size_t k = n_changes; k-- > 0;)
    if (strcmp(changes[k].section, it->section) == 0 && strcmp(changes[k].key, it->key) == 0) {
      *line = 0;
      return changes[k].value[0] ? changes[k].value : NULL;
    }
  value want = {(char *)it->section, (char *)it->key, NULL, 0};
  const value *v = vs->n ? bsearch(&want, vs->v, vs->n, sizeof *vs->v, by_key) : NULL;
  *line = v ? v->line : 0;
  return v ? v->text : NULL;
}

static int check_one(const pcf_unc_inputs *in, const pcf_unc_input *it, const char *product, const values *vs,
                     const pcf_override *changes, size_t n_changes, pcf_error *err) {
  if (strcmp(it->section, "bom") == 0) return check_bom(in, it, err);
  long line;
  const char *text = design_value(vs, changes, n_changes, it, &line);
  if (!text) return 0; /* a key the design lacks is added with the input's unit */
  char unit[64], why[1024], where[360];
  if (line)
    snprintf(where, sizeof where, "%.300s:%ld", product, line);
  else
    snprintf(where, sizeof where, "the design's change");
  if (!unit_of(text, unit, sizeof unit)) {
    snprintf(why, sizeof why, "the product gives \"%.200s\" (%s), not an amount to draw", text, where);
    return unit_error(in, it, PCF_ERR_INPUT, why, err);
  }
  if (strcasecmp(unit, it->unit) == 0) return 0;
  if (!unit[0])
    snprintf(why, sizeof why, "the product gives a plain number (\"%.200s\", %s): give the distribution without a unit",
             text, where);
  else
    snprintf(why, sizeof why, "the product gives this amount in \"%s\" (\"%.200s\", %s): give the distribution in %s%s",
             unit, text, where, unit, it->unit[0] ? "" : " (a number alone is not read in it)");
  return unit_error(in, it, PCF_ERR_UNIT, why, err);
}

int pcf__unc_inputs_check(const pcf_unc_inputs *in, const char *product_path, const pcf_override *changes,
                          size_t n_changes, pcf_error *err) {
  char *product;
  int rc = pcf__product_file_path(product_path, &product, err);
  if (rc) return rc;
  values vs = {0};
  rc = pcf_ini_read(product, "product file", PCF_INI_MAX_FILE, collect, &vs, NULL, err);
  if (vs.oom) rc = pcf_error_nomem(err);
  if (rc > 0) rc = 0;
  if (!rc && vs.n) qsort(vs.v, vs.n, sizeof *vs.v, by_key);
  for (size_t i = 0; !rc && i < in->count; i++)
    rc = check_one(in, &in->items[i], product, &vs, changes, n_changes, err);
  values_free(&vs);
  free(product);
  return rc;
}
