/* sparse.c: compressed-column matrices from triplets, factorised and solved with SuiteSparse
 * KLU (analyse once per pattern, factor or refactor once per set of values, solve many
 * right-hand sides), with singular columns reported for the caller to name (see
 * pcf/sparse.h). This is the solve step of the product system: ISO 14067 leaves the
 * computation to the LCA practice of scaling the technosphere, A s = f.
 */
#include "pcf/sparse.h"

#include <klu.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Right-hand sides per KLU call: keeps ldim * nrhs far from INT_MAX for any n. */
#define RHS_CHUNK 256

struct pcf_sparse {
  int n;
  int nnz;
  int *Ap;          /* n + 1 column pointers */
  int *Ai;          /* nnz row indices, sorted within each column */
  double *Ax;       /* nnz values */
  size_t ntriplets;
  int *tmap;        /* triplet k → its slot in Ai/Ax */
  klu_common klu;
  klu_symbolic *symbolic;
  klu_numeric *numeric;
  int factored;     /* numeric holds the factors of the current Ax */
  int *singular;    /* columns to blame after PCF_ERR_SINGULAR */
  size_t nsingular;
};

void pcf_sparse_common_init(pcf_sparse_common *common)
{
  memset(common, 0, sizeof *common);
  common->rcond_min = 1e-14;
  common->rcond = NAN;
}

static int check_triplets(int32_t n, size_t count, const int32_t *rows, const int32_t *cols,
                          const double *values, pcf_error *err)
{
  for (size_t k = 0; k < count; k++) {
    if (rows && cols && (rows[k] < 0 || rows[k] >= n || cols[k] < 0 || cols[k] >= n))
      return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                           "sparse matrix: entry %zu at (%ld, %ld) is outside the %ld x %ld matrix",
                           k, (long)rows[k], (long)cols[k], (long)n, (long)n);
    if (!isfinite(values[k]))
      return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                           "sparse matrix: entry %zu at (%ld, %ld) is not a finite number", k,
                           rows ? (long)rows[k] : -1L, cols ? (long)cols[k] : -1L);
  }
  return 0;
}

/* Sorts the triplets by column, then row (two stable bucket passes), merges duplicates into
 * slots, and fills Ap, Ai and tmap. Ax is filled by load_values. */
static int build_pattern(pcf_sparse *m, const int32_t *rows, const int32_t *cols)
{
  size_t count = m->ntriplets, n = (size_t)m->n;
  int *start = calloc(n + 1, sizeof *start);
  int *by_row = malloc((count ? count : 1) * sizeof *by_row);
  int *by_col = malloc((count ? count : 1) * sizeof *by_col);
  int rc = PCF_ERR_NOMEM;
  if (!start || !by_row || !by_col)
    goto cleanup;
  for (size_t k = 0; k < count; k++)
    start[rows[k] + 1]++;
  for (size_t i = 0; i < n; i++)
    start[i + 1] += start[i];
  for (size_t k = 0; k < count; k++)
    by_row[start[rows[k]]++] = (int)k;
  memset(start, 0, (n + 1) * sizeof *start);
  for (size_t k = 0; k < count; k++)
    start[cols[k] + 1]++;
  for (size_t j = 0; j < n; j++)
    start[j + 1] += start[j];
  for (size_t q = 0; q < count; q++) {
    int k = by_row[q];
    by_col[start[cols[k]]++] = k;
  }
  /* by_col is now ordered by (column, row); start[j] is the end of column j. */
  int slot = -1, prev_col = -1, prev_row = -1;
  for (size_t q = 0; q < count; q++) {
    int k = by_col[q];
    if (cols[k] != prev_col || rows[k] != prev_row) {
      m->Ai[++slot] = rows[k];
      prev_col = cols[k];
      prev_row = rows[k];
    }
    m->tmap[k] = slot;
  }
  m->nnz = slot + 1;
  /* Column pointers from the slots of each column's last triplet. */
  m->Ap[0] = 0;
  int begin = 0;
  for (size_t j = 0; j < n; j++) {
    int end = start[j];
    m->Ap[j + 1] = end > begin ? m->tmap[by_col[end - 1]] + 1 : m->Ap[j];
    begin = end;
  }
  rc = 0;
cleanup:
  free(start);
  free(by_row);
  free(by_col);
  return rc;
}

static void load_values(pcf_sparse *m, const double *values)
{
  memset(m->Ax, 0, (size_t)(m->nnz ? m->nnz : 1) * sizeof *m->Ax);
  for (size_t k = 0; k < m->ntriplets; k++)
    m->Ax[m->tmap[k]] += values[k];
  m->factored = 0;
}

int pcf_sparse_new(pcf_sparse **out, int32_t n, size_t count, const int32_t *rows,
                   const int32_t *cols, const double *values, pcf_error *err)
{
  *out = NULL;
  if (n < 1)
    return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "sparse matrix: order %ld < 1", (long)n);
  if (count > INT32_MAX)
    return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                         "sparse matrix: %zu entries, more than 32-bit indices allow", count);
  int rc = check_triplets(n, count, rows, cols, values, err);
  if (rc)
    return rc;
  pcf_sparse *m = calloc(1, sizeof *m);
  if (!m)
    return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory for a sparse matrix");
  size_t cap = count ? count : 1;
  m->n = n;
  m->ntriplets = count;
  m->Ap = malloc(((size_t)n + 1) * sizeof *m->Ap);
  m->Ai = malloc(cap * sizeof *m->Ai);
  m->Ax = malloc(cap * sizeof *m->Ax);
  m->tmap = malloc(cap * sizeof *m->tmap);
  if (!m->Ap || !m->Ai || !m->Ax || !m->tmap || build_pattern(m, rows, cols)) {
    pcf_sparse_free(m);
    return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory for a sparse matrix");
  }
  load_values(m, values);
  klu_defaults(&m->klu);
  *out = m;
  return 0;
}

void pcf_sparse_free(pcf_sparse *m)
{
  if (!m)
    return;
  if (m->numeric)
    klu_free_numeric(&m->numeric, &m->klu);
  if (m->symbolic)
    klu_free_symbolic(&m->symbolic, &m->klu);
  free(m->Ap);
  free(m->Ai);
  free(m->Ax);
  free(m->tmap);
  free(m->singular);
  free(m);
}

int32_t pcf_sparse_n(const pcf_sparse *m)
{
  return m->n;
}

size_t pcf_sparse_nnz(const pcf_sparse *m)
{
  return (size_t)m->nnz;
}

double pcf_sparse_get(const pcf_sparse *m, int32_t i, int32_t j)
{
  if (i < 0 || j < 0 || i >= m->n || j >= m->n)
    return 0;
  int lo = m->Ap[j], hi = m->Ap[j + 1];
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (m->Ai[mid] < i)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < m->Ap[j + 1] && m->Ai[lo] == i ? m->Ax[lo] : 0;
}

int pcf_sparse_set_values(pcf_sparse *m, size_t count, const double *values, pcf_error *err)
{
  if (count != m->ntriplets)
    return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                         "sparse matrix: %zu new values for %zu entries", count, m->ntriplets);
  int rc = check_triplets(m->n, count, NULL, NULL, values, err);
  if (rc)
    return rc;
  load_values(m, values);
  return 0;
}

void pcf_sparse_multiply(const pcf_sparse *m, int transposed, const double *x, double *y)
{
  for (int i = 0; i < m->n; i++)
    y[i] = 0;
  for (int j = 0; j < m->n; j++)
    for (int p = m->Ap[j]; p < m->Ap[j + 1]; p++) {
      if (transposed)
        y[j] += m->Ax[p] * x[m->Ai[p]];
      else
        y[m->Ai[p]] += m->Ax[p] * x[j];
    }
}

size_t pcf_sparse_singular_count(const pcf_sparse *m)
{
  return m->nsingular;
}

int32_t pcf_sparse_singular_column(const pcf_sparse *m, size_t i)
{
  return i < m->nsingular ? m->singular[i] : -1;
}

/* Records the columns to blame (see pcf/sparse.h) and builds the error. klu_col is KLU's
 * singular column, or -1 to take the column of the smallest pivot of the current factors. */
static int report_singular(pcf_sparse *m, int klu_col, double rcond, double rcond_min,
                           pcf_error *err)
{
  free(m->singular);
  m->nsingular = 0;
  m->singular = malloc((size_t)m->n * sizeof *m->singular);
  if (!m->singular)
    return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory reporting a singular matrix");
  for (int j = 0; j < m->n; j++) {
    int zero = 1;
    for (int p = m->Ap[j]; p < m->Ap[j + 1] && zero; p++)
      zero = m->Ax[p] == 0;
    if (zero)
      m->singular[m->nsingular++] = j;
  }
  if (!m->nsingular && klu_col < 0 && m->numeric) {
    /* The smallest |U(k,k)|, as klu_rcond sees it; U's column k is A's column Q[k]. */
    const double *udiag = m->numeric->Udiag;
    int kmin = 0;
    for (int k = 1; k < m->n; k++)
      if (fabs(udiag[k]) < fabs(udiag[kmin]))
        kmin = k;
    klu_col = m->symbolic->Q[kmin];
  }
  if (!m->nsingular && klu_col >= 0 && klu_col < m->n)
    m->singular[m->nsingular++] = klu_col;
  char cols[256] = "";
  size_t len = 0;
  for (size_t i = 0; i < m->nsingular && len < sizeof cols - 24; i++) {
    if (i == 8) {
      snprintf(cols + len, sizeof cols - len, ", ... (%zu in all)", m->nsingular);
      break;
    }
    len += (size_t)snprintf(cols + len, sizeof cols - len, "%s%d", i ? ", " : "", m->singular[i]);
  }
  if (!isnan(rcond))
    return pcf_error_set(err, PCF_ERR_SINGULAR, NULL, 0,
                         "matrix is numerically singular (reciprocal condition %.3g < %.3g); "
                         "column%s %s",
                         rcond, rcond_min, m->nsingular == 1 ? "" : "s", cols);
  return pcf_error_set(err, PCF_ERR_SINGULAR, NULL, 0, "matrix is singular; column%s %s",
                       m->nsingular == 1 ? "" : "s", cols);
}

static int klu_failure(pcf_sparse *m, const char *what, pcf_error *err)
{
  if (m->klu.status == KLU_OUT_OF_MEMORY)
    return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory in %s", what);
  return pcf_error_set(err, PCF_ERR_INTERNAL, NULL, 0, "%s failed with KLU status %d", what,
                       m->klu.status);
}

/* klu_factor from scratch; on a zero pivot reports the columns. */
static int factor_full(pcf_sparse *m, pcf_sparse_common *c, pcf_error *err)
{
  if (m->numeric)
    klu_free_numeric(&m->numeric, &m->klu);
  m->numeric = klu_factor(m->Ap, m->Ai, m->Ax, m->symbolic, &m->klu);
  if (m->klu.mempeak > c->memory_peak_bytes)
    c->memory_peak_bytes = m->klu.mempeak;
  if (!m->numeric) {
    if (m->klu.status == KLU_SINGULAR)
      return report_singular(m, m->klu.singular_col, NAN, c->rcond_min, err);
    return klu_failure(m, "klu_factor", err);
  }
  c->factorisations++;
  c->refactored = 0;
  return 0;
}

int pcf_sparse_factor(pcf_sparse *m, pcf_sparse_common *common, pcf_error *err)
{
  pcf_sparse_common defaults;
  if (!common) {
    pcf_sparse_common_init(&defaults);
    common = &defaults;
  }
  if (m->factored)
    return 0;
  m->nsingular = 0;
  common->rcond = NAN;
  if (!m->symbolic) {
    m->symbolic = klu_analyze(m->n, m->Ap, m->Ai, &m->klu);
    if (!m->symbolic)
      return klu_failure(m, "klu_analyze", err);
  }
  int rc;
  int reused = m->numeric && klu_refactor(m->Ap, m->Ai, m->Ax, m->symbolic, m->numeric, &m->klu);
  if (reused) {
    common->refactorisations++;
    common->refactored = 1;
  } else if ((rc = factor_full(m, common, err))) {
    return rc;
  }
  if (!klu_rcond(m->symbolic, m->numeric, &m->klu))
    return klu_failure(m, "klu_rcond", err);
  if (reused && !(m->klu.rcond >= common->rcond_min)) {
    /* The pivot order chosen for the old values may not suit the new ones: decide on fresh
     * pivots before calling the matrix singular. */
    if ((rc = factor_full(m, common, err)))
      return rc;
    if (!klu_rcond(m->symbolic, m->numeric, &m->klu))
      return klu_failure(m, "klu_rcond", err);
  }
  common->rcond = m->klu.rcond;
  if (!(m->klu.rcond >= common->rcond_min)) {
    rc = report_singular(m, -1, m->klu.rcond, common->rcond_min, err);
    klu_free_numeric(&m->numeric, &m->klu);
    return rc;
  }
  m->factored = 1;
  return 0;
}

static int solve(pcf_sparse *m, int transposed, size_t nrhs, double *b,
                 pcf_sparse_common *common, pcf_error *err)
{
  int rc = pcf_sparse_factor(m, common, err);
  if (rc)
    return rc;
  for (size_t done = 0; done < nrhs;) {
    int chunk = nrhs - done > RHS_CHUNK ? RHS_CHUNK : (int)(nrhs - done);
    double *block = b + done * (size_t)m->n;
    int ok = transposed ? klu_tsolve(m->symbolic, m->numeric, m->n, chunk, block, &m->klu)
                        : klu_solve(m->symbolic, m->numeric, m->n, chunk, block, &m->klu);
    if (!ok)
      return klu_failure(m, transposed ? "klu_tsolve" : "klu_solve", err);
    done += (size_t)chunk;
  }
  return 0;
}

int pcf_sparse_solve(pcf_sparse *m, size_t nrhs, double *b, pcf_sparse_common *common,
                     pcf_error *err)
{
  return solve(m, 0, nrhs, b, common, err);
}

int pcf_sparse_solve_transposed(pcf_sparse *m, size_t nrhs, double *c,
                                pcf_sparse_common *common, pcf_error *err)
{
  return solve(m, 1, nrhs, c, common, err);
}
