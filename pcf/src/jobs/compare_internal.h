/* compare_internal.h: the layout of a pcf_comparison, shared by compare.c (computing it) and the
 * writers (compare_text.c, compare_json.c, compare_html.c). */
#ifndef PCF_COMPARE_INTERNAL_H
#define PCF_COMPARE_INTERNAL_H

#include "pcf/compare.h"
#include "pcf/variant.h"

typedef struct cmp_design {
  const char *name;        /* "base" or the variant's name (borrowed from the set) */
  const char *description; /* "" for the base */
  size_t variant;          /* index in the set, (size_t)-1 for the base */
  pcf_result *result;
  pcf_change_effect *changes; /* one per change when contributions were asked, else NULL */
  size_t n_changes;
  char **tradeoffs;
  size_t n_tradeoffs;
} cmp_design;

typedef struct cmp_row {
  char *label;
  pcf_stage stage;
  int bom;              /* a BOM component (matched whatever its material) */
  const char **dataset; /* [n designs], NULL where a design lacks the line */
  double *value;        /* [n designs × PCF_INDICATOR_COUNT], NaN where it lacks it */
} cmp_row;

struct pcf_comparison {
  const pcf_variant_set *set; /* borrowed: must outlive the comparison */
  pcf_solution *solution;     /* every design's supply chains, solved once (NULL: each its own) */
  cmp_design *d;
  size_t n;
  size_t *ranked;
  cmp_row *rows;
  size_t n_rows;
  pcf_sensitivity *sens;
  size_t n_sens, sens_design;
  double step;
  int contributions, sensitivity;
  char **strings;
  size_t n_strings;
  size_t footprints;
  double seconds;
  const char *rule; /* replaces every design's recycling rule, or NULL (borrowed) */
  size_t draws;     /* Monte Carlo draws made, 0 when none */
  unsigned long long seed;
  pcf_unc_stats *stats; /* [n] the total's, when draws */
  double *p_below;      /* [n] P(design < base), NaN for the base */
  size_t unc_exchanges; /* uncertain exchanges of the designs' models (the most of any) */
  size_t unc_inputs;    /* the user's uncertain inputs drawn (options.inputs) */
  size_t unc_pedigree;  /* exchanges given the default uncertainty (the most of any design) */
};

/* The Monte Carlo over the designs (compare_uncertainty.c). */
int pcf__compare_uncertainty(pcf_comparison *c, const pcf_data *data, const pcf_compare_options *o, pcf_error *err);

/* Relative change (a - b) / |b|, NaN when b is 0. */
double pcf__cmp_relative(double a, double b);

#endif
