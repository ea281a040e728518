/* product_factors.c: own secondary factors on the scenario items of a product file (energy and
 * transport): a key NAME.factor beside the item NAME of [manufacturing], [distribution] or [use],
 *
 *   [manufacturing]
 *   electricity, rooftop PV = 120 kWh
 *   electricity, rooftop PV.factor = 0.045 kg CO2e/kWh        ; g CO2e and t CO2e scaled to kg
 *   electricity, rooftop PV.factor_source = Installer's LCA, 2024 (EPD S-P-09876)
 *   electricity, rooftop PV.factor_quality = 2, 1, 1, 2, 2    ; optional (ratings.h)
 *
 * values the item with that factor instead of a dataset: secondary data (ISO 14067:2018, 6.3.5)
 * whose source is required. The unit after '/' is resolved by the footprint through the ILCD unit
 * groups of the loaded data (kWh, MJ, t*km, ...; pcf/bom.h). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "product_internal.h"
#include "ratings.h"

static const char *const fields[] = {".factor", ".factor_source", ".factor_quality"};

/* The entry for (section, name), made when new; NULL when out of memory. */
static scenario_factor *entry(pcf_product *p, const char *section, const char *name, size_t len) {
  for (size_t i = 0; i < p->n_factors; i++)
    if (!strcmp(p->factors[i].section, section) && strlen(p->factors[i].name) == len &&
        !strncmp(p->factors[i].name, name, len))
      return &p->factors[i];
  scenario_factor *v = realloc(p->factors, (p->n_factors + 1) * sizeof *v);
  if (!v) return NULL;
  p->factors = v;
  scenario_factor *f = &v[p->n_factors];
  char buf[300];
  snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf ? len : sizeof buf - 1), name);
  *f = (scenario_factor){.section = pcf__product_keep(p, section), .name = pcf__product_keep(p, buf), .kg = NAN};
  if (!f->section || !f->name) return NULL;
  p->n_factors++;
  return f;
}

/* "0.045 kg CO2e/kWh", "45 g CO2e per kWh": kg CO2e per unit, and the unit. */
static int parse_factor(pcf_product *p, const char *section, const char *key, const char *value, scenario_factor *f) {
  char *end;
  double v = strtod(value, &end);
  const char *co2 = end != value ? strstr(end, "CO2") : NULL;
  if (!co2) co2 = end != value ? strstr(end, "co2") : NULL;
  const char *per = co2 ? strchr(co2, '/') : NULL;
  const char *per_word = co2 ? strstr(co2, " per ") : NULL;
  if (!per && per_word) per = per_word + 4;
  char scale[16] = "";
  if (co2) {
    const char *s = end;
    while (isspace((unsigned char)*s)) s++;
    snprintf(scale, sizeof scale, "%.*s", (int)(co2 - s < 15 ? co2 - s : 15), s);
    for (char *t = scale + strlen(scale); t > scale && isspace((unsigned char)t[-1]);) *--t = '\0';
  }
  double k = !strcmp(scale, "kg") ? 1 : !strcmp(scale, "g") ? 1e-3 : !strcmp(scale, "t") ? 1e3 : NAN;
  const char *unit = per ? per + 1 : "";
  while (isspace((unsigned char)*unit)) unit++;
  if (!isfinite(v) || isnan(k) || !*unit || strlen(unit) > 60)
    return pcf__product_fail(p, PCF_ERR_UNIT,
                             "[%s] %s = \"%s\": expected a factor with its unit (\"0.045 kg CO2e/kWh\", \"62 g CO2e "
                             "per t*km\")",
                             section, key, value);
  f->kg = v * k;
  f->unit = pcf__product_keep(p, unit);
  if (!f->unit) return pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
  char *u = (char *)f->unit;
  for (size_t n = strlen(u); n && isspace((unsigned char)u[n - 1]);) u[--n] = '\0';
  return 1;
}

int pcf__product_on_factor(pcf_product *p, const char *section, const char *key, const char *value) {
  if (strcmp(section, "manufacturing") && strcmp(section, "distribution") && strcmp(section, "use")) return -1;
  size_t klen = strlen(key);
  for (int k = 0; k < 3; k++) {
    size_t flen = strlen(fields[k]);
    if (klen <= flen || strcmp(key + klen - flen, fields[k])) continue;
    scenario_factor *f = entry(p, section, key, klen - flen);
    if (!f) return pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
    if (k == 0) {
      f->line = p->line;
      return parse_factor(p, section, key, value, f);
    }
    double q[PCF_RATINGS_COUNT];
    if (k == 2 && pcf__ratings_parse(value, q))
      return pcf__product_fail(p, PCF_ERR_INPUT,
                               "[%s] %s = \"%s\": expected five ratings from 1 to 3 (technological, temporal, "
                               "geographical, completeness, reliability)",
                               section, key, value);
    const char **to = k == 1 ? &f->source : &f->quality;
    *to = pcf__product_keep(p, value);
    if (!f->line) f->line = p->line;
    return *to ? 1 : pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
  }
  return -1;
}

int pcf__product_attach_factors(pcf_product *p) {
  static const struct {
    const char *section;
    pcf_stage stage;
  } stages[] = {
      {"manufacturing", PCF_STAGE_PRODUCTION}, {"distribution", PCF_STAGE_DISTRIBUTION}, {"use", PCF_STAGE_USE}};
  for (size_t i = 0; i < p->n_factors; i++) {
    const scenario_factor *f = &p->factors[i];
    if (isnan(f->kg))
      return p->status =
                 pcf_error_set(p->err, PCF_ERR_INPUT, p->path, f->line,
                               "[%s] %s: a factor source or quality without %s.factor", f->section, f->name, f->name);
    if (!f->source || !f->source[0])
      return p->status = pcf_error_set(p->err, PCF_ERR_INPUT, p->path, f->line,
                                       "[%s] %s.factor has no %s.factor_source: an own factor is secondary data and "
                                       "counts only with where it comes from (a database and its version, a "
                                       "publication, an EPD number)",
                                       f->section, f->name, f->name);
    pcf_stage stage = PCF_STAGE_COUNT;
    for (size_t s = 0; s < sizeof stages / sizeof *stages; s++)
      if (!strcmp(stages[s].section, f->section)) stage = stages[s].stage;
    size_t used = 0;
    for (size_t k = 0; k < p->n_items; k++) {
      pcf_item *it = &p->items[k];
      if (it->stage != stage || it->bom_leaf || strcmp(it->dataset, f->name) ||
          (it->kind != PCF_ITEM_SERVICE && it->kind != PCF_ITEM_TRANSPORT))
        continue;
      it->kind = PCF_ITEM_FACTOR;
      it->factor_kg_co2e_per_unit = f->kg;
      it->factor_unit = f->unit;
      it->factor_source = f->source;
      it->factor_quality = f->quality ? f->quality : "";
      used++;
    }
    if (!used)
      return p->status = pcf_error_set(p->err, PCF_ERR_INPUT, p->path, f->line,
                                       "[%s] %s.factor: no item \"%s\" in [%s] to carry it", f->section, f->name,
                                       f->name, f->section);
  }
  return 0;
}
