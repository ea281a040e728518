/* variant.h: eco-design variants of a product and their comparison (pcf compare).
 *
 * A variant is a named list of changes to the base design, written in the product file itself:
 *
 *   [variant lighter]
 *   description = body 20 % lighter, recycled PP wheels
 *   bom.Body.scale = 0.8                   ; bom.<part number|name|path>.<field> = value
 *   bom.TC-120.material = recycled PP      ; fields: material, dataset, mass, scale, quantity,
 *   bom.Body.recycled_content = 50%        ;   supplier_pcf, recycled_content, forming
 *
 *   [variant local]
 *   origin = EU, truck 800 km              ; production in the EU: [manufacturing] grid and
 *                                          ;   forming steps moved, these legs (pcf/product.h)
 *
 *   [variant rail]
 *   based_on = lighter, local              ; the changes of "lighter", then of "local", then these
 *   distribution.truck =                   ; empty: the key is removed
 *   distribution.rail = 800 km             ; a key the file lacks is added
 *   manufacturing.electricity CN = 0.25 kWh
 *   use.years = 7
 *   end_of_life.plastic = recycling 0.5, landfill 0.5
 *   product.service_life_years = 8
 *
 * Every `<section>.<key> = value` is one change, a pcf_override: for the INI sections (product,
 * manufacturing, packaging, distribution, use, end_of_life) the section is what precedes the
 * FIRST dot and the key the rest ("manufacturing.electricity CN"); for "bom." the whole rest is
 * the key ("Body.scale", and a part name may itself hold dots). Changes apply in the order
 * written, after those of the variants named by based_on, in the order named (chains allowed,
 * cycles are errors; a change two of them inherit from one ancestor is applied once).
 * A later change of the same INI key replaces an earlier one; BOM changes accumulate (two
 * scales multiply, a mass or material sets the value). Keys that would change the loaded data
 * (product.method, data, materials, services, bundled) are refused: one comparison uses one
 * data set.
 *
 * A comparison footprints the base and each variant against one pcf_data (loaded once), and
 * for each variant the contribution of each change (sequential: base, +change 1, +changes 1..2,
 * ... so the steps sum exactly to the variant's change; and each change alone, so interactions
 * show), trade-offs between stages, a ranking, and the elasticity of the total to each numeric
 * input of one chosen design. All values are kg CO2e per declared unit.
 */
#ifndef PCF_VARIANT_H
#define PCF_VARIANT_H

#include "pcf/export.h"

#include <stddef.h>
#include <stdio.h>

#include "pcf/error.h"
#include "pcf/footprint.h"
#include "pcf/product.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- variants -------------------------------------------------------------------------------- */

/* One change: the override applied while reading the product file, and how it was written. */
typedef struct pcf_variant_change {
  pcf_override override; /* section, key, value (value "" removes the key) */
  const char *text;      /* "bom.Body.scale = 0.8" */
  const char *variant;   /* the variant that wrote it (an ancestor for inherited changes) */
} pcf_variant_change;

typedef struct pcf_variant_set pcf_variant_set;

/* Reads the [variant NAME] sections of a product file (other sections are the product reader's;
 * they are read too, to know the base values of the numeric inputs for the sensitivity). Every
 * key is checked: unknown sections, keys or BOM fields, a based_on naming no variant, a cycle of
 * based_on (the error names the variants on it) and duplicate variant names are errors naming
 * the variant and key. Returns 0, PCF_ERR_IO, PCF_ERR_PARSE, PCF_ERR_INPUT, PCF_ERR_NOT_FOUND,
 * PCF_ERR_CYCLE or PCF_ERR_NOMEM; *out is the caller's (pcf_variant_set_free) on success and
 * NULL otherwise. A file without variants gives an empty set. */
PCF_EXTERN int pcf_variant_set_read(pcf_variant_set **out, const char *path, pcf_error *err);
PCF_EXTERN void pcf_variant_set_free(pcf_variant_set *v);

/* Variants in file order. Strings are borrowed from the set. */
PCF_EXTERN size_t pcf_variant_set_count(const pcf_variant_set *v);
PCF_EXTERN const char *pcf_variant_set_name(const pcf_variant_set *v, size_t i);
PCF_EXTERN const char *pcf_variant_set_description(const pcf_variant_set *v, size_t i); /* "" if none */
/* Index of the variant called name (case-sensitive), or -1. */
PCF_EXTERN long pcf_variant_set_find(const pcf_variant_set *v, const char *name);
/* All changes of variant i, ancestors' first (based_on), in the order written. */
PCF_EXTERN size_t pcf_variant_set_change_count(const pcf_variant_set *v, size_t i);
PCF_EXTERN const pcf_variant_change *pcf_variant_set_change(const pcf_variant_set *v, size_t i, size_t k);

/* Reads the product file with the first n changes of variant i (i == (size_t)-1: the base; n is
 * clamped to the change count) plus `extra` further overrides applied last, merging repeated INI
 * keys (the last wins). Errors of the product reader are prefixed with the variant's name; an
 * index beyond the variants is PCF_ERR_INPUT. *out is the caller's (pcf_product_free), NULL on
 * error. */
PCF_EXTERN int pcf_variant_set_product(pcf_product **out, const pcf_variant_set *v, size_t i, size_t n,
                                       const pcf_override *extra, size_t n_extra, pcf_error *err);

#ifdef __cplusplus
}
#endif
#endif
