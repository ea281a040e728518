/* sparse.h: square sparse matrices and their LU factorisation, for the technosphere.
 *
 * A matrix is built once from triplets (row, column, value; duplicates summed), stored in
 * compressed-column form with 32-bit indices, and factorised with SuiteSparse KLU: the symbolic
 * analysis (ordering) is done once per pattern, the numeric factorisation once per set of
 * values. After pcf_sparse_set_values() gives new values for the same triplets (a variant, an
 * uncertainty sample), the next factorisation reuses the pivot order (klu_refactor) and falls
 * back to a full factorisation when the old pivots no longer suit the new values.
 *
 * In the product system, A's columns are processes and its rows products: A s = f gives the
 * scaling vector s for a final demand f (pcf_sparse_solve), and Aᵀ y = c gives the
 * "intensities" y for a row of characterised emissions c (pcf_sparse_solve_transposed), so that
 * cᵀ s = yᵀ f for every f.
 *
 * Loops. The block triangular form KLU orders the matrix into (BTF) has one diagonal block per
 * strongly connected set of columns: a block of two columns or more is a LOOP (processes that
 * need, directly or through others, each other's products); the blocks between loops form a
 * triangular, loop-free system. Only loops can make a regular-looking matrix ill-conditioned in a
 * way that matters: a loop-free chain is solved by substitution and its tiny or huge amounts per
 * level (1e-10 of the next product per unit, eight levels deep) are exact to rounding. So each
 * loop is judged alone: its block, every column divided by its diagonal entry (per unit of what
 * the column provides, so that units do not count), gets a 1-norm condition estimate
 * (klu_condest, Hager and Higham). A matrix with a zero pivot, or with a loop whose reciprocal
 * condition estimate is below pcf_sparse_common.rcond_min, is PCF_ERR_SINGULAR; the columns to
 * blame (the loop's) are available through pcf_sparse_singular_column() so that the caller can
 * name the processes, and the loops and their estimates through pcf_sparse_loop_*().
 *
 * Ownership: a pcf_sparse is the caller's (pcf_sparse_new / pcf_sparse_free); arrays passed in
 * are copied or only read during the call; right-hand sides are overwritten in place.
 */
#ifndef PCF_SPARSE_H
#define PCF_SPARSE_H

#include "pcf/export.h"

#include <stddef.h>
#include <stdint.h>

#include "pcf/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pcf_sparse pcf_sparse;

/* Settings and statistics, caller-owned (as KLU's klu_common): initialise with
 * pcf_sparse_common_init(), change the settings, pass to the calls that factorise, read the
 * statistics afterwards. NULL wherever one is accepted means the defaults. */
typedef struct pcf_sparse_common {
  /* settings */
  double rcond_min; /* reciprocal condition estimate of a loop below which the matrix counts as
                       singular; default 1e-14 */
  /* statistics, written by pcf_sparse_factor (and by solves that factorise) */
  double condest;           /* the largest condition estimate of a loop of the last factorisation (1
                            without loops; INFINITY for a singular loop), NaN if none */
  double rcond;             /* 1 / condest */
  int refactored;           /* 1 when the last factorisation reused the pivot order (klu_refactor) */
  size_t factorisations;    /* full numeric factorisations done with this struct */
  size_t refactorisations;  /* pivot-reusing refactorisations done with this struct */
  size_t memory_peak_bytes; /* KLU's peak memory use over the calls */
} pcf_sparse_common;

/* Sets the defaults and clears the statistics. */
PCF_EXTERN void pcf_sparse_common_init(pcf_sparse_common *common);

/* Builds the n × n matrix with entries A(rows[k], cols[k]) += values[k] for k < count
 * (duplicates summed, explicit zeros kept in the pattern so that later values may fill them).
 * Indices are 0-based. The arrays (count elements each) are read only during the call; the
 * triplet order is remembered for pcf_sparse_set_values(). On success *out is the caller's,
 * freed with pcf_sparse_free(). Returns 0; PCF_ERR_INPUT when n < 1, an index is outside
 * 0..n-1, a value is not finite, or count exceeds INT32_MAX; PCF_ERR_NOMEM. */
PCF_EXTERN int pcf_sparse_new(pcf_sparse **out, int32_t n, size_t count, const int32_t *rows, const int32_t *cols,
                              const double *values, pcf_error *err);

/* Frees the matrix and its factorisation. Accepts NULL. */
PCF_EXTERN void pcf_sparse_free(pcf_sparse *m);

/* Order n of the matrix. */
PCF_EXTERN int32_t pcf_sparse_n(const pcf_sparse *m);

/* Stored entries after summing duplicates. */
PCF_EXTERN size_t pcf_sparse_nnz(const pcf_sparse *m);

/* A(i, j) (0 when not stored; i, j < n). */
PCF_EXTERN double pcf_sparse_get(const pcf_sparse *m, int32_t i, int32_t j);

/* Replaces the values: values[k] (count elements, the count and order given to
 * pcf_sparse_new) now stands for triplet k, duplicates again summed. The pattern is unchanged,
 * so the next factorisation reuses the symbolic analysis and tries the old pivot order.
 * Returns 0, or PCF_ERR_INPUT (count differs, a value not finite; the matrix is unchanged). */
PCF_EXTERN int pcf_sparse_set_values(pcf_sparse *m, size_t count, const double *values, pcf_error *err);

/* Factorises the current values: analyses the pattern the first time, then klu_factor, or
 * klu_refactor when a factorisation of the same pattern exists (falling back to klu_factor if
 * the reused pivots give a singular or poorly pivoted result), and estimates the condition of
 * every loop. A no-op when the current values are already factorised. Returns 0;
 * PCF_ERR_SINGULAR when KLU finds a zero pivot or a loop's reciprocal condition estimate is
 * below common->rcond_min (err names the columns, also available through
 * pcf_sparse_singular_column()); PCF_ERR_NOMEM; PCF_ERR_INTERNAL for another KLU failure. */
PCF_EXTERN int pcf_sparse_factor(pcf_sparse *m, pcf_sparse_common *common, pcf_error *err);

/* Solves A X = B for nrhs right-hand sides stored column after column in b (n × nrhs doubles),
 * overwriting b with X. Factorises first when needed (see pcf_sparse_factor, same returns). */
PCF_EXTERN int pcf_sparse_solve(pcf_sparse *m, size_t nrhs, double *b, pcf_sparse_common *common, pcf_error *err);

/* Solves Aᵀ Y = C likewise (klu_tsolve), with the same factorisation. */
PCF_EXTERN int pcf_sparse_solve_transposed(pcf_sparse *m, size_t nrhs, double *c, pcf_sparse_common *common,
                                           pcf_error *err);

/* y = A x (transposed != 0: y = Aᵀ x); x and y hold n doubles each and must not overlap. For
 * residual checks. */
PCF_EXTERN void pcf_sparse_multiply(const pcf_sparse *m, int transposed, const double *x, double *y);

/* After PCF_ERR_SINGULAR: the columns to blame, in increasing order. These are the columns
 * whose entries are all zero when there are any; otherwise, for an ill-conditioned loop, the
 * loop's columns; otherwise the column KLU found without a usable pivot. Count is 0 when the
 * last factorisation succeeded. */
PCF_EXTERN size_t pcf_sparse_singular_count(const pcf_sparse *m);
PCF_EXTERN int32_t pcf_sparse_singular_column(const pcf_sparse *m, size_t i);

/* The loops (see above), known once the matrix has been factorised or tried: how many, the
 * columns of loop i in increasing order (*count of them; NULL and 0 for no such loop), the loop
 * column j is on (-1: none, j is not on any loop), and loop i's condition estimate from the last
 * factorisation (NaN when not computed, INFINITY when the loop is singular). */
PCF_EXTERN size_t pcf_sparse_loop_count(const pcf_sparse *m);
PCF_EXTERN const int32_t *pcf_sparse_loop_columns(const pcf_sparse *m, size_t i, size_t *count);
PCF_EXTERN long pcf_sparse_loop_of(const pcf_sparse *m, int32_t j);
PCF_EXTERN double pcf_sparse_loop_condest(const pcf_sparse *m, size_t i);

#ifdef __cplusplus
}
#endif

#endif
