/* product.c: reads a product file (INI, libinih) and its bill of materials into the life-cycle
 * items the footprint is computed from (see pcf/product.h for the format). */
#include "pcf/product.h"

#include <ctype.h>
#include <ini.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pcf/bom.h"
#include "pcf/eol.h"

typedef struct str_list {
  char **v;
  size_t n, cap;
} str_list;

typedef struct eol_share {
  char *family, *route; /* family: a material family, or a material name (scope of [material X]) */
  double share;
} eol_share;

typedef struct use_entry {
  char *service, *unit;
  double amount;
  int per; /* 0 whole life, 1 per use, 2 per year */
} use_entry;

struct pcf_product {
  char *path, *dir, *name, *id, *declared_unit, *method, *bom, *materials, *services;
  double life_years, use_years, uses_per_year, distribution_mass_kg, mass_kg, packaging_kg;
  int bundled;
  str_list data, warnings, strings;
  pcf_item *items;
  double *distance_km;
  size_t n_items, cap_items;
  /* scenario parts collected while reading, turned into items at the end */
  pcf_item *manufacturing, *packaging, *legs, *eol_transport;
  size_t n_manufacturing, n_packaging, n_legs, n_eol_transport;
  use_entry *use;
  size_t n_use;
  eol_share *eol;
  size_t n_eol;
  pcf_eol_rule rule;
  char *eol_heat, *eol_electricity;
  double eol_x_heat, eol_x_elec;
  pcf_material_params *params;
  size_t n_params;
  pcf_error *err;
  int status;
  const pcf_override *overrides;
  size_t n_overrides;
  bool *override_used;
};

const char *pcf_stage_key(pcf_stage s) {
  static const char *keys[] = {"raw_materials", "production", "distribution", "use", "end_of_life"};
  return (unsigned)s < PCF_STAGE_COUNT ? keys[s] : "?";
}

static char *keep(pcf_product *p, const char *s) {
  char *c = strdup(s ? s : "");
  if (!c) return NULL;
  if (p->strings.n == p->strings.cap) {
    size_t cap = p->strings.cap ? p->strings.cap * 2 : 64;
    char **v = realloc(p->strings.v, cap * sizeof *v);
    if (!v) return free(c), NULL;
    p->strings.v = v;
    p->strings.cap = cap;
  }
  p->strings.v[p->strings.n++] = c;
  return c;
}

static int push_str(str_list *l, const char *s) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 8;
    char **v = realloc(l->v, cap * sizeof *v);
    if (!v) return -1;
    l->v = v;
    l->cap = cap;
  }
  l->v[l->n] = strdup(s);
  return l->v[l->n] ? (int)(l->n++, 0) : -1;
}

static void free_list(str_list *l) {
  for (size_t i = 0; i < l->n; i++) free(l->v[i]);
  free(l->v);
}

static int fail(pcf_product *p, int code, const char *fmt, ...) {
  if (p->status) return 0;
  char msg[600];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  pcf_error_set(p->err, code, p->path, 0, "%s", msg);
  p->status = code;
  return 0; /* inih: stop */
}

/* Resolves a path written in the product file against the file's folder. */
static char *resolve(pcf_product *p, const char *rel) {
  if (rel[0] == '/') return keep(p, rel);
  size_t n = strlen(p->dir) + strlen(rel) + 2;
  char *buf = malloc(n);
  if (!buf) return NULL;
  snprintf(buf, n, "%s/%s", p->dir, rel);
  char *k = keep(p, buf);
  free(buf);
  return k;
}

/* "<number> <unit>[ per use| per year]": the unit is what follows the number. */
static int parse_quantity(pcf_product *p, const char *section, const char *key, const char *value,
                          double *amount, char *unit, size_t unit_size, int *per) {
  char *end;
  while (isspace((unsigned char)*value)) value++;
  double v = strtod(value, &end);
  if (end == value || !isfinite(v) || fabs(v) > 1e12)
    return fail(p, PCF_ERR_INPUT, "[%s] %s = \"%s\": expected an amount with its unit (\"2.5 kWh\")",
                section, key, value), -1;
  if (v < 0)
    return fail(p, PCF_ERR_INPUT, "[%s] %s = \"%s\": a negative amount", section, key, value), -1;
  while (isspace((unsigned char)*end)) end++;
  snprintf(unit, unit_size, "%s", end);
  *per = 0;
  char *per_at = strstr(unit, " per ");
  if (per_at) {
    const char *what = per_at + 5;
    if (strcasecmp(what, "use") == 0) *per = 1;
    else if (strcasecmp(what, "year") == 0) *per = 2;
    else
      return fail(p, PCF_ERR_INPUT, "[%s] %s: \"per %s\": only \"per use\" and \"per year\" are known",
                  section, key, what), -1;
    *per_at = '\0';
  }
  size_t n = strlen(unit);
  while (n && isspace((unsigned char)unit[n - 1])) unit[--n] = '\0';
  if (!*unit) return fail(p, PCF_ERR_UNIT, "[%s] %s = \"%s\": the amount has no unit", section, key, value), -1;
  *amount = v;
  return 0;
}

static pcf_item *grow(pcf_item **v, size_t *n) {
  pcf_item *x = realloc(*v, (*n + 1) * sizeof **v);
  if (!x) return NULL;
  *v = x;
  memset(&x[*n], 0, sizeof **v);
  return &x[(*n)++];
}

static int on_product(pcf_product *p, const char *key, const char *value) {
  if (strcmp(key, "name") == 0) p->name = keep(p, value);
  else if (strcmp(key, "id") == 0) p->id = keep(p, value);
  else if (strcmp(key, "declared_unit") == 0 || strcmp(key, "functional_unit") == 0)
    p->declared_unit = keep(p, value);
  else if (strcmp(key, "bom") == 0) p->bom = resolve(p, value);
  else if (strcmp(key, "method") == 0) p->method = keep(p, value);
  else if (strcmp(key, "materials") == 0) p->materials = resolve(p, value);
  else if (strcmp(key, "services") == 0) p->services = resolve(p, value);
  else if (strcmp(key, "bundled") == 0) p->bundled = strcasecmp(value, "no") && strcasecmp(value, "false") && strcmp(value, "0");
  else if (strcmp(key, "service_life_years") == 0) {
    char *end;
    p->life_years = strtod(value, &end);
    if (end == value || *end || !(p->life_years > 0) || p->life_years > 200)
      return fail(p, PCF_ERR_INPUT, "[product] service_life_years = \"%s\": expected years in (0, 200]", value);
  } else if (strcmp(key, "data") == 0) {
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", value);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
      while (isspace((unsigned char)*tok)) tok++;
      size_t n = strlen(tok);
      while (n && isspace((unsigned char)tok[n - 1])) tok[--n] = '\0';
      if (*tok && push_str(&p->data, resolve(p, tok)))
        return fail(p, PCF_ERR_NOMEM, "out of memory");
    }
  } else {
    return fail(p, PCF_ERR_INPUT, "[product] unknown key \"%s\" (name, id, declared_unit, bom, method, "
                "data, materials, services, bundled, service_life_years)", key);
  }
  return 1;
}

static int on_item(pcf_product *p, const char *section, const char *key, const char *value,
                   pcf_item **v, size_t *n, pcf_item_kind kind, const char *component) {
  double amount;
  char unit[64];
  int per;
  if (parse_quantity(p, section, key, value, &amount, unit, sizeof unit, &per)) return 0;
  if (per) return fail(p, PCF_ERR_INPUT, "[%s] %s: \"per use\"/\"per year\" belong in [use]", section, key);
  pcf_item *it = grow(v, n);
  if (!it) return fail(p, PCF_ERR_NOMEM, "out of memory");
  it->kind = kind;
  it->component = component;
  it->dataset = keep(p, key);
  it->amount = amount;
  it->unit = keep(p, unit);
  it->family = "";
  it->mass_kg = NAN;
  it->recycled_content = NAN;
  it->file = p->path;
  return 1;
}

static int on_distribution(pcf_product *p, const char *section, const char *key, const char *value,
                           pcf_item **v, size_t *n) {
  double amount;
  char unit[64];
  int per;
  if (parse_quantity(p, section, key, value, &amount, unit, sizeof unit, &per)) return 0;
  if (strcmp(key, "mass") == 0 && strcmp(section, "distribution") == 0) {
    double f = strcmp(unit, "kg") == 0 ? 1 : strcmp(unit, "g") == 0 ? 1e-3 : strcmp(unit, "t") == 0 ? 1e3 : NAN;
    if (isnan(f)) return fail(p, PCF_ERR_UNIT, "[distribution] mass: unit \"%s\" (use kg, g or t)", unit);
    p->distribution_mass_kg = amount * f;
    return 1;
  }
  if (strcmp(unit, "km") != 0)
    return fail(p, PCF_ERR_UNIT, "[%s] %s = \"%s\": a transport leg is a distance in km", section, key, value);
  pcf_item *it = grow(v, n);
  if (!it) return fail(p, PCF_ERR_NOMEM, "out of memory");
  it->kind = PCF_ITEM_TRANSPORT;
  it->dataset = keep(p, key);
  it->amount = amount; /* km for now; mass × distance is set once the mass is known */
  it->unit = "t*km";
  it->mass_kg = NAN;
  it->recycled_content = NAN;
  it->family = "";
  it->file = p->path;
  return 1;
}

static int on_use(pcf_product *p, const char *key, const char *value) {
  char *end;
  if (strcmp(key, "years") == 0 || strcmp(key, "uses_per_year") == 0) {
    double v = strtod(value, &end);
    if (end == value || *end || !(v > 0) || v > 1e7)
      return fail(p, PCF_ERR_INPUT, "[use] %s = \"%s\": expected a positive number", key, value);
    if (key[0] == 'y') p->use_years = v;
    else p->uses_per_year = v;
    return 1;
  }
  use_entry *x = realloc(p->use, (p->n_use + 1) * sizeof *x);
  if (!x) return fail(p, PCF_ERR_NOMEM, "out of memory");
  p->use = x;
  use_entry *u = &x[p->n_use];
  char unit[64];
  if (parse_quantity(p, "use", key, value, &u->amount, unit, sizeof unit, &u->per)) return 0;
  u->service = keep(p, key);
  u->unit = keep(p, unit);
  p->n_use++;
  return 1;
}

static bool known_route(const char *r) {
  return !strcmp(r, "recycling") || !strcmp(r, "incineration") || !strcmp(r, "incineration_energy_recovery") ||
         !strcmp(r, "landfill");
}

static int parse_fraction(pcf_product *p, const char *section, const char *key, const char *value, double *out) {
  char *end;
  double v = strtod(value, &end);
  if (*end == '%') v /= 100, end++;
  while (isspace((unsigned char)*end)) end++;
  if (end == value || *end || !isfinite(v) || v < 0 || v > 1)
    return fail(p, PCF_ERR_INPUT, "[%s] %s = \"%s\": expected a fraction in 0..1 (or 0..100%%)", section, key, value), -1;
  *out = v;
  return 0;
}

/* "<route> <share>, ..." for the scope (a family, or a material of a [material X] section). */
static int parse_shares(pcf_product *p, const char *section, const char *scope, const char *value) {
  char buf[512];
  snprintf(buf, sizeof buf, "%s", value);
  double sum = 0;
  for (size_t i = 0; i < p->n_eol; i++)
    if (strcasecmp(p->eol[i].family, scope) == 0)
      return fail(p, PCF_ERR_INPUT, "[%s] end-of-life shares of \"%s\" given twice", section, scope);
  for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
    while (isspace((unsigned char)*tok)) tok++;
    char *sp = strrchr(tok, ' ');
    if (!sp) return fail(p, PCF_ERR_INPUT, "[%s] %s: \"%s\" is not \"<route> <share>\"", section, scope, tok);
    *sp = '\0';
    if (!known_route(tok))
      return fail(p, PCF_ERR_INPUT, "[%s] %s: unknown route \"%s\" (recycling, incineration, "
                  "incineration_energy_recovery, landfill)", section, scope, tok);
    char *end;
    double share = strtod(sp + 1, &end);
    if (*end == '%') share /= 100, end++;
    if (end == sp + 1 || *end || !isfinite(share) || share < 0 || share > 1)
      return fail(p, PCF_ERR_INPUT, "[%s] %s: share \"%s\" of %s must lie in 0..1 (or 0..100%%)",
                  section, scope, sp + 1, tok);
    eol_share *x = realloc(p->eol, (p->n_eol + 1) * sizeof *x);
    if (!x) return fail(p, PCF_ERR_NOMEM, "out of memory");
    p->eol = x;
    x[p->n_eol].family = keep(p, scope);
    x[p->n_eol].route = keep(p, tok);
    x[p->n_eol++].share = share;
    sum += share;
  }
  if (fabs(sum - 1) > 1e-6)
    return fail(p, PCF_ERR_INPUT, "[%s] %s: route shares sum to %g, not 1", section, scope, sum);
  return 1;
}

static int on_eol(pcf_product *p, const char *key, const char *value) {
  char buf[512];
  snprintf(buf, sizeof buf, "%s", value);
  /* "truck = 100 km": collection transport; otherwise "<family> = <route> <share>, ..." */
  size_t len = strlen(buf);
  if (len > 3 && strcmp(buf + len - 3, " km") == 0)
    return on_distribution(p, "end_of_life", key, value, &p->eol_transport, &p->n_eol_transport);
  if (strcmp(key, "rule") == 0) {
    if (pcf_eol_rule_parse(value, &p->rule))
      return fail(p, PCF_ERR_INPUT, "[end_of_life] rule = \"%s\": cut-off, 50:50, avoided-burden or cff", value);
    return 1;
  }
  if (strcmp(key, "heat") == 0) return (p->eol_heat = keep(p, value)) ? 1 : fail(p, PCF_ERR_NOMEM, "out of memory");
  if (strcmp(key, "electricity") == 0)
    return (p->eol_electricity = keep(p, value)) ? 1 : fail(p, PCF_ERR_NOMEM, "out of memory");
  if (strcmp(key, "x_heat") == 0) return parse_fraction(p, "end_of_life", key, value, &p->eol_x_heat) ? 0 : 1;
  if (strcmp(key, "x_elec") == 0) return parse_fraction(p, "end_of_life", key, value, &p->eol_x_elec) ? 0 : 1;
  return parse_shares(p, "end_of_life", key, value);
}

/* [material NAME]: parameters of one material for recycled content and end of life. */
static int on_material(pcf_product *p, const char *section, const char *key, const char *value) {
  const char *name = section + 9;
  while (isspace((unsigned char)*name)) name++;
  if (!*name) return fail(p, PCF_ERR_INPUT, "[%s]: name the material ([material PP])", section);
  pcf_material_params *m = NULL;
  for (size_t i = 0; i < p->n_params; i++)
    if (strcasecmp(p->params[i].name, name) == 0) m = &p->params[i];
  if (!m) {
    pcf_material_params *v = realloc(p->params, (p->n_params + 1) * sizeof *v);
    if (!v) return fail(p, PCF_ERR_NOMEM, "out of memory");
    p->params = v;
    m = &v[p->n_params++];
    *m = (pcf_material_params){.name = keep(p, name), .recycled = "", .substituted = "", .a = NAN, .b = NAN,
                               .qsin = NAN, .qsout = NAN, .lhv_mj_per_kg = NAN, .x_heat = NAN, .x_elec = NAN};
  }
  if (strcmp(key, "recycled") == 0) m->recycled = keep(p, value);
  else if (strcmp(key, "substituted") == 0) m->substituted = keep(p, value);
  else if (strcmp(key, "end_of_life") == 0) return parse_shares(p, section, m->name, value);
  else if (strcmp(key, "lhv") == 0) {
    char *end;
    m->lhv_mj_per_kg = strtod(value, &end);
    while (isspace((unsigned char)*end)) end++;
    if (end == value || (strcmp(end, "MJ/kg") && *end) || !(m->lhv_mj_per_kg >= 0) || m->lhv_mj_per_kg > 1000)
      return fail(p, PCF_ERR_UNIT, "[%s] lhv = \"%s\": a lower heating value in MJ/kg", section, value);
  } else {
    struct { const char *key; double *v; } f[] = {{"A", &m->a}, {"a", &m->a}, {"B", &m->b}, {"b", &m->b},
        {"qsin", &m->qsin}, {"qsout", &m->qsout}, {"x_heat", &m->x_heat}, {"x_elec", &m->x_elec}};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
      if (strcmp(key, f[i].key) == 0) return parse_fraction(p, section, key, value, f[i].v) ? 0 : 1;
    return fail(p, PCF_ERR_INPUT, "[%s] unknown key \"%s\" (recycled, substituted, end_of_life, A, B, qsin, "
                "qsout, lhv, x_heat, x_elec)", section, key);
  }
  return 1;
}

static int dispatch(pcf_product *p, const char *section, const char *key, const char *value);

/* Applies overrides to the file's values: replaced, or dropped when the override is empty. */
static int handler(void *user, const char *section, const char *key, const char *value) {
  pcf_product *p = user;
  if (p->status) return 0;
  if (strncmp(section, "variant", 7) == 0) return 1;
  for (size_t i = 0; i < p->n_overrides; i++) {
    const pcf_override *o = &p->overrides[i];
    if (strcmp(o->section, section) == 0 && strcmp(o->key, key) == 0) {
      p->override_used[i] = true;
      if (!o->value[0]) return 1;
      value = o->value;
    }
  }
  return dispatch(p, section, key, value);
}

static int dispatch(pcf_product *p, const char *section, const char *key, const char *value) {
  if (strcmp(section, "product") == 0) return on_product(p, key, value);
  if (strcmp(section, "manufacturing") == 0)
    return on_item(p, section, key, value, &p->manufacturing, &p->n_manufacturing, PCF_ITEM_SERVICE, "Manufacturing");
  if (strcmp(section, "packaging") == 0)
    return on_item(p, section, key, value, &p->packaging, &p->n_packaging, PCF_ITEM_MATERIAL, "Packaging");
  if (strcmp(section, "distribution") == 0) return on_distribution(p, section, key, value, &p->legs, &p->n_legs);
  if (strcmp(section, "use") == 0) return on_use(p, key, value);
  if (strcmp(section, "end_of_life") == 0) return on_eol(p, key, value);
  if (strncmp(section, "material ", 9) == 0) return on_material(p, section, key, value);
  return fail(p, PCF_ERR_INPUT, "unknown section [%s] (product, manufacturing, packaging, distribution, "
              "use, end_of_life, material NAME)", section);
}

static pcf_item *add(pcf_product *p, const pcf_item *it, double distance_km) {
  if (p->n_items == p->cap_items) {
    size_t cap = p->cap_items ? p->cap_items * 2 : 32;
    pcf_item *v = realloc(p->items, cap * sizeof *v);
    double *d = realloc(p->distance_km, cap * sizeof *d);
    if (v) p->items = v;
    if (d) p->distance_km = d;
    if (!v || !d) return NULL;
    p->cap_items = cap;
  }
  p->distance_km[p->n_items] = distance_km;
  p->items[p->n_items] = *it;
  if (!p->items[p->n_items].part) p->items[p->n_items].part = "";
  return &p->items[p->n_items++];
}

static int add_bom(pcf_product *p) {
  pcf_bom *bom;
  int rc = pcf_bom_read(&bom, p->bom, p->err);
  if (rc) return p->status = rc;
  p->mass_kg = 0;
  for (size_t i = 0; i < pcf_bom_warning_count(bom); i++) push_str(&p->warnings, pcf_bom_warning(bom, i));
  for (size_t i = 0; i < pcf_bom_leaf_count(bom); i++) {
    const pcf_bom_line *l = pcf_bom_leaf(bom, i);
    pcf_item it = {.stage = PCF_STAGE_RAW_MATERIALS, .component = keep(p, l->path), .file = p->path,
                   .line = l->line, .family = "", .mass_kg = l->mass_kg_total, .part = keep(p, l->part),
                   .quantity = l->quantity_total, .quantity_unit = keep(p, l->unit),
                   .recycled_content = l->recycled_content, .scrap_rate = l->scrap_rate};
    it.file = p->bom;
    if (!isnan(l->supplier_pcf_kg_co2e_per_unit)) {
      it.kind = PCF_ITEM_SUPPLIER;
      it.dataset = keep(p, l->material);
      it.supplier_kg_co2e_per_unit = l->supplier_pcf_kg_co2e_per_unit;
      bool per_kg = l->supplier_pcf_unit && strcmp(l->supplier_pcf_unit, "kg") == 0;
      if (l->supplier_pcf_unit && !per_kg && strcmp(l->supplier_pcf_unit, l->unit) != 0) {
        pcf_error_set(p->err, PCF_ERR_UNIT, p->bom, l->line,
                      "BOM line \"%s\": supplier PCF is per %s but the line is counted in %s", l->path,
                      l->supplier_pcf_unit, l->unit);
        pcf_bom_free(bom);
        return p->status = PCF_ERR_UNIT;
      }
      if (per_kg && isnan(l->mass_kg_input)) {
        pcf_error_set(p->err, PCF_ERR_INPUT, p->bom, l->line,
                      "BOM line \"%s\": supplier PCF is per kg but the line has no mass", l->path);
        pcf_bom_free(bom);
        return p->status = PCF_ERR_INPUT;
      }
      it.amount = per_kg ? l->mass_kg_input : l->quantity_input;
      it.unit = keep(p, per_kg ? "kg" : l->unit);
      /* Mass still counts for end of life when the material is known. */
    } else {
      it.kind = l->dataset[0] ? PCF_ITEM_DATASET : PCF_ITEM_MATERIAL;
      it.dataset = keep(p, l->dataset[0] ? l->dataset : l->material);
      if (!isnan(l->mass_kg_input)) {
        it.amount = l->mass_kg_input;
        it.unit = "kg";
      } else {
        it.amount = l->quantity_input;
        it.unit = keep(p, l->unit);
      }
    }
    if (!it.dataset || (!it.dataset[0] && it.kind != PCF_ITEM_SUPPLIER)) {
      pcf_error_set(p->err, PCF_ERR_INPUT, p->bom, l->line, "BOM line \"%s\" has no material, dataset or supplier PCF", l->path);
      pcf_bom_free(bom);
      return p->status = PCF_ERR_INPUT;
    }
    if (!add(p, &it, 0)) {
      pcf_bom_free(bom);
      return p->status = pcf_error_set(p->err, PCF_ERR_NOMEM, NULL, 0, "out of memory");
    }
  }
  pcf_bom_free(bom);
  return 0;
}

static bool same(const char *a, const char *b) { return a && b && *a && strcasecmp(a, b) == 0; }

/* Whether BOM item it is what <match> names: part number, path, or its last element (name). */
static bool bom_match(const pcf_item *it, const char *match) {
  if (same(it->part, match) || same(it->component, match)) return true;
  const char *slash = it->component ? strrchr(it->component, '/') : NULL;
  return same(slash ? slash + 1 : it->component, match);
}

static int bom_override(pcf_product *p, size_t first, size_t last, const pcf_override *o) {
  const char *dot = strrchr(o->key, '.');
  if (!dot) return p->status = pcf_error_set(p->err, PCF_ERR_INPUT, p->path, 0,
                                             "bom change \"%s\": expected <part>.<field>", o->key);
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
      it->dataset = keep(p, o->value);
      it->family = "";
    } else if (strcmp(field, "scale") == 0 && number && !*end && v >= 0) {
      it->amount *= v;
      it->mass_kg *= v;
    } else if (strcmp(field, "mass") == 0 && number && v >= 0) {
      double f = strcmp(end, "kg") == 0 ? 1 : strcmp(end, "g") == 0 ? 1e-3 : NAN;
      double per_unit_old = it->mass_kg / (it->quantity > 0 ? it->quantity : 1);
      if (isnan(f) || !(per_unit_old > 0))
        return p->status = pcf_error_set(p->err, PCF_ERR_UNIT, p->path, 0,
                                         "bom change %s = \"%s\": give a mass per unit in kg or g of a line with a mass",
                                         o->key, o->value);
      double k = v * f / per_unit_old;
      it->mass_kg *= k;
      if (strcmp(it->unit, "kg") == 0) it->amount *= k;
    } else if (strcmp(field, "supplier_pcf") == 0 && number && !*end) {
      if (it->kind != PCF_ITEM_SUPPLIER) {
        it->amount = it->quantity / (1 - it->scrap_rate);
        it->unit = keep(p, it->quantity_unit);
      }
      it->kind = PCF_ITEM_SUPPLIER;
      it->supplier_kg_co2e_per_unit = v;
    } else if (strcmp(field, "recycled_content") == 0 && number) {
      if (*end == '%') v /= 100;
      if (v < 0 || v > 1)
        return p->status = pcf_error_set(p->err, PCF_ERR_INPUT, p->path, 0,
                                         "bom change %s = \"%s\": recycled content must lie in 0..1 (or 0..100%%)",
                                         o->key, o->value);
      it->recycled_content = v;
    } else {
      return p->status = pcf_error_set(p->err, PCF_ERR_INPUT, p->path, 0,
                                       "bom change %s = \"%s\": unknown field or bad value (material, dataset, "
                                       "mass, scale, supplier_pcf, recycled_content)", o->key, o->value);
    }
  }
  if (!changed)
    return p->status = pcf_error_set(p->err, PCF_ERR_NOT_FOUND, p->path, 0,
                                     "bom change %s: no BOM line is \"%s\"", o->key, match);
  return 0;
}

static int packaging_mass(pcf_product *p) {
  p->packaging_kg = 0;
  for (size_t i = 0; i < p->n_packaging; i++) {
    const pcf_item *it = &p->packaging[i];
    double f = strcmp(it->unit, "kg") == 0 ? 1 : strcmp(it->unit, "g") == 0 ? 1e-3 : strcmp(it->unit, "t") == 0 ? 1e3 : NAN;
    if (isnan(f))
      return p->status = pcf_error_set(p->err, PCF_ERR_UNIT, p->path, 0,
                                       "[packaging] %s: give packaging as a mass (kg, g or t), not \"%s\"",
                                       it->dataset, it->unit);
    p->packaging[i].amount *= f;
    p->packaging[i].mass_kg = p->packaging[i].amount;
    p->packaging[i].unit = "kg";
    p->packaging_kg += p->packaging[i].amount;
  }
  return 0;
}

static int build_items(pcf_product *p) {
  if (p->bom && add_bom(p)) return p->status;
  size_t bom_items = p->n_items;
  for (size_t i = 0; i < p->n_overrides; i++)
    if (strcmp(p->overrides[i].section, "bom") == 0 && bom_override(p, 0, bom_items, &p->overrides[i]))
      return p->status;
  p->mass_kg = 0; /* after the changes: a lighter part moves lighter */
  for (size_t i = 0; i < bom_items; i++)
    if (!isnan(p->items[i].mass_kg)) p->mass_kg += p->items[i].mass_kg;
  if (packaging_mass(p)) return p->status;
  for (size_t i = 0; i < p->n_packaging; i++) {
    pcf_item it = p->packaging[i];
    it.stage = PCF_STAGE_RAW_MATERIALS;
    if (!add(p, &it, 0)) return p->status = PCF_ERR_NOMEM;
  }
  for (size_t i = 0; i < p->n_manufacturing; i++) {
    pcf_item it = p->manufacturing[i];
    it.stage = PCF_STAGE_PRODUCTION;
    if (!add(p, &it, 0)) return p->status = PCF_ERR_NOMEM;
  }
  double moved_kg = p->distribution_mass_kg > 0 ? p->distribution_mass_kg : p->mass_kg + p->packaging_kg;
  for (size_t i = 0; i < p->n_legs; i++) {
    pcf_item it = p->legs[i];
    it.stage = PCF_STAGE_DISTRIBUTION;
    it.component = "Distribution";
    double km = it.amount;
    it.amount = moved_kg / 1000 * km;
    if (!add(p, &it, km)) return p->status = PCF_ERR_NOMEM;
  }
  double years = p->use_years > 0 ? p->use_years : p->life_years;
  for (size_t i = 0; i < p->n_use; i++) {
    const use_entry *u = &p->use[i];
    double total = u->amount;
    if (u->per) {
      if (!(years > 0))
        return p->status = pcf_error_set(p->err, PCF_ERR_INPUT, p->path, 0,
                                         "[use] %s is per %s but neither [use] years nor service_life_years is given",
                                         u->service, u->per == 1 ? "use" : "year");
      if (u->per == 1 && !(p->uses_per_year > 0))
        return p->status = pcf_error_set(p->err, PCF_ERR_INPUT, p->path, 0,
                                         "[use] %s is per use but uses_per_year is not given", u->service);
      total *= years * (u->per == 1 ? p->uses_per_year : 1);
    }
    pcf_item it = {.stage = PCF_STAGE_USE, .kind = PCF_ITEM_SERVICE, .component = "Use",
                   .dataset = u->service, .amount = total, .unit = u->unit, .family = "", .file = p->path,
                   .mass_kg = NAN, .recycled_content = NAN};
    if (!add(p, &it, 0)) return p->status = PCF_ERR_NOMEM;
  }
  for (size_t i = 0; i < p->n_eol_transport; i++) {
    pcf_item it = p->eol_transport[i];
    it.stage = PCF_STAGE_END_OF_LIFE;
    it.component = "End of life";
    double km = it.amount;
    it.amount = (p->mass_kg + p->packaging_kg) / 1000 * km;
    if (!add(p, &it, km)) return p->status = PCF_ERR_NOMEM;
  }
  return 0;
}

int pcf_product_read(pcf_product **out, const char *path, pcf_error *err) {
  return pcf_product_read_with(out, path, NULL, 0, err);
}

int pcf_product_read_with(pcf_product **out, const char *path, const pcf_override *overrides,
                          size_t n_overrides, pcf_error *err) {
  pcf_product *p = calloc(1, sizeof *p);
  *out = p;
  if (!p) return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory");
  p->overrides = overrides;
  p->n_overrides = n_overrides;
  p->override_used = calloc(n_overrides ? n_overrides : 1, sizeof *p->override_used);
  if (!p->override_used) return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory");
  p->err = err;
  p->bundled = 1;
  p->life_years = NAN;
  p->path = strdup(path);
  p->dir = strdup(path);
  if (!p->path || !p->dir) return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory");
  char *slash = strrchr(p->dir, '/');
  if (slash) *slash = '\0';
  else strcpy(p->dir, ".");
  FILE *f = fopen(path, "r");
  if (!f) return pcf_error_set(err, PCF_ERR_IO, path, 0, "cannot open the product file");
  int rc = ini_parse_file(f, handler, p);
  fclose(f);
  /* Overrides of keys the file does not have are added, in the order given. */
  for (size_t i = 0; !rc && !p->status && i < p->n_overrides; i++) {
    const pcf_override *o = &p->overrides[i];
    if (p->override_used[i] || strcmp(o->section, "bom") == 0 || !o->value[0]) continue;
    p->override_used[i] = true;
    dispatch(p, o->section, o->key, o->value);
  }
  if (p->status) return p->status;
  if (rc > 0) return pcf_error_set(err, PCF_ERR_PARSE, path, rc, "malformed line (expected \"key = value\" or \"[section]\")");
  if (rc < 0) return pcf_error_set(err, PCF_ERR_IO, path, 0, "cannot read the product file");
  if (!p->name) return pcf_error_set(err, PCF_ERR_INPUT, path, 0, "[product] name is missing");
  if (!p->declared_unit) p->declared_unit = keep(p, "1 piece");
  if (!p->method) p->method = keep(p, "AR6");
  if (!p->id) p->id = keep(p, "");
  return build_items(p);
}

void pcf_product_free(pcf_product *p) {
  if (!p) return;
  free_list(&p->strings);
  free_list(&p->data);
  free_list(&p->warnings);
  free(p->items);
  free(p->distance_km);
  free(p->manufacturing);
  free(p->packaging);
  free(p->legs);
  free(p->eol_transport);
  free(p->use);
  free(p->eol);
  free(p->params);
  free(p->path);
  free(p->dir);
  free(p->override_used);
  free(p);
}

const char *pcf_product_name(const pcf_product *p) { return p->name; }
const char *pcf_product_id(const pcf_product *p) { return p->id; }
const char *pcf_product_declared_unit(const pcf_product *p) { return p->declared_unit; }
const char *pcf_product_method(const pcf_product *p) { return p->method; }
const char *pcf_product_path(const pcf_product *p) { return p->path; }
double pcf_product_service_life_years(const pcf_product *p) { return p->life_years; }
int pcf_product_bundled(const pcf_product *p) { return p->bundled; }
size_t pcf_product_data_count(const pcf_product *p) { return p->data.n; }
const char *pcf_product_data(const pcf_product *p, size_t i) { return i < p->data.n ? p->data.v[i] : NULL; }
const char *pcf_product_materials(const pcf_product *p) { return p->materials; }
const char *pcf_product_services(const pcf_product *p) { return p->services; }
size_t pcf_product_item_count(const pcf_product *p) { return p->n_items; }
const pcf_item *pcf_product_item(const pcf_product *p, size_t i) { return i < p->n_items ? &p->items[i] : NULL; }
double pcf_product_item_distance_km(const pcf_product *p, size_t i) { return i < p->n_items ? p->distance_km[i] : 0; }
size_t pcf_product_warning_count(const pcf_product *p) { return p->warnings.n; }
const char *pcf_product_warning(const pcf_product *p, size_t i) { return i < p->warnings.n ? p->warnings.v[i] : NULL; }
double pcf_product_mass_kg(const pcf_product *p) { return p->mass_kg; }
double pcf_product_packaging_kg(const pcf_product *p) { return p->packaging_kg; }

pcf_eol_rule pcf_product_eol_rule(const pcf_product *p) { return p->rule; }
const char *pcf_product_eol_heat(const pcf_product *p) { return p->eol_heat; }
const char *pcf_product_eol_electricity(const pcf_product *p) { return p->eol_electricity; }
double pcf_product_eol_x_heat(const pcf_product *p) { return p->eol_x_heat; }
double pcf_product_eol_x_elec(const pcf_product *p) { return p->eol_x_elec; }

const pcf_material_params *pcf_product_material_params(const pcf_product *p, const char *material) {
  for (size_t i = 0; material && i < p->n_params; i++)
    if (strcasecmp(p->params[i].name, material) == 0) return &p->params[i];
  return NULL;
}

int pcf_product_eol_shares(const pcf_product *p, const char *material, const char *family, double shares[4]) {
  static const char *routes[4] = {"recycling", "incineration_energy_recovery", "incineration", "landfill"};
  /* A material's own scenario wins over its family's. */
  for (int pass = 0; pass < 2; pass++) {
    const char *scope = pass == 0 ? material : family;
    bool found = false;
    for (int r = 0; r < 4; r++) shares[r] = 0;
    for (size_t i = 0; scope && *scope && i < p->n_eol; i++) {
      if (strcasecmp(p->eol[i].family, scope)) continue;
      found = true;
      for (int r = 0; r < 4; r++)
        if (strcmp(p->eol[i].route, routes[r]) == 0) shares[r] += p->eol[i].share;
    }
    if (found) return 0;
  }
  return -1;
}

int pcf_product_has_eol(const pcf_product *p) { return p->n_eol > 0; }
