/* materials_find.c: the material and service names the loaded data offer (pcf/materials.h), grouped
 * by the dataset and proxy status they resolve to and valued per reference unit, cradle to gate
 * (ISO 14067 6.3: the secondary data a study would use for them). */
#include "pcf/materials.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data_internal.h"
#include "pcf/system.h"

/* Case-insensitive substring. */
static int contains(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (; *hay; hay++)
    if (strncasecmp(hay, needle, n) == 0) return 1;
  return n == 0;
}

/* The group of e in list (same process, same proxy reason, same kind), or -1. */
static long group_of(const pcf_material_list *list, const pcf_material *e, int service) {
  for (size_t i = 0; i < list->n; i++) {
    const pcf_material_info *g = &list->items[i];
    if (g->service == service && strcmp(g->process_uuid, e->process) == 0 && strcmp(g->proxy, e->proxy) == 0)
      return (long)i;
  }
  return -1;
}

static int append_synonym(pcf_material_info *g, const char *name) {
  size_t a = strlen(g->synonyms), b = strlen(name);
  char *s = realloc(g->synonyms, a + b + 3);
  if (!s) return PCF_ERR_NOMEM;
  if (a) memcpy(s + a, "; ", 2), a += 2;
  memcpy(s + a, name, b + 1);
  g->synonyms = s;
  return 0;
}

/* Groups every entry of map into list. */
static int gather(pcf_material_list *list, size_t *cap, const pcf_matmap *map, int service) {
  for (size_t k = 0; k < pcf_matmap_count(map); k++) {
    const pcf_material *e = pcf_matmap_get(map, k);
    long g = group_of(list, e, service);
    if (g >= 0) {
      if (append_synonym(&list->items[g], e->name)) return PCF_ERR_NOMEM;
      continue;
    }
    if (list->n == *cap) {
      size_t c = *cap ? 2 * *cap : 64;
      pcf_material_info *v = realloc(list->items, c * sizeof *v);
      if (!v) return PCF_ERR_NOMEM;
      list->items = v;
      *cap = c;
    }
    pcf_material_info *m = &list->items[list->n];
    memset(m, 0, sizeof *m);
    if (!(m->synonyms = calloc(1, 1))) return PCF_ERR_NOMEM;
    list->n++;
    m->name = e->name;
    m->service = service;
    snprintf(m->process_uuid, sizeof m->process_uuid, "%s", e->process);
    m->family = pcf_family_name(e->family);
    m->forming = e->forming;
    m->proxy = e->proxy;
    m->note = e->note;
    m->process = m->unit = m->source = m->location = m->gwp_set = "";
    m->kg_co2e = NAN;
  }
  return 0;
}

static int matches(const pcf_material_info *m, const ilcd_process *p, const char *term) {
  if (!term || !*term) return 1;
  return contains(m->name, term) || contains(m->synonyms, term) || (p && contains(p->name, term)) ||
         contains(m->family, term);
}

int pcf_materials_find(pcf_material_list *out, const pcf_data *d, const char *term, pcf_error *err) {
  memset(out, 0, sizeof *out);
  size_t cap = 0;
  if (gather(out, &cap, d->materials, 0) || gather(out, &cap, d->services, 1)) {
    pcf_material_list_free(out);
    return pcf_error_nomem(err);
  }
  /* Keep the groups that match and whose dataset is loaded. */
  const ilcd_process **procs = calloc(out->n ? out->n : 1, sizeof *procs);
  if (!procs) {
    pcf_material_list_free(out);
    return pcf_error_nomem(err);
  }
  size_t kept = 0;
  for (size_t i = 0; i < out->n; i++) {
    pcf_material_info *m = &out->items[i];
    ilcd_uuid u;
    const ilcd_process *p = ilcd_uuid_parse(&u, m->process_uuid) ? NULL : ilcd_db_process(d->db, &u);
    if (!matches(m, p, term)) {
      free(m->synonyms);
      continue;
    }
    if (p) {
      m->process = p->name;
      m->source = p->n_sources ? p->sources[0].text : "";
      m->year = p->reference_year;
      m->location = p->location ? p->location : "";
    } else {
      snprintf(m->why, sizeof m->why, "process %s is not in the loaded data", m->process_uuid);
    }
    procs[kept] = p;
    out->items[kept++] = *m;
  }
  out->n = kept;
  /* One solve for every dataset found, then each one's cradle-to-gate value per unit. */
  const ilcd_process **roots = calloc(kept ? kept : 1, sizeof *roots);
  size_t nr = 0;
  int rc = roots ? 0 : pcf_error_nomem(err);
  for (size_t i = 0; i < kept && roots; i++)
    if (procs[i]) roots[nr++] = procs[i];
  pcf_solution *x = NULL;
  if (!rc) rc = pcf_solution_new(&x, d->system, roots, nr, err);
  out->method = pcf_system_method(d->system)->total->name;
  for (size_t i = 0; i < kept && !rc; i++) {
    pcf_material_info *m = &out->items[i];
    if (!procs[i]) continue;
    double v[PCF_VALUE_COUNT];
    pcf_error why = {0};
    const char *unit = "";
    if (pcf_system_reference(d->system, procs[i], NULL, NULL, &unit, &why) ||
        pcf_solution_unit_values(x, procs[i], v, &why)) {
      snprintf(m->why, sizeof m->why, "%.159s", why.message);
      continue;
    }
    m->unit = unit;
    m->kg_co2e = v[PCF_TOTAL];
    const char *used = NULL;
    pcf_direct_source how = pcf_system_direct_source(d->system, procs[i], &used);
    m->gwp_set = how >= PCF_DIRECT_PUBLISHED && used ? used
                 : how == PCF_DIRECT_CHARACTERISED   ? "inventory (characterised with the selected method)"
                                                     : "none of its own (linked inputs only)";
  }
  pcf_solution_free(x);
  free(roots);
  free(procs);
  if (rc) pcf_material_list_free(out);
  return rc;
}

void pcf_material_list_free(pcf_material_list *list) {
  for (size_t i = 0; i < list->n; i++) free(list->items[i].synonyms);
  free(list->items);
  memset(list, 0, sizeof *list);
}
