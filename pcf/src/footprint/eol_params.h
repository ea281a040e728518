/* eol_params.h: the recycling and end-of-life parameters of one material line, resolved in the PEF
 * method's order (Commission Recommendation (EU) 2021/2279, Annex C, "A factor": an application-
 * specific value, else a material-specific one, else 0.5): the product file's [material NAME]
 * values, else the bundled table's row for the material (cff_defaults.h), else A = 0.5. The
 * end-of-life shares come from the product's scenario for the material or its family. Private to
 * the engine; footprint.c turns the flags into the result's warnings. */
#ifndef PCF_EOL_PARAMS_H
#define PCF_EOL_PARAMS_H

#include <stdbool.h>

#include "cff_defaults.h"
#include "pcf/eol.h"
#include "pcf/product.h"

typedef struct eol_line_params {
  pcf_eol_params p;
  const pcf_material_params *material; /* the product file's [material NAME], or NULL */
  const pcf_cff_default *table_row;    /* the bundled row that gave A or Q, or NULL */
  bool a_assumed;                      /* A = 0.5 for want of any value (matters to the CFF) */
  bool has_eol;                        /* the scenario gives this material's shares and its mass is known */
} eol_line_params;

/* Resolves item it's parameters; row is the bundled table's row of its virgin dataset
 * (pcf_cff_defaults_find, NULL when none), family its material family. Returns 0, or PCF_ERR_INPUT
 * naming the parameter out of range. */
int pcf__eol_params_resolve(eol_line_params *out, const pcf_product *product, const pcf_item *it, const char *family,
                            const pcf_cff_default *row, pcf_error *err);

#endif
