/* data_internal.h: the layout of pcf_data, shared by data.c and footprint.c. */
#ifndef PCF_DATA_INTERNAL_H
#define PCF_DATA_INTERNAL_H

#include "pcf/footprint.h"
#include "pcf/matmap.h"
#include "cff_defaults.h"
#include "material_memo.h"

struct pcf_data {
  ilcd_db *db;
  pcf_matmap *materials, *services;
  pcf_system *system;
  pcf_cff_defaults *cff_defaults; /* the bundled per-material CFF defaults, or NULL */
  material_memo *memo;            /* facts of each material of materials, found on first use */
};

#endif
