/* system_check.h: the checks that keep an ill-posed product system from giving a confident
 * number (private to the engine; the rules are stated in pcf/system.h): loops that would run at
 * negative activity, singular loops named as loops, results that overflow, and processes that
 * take in their own reference product. */
#ifndef PCF_SYSTEM_CHECK_H
#define PCF_SYSTEM_CHECK_H

#include <ilcd/ilcd.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pcf/error.h"
#include "pcf/sparse.h"
#include "pcf/system.h"

typedef struct pcf_role_flow {
  const ilcd_flow *flow;
  const char *unit;
} pcf_role_flow;

/* How much of its reference flow p makes and takes in: *made sums its exchanges of that flow in
 * the reference exchange's direction, *taken those in the other direction (ref: p's reference
 * exchange). Returns how many exchanges name the flow (1: the reference exchange alone). */
size_t pcf__system_own_flow(const ilcd_process *p, const ilcd_exchange *ref, double *made, double *taken);

/* After the factorisation of A (n columns, providers provider[j]; the triplets it was built
 * from): every loop of consumption links must be productive, i.e. make more than it takes in.
 * With B the matrix A without its positive off-diagonal entries (co-products that substitute
 * another provider), B is a Z-matrix and it is productive exactly when B⁻¹ ≥ 0, which holds
 * exactly when x = B⁻¹ 1 is positive (Berman and Plemmons, Nonnegative Matrices in the
 * Mathematical Sciences, 1994, ch. 6, theorem 2.3: a Z-matrix with x ≥ 0 and Bx > 0 is a
 * nonsingular M-matrix). One solve decides; a negative or non-finite x_j names the loop of j.
 * Returns 0, PCF_ERR_INPUT (err names the loop's processes), PCF_ERR_NOMEM. */
int pcf__system_check_productive(pcf_sparse *a, size_t n, size_t count, const int32_t *rows, const int32_t *cols,
                                 const double *vals, const ilcd_process *const *provider, pcf_error *err);

/* Rewrites err after pcf_sparse_factor returned PCF_ERR_SINGULAR for A: the loop whose processes
 * make no more than they take in, or the process with no net output. Returns PCF_ERR_SINGULAR. */
int pcf__system_singular_error(const pcf_sparse *a, const ilcd_process *const *provider, pcf_error *err);

/* Every v[k * n + j] finite (k < nk, j < n), else PCF_ERR_INPUT naming provider j: its supply
 * chain multiplies amounts beyond the range of a double. */
int pcf__system_check_finite(const double *v, size_t nk, size_t n, const ilcd_process *const *provider,
                             const char *what, pcf_error *err);

/* Appends the names of processes provider[cols[i]] (i < count, at most `most` of them, then
 * how many in all) to buf as `uuid "name"; ...`. Returns buf. */
char *pcf__system_names(char *buf, size_t size, const int32_t *cols, size_t count, size_t most,
                        const ilcd_process *const *provider);

/* Whether provider j of the solution has exchanges of its reference flow besides the reference
 * exchange (its diagonal entry differs from the reference amount): cheap, for the hotspot loop. */
int pcf__solution_own_input(const pcf_solution *x, size_t j);

/* The values pcf_solution_unit_values gives for the provider of column col (pcf_system_column of
 * the process), read straight from the intensities when the column is in the solution: 0, else -1
 * (the caller takes the general path). For a batch's every line. */
int pcf__solution_column_values(const pcf_solution *x, long col, double *out);

/* Whether every column of the system is in x (a solution of the whole database): the chains of
 * every process lie in it. */
int pcf__solution_whole(const pcf_solution *x);

/* The process that would provide flow but takes in at least as much of it as it makes (so it
 * provides nothing and the flow is cut off), or NULL. Recorded by pcf_system_new. */
const ilcd_process *pcf__system_self_consumer(const pcf_system *s, const ilcd_uuid *flow);

/* The flows of the exchange roles (pcf_system_exchange_roles), numbered densely by
 * pcf_system_finish, so a footprint sums its flow lists in arrays rather than in a hash per
 * product: flow is the loaded dataset (NULL when not loaded), unit its reference unit ("?" when it
 * has none or is not loaded). */
size_t pcf__system_role_flow_count(const pcf_system *s);
const pcf_role_flow *pcf__system_role_flow(const pcf_system *s, size_t i);
/* The flow numbers of column j's roles, in the order of pcf_system_exchange_roles. */
const uint32_t *pcf__system_role_flows(const pcf_system *s, size_t j);
/* Whether column j's provider names its reference flow in several exchanges (pcf__system_own_flow
 * of its reference exchange is 2 or more): only such a provider can take in its own product. */
bool pcf__system_takes_own(const pcf_system *s, size_t j);
/* The UUID of column j's provider, kept beside the others (a chain's walk reads no dataset). */
const ilcd_uuid *pcf__system_column_uuid(const pcf_system *s, size_t j);
/* pcf_system_note of column j's provider, found once. */
const char *pcf__system_column_note(const pcf_system *s, size_t j);

#endif
