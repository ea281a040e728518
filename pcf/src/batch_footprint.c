/* batch_footprint.c: the footprint of one product against a system already solved over the whole
 * database (ISO 14067:2018, 6.3 and 7, as pcf_footprint_product): every life-cycle item is linked
 * to a process through the material or service map, converted to the process's reference unit
 * and valued with pcf_system_unit_impacts() — a dot product of the process's linked inputs with
 * the intensities — so lines and stages are exact. Nothing here restricts, solves or writes to
 * the system, so many threads may footprint products of the same pcf_data at once.
 *
 * The item resolution mirrors footprint.c (which keeps it static); the two should become one
 * shared helper when footprint.c grows a "system already solved" option. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data_internal.h"
#include "pcf/batch.h"
#include "result.h"
#include "uuidmap.h"

/* Per process of the database, what valuing a line needs: computed once per batch so that a
 * line costs one hash lookup instead of walking the process's exchanges again. */
typedef struct unit_entry {
  const ilcd_flow *flow; /* reference flow, NULL when the process cannot be footprinted */
  const char *unit;      /* its reference unit */
  double u[PCF_INDICATOR_COUNT];
} unit_entry;

struct pcf_unit_table {
  uuidmap index; /* process uuid → entry */
  unit_entry *entries;
  const ilcd_process **procs;
};

static int oom(pcf_error *err) { return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory"); }

static int unknown(const pcf_item *it, const char *what, const char *hint, pcf_error *err) {
  return pcf_error_set(err, PCF_ERR_NOT_FOUND, it->file, it->line, "%s: %s%s%s%s", it->component, what,
                       hint ? "; did you mean \"" : "", hint ? hint : "", hint ? "\"?" : "");
}

/* The process an item names: material map, service map, UUID or process name. */
static int find_process(const pcf_data *d, const pcf_item *it, const ilcd_process **out, const char **family,
                        pcf_error *err) {
  char what[600];
  const char *id = it->dataset;
  *family = it->family;
  if (it->kind == PCF_ITEM_MATERIAL) {
    const pcf_material *m = pcf_matmap_find(d->materials, it->dataset);
    if (!m) {
      snprintf(what, sizeof what, "unknown material \"%s\" (add it to a material map)", it->dataset);
      return unknown(it, what, pcf_matmap_suggest(d->materials, it->dataset), err);
    }
    id = m->process;
    *family = pcf_family_name(m->family);
  } else if (it->kind != PCF_ITEM_DATASET) {
    const pcf_material *m = pcf_matmap_find(d->services, it->dataset);
    if (m) id = m->process;
  }
  ilcd_uuid u;
  const ilcd_process *p = NULL;
  if (ilcd_uuid_parse(&u, id) == 0) {
    if (!(p = ilcd_db_process(d->db, &u)))
      return pcf_error_set(err, PCF_ERR_NOT_FOUND, it->file, it->line,
                           "%s: \"%s\" names process %s, which is not in the loaded data", it->component,
                           it->dataset, id);
  } else {
    for (size_t i = 0; i < ilcd_db_count(d->db, ILCD_PROCESS) && !p; i++)
      if (strcmp(ilcd_db_process_at(d->db, i)->name, id) == 0) p = ilcd_db_process_at(d->db, i);
    if (!p) {
      snprintf(what, sizeof what, "\"%s\" is neither a known %s, a process UUID nor a process name", it->dataset,
               it->kind == PCF_ITEM_DATASET ? "dataset" : "service (energy, transport, end of life)");
      return unknown(it, what, pcf_matmap_suggest(d->services, it->dataset), err);
    }
  }
  *out = p;
  return 0;
}

static double family_mass(const pcf_product *product, const char *const *families, const char *family) {
  double m = 0;
  for (size_t i = 0; i < pcf_product_item_count(product); i++) {
    const pcf_item *it = pcf_product_item(product, i);
    if (families[i] && strcasecmp(families[i], family) == 0 && !isnan(it->mass_kg)) m += it->mass_kg;
  }
  return m;
}

/* The value of one non-supplier item: amount in the reference unit times the unit impacts. */
static int value_item(pcf_data *d, const pcf_unit_table *t, const pcf_product *product, const char *const *families,
                      size_t i, const ilcd_process *p, double scale, pcf_line *line, pcf_result *r, pcf_error *err) {
  const pcf_item *it = pcf_product_item(product, i);
  double amount = it->amount * scale;
  if (it->kind == PCF_ITEM_END_OF_LIFE) {
    double mass = family_mass(product, families, it->family);
    if (mass == 0) result_warn(r, "end of life: no %s in the product, route \"%s\" unused", it->family, it->dataset);
    amount *= mass;
  }
  const ilcd_flow *flow;
  const char *ref_unit;
  double ref_amount, u_own[PCF_INDICATOR_COUNT];
  const double *u = u_own;
  int32_t slot = t ? uuidmap_get(&t->index, &p->uuid) : -1;
  const unit_entry *e = slot >= 0 && t->procs[slot] == p ? &t->entries[slot] : NULL;
  int rc = 0;
  if (e && e->flow) {
    flow = e->flow;
    ref_unit = e->unit;
    u = e->u;
  } else if ((rc = pcf_system_reference(d->system, p, NULL, &flow, &ref_unit, err))) {
    return rc;
  }
  ilcd_error ie = {0};
  if (ilcd_flow_to_reference(d->db, flow, amount, it->unit, &ref_amount, &ie))
    return pcf_error_set(err, PCF_ERR_UNIT, it->file, it->line, "%s (%s): %s", it->component, it->dataset,
                         ie.message);
  if (u == u_own && (rc = pcf_system_unit_impacts(d->system, p, u_own, err))) return rc;
  line->process = p->name;
  ilcd_uuid_format(&p->uuid, line->process_uuid);
  line->amount = ref_amount;
  line->unit = ref_unit;
  for (int k = 0; k < PCF_INDICATOR_COUNT; k++) line->value[k] = ref_amount * u[k];
  return 0;
}

/* Materials whose family has no end-of-life scenario, as footprint.c warns. */
static void warn_uncovered(pcf_result *r, const pcf_product *product, const char *const *families) {
  size_t ni = pcf_product_item_count(product);
  bool any_eol = false;
  for (size_t k = 0; k < ni; k++) any_eol |= pcf_product_item(product, k)->stage == PCF_STAGE_END_OF_LIFE;
  if (!any_eol) return;
  for (size_t i = 0; i < ni; i++) {
    const pcf_item *it = pcf_product_item(product, i);
    if (it->stage != PCF_STAGE_RAW_MATERIALS || isnan(it->mass_kg) || !families[i] || !families[i][0]) continue;
    bool covered = false, first = true;
    for (size_t k = 0; k < ni; k++) {
      const pcf_item *e = pcf_product_item(product, k);
      covered |= e->kind == PCF_ITEM_END_OF_LIFE && strcasecmp(e->family, families[i]) == 0;
      if (k < i && families[k] && strcasecmp(families[k], families[i]) == 0 && !isnan(e->mass_kg)) first = false;
    }
    if (!covered && first)
      result_warn(r, "end of life: no scenario for %s (%.4g kg): its end of life is not counted", families[i],
                  family_mass(product, families, families[i]));
  }
}

int pcf_batch_footprint(pcf_result **out, pcf_data *d, const pcf_unit_table *t, const pcf_product *product,
                        const pcf_catalogue_entry *entry, pcf_error *err) {
  size_t ni = pcf_product_item_count(product);
  double scale = entry && entry->scale > 0 ? entry->scale : 1;
  const char *name = entry && entry->name[0] ? entry->name : pcf_product_name(product);
  const char *unit = entry && entry->declared_unit[0] ? entry->declared_unit : pcf_product_declared_unit(product);
  pcf_result *r = result_new(name, unit, pcf_system_method(d->system)->total->name);
  const char **families = calloc(ni ? ni : 1, sizeof *families);
  const ilcd_process **procs = calloc(ni ? ni : 1, sizeof *procs);
  *out = r;
  int rc = 0;
  if (!r || !families || !procs) {
    rc = oom(err);
    goto done;
  }
  for (size_t i = 0; i < pcf_product_warning_count(product); i++) result_warn(r, "%s", pcf_product_warning(product, i));
  /* Resolve every item first: end-of-life amounts need the families of all materials. */
  for (size_t i = 0; i < ni && !rc; i++) {
    const pcf_item *it = pcf_product_item(product, i);
    families[i] = it->family;
    if (it->kind == PCF_ITEM_SUPPLIER) {
      const pcf_material *m = it->dataset[0] ? pcf_matmap_find(d->materials, it->dataset) : NULL;
      if (m) families[i] = pcf_family_name(m->family);
      continue;
    }
    rc = find_process(d, it, &procs[i], &families[i], err);
  }
  for (size_t i = 0; i < ni && !rc; i++) {
    const pcf_item *it = pcf_product_item(product, i);
    pcf_line line = {.stage = it->stage, .component = it->component, .dataset = it->dataset, .process = ""};
    if (it->kind == PCF_ITEM_SUPPLIER) {
      line.primary = 1;
      line.amount = it->amount * scale;
      line.unit = it->unit;
      line.value[PCF_TOTAL] = line.value[PCF_FOSSIL] = line.amount * it->supplier_kg_co2e_per_unit;
      result_warn(r, "%s: supplier PCF %g kg CO2e/%s has no fossil/biogenic split; counted as fossil",
                  it->component, it->supplier_kg_co2e_per_unit, it->unit);
    } else if ((rc = value_item(d, t, product, families, i, procs[i], scale, &line, r, err))) {
      break;
    }
    if (result_add_line(r, &line)) rc = oom(err);
  }
  if (!rc) warn_uncovered(r, product, families);
done:
  free(families);
  free(procs);
  return rc;
}

int pcf_batch_solve(pcf_data *d, pcf_error *err) {
  /* pcf_data_open never restricts the system: the solve covers every provider. */
  return pcf_system_solve(d->system, err);
}

int pcf_unit_table_new(pcf_unit_table **out, pcf_data *d, pcf_error *err) {
  pcf_unit_table *t = calloc(1, sizeof *t);
  size_t np = ilcd_db_count(d->db, ILCD_PROCESS);
  *out = t;
  if (!t || !(t->entries = calloc(np ? np : 1, sizeof *t->entries)) || !(t->procs = calloc(np ? np : 1, sizeof *t->procs)))
    return oom(err);
  for (size_t i = 0; i < np; i++) {
    const ilcd_process *p = ilcd_db_process_at(d->db, i);
    if (ilcd_db_process(d->db, &p->uuid) != p) continue; /* an older version */
    unit_entry *e = &t->entries[i];
    t->procs[i] = p;
    if (uuidmap_put(&t->index, &p->uuid, (int32_t)i)) return oom(err);
    /* A process that cannot be valued keeps flow NULL: lines naming it take the slow path, which
     * reports the error with the line. */
    if (pcf_system_reference(d->system, p, NULL, &e->flow, &e->unit, NULL) ||
        pcf_system_unit_impacts(d->system, p, e->u, NULL))
      e->flow = NULL;
  }
  return 0;
}

void pcf_unit_table_free(pcf_unit_table *t) {
  if (!t) return;
  uuidmap_free(&t->index);
  free(t->entries);
  free(t->procs);
  free(t);
}
