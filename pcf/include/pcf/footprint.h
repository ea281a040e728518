/* footprint.h: the footprint of a product (ISO 14067 cradle to grave, with cradle to gate from the
 * same model) or of one process's reference product, and the result that explains it.
 *
 * A pcf_data holds the loaded ILCD data, the material and service maps and the linked system for
 * the method in use (finished: read-only); it is built once and shared by many footprints, and by
 * threads. Each footprint solves in a solution of its own or one its caller gives (pcf/system.h,
 * "Solutions"). A pcf_result keeps the
 * totals in the ISO 14067 split, per life-cycle stage, per line (BOM line or scenario item), the
 * top contributing processes and elementary flows, and the warnings. All values are kg CO2e per
 * declared unit. */
#ifndef PCF_FOOTPRINT_H
#define PCF_FOOTPRINT_H

#include <ilcd/ilcd.h>
#include <stdio.h>

#include "pcf/error.h"
#include "pcf/product.h"
#include "pcf/system.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pcf_data_options {
  int bundled;              /* load the bundled datasets/ package */
  const char *const *paths; /* further ILCD folders, zips or files */
  size_t n_paths;
  const char *const *materials; /* further material maps, in order: a later map's names win */
  size_t n_materials;
  const char *const *services;  /* further service maps, likewise */
  size_t n_services;
  const char *method;       /* "AR6" (default when NULL), "AR5", "AR4" or a UUID */
  const char *providers;    /* provider map CSV (flow has several providers): column process */
  const char *cache_dir;    /* binary caches of the ILCD data (ilcd/cache.h), one file per source;
                               NULL: always read the XML */
} pcf_data_options;

typedef struct pcf_data pcf_data;

/* Folder of the bundled data: $PCF_DATA when set, else the source tree's datasets/ when it
 * exists, else the installed share/pcf. */
const char *pcf_bundled_dir(void);

/* Loads the data and the maps, and links and characterises the system. Returns 0 or an error
 * naming the file; on error *out is NULL. */
int pcf_data_open(pcf_data **out, const pcf_data_options *options, pcf_error *err);
/* The same for a product: its data paths come first (then options->paths), its material and
 * service maps (then options', whose names win), its method unless options->method is set, and
 * the bundled package when both options->bundled and the product ask for it. product NULL:
 * options alone. */
int pcf_data_open_product(pcf_data **out, const pcf_product *product, const pcf_data_options *options,
                          pcf_error *err);
void pcf_data_free(pcf_data *data);
const ilcd_db *pcf_data_db(const pcf_data *data);
const pcf_system *pcf_data_system(const pcf_data *data);

typedef struct pcf_line {
  pcf_stage stage;
  const char *component;    /* BOM path or scenario part */
  const char *dataset;      /* as written (material, service, UUID) */
  const char *process;      /* name of the process used, "" for supplier data */
  char process_uuid[40];
  double amount;            /* of the process's reference flow, in unit */
  const char *unit;
  int primary;              /* 1: supplier-specific data */
  int beyond_boundary;      /* 1: a credit beyond the system boundary (module D), not in the totals */
  int proxy;                /* 1: the material's dataset is a flagged proxy (materials.csv) */
  double value[PCF_INDICATOR_COUNT];
  double biogenic_co2_kg[2]; /* biogenic CO2 emitted (+) and taken up (-), kg (system.h) */
} pcf_line;

typedef struct pcf_contribution {
  const char *name;   /* process or elementary flow */
  char uuid[40];
  double total;       /* kg CO2e; for uncharacterised flows: amount in unit */
  const char *unit;
} pcf_contribution;

typedef struct pcf_result pcf_result;

/* The footprint of a product, in a solution of its own supply chains. data is only read. */
int pcf_footprint_product(pcf_result **out, const pcf_data *data, const pcf_product *product, pcf_error *err);

/* How pcf_footprint_product_ex works. PCF_FOOTPRINT_OPTIONS_INIT is what pcf_footprint_product
 * does: solve the product's supply chains, and compute hotspots. */
typedef struct pcf_footprint_options {
  const pcf_solution *solution; /* NULL: a solution of the product's supply chains, made and freed
                                   here; else one that holds them (pcf_footprint_solve, or the
                                   whole database), only read: many threads may share it */
  int hotspots;              /* 1: process and flow contributions, cut-offs (one scaling solve) */
  double scale;              /* > 0: every line multiplied (the product counted this many times) */
  const char *name;          /* replaces the product's name when not NULL or "" */
  const char *declared_unit; /* replaces its declared unit when not NULL or "" */
} pcf_footprint_options;
#define PCF_FOOTPRINT_OPTIONS_INIT {.solution = NULL, .hotspots = 1, .scale = 1, .name = NULL, .declared_unit = NULL}

int pcf_footprint_product_ex(pcf_result **out, const pcf_data *data, const pcf_product *product,
                             const pcf_footprint_options *options, pcf_error *err);
/* A solution of the supply chains of n products together (every process their items, services,
 * recycled and substituted materials may use): designs of one product, or a product drawn many
 * times, share it. The caller frees it; data must outlive it. */
int pcf_footprint_solve(pcf_solution **out, const pcf_data *data, const pcf_product *const *products, size_t n,
                        pcf_error *err);
/* Cradle-to-gate footprint of one reference unit of a process's reference flow. */
int pcf_footprint_process(pcf_result **out, const pcf_data *data, const char *uuid, pcf_error *err);
void pcf_result_free(pcf_result *r);

const char *pcf_result_name(const pcf_result *r);
const char *pcf_result_declared_unit(const pcf_result *r);
const char *pcf_result_method(const pcf_result *r);
double pcf_result_value(const pcf_result *r, pcf_indicator k);
double pcf_result_stage(const pcf_result *r, pcf_stage stage, pcf_indicator k);
/* Biogenic CO2 as a mass, kg per declared unit: which 0 emitted (+), 1 taken up from air (-). The
 * total and the biogenic indicators count it at GWP +1 / −1 (ISO 14067; system.h); ISO 14067 also
 * wants it documented apart. */
double pcf_result_biogenic_co2_kg(const pcf_result *r, int which);
/* The total without biogenic CO2 emissions and removals (PACT's pCfExcludingBiogenic basis):
 * total − emitted − taken up. Biogenic CH4 and the other biogenic gases stay in. */
double pcf_result_excluding_biogenic_co2(const pcf_result *r);
double pcf_result_stage_excluding_biogenic_co2(const pcf_result *r, pcf_stage stage);
/* Credits and loads beyond the system boundary (module D in EN 15804), reported apart. */
double pcf_result_module_d(const pcf_result *r, pcf_indicator k);
/* The recycling / end-of-life allocation rule used ("cut-off", "50:50", "avoided-burden", "cff"). */
const char *pcf_result_eol_rule(const pcf_result *r);
/* Cradle to gate: raw materials and production. */
double pcf_result_cradle_to_gate(const pcf_result *r);
/* Share of the total from supplier-specific (primary) data, 0..1. */
double pcf_result_primary_share(const pcf_result *r);
/* Carbon contained in the product (its BOM, without packaging), kg C per declared unit: each
 * leaf's net mass times the EF flow properties "Carbon content (fossil)" and "Carbon content
 * (biogenic)" of its dataset's reference flow. A leaf without a mass, or whose dataset does not
 * declare them, is not covered: the sums are then lower bounds (*_lines < lines). */
typedef struct pcf_carbon_content {
  double fossil_kg, biogenic_kg; /* kg C */
  size_t lines;                  /* BOM leaves */
  size_t fossil_lines, biogenic_lines; /* of which with a mass and a declared content */
} pcf_carbon_content;
const pcf_carbon_content *pcf_result_carbon_content(const pcf_result *r);
size_t pcf_result_line_count(const pcf_result *r);
const pcf_line *pcf_result_line(const pcf_result *r, size_t i);
size_t pcf_result_hotspot_count(const pcf_result *r); /* processes, largest first */
const pcf_contribution *pcf_result_hotspot(const pcf_result *r, size_t i);
size_t pcf_result_flow_count(const pcf_result *r);    /* characterised flows, largest first */
const pcf_contribution *pcf_result_flow(const pcf_result *r, size_t i);
size_t pcf_result_uncharacterised_count(const pcf_result *r);
const pcf_contribution *pcf_result_uncharacterised(const pcf_result *r, size_t i);
/* Product and waste flows the chain uses that no loaded process provides (cut off), largest first,
 * in their reference units. */
size_t pcf_result_cut_off_count(const pcf_result *r);
const pcf_contribution *pcf_result_cut_off(const pcf_result *r, size_t i);
size_t pcf_result_warning_count(const pcf_result *r);
const char *pcf_result_warning(const pcf_result *r, size_t i);

/* Output formats. Return 0, PCF_ERR_IO, or PCF_ERR_NOMEM (JSON: nothing, or part of the document, is
 * written when its tree cannot be built whole). */
int pcf_result_write_text(const pcf_result *r, FILE *out);
int pcf_result_write_json(const pcf_result *r, FILE *out);
int pcf_result_write_csv(const pcf_result *r, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
