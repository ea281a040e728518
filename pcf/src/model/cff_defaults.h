/* cff_defaults.h: default Circular Footprint Formula parameters per material (A, Qsin/Qp,
 * Qsout/Qp), read from a CSV such as datasets/cff_defaults.csv, each row with its source.
 *
 * The PEF method picks A in this order: an application-specific value, else a material-specific
 * one, else 0.5. A product file's [material NAME] values are the first; this table is the second;
 * footprint.c falls back to 0.5 with a warning. Rows name a material as the material map does;
 * the name is resolved to its process at load, so every synonym of the material finds the row.
 *
 * CSV columns (header names matched leniently): material, A, qsin, qsout, source. An empty cell
 * is "not given"; values must lie in 0..1; a material twice, an unknown material, a row without
 * source are errors naming the file and line. */
#ifndef PCF_CFF_DEFAULTS_H
#define PCF_CFF_DEFAULTS_H

#include "pcf/error.h"
#include "pcf/matmap.h"

typedef struct pcf_cff_default {
  char process[37];      /* the material's process UUID (lower case) */
  const char *name;      /* as written in the table */
  double a, qsin, qsout; /* NAN when not given */
  const char *source;    /* the publication, as written */
  const char *file;      /* the table it comes from */
  long line;
} pcf_cff_default;

typedef struct pcf_cff_defaults pcf_cff_defaults;

/* Reads the table at path, resolving names through materials. *out is NULL on error. */
int pcf_cff_defaults_load(pcf_cff_defaults **out, const char *path, const pcf_matmap *materials, pcf_error *err);
void pcf_cff_defaults_free(pcf_cff_defaults *d);
/* The row for a process UUID (36 characters, any case), or NULL. Accepts d NULL. */
const pcf_cff_default *pcf_cff_defaults_find(const pcf_cff_defaults *d, const char *process_uuid);

#endif
