/* units.c: unit conversion through ILCD unit groups and flow properties.
 *
 * Within a unit group, each unit's meanValue is its size in the group's reference unit. Between the
 * flow properties of one flow, each property's meanValue is its amount per unit of the flow's
 * reference property (ILCD_FlowDataSet.xsd, flowProperties): so x in property P equals
 * x / mean(P) * mean(R) in the reference property R (mean(R) is normally 1). */
#include "internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int ilcd_unit_group_factor(const ilcd_unit_group *g, const char *unit, double *factor) {
  for (size_t i = 0; i < g->n_units; i++)
    if (strcmp(g->units[i].name, unit) == 0) return *factor = g->units[i].factor, 0;
  for (size_t i = 0; i < g->n_units; i++)
    if (strcasecmp(g->units[i].name, unit) == 0) return *factor = g->units[i].factor, 0;
  return ILCD_ERR_UNIT;
}

static const ilcd_unit_group *property_group(const ilcd_db *db, const ilcd_flow_property_ref *p) {
  if (!p->property.valid) return NULL;
  const ilcd_flow_property *fp = ilcd_db_flow_property(db, &p->property.uuid);
  if (!fp || !fp->unit_group.valid) return NULL;
  return ilcd_db_unit_group(db, &fp->unit_group.uuid);
}

/* Names people write for units the ILCD unit groups name otherwise: a count ("Units of items" has
 * "Item(s)" alone: EPDs declared per piece are used with BOM lines counted in pieces), the
 * avoirdupois pound and ounce ("lb av", "oz av" in "Units of mass") and the international mile
 * ("mi" in "Units of length"). */
static const struct {
  const char *alias, *ilcd;
} aliases[] = {{"pcs", "Item(s)"},  {"pc", "Item(s)"},    {"piece", "Item(s)"}, {"pieces", "Item(s)"},
               {"item", "Item(s)"}, {"items", "Item(s)"}, {"lb", "lb av"},      {"lbs", "lb av"},
               {"pound", "lb av"},  {"pounds", "lb av"},  {"oz", "oz av"},      {"ounce", "oz av"},
               {"ounces", "oz av"}, {"mile", "mi"},       {"miles", "mi"}};

/* The ILCD name of an alias, NULL when unit is none. */
static const char *alias_of(const char *unit) {
  for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
    if (strcasecmp(unit, aliases[i].alias) == 0) return aliases[i].ilcd;
  return NULL;
}

/* Finds the flow property of the flow whose unit group holds unit; exact names before
 * case-insensitive ones ("Mg" is not "mg"), then a count alias as "Item(s)". The reference
 * property is tried first. */
static int find_unit(const ilcd_db *db, const ilcd_flow *flow, const char *unit, int *prop, double *factor) {
  for (int exact = 1; exact >= 0; exact--) {
    for (size_t k = 0; k <= flow->n_properties; k++) {
      size_t i = k == 0 ? (size_t)flow->reference_property : k - 1;
      if (k > 0 && (int)i == flow->reference_property) continue;
      if (i >= flow->n_properties) continue;
      const ilcd_unit_group *g = property_group(db, &flow->properties[i]);
      if (!g) continue;
      for (size_t u = 0; u < g->n_units; u++) {
        int same = exact ? strcmp(g->units[u].name, unit) == 0 : strcasecmp(g->units[u].name, unit) == 0;
        if (same) {
          *prop = (int)i;
          *factor = g->units[u].factor;
          return 0;
        }
      }
    }
  }
  const char *ilcd = alias_of(unit);
  return ilcd ? find_unit(db, flow, ilcd, prop, factor) : ILCD_ERR_UNIT;
}

/* Every conversion error names the flow, its UUID and both units. */
static int flow_error(ilcd_error *err, const ilcd_flow *flow, const char *from, const char *to, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static int flow_error(ilcd_error *err, const ilcd_flow *flow, const char *from, const char *to, const char *fmt, ...) {
  char id[40];
  char why[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, sizeof why, fmt, ap);
  va_end(ap);
  return ilcd_error_set(err, ILCD_ERR_UNIT, flow->path, 0, ilcd_uuid_format(&flow->uuid, id),
                        "flow \"%s\": cannot convert \"%s\" to \"%s\": %s", flow->name, from, to, why);
}

int ilcd_flow_conversion(const ilcd_db *db, const ilcd_flow *flow, const char *from, const char *to,
                         ilcd_conversion *out, ilcd_error *err) {
  if (flow->reference_property < 0 || (size_t)flow->reference_property >= flow->n_properties)
    return flow_error(err, flow, from, to, "the flow has no reference flow property");
  int pf, pt;
  double ff, ft;
  const char *missing = find_unit(db, flow, from, &pf, &ff) ? from : find_unit(db, flow, to, &pt, &ft) ? to : NULL;
  if (missing) {
    /* The units it would take, for the one who wrote another. */
    char names[700] = "";
    size_t len = 0;
    for (size_t i = 0; i < flow->n_properties && len + 1 < sizeof names; i++) {
      const ilcd_unit_group *g = property_group(db, &flow->properties[i]);
      if (!g) continue;
      if (len) len += (size_t)snprintf(names + len, sizeof names - len, "; ");
      if (len + 1 < sizeof names) len += ilcd_unit_group_names(g, names + len, sizeof names - len);
    }
    return flow_error(err, flow, from, to, "unit \"%s\" belongs to none of its flow properties (its units: %s)",
                      missing, names[0] ? names : "none loaded");
  }
  if (!(ff > 0) || !(ft > 0))
    return flow_error(err, flow, from, to, "unit \"%s\" has no positive factor in its unit group", ff > 0 ? to : from);
  *out = (ilcd_conversion){.from_factor = ff, .to_factor = ft, .from_mean = 1, .to_mean = 1, .across = pf != pt};
  if (pf != pt) {
    double mf = flow->properties[pf].mean_value, mt = flow->properties[pt].mean_value;
    if (!(mf > 0) || !(mt > 0))
      return flow_error(err, flow, from, to, "flow property \"%s\" has no positive mean value",
                        flow->properties[mf > 0 ? pt : pf].property.text);
    out->from_mean = mf;
    out->to_mean = mt;
  }
  return 0;
}

int ilcd_conversion_apply(const ilcd_conversion *c, double amount, double *out) {
  double x = amount * c->from_factor; /* in the reference unit of the from unit's property */
  if (c->across) x = x / c->from_mean * c->to_mean;
  x /= c->to_factor;
  /* Amounts and factors are within +-1e30 each, but a chain of them can still overflow. */
  if (!isfinite(x)) return ILCD_ERR_UNIT;
  *out = x;
  return 0;
}

int ilcd_flow_convert(const ilcd_db *db, const ilcd_flow *flow, double amount, const char *from, const char *to,
                      double *out, ilcd_error *err) {
  ilcd_conversion c;
  int rc = ilcd_flow_conversion(db, flow, from, to, &c, err);
  if (rc) return rc;
  if (ilcd_conversion_apply(&c, amount, out)) return flow_error(err, flow, from, to, "the result is out of range");
  return 0;
}

int ilcd_flow_to_reference(const ilcd_db *db, const ilcd_flow *flow, double amount, const char *unit, double *out,
                           ilcd_error *err) {
  const char *ref_unit;
  int rc = ilcd_flow_reference_unit(db, flow, &ref_unit, err);
  if (rc) return rc;
  return ilcd_flow_convert(db, flow, amount, unit, ref_unit, out, err);
}

int ilcd_flow_reference_unit(const ilcd_db *db, const ilcd_flow *flow, const char **unit_name, ilcd_error *err) {
  /* The UUID is formatted for an error only: a batch asks this for every line it values. */
  char id[40];
  if (flow->reference_property < 0 || (size_t)flow->reference_property >= flow->n_properties)
    return ilcd_error_set(err, ILCD_ERR_NOT_FOUND, flow->path, 0, ilcd_uuid_format(&flow->uuid, id),
                          "flow \"%s\" has no reference flow property", flow->name);
  const ilcd_flow_property_ref *p = &flow->properties[flow->reference_property];
  const ilcd_flow_property *fp = p->property.valid ? ilcd_db_flow_property(db, &p->property.uuid) : NULL;
  if (!fp)
    return ilcd_error_set(err, ILCD_ERR_NOT_FOUND, flow->path, 0, ilcd_uuid_format(&flow->uuid, id),
                          "flow \"%s\": its reference flow property is not loaded", flow->name);
  const ilcd_unit_group *g = fp->unit_group.valid ? ilcd_db_unit_group(db, &fp->unit_group.uuid) : NULL;
  if (!g || g->reference_unit < 0)
    return ilcd_error_set(err, ILCD_ERR_NOT_FOUND, fp->path, 0, ilcd_uuid_format(&flow->uuid, id),
                          "flow \"%s\": unit group of flow property \"%s\" is missing or has no "
                          "reference unit",
                          flow->name, fp->name);
  *unit_name = g->units[g->reference_unit].name;
  return 0;
}

/* The unit's factor in group g: its own name (exact, then case-insensitive), else its ILCD name. */
static int group_factor(const ilcd_unit_group *g, const char *unit, double *factor) {
  if (!ilcd_unit_group_factor(g, unit, factor)) return 0;
  const char *ilcd = alias_of(unit);
  return ilcd ? ilcd_unit_group_factor(g, ilcd, factor) : ILCD_ERR_UNIT;
}

const ilcd_unit_group *ilcd_db_unit_group_of(const ilcd_db *db, const char *unit) {
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_UNIT_GROUP); i++) {
    double f;
    const ilcd_unit_group *g = ilcd_db_unit_group_at(db, i);
    if (!group_factor(g, unit, &f) && f > 0) return g;
  }
  return NULL;
}

size_t ilcd_unit_group_names(const ilcd_unit_group *g, char *buf, size_t size) {
  size_t len = 0;
  if (size) buf[0] = '\0';
  for (size_t u = 0; u < g->n_units && len + 1 < size; u++) {
    int k = snprintf(buf + len, size - len, "%s%s", u ? ", " : "", g->units[u].name);
    if (k < 0 || (size_t)k >= size - len) {
      buf[len] = '\0';
      break;
    }
    len += (size_t)k;
  }
  return len;
}

int ilcd_db_unit_convert(const ilcd_db *db, double amount, const char *from, const char *to, double *out,
                         ilcd_error *err) {
  const ilcd_unit_group *gf = ilcd_db_unit_group_of(db, from), *gt = ilcd_db_unit_group_of(db, to);
  const char *none = !gf ? from : !gt ? to : NULL;
  if (none)
    return ilcd_error_set(err, ILCD_ERR_UNIT, NULL, 0, NULL, "unit \"%s\" is in no unit group of the loaded data",
                          none);
  /* Units of one group first: "t" is in "Units of mass" and in no other, but a name two groups
   * share is taken from the group holding both. */
  double ff, ft;
  for (size_t i = 0; i < ilcd_db_count(db, ILCD_UNIT_GROUP); i++) {
    const ilcd_unit_group *g = ilcd_db_unit_group_at(db, i);
    if (group_factor(g, from, &ff) || group_factor(g, to, &ft) || !(ff > 0) || !(ft > 0)) continue;
    double x = amount * ff / ft;
    if (!isfinite(x))
      return ilcd_error_set(err, ILCD_ERR_UNIT, NULL, 0, NULL, "%g %s in %s is out of range", amount, from, to);
    *out = x;
    return 0;
  }
  char names[600];
  ilcd_unit_group_names(gt, names, sizeof names);
  return ilcd_error_set(err, ILCD_ERR_UNIT, NULL, 0, NULL,
                        "\"%s\" (%s) and \"%s\" (%s) measure different things; the units of %s are: %s", from, gf->name,
                        to, gt->name, gt->name, names);
}
