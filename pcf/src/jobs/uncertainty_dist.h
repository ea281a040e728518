/* uncertainty_dist.h: random numbers and probability distributions of the uncertainty models
 * (rng.c, uncertainty_dist.c), private to them and their tests. */
#ifndef PCF_UNCERTAINTY_DIST_H
#define PCF_UNCERTAINTY_DIST_H

#include <ilcd/ilcd.h>
#include <stddef.h>
#include <stdint.h>

#include "pcf/error.h"

/* ---- random numbers (rng.c) ------------------------------------------------------------------ */

/* xoshiro256** 1.0 (Blackman and Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47(4), 2021; reference code at prng.di.unimi.it), state seeded by SplitMix64. */
typedef struct pcf_rng {
  uint64_t s[4];
} pcf_rng;

/* Seeds the state with four SplitMix64 outputs from seed. */
void pcf_rng_seed(pcf_rng *rng, uint64_t seed);
/* Seeds for the draw of input key at iteration (see the header comment). */
void pcf_rng_seed_keyed(pcf_rng *rng, uint64_t seed, uint64_t key, uint64_t iteration);
/* The same in parts, for a stream redrawn at every iteration: pcf_rng_seed_keyed(seed, key, i) is
 * pcf_rng_seed_mixed(pcf_rng_key_mix(seed, key), pcf_rng_iteration_mix(i)), the first mixed once
 * per stream and the second once per iteration. */
uint64_t pcf_rng_key_mix(uint64_t seed, uint64_t key);
uint64_t pcf_rng_iteration_mix(uint64_t iteration);
void pcf_rng_seed_mixed(pcf_rng *rng, uint64_t key_mix, uint64_t iteration_mix);
uint64_t pcf_rng_next(pcf_rng *rng);
/* Uniform in the open interval (0, 1): (53 random bits + 0.5) / 2^53. */
double pcf_rng_uniform(pcf_rng *rng);
/* FNV-1a 64 of a string (input keys). */
uint64_t pcf_rng_hash(const char *text, size_t length);

/* Standard normal quantile Φ⁻¹(p), 0 < p < 1: Wichura's algorithm AS 241 (PPND16, Applied
 * Statistics 37(3), 1988), relative error about 1e-16. */
double pcf_normal_quantile(double p);
/* exp and natural log from basic operations only (same bits everywhere), accurate to a few ulp. */
double pcf_exp(double x);
double pcf_log(double x);

/* ---- distributions (uncertainty_dist.c) ------------------------------------------------------ */

typedef enum pcf_dist_kind {
  PCF_DIST_NONE = 0,   /* deterministic: value a */
  PCF_DIST_LOGNORMAL,  /* median a = exp(μ), b = σ of ln x; a > 0 */
  PCF_DIST_NORMAL,     /* mean a, standard deviation b */
  PCF_DIST_TRIANGULAR, /* minimum a, mode b, maximum c */
  PCF_DIST_UNIFORM     /* minimum a, maximum c */
} pcf_dist_kind;

typedef struct pcf_dist {
  pcf_dist_kind kind;
  double a, b, c;
} pcf_dist;

/* The distribution of an exchange's resultingAmount as ILCD defines it:
 *  - log-normal: relativeStandardDeviation95In holds SDg², "Mean value times SDg² equals the
 *    97.5 % value, mean value divided by SDg² the 2.5 % value": the mean amount is the geometric
 *    mean (median) and σ = ln(SDg²) / 2 (the ±2σ convention of the ILCD/ecoinvent pedigree
 *    practice);
 *  - normal: relativeStandardDeviation95In holds 2·SD in % of the mean ("mean value plus 2·SD
 *    equals the 97.5 % value"): SD = |mean| · rsd / 200;
 *  - triangular: between minimumAmount and maximumAmount "with the highest probability at the
 *    average value of minimum plus maximum value": mode = (min + max) / 2;
 *  - uniform: between minimumAmount and maximumAmount.
 * min/max are stated on meanAmount; they are scaled by resultingAmount / meanAmount when the two
 * differ (parameterised amounts). Exchanges without a usable description (type not given or
 * "undefined", SDg² < 1 or missing, min > max, zero amount for log-normal, sign change for
 * log-normal) are deterministic: kind NONE, and *why (when not NULL) says why ("" when the
 * exchange simply declares none). Returns the kind. */
pcf_dist_kind pcf_dist_from_exchange(pcf_dist *out, const ilcd_exchange *ex, const char **why);

/* Parses a user distribution: "lognormal [MEDIAN] GSD2", "normal MEAN SD",
 * "triangular MIN MODE MAX", "uniform MIN MAX", or a plain number, each optionally followed by a
 * unit that is copied into unit (unit_size bytes, "" when none). MEDIAN defaults to 1 (a
 * multiplicative factor, as for bom.X.scale). Returns 0 or PCF_ERR_PARSE (err names text). */
int pcf_dist_parse(pcf_dist *out, const char *text, char *unit, size_t unit_size, pcf_error *err);

/* A draw from d with uniform u in (0, 1) (inverse transform: one uniform per draw, so that a
 * common random number maps to the same quantile in every variant). Lognormal values carry the
 * sign of a (negative amounts: sign × lognormal of |a|). */
double pcf_dist_quantile(const pcf_dist *d, double u);
double pcf_dist_mean(const pcf_dist *d);
double pcf_dist_variance(const pcf_dist *d);
/* Standard deviation of ln x for a positive quantity: σ for lognormal, first order sd/mean else. */
double pcf_dist_log_sd(const pcf_dist *d);

/* ---- user inputs (uncertainty_inputs.c) ---------------------------------------------------- */

typedef struct pcf_unc_input {
  char section[64];
  char key[192];
  char unit[32];
  pcf_dist dist;
  uint64_t hash;  /* of "section.key": its random stream */
  long line;      /* in the inputs file */
  char text[128]; /* the distribution as written (messages), truncated */
} pcf_unc_input;

struct pcf_unc_inputs {
  size_t count;
  pcf_unc_input *items;
  char *path; /* the file read */
};

#endif
