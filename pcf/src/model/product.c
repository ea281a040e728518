/* product.c: reads a product file (INI, libinih) and its bill of materials into the life-cycle
 * items the footprint is computed from (see pcf/product.h for the format). */
#include "pcf/product.h"

#include <ctype.h>
#include <ini.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "bom_internal.h"
#include "csv.h"
#include "ini_file.h"
#include "input_file.h"
#include "pcf/bom.h"
#include "product_internal.h"

const char *pcf_stage_key(pcf_stage s) {
  static const char *keys[] = {"raw_materials", "production", "distribution", "use", "end_of_life"};
  return (unsigned)s < PCF_STAGE_COUNT ? keys[s] : "?";
}

/* The life-cycle stages of ISO 14067:2018, 6.3.4 (and the PEF method's names for them). */
const char *pcf_stage_title(pcf_stage s) {
  static const char *titles[] = {"Raw material acquisition", "Production", "Distribution", "Use", "End of life"};
  return (unsigned)s < PCF_STAGE_COUNT ? titles[s] : "?";
}

const char *pcf_stage_title_lower(pcf_stage s) {
  static const char *titles[] = {"raw material acquisition", "production", "distribution", "use", "end of life"};
  return (unsigned)s < PCF_STAGE_COUNT ? titles[s] : "?";
}

struct str_chunk {
  str_chunk *next;
  char data[];
};

/* Chunks from 1 KiB doubling to 64 KiB: a small product file takes one, a large BOM few. */
enum { STR_CHUNK_MIN = 1 << 10, STR_CHUNK_MAX = 1 << 16 };

static char *pool_alloc(str_pool *pool, size_t n) {
  if (pool->cap - pool->used < n) {
    size_t cap = pool->cap ? (pool->cap < STR_CHUNK_MAX ? 2 * pool->cap : pool->cap) : STR_CHUNK_MIN;
    if (cap < n) cap = n; /* a long string gets a chunk of its own size */
    str_chunk *c = malloc(sizeof *c + cap);
    if (!c) return NULL;
    c->next = pool->head;
    pool->head = c;
    pool->used = 0;
    pool->cap = cap;
  }
  char *at = pool->head->data + pool->used;
  pool->used += n;
  return at;
}

static void pool_free(str_pool *pool) {
  for (str_chunk *c = pool->head, *next; c; c = next) {
    next = c->next;
    free(c);
  }
  *pool = (str_pool){0};
}

/* A copy kept until the product is freed; NULL when out of memory, which then fails the read (a
 * name or unit lost to it must not read as missing from the file). */
char *pcf__product_keep(pcf_product *p, const char *s) {
  if (!s) s = "";
  size_t n = strlen(s) + 1;
  char *c = pool_alloc(&p->strings, n);
  if (!c) return pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory"), NULL;
  return memcpy(c, s, n);
}

static int push_str(str_list *l, const char *s) {
  if (!s) return -1; /* a copy that failed before */
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

int pcf__product_fail(pcf_product *p, int code, const char *fmt, ...) {
  if (p->status) return 0;
  char msg[600];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (p->origin)
    pcf_error_set(p->err, code, p->path, p->line, "%s: %s", p->origin, msg);
  else
    pcf_error_set(p->err, code, p->path, p->line, "%s", msg);
  p->status = code;
  return 0; /* inih: stop */
}

/* Stores a copy of value in *field; inih convention: 1, or 0 with the error when out of memory. */
static int keep_to(pcf_product *p, char **field, const char *value) {
  *field = pcf__product_keep(p, value);
  return *field ? 1 : pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
}

/* " (a decimal comma? write 1.5)" when value holds a digit, a comma and a digit: strtod stops at
 * the comma, and the rest would be read as a unit or refused without saying why. */
static const char *comma_hint(const char *value, char *buf, size_t size) {
  const char *c = strchr(value, ',');
  if (!c || c == value || !isdigit((unsigned char)c[-1]) || !isdigit((unsigned char)c[1])) return "";
  snprintf(buf, size, " (a decimal comma? write %.*s.%s)", (int)(c - value), value, c + 1);
  return buf;
}

/* Resolves a path written in the product file against the file's folder. */
static char *resolve(pcf_product *p, const char *rel) {
  if (rel[0] == '/') return pcf__product_keep(p, rel);
  size_t n = strlen(p->dir) + strlen(rel) + 2;
  char *buf = malloc(n);
  if (!buf) return pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory"), NULL;
  snprintf(buf, n, "%s/%s", p->dir, rel);
  char *k = pcf__product_keep(p, buf);
  free(buf);
  return k;
}

/* "<number> <unit>[ per use| per year]": the unit is what follows the number. */
static int parse_quantity(pcf_product *p, const char *section, const char *key, const char *value, double *amount,
                          char *unit, size_t unit_size, int *per) {
  char *end;
  while (isspace((unsigned char)*value)) value++;
  double v = strtod(value, &end);
  if (end != value && *end == ',' && isdigit((unsigned char)end[1]))
    return pcf__product_fail(p, PCF_ERR_INPUT,
                             "[%s] %s = \"%s\": a decimal comma; write %.*s.%s (the amount would "
                             "end at the comma)",
                             section, key, value, (int)(end - value), value, end + 1),
           -1;
  if (end == value || !isfinite(v))
    return pcf__product_fail(p, PCF_ERR_INPUT, "[%s] %s = \"%s\": expected an amount with its unit (\"2.5 kWh\")",
                             section, key, value),
           -1;
  if (fabs(v) > PCF_PRODUCT_MAX_AMOUNT)
    return pcf__product_fail(p, PCF_ERR_INPUT,
                             "[%s] %s = \"%s\": above the limit of %g per amount (pcf/product.h; "
                             "check the unit)",
                             section, key, value, PCF_PRODUCT_MAX_AMOUNT),
           -1;
  if (v < 0) return pcf__product_fail(p, PCF_ERR_INPUT, "[%s] %s = \"%s\": a negative amount", section, key, value), -1;
  while (isspace((unsigned char)*end)) end++;
  snprintf(unit, unit_size, "%s", end);
  *per = 0;
  char *per_at = strstr(unit, " per ");
  if (per_at) {
    const char *what = per_at + 5;
    if (strcasecmp(what, "use") == 0)
      *per = 1;
    else if (strcasecmp(what, "year") == 0)
      *per = 2;
    else
      return pcf__product_fail(p, PCF_ERR_INPUT, "[%s] %s: \"per %s\": only \"per use\" and \"per year\" are known",
                               section, key, what),
             -1;
    *per_at = '\0';
  }
  size_t n = strlen(unit);
  while (n && isspace((unsigned char)unit[n - 1])) unit[--n] = '\0';
  if (!*unit)
    return pcf__product_fail(p, PCF_ERR_UNIT, "[%s] %s = \"%s\": the amount has no unit", section, key, value), -1;
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

/* A path relative to the product file's folder; 0 with the error when out of memory. */
static int resolve_to(pcf_product *p, char **field, const char *value) {
  *field = resolve(p, value);
  return *field ? 1 : pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
}

static int on_product(pcf_product *p, const char *key, const char *value) {
  p->has_product = true;
  char hint[160];
  if (strcmp(key, "name") == 0) return keep_to(p, &p->name, value);
  if (strcmp(key, "id") == 0) return keep_to(p, &p->id, value);
  if (strcmp(key, "declared_unit") == 0 || strcmp(key, "functional_unit") == 0) {
    /* Two names for one value: the file giving both is a key given twice. */
    if (p->line_unit && p->line)
      return pcf__product_fail(p, PCF_ERR_INPUT,
                               "[product] declared_unit and functional_unit are one value given "
                               "twice, on lines %ld and %ld: give it once",
                               p->line_unit, p->line);
    p->line_unit = p->line;
    return keep_to(p, &p->declared_unit, value);
  }
  if (strcmp(key, "bom") == 0) {
    p->bom_none = strcasecmp(value, "none") == 0;
    p->bom = NULL;
    return p->bom_none ? 1 : resolve_to(p, &p->bom, value);
  }
  if (strcmp(key, "ids") == 0) return keep_to(p, &p->ids, value);
  if (strcmp(key, "category_cpc") == 0 || strcmp(key, "cpc") == 0) return keep_to(p, &p->cpc, value);
  if (strcmp(key, "description") == 0) return keep_to(p, &p->description, value);
  if (strcmp(key, "name_company") == 0) return keep_to(p, &p->name_company, value);
  if (strcmp(key, "method") == 0) return keep_to(p, &p->method, value);
  if (strcmp(key, "materials") == 0) return resolve_to(p, &p->materials, value);
  if (strcmp(key, "services") == 0) return resolve_to(p, &p->services, value);
  if (strcmp(key, "origin") == 0) {
    p->line_region = p->line;
    return keep_to(p, &p->region, value);
  }
  if (strcmp(key, "bundled") == 0)
    p->bundled = strcasecmp(value, "no") && strcasecmp(value, "false") && strcmp(value, "0");
  else if (strcmp(key, "service_life_years") == 0) {
    char *end;
    p->life_years = strtod(value, &end);
    if (end == value || *end || !(p->life_years > 0) || p->life_years > 200)
      return pcf__product_fail(p, PCF_ERR_INPUT, "[product] service_life_years = \"%s\": expected years in (0, 200]%s",
                               value, comma_hint(value, hint, sizeof hint));
    p->line_life = p->line;
  } else if (strcmp(key, "data") == 0) {
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", value);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
      while (isspace((unsigned char)*tok)) tok++;
      size_t n = strlen(tok);
      while (n && isspace((unsigned char)tok[n - 1])) tok[--n] = '\0';
      const char *full = *tok ? resolve(p, tok) : NULL;
      if (*tok && (!full || push_str(&p->data, full))) return pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
    }
  } else {
    return pcf__product_fail(
        p, PCF_ERR_INPUT,
        "[product] unknown key \"%s\" (name, id, declared_unit, bom, method, "
        "data, materials, services, bundled, service_life_years, origin, ids, category_cpc, description, "
        "name_company)",
        key);
  }
  return 1;
}

static int on_item(pcf_product *p, const char *section, const char *key, const char *value, pcf_item **v, size_t *n,
                   pcf_item_kind kind, const char *component) {
  double amount;
  char unit[64];
  int per;
  if (parse_quantity(p, section, key, value, &amount, unit, sizeof unit, &per)) return 0;
  if (per)
    return pcf__product_fail(p, PCF_ERR_INPUT, "[%s] %s: \"per use\"/\"per year\" belong in [use]", section, key);
  pcf_item *it = grow(v, n);
  if (!it) return pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
  it->kind = kind;
  it->component = component;
  it->dataset = pcf__product_keep(p, key);
  it->amount = amount;
  it->unit = pcf__product_keep(p, unit);
  it->family = "";
  it->mass_kg = NAN;
  it->recycled_content = NAN;
  it->file = p->path;
  it->line = p->line;
  return it->dataset && it->unit ? 1 : pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
}

int pcf__product_on_distribution(pcf_product *p, const char *section, const char *key, const char *value, pcf_item **v,
                                 size_t *n) {
  double amount;
  char unit[64];
  int per;
  if (parse_quantity(p, section, key, value, &amount, unit, sizeof unit, &per)) return 0;
  bom_unit u;
  if (strcmp(key, "mass") == 0 && strcmp(section, "distribution") == 0) {
    if (pcf_bom_unit_parse(unit, &u) || u.kind != BK_MASS)
      return pcf__product_fail(p, PCF_ERR_UNIT, "[distribution] mass: unit \"%s\" is not a mass (%s)", unit,
                               MASS_UNITS);
    p->distribution_mass_kg = amount * u.factor;
    return 1;
  }
  if (pcf_bom_unit_parse(unit, &u) || u.kind != BK_LENGTH)
    return pcf__product_fail(p, PCF_ERR_UNIT, "[%s] %s = \"%s\": a transport leg is a distance (%s)", section, key,
                             value, LENGTH_UNITS);
  amount *= u.factor / 1000; /* km */
  pcf_item *it = grow(v, n);
  if (!it) return pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
  it->kind = PCF_ITEM_TRANSPORT;
  it->dataset = pcf__product_keep(p, key);
  it->amount = amount; /* km for now; mass × distance is set once the mass is known */
  it->unit = "t*km";
  it->mass_kg = NAN;
  it->recycled_content = NAN;
  it->family = "";
  it->file = p->path;
  it->line = p->line;
  return it->dataset ? 1 : pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
}

/* [use] power = 9 W | 0.009 kW: the draw while in use, in kW. */
static int on_power(pcf_product *p, const char *value) {
  double amount;
  char unit[64];
  int per;
  if (parse_quantity(p, "use", "power", value, &amount, unit, sizeof unit, &per)) return 0;
  double f = strcmp(unit, "W") == 0 ? 1e-3 : strcmp(unit, "kW") == 0 ? 1 : NAN;
  if (per || isnan(f))
    return pcf__product_fail(p, PCF_ERR_UNIT, "[use] power = \"%s\": give the draw in W or kW (\"9 W\")", value);
  p->power_kw = amount * f;
  return 1;
}

static int on_use(pcf_product *p, const char *key, const char *value) {
  char *end, hint[160];
  if (strcmp(key, "power") == 0) return on_power(p, value);
  if (strcmp(key, "grid") == 0) {
    if (!*value)
      return pcf__product_fail(p, PCF_ERR_INPUT, "[use] grid is empty (an electricity service: EU, electricity CN)");
    return keep_to(p, &p->grid, value);
  }
  if (strcmp(key, "hours_per_day") == 0 || strcmp(key, "days_per_year") == 0) {
    double v = strtod(value, &end);
    double max = key[0] == 'h' ? 24 : 366;
    if (end == value || *end || !(v > 0) || v > max)
      return pcf__product_fail(p, PCF_ERR_INPUT, "[use] %s = \"%s\": expected a number in (0, %g]%s", key, value, max,
                               comma_hint(value, hint, sizeof hint));
    *(key[0] == 'h' ? &p->hours_per_day : &p->days_per_year) = v;
    return 1;
  }
  if (strcmp(key, "years") == 0 || strcmp(key, "uses_per_year") == 0) {
    double v = strtod(value, &end);
    if (end == value || *end || !(v > 0) || v > 1e7)
      return pcf__product_fail(p, PCF_ERR_INPUT, "[use] %s = \"%s\": expected a positive number%s", key, value,
                               comma_hint(value, hint, sizeof hint));
    if (key[0] == 'y')
      p->use_years = v, p->line_years = p->line;
    else
      p->uses_per_year = v;
    return 1;
  }
  use_entry *x = realloc(p->use, (p->n_use + 1) * sizeof *x);
  if (!x) return pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
  p->use = x;
  use_entry *u = &x[p->n_use];
  char unit[64];
  if (parse_quantity(p, "use", key, value, &u->amount, unit, sizeof unit, &u->per)) return 0;
  u->service = pcf__product_keep(p, key);
  u->unit = pcf__product_keep(p, unit);
  if (!u->service || !u->unit) return pcf__product_fail(p, PCF_ERR_NOMEM, "out of memory");
  p->n_use++;
  return 1;
}

static int dispatch(pcf_product *p, const char *section, const char *key, const char *value);

/* Applies overrides to the file's values: replaced, or dropped when the override is empty. */
static int handler(void *user, const char *section, const char *key, const char *value, long line) {
  pcf_product *p = user;
  if (p->status) return 0;
  p->line = line;
  if (strncmp(section, "variant", 7) == 0) return 1;
  p->origin = NULL;
  for (size_t i = 0; i < p->n_overrides; i++) {
    const pcf_override *o = &p->overrides[i];
    if (strcmp(o->section, section) == 0 && strcmp(o->key, key) == 0) {
      p->override_used[i] = true;
      if (!o->value[0]) return 1;
      value = o->value;
      p->origin = p->origins ? p->origins[i] : NULL;
    }
  }
  int rc = dispatch(p, section, key, value);
  p->origin = NULL;
  return rc;
}

static int dispatch(pcf_product *p, const char *section, const char *key, const char *value) {
  if (!section[0])
    return pcf__product_fail(p, PCF_ERR_INPUT,
                             "\"%s\" comes before any [section]: a product file starts with [product] "
                             "and the product's name",
                             key);
  int own = pcf__product_on_factor(p, section, key, value);
  if (own >= 0) return own;
  if (strcmp(section, "product") == 0) return on_product(p, key, value);
  if (strcmp(section, "manufacturing") == 0)
    return on_item(p, section, key, value, &p->manufacturing, &p->n_manufacturing, PCF_ITEM_SERVICE, "Manufacturing");
  if (strcmp(section, "packaging") == 0)
    return on_item(p, section, key, value, &p->packaging, &p->n_packaging, PCF_ITEM_MATERIAL, "Packaging");
  if (strcmp(section, "distribution") == 0)
    return pcf__product_on_distribution(p, section, key, value, &p->legs, &p->n_legs);
  if (strcmp(section, "use") == 0) return on_use(p, key, value);
  if (strcmp(section, "end_of_life") == 0) return pcf__product_on_eol(p, key, value);
  if (strncmp(section, "material ", 9) == 0) return pcf__product_on_material(p, section, key, value);
  return pcf__product_fail(p, PCF_ERR_INPUT,
                           "unknown section [%s] (product, manufacturing, packaging, distribution, "
                           "use, end_of_life, material NAME)",
                           section);
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
  if (!p->items[p->n_items].forming) p->items[p->n_items].forming = "";
  return &p->items[p->n_items++];
}

static int add_bom(pcf_product *p, size_t product_bytes) {
  pcf_bom *bom;
  /* A batch's per-product budget: said as such, before reading, rather than as a file limit. */
  size_t left = p->max_input_bytes - product_bytes, max = left < PCF_CSV_MAX_FILE ? left : PCF_CSV_MAX_FILE;
  struct stat st;
  if (p->max_input_bytes != PRODUCT_MAX_INPUT && stat(p->bom, &st) == 0 && S_ISREG(st.st_mode) &&
      (uint64_t)st.st_size > left)
    return p->status = pcf_error_set(p->err, PCF_ERR_INPUT, p->bom, 0,
                                     "the product file and its BOM take %llu bytes, over the limit of %zu per product",
                                     (unsigned long long)st.st_size + product_bytes, p->max_input_bytes);
  int rc = pcf_bom_read_limited(&bom, p->bom, max, p->err);
  if (rc) return p->status = rc;
  p->mass_kg = 0;
  for (size_t i = 0; i < pcf_bom_warning_count(bom); i++)
    if (push_str(&p->warnings, pcf_bom_warning(bom, i))) {
      pcf_bom_free(bom);
      return p->status = pcf_error_nomem(p->err);
    }
  for (size_t i = 0; i < pcf_bom_leaf_count(bom); i++) {
    const pcf_bom_line *l = pcf_bom_leaf(bom, i);
    pcf_item it = {.stage = PCF_STAGE_RAW_MATERIALS,
                   .component = pcf__product_keep(p, l->path),
                   .file = p->path,
                   .line = l->line,
                   .family = "",
                   .mass_kg = l->mass_kg_total,
                   .part = pcf__product_keep(p, l->part),
                   .quantity = l->quantity_total,
                   .quantity_unit = pcf__product_keep(p, l->unit),
                   .recycled_content = l->recycled_content,
                   .scrap_rate = l->scrap_rate,
                   .bom_leaf = 1,
                   .forming = pcf__product_keep(p, l->forming)};
    it.file = p->bom;
    if (!isnan(l->supplier_pcf_kg_co2e_per_unit)) {
      it.kind = PCF_ITEM_SUPPLIER;
      it.dataset = pcf__product_keep(p, l->material);
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
      it.unit = pcf__product_keep(p, per_kg ? "kg" : l->unit);
      /* Mass still counts for end of life when the material is known. */
    } else if (!isnan(l->factor_kg_co2e_per_unit)) {
      /* An own secondary factor: amount and unit as the line counts them (and its mass), converted
       * into the factor's unit by the footprint through the ILCD unit groups. */
      it.kind = PCF_ITEM_FACTOR;
      it.dataset = pcf__product_keep(p, l->material);
      it.factor_kg_co2e_per_unit = l->factor_kg_co2e_per_unit;
      it.factor_unit = pcf__product_keep(p, l->factor_unit);
      it.factor_source = pcf__product_keep(p, l->factor_source);
      it.factor_quality = pcf__product_keep(p, l->factor_quality);
      it.amount = l->quantity_input;
      it.unit = pcf__product_keep(p, l->unit);
    } else {
      it.kind = l->dataset[0] ? PCF_ITEM_DATASET : PCF_ITEM_MATERIAL;
      it.dataset = pcf__product_keep(p, l->dataset[0] ? l->dataset : l->material);
      if (!isnan(l->mass_kg_input)) {
        it.amount = l->mass_kg_input;
        it.unit = "kg";
      } else {
        it.amount = l->quantity_input;
        it.unit = pcf__product_keep(p, l->unit);
      }
    }
    if (p->status) { /* a copy above failed (pcf__product_keep said so) */
      pcf_bom_free(bom);
      return p->status;
    }
    if (!it.dataset || (!it.dataset[0] && it.kind != PCF_ITEM_SUPPLIER && it.kind != PCF_ITEM_FACTOR)) {
      pcf_error_set(p->err, PCF_ERR_INPUT, p->bom, l->line, "BOM line \"%s\" has no material, dataset or supplier PCF",
                    l->path);
      pcf_bom_free(bom);
      return p->status = PCF_ERR_INPUT;
    }
    if (!add(p, &it, 0)) {
      pcf_bom_free(bom);
      return p->status = pcf_error_nomem(p->err);
    }
  }
  pcf_bom_free(bom);
  return 0;
}

static int packaging_mass(pcf_product *p) {
  p->packaging_kg = 0;
  for (size_t i = 0; i < p->n_packaging; i++) {
    const pcf_item *it = &p->packaging[i];
    bom_unit u;
    if (pcf_bom_unit_parse(it->unit, &u) || u.kind != BK_MASS)
      return p->status = pcf_error_set(p->err, PCF_ERR_UNIT, p->path, it->line,
                                       "[packaging] %s: give packaging as a mass (%s), not \"%s\"", it->dataset,
                                       MASS_UNITS, it->unit);
    p->packaging[i].amount *= u.factor;
    p->packaging[i].mass_kg = p->packaging[i].amount;
    p->packaging[i].unit = "kg";
    p->packaging_kg += p->packaging[i].amount;
  }
  return 0;
}

/* "truck 800 km": a transport leg of an origin. */
static int origin_leg(pcf_product *p, const char *text) {
  char buf[256];
  while (isspace((unsigned char)*text)) text++;
  if (strlen(text) >= sizeof buf)
    return pcf__product_fail(p, PCF_ERR_INPUT, "[product] origin: a transport leg of more than %zu characters",
                             sizeof buf - 1),
           -1;
  snprintf(buf, sizeof buf, "%s", text);
  size_t n = strlen(buf);
  while (n && isspace((unsigned char)buf[n - 1])) buf[--n] = '\0';
  char *km = n > 2 ? buf + n - 2 : NULL;
  char *num = km;
  while (num && num > buf && isspace((unsigned char)num[-1])) num--;
  while (num && num > buf && strchr("0123456789.eE+-", num[-1])) num--;
  if (!km || strcmp(km, "km") != 0 || num == buf || num == km || !isspace((unsigned char)num[-1]))
    return pcf__product_fail(p, PCF_ERR_INPUT,
                             "[product] origin: \"%s\": a transport leg is <transport> <distance> km "
                             "(\"truck 800 km\")",
                             text),
           -1;
  char *end = num;
  while (end > buf && isspace((unsigned char)end[-1])) end--;
  *end = '\0';
  return pcf__product_on_distribution(p, "product", buf, num, &p->legs, &p->n_legs) ? 0 : -1;
}

/* Replaces a last word `from` of *name by `to`. */
static int move_region(pcf_product *p, const char **name, const char *from, const char *to) {
  if (!*name) return 0;
  size_t n = strlen(*name), k = strlen(from);
  if (n <= k || (*name)[n - k - 1] != ' ' || strcasecmp(*name + n - k, from) != 0) return 0;
  size_t size = n - k + strlen(to) + 1;
  char *buf = malloc(size);
  if (!buf) return -1;
  snprintf(buf, size, "%.*s%s", (int)(n - k), *name, to);
  *name = pcf__product_keep(p, buf);
  free(buf);
  return *name ? 0 : -1;
}

/* [product] origin (see pcf/product.h): production moves to a region, with its own legs. */
static int apply_origin(pcf_product *p, size_t bom_items) {
  char region[128];
  p->line = p->line_region; /* messages name the origin line (0 when a variant gave it) */
  const char *comma = strchr(p->region, ',');
  size_t len = comma ? (size_t)(comma - p->region) : strlen(p->region);
  while (len && isspace((unsigned char)p->region[len - 1])) len--;
  const char *start = p->region;
  while (isspace((unsigned char)*start) && len) start++, len--;
  if (!len || len >= sizeof region)
    return pcf__product_fail(p, PCF_ERR_INPUT, "[product] origin = \"%s\": expected <region>[, <transport> <km> km]...",
                             p->region),
           p->status;
  snprintf(region, sizeof region, "%.*s", (int)len, start);
  const char *from = NULL;
  for (size_t i = 0; i < p->n_manufacturing && !from; i++) {
    const char *d = p->manufacturing[i].dataset;
    if (strncasecmp(d, "electricity ", 12) == 0)
      from = d + 12;
    else if (strncasecmp(d, "grid ", 5) == 0)
      from = d + 5;
  }
  if (from) {
    char old[128];
    snprintf(old, sizeof old, "%s", from);
    for (size_t i = 0; i < p->n_manufacturing; i++)
      if (move_region(p, &p->manufacturing[i].dataset, old, region)) return p->status = pcf_error_nomem(p->err);
    for (size_t i = 0; i < bom_items; i++)
      if (p->items[i].forming && move_region(p, &p->items[i].forming, old, region))
        return p->status = pcf_error_nomem(p->err);
  } else {
    char w[300];
    snprintf(w, sizeof w,
             "origin %s: no [manufacturing] \"electricity X\" names the production region, so only "
             "the transport legs changed",
             region);
    if (push_str(&p->warnings, w)) return p->status = pcf_error_nomem(p->err);
  }
  if (!comma) return 0;
  p->n_legs = 0;
  char buf[1024];
  if (strlen(comma + 1) >= sizeof buf)
    return pcf__product_fail(p, PCF_ERR_INPUT, "[product] origin: transport legs of more than %zu characters",
                             sizeof buf - 1),
           p->status;
  snprintf(buf, sizeof buf, "%s", comma + 1);
  for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
    if (origin_leg(p, tok)) return p->status;
  return 0;
}

/* BOM forming steps: the processing service per kg of the line's input mass. */
static int add_forming(pcf_product *p, size_t bom_items) {
  for (size_t i = 0; i < bom_items; i++) {
    const pcf_item *b = &p->items[i];
    if (!b->forming || !b->forming[0]) continue;
    double kg = b->mass_kg / (1 - b->scrap_rate);
    if (!(kg > 0))
      return p->status = pcf_error_set(p->err, PCF_ERR_INPUT, b->file, b->line,
                                       "BOM line \"%s\": the forming step \"%s\" is per kg, but the line has no mass",
                                       b->component, b->forming);
    pcf_item it = {.stage = PCF_STAGE_PRODUCTION,
                   .kind = PCF_ITEM_SERVICE,
                   .component = b->component,
                   .dataset = b->forming,
                   .amount = kg,
                   .unit = "kg",
                   .family = "",
                   .file = b->file,
                   .line = b->line,
                   .mass_kg = NAN,
                   .recycled_content = NAN,
                   .forming = ""};
    if (!add(p, &it, 0)) return p->status = pcf_error_nomem(p->err);
  }
  return 0;
}

/* [use] power × hours_per_day × days_per_year × years, from the grid. */
static int add_power(pcf_product *p, double years) {
  if (isnan(p->power_kw) && isnan(p->hours_per_day) && !p->grid && isnan(p->days_per_year)) return 0;
  const char *missing = isnan(p->power_kw)        ? "power"
                        : isnan(p->hours_per_day) ? "hours_per_day"
                        : !p->grid                ? "grid"
                        : !(years > 0)            ? "years (or service_life_years)"
                                                  : NULL;
  if (missing)
    return p->status = pcf_error_set(p->err, PCF_ERR_INPUT, p->path, 0,
                                     "[use] power, hours_per_day and grid go together, with the years of use: %s is "
                                     "missing",
                                     missing);
  double days = isnan(p->days_per_year) ? 365 : p->days_per_year;
  pcf_item it = {.stage = PCF_STAGE_USE,
                 .kind = PCF_ITEM_SERVICE,
                 .component = "Use",
                 .dataset = p->grid,
                 .amount = p->power_kw * p->hours_per_day * days * years,
                 .unit = "kWh",
                 .family = "",
                 .file = p->path,
                 .mass_kg = NAN,
                 .recycled_content = NAN,
                 .forming = ""};
  return add(p, &it, 0) ? 0 : (p->status = pcf_error_nomem(p->err));
}

static int build_items(pcf_product *p, size_t product_bytes) {
  if (p->bom && add_bom(p, product_bytes)) return p->status;
  size_t bom_items = p->n_items;
  for (size_t i = 0; i < p->n_overrides; i++)
    if (strcmp(p->overrides[i].section, "bom") == 0 &&
        pcf__product_bom_override(p, 0, bom_items, &p->overrides[i], p->origins ? p->origins[i] : NULL))
      return p->status;
  if (p->region && apply_origin(p, bom_items)) return p->status;
  p->mass_kg = 0; /* after the changes: a lighter part moves lighter */
  for (size_t i = 0; i < bom_items; i++)
    if (!isnan(p->items[i].mass_kg)) p->mass_kg += p->items[i].mass_kg;
  if (packaging_mass(p)) return p->status;
  for (size_t i = 0; i < p->n_packaging; i++) {
    pcf_item it = p->packaging[i];
    it.stage = PCF_STAGE_RAW_MATERIALS;
    if (!add(p, &it, 0)) return p->status = pcf_error_nomem(p->err);
  }
  for (size_t i = 0; i < p->n_manufacturing; i++) {
    pcf_item it = p->manufacturing[i];
    it.stage = PCF_STAGE_PRODUCTION;
    if (!add(p, &it, 0)) return p->status = pcf_error_nomem(p->err);
  }
  if (add_forming(p, bom_items)) return p->status;
  double moved_kg = p->distribution_mass_kg > 0 ? p->distribution_mass_kg : p->mass_kg + p->packaging_kg;
  for (size_t i = 0; i < p->n_legs; i++) {
    pcf_item it = p->legs[i];
    it.stage = PCF_STAGE_DISTRIBUTION;
    it.component = "Distribution";
    double km = it.amount;
    it.amount = moved_kg / 1000 * km;
    if (!add(p, &it, km)) return p->status = pcf_error_nomem(p->err);
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
    pcf_item it = {.stage = PCF_STAGE_USE,
                   .kind = PCF_ITEM_SERVICE,
                   .component = "Use",
                   .dataset = u->service,
                   .amount = total,
                   .unit = u->unit,
                   .family = "",
                   .file = p->path,
                   .mass_kg = NAN,
                   .recycled_content = NAN};
    if (!add(p, &it, 0)) return p->status = pcf_error_nomem(p->err);
  }
  if (add_power(p, years)) return p->status;
  for (size_t i = 0; i < p->n_eol_transport; i++) {
    pcf_item it = p->eol_transport[i];
    it.stage = PCF_STAGE_END_OF_LIFE;
    it.component = "End of life";
    double km = it.amount;
    it.amount = (p->mass_kg + p->packaging_kg) / 1000 * km;
    if (!add(p, &it, km)) return p->status = pcf_error_nomem(p->err);
  }
  return 0;
}

int pcf_product_read(pcf_product **out, const char *path, pcf_error *err) {
  return pcf__product_read(out, path, NULL, NULL, 0, PRODUCT_MAX_INPUT, err);
}

int pcf_product_read_with(pcf_product **out, const char *path, const pcf_override *overrides, size_t n_overrides,
                          pcf_error *err) {
  return pcf__product_read(out, path, overrides, NULL, n_overrides, PRODUCT_MAX_INPUT, err);
}

int pcf__product_file_path(const char *path, char **out, pcf_error *err) {
  *out = NULL;
  if (!pcf_input_is_folder(path)) {
    *out = strdup(path);
    return *out ? 0 : pcf_error_nomem(err);
  }
  /* A case folder holds its product file as product.ini: take it, as a catalogue folder does. */
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/') n--;
  char *file = malloc(n + sizeof "/product.ini");
  if (!file) return pcf_error_nomem(err);
  snprintf(file, n + sizeof "/product.ini", "%.*s/product.ini", (int)n, path);
  struct stat st;
  if (stat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
    free(file);
    return pcf_error_set(err, PCF_ERR_IO, path, 0, "a folder without a product.ini: give the product file itself");
  }
  *out = file;
  return 0;
}

/* What the whole file says, checked once every key is read. */
static int check_read(pcf_product *p) {
  if (!p->has_product)
    return pcf_error_set(p->err, PCF_ERR_INPUT, p->path, 0,
                         "no [product] section: a product file starts with [product] and the product's name");
  if (!p->name) return pcf_error_set(p->err, PCF_ERR_INPUT, p->path, 0, "[product] name is missing");
  if (!p->bom && !p->bom_none)
    return pcf_error_set(p->err, PCF_ERR_INPUT, p->path, 0,
                         "[product] has no bom: name the bill of materials (bom = bom.csv), or write bom = none "
                         "for a product without one");
  /* Both name the years of use; the use stage would take [use] years and silently drop the other. */
  if (p->line_years && p->line_life)
    return pcf_error_set(p->err, PCF_ERR_INPUT, p->path, p->line_years,
                         "[use] years (line %ld) and [product] service_life_years (line %ld) both give the years "
                         "of use: give one of them",
                         p->line_years, p->line_life);
  return 0;
}

static int read_product(pcf_product **out, const char *path, const pcf_override *overrides, const char *const *origins,
                        size_t n_overrides, size_t max_input_bytes, bool head_only, pcf_error *err);

/* The ownership rule (error.h): on error nothing is left to the caller. */
int pcf__product_read(pcf_product **out, const char *path, const pcf_override *overrides, const char *const *origins,
                      size_t n_overrides, size_t max_input_bytes, pcf_error *err) {
  int rc = read_product(out, path, overrides, origins, n_overrides, max_input_bytes, false, err);
  if (rc) {
    pcf_product_free(*out);
    *out = NULL;
  }
  return rc;
}

int pcf__product_read_head(pcf_product **out, const char *path, const pcf_override *overrides, size_t n_overrides,
                           size_t max_input_bytes, pcf_error *err) {
  int rc = read_product(out, path, overrides, NULL, n_overrides, max_input_bytes, true, err);
  if (rc) {
    pcf_product_free(*out);
    *out = NULL;
  }
  return rc;
}

static int read_product(pcf_product **out, const char *path, const pcf_override *overrides, const char *const *origins,
                        size_t n_overrides, size_t max_input_bytes, bool head_only, pcf_error *err) {
  pcf_product *p = calloc(1, sizeof *p);
  *out = p;
  if (!p) return pcf_error_nomem(err);
  p->overrides = overrides;
  p->origins = origins;
  p->n_overrides = n_overrides;
  p->override_used = calloc(n_overrides ? n_overrides : 1, sizeof *p->override_used);
  if (!p->override_used) return pcf_error_nomem(err);
  p->err = err;
  p->bundled = 1;
  p->life_years = NAN;
  p->max_input_bytes = max_input_bytes;
  p->power_kw = p->hours_per_day = p->days_per_year = NAN;
  int rc = pcf__product_file_path(path, &p->path, err);
  if (rc) return rc;
  p->dir = strdup(p->path);
  if (!p->dir) return pcf_error_nomem(err);
  char *slash = strrchr(p->dir, '/');
  if (slash)
    *slash = '\0';
  else
    strcpy(p->dir, ".");
  size_t bytes = 0, limit = max_input_bytes < PCF_INI_MAX_FILE ? max_input_bytes : PCF_INI_MAX_FILE;
  rc = pcf_ini_read(p->path, "product file", limit, handler, p, &bytes, err);
  if (rc < 0) return p->status = rc;
  /* Overrides of keys the file does not have are added, in the order given. */
  p->line = 0;
  for (size_t i = 0; !p->status && i < p->n_overrides; i++) {
    const pcf_override *o = &p->overrides[i];
    if (p->override_used[i] || strcmp(o->section, "bom") == 0 || !o->value[0]) continue;
    p->override_used[i] = true;
    p->origin = origins ? origins[i] : NULL;
    dispatch(p, o->section, o->key, o->value);
    p->origin = NULL;
  }
  if (p->status) return p->status;
  if ((rc = check_read(p))) return p->status = rc;
  if (!p->declared_unit) p->declared_unit = pcf__product_keep(p, "1 piece");
  if (!p->method) p->method = pcf__product_keep(p, "AR6");
  if (!p->id) p->id = pcf__product_keep(p, "");
  if (!p->declared_unit || !p->method || !p->id) return p->status = pcf_error_nomem(err);
  if (head_only) return 0;
  int built = build_items(p, bytes);
  if (!built) built = pcf__product_attach_factors(p);
  return built ? built : p->status; /* a copy that failed on the way (pcf__product_keep) */
}

void pcf_product_free(pcf_product *p) {
  if (!p) return;
  pool_free(&p->strings);
  free_list(&p->data);
  free_list(&p->warnings);
  free(p->items);
  free(p->distance_km);
  free(p->manufacturing);
  free(p->packaging);
  free(p->legs);
  free(p->eol_transport);
  free(p->use);
  free(p->factors);
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
static const char *given(const char *s) { return s && *s ? s : NULL; }
const char *pcf_product_ids(const pcf_product *p) { return given(p->ids); }
const char *pcf_product_cpc(const pcf_product *p) { return given(p->cpc); }
const char *pcf_product_description(const pcf_product *p) { return given(p->description); }
const char *pcf_product_name_company(const pcf_product *p) { return given(p->name_company); }
double pcf_product_use_years(const pcf_product *p) { return p->use_years > 0 ? p->use_years : p->life_years; }
double pcf_product_uses_per_year(const pcf_product *p) { return p->uses_per_year > 0 ? p->uses_per_year : NAN; }
size_t pcf_product_use_input_count(const pcf_product *p) { return p->n_use; }
int pcf_product_use_input(const pcf_product *p, size_t i, pcf_use_input *out) {
  if (i >= p->n_use) return -1;
  *out = (pcf_use_input){p->use[i].service, p->use[i].unit, p->use[i].amount, p->use[i].per};
  return 0;
}
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
