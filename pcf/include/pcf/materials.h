/* materials.h: what the loaded data offer a designer: the names of the material and service
 * maps grouped by the dataset they resolve to, each with the dataset's kg CO2e per reference
 * unit under the selected GWP method, the GWP set of its source, source, year, geography, family,
 * forming step and proxy flag (`pcf materials [TERM]`).
 *
 * Everything handed out is borrowed from the pcf_data (names, process names, sources) or owned
 * by the list (synonyms) and lives until pcf_material_list_free().
 */
#ifndef PCF_MATERIALS_H
#define PCF_MATERIALS_H

#include "pcf/export.h"

#include <stdio.h>

#include "pcf/footprint.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pcf_material_info {
  const char *name;    /* the first name of the group, as written in its map */
  char *synonyms;      /* the group's other names, "; " between them ("" when none) */
  int service;         /* 0 a material (materials map), 1 a service (energy, transport, processing) */
  const char *process; /* the dataset's name */
  char process_uuid[40];
  double kg_co2e;       /* per reference unit, cradle to gate, selected method; NaN when it cannot
                            be valued (the error is in why) */
  const char *unit;     /* the reference unit ("kg", "MJ", "t*km") */
  const char *gwp_set;  /* how the dataset's own emissions are valued: the published result's
                            method, or "inventory" (characterised with the selected method) */
  const char *source;   /* the dataset's first source (short description), "" when none */
  int year;             /* reference year, 0 when none */
  const char *location; /* "" when none */
  const char *family;   /* "plastic", ..., "other"; the kind for a service */
  const char *forming;  /* forming step included, "" when none */
  const char *proxy;    /* "" or why the dataset stands in for the names */
  const char *note;     /* the map's note */
  char why[160];        /* when kg_co2e is NaN */
} pcf_material_info;

typedef struct pcf_material_list {
  pcf_material_info *items;
  size_t n;
  const char *method; /* name of the selected method */
} pcf_material_list;

/* Fills out with the groups one of whose names, dataset name or family contains term
 * (case-insensitive; NULL or "" for all), in map order, materials first. Solves the data's
 * system for the datasets found. Returns 0, or PCF_ERR_NOMEM / a solve error. */
PCF_EXTERN int pcf_materials_find(pcf_material_list *out, const pcf_data *data, const char *term, pcf_error *err);
PCF_EXTERN void pcf_material_list_free(pcf_material_list *list);

/* A table for people, and a JSON document {"method", "materials": [...]}. Return 0, or -1 on a
 * write error. */
PCF_EXTERN int pcf_materials_write_text(const pcf_material_list *list, FILE *out);
PCF_EXTERN int pcf_materials_write_json(const pcf_material_list *list, FILE *out);

#ifdef __cplusplus
}
#endif

#endif
