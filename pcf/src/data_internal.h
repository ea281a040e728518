/* data_internal.h: the layout of pcf_data, shared by data.c and footprint.c. */
#ifndef PCF_DATA_INTERNAL_H
#define PCF_DATA_INTERNAL_H

#include "pcf/footprint.h"
#include "pcf/matmap.h"

struct pcf_data {
  ilcd_db *db;
  pcf_matmap *materials, *services;
  pcf_system *system;
};

#endif
