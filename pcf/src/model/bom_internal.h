/* bom_internal.h: private to the BOM reader, shared by its three files: bom_columns.c (header
 * matching, units and shares in percent or fraction; the names accepted are listed in
 * pcf/bom.h), bom.c (reading the rows, the public API) and bom_tree.c (structure, expansion
 * into leaves). */
#ifndef PCF_BOM_INTERNAL_H
#define PCF_BOM_INTERNAL_H

#include "csv.h"
#include "pcf/bom.h"

enum bom_field {
  BF_LEVEL,
  BF_PARENT,
  BF_PART,
  BF_NAME,
  BF_QTY,
  BF_UNIT,
  BF_MATERIAL,
  BF_MASS,
  BF_TOTAL_MASS,
  BF_MASS_UNIT,
  BF_DATASET,
  BF_RECYCLED,
  BF_PCF,
  BF_PCF_UNIT,
  BF_SCRAP,
  BF_FORMING,
  BF_FACTOR,
  BF_FACTOR_SOURCE,
  BF_FACTOR_QUALITY,
  BF_COUNT
};

typedef enum bom_kind { BK_COUNT, BK_MASS, BK_LENGTH, BK_AREA, BK_VOLUME, BK_ENERGY } bom_kind;

/* A unit as written, resolved: value × factor is in the canonical unit of its kind. */
typedef struct bom_unit {
  const char *canonical; /* "pcs", "kg", "m", "m2", "m3", "MJ" (static) */
  double factor;
  bom_kind kind;
} bom_unit;

typedef struct bom_columns {
  long col[BF_COUNT]; /* column index, -1 when absent */
  bom_unit mass_unit; /* from the mass header ("mass (g)"), kg without */
  bom_unit total_mass_unit;
  bom_unit qty_unit;     /* from "quantity (m)", pcs without: used when there is no unit */
  int recycled_fraction; /* the header says fraction: values 0..1, else percent */
  int scrap_fraction;
  double pcf_scale; /* kg CO2e per CO2e unit of the header ("g CO2e": 0.001), 1 without */
  int has_pcf_unit; /* the header gave the unit the PCF is per */
  bom_unit pcf_unit;
  double factor_scale;  /* own factor: kg CO2e per CO2e unit of the header, 1 without */
  char factor_unit[32]; /* the unit the own factor is per, as the header writes it ("t", "kWh",
                           "Item(s)"), resolved through the ILCD unit groups of the loaded data;
                           "" for the line's own unit */
} bom_columns;

/* One row of the file, read and converted. */
typedef struct bom_row {
  long line;
  const char *part, *name, *material, *dataset, *parent, *forming; /* borrowed from the CSV */
  int level;                                                       /* as written */
  double qty;                                                      /* in unit.canonical */
  bom_unit unit;
  double mass_kg;       /* per canonical unit of qty; NaN if unknown */
  double recycled;      /* fraction; NaN if not given */
  double pcf;           /* kg CO2e per pcf_unit; NaN if not given */
  const char *pcf_unit; /* canonical; NULL without a supplier PCF */
  double scrap;         /* fraction */
  double factor;        /* own secondary factor, kg CO2e per the columns' factor unit; NaN if none */
  const char *factor_source, *factor_quality; /* borrowed from the CSV, "" when not given */
  long part_id;                               /* first row with the same part number; -1 without one */
  long parent_id;                             /* level: parent row; parent column: first row with the parent part;
                            -1 at the top */
  size_t kid_start, nkids;                    /* children: kids[kid_start .. kid_start + nkids) */
} bom_row;

/* How the rows are structured. */
typedef enum bom_structure { BS_FLAT, BS_LEVEL, BS_PARENT } bom_structure;

struct pcf_bom {
  pcf_csv *csv;
  bom_row *rows;
  size_t nrows;
  size_t *kids;
  pcf_bom_line *leaves;
  size_t nleaves, leaves_cap;
  size_t *path_offsets; /* each leaf's path in paths, until the pointers are set */
  size_t path_offsets_cap;
  char *paths;
  size_t paths_len, paths_cap;
  char **warnings;
  size_t nwarnings, warnings_cap;
  double mass_kg;
  char factor_unit[32]; /* bom_columns.factor_unit, kept for the leaves */
};

/* pcf_bom_read with a size limit of its own for the file (a batch's per-product budget). */
int pcf_bom_read_limited(pcf_bom **out, const char *path, size_t max_bytes, pcf_error *err);

/* Links bom->rows (read, nrows set) by the structure, checks assemblies and leaves, and expands
 * the leaves with their paths. Returns 0 or a pcf_status with err filled (see pcf/bom.h). */
int pcf_bom_tree_build(pcf_bom *bom, bom_structure structure, pcf_error *err);

/* The mass and length units pcf_bom_unit_parse accepts, for messages that refuse another. The
 * factors agree with the bundled ILCD unit groups (tests/pcf/test_units.c). */
#define MASS_UNITS "kg, g, mg, t, lb, oz"
#define LENGTH_UNITS "km, m, cm, mm, mi, ft, in"

/* Resolves a unit name (case-insensitive; spaces and dots ignored; ² ³ as 2 3). Returns 0, or
 * -1 when unknown. */
int pcf_bom_unit_parse(const char *text, bom_unit *out);

/* Finds the columns in row 0 of csv. Unknown columns go to warn(bom, ...). Returns 0,
 * PCF_ERR_INPUT (a column twice, a header unit that makes no sense), PCF_ERR_NOT_FOUND (a
 * required column missing) or PCF_ERR_NOMEM, with err filled. */
int pcf_bom_columns_map(bom_columns *cols, const pcf_csv *csv, pcf_bom *bom, pcf_error *err);

/* Appends a warning to the BOM (printf-style). Returns 0 or PCF_ERR_NOMEM. */
int pcf_bom_warn(pcf_bom *bom, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Parses a share: a number, in percent unless fraction is set, or a percentage with a '%' sign
 * either way; stores the fraction (not range-checked) and whether a '%' was written. Returns 0
 * or PCF_ERR_PARSE with *why set. */
int pcf_bom_share_parse(const char *text, int fraction, int decimal_comma, double *out, int *percent_sign,
                        const char **why);

#endif
