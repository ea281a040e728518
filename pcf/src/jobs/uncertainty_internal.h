/* uncertainty_internal.h: the layout of pcf_unc_model, shared by the uncertainty_*.c files. */
#ifndef PCF_UNCERTAINTY_INTERNAL_H
#define PCF_UNCERTAINTY_INTERNAL_H

#include <stdbool.h>

#include "pcf/sparse.h"
#include "pcf/uncertainty.h"
#include "uncertainty_dist.h"

#define UNC_N (PCF_STAGE_COUNT + 1) /* total, then one per stage */
/* Every value the system writes per process (the indicators and the biogenic CO2 masses). */
#define UNC_VALUES PCF_VALUE_COUNT

/* An exchange of a process in the model. */
typedef struct unc_ex {
  const ilcd_exchange *ex;
  pcf_dist dist;
  uint64_t key;     /* random stream of this exchange */
  uint64_t key_mix; /* pcf_rng_key_mix(the model's mixed_seed, key) */
  double x0, x;     /* resultingAmount as written, value of the current iteration */
  double cf;        /* kg CO2e per unit when the process's direct impacts are characterised, else 0 */
  double sign;      /* as A holds it, for linked exchanges */
  int32_t row;      /* row of the provider of its flow, -1 when unlinked */
  int32_t triplet;  /* entry of A (pcf_system_entries order), -1 when not in A */
  int32_t block;    /* its process */
  bool uncertain, linked;
} unc_ex;

/* A process: a column of the restricted system, or a foreground process used by a line. */
typedef struct unc_block {
  const ilcd_process *p;
  long col;            /* column, -1 for a foreground process outside A */
  size_t first, count; /* its exchanges in model->ex */
  double d0, xref;     /* direct total as written; reference exchange amount */
  double dd;           /* this iteration's change of the direct total */
} unc_block;

typedef struct unc_line {
  int stage;
  int32_t block; /* -1: constant */
  double c;      /* footprint = c × u(block) */
} unc_line;

struct pcf_unc_model {
  const pcf_data *data;
  pcf_solution *solution; /* the product's (or process's) supply chains, solved once */
  char *product_path, *process_uuid, *name;
  const pcf_unc_inputs *inputs;
  const pcf_override *changes; /* the design's changes to the product file (borrowed) */
  size_t n_changes;
  size_t n;
  pcf_sparse *a;
  pcf_sparse_common common;
  size_t n_entries;
  double *vals0, *vals;  /* [n_entries] */
  double *direct0;       /* [n] */
  double *y0, *y;        /* [n] intensities, as written and this iteration */
  int32_t *block_of_col; /* [n] */
  unc_block *blocks;
  size_t n_blocks, cap_blocks;
  unc_ex *ex;
  size_t n_ex, cap_ex;
  size_t *uncertain, n_uncertain;
  size_t unusable;
  bool a_uncertain;
  bool mixed; /* the exchanges' key_mix are for mixed_seed */
  uint64_t mixed_seed;
  unc_line *lines;
  size_t n_lines, cap_lines;
  double constant[UNC_N];
  size_t constant_lines;
  double det[UNC_N];
  pcf_unc_driver drivers[PCF_UNC_DRIVERS]; /* pcf_unc_analytic_run; names owned */
  size_t n_pedigree;                       /* exchanges given the default uncertainty (pcf_unc_model_pedigree) */
  size_t n_drivers;
};

/* Checks that every user input is drawn in the unit the design gives its key (the product file
 * at product_path, after changes): uncertainty_units.c. Returns 0 or an error naming the input's
 * line and the product's. */
int pcf__unc_inputs_check(const pcf_unc_inputs *in, const char *product_path, const pcf_override *changes,
                          size_t n_changes, pcf_error *err);
/* Footprints the product with the given input values (NULL: as written) and rebuilds the lines. */
int pcf__unc_model_apply_inputs(pcf_unc_model *m, const double *values, pcf_error *err);
/* The block of process p (its principal view), added when the model has none yet; -1 when out of
 * memory. */
long pcf__unc_block_of(pcf_unc_model *m, const ilcd_process *p);
/* u(block) with the current x and y. */
double pcf__unc_block_unit(const pcf_unc_model *m, const unc_block *b, const double *y);
/* Totals of the current lines with intensities y: out[UNC_N]. */
void pcf__unc_model_value(const pcf_unc_model *m, const double *y, double *out);

#endif
