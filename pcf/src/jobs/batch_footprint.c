/* batch_footprint.c: the footprint of one product of a batch in a solution of the whole database:
 * pcf_footprint_product_ex with that solution (hotspots on request: their scaling solves take
 * turns, pcf_solution_scale), so that lines, stages, recycled content and end-of-life rules are
 * exactly those of pcf footprint, and many threads may footprint products of the same data at once
 * (nothing but the result is written). A line costs one lookup of its process's intensities
 * (pcf_solution_unit_values). */
#include "batch_internal.h"

int pcf__batch_footprint(pcf_result **out, const pcf_data *d, const pcf_solution *whole, const pcf_product *product,
                         const pcf_catalogue_entry *entry, int hotspots, size_t top, pcf_error *err) {
  pcf_footprint_options o = {.solution = whole,
                             .hotspots = hotspots,
                             .top = top,
                             .scale = entry && entry->scale > 0 ? entry->scale : 1,
                             .name = entry ? entry->name : NULL,
                             .declared_unit = entry ? entry->declared_unit : NULL};
  return pcf_footprint_product_ex(out, d, product, &o, err);
}

int pcf_batch_footprint(pcf_result **out, const pcf_data *d, const pcf_solution *whole, const pcf_product *product,
                        const pcf_catalogue_entry *entry, pcf_error *err) {
  return pcf__batch_footprint(out, d, whole, product, entry, 0, 0, err);
}
