/* Tests of the sparse LU solver (pcf/sparse.h) against small systems solved by hand.
 * Convention as in the product system: columns are processes, rows products, A s = f. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pcf/sparse.h"

#define TOL 1e-12

/* Two processes in a loop: process 1 needs 0.5 of product 2, process 2 needs 0.2 of product 1.
 *   A = [[ 1,   -0.2],
 *        [-0.5,  1  ]]
 * Demand f = (1, 0):  s1 - 0.2 s2 = 1 and s2 = 0.5 s1, so 0.9 s1 = 1:
 *   s = (1/0.9, 0.5/0.9) = (1.1111…, 0.5555…). */
Test(sparse, two_process_loop) {
  int32_t r[] = {0, 1, 0, 1}, c[] = {0, 0, 1, 1};
  double v[] = {1, -0.5, -0.2, 1};
  pcf_sparse *m = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_sparse_new(&m, 2, 4, r, c, v, &err), 0, "%s", err.message);
  double s[2] = {1, 0};
  cr_assert_eq(pcf_sparse_solve(m, 1, s, NULL, &err), 0, "%s", err.message);
  cr_assert_float_eq(s[0], 1 / 0.9, TOL);
  cr_assert_float_eq(s[1], 0.5 / 0.9, TOL);
  pcf_sparse_free(m);
}

/* Three processes in a loop 0 → 1 → 2 → 0, the diagonal of column 0 given as two entries:
 *   A = [[ 1,    0,  -0.5],      A(0,0) = 0.6 + 0.4 (duplicates summed)
 *        [-0.1,  1,   0  ],
 *        [ 0,   -2,   1  ]]
 * Demand e0: s1 = 0.1 s0, s2 = 2 s1 = 0.2 s0, s0 - 0.5·0.2 s0 = 1 → s0 = 1/0.9,
 *   s = (1/0.9, 0.1/0.9, 0.2/0.9).
 * Transposed, c = (2, 3, 5) (kg CO2e per unit of each process):
 *   y0 - 0.1 y1 = 2, y1 - 2 y2 = 3, -0.5 y0 + y2 = 5
 *   → y2 = 5 + 0.5 y0, y1 = 13 + y0, 0.9 y0 = 3.3 → y = (3.6667, 16.6667, 6.8333);
 *   and cᵀ s = (2 + 0.3 + 1)/0.9 = 3.6667 = yᵀ e0. */
static pcf_sparse *loop3(void) {
  int32_t r[] = {0, 0, 1, 1, 2, 2, 0};
  int32_t c[] = {0, 0, 0, 1, 1, 2, 2};
  double v[] = {0.6, 0.4, -0.1, 1, -2, 1, -0.5};
  pcf_sparse *m = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_sparse_new(&m, 3, 7, r, c, v, &err), 0, "%s", err.message);
  return m;
}

Test(sparse, three_process_loop_direct_and_transposed) {
  pcf_sparse *m = loop3();
  pcf_error err = {0};
  cr_assert_eq(pcf_sparse_n(m), 3);
  cr_assert_eq(pcf_sparse_nnz(m), 6);
  cr_assert_float_eq(pcf_sparse_get(m, 0, 0), 1.0, TOL);
  cr_assert_eq(pcf_sparse_get(m, 2, 0), 0.0);
  cr_assert_eq(pcf_sparse_get(m, 0, 2), -0.5);
  pcf_sparse_common common;
  pcf_sparse_common_init(&common);
  double s[3] = {1, 0, 0};
  cr_assert_eq(pcf_sparse_solve(m, 1, s, &common, &err), 0, "%s", err.message);
  cr_assert_float_eq(s[0], 1 / 0.9, TOL);
  cr_assert_float_eq(s[1], 0.1 / 0.9, TOL);
  cr_assert_float_eq(s[2], 0.2 / 0.9, TOL);
  cr_assert_eq(common.factorisations, 1);
  cr_assert(common.rcond > 0.01 && common.rcond <= 1, "rcond %g", common.rcond);
  double y[3] = {2, 3, 5};
  cr_assert_eq(pcf_sparse_solve_transposed(m, 1, y, &common, &err), 0, "%s", err.message);
  cr_assert_float_eq(y[0], 3.3 / 0.9, TOL);
  cr_assert_float_eq(y[1], 13 + 3.3 / 0.9, TOL);
  cr_assert_float_eq(y[2], 5 + 0.5 * 3.3 / 0.9, TOL);
  cr_assert_eq(common.factorisations, 1); /* factorised once for both solves */
  double cts = 2 * s[0] + 3 * s[1] + 5 * s[2];
  cr_assert_float_eq(cts, y[0], TOL); /* cᵀ s == yᵀ f */
  /* and for any demand, here f = (1, 2, 3): cᵀ A⁻¹ f == yᵀ f = 3.6667 + 33.3333 + 20.5 */
  double x[3] = {1, 2, 3};
  cr_assert_eq(pcf_sparse_solve(m, 1, x, &common, &err), 0);
  cr_assert_float_eq(2 * x[0] + 3 * x[1] + 5 * x[2], y[0] + 2 * y[1] + 3 * y[2], 1e-11);
  cr_assert_float_eq(y[0] + 2 * y[1] + 3 * y[2], 3.3 / 0.9 + 2 * (13 + 3.3 / 0.9) + 3 * (5 + 1.65 / 0.9), 1e-11);
  pcf_sparse_free(m);
}

/* Many right-hand sides: the three unit demands at once give A⁻¹; A · A⁻¹ = I. */
Test(sparse, many_right_hand_sides) {
  pcf_sparse *m = loop3();
  pcf_error err = {0};
  double x[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  cr_assert_eq(pcf_sparse_solve(m, 3, x, NULL, &err), 0);
  /* column 0 of A⁻¹ is s above; column 2 (demand e2): s0 = 0.5 s2 with s1 = 0.1 s0 and
   * s2 = 1 + 2 s1 = 1 + 0.1 s2 → s2 = 1/0.9, s0 = 0.5/0.9, s1 = 0.05/0.9 */
  cr_assert_float_eq(x[6], 0.5 / 0.9, TOL);
  cr_assert_float_eq(x[7], 0.05 / 0.9, TOL);
  cr_assert_float_eq(x[8], 1 / 0.9, TOL);
  for (int j = 0; j < 3; j++) {
    double col[3];
    pcf_sparse_multiply(m, 0, x + 3 * j, col);
    for (int i = 0; i < 3; i++) cr_assert_float_eq(col[i], i == j ? 1.0 : 0.0, TOL);
  }
  /* and Aᵀ y = c for three c at once agrees with one at a time */
  double c3[9] = {2, 3, 5, 1, 0, 0, 0, 0, 1};
  cr_assert_eq(pcf_sparse_solve_transposed(m, 3, c3, NULL, &err), 0);
  cr_assert_float_eq(c3[0], 3.3 / 0.9, TOL);
  double back[3];
  pcf_sparse_multiply(m, 1, c3 + 6, back);
  cr_assert_float_eq(back[2], 1.0, TOL);
  cr_assert_float_eq(back[0], 0.0, TOL);
  pcf_sparse_free(m);
}

/* New values, same pattern: A(1,0) = -0.2 instead of -0.1.
 *   s1 = 0.2 s0, s2 = 2 s1 = 0.4 s0, s0 - 0.5·0.4 s0 = 1 → s = (1.25, 0.25, 0.5). */
Test(sparse, refactor_with_new_values) {
  pcf_sparse *m = loop3();
  pcf_error err = {0};
  pcf_sparse_common common;
  pcf_sparse_common_init(&common);
  cr_assert_eq(pcf_sparse_factor(m, &common, &err), 0);
  cr_assert_eq(pcf_sparse_factor(m, &common, &err), 0); /* no-op */
  cr_assert_eq(common.factorisations, 1);
  double v[] = {0.6, 0.4, -0.2, 1, -2, 1, -0.5};
  cr_assert_eq(pcf_sparse_set_values(m, 7, v, &err), 0);
  double s[3] = {1, 0, 0};
  cr_assert_eq(pcf_sparse_solve(m, 1, s, &common, &err), 0, "%s", err.message);
  cr_assert_float_eq(s[0], 1.25, TOL);
  cr_assert_float_eq(s[1], 0.25, TOL);
  cr_assert_float_eq(s[2], 0.5, TOL);
  cr_assert_eq(common.refactorisations, 1);
  cr_assert_eq(common.refactored, 1);
  cr_assert_eq(common.factorisations, 1);
  cr_assert_eq(pcf_sparse_set_values(m, 6, v, &err), PCF_ERR_INPUT);
  v[3] = NAN;
  cr_assert_eq(pcf_sparse_set_values(m, 7, v, &err), PCF_ERR_INPUT);
  pcf_sparse_free(m);
}

/* The pivots of [[1,0],[0,1]] (explicit zeros stored) do not suit [[0,1],[1,0]]: the refactor
 * hits a zero pivot and a fresh factorisation takes over. [[0,1],[1,0]] x = (3,4) → x = (4,3). */
Test(sparse, refactor_falls_back_to_new_pivots) {
  int32_t r[] = {0, 1, 0, 1}, c[] = {0, 0, 1, 1};
  double v[] = {1, 0, 0, 1};
  pcf_sparse *m = NULL;
  pcf_error err = {0};
  pcf_sparse_common common;
  pcf_sparse_common_init(&common);
  cr_assert_eq(pcf_sparse_new(&m, 2, 4, r, c, v, &err), 0);
  cr_assert_eq(pcf_sparse_factor(m, &common, &err), 0);
  double w[] = {0, 1, 1, 0};
  cr_assert_eq(pcf_sparse_set_values(m, 4, w, &err), 0);
  double x[2] = {3, 4};
  cr_assert_eq(pcf_sparse_solve(m, 1, x, &common, &err), 0, "%s", err.message);
  cr_assert_float_eq(x[0], 4.0, TOL);
  cr_assert_float_eq(x[1], 3.0, TOL);
  cr_assert_eq(common.factorisations, 2);
  cr_assert_eq(pcf_sparse_singular_count(m), 0);
  pcf_sparse_free(m);
}

/* Column 1 has no entries (a process with no reference product): singular, column 1 named. */
Test(sparse, singular_empty_column) {
  int32_t r[] = {0, 2, 2}, c[] = {0, 0, 2};
  double v[] = {1, -0.3, 1};
  pcf_sparse *m = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_sparse_new(&m, 3, 3, r, c, v, &err), 0);
  double x[3] = {1, 0, 0};
  cr_assert_eq(pcf_sparse_solve(m, 1, x, NULL, &err), PCF_ERR_SINGULAR);
  cr_assert_eq(err.code, PCF_ERR_SINGULAR);
  cr_assert_eq(pcf_sparse_singular_count(m), 1);
  cr_assert_eq(pcf_sparse_singular_column(m, 0), 1);
  cr_assert(strstr(err.message, "column 1"), "%s", err.message);
  cr_assert_eq(pcf_sparse_singular_column(m, 5), -1);
  pcf_sparse_free(m);
}

/* Columns 0 and 1 of [[1,2,0],[2,4,0],[0,0,1]] are proportional (column 1 = 2 × column 0,
 * two processes with the same inputs per unit of output): det = 1·4 − 2·2 = 0. Elimination
 * leaves a zero pivot in column 1, which KLU reports; columns 0 and 1 need each other (a loop),
 * so both are named. Then explicit zero values in column 2 (pattern kept, values 0) are named as
 * a zero column. */
Test(sparse, singular_dependent_columns) {
  int32_t r[] = {0, 1, 0, 1, 2}, c[] = {0, 0, 1, 1, 2};
  double v[] = {1, 2, 2, 4, 1};
  pcf_sparse *m = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_sparse_new(&m, 3, 5, r, c, v, &err), 0);
  cr_assert_eq(pcf_sparse_factor(m, NULL, &err), PCF_ERR_SINGULAR);
  cr_assert_eq(pcf_sparse_singular_count(m), 2);
  cr_assert_eq(pcf_sparse_singular_column(m, 0), 0);
  cr_assert_eq(pcf_sparse_singular_column(m, 1), 1);
  double w[] = {1, 0, 0, 1, 0};
  cr_assert_eq(pcf_sparse_set_values(m, 5, w, &err), 0);
  cr_assert_eq(pcf_sparse_factor(m, NULL, &err), PCF_ERR_SINGULAR);
  cr_assert_eq(pcf_sparse_singular_count(m), 1);
  cr_assert_eq(pcf_sparse_singular_column(m, 0), 2);
  /* and healthy values again factorise */
  double ok[] = {1, 0, 0, 1, 1};
  cr_assert_eq(pcf_sparse_set_values(m, 5, ok, &err), 0);
  cr_assert_eq(pcf_sparse_factor(m, NULL, &err), 0);
  cr_assert_eq(pcf_sparse_singular_count(m), 0);
  pcf_sparse_free(m);
}

/* Nearly singular: [[1,1],[1,1+d]], d = 1e-15 as a double (2^-50 × 1.25 = 1.1102e-15), is one
 * loop. Per unit of each column (column 1 divided by 1 + d): B = [[1, a],[1, 1]], a = 1/(1 + d),
 * det B = 1 − a ≈ d. ‖B‖₁ = 2, B⁻¹ = [[1, −a],[−1, 1]] / det so ‖B⁻¹‖₁ = 2/d, and the condition
 * number is 4/d = 3.603e15: rcond = d/4 = 2.776e-16 < 1e-14. Both columns are named. With
 * rcond_min lowered to 1e-17 the same matrix is accepted. */
Test(sparse, near_singular_by_rcond) {
  int32_t r[] = {0, 1, 0, 1}, c[] = {0, 0, 1, 1};
  double v[] = {1, 1, 1, 1 + 1e-15};
  pcf_sparse *m = NULL;
  pcf_error err = {0};
  pcf_sparse_common common;
  pcf_sparse_common_init(&common);
  cr_assert_eq(pcf_sparse_new(&m, 2, 4, r, c, v, &err), 0);
  cr_assert_eq(pcf_sparse_factor(m, &common, &err), PCF_ERR_SINGULAR);
  double d = (1 + 1e-15) - 1;
  cr_assert_float_eq(common.rcond, d / 4, 1e-3 * d / 4, "rcond %g", common.rcond);
  cr_assert_float_eq(common.condest, 4 / d, 1e-3 * 4 / d);
  cr_assert_eq(pcf_sparse_singular_count(m), 2);
  cr_assert_eq(pcf_sparse_singular_column(m, 0), 0);
  cr_assert_eq(pcf_sparse_singular_column(m, 1), 1);
  cr_assert(strstr(err.message, "numerically singular"), "%s", err.message);
  common.rcond_min = 1e-17;
  cr_assert_eq(pcf_sparse_factor(m, &common, &err), 0);
  pcf_sparse_free(m);
}

/* A loop-free chain of tiny amounts is not ill-conditioned: nine processes, each making 1 of
 * its product and needing 1e-10 of the next one's (A(j+1, j) = −1e-10). Demand e0 gives
 * s_k = 1e-10^k exactly to rounding: s_8 = 1e-80. The same chain with 1e10 per level gives
 * s_8 = 1e80. Neither has a loop, so no condition to warn about (condest 1) and no refusal,
 * though the pivots of KLU's scaled rows span 1e-10 to 1. */
Test(sparse, loop_free_chain_of_tiny_and_huge_amounts) {
  for (int huge = 0; huge < 2; huge++) {
    int32_t r[17], c[17];
    double v[17];
    size_t k = 0;
    for (int32_t j = 0; j < 9; j++) {
      r[k] = j, c[k] = j, v[k++] = 1;
      if (j < 8) r[k] = j + 1, c[k] = j, v[k++] = huge ? -1e10 : -1e-10;
    }
    pcf_sparse *m = NULL;
    pcf_error err = {0};
    pcf_sparse_common common;
    pcf_sparse_common_init(&common);
    cr_assert_eq(pcf_sparse_new(&m, 9, k, r, c, v, &err), 0);
    double s[9] = {1, 0, 0, 0, 0, 0, 0, 0, 0};
    cr_assert_eq(pcf_sparse_solve(m, 1, s, &common, &err), 0, "%s", err.message);
    cr_assert_eq(pcf_sparse_loop_count(m), 0);
    cr_assert_eq(common.condest, 1);
    double expect = huge ? 1e80 : 1e-80;
    cr_assert_float_eq(s[8], expect, 1e-13 * expect, "s_8 = %.17g", s[8]);
    pcf_sparse_free(m);
  }
}

/* Loops as the block triangular form finds them: columns 0 ↔ 2 need each other, 1 is alone
 * (it needs 0's product), 3 → 4 → 5 → 3 is a second loop, 6 stands apart.
 *   loop {0, 2}: [[1, −0.5],[−0.5, 1]] per unit: ‖·‖₁ = 1.5, inverse [[1, 0.5],[0.5, 1]] / 0.75,
 *     ‖inverse‖₁ = 2, condition 3;
 *   loop {3, 4, 5}: each needs 0.5 of the next: I − 0.5 P (P a cyclic permutation), ‖·‖₁ = 1.5,
 *     inverse (I + 0.5 P + 0.25 P²) / (1 − 0.125), ‖inverse‖₁ = 1.75 / 0.875 = 2, condition 3. */
Test(sparse, loops_found_and_judged_alone) {
  int32_t r[] = {0, 2, 1, 0, 2, 0, 3, 4, 4, 5, 5, 3, 6};
  int32_t c[] = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6};
  double v[] = {1, -0.5, 1, -1, 1, -0.5, 1, -0.5, 1, -0.5, 1, -0.5, 1};
  pcf_sparse *m = NULL;
  pcf_error err = {0};
  pcf_sparse_common common;
  pcf_sparse_common_init(&common);
  cr_assert_eq(pcf_sparse_new(&m, 7, 13, r, c, v, &err), 0);
  cr_assert_eq(pcf_sparse_factor(m, &common, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_sparse_loop_count(m), 2);
  cr_assert_eq(pcf_sparse_loop_of(m, 1), -1);
  cr_assert_eq(pcf_sparse_loop_of(m, 6), -1);
  long a = pcf_sparse_loop_of(m, 0), b = pcf_sparse_loop_of(m, 3);
  cr_assert(a >= 0 && b >= 0 && a != b);
  cr_assert_eq(pcf_sparse_loop_of(m, 2), a);
  cr_assert_eq(pcf_sparse_loop_of(m, 5), b);
  size_t n;
  const int32_t *cols = pcf_sparse_loop_columns(m, (size_t)a, &n);
  cr_assert_eq(n, 2);
  cr_assert_eq(cols[0], 0);
  cr_assert_eq(cols[1], 2);
  cols = pcf_sparse_loop_columns(m, (size_t)b, &n);
  cr_assert_eq(n, 3);
  cr_assert(cols[0] == 3 && cols[1] == 4 && cols[2] == 5);
  cr_assert_float_eq(pcf_sparse_loop_condest(m, (size_t)a), 3, 1e-12);
  cr_assert_float_eq(pcf_sparse_loop_condest(m, (size_t)b), 3, 1e-12);
  cr_assert_float_eq(common.condest, 3, 1e-12);
  cr_assert_null(pcf_sparse_loop_columns(m, 2, &n));
  cr_assert_eq(n, 0);
  pcf_sparse_free(m);
}

Test(sparse, bad_input) {
  pcf_sparse *m = NULL;
  pcf_error err = {0};
  int32_t r[] = {0, 2}, c[] = {0, 1};
  double v[] = {1, 1};
  cr_assert_eq(pcf_sparse_new(&m, 2, 2, r, c, v, &err), PCF_ERR_INPUT);
  cr_assert_null(m);
  cr_assert_eq(pcf_sparse_new(&m, 0, 0, r, c, v, &err), PCF_ERR_INPUT);
  r[1] = 1;
  v[1] = INFINITY;
  cr_assert_eq(pcf_sparse_new(&m, 2, 2, r, c, v, &err), PCF_ERR_INPUT);
  c[0] = -1;
  v[1] = 1;
  cr_assert_eq(pcf_sparse_new(&m, 2, 2, r, c, v, &err), PCF_ERR_INPUT);
  pcf_sparse_free(NULL);
}

/* A longer chain with loops: n processes, each making 1 of its product and needing 0.3 of the
 * next one's and 0.2 of the previous one's (periodic). Column sums are 1 − 0.5 = 0.5, so with
 * f = 1 everywhere s = 2 everywhere (every row reads s_i − 0.3 s_{i−1} − 0.2 s_{i+1} = 1). */
Test(sparse, periodic_chain) {
  const int32_t n = 5000;
  int32_t *r = malloc(3 * (size_t)n * sizeof *r), *c = malloc(3 * (size_t)n * sizeof *c);
  double *v = malloc(3 * (size_t)n * sizeof *v), *x = malloc((size_t)n * sizeof *x);
  for (int32_t j = 0; j < n; j++) {
    r[3 * j] = j, c[3 * j] = j, v[3 * j] = 1;
    r[3 * j + 1] = (j + 1) % n, c[3 * j + 1] = j, v[3 * j + 1] = -0.3;
    r[3 * j + 2] = (j + n - 1) % n, c[3 * j + 2] = j, v[3 * j + 2] = -0.2;
    x[j] = 1;
  }
  pcf_sparse *m = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_sparse_new(&m, n, 3 * (size_t)n, r, c, v, &err), 0);
  cr_assert_eq(pcf_sparse_solve(m, 1, x, NULL, &err), 0, "%s", err.message);
  for (int32_t j = 0; j < n; j++) cr_assert_float_eq(x[j], 2.0, 1e-10);
  pcf_sparse_free(m);
  free(r), free(c), free(v), free(x);
}
