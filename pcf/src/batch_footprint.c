/* batch_footprint.c: the footprint of one product of a batch against a system already solved over
 * the whole database: pcf_footprint_product_ex without restriction or solve (hotspots on request:
 * their scaling solves take turns, pcf_system_scale), so that
 * lines, stages, recycled content and end-of-life rules are exactly those of pcf footprint, and
 * many threads may footprint products of the same pcf_data at once (nothing but the result is
 * written). A line costs one lookup of its process's intensities (pcf_system_unit_values). */
#include "batch_internal.h"
#include "data_internal.h"

int batch_footprint(pcf_result **out, pcf_data *d, const pcf_product *product, const pcf_catalogue_entry *entry,
                    int hotspots, pcf_error *err) {
  pcf_footprint_options o = {.solve = 0, .hotspots = hotspots, .scale = entry && entry->scale > 0 ? entry->scale : 1,
                             .name = entry ? entry->name : NULL, .declared_unit = entry ? entry->declared_unit : NULL};
  return pcf_footprint_product_ex(out, d, product, &o, err);
}

int pcf_batch_footprint(pcf_result **out, pcf_data *d, const pcf_product *product,
                        const pcf_catalogue_entry *entry, pcf_error *err) {
  return batch_footprint(out, d, product, entry, 0, err);
}

int pcf_batch_solve(pcf_data *d, pcf_error *err) {
  int rc = pcf_system_restrict(d->system, NULL, 0, err); /* the whole database */
  return rc ? rc : pcf_system_solve(d->system, err);
}
