/* variant_internal.h: what compare*.c needs of a variant set beyond the public accessors. */
#ifndef PCF_VARIANT_INTERNAL_H
#define PCF_VARIANT_INTERNAL_H

#include "pcf/variant.h"

/* One INI value of a design (section, key, value as written). */
typedef struct variant_value {
  const char *section, *key, *value;
} variant_value;

/* The INI values of design i ((size_t)-1: the base) after its changes: the file's values of the
 * product-file sections, replaced, removed or added as the changes say. *out is malloc'ed
 * (caller frees), strings borrowed from the set. Returns 0 or PCF_ERR_NOMEM. */
int pcf__variant_values(const pcf_variant_set *v, size_t i, variant_value **out, size_t *n);

/* Prefixes err's message with 'variant "NAME": ' (once), truncating what does not fit. */
void pcf__variant_prefix_error(pcf_error *err, const char *name);

/* The product file the set was read from. */
const char *pcf__variant_path(const pcf_variant_set *v);

#endif
