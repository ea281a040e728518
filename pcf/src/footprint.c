/* footprint.c: the footprint of a product, cradle to grave (ISO 14067:2018, 6.3 and 7): every
 * life-cycle item is linked to a process through the material or service map, its amount converted
 * to the unit of the process's reference flow through the ILCD flow properties, and valued with the
 * system's intensities (one dot product per item, exact per line and so per stage). Supplier PCFs
 * (primary data) replace the generic dataset of their line. One scaling solve of the whole demand
 * gives the process and flow contributions (hotspots). */
#include <math.h>
#include <stdbool.h>
#include <strings.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data_internal.h"
#include "result.h"
#include "uuidmap.h"

static int find_process(pcf_data *d, const pcf_item *it, const ilcd_process **out, const char **family,
                        pcf_error *err) {
  const ilcd_db *db = d->db;
  const char *id = it->dataset;
  *family = it->family;
  if (it->kind == PCF_ITEM_MATERIAL) {
    const pcf_material *m = pcf_matmap_find(d->materials, it->dataset);
    if (!m) {
      const char *hint = pcf_matmap_suggest(d->materials, it->dataset);
      return pcf_error_set(err, PCF_ERR_NOT_FOUND, it->file, it->line,
                           "%s: unknown material \"%s\"%s%s%s (add it to a material map)", it->component,
                           it->dataset, hint ? "; did you mean \"" : "", hint ? hint : "", hint ? "\"?" : "");
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
    p = ilcd_db_process(db, &u);
    if (!p)
      return pcf_error_set(err, PCF_ERR_NOT_FOUND, it->file, it->line,
                           "%s: \"%s\" names process %s, which is not in the loaded data", it->component,
                           it->dataset, id);
  } else {
    for (size_t i = 0; i < ilcd_db_count(db, ILCD_PROCESS) && !p; i++)
      if (strcmp(ilcd_db_process_at(db, i)->name, id) == 0) p = ilcd_db_process_at(db, i);
    if (!p) {
      const char *hint = pcf_matmap_suggest(d->services, it->dataset);
      return pcf_error_set(err, PCF_ERR_NOT_FOUND, it->file, it->line,
                           "%s: \"%s\" is neither a known %s, a process UUID nor a process name%s%s%s",
                           it->component, it->dataset,
                           it->kind == PCF_ITEM_DATASET ? "dataset" : "service (energy, transport, end of life)",
                           hint ? "; did you mean \"" : "", hint ? hint : "", hint ? "\"?" : "");
    }
  }
  *out = p;
  return 0;
}

/* Converts an item's amount into the reference unit of the process's reference flow. */
static int to_reference(pcf_data *d, const pcf_item *it, const ilcd_process *p, double amount,
                        const char *unit, double *out, const char **ref_unit, pcf_error *err) {
  const ilcd_flow *flow;
  int rc = pcf_system_reference(d->system, p, NULL, &flow, ref_unit, err);
  if (rc) return rc;
  ilcd_error ie = {0};
  if (ilcd_flow_to_reference(d->db, flow, amount, unit, out, &ie))
    return pcf_error_set(err, PCF_ERR_UNIT, it->file, it->line, "%s (%s): %s", it->component, it->dataset,
                         ie.message);
  return 0;
}

typedef struct fg {
  const ilcd_process *p;
  double scale; /* data sets as written */
} fg;

/* Process contributions: background s_j × direct_j plus foreground items' own direct impacts. */
static int hotspots(pcf_result *r, pcf_data *d, const fg *fgs, size_t nfg, double *activity, pcf_error *err) {
  pcf_system *s = d->system;
  size_t n = pcf_system_size(s);
  int rc = pcf_system_scale(s, activity, err);
  if (rc) return rc;
  for (size_t i = 0; i < nfg; i++) {
    long j = pcf_system_column(s, fgs[i].p);
    if (j >= 0) activity[j] += fgs[i].scale;
  }
  uuidmap flow_ix = {0}, unc_ix = {0};
  for (size_t j = 0; j < n; j++) {
    if (activity[j] == 0) continue;
    const ilcd_process *p = pcf_system_provider(s, j);
    double v = activity[j] * pcf_system_direct(s, PCF_TOTAL, j);
    if (v != 0 && result_add_hotspot(r, p->name, &p->uuid, v, "kg CO2e")) goto oom;
    for (size_t e = 0; e < p->n_exchanges; e++) {
      const ilcd_exchange *ex = &p->exchanges[e];
      if (!ex->flow.valid) continue;
      double cf = pcf_system_factor(s, &ex->flow.uuid, ex->direction);
      double amount = activity[j] * ex->resulting_amount;
      if (!isnan(cf)) {
        if (result_add_flow(r, &flow_ix, 0, d->db, &ex->flow, amount * cf)) goto oom;
        continue;
      }
      const ilcd_flow *f = ilcd_db_flow(d->db, &ex->flow.uuid);
      if (f && f->type == ILCD_FLOW_ELEMENTARY && result_add_flow(r, &unc_ix, 1, d->db, &ex->flow, amount))
        goto oom;
    }
  }
  /* Foreground processes that provide nothing (not columns) still emit. */
  for (size_t i = 0; i < nfg; i++) {
    if (pcf_system_column(s, fgs[i].p) >= 0) continue;
    double dv[PCF_INDICATOR_COUNT];
    pcf_system_direct_impacts(s, fgs[i].p, dv);
    if (dv[PCF_TOTAL] != 0 &&
        result_add_hotspot(r, fgs[i].p->name, &fgs[i].p->uuid, fgs[i].scale * dv[PCF_TOTAL], "kg CO2e"))
      goto oom;
  }
  /* Warnings: ambiguous providers and published results of another method in the chain. */
  for (size_t i = 0; i < pcf_system_ambiguity_count(s); i++) {
    size_t j = pcf_system_ambiguity_column(s, i);
    if (j < n && activity[j] != 0) {
      char buf[700];
      pcf_system_ambiguity(s, i, buf, sizeof buf);
      result_warn(r, "%s (choose one with a provider map)", buf);
    }
  }
  for (size_t j = 0; j < n; j++) {
    if (activity[j] == 0) continue;
    const ilcd_lcia_method *used = NULL;
    const ilcd_process *p = pcf_system_provider(s, j);
    if (pcf_system_direct_source(s, p, &used) == 3)
      result_warn(r, "process \"%s\" publishes only a result for \"%s\"; used as it is under \"%s\"", p->name,
                  used ? used->name : "?", pcf_system_method(s)->total->name);
  }
  uuidmap_free(&flow_ix);
  uuidmap_free(&unc_ix);
  result_sort(r);
  return 0;
oom:
  uuidmap_free(&flow_ix);
  uuidmap_free(&unc_ix);
  return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory");
}

static double family_mass(const pcf_product *product, const char *const *families, const char *family) {
  double m = 0;
  for (size_t i = 0; i < pcf_product_item_count(product); i++) {
    const pcf_item *it = pcf_product_item(product, i);
    if (families[i] && strcasecmp(families[i], family) == 0 && !isnan(it->mass_kg)) m += it->mass_kg;
  }
  return m;
}

int pcf_footprint_product(pcf_result **out, pcf_data *d, const pcf_product *product, pcf_error *err) {
  pcf_system *s = d->system;
  size_t n = pcf_system_size(s), ni = pcf_product_item_count(product);
  pcf_result *r = result_new(pcf_product_name(product), pcf_product_declared_unit(product),
                             pcf_system_method(s)->total->name);
  double *activity = calloc(n ? n : 1, sizeof *activity);
  fg *fgs = calloc(ni ? ni : 1, sizeof *fgs);
  const char **families = calloc(ni ? ni : 1, sizeof *families);
  const ilcd_process **procs = calloc(ni ? ni : 1, sizeof *procs);
  *out = r;
  int rc = 0;
  size_t nfg = 0;
  if (!r || !activity || !fgs || !families || !procs) {
    rc = pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < pcf_product_warning_count(product); i++) result_warn(r, "%s", pcf_product_warning(product, i));
  /* Resolve every item first: families are needed for end of life. */
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
  /* The system of this product: its processes' supply chains. */
  size_t nroots = 0;
  for (size_t i = 0; i < ni && !rc; i++)
    if (procs[i]) procs[nroots++] = procs[i];
  if (!rc) rc = pcf_system_restrict(s, procs, nroots, err);
  if (!rc) rc = pcf_system_solve(s, err);
  for (size_t i = 0; i < ni && !rc; i++) procs[i] = NULL;
  for (size_t i = 0; i < ni && !rc; i++) {
    const pcf_item *it = pcf_product_item(product, i);
    if (it->kind != PCF_ITEM_SUPPLIER) rc = find_process(d, it, &procs[i], &families[i], err);
  }
  for (size_t i = 0; i < ni && !rc; i++) {
    const pcf_item *it = pcf_product_item(product, i);
    pcf_line line = {.stage = it->stage, .component = it->component, .dataset = it->dataset, .process = ""};
    if (it->kind == PCF_ITEM_SUPPLIER) {
      line.primary = 1;
      line.amount = it->amount;
      line.unit = it->unit;
      line.value[PCF_TOTAL] = line.value[PCF_FOSSIL] = it->amount * it->supplier_kg_co2e_per_unit;
      result_warn(r, "%s: supplier PCF %g kg CO2e/%s has no fossil/biogenic split; counted as fossil",
                  it->component, it->supplier_kg_co2e_per_unit, it->unit);
    } else {
      double amount = it->amount;
      const char *unit = it->unit;
      if (it->kind == PCF_ITEM_END_OF_LIFE) {
        double mass = family_mass(product, families, it->family);
        if (mass == 0) result_warn(r, "end of life: no %s in the product, route \"%s\" unused", it->family, it->dataset);
        amount = it->amount * mass;
      }
      double ref_amount, u[PCF_INDICATOR_COUNT];
      const char *ref_unit;
      rc = to_reference(d, it, procs[i], amount, unit, &ref_amount, &ref_unit, err);
      if (!rc) rc = pcf_system_unit_impacts(s, procs[i], u, err);
      if (!rc) rc = pcf_system_add_activity(s, procs[i], ref_amount, activity, err);
      if (rc) break;
      const ilcd_exchange *ref;
      pcf_system_reference(s, procs[i], &ref, NULL, NULL, NULL);
      fgs[nfg].p = procs[i];
      fgs[nfg++].scale = ref_amount / ref->resulting_amount;
      line.process = procs[i]->name;
      ilcd_uuid_format(&procs[i]->uuid, line.process_uuid);
      line.amount = ref_amount;
      line.unit = ref_unit;
      for (int k = 0; k < PCF_INDICATOR_COUNT; k++) line.value[k] = ref_amount * u[k];
    }
    if (result_add_line(r, &line)) rc = pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory");
  }
  /* Materials whose family has no end-of-life scenario. */
  if (!rc) {
    for (size_t i = 0; i < ni; i++) {
      const pcf_item *it = pcf_product_item(product, i);
      if (it->stage != PCF_STAGE_RAW_MATERIALS || isnan(it->mass_kg) || !families[i] || !families[i][0]) continue;
      bool covered = false, first = true;
      for (size_t k = 0; k < ni; k++) {
        const pcf_item *e = pcf_product_item(product, k);
        covered |= e->kind == PCF_ITEM_END_OF_LIFE && strcasecmp(e->family, families[i]) == 0;
        if (k < i && families[k] && strcasecmp(families[k], families[i]) == 0 && !isnan(pcf_product_item(product, k)->mass_kg))
          first = false;
      }
      bool any_eol = false;
      for (size_t k = 0; k < ni; k++) any_eol |= pcf_product_item(product, k)->stage == PCF_STAGE_END_OF_LIFE;
      if (!covered && first && any_eol)
        result_warn(r, "end of life: no scenario for %s (%.4g kg): its end of life is not counted", families[i],
                    family_mass(product, families, families[i]));
    }
  }
  if (!rc) rc = hotspots(r, d, fgs, nfg, activity, err);
done:
  free(activity);
  free(fgs);
  free(families);
  free(procs);
  return rc;
}

int pcf_footprint_process(pcf_result **out, pcf_data *d, const char *id, pcf_error *err) {
  pcf_system *s = d->system;
  ilcd_uuid u;
  *out = NULL;
  if (ilcd_uuid_parse(&u, id)) return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "\"%s\" is not a UUID", id);
  const ilcd_process *p = ilcd_db_process(d->db, &u);
  if (!p) return pcf_error_set(err, PCF_ERR_NOT_FOUND, NULL, 0, "no process %s in the loaded data", id);
  const ilcd_exchange *ref;
  const ilcd_flow *flow;
  const char *unit;
  int rc = pcf_system_reference(s, p, &ref, &flow, &unit, err);
  if (!rc) rc = pcf_system_restrict(s, &p, 1, err);
  if (!rc) rc = pcf_system_solve(s, err);
  if (rc) return rc;
  char declared[300];
  snprintf(declared, sizeof declared, "1 %s of %s", unit, flow->name);
  pcf_result *r = result_new(p->name, declared, pcf_system_method(s)->total->name);
  double *activity = calloc(pcf_system_size(s) ? pcf_system_size(s) : 1, sizeof *activity);
  *out = r;
  if (!r || !activity) {
    free(activity);
    return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory");
  }
  double v[PCF_INDICATOR_COUNT];
  pcf_line line = {.stage = PCF_STAGE_RAW_MATERIALS, .component = p->name, .dataset = id, .process = p->name,
                   .amount = 1, .unit = unit};
  ilcd_uuid_format(&p->uuid, line.process_uuid);
  rc = pcf_system_unit_impacts(s, p, v, err);
  if (!rc) {
    memcpy(line.value, v, sizeof v);
    if (ref->direction == ILCD_INPUT)
      result_warn(r, "the reference exchange of this process is an Input: footprinted per unit of what it takes in");
    rc = result_add_line(r, &line);
  }
  if (!rc) rc = pcf_system_add_activity(s, p, 1, activity, err);
  fg one = {p, 1 / ref->resulting_amount};
  if (!rc) rc = hotspots(r, d, &one, 1, activity, err);
  free(activity);
  return rc;
}
