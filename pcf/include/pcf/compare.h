/* compare.h: eco-design comparison of a product's designs (the base of a product file and its
 * variants, pcf/variant.h): each design's footprint in one solution of all their supply chains,
 * ranking, per-change contributions (sequential and alone), trade-offs between stages, the
 * elasticity of the total to each numeric input, and optionally a Monte Carlo with common random
 * numbers (pcf/uncertainty.h) for P(variant < base); and its writers. */
#ifndef PCF_COMPARE_H
#define PCF_COMPARE_H

#include "pcf/export.h"

#include <stddef.h>
#include <stdio.h>

#include "pcf/data.h"
#include "pcf/error.h"
#include "pcf/result.h"
#include "pcf/uncertainty.h"
#include "pcf/variant.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pcf_compare_options {
  const char *const *variants; /* names to compare, in this order; NULL/0 = every variant */
  size_t n_variants;
  int contributions;            /* 1: per-change steps and one-at-a-time effects */
  int sensitivity;              /* 1: elasticities of the total of sensitivity_of */
  const char *sensitivity_of;   /* a variant name; NULL or "" = the base */
  double step;                  /* relative step of the central difference; 0 = 0.01 */
  const char *rule;             /* recycling rule replacing every design's ("cff"...), or NULL */
  size_t uncertainty;           /* > 0: a Monte Carlo of this many draws over every design, with
                                   common random numbers (pcf/uncertainty.h): P(design < base) */
  unsigned long long seed;      /* of the Monte Carlo (1 when 0) */
  const pcf_unc_inputs *inputs; /* the user's uncertainties on the product's inputs for the Monte
                                   Carlo (NULL: none), drawn alike in every design (borrowed) */
  /* Default uncertainty for the Monte Carlo (pcf_unc_model_pedigree), NULL for none: rates the n
   * lines of design footprint r, line_ratings[i] (1-3, pcf/pact.h order) for line i and other
   * for the rest of its supply chains; returns 0 or an error. */
  int (*pedigree)(const pcf_result *r, double (*line_ratings)[5], double other[5], void *ctx, pcf_error *err);
  void *pedigree_ctx;
} pcf_compare_options;

#define PCF_COMPARE_OPTIONS_INIT                                                                                       \
  {                                                                                                                    \
    .variants = NULL, .n_variants = 0, .contributions = 1, .sensitivity = 1, .sensitivity_of = NULL, .step = 0.01,     \
    .rule = NULL, .uncertainty = 0, .seed = 1, .inputs = NULL, .pedigree = NULL, .pedigree_ctx = NULL                  \
  }

/* What one change did inside its variant. */
typedef struct pcf_change_effect {
  const pcf_variant_change *change;
  double step[PCF_INDICATOR_COUNT];   /* sequential: (changes 1..k) - (changes 1..k-1) */
  double step_stage[PCF_STAGE_COUNT]; /* the same per stage, total */
  double alone[PCF_INDICATOR_COUNT];  /* (base + change k only) - base; NaN when the change
                                              cannot stand alone (alone_error says why) */
  const char *alone_error;            /* NULL, or why the change alone failed */
  int with_next;                      /* 1: the design with this change but not the next is not valid (a [use]
                         amount per year whose years the next change supplies): its effect is
                         counted in the next step, its own step is 0; step_error says why */
  const char *step_error;
} pcf_change_effect;

/* Elasticity of the total to one numeric input: (ΔT/T)/(Δx/x) by a central difference. */
typedef struct pcf_sensitivity {
  const char *input;              /* the change perturbed, named as a variant names it (pcf_product_part_ref):
                              "bom.Body.scale", "distribution.truck" */
  const char *label;              /* "mass of Body (ABS)", "distribution distance: truck" */
  double value;                   /* the input's value in the design (a BOM line's mass in kg; 1 for
                              the scale of a line without mass) */
  const char *unit;               /* of value ("" for a scale or a count) */
  double elasticity;              /* dimensionless */
  double total_minus, total_plus; /* kg CO2e at x(1 - step), x(1 + step) */
} pcf_sensitivity;

typedef struct pcf_comparison pcf_comparison;

/* Footprints the base design of the product file and the chosen variants against data (loaded
 * once by the caller, e.g. with pcf_data_open_product for the base design), then contributions and sensitivity as
 * asked. Returns 0 or an error naming the variant and change; *out is the caller's
 * (pcf_comparison_free) on success, NULL otherwise. */
PCF_EXTERN int pcf_compare_run(pcf_comparison **out, const pcf_data *data, const pcf_variant_set *variants,
                               const pcf_compare_options *options, pcf_error *err);
PCF_EXTERN void pcf_comparison_free(pcf_comparison *c);

/* Designs compared: 0 is the base, 1.. the variants in the order asked. Borrowed. */
PCF_EXTERN size_t pcf_comparison_count(const pcf_comparison *c);
PCF_EXTERN const char *pcf_comparison_name(const pcf_comparison *c, size_t i);        /* "base" for 0 */
PCF_EXTERN const char *pcf_comparison_description(const pcf_comparison *c, size_t i); /* "" for the base */
PCF_EXTERN const pcf_result *pcf_comparison_result(const pcf_comparison *c, size_t i);
PCF_EXTERN const char *pcf_comparison_product_name(const pcf_comparison *c);
/* Design at rank r (0 = lowest total; ties keep the order asked). */
PCF_EXTERN size_t pcf_comparison_ranked(const pcf_comparison *c, size_t r);
/* Changes of design i (none for the base) and what each did (contributions asked). */
PCF_EXTERN size_t pcf_comparison_change_count(const pcf_comparison *c, size_t i);
PCF_EXTERN const pcf_change_effect *pcf_comparison_change(const pcf_comparison *c, size_t i, size_t k);
/* Trade-offs of design i, in words: a stage that gets worse by more than 0.1 % of the base total
 * while the total improves (or better while it worsens), naming the change that moved it most;
 * fossil emissions cut while biogenic or land-use emissions grow. */
PCF_EXTERN size_t pcf_comparison_tradeoff_count(const pcf_comparison *c, size_t i);
PCF_EXTERN const char *pcf_comparison_tradeoff(const pcf_comparison *c, size_t i, size_t k);
/* What was asked (pcf_compare_options): contributions, sensitivity and its relative step. */
PCF_EXTERN int pcf_comparison_has_contributions(const pcf_comparison *c);
PCF_EXTERN int pcf_comparison_has_sensitivity(const pcf_comparison *c);
PCF_EXTERN double pcf_comparison_sensitivity_step(const pcf_comparison *c);
/* Elasticities, largest |elasticity| first; the design they are of. */
PCF_EXTERN size_t pcf_comparison_sensitivity_count(const pcf_comparison *c);
PCF_EXTERN const pcf_sensitivity *pcf_comparison_sensitivity(const pcf_comparison *c, size_t k);
PCF_EXTERN size_t pcf_comparison_sensitivity_design(const pcf_comparison *c);
/* Footprints computed and the seconds they took (for variants per second). */
PCF_EXTERN size_t pcf_comparison_footprints(const pcf_comparison *c);
PCF_EXTERN double pcf_comparison_seconds(const pcf_comparison *c);

/* The Monte Carlo over the designs (options.uncertainty): draws made (0: none), the total's
 * statistics of design i (kg CO2e), and the probability that design i's total is below the
 * base's (NaN for the base). */
PCF_EXTERN size_t pcf_comparison_draws(const pcf_comparison *c);
PCF_EXTERN unsigned long long pcf_comparison_seed(const pcf_comparison *c);
PCF_EXTERN const pcf_unc_stats *pcf_comparison_uncertainty(const pcf_comparison *c, size_t i);
PCF_EXTERN double pcf_comparison_p_below_base(const pcf_comparison *c, size_t i);
/* NULL, or a warning when the Monte Carlo drew nothing (no exchange with a usable distribution, no
 * user input): every draw is then the deterministic footprint, the sd 0 and P(< base) 0 or 1,
 * which says which design is lower, not how likely. */
PCF_EXTERN const char *pcf_comparison_uncertainty_warning(const pcf_comparison *c);
/* The user's uncertain inputs the Monte Carlo drew (options.inputs), 0 when none. */
PCF_EXTERN size_t pcf_comparison_uncertainty_inputs(const pcf_comparison *c);
/* Exchanges the Monte Carlo gave the default uncertainty (options.pedigree; the most of any
 * design), 0 when none. */
PCF_EXTERN size_t pcf_comparison_pedigree_count(const pcf_comparison *c);

/* Rows of the side-by-side table: the union of the designs' lines, matched by BOM component
 * (whatever its material) or by component and dataset for scenario lines. value is NaN where a
 * design lacks the line. */
PCF_EXTERN size_t pcf_comparison_row_count(const pcf_comparison *c);
PCF_EXTERN const char *pcf_comparison_row_label(const pcf_comparison *c, size_t row);
PCF_EXTERN pcf_stage pcf_comparison_row_stage(const pcf_comparison *c, size_t row);
PCF_EXTERN double pcf_comparison_row_value(const pcf_comparison *c, size_t row, size_t design, pcf_indicator k);
/* 1 when the row is a BOM component (matched whatever its material), 0 for a scenario line. */
PCF_EXTERN int pcf_comparison_row_is_component(const pcf_comparison *c, size_t row);
/* The dataset design uses for the row, NULL where the design lacks it. */
PCF_EXTERN const char *pcf_comparison_row_dataset(const pcf_comparison *c, size_t row, size_t design);

/* Output. Return 0, PCF_ERR_IO or (JSON, HTML) PCF_ERR_NOMEM. The HTML page is self-contained (inline CSS and SVG). */
PCF_EXTERN int pcf_comparison_write_text(const pcf_comparison *c, FILE *out);
PCF_EXTERN int pcf_comparison_write_json(const pcf_comparison *c, FILE *out);
PCF_EXTERN int pcf_comparison_write_csv(const pcf_comparison *c, FILE *out);
PCF_EXTERN int pcf_comparison_write_html(const pcf_comparison *c, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
