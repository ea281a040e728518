/* product_changes.c: changes to BOM lines applied while reading a product file (variants,
 * sensitivity, batch catalogue columns): material, dataset, mass, scale, quantity, supplier PCF,
 * recycled content, forming step. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "product_internal.h"

static bool same(const char *a, const char *b) { return a && b && *a && strcasecmp(a, b) == 0; }

/* Whether BOM item it is what <match> names: part number, path, or its last element (name). */
static bool bom_match(const pcf_item *it, const char *match) {
  if (same(it->part, match) || same(it->component, match)) return true;
  const char *slash = it->component ? strrchr(it->component, '/') : NULL;
  return same(slash ? slash + 1 : it->component, match);
}

/* Records an error about change o, said after the origin of its value when it has one. */
static int change_fail(pcf_product *p, const char *origin, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static int change_fail(pcf_product *p, const char *origin, int code, const char *fmt, ...) {
  char msg[600];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (origin) return p->status = pcf_error_set(p->err, code, p->path, 0, "%s: %s", origin, msg);
  return p->status = pcf_error_set(p->err, code, p->path, 0, "%s", msg);
}

int pcf__product_bom_override(pcf_product *p, size_t first, size_t last, const pcf_override *o, const char *origin) {
  const char *dot = strrchr(o->key, '.');
  if (!dot) return change_fail(p, origin, PCF_ERR_INPUT, "bom change \"%s\": expected <part>.<field>", o->key);
  char match[256];
  snprintf(match, sizeof match, "%.*s", (int)(dot - o->key), o->key);
  const char *field = dot + 1;
  size_t changed = 0;
  for (size_t i = first; i < last; i++) {
    pcf_item *it = &p->items[i];
    if (!bom_match(it, match)) continue;
    changed++;
    char *end;
    double v = strtod(o->value, &end);
    bool number = end != o->value && isfinite(v);
    while (number && isspace((unsigned char)*end)) end++;
    if (strcmp(field, "material") == 0 || strcmp(field, "dataset") == 0) {
      it->kind = field[0] == 'm' ? PCF_ITEM_MATERIAL : PCF_ITEM_DATASET;
      it->dataset = pcf__product_keep(p, o->value);
      it->family = "";
    } else if (strcmp(field, "scale") == 0 && number && !*end && v >= 0) {
      it->amount *= v;
      it->mass_kg *= v;
    } else if (strcmp(field, "mass") == 0 && number && v >= 0) {
      double f = strcmp(end, "kg") == 0 ? 1 : strcmp(end, "g") == 0 ? 1e-3 : NAN;
      double per_unit_old = it->mass_kg / (it->quantity > 0 ? it->quantity : 1);
      if (isnan(f) || !(per_unit_old > 0))
        return change_fail(p, origin, PCF_ERR_UNIT,
                           "bom change %s = \"%s\": give a mass per unit in kg or g of a line with a mass", o->key,
                           o->value);
      double k = v * f / per_unit_old;
      it->mass_kg *= k;
      if (strcmp(it->unit, "kg") == 0) it->amount *= k;
    } else if (strcmp(field, "quantity") == 0 && number && v >= 0 &&
               (!*end || (it->quantity_unit && strcasecmp(end, it->quantity_unit) == 0))) {
      if (!(it->quantity > 0))
        return p->status =
                   pcf_error_set(p->err, PCF_ERR_INPUT, p->path, 0,
                                 "bom change %s = \"%s\": the line has no quantity to change", o->key, o->value);
      double k = v / it->quantity;
      it->amount *= k;
      it->mass_kg *= k;
      it->quantity = v;
    } else if (strcmp(field, "forming") == 0) {
      it->forming = strcasecmp(o->value, "none") == 0 ? "" : pcf__product_keep(p, o->value);
    } else if (strcmp(field, "supplier_pcf") == 0 && number && !*end) {
      if (it->kind != PCF_ITEM_SUPPLIER) {
        it->amount = it->quantity / (1 - it->scrap_rate);
        it->unit = pcf__product_keep(p, it->quantity_unit);
      }
      it->kind = PCF_ITEM_SUPPLIER;
      it->supplier_kg_co2e_per_unit = v;
    } else if (strcmp(field, "recycled_content") == 0 && number) {
      if (*end == '%') v /= 100;
      if (v < 0 || v > 1)
        return change_fail(p, origin, PCF_ERR_INPUT,
                           "bom change %s = \"%s\": recycled content must lie in 0..1 (or 0..100%%)", o->key, o->value);
      it->recycled_content = v;
    } else {
      return change_fail(p, origin, PCF_ERR_INPUT,
                         "bom change %s = \"%s\": unknown field or bad value (material, dataset, "
                         "mass, scale, quantity, supplier_pcf, recycled_content, forming)",
                         o->key, o->value);
    }
  }
  if (!changed) return change_fail(p, origin, PCF_ERR_NOT_FOUND, "bom change %s: no BOM line is \"%s\"", o->key, match);
  return 0;
}

/* Whether every BOM item match names is one that path names too, and the other way round. */
static bool same_lines(const pcf_product *p, const char *match, const char *path) {
  for (size_t i = 0; i < p->n_items; i++) {
    const pcf_item *it = &p->items[i];
    if (!it->bom_leaf) continue;
    if (bom_match(it, match) != (it->component && strcasecmp(it->component, path) == 0)) return false;
  }
  return true;
}

const char *pcf_product_part_ref(const pcf_product *p, size_t i, char *buf, size_t size) {
  const pcf_item *it = pcf_product_item(p, i);
  if (!it || !it->bom_leaf || !it->component) return NULL;
  const char *slash = strrchr(it->component, '/');
  const char *name = slash ? slash + 1 : it->component;
  const char *ref = same_lines(p, name, it->component)                                  ? name
                    : it->part && it->part[0] && same_lines(p, it->part, it->component) ? it->part
                                                                                        : it->component;
  snprintf(buf, size, "%s", ref);
  return buf;
}
