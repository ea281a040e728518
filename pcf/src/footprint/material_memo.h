/* material_memo.h: what a footprint needs to know of each material of the loaded material map —
 * its process, the process's column, reference exchange and unit, the conversion of kg to that unit,
 * the carbon its reference flow declares, its CFF defaults row and its UUID as text — found once per
 * material and then shared read-only by every footprint and every thread on the data. Private to
 * the engine. */
#ifndef PCF_MATERIAL_MEMO_H
#define PCF_MATERIAL_MEMO_H

#include <stdbool.h>

#include "cff_defaults.h"
#include "pcf/footprint.h"
#include "pcf/matmap.h"

typedef struct material_facts {
  const pcf_material *material;
  const ilcd_process *p; /* as the material map names it (pcf_system_reference resolves views) */
  const char *family;    /* pcf_family_name of the material's family */
  long column;           /* pcf_system_column(p), -1 when it provides nothing */
  const ilcd_exchange *ref;
  const char *ref_unit;
  ilcd_conversion kg; /* kg to ref_unit, when kg_ok */
  bool kg_ok;
  int carbon_rc;              /* pcf__carbon_per_kg's answer and values */
  double carbon[2];           /* fossil, biogenic kg C per kg */
  const pcf_cff_default *cff; /* the bundled CFF defaults row of p, or NULL */
  bool epd;                   /* p is an ILCD+EPD data set (pcf__epd_read): epd_line.c has work */
  bool proxy;                 /* the material's proxy is not "": its process stands in for it */
  bool unformed;              /* a metal or plastic whose process names no forming step (note_unformed) */
  char uuid[40];              /* p's UUID as written in results */
  char *name;                 /* p's name, a copy: a batch reads it for every line, and the copies of
                                 all materials lie together (the datasets lie far apart) */
} material_facts;

typedef struct material_memo material_memo;

/* A memo for a material map of n entries, all unknown yet. Returns 0 or PCF_ERR_NOMEM. */
int pcf__material_memo_new(material_memo **out, size_t n, pcf_error *err);
void pcf__material_memo_free(material_memo *m);

/* The facts of material m of d's material map, or NULL when the footprint must find them the long
 * way: the material names no loaded process by UUID, its reference flow or unit is unusable (the
 * long way says what is wrong), or another thread is finding them at this moment. The first call
 * for a material finds and publishes them; every later one, from any thread, only reads. */
const material_facts *pcf__material_facts(const pcf_data *d, const pcf_material *m);

#endif
