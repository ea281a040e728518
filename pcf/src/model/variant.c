/* variant.c: [variant NAME] sections of a product file (see pcf/variant.h): changes to the base
 * design in the product-file vocabulary, chained by based_on, checked key by key, and applied as
 * pcf_override lists while the product file is read (ISO 14067:2018, 6.4.6: a comparison of
 * designs uses the same system boundary, data and method for every design). */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ini_file.h"
#include "input_file.h"
#include "product_internal.h"
#include "variant_internal.h"

typedef struct variant {
  char *name, *description, *based_on;
  pcf_variant_change *own, *all; /* as written; flattened along based_on */
  size_t n_own, n_all;
  int state; /* flattening: 0 new, 1 on the path, 2 done */
} variant;

struct pcf_variant_set {
  char *path;
  variant *v;
  size_t n;
  variant_value *values; /* the file's values outside variant sections */
  size_t n_values;
  char **strings;
  size_t n_strings, cap_strings;
  char section[256]; /* the section of the previous key: a variant written twice is an error */
  long line;         /* of the key being read */
  pcf_error *err;
  int status;
};

static const char *ini_sections[] = {"product", "manufacturing", "packaging", "distribution", "use", "end_of_life"};
static const char *product_keys[] = {"name",  "id", "declared_unit", "functional_unit", "bom", "service_life_years",
                                     "origin"};
static const char *data_keys[] = {"method", "data", "materials", "services", "bundled"};
static const char *bom_fields[] = {"material",     "dataset",          "mass",   "scale", "quantity",
                                   "supplier_pcf", "recycled_content", "forming"};

static bool in(const char *s, const char *const *list, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(s, list[i]) == 0) return true;
  return false;
}
#define IN(s, list) in(s, list, sizeof list / sizeof *list)

static int fail(pcf_variant_set *s, int code, const char *fmt, ...) {
  if (s->status) return 0;
  char msg[700];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  s->status = pcf_error_set(s->err, code, s->path, s->line, "%s", msg);
  return 0; /* inih: stop */
}

/* Copies a string into the set (freed with it); NULL when out of memory. */
static char *keep(pcf_variant_set *s, const char *str) {
  if (s->n_strings == s->cap_strings) {
    size_t cap = s->cap_strings ? s->cap_strings * 2 : 64;
    char **v = realloc(s->strings, cap * sizeof *v);
    if (!v) return NULL;
    s->strings = v;
    s->cap_strings = cap;
  }
  char *c = strdup(str);
  if (c) s->strings[s->n_strings++] = c;
  return c;
}

static variant *find(pcf_variant_set *s, const char *name) {
  for (size_t i = 0; i < s->n; i++)
    if (strcmp(s->v[i].name, name) == 0) return &s->v[i];
  return NULL;
}

static variant *section_variant(pcf_variant_set *s, const char *section) {
  const char *name = section + 7;
  while (*name == ' ' || *name == '\t') name++;
  if (name == section + 7 || !*name)
    return fail(s, PCF_ERR_INPUT, "[%s]: a variant section is written [variant NAME]", section), NULL;
  variant *v = find(s, name);
  bool continued = strcmp(s->section, section) == 0;
  snprintf(s->section, sizeof s->section, "%s", section);
  if (v && !continued) return fail(s, PCF_ERR_INPUT, "[variant %s] is written twice", name), NULL;
  if (v) return v;
  v = realloc(s->v, (s->n + 1) * sizeof *v);
  if (!v) return fail(s, PCF_ERR_NOMEM, "out of memory"), NULL;
  s->v = v;
  v = &s->v[s->n];
  memset(v, 0, sizeof *v);
  if (!(v->name = keep(s, name)) || !(v->description = keep(s, "")))
    return fail(s, PCF_ERR_NOMEM, "out of memory"), NULL;
  s->n++;
  return v;
}

/* Checks one "<section>.<key>" of variant v and splits it into an override. */
static int add_change(pcf_variant_set *s, variant *v, const char *key, const char *value) {
  const char *dot = strchr(key, '.');
  char section[200];
  if (!dot || dot == key || (size_t)(dot - key) >= sizeof section || !dot[1])
    return fail(s, PCF_ERR_INPUT,
                "variant \"%s\": unknown key \"%s\" (based_on, description, or "
                "<section>.<key> with section product, manufacturing, packaging, distribution, use, "
                "end_of_life or bom)",
                v->name, key);
  snprintf(section, sizeof section, "%.*s", (int)(dot - key), key);
  const char *rest = dot + 1;
  if (strcmp(section, "bom") == 0) {
    const char *field = strrchr(rest, '.');
    if (!field || field == rest || !IN(field + 1, bom_fields))
      return fail(s, PCF_ERR_INPUT,
                  "variant \"%s\": \"%s\": a BOM change is bom.<part>.<field> with field "
                  "material, dataset, mass, scale, quantity, supplier_pcf, recycled_content or forming",
                  v->name, key);
    if (!*value) return fail(s, PCF_ERR_INPUT, "variant \"%s\": \"%s\" has no value", v->name, key);
  } else if (!IN(section, ini_sections) && strncmp(section, "material ", 9) != 0) {
    return fail(s, PCF_ERR_INPUT,
                "variant \"%s\": \"%s\": unknown section \"%s\" (product, manufacturing, "
                "packaging, distribution, use, end_of_life, material NAME, bom)",
                v->name, key, section);
  } else if (strcmp(section, "product") == 0 && IN(rest, data_keys)) {
    return fail(s, PCF_ERR_INPUT,
                "variant \"%s\": \"%s\" would change the loaded data; a comparison uses one "
                "data set and method (compare such designs in separate runs)",
                v->name, key);
  } else if (strcmp(section, "product") == 0 && !IN(rest, product_keys)) {
    return fail(s, PCF_ERR_INPUT,
                "variant \"%s\": unknown key \"%s\" (product.name, id, declared_unit, bom, "
                "service_life_years, origin)",
                v->name, key);
  }
  pcf_variant_change *c = realloc(v->own, (v->n_own + 1) * sizeof *c);
  if (!c) return fail(s, PCF_ERR_NOMEM, "out of memory");
  v->own = c;
  c = &c[v->n_own];
  char text[600];
  snprintf(text, sizeof text, "%s = %s", key, value);
  c->override.section = keep(s, section);
  c->override.key = keep(s, rest);
  c->override.value = keep(s, value);
  c->text = keep(s, text);
  c->variant = v->name;
  if (!c->override.section || !c->override.key || !c->override.value || !c->text)
    return fail(s, PCF_ERR_NOMEM, "out of memory");
  v->n_own++;
  return 1;
}

static int handler(void *user, const char *section, const char *key, const char *value, long line) {
  pcf_variant_set *s = user;
  if (s->status) return 0;
  s->line = line;
  if (strncmp(section, "variant", 7) != 0) {
    snprintf(s->section, sizeof s->section, "%s", section);
    variant_value *x = realloc(s->values, (s->n_values + 1) * sizeof *x);
    if (!x) return fail(s, PCF_ERR_NOMEM, "out of memory");
    s->values = x;
    x[s->n_values] = (variant_value){keep(s, section), keep(s, key), keep(s, value)};
    if (!x[s->n_values].section || !x[s->n_values].key || !x[s->n_values].value)
      return fail(s, PCF_ERR_NOMEM, "out of memory");
    s->n_values++;
    return 1;
  }
  variant *v = section_variant(s, section);
  if (!v) return 0;
  if (strcmp(key, "based_on") == 0) {
    if (v->based_on) return fail(s, PCF_ERR_INPUT, "variant \"%s\": based_on given twice", v->name);
    if (!*value) return fail(s, PCF_ERR_INPUT, "variant \"%s\": based_on names no variant", v->name);
    return (v->based_on = keep(s, value)) ? 1 : fail(s, PCF_ERR_NOMEM, "out of memory");
  }
  if (strcmp(key, "description") == 0)
    return (v->description = keep(s, value)) ? 1 : fail(s, PCF_ERR_NOMEM, "out of memory");
  if (strcmp(key, "origin") == 0) { /* one line for production elsewhere: product.origin */
    if (!*value) return fail(s, PCF_ERR_INPUT, "variant \"%s\": origin names no region", v->name);
    if (!add_change(s, v, "product.origin", value)) return 0;
    char text[600];
    snprintf(text, sizeof text, "origin = %s", value);
    return (v->own[v->n_own - 1].text = keep(s, text)) ? 1 : fail(s, PCF_ERR_NOMEM, "out of memory");
  }
  return add_change(s, v, key, value);
}

/* Flattens v: its ancestors' changes, then its own. path/depth hold the chain for the message. */
static int flatten(pcf_variant_set *s, variant *v, const char **path, size_t depth) {
  if (v->state == 2) return 0;
  path[depth] = v->name;
  if (v->state == 1) {
    char chain[600] = "";
    size_t from = 0;
    while (strcmp(path[from], v->name) != 0) from++;
    for (size_t i = from; i <= depth; i++) {
      size_t len = strlen(chain);
      snprintf(chain + len, sizeof chain - len, "%s\"%s\"", i > from ? " -> " : "", path[i]);
    }
    return s->status = pcf_error_set(s->err, PCF_ERR_CYCLE, s->path, 0, "variants based on each other: %s", chain);
  }
  v->state = 1;
  /* based_on = a, b: the changes of a, then those of b that a did not already bring (a change
   * two parents inherit from one ancestor counts once), then v's own. */
  pcf_variant_change *all = NULL;
  size_t n_all = 0;
  char names[1024];
  snprintf(names, sizeof names, "%s", v->based_on ? v->based_on : "");
  for (char *save = NULL, *tok = strtok_r(names, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    while (*tok == ' ' || *tok == '\t') tok++;
    size_t len = strlen(tok);
    while (len && (tok[len - 1] == ' ' || tok[len - 1] == '\t')) tok[--len] = '\0';
    variant *parent = find(s, tok);
    if (!parent) {
      free(all);
      return s->status =
                 pcf_error_set(s->err, PCF_ERR_NOT_FOUND, s->path, 0,
                               "variant \"%s\": based_on = %s: no [variant %s] in the file", v->name, v->based_on, tok);
    }
    int rc = flatten(s, parent, path, depth + 1);
    if (rc) {
      free(all);
      return rc;
    }
    pcf_variant_change *x = realloc(all, (n_all + parent->n_all + 1) * sizeof *x);
    if (!x) {
      free(all);
      return s->status = pcf_error_nomem(s->err);
    }
    all = x;
    for (size_t k = 0; k < parent->n_all; k++) {
      bool seen = false;
      for (size_t j = 0; j < n_all && !seen; j++) seen = all[j].text == parent->all[k].text;
      if (!seen) all[n_all++] = parent->all[k];
    }
  }
  pcf_variant_change *x = realloc(all, (n_all + v->n_own + 1) * sizeof *x);
  if (!x) {
    free(all);
    return s->status = pcf_error_nomem(s->err);
  }
  v->all = x;
  if (v->n_own) memcpy(v->all + n_all, v->own, v->n_own * sizeof *v->all);
  v->n_all = n_all + v->n_own;
  v->state = 2;
  return 0;
}

/* The INI values of variant i after its first nc changes. */
static int values_upto(const pcf_variant_set *s, size_t i, size_t nc, variant_value **out, size_t *n) {
  variant_value *v = malloc((s->n_values + nc + 1) * sizeof *v);
  *out = v;
  *n = 0;
  if (!v) return PCF_ERR_NOMEM;
  size_t m = 0;
  for (size_t k = 0; k < s->n_values; k++)
    if (IN(s->values[k].section, ini_sections) || strncmp(s->values[k].section, "material ", 9) == 0)
      v[m++] = s->values[k];
  for (size_t k = 0; k < nc; k++) {
    const pcf_override *o = &s->v[i].all[k].override;
    if (strcmp(o->section, "bom") == 0) continue;
    size_t w = 0;
    bool replaced = false;
    for (size_t j = 0; j < m; j++) {
      if (strcmp(v[j].section, o->section) == 0 && strcmp(v[j].key, o->key) == 0) {
        if (!o->value[0]) continue; /* removed */
        v[j].value = o->value;
        replaced = true;
      }
      v[w++] = v[j];
    }
    m = w;
    if (!replaced && o->value[0]) v[m++] = (variant_value){o->section, o->key, o->value};
  }
  *n = m;
  return 0;
}

/* An empty value removes a key: it must be there (in the file or added by an earlier change). */
static int check_removals(pcf_variant_set *s, size_t i) {
  variant_value *vals;
  size_t n;
  const variant *v = &s->v[i];
  for (size_t k = 0; k < v->n_all; k++) {
    const pcf_override *o = &v->all[k].override;
    if (strcmp(o->section, "bom") == 0 || o->value[0]) continue;
    if (values_upto(s, i, k, &vals, &n)) return s->status = pcf_error_nomem(s->err);
    bool found = false;
    for (size_t j = 0; j < n && !found; j++)
      found = strcmp(vals[j].section, o->section) == 0 && strcmp(vals[j].key, o->key) == 0;
    free(vals);
    if (!found)
      return s->status = pcf_error_set(s->err, PCF_ERR_NOT_FOUND, s->path, 0,
                                       "variant \"%s\": \"%s\" removes [%s] %s, which the design does not have",
                                       v->name, v->all[k].text, o->section, o->key);
  }
  return 0;
}

int pcf_variant_set_read(pcf_variant_set **out, const char *path, pcf_error *err) {
  *out = NULL;
  pcf_variant_set *s = calloc(1, sizeof *s);
  if (!s) return pcf_error_nomem(err);
  s->err = err;
  int rc = pcf__product_file_path(path, &s->path, err);
  if (rc) {
    pcf_variant_set_free(s);
    return rc;
  }
  rc = pcf_ini_read(s->path, "product file", PCF_INI_MAX_FILE, handler, s, NULL, err);
  if (!s->status && rc < 0) s->status = rc;
  s->line = 0;
  const char **chain = s->status ? NULL : malloc((s->n + 1) * sizeof *chain);
  if (!s->status && !chain) s->status = pcf_error_nomem(err);
  for (size_t i = 0; i < s->n && !s->status; i++) flatten(s, &s->v[i], chain, 0);
  free(chain);
  for (size_t i = 0; i < s->n && !s->status; i++) check_removals(s, i);
  if (s->status) {
    rc = s->status;
    pcf_variant_set_free(s);
    return rc;
  }
  s->err = NULL;
  *out = s;
  return 0;
}

void pcf_variant_set_free(pcf_variant_set *s) {
  if (!s) return;
  for (size_t i = 0; i < s->n; i++) {
    free(s->v[i].own);
    free(s->v[i].all);
  }
  for (size_t i = 0; i < s->n_strings; i++) free(s->strings[i]);
  free(s->strings);
  free(s->values);
  free(s->v);
  free(s->path);
  free(s);
}

size_t pcf_variant_set_count(const pcf_variant_set *s) { return s->n; }
const char *pcf_variant_set_name(const pcf_variant_set *s, size_t i) { return i < s->n ? s->v[i].name : NULL; }
const char *pcf_variant_set_description(const pcf_variant_set *s, size_t i) {
  return i < s->n ? s->v[i].description : NULL;
}

long pcf_variant_set_find(const pcf_variant_set *s, const char *name) {
  for (size_t i = 0; i < s->n; i++)
    if (strcmp(s->v[i].name, name) == 0) return (long)i;
  return -1;
}

size_t pcf_variant_set_change_count(const pcf_variant_set *s, size_t i) { return i < s->n ? s->v[i].n_all : 0; }
const pcf_variant_change *pcf_variant_set_change(const pcf_variant_set *s, size_t i, size_t k) {
  return i < s->n && k < s->v[i].n_all ? &s->v[i].all[k] : NULL;
}

const char *pcf__variant_path(const pcf_variant_set *s) { return s->path; }

static bool same_key(const pcf_override *a, const pcf_override *b) {
  return strcmp(a->section, "bom") != 0 && strcmp(a->section, b->section) == 0 && strcmp(a->key, b->key) == 0;
}

int pcf_variant_set_product(pcf_product **out, const pcf_variant_set *s, size_t i, size_t n, const pcf_override *extra,
                            size_t n_extra, pcf_error *err) {
  *out = NULL;
  if (i != (size_t)-1 && i >= s->n)
    return pcf_error_set(err, PCF_ERR_INPUT, s->path, 0, "no variant %zu: the file has %zu", i + 1, s->n);
  size_t own = i < s->n ? s->v[i].n_all : 0;
  if (n > own) n = own;
  pcf_override *o = malloc((n + n_extra + 1) * sizeof *o);
  if (!o) return pcf_error_nomem(err);
  size_t m = 0;
  for (size_t k = 0; k < n + n_extra; k++) {
    const pcf_override *x = k < n ? &s->v[i].all[k].override : &extra[k - n];
    /* A later change of the same INI key wins: the reader would otherwise add the key twice. */
    bool later = false;
    for (size_t j = k + 1; j < n + n_extra && !later; j++)
      later = same_key(x, j < n ? &s->v[i].all[j].override : &extra[j - n]);
    if (!later) o[m++] = *x;
  }
  int rc = pcf_product_read_with(out, s->path, o, m, err);
  free(o);
  if (rc && i < s->n) pcf__variant_prefix_error(err, s->v[i].name);
  return rc;
}

void pcf__variant_prefix_error(pcf_error *err, const char *name) {
  if (!err || strncmp(err->message, "variant \"", 9) == 0) return;
  char msg[sizeof err->message + 300];
  snprintf(msg, sizeof msg, "variant \"%.200s\": %s", name, err->message);
  memcpy(err->message, msg, sizeof err->message - 1);
  err->message[sizeof err->message - 1] = '\0';
}

int pcf__variant_values(const pcf_variant_set *s, size_t i, variant_value **out, size_t *n) {
  return values_upto(s, i, i < s->n ? s->v[i].n_all : 0, out, n);
}
