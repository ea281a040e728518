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
  int *Ap;    /* n + 1 column pointers */
  int *Ai;    /* nnz row indices, sorted within each column */
  double *Ax; /* nnz values */
  size_t ntriplets;
  int *tmap; /* triplet k → its slot in Ai/Ax */
  klu_common klu;
  klu_symbolic *symbolic;
  klu_numeric *numeric;
  int factored;  /* numeric holds the factors of the current Ax */
  int *singular; /* columns to blame after PCF_ERR_SINGULAR */
  size_t nsingular;
  /* Loops: the diagonal blocks of two columns or more of the block triangular form (known
   * with the symbolic analysis). Loop i holds the columns loop_col[loop_start[i] ..
   * loop_start[i + 1]), ascending; loop_of[j] is j's loop or -1. */
  size_t nloops;
  size_t *loop_start;
  int *loop_col;
  int *loop_of;
  double *loop_condest; /* [nloops] of the current factorisation, NaN before */
};

void pcf_sparse_common_init(pcf_sparse_common *common) {
  memset(common, 0, sizeof *common);
  common->rcond_min = 1e-14;
  common->rcond = NAN;
  common->condest = NAN;
}

static int check_triplets(int32_t n, size_t count, const int32_t *rows, const int32_t *cols, const double *values,
                          pcf_error *err) {
  for (size_t k = 0; k < count; k++) {
    if (rows && cols && (rows[k] < 0 || rows[k] >= n || cols[k] < 0 || cols[k] >= n))
      return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                           "sparse matrix: entry %zu at (%ld, %ld) is outside the %ld x %ld matrix", k, (long)rows[k],
                           (long)cols[k], (long)n, (long)n);
    if (!isfinite(values[k]))
      return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "sparse matrix: entry %zu at (%ld, %ld) is not a finite number",
                           k, rows ? (long)rows[k] : -1L, cols ? (long)cols[k] : -1L);
  }
  return 0;
}

/* Sorts the triplets by column, then row (two stable bucket passes), merges duplicates into
 * slots, and fills Ap, Ai and tmap. Ax is filled by load_values. */
static int build_pattern(pcf_sparse *m, const int32_t *rows, const int32_t *cols) {
  size_t count = m->ntriplets, n = (size_t)m->n;
  int *start = calloc(n + 1, sizeof *start);
  int *by_row = malloc((count ? count : 1) * sizeof *by_row);
  int *by_col = malloc((count ? count : 1) * sizeof *by_col);
  int rc = PCF_ERR_NOMEM;
  if (!start || !by_row || !by_col) goto cleanup;
  for (size_t k = 0; k < count; k++) start[rows[k] + 1]++;
  for (size_t i = 0; i < n; i++) start[i + 1] += start[i];
  for (size_t k = 0; k < count; k++) by_row[start[rows[k]]++] = (int)k;
  memset(start, 0, (n + 1) * sizeof *start);
  for (size_t k = 0; k < count; k++) start[cols[k] + 1]++;
  for (size_t j = 0; j < n; j++) start[j + 1] += start[j];
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

static void load_values(pcf_sparse *m, const double *values) {
  memset(m->Ax, 0, (size_t)(m->nnz ? m->nnz : 1) * sizeof *m->Ax);
  for (size_t k = 0; k < m->ntriplets; k++) m->Ax[m->tmap[k]] += values[k];
  m->factored = 0;
}

int pcf_sparse_new(pcf_sparse **out, int32_t n, size_t count, const int32_t *rows, const int32_t *cols,
                   const double *values, pcf_error *err) {
  *out = NULL;
  if (n < 1) return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "sparse matrix: order %ld < 1", (long)n);
  if (count > INT32_MAX)
    return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "sparse matrix: %zu entries, more than 32-bit indices allow",
                         count);
  int rc = check_triplets(n, count, rows, cols, values, err);
  if (rc) return rc;
  pcf_sparse *m = calloc(1, sizeof *m);
  if (!m) return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory for a sparse matrix");
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

void pcf_sparse_free(pcf_sparse *m) {
  if (!m) return;
  if (m->numeric) klu_free_numeric(&m->numeric, &m->klu);
  if (m->symbolic) klu_free_symbolic(&m->symbolic, &m->klu);
  free(m->Ap);
  free(m->Ai);
  free(m->Ax);
  free(m->tmap);
  free(m->singular);
  free(m->loop_start);
  free(m->loop_col);
  free(m->loop_of);
  free(m->loop_condest);
  free(m);
}

int32_t pcf_sparse_n(const pcf_sparse *m) { return m->n; }

size_t pcf_sparse_nnz(const pcf_sparse *m) { return (size_t)m->nnz; }

double pcf_sparse_get(const pcf_sparse *m, int32_t i, int32_t j) {
  if (i < 0 || j < 0 || i >= m->n || j >= m->n) return 0;
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

int pcf_sparse_set_values(pcf_sparse *m, size_t count, const double *values, pcf_error *err) {
  if (count != m->ntriplets)
    return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "sparse matrix: %zu new values for %zu entries", count,
                         m->ntriplets);
  int rc = check_triplets(m->n, count, NULL, NULL, values, err);
  if (rc) return rc;
  load_values(m, values);
  return 0;
}

void pcf_sparse_multiply(const pcf_sparse *m, int transposed, const double *x, double *y) {
  for (int i = 0; i < m->n; i++) y[i] = 0;
  for (int j = 0; j < m->n; j++)
    for (int p = m->Ap[j]; p < m->Ap[j + 1]; p++) {
      if (transposed)
        y[j] += m->Ax[p] * x[m->Ai[p]];
      else
        y[m->Ai[p]] += m->Ax[p] * x[j];
    }
}

size_t pcf_sparse_singular_count(const pcf_sparse *m) { return m->nsingular; }

int32_t pcf_sparse_singular_column(const pcf_sparse *m, size_t i) { return i < m->nsingular ? m->singular[i] : -1; }

/* Records the columns to blame (see pcf/sparse.h) and builds the error: the all-zero columns
 * when there are any, else loop `loop` when >= 0 (a loop too ill-conditioned to solve), else
 * KLU's singular column klu_col. */
static int report_singular(pcf_sparse *m, int klu_col, long loop, double rcond, double rcond_min, pcf_error *err) {
  free(m->singular);
  m->nsingular = 0;
  m->singular = malloc((size_t)m->n * sizeof *m->singular);
  if (!m->singular) return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory reporting a singular matrix");
  for (int j = 0; j < m->n; j++) {
    int zero = 1;
    for (int p = m->Ap[j]; p < m->Ap[j + 1] && zero; p++) zero = m->Ax[p] == 0;
    if (zero) m->singular[m->nsingular++] = j;
  }
  if (!m->nsingular && loop >= 0)
    for (size_t q = m->loop_start[loop]; q < m->loop_start[loop + 1]; q++) m->singular[m->nsingular++] = m->loop_col[q];
  if (!m->nsingular && klu_col >= 0 && klu_col < m->n) m->singular[m->nsingular++] = klu_col;
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
  return pcf_error_set(err, PCF_ERR_SINGULAR, NULL, 0, "matrix is singular; column%s %s", m->nsingular == 1 ? "" : "s",
                       cols);
}

static int klu_failure(pcf_sparse *m, const char *what, pcf_error *err) {
  if (m->klu.status == KLU_OUT_OF_MEMORY)
    return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory in %s", what);
  return pcf_error_set(err, PCF_ERR_INTERNAL, NULL, 0, "%s failed with KLU status %d", what, m->klu.status);
}

/* klu_factor from scratch; on a zero pivot reports the columns. */
static int factor_full(pcf_sparse *m, pcf_sparse_common *c, pcf_error *err) {
  if (m->numeric) klu_free_numeric(&m->numeric, &m->klu);
  m->numeric = klu_factor(m->Ap, m->Ai, m->Ax, m->symbolic, &m->klu);
  if (m->klu.mempeak > c->memory_peak_bytes) c->memory_peak_bytes = m->klu.mempeak;
  if (m->numeric && m->klu.status == KLU_SINGULAR) /* factors returned despite a zero pivot */
    klu_free_numeric(&m->numeric, &m->klu);
  if (!m->numeric) {
    if (m->klu.status == KLU_SINGULAR) {
      int col = m->klu.singular_col;
      return report_singular(m, col, col >= 0 && col < m->n ? m->loop_of[col] : -1, NAN, c->rcond_min, err);
    }
    return klu_failure(m, "klu_factor", err);
  }
  c->factorisations++;
  c->refactored = 0;
  return 0;
}

/* The loops from the block triangular form of the symbolic analysis: a block of two columns or
 * more is a set of columns each reachable from the others (Duff and Reid's strongly connected
 * components; the blocks do not depend on the transversal found). */
static int find_loops(pcf_sparse *m) {
  const klu_symbolic *sy = m->symbolic;
  free(m->loop_start);
  free(m->loop_col);
  free(m->loop_of);
  free(m->loop_condest);
  m->nloops = 0;
  size_t n = (size_t)m->n;
  m->loop_start = malloc(((size_t)sy->nblocks + 1) * sizeof *m->loop_start);
  m->loop_col = malloc(n * sizeof *m->loop_col);
  m->loop_of = malloc(n * sizeof *m->loop_of);
  m->loop_condest = malloc(((size_t)sy->nblocks + 1) * sizeof *m->loop_condest);
  if (!m->loop_start || !m->loop_col || !m->loop_of || !m->loop_condest) return -1;
  for (size_t j = 0; j < n; j++) m->loop_of[j] = -1;
  size_t used = 0;
  m->loop_start[0] = 0;
  for (int b = 0; b < sy->nblocks; b++) {
    int r0 = sy->R[b], r1 = sy->R[b + 1];
    if (r1 - r0 < 2) continue;
    for (int k = r0; k < r1; k++) {
      /* ascending within the loop: insertion (loops are listed, not searched) */
      int j = sy->Q[k];
      size_t q = used++;
      while (q > m->loop_start[m->nloops] && m->loop_col[q - 1] > j) {
        m->loop_col[q] = m->loop_col[q - 1];
        q--;
      }
      m->loop_col[q] = j;
      m->loop_of[j] = (int)m->nloops;
    }
    m->loop_condest[m->nloops] = NAN;
    m->loop_start[++m->nloops] = used;
  }
  return 0;
}

/* Condition estimate (klu_condest, 1-norm) of loop i alone: its rows and columns of the current
 * values, each column divided by its entry on the block's diagonal (per unit of what the
 * column provides, so units do not count). The coupling between blocks is triangular and
 * amplifies nothing of the loop's own error; a loop-free matrix has no condition to speak of
 * beyond its pivots. INFINITY when the loop is singular. */
static int loop_condition(pcf_sparse *m, size_t i, int *row_pos, double *out) {
  const klu_symbolic *sy = m->symbolic;
  int b = -1;
  /* the block of the loop's first column */
  int j0 = m->loop_col[m->loop_start[i]], k0 = 0;
  while (sy->Q[k0] != j0) k0++;
  for (b = 0; sy->R[b + 1] <= k0; b++)
    ;
  int r0 = sy->R[b], r1 = sy->R[b + 1], nb = r1 - r0, nz = 0;
  for (int k = r0; k < r1; k++) nz += m->Ap[sy->Q[k] + 1] - m->Ap[sy->Q[k]];
  int *bp = malloc(((size_t)nb + 1) * sizeof *bp), *bi = malloc((size_t)nz * sizeof *bi);
  double *bx = malloc((size_t)nz * sizeof *bx);
  int rc = -1;
  klu_common kc;
  klu_symbolic *bs = NULL;
  klu_numeric *bn = NULL;
  klu_defaults(&kc);
  if (!bp || !bi || !bx) goto done;
  bp[0] = nz = 0;
  for (int c = 0; c < nb; c++) {
    int j = sy->Q[r0 + c], diag_row = sy->P[r0 + c], first = nz;
    double scale = 0, largest = 0;
    for (int p = m->Ap[j]; p < m->Ap[j + 1]; p++) {
      int k = row_pos[m->Ai[p]];
      if (k < r0 || k >= r1) continue;
      bi[nz] = k - r0;
      bx[nz++] = m->Ax[p];
      if (m->Ai[p] == diag_row) scale = fabs(m->Ax[p]);
      if (fabs(m->Ax[p]) > largest) largest = fabs(m->Ax[p]);
    }
    if (scale == 0) scale = largest;
    for (int q = first; q < nz && scale > 0; q++) bx[q] /= scale;
    /* KLU wants the row indices of a column in increasing order; a column has few entries */
    for (int q = first + 1; q < nz; q++)
      for (int t = q; t > first && bi[t - 1] > bi[t]; t--) {
        int ti = bi[t];
        double tx = bx[t];
        bi[t] = bi[t - 1], bx[t] = bx[t - 1];
        bi[t - 1] = ti, bx[t - 1] = tx;
      }
    bp[c + 1] = nz;
  }
  *out = INFINITY;
  if (!(bs = klu_analyze(nb, bp, bi, &kc))) {
    rc = kc.status == KLU_OUT_OF_MEMORY ? -1 : 0;
    goto done;
  }
  bn = klu_factor(bp, bi, bx, bs, &kc);
  if (bn && kc.status == KLU_OK && klu_condest(bp, bx, bs, bn, &kc) && !isnan(kc.condest)) *out = kc.condest;
  rc = bn || kc.status == KLU_SINGULAR ? 0 : -1;
done:
  if (bn) klu_free_numeric(&bn, &kc);
  if (bs) klu_free_symbolic(&bs, &kc);
  free(bp);
  free(bi);
  free(bx);
  return rc;
}

/* The condition of every loop of the current factorisation; the worst one below rcond_min
 * makes the matrix numerically singular. */
static int check_loops(pcf_sparse *m, pcf_sparse_common *common, pcf_error *err) {
  double worst = 1;
  long worst_loop = -1;
  if (m->nloops) {
    int *row_pos = malloc((size_t)m->n * sizeof *row_pos);
    if (!row_pos) return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory for a sparse matrix");
    for (int k = 0; k < m->n; k++) row_pos[m->symbolic->P[k]] = k;
    for (size_t i = 0; i < m->nloops; i++) {
      if (loop_condition(m, i, row_pos, &m->loop_condest[i])) {
        free(row_pos);
        return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory for a sparse matrix");
      }
      if (!(m->loop_condest[i] <= worst)) worst = m->loop_condest[i], worst_loop = (long)i;
    }
    free(row_pos);
  }
  common->condest = worst;
  common->rcond = 1 / worst;
  if (!(common->rcond >= common->rcond_min))
    return report_singular(m, -1, worst_loop, common->rcond, common->rcond_min, err);
  return 0;
}

int pcf_sparse_factor(pcf_sparse *m, pcf_sparse_common *common, pcf_error *err) {
  pcf_sparse_common defaults;
  if (!common) {
    pcf_sparse_common_init(&defaults);
    common = &defaults;
  }
  if (m->factored) return 0;
  m->nsingular = 0;
  common->rcond = common->condest = NAN;
  for (size_t i = 0; m->symbolic && i < m->nloops; i++) m->loop_condest[i] = NAN;
  if (!m->symbolic) {
    m->symbolic = klu_analyze(m->n, m->Ap, m->Ai, &m->klu);
    if (!m->symbolic) return klu_failure(m, "klu_analyze", err);
    if (find_loops(m)) return pcf_error_set(err, PCF_ERR_NOMEM, NULL, 0, "out of memory for a sparse matrix");
  }
  int rc;
  int reused = m->numeric && klu_refactor(m->Ap, m->Ai, m->Ax, m->symbolic, m->numeric, &m->klu);
  if (reused) {
    common->refactorisations++;
    common->refactored = 1;
  } else if ((rc = factor_full(m, common, err))) {
    return rc;
  }
  if (reused) {
    /* The pivot order chosen for the old values may not suit the new ones (a tiny pivot ratio
     * of the reused factors): take fresh pivots. */
    if (!klu_rcond(m->symbolic, m->numeric, &m->klu)) return klu_failure(m, "klu_rcond", err);
    if (!(m->klu.rcond >= common->rcond_min) && (rc = factor_full(m, common, err))) return rc;
  }
  if ((rc = check_loops(m, common, err))) {
    klu_free_numeric(&m->numeric, &m->klu);
    return rc;
  }
  m->factored = 1;
  return 0;
}

size_t pcf_sparse_loop_count(const pcf_sparse *m) { return m->symbolic ? m->nloops : 0; }

const int32_t *pcf_sparse_loop_columns(const pcf_sparse *m, size_t i, size_t *count) {
  if (!m->symbolic || i >= m->nloops) {
    *count = 0;
    return NULL;
  }
  *count = m->loop_start[i + 1] - m->loop_start[i];
  return m->loop_col + m->loop_start[i];
}

long pcf_sparse_loop_of(const pcf_sparse *m, int32_t j) {
  return m->symbolic && j >= 0 && j < m->n ? m->loop_of[j] : -1;
}

double pcf_sparse_loop_condest(const pcf_sparse *m, size_t i) {
  return m->symbolic && i < m->nloops ? m->loop_condest[i] : NAN;
}

static int solve(pcf_sparse *m, int transposed, size_t nrhs, double *b, pcf_sparse_common *common, pcf_error *err) {
  int rc = pcf_sparse_factor(m, common, err);
  if (rc) return rc;
  for (size_t done = 0; done < nrhs;) {
    int chunk = nrhs - done > RHS_CHUNK ? RHS_CHUNK : (int)(nrhs - done);
    double *block = b + done * (size_t)m->n;
    int ok = transposed ? klu_tsolve(m->symbolic, m->numeric, m->n, chunk, block, &m->klu)
                        : klu_solve(m->symbolic, m->numeric, m->n, chunk, block, &m->klu);
    if (!ok) return klu_failure(m, transposed ? "klu_tsolve" : "klu_solve", err);
    done += (size_t)chunk;
  }
  return 0;
}

int pcf_sparse_solve(pcf_sparse *m, size_t nrhs, double *b, pcf_sparse_common *common, pcf_error *err) {
  return solve(m, 0, nrhs, b, common, err);
}

int pcf_sparse_solve_transposed(pcf_sparse *m, size_t nrhs, double *c, pcf_sparse_common *common, pcf_error *err) {
  return solve(m, 1, nrhs, c, common, err);
}
