/* own_factor.h: a line valued with the user's own secondary factor (pcf_item PCF_ITEM_FACTOR). */
#ifndef PCF_OWN_FACTOR_H
#define PCF_OWN_FACTOR_H

#include "data_internal.h"
#include "result_internal.h"

/* Fills line's amount (in the factor's unit), unit, values and source for item it, and warns that
 * the factor has no fossil/biogenic split. Returns 0, or PCF_ERR_UNIT naming the item's file, line
 * and both units when its amount (or, for a factor per a mass unit, its mass) cannot be expressed in
 * the factor's unit through the ILCD unit groups of d. */
int pcf__own_factor_line(pcf_result *r, const pcf_data *d, const pcf_item *it, pcf_line *line, pcf_error *err);

#endif
