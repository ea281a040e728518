/* matmap_internal.h: what the engine needs of a material map beyond pcf/matmap.h. Private. */
#ifndef PCF_MATMAP_INTERNAL_H
#define PCF_MATMAP_INTERNAL_H

#include "pcf/matmap.h"

/* The index of entry e (a pointer pcf_matmap_find or pcf_matmap_get gave for m): 0 .. count-1, so
 * that facts about each material can be kept beside the map. */
size_t pcf__matmap_index(const pcf_matmap *m, const pcf_material *e);

#endif
