/* product_internal.h: the layout of pcf_product and the helpers its readers share (product.c reads
 * the file and builds the items, product_eol.c reads recycling and end-of-life parameters,
 * product_changes.c applies changes to BOM lines). */
#ifndef PCF_PRODUCT_INTERNAL_H
#define PCF_PRODUCT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "pcf/eol.h"
#include "pcf/product.h"

typedef struct str_list {
  char **v;
  size_t n, cap;
} str_list;

/* The product's own copies of strings, bump-allocated in chunks freed with the product: a BOM line
 * keeps five or six of them, and a batch reads a million lines, one malloc and free each before. */
typedef struct str_chunk str_chunk;
typedef struct str_pool {
  str_chunk *head;
  size_t used, cap;
} str_pool;

typedef struct eol_share {
  char *family, *route; /* family: a material family, or a material name (scope of [material X]) */
  double share;
} eol_share;

typedef struct use_entry {
  char *service, *unit;
  double amount;
  int per; /* 0 whole life, 1 per use, 2 per year */
} use_entry;

/* An own factor of a scenario item (product_factors.c), as read: kg NaN until NAME.factor is. */
typedef struct scenario_factor {
  const char *section, *name, *unit, *source, *quality;
  double kg; /* kg CO2e per unit */
  long line;
} scenario_factor;

struct pcf_product {
  char *path, *dir, *name, *id, *declared_unit, *method, *bom, *materials, *services;
  char *ids, *cpc, *description, *name_company; /* identity for PACT answers, NULL when not given */
  double life_years, use_years, uses_per_year, distribution_mass_kg, mass_kg, packaging_kg;
  int bundled;
  str_list data, warnings;
  str_pool strings;
  pcf_item *items;
  double *distance_km;
  size_t n_items, cap_items;
  /* scenario parts collected while reading, turned into items at the end */
  pcf_item *manufacturing, *packaging, *legs, *eol_transport;
  size_t n_manufacturing, n_packaging, n_legs, n_eol_transport;
  use_entry *use;
  size_t n_use;
  scenario_factor *factors;
  size_t n_factors;
  eol_share *eol;
  size_t n_eol;
  pcf_eol_rule rule;
  char *eol_heat, *eol_electricity;
  double eol_x_heat, eol_x_elec;
  pcf_material_params *params;
  size_t n_params;
  double power_kw, hours_per_day, days_per_year; /* [use] power draw; NaN when not given */
  char *grid;                                    /* [use] grid, NULL when not given */
  char *region;                                  /* [product] origin, NULL when not given */
  pcf_error *err;
  int status;
  const pcf_override *overrides;
  const char *const *origins; /* NULL, or per override: NULL or what produced its value */
  size_t n_overrides;
  bool *override_used;
  /* while reading: the key's line (0 for a key an override adds) and the origin of its value
   * when an override gave it (pcf_override.origin) */
  long line;
  const char *origin;
  bool has_product, bom_none;
  long line_years, line_life, line_unit, line_region; /* where each was written, 0 when not */
  size_t max_input_bytes;                             /* the product file and its BOM together */
};

/* The default budget of one product's files (product file and BOM) outside a batch: each file's
 * own limit (PCF_INI_MAX_FILE, PCF_CSV_MAX_FILE) applies. */
#define PRODUCT_MAX_INPUT ((size_t)-1)

/* pcf_product_read_with, with a budget of bytes for the product file and its BOM together (the
 * per-product limit of a batch), and the origins of override values that the user did not write
 * (NULL, or one per override, each NULL or a text such as "the uncertainty input use.years =
 * normal 5 3 (inputs.ini:2) drew -0.4"): any message about such a value starts with its origin,
 * so that a computed value never reads as one written in the file. */
int pcf__product_read(pcf_product **out, const char *path, const pcf_override *overrides, const char *const *origins,
                      size_t n_overrides, size_t max_input_bytes, pcf_error *err);

/* pcf__product_read of the product file alone (no origins): its [product] keys, data, maps,
 * method and sections, checked as a whole, without reading the BOM or building the lines (no
 * items). A batch reads every row's head to know what data to load before it reads and computes
 * the rows one by one, so that no more than a few BOMs are held at once. */
int pcf__product_read_head(pcf_product **out, const char *path, const pcf_override *overrides, size_t n_overrides,
                           size_t max_input_bytes, pcf_error *err);

/* The product file path stands for: path itself, or path/product.ini when path is a folder.
 * Returns a new string (*out, caller frees) or an error naming path. */
int pcf__product_file_path(const char *path, char **out, pcf_error *err);

/* Copies s into the product's string pool; NULL when out of memory. */
char *pcf__product_keep(pcf_product *p, const char *s);
/* Records an error naming the product file and the key's line, after the origin of the value when
 * an override gave it; returns 0 (inih: stop). */
int pcf__product_fail(pcf_product *p, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int pcf__product_on_distribution(pcf_product *p, const char *section, const char *key, const char *value, pcf_item **v,
                                 size_t *n);
/* A NAME.factor, NAME.factor_source or NAME.factor_quality key of [manufacturing], [distribution]
 * or [use] (product_factors.c): 1 read, 0 to stop (error set), -1 not such a key. */
int pcf__product_on_factor(pcf_product *p, const char *section, const char *key, const char *value);
/* Turns the items the factors name into PCF_ITEM_FACTOR items, once the items are built; 0 or the
 * error (a factor without source, a source without factor, no item of that name). */
int pcf__product_attach_factors(pcf_product *p);
/* [end_of_life] and [material NAME] keys; inih convention: 1 to go on, 0 to stop. */
int pcf__product_on_eol(pcf_product *p, const char *key, const char *value);
int pcf__product_on_material(pcf_product *p, const char *section, const char *key, const char *value);
/* Applies one "bom" change to items [first, last); origin as in pcf__product_read (may be NULL).
 * Returns 0 or the error status. */
int pcf__product_bom_override(pcf_product *p, size_t first, size_t last, const pcf_override *o, const char *origin);

#endif
