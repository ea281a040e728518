/* system_check.c: checks on the solved technosphere so that an ill-posed product system gives an
 * error or a warning, never a confident number (see system_check.h and the rules in
 * pcf/system.h). The CFP of the product system (ISO 14067:2018, 6.3) is computed with the matrix
 * method of LCA practice (Heijungs and Suh, The Computational Structure of Life Cycle
 * Assessment, 2002: a technology matrix with loops is solved, but must be productive for
 * the scaling to be non-negative); these checks are where that method can fail. */
#include "system_check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t pcf__system_own_flow(const ilcd_process *p, const ilcd_exchange *ref, double *made, double *taken) {
  size_t count = 0;
  *made = *taken = 0;
  for (size_t i = 0; ref && ref->flow.valid && i < p->n_exchanges; i++) {
    const ilcd_exchange *ex = &p->exchanges[i];
    if (!ex->flow.valid || !ilcd_uuid_equal(&ex->flow.uuid, &ref->flow.uuid)) continue;
    count++;
    if (ex->direction == ref->direction)
      *made += ex->resulting_amount;
    else
      *taken += ex->resulting_amount;
  }
  return count;
}

char *pcf__system_names(char *buf, size_t size, const int32_t *cols, size_t count, size_t most,
                        const ilcd_process *const *provider) {
  size_t used = strlen(buf);
  for (size_t i = 0; i < count && i < most && used + 1 < size; i++) {
    char id[40];
    const ilcd_process *p = provider[cols[i]];
    used += (size_t)snprintf(buf + used, size - used, "%s%s \"%.80s\"", i ? "; " : "", ilcd_uuid_format(&p->uuid, id),
                             p->name);
  }
  if (count > most && used + 1 < size) snprintf(buf + used, size - used, "; ... (%zu in all)", count);
  return buf;
}

/* The loop of column j in m, or j alone when it is on none. */
static const int32_t *loop_or_column(const pcf_sparse *m, int32_t *j, size_t *count) {
  long loop = pcf_sparse_loop_of(m, *j);
  if (loop >= 0) return pcf_sparse_loop_columns(m, (size_t)loop, count);
  *count = 1;
  return j;
}

int pcf__system_singular_error(const pcf_sparse *a, const ilcd_process *const *provider, pcf_error *err) {
  char names[520] = "";
  size_t n = pcf_sparse_singular_count(a);
  int32_t first = n ? pcf_sparse_singular_column(a, 0) : -1;
  if (first >= 0 && pcf_sparse_loop_of(a, first) >= 0) {
    size_t count;
    const int32_t *cols = loop_or_column(a, &first, &count);
    pcf__system_names(names, sizeof names, cols, count, 5, provider);
    return pcf_error_set(err, PCF_ERR_SINGULAR, NULL, 0,
                         "a loop of %zu processes that supply each other makes no more than it takes in "
                         "(its matrix is singular or too ill-conditioned to solve): no amount of them meets a "
                         "demand. Check their exchange amounts: %s",
                         count, names);
  }
  int32_t *cols = malloc((n ? n : 1) * sizeof *cols);
  if (!cols) return pcf_error_nomem(err);
  for (size_t i = 0; i < n; i++) cols[i] = pcf_sparse_singular_column(a, i);
  pcf__system_names(names, sizeof names, cols, n, 5, provider);
  free(cols);
  return pcf_error_set(err, PCF_ERR_SINGULAR, NULL, 0,
                       "the technosphere matrix is singular: %s provide%s nothing net of %s reference product%s", names,
                       n == 1 ? "s" : "", n == 1 ? "its" : "their", n == 1 ? "" : "s");
}

int pcf__system_check_productive(pcf_sparse *a, size_t n, size_t count, const int32_t *rows, const int32_t *cols,
                                 const double *vals, const ilcd_process *const *provider, pcf_error *err) {
  /* B: A's diagonal and negative (summed) off-diagonal entries, as triplets in A's order. */
  int32_t *br = malloc((count ? count : 1) * sizeof *br), *bc = malloc((count ? count : 1) * sizeof *bc);
  double *bv = malloc((count ? count : 1) * sizeof *bv), *x = malloc(n * sizeof *x);
  pcf_sparse *b = NULL;
  int rc = 0;
  if (!br || !bc || !bv || !x) {
    rc = pcf_error_nomem(err);
    goto done;
  }
  size_t kept = 0;
  for (size_t k = 0; k < count; k++) {
    if (rows[k] != cols[k] && !(pcf_sparse_get(a, rows[k], cols[k]) < 0)) continue;
    br[kept] = rows[k], bc[kept] = cols[k], bv[kept++] = vals[k];
  }
  for (size_t j = 0; j < n; j++) x[j] = 1;
  pcf_sparse *solver = a;
  if (kept < count) { /* co-products: B differs from A and gets a factorisation of its own */
    rc = pcf_sparse_new(&b, (int32_t)n, kept, br, bc, bv, err);
    if (!rc) rc = pcf_sparse_factor(b, NULL, err);
    if (rc == PCF_ERR_SINGULAR) {
      /* A is regular only thanks to co-product credits: the consumption loop alone is singular. */
      int32_t j = pcf_sparse_singular_column(b, 0);
      size_t nc;
      const int32_t *loop = j >= 0 ? loop_or_column(b, &j, &nc) : NULL;
      char names[520] = "";
      if (loop) pcf__system_names(names, sizeof names, loop, nc, 5, provider);
      rc = pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                         "a loop of processes takes in as much of its own products as it makes, once the "
                         "co-products that replace other providers are set aside: %s",
                         names);
      goto done;
    }
    if (rc) goto done;
    solver = b;
  }
  if ((rc = pcf_sparse_solve(solver, 1, x, NULL, err))) goto done;
  for (size_t j = 0; j < n; j++) {
    if (x[j] > 0) continue;
    /* Negative (or not finite): name the loop it comes from, the first bad column on a loop. */
    size_t bad = j;
    for (size_t i = j; i < n; i++)
      if (!(x[i] > 0) && pcf_sparse_loop_of(solver, (int32_t)i) >= 0) {
        bad = i;
        break;
      }
    int32_t col = (int32_t)bad;
    size_t nc;
    const int32_t *loop = loop_or_column(solver, &col, &nc);
    char names[520] = "";
    pcf__system_names(names, sizeof names, loop, nc, 5, provider);
    rc = pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                       "a loop of %zu processes needs more of its own products than it makes: meeting any demand "
                       "would take negative amounts of them (for one unit of every product, \"%.80s\" would run "
                       "%.4g times), so no footprint can be given. Check their exchange amounts: %s",
                       nc, provider[bad]->name, x[bad], names);
    break;
  }
done:
  pcf_sparse_free(b);
  free(br);
  free(bc);
  free(bv);
  free(x);
  return rc;
}

int pcf__system_check_finite(const double *v, size_t nk, size_t n, const ilcd_process *const *provider,
                             const char *what, pcf_error *err) {
  for (size_t k = 0; k < nk; k++)
    for (size_t j = 0; j < n; j++) {
      if (isfinite(v[k * n + j])) continue;
      char id[40];
      return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                           "the %s of process %s \"%.80s\" is beyond the range of numbers (%g): its supply chain "
                           "multiplies amounts past 1e308. Check the units of its exchanges",
                           what, ilcd_uuid_format(&provider[j]->uuid, id), provider[j]->name, v[k * n + j]);
    }
  return 0;
}
