/* uncertainty.h: uncertainty of a footprint, by Monte Carlo and by first-order propagation.
 *
 * Inputs. (1) The exchange amounts of the ILCD data sets in the product's system, with the
 * distribution each exchange declares (ILCD_ProcessDataSet.xsd, relativeStandardDeviation95In,
 * minimumAmount, maximumAmount; ILCD_Common_EnumerationValues.xsd, UncertaintyDistributionType
 * Values) — see pcf_dist_from_exchange for the exact reading. Reference exchanges are not
 * varied: they define the unit the data set is expressed per. (2) The user's uncertainty on the
 * product's own inputs (BOM masses, distances, energy, service life), given in a small INI file
 * (pcf_unc_inputs_read) and applied through pcf_product_read_with overrides.
 *
 * Model. The footprint of a product is Σ_l c_l u(p_l) + constants over its lines l, where u(p) is
 * the cradle-to-gate impact per reference unit of process p: u(p) = (d(p) + Σ_linked −a_e y_row)
 * / x_ref, and y = A⁻ᵀ d are the intensities of the technosphere A (pcf/system.h). An iteration
 * draws every uncertain input, writes the new values into A (same pattern: KLU refactorises with
 * the symbolic analysis and pivot order kept) and into d, solves Aᵀ y = d once, and values the
 * lines. The line coefficients c_l come from the deterministic footprint (pcf_footprint_product)
 * and are recomputed per iteration only when user inputs are uncertain. Only the total
 * indicator (kg CO2e, PCF_TOTAL) is propagated, as total and per life-cycle stage; credits
 * beyond the system boundary (module D) stay out as in the footprint.
 *
 * Reproducibility and common random numbers. The draw of input K at iteration i is the first
 * output of xoshiro256** seeded (through SplitMix64) from (seed, hash of K, i): it depends on
 * neither the order of the inputs nor on which other inputs exist. K is the process UUID and
 * the exchange's dataSetInternalID for an exchange, "section.key" for a user input. Two models
 * (product variants) drawn with the same seed therefore see the same value for every input
 * they share, at every iteration: pcf_unc_compare uses this to estimate P(B < A). The
 * arithmetic uses only IEEE-754 basic operations and sqrt (own log and exp), so the same seed
 * gives the same numbers on any conforming machine.
 *
 * Ownership: objects returned through **out are the caller's (matching _free, which accepts
 * NULL); borrowed pointers live as long as their owner. Fallible functions return 0 or a negative
 * pcf_status and fill the caller's pcf_error. */
#ifndef PCF_UNCERTAINTY_H
#define PCF_UNCERTAINTY_H

#include "pcf/export.h"

#include <ilcd/ilcd.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "pcf/error.h"
#include "pcf/footprint.h"
#include "pcf/product.h"
#include "pcf/system.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- user inputs (uncertainty_inputs.c) ------------------------------------------------------ */

/* An INI file of user uncertainties, one per line, the key being "<section>.<key>" of a product
 * override (pcf_override): the section is the text before the first dot, the rest is the key.
 *   bom.Body.scale = lognormal 1.1                  ; factor on the Body line's mass, GSD² 1.1
 *   bom.Wheels.mass = normal 0.02 0.002 kg
 *   distribution.sea ship = triangular 15000 18000 21000 km
 *   use.years = uniform 4 6
 * Each iteration sets the key to the drawn value followed by the unit, which must be the unit the
 * product file (or the variant) gives the key, "per use" or "per year" included ("kWh per use"),
 * or none for a plain number (use.years, bom.X.scale); bom.X.mass takes kg or g, bom.X.scale and
 * bom.X.supplier_pcf none, bom.X.recycled_content none or %. The model checks this before the first
 * draw (pcf_unc_model_new): a distribution in kWh for a key in kWh per use would otherwise be
 * read as a whole-life amount. An INI section header, if any, is ignored ("[inputs]"); a key is
 * given once. */
typedef struct pcf_unc_inputs pcf_unc_inputs;

/* Reads the file by the rules of an INI input (pcf/src/ini_file.h: a regular file of at most
 * 1 MiB, UTF-8, each key once). Returns 0, PCF_ERR_IO, PCF_ERR_PARSE, PCF_ERR_INPUT (path and
 * line), PCF_ERR_NOMEM. */
PCF_EXTERN int pcf_unc_inputs_read(pcf_unc_inputs **out, const char *path, pcf_error *err);
PCF_EXTERN void pcf_unc_inputs_free(pcf_unc_inputs *in);
/* How many inputs the file holds. */
PCF_EXTERN size_t pcf_unc_inputs_count(const pcf_unc_inputs *in);

/* ---- the model (uncertainty_model.c) --------------------------------------------------------- */

typedef struct pcf_unc_model pcf_unc_model;

/* Builds the model of a product file (product_path; inputs may be NULL) or, when product_path is
 * NULL, of process_uuid's reference product (cradle to gate, per reference unit): a solution of
 * its supply chains of its own (data is only read: models of several products or variants may
 * share it), and its own copy of A to redraw. User inputs re-run the deterministic footprint in
 * that solution at every iteration. Returns 0 or the footprint's errors. */
PCF_EXTERN int pcf_unc_model_new(pcf_unc_model **out, const pcf_data *data, const char *product_path,
                                 const char *process_uuid, const pcf_unc_inputs *inputs, pcf_error *err);
/* A design that differs from the product file by changes (a variant, pcf/variant.h): the changes
 * are applied at every iteration, before the user inputs; they are borrowed and must outlive m. */
PCF_EXTERN int pcf_unc_model_new_with(pcf_unc_model **out, const pcf_data *data, const char *product_path,
                                      const pcf_override *changes, size_t n_changes, const pcf_unc_inputs *inputs,
                                      pcf_error *err);
PCF_EXTERN void pcf_unc_model_free(pcf_unc_model *m);

/* Uncertain exchanges in the model, exchanges with a distribution that could not be used, and
 * deterministic total (kg CO2e, footprint as written). */
PCF_EXTERN size_t pcf_unc_model_uncertain_count(const pcf_unc_model *m);
PCF_EXTERN size_t pcf_unc_model_unusable_count(const pcf_unc_model *m);
PCF_EXTERN size_t pcf_unc_model_input_count(const pcf_unc_model *m);
PCF_EXTERN double pcf_unc_model_deterministic(const pcf_unc_model *m);
PCF_EXTERN double pcf_unc_model_deterministic_stage(const pcf_unc_model *m, pcf_stage stage);
/* Lines valued as constants because their process is not in the model (recycled-material
 * datasets folded into their material line are in it: see pcf_unc_model_new). */
PCF_EXTERN size_t pcf_unc_model_constant_lines(const pcf_unc_model *m);

/* Gives every varied-able exchange of the model without a usable distribution (linked, or a
 * characterised emission; not a reference exchange) a lognormal of median its amount and the
 * given SDg² (≥ 1): a basic uncertainty for screening, and a load for benchmarks. Returns 0 or
 * PCF_ERR_INPUT. */
PCF_EXTERN int pcf_unc_model_assume(pcf_unc_model *m, double gsd2, pcf_error *err);

/* Default uncertainty where the data give none, as the ecoinvent method does (Frischknecht et
 * al. 2007, ecoinvent report No. 1, 7.4; Weidema et al. 2013, ecoinvent data quality guideline,
 * 10.2-10.4): every exchange the model can vary (linked, or a characterised emission; not a
 * reference exchange) that has no usable distribution becomes lognormal, median its amount, with
 *   GSD² = exp(√(ln² U_b + Σ_i ln² U_i)),  σ = ln GSD² / 2,
 * U_b its basic uncertainty factor and U_i the pedigree factors of its data set's five scores.
 * Basic factors (ecoinvent report No. 1, table 7.3): a product or service input 1.05, a transport
 * service (a flow in t*km) 2.0; emissions to air: CO2 1.05, CH4 and N2O 1.5, any other 1.5.
 * Pedigree factors, scores 1 to 5 (ecoinvent report No. 1, table 7.2, as the brightway
 * pedigree_matrix package tabulates them, "version 1"): reliability 1, 1.05, 1.10, 1.20, 1.50;
 * completeness 1, 1.02, 1.05, 1.10, 1.20; temporal correlation 1, 1.03, 1.10, 1.20, 1.50;
 * geographical correlation 1, 1.01, 1.02, 1.02, 1.10; further technological correlation 1, 1.00,
 * 1.20, 1.50, 2.00 (the report leaves technological 2 and geographical 4 empty; the ratings below
 * only ever give scores 1, 3 and 5, so those two cells are never used).
 * The scores come from the data-quality ratings (PACT's 1 good, 2 fair, 3 poor; pcf/pact.h,
 * pcf_dqr_rate), read as ecoinvent scores 1, 3 and 5 (score = 2·rating − 1, rounded), one rating
 * per indicator: technological, temporal, geographical, completeness, reliability in that order.
 * A process a line of r uses (r: the deterministic footprint of the same design, NULL for none)
 * takes that line's ratings (line_ratings[i] for line i); every other process of the supply
 * chains takes `other` (e.g. the footprint's aggregate, pcf_dqr_aggregate). Returns 0 or
 * PCF_ERR_NOMEM; pcf_unc_model_pedigree_count says how many exchanges it gave a distribution. */
PCF_EXTERN int pcf_unc_model_pedigree(pcf_unc_model *m, const pcf_result *r, const double (*line_ratings)[5],
                                      const double other[5], pcf_error *err);
PCF_EXTERN size_t pcf_unc_model_pedigree_count(const pcf_unc_model *m);
/* The GSD² of the default uncertainty for a basic factor and five ratings (1-3, as above). */
PCF_EXTERN double pcf_unc_pedigree_gsd2(double basic, const double ratings[5]);

/* One iteration: out[0] total, out[1 + stage] per stage (PCF_STAGE_COUNT + 1 doubles), kg CO2e.
 * exchanges = 0 keeps the data sets' amounts fixed (user inputs only). */
PCF_EXTERN int pcf_unc_model_draw(pcf_unc_model *m, uint64_t seed, uint64_t iteration, int exchanges, double *out,
                                  pcf_error *err);

/* ---- Monte Carlo and analytic results (uncertainty_run.c, uncertainty_analytic.c) ------------ */

typedef struct pcf_unc_stats {
  double mean, sd, p2_5, p50, p97_5, min, max;
} pcf_unc_stats;

/* At most this many iterations: a million draws give the 2.5 and 97.5 % percentiles to about three
 * digits, and keep the samples (48 bytes a draw) at 48 MB; beyond it a count is a typo or an
 * attack (2^62 draws overflowed the size of the sample array). */
#define PCF_UNC_MAX_ITERATIONS 1000000

typedef struct pcf_unc_options {
  size_t iterations; /* default 1000, at most PCF_UNC_MAX_ITERATIONS */
  uint64_t seed;     /* default 1 */
  int exchanges;     /* 1 (default): vary the data sets' exchanges; 0: user inputs only */
  int keep_samples;  /* 1: keep every iteration's values (pcf_unc_result_samples) */
} pcf_unc_options;
/* Start from this and set what differs: fields added later keep their defaults. */
#define PCF_UNC_OPTIONS_INIT                                                                                           \
  { .iterations = 1000, .seed = 1, .exchanges = 1, .keep_samples = 0 }

typedef struct pcf_unc_result {
  size_t iterations;
  size_t varied; /* uncertain quantities drawn (exchanges when varied, plus
                                              the user's inputs): 0 means nothing moved, and an sd
                                              of 0 says so, not that the footprint is certain */
  uint64_t seed;
  double seconds;                            /* wall time of the iterations */
  double deterministic[PCF_STAGE_COUNT + 1]; /* [0] total, [1 + stage] */
  pcf_unc_stats stats[PCF_STAGE_COUNT + 1];
  double *samples; /* iterations × (PCF_STAGE_COUNT + 1), or NULL */
} pcf_unc_result;

/* Runs options->iterations draws (PCF_ERR_INPUT above PCF_UNC_MAX_ITERATIONS). *out is the
 * caller's (pcf_unc_result_free). */
PCF_EXTERN int pcf_unc_run(pcf_unc_result **out, pcf_unc_model *m, const pcf_unc_options *options, pcf_error *err);
PCF_EXTERN void pcf_unc_result_free(pcf_unc_result *r);
/* Statistics of n values (sorted in place): mean, sample sd, percentiles by linear interpolation
 * between order statistics (Hyndman–Fan type 7). */
PCF_EXTERN void pcf_unc_stats_of(pcf_unc_stats *out, double *values, size_t n);

/* Common random numbers across variants: draws every model with the same seed and iteration,
 * so inputs they share (the same exchange of the same data set, the same user input key) take
 * the same value in all of them, and reports for each model i the probability that its total
 * is below model 0's, P(T_i < T_0) (p_below[0] = 0), plus each model's statistics when results
 * is not NULL (n_models results, freed by the caller). For `pcf compare --uncertainty N`: build
 * one model per variant file (pcf_unc_model_new), call this once, print p_below. */
PCF_EXTERN int pcf_unc_compare(double *p_below, pcf_unc_result **results, pcf_unc_model *const *models, size_t n_models,
                               const pcf_unc_options *options, pcf_error *err);

/* First-order (error) propagation around the deterministic point. For the total and each stage:
 *   mean ≈ T(x̄) + Σ_i g_i (E[x_i] − x̄_i),   Var ≈ Σ_i g_i² Var[x_i],   g_i = ∂T/∂x_i,
 * with g for the exchanges from the adjoint of the system (s = A⁻¹ f for the product's demand f,
 * y = A⁻ᵀ d): ∂T/∂a_ij = −y_i s_j for an entry of A, ∂T/∂d_j = s_j for a direct emission, plus
 * the product's own use of the foreground process; g for user inputs by central differences of
 * the footprint. On the log scale (the usual LCA practice for lognormal data): with elasticities
 * e_i = g_i x̄_i / T, (ln GSD_T)² = Σ e_i² σ_i², σ_i = ln GSD_i (pcf_dist_log_sd for others), and
 * GSD²_T = exp(2 ln GSD_T) — for two lognormal factors ln σ_T² = ln σ_1² + ln σ_2² on σ² = ln² GSD.
 * p2_5/p97_5 are T(x̄)/GSD²_T and T(x̄)·GSD²_T when T > 0, else mean ∓ 1.96 sd. */
typedef struct pcf_unc_analytic {
  double deterministic[PCF_STAGE_COUNT + 1];
  double mean[PCF_STAGE_COUNT + 1];
  double sd[PCF_STAGE_COUNT + 1];
  double gsd2[PCF_STAGE_COUNT + 1]; /* NaN when T ≤ 0 */
  double p2_5[PCF_STAGE_COUNT + 1], p97_5[PCF_STAGE_COUNT + 1];
  size_t inputs; /* uncertain inputs propagated */
  double seconds;
} pcf_unc_analytic;

PCF_EXTERN int pcf_unc_analytic_run(pcf_unc_analytic *out, pcf_unc_model *m, int exchanges, pcf_error *err);

/* What drives the spread, filled by pcf_unc_analytic_run: each uncertain input's first-order
 * contribution to the variance of the total, g_i² Var[x_i] (g_i = ∂T/∂x_i as above), and its
 * share of Σ_j g_j² Var[x_j] (the first-order variance: with independent inputs the shares add up
 * to 1). The PCF_UNC_DRIVERS largest are kept, largest first; inputs that add nothing are left
 * out. First order: where the total is far from linear in an input over its range (a wide
 * lognormal), the Monte Carlo's spread differs and the shares rank more than they measure. */
#define PCF_UNC_DRIVERS 10
typedef struct pcf_unc_driver {
  const char *name; /* the user's input ("bom.Body.scale") or an exchange ("<flow> in <process>") */
  int user;         /* 1: one of the user's inputs, 0: an exchange of the data */
  double variance;  /* g² Var x, (kg CO2e)² */
  double share;     /* of the first-order variance of the total, 0..1 */
} pcf_unc_driver;
PCF_EXTERN size_t pcf_unc_model_driver_count(const pcf_unc_model *m);
PCF_EXTERN const pcf_unc_driver *pcf_unc_model_driver(const pcf_unc_model *m, size_t i); /* borrowed from m */

/* Output. Return 0, PCF_ERR_IO or (JSON) PCF_ERR_NOMEM. analytic may be NULL; mc may be NULL. */
PCF_EXTERN int pcf_unc_write_text(FILE *out, const pcf_unc_model *m, const pcf_unc_result *mc,
                                  const pcf_unc_analytic *an);
PCF_EXTERN int pcf_unc_write_json(FILE *out, const pcf_unc_model *m, const pcf_unc_result *mc,
                                  const pcf_unc_analytic *an);

/* ---- access to the system for uncertainty (appended to system.c) ------------------------------ */

#ifdef __cplusplus
}
#endif
#endif
