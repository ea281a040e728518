/* eol_params.c: resolving a material line's Circular Footprint Formula parameters (eol_params.h). */
#include "eol_params.h"

#include <math.h>
#include <stdio.h>

static double or_default(double x, double d) { return isnan(x) ? d : x; }

int pcf__eol_params_resolve(eol_line_params *out, const pcf_product *product, const pcf_item *it, const char *family,
                            const pcf_cff_default *row, pcf_error *err) {
  const pcf_material_params *mp = pcf_product_material_params(product, it->dataset);
  pcf_eol_params *p = &out->p;
  *out = (eol_line_params){.material = mp};
  *p = (pcf_eol_params){.r1 = or_default(it->recycled_content, 0),
                        .a = 0.5,
                        .qsin = 1,
                        .qsout = 1,
                        .x_heat = pcf_product_eol_x_heat(product),
                        .x_elec = pcf_product_eol_x_elec(product)};
  if (mp) {
    p->a = or_default(mp->a, 0.5);
    p->b = or_default(mp->b, 0);
    p->qsin = or_default(mp->qsin, 1);
    p->qsout = or_default(mp->qsout, 1);
    p->lhv_mj_per_kg = or_default(mp->lhv_mj_per_kg, 0);
    p->x_heat = or_default(mp->x_heat, p->x_heat);
    p->x_elec = or_default(mp->x_elec, p->x_elec);
  }
  /* The material-specific row (of its virgin dataset) where the product file gives no value. */
  bool a_given = mp && !isnan(mp->a);
  if (row) {
    if (!a_given && !isnan(row->a)) p->a = row->a, out->table_row = row, a_given = true;
    if ((!mp || isnan(mp->qsin)) && !isnan(row->qsin)) p->qsin = row->qsin, out->table_row = row;
    if ((!mp || isnan(mp->qsout)) && !isnan(row->qsout)) p->qsout = row->qsout, out->table_row = row;
  }
  out->a_assumed = !a_given;
  double shares[PCF_EOL_ROUTE_COUNT] = {0};
  out->has_eol = pcf_product_eol_shares(product, it->dataset, family, shares) == 0 && !isnan(it->mass_kg);
  p->r2 = shares[PCF_EOL_RECYCLING];
  p->r3 = shares[PCF_EOL_ENERGY_RECOVERY];
  p->incinerated = shares[PCF_EOL_INCINERATION];
  p->landfilled = shares[PCF_EOL_LANDFILL];
  /* The message names the line: written only when the check fails (a batch resolves every line). */
  pcf_error ignored;
  if (!pcf_eol_check(p, "", &ignored)) return 0;
  char what[300];
  snprintf(what, sizeof what, "%s (%s)", it->component, it->dataset);
  return pcf_eol_check(p, what, err);
}
