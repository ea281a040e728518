/* solution.c: a solved product system (pcf/system.h, "Solutions"): the columns a set of roots
 * reaches, A assembled and factorised once (SuiteSparse KLU through sparse.c), and, by one
 * transposed solve per indicator, the cradle-to-gate intensity of every provided flow. The system
 * is only read; the solution is its caller's. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "pcf/sparse.h"
#include "pcf/uncertainty.h"
#include "system_check.h"
#include "system_internal.h"

struct pcf_solution {
  const pcf_system *s;
  bool *active; /* [n] columns in the system; NULL = all */
  pcf_sparse *a;
  pcf_sparse_common common;
  double *intensity;    /* [PCF_VALUE_COUNT * n] y_k: per reference unit provided */
  pthread_mutex_t lock; /* KLU's solve writes the factorisation's workspace: one at a time */
};

/* Doubles the triplet arrays; returns 0 or -1 (the arrays stay valid either way). */
static int grow(int32_t **rows, int32_t **cols, double **vals, size_t *cap) {
  size_t c = *cap * 2;
  int32_t *r2 = realloc(*rows, c * sizeof **rows);
  if (r2) *rows = r2;
  int32_t *c2 = realloc(*cols, c * sizeof **cols);
  if (c2) *cols = c2;
  double *v2 = realloc(*vals, c * sizeof **vals);
  if (v2) *vals = v2;
  if (!r2 || !c2 || !v2) return -1;
  *cap = c;
  return 0;
}

/* The providers reachable from roots through links (a product's supply chain): the rest of a large
 * database, which may hold loops of its own, stays out. */
static int reach(const pcf_system *s, const ilcd_process *const *roots, size_t n_roots, bool **out, pcf_error *err) {
  size_t n = s->n;
  bool *active = calloc(n ? n : 1, sizeof *active);
  int32_t *stack = malloc((n ? n : 1) * sizeof *stack);
  size_t top = 0;
  if (!active || !stack) {
    free(active);
    free(stack);
    return pcf_error_nomem(err);
  }
  /* Depth-first over links: a provider is in when a process in the system uses its flow. */
  for (size_t r = 0; r <= n_roots; r++) {
    const ilcd_process *p = r < n_roots ? pcf__mf_resolve(s->mf, roots[r]) : NULL;
    while (p) {
      for (size_t e = 0; e < p->n_exchanges; e++) {
        const ilcd_exchange *ex = &p->exchanges[e];
        if (!ex->flow.valid) continue;
        int32_t row = uuidmap_get(&s->row_of_flow, &ex->flow.uuid);
        if (row >= 0 && !active[row]) {
          active[row] = true;
          stack[top++] = row;
        }
      }
      p = top ? s->provider[stack[--top]] : NULL;
    }
  }
  free(stack);
  *out = active;
  return 0;
}

static bool in(const pcf_solution *x, size_t j) { return !x->active || x->active[j]; }

/* A as triplets: each column's exchanges of provided flows, an identity column outside the
 * restriction (A stays square and regular). */
static int assemble(const pcf_solution *x, int32_t **rows_out, int32_t **cols_out, double **vals_out, size_t *count_out,
                    pcf_error *err) {
  const pcf_system *s = x->s;
  size_t n = s->n, cap = n * 4, count = 0;
  int32_t *rows = malloc(cap * sizeof *rows), *cols = malloc(cap * sizeof *cols);
  double *vals = malloc(cap * sizeof *vals);
  int rc = 0;
  if (!rows || !cols || !vals) rc = pcf_error_nomem(err);
  for (size_t j = 0; j < n && !rc; j++) {
    const ilcd_process *p = s->provider[j];
    size_t need = in(x, j) ? p->n_exchanges : 1;
    while (count + need > cap && !rc)
      if (grow(&rows, &cols, &vals, &cap)) rc = pcf_error_nomem(err);
    if (rc) break;
    if (!in(x, j)) {
      rows[count] = cols[count] = (int32_t)j;
      vals[count++] = 1;
      continue;
    }
    for (size_t e = 0; e < p->n_exchanges; e++) {
      const ilcd_exchange *ex = &p->exchanges[e];
      if (!ex->flow.valid || ex->resulting_amount == 0) continue;
      int32_t row = uuidmap_get(&s->row_of_flow, &ex->flow.uuid);
      if (row < 0) continue;
      rows[count] = row;
      cols[count] = (int32_t)j;
      vals[count++] = (ex == s->ref_ex[j] ? 1.0 : pcf__system_sense(s, row, ex)) * ex->resulting_amount;
    }
  }
  if (rc) {
    free(rows);
    free(cols);
    free(vals);
    return rc;
  }
  *rows_out = rows, *cols_out = cols, *vals_out = vals, *count_out = count;
  return 0;
}

/* Factorises A, checks that every loop is productive and solves Aᵀ y_k = direct_k. */
static int solve(pcf_solution *x, pcf_error *err) {
  const pcf_system *s = x->s;
  size_t n = s->n, count;
  int32_t *rows, *cols;
  double *vals;
  int rc = assemble(x, &rows, &cols, &vals, &count, err);
  if (rc) return rc;
  x->intensity = malloc(PCF_VALUE_COUNT * n * sizeof *x->intensity);
  if (!x->intensity) rc = pcf_error_nomem(err);
  if (!rc) rc = pcf_sparse_new(&x->a, (int32_t)n, count, rows, cols, vals, err);
  if (!rc) rc = pcf_sparse_factor(x->a, &x->common, err);
  if (rc == PCF_ERR_SINGULAR) pcf__system_singular_error(x->a, s->provider, err);
  /* Loops that would run backwards, and results beyond the range of doubles, are errors. */
  if (!rc) rc = pcf__system_check_productive(x->a, n, count, rows, cols, vals, s->provider, err);
  if (!rc) {
    /* Columns outside the restriction carry nothing. */
    for (int k = 0; k < PCF_VALUE_COUNT; k++)
      for (size_t j = 0; j < n; j++) x->intensity[k * n + j] = in(x, j) ? s->direct[k * n + j] : 0;
    rc = pcf_sparse_solve_transposed(x->a, PCF_VALUE_COUNT, x->intensity, &x->common, err);
  }
  if (!rc) rc = pcf__system_check_finite(x->intensity, PCF_VALUE_COUNT, n, s->provider, "footprint per unit", err);
  free(rows);
  free(cols);
  free(vals);
  return rc;
}

int pcf_solution_new(pcf_solution **out, const pcf_system *s, const ilcd_process *const *roots, size_t n_roots,
                     pcf_error *err) {
  *out = NULL;
  if (!pcf_system_finished(s))
    return pcf_error_set(err, PCF_ERR_INTERNAL, NULL, 0, "solution of a system not finished (pcf_system_finish)");
  pcf_solution *x = calloc(1, sizeof *x);
  if (!x) return pcf_error_nomem(err);
  x->s = s;
  pthread_mutex_init(&x->lock, NULL);
  pcf_sparse_common_init(&x->common);
  int rc = roots ? reach(s, roots, n_roots, &x->active, err) : 0;
  if (!rc) rc = solve(x, err);
  if (rc) {
    pcf_solution_free(x);
    return rc;
  }
  *out = x;
  return 0;
}

void pcf_solution_free(pcf_solution *x) {
  if (!x) return;
  pthread_mutex_destroy(&x->lock);
  pcf_sparse_free(x->a);
  free(x->active);
  free(x->intensity);
  free(x);
}

const pcf_system *pcf_solution_system(const pcf_solution *x) { return x->s; }
int pcf_solution_has(const pcf_solution *x, size_t j) { return j < x->s->n && in(x, j); }

typedef struct cover_ctx {
  const pcf_solution *x;
  bool all;
} cover_ctx;

static void covered(void *ctx, int32_t row, double amount) {
  cover_ctx *c = ctx;
  c->all &= in(c->x, (size_t)row);
}

int pcf_solution_covers(const pcf_solution *x, const ilcd_process *p) {
  const pcf_system *s = x->s;
  p = pcf__mf_resolve(s->mf, p);
  long col = pcf_system_column(s, p);
  if (col >= 0) return in(x, (size_t)col);
  const ilcd_exchange *ref = pcf__system_reference_exchange(p);
  cover_ctx c = {x, true};
  pcf__system_for_linked(s, p, ref, covered, &c); /* a restriction is closed under links */
  return c.all;
}

typedef struct unit_ctx {
  const pcf_solution *x;
  double *out;
} unit_ctx;

static void add_intensity(void *ctx, int32_t row, double amount) {
  unit_ctx *u = ctx;
  size_t n = u->x->s->n;
  for (int k = 0; k < PCF_VALUE_COUNT; k++) u->out[k] += amount * u->x->intensity[k * n + (size_t)row];
}

int pcf_solution_unit_values(const pcf_solution *x, const ilcd_process *p, double *out, pcf_error *err) {
  const pcf_system *s = x->s;
  p = pcf__mf_resolve(s->mf, p);
  /* A provider in the solution: its intensities are the answer (y = A^-T d gives, per unit
   * provided, direct plus linked inputs, exactly what the general path below adds up). */
  long col = pcf_system_column(s, p);
  if (col >= 0 && in(x, (size_t)col)) {
    for (int k = 0; k < PCF_VALUE_COUNT; k++) out[k] = x->intensity[(size_t)k * s->n + (size_t)col];
    return 0;
  }
  const ilcd_exchange *ref;
  int rc = pcf_system_reference(s, p, &ref, NULL, NULL, err);
  if (rc) return rc;
  double made, taken;
  if (pcf__system_self_consuming(s->db, p, &made, &taken)) {
    char id[40];
    const char *unit = NULL;
    pcf_system_reference(s, p, NULL, NULL, &unit, NULL);
    return pcf_error_set(err, PCF_ERR_INPUT, p->path, 0,
                         "process %s (\"%s\") takes in %g %s of its own reference product for %g %s it makes: it "
                         "provides none of it net, so it has no footprint per unit of it",
                         ilcd_uuid_format(&p->uuid, id), p->name, taken, unit ? unit : "", made, unit ? unit : "");
  }
  /* A foreground process (it provides nothing, or another is chosen): its own direct impacts plus
   * its linked inputs' intensities, which must lie within the solution. */
  lcia_direct(s->factors, p, out);
  out[PCF_AIRCRAFT] = col >= 0 && s->aircraft[col] ? out[PCF_TOTAL] : 0;
  unit_ctx u = {x, out};
  pcf__system_for_linked(s, p, ref, add_intensity, &u);
  for (int k = 0; k < PCF_VALUE_COUNT; k++) out[k] /= ref->resulting_amount;
  return 0;
}

int pcf_solution_unit_impacts(const pcf_solution *x, const ilcd_process *p, double *out, pcf_error *err) {
  double v[PCF_VALUE_COUNT];
  int rc = pcf_solution_unit_values(x, p, v, err);
  if (!rc) memcpy(out, v, PCF_INDICATOR_COUNT * sizeof *out);
  return rc;
}

int pcf_solution_scale(const pcf_solution *x, double *demand, pcf_error *err) {
  pcf_solution *w = (pcf_solution *)x; /* the solve's workspace is the only state it changes */
  pthread_mutex_lock(&w->lock);
  int rc = pcf_sparse_solve(x->a, 1, demand, &w->common, err);
  pthread_mutex_unlock(&w->lock);
  if (!rc) rc = pcf__system_check_finite(demand, 1, x->s->n, x->s->provider, "activity", err);
  return rc;
}

size_t pcf_solution_loop_count(const pcf_solution *x) { return pcf_sparse_loop_count(x->a); }
double pcf_solution_loop_condition(const pcf_solution *x, size_t i) { return pcf_sparse_loop_condest(x->a, i); }
const int32_t *pcf_solution_loop_columns(const pcf_solution *x, size_t i, size_t *count) {
  return pcf_sparse_loop_columns(x->a, i, count);
}

int pcf__solution_column_values(const pcf_solution *x, long col, double *out) {
  const pcf_system *s = x->s;
  if (col < 0 || (size_t)col >= s->n || !in(x, (size_t)col)) return -1;
  for (int k = 0; k < PCF_VALUE_COUNT; k++) out[k] = x->intensity[(size_t)k * s->n + (size_t)col];
  return 0;
}

int pcf__solution_whole(const pcf_solution *x) { return !x->active; }

int pcf__solution_own_input(const pcf_solution *x, size_t j) {
  const pcf_system *s = x->s;
  return j < s->n && in(x, j) && pcf_sparse_get(x->a, (int32_t)j, (int32_t)j) != s->ref_ex[j]->resulting_amount;
}

/* ---- access for uncertainty propagation (declared in pcf/uncertainty.h) ---------------------- */

int pcf_solution_entries(const pcf_solution *x, pcf_system_entry **out, size_t *count, pcf_error *err) {
  const pcf_system *s = x->s;
  *out = NULL;
  *count = 0;
  size_t cap = s->n * 4 + 1, m = 0;
  pcf_system_entry *v = malloc(cap * sizeof *v);
  if (!v) return pcf_error_nomem(err);
  /* Same walk and same order as assemble(), so that entry k is its triplet k. */
  for (size_t j = 0; j < s->n; j++) {
    const ilcd_process *p = s->provider[j];
    size_t need = in(x, j) ? p->n_exchanges : 1;
    if (m + need > cap) {
      size_t c2 = (m + need) * 2;
      pcf_system_entry *v2 = realloc(v, c2 * sizeof *v2);
      if (!v2) {
        free(v);
        return pcf_error_nomem(err);
      }
      v = v2;
      cap = c2;
    }
    if (!in(x, j)) {
      v[m++] = (pcf_system_entry){(int32_t)j, (int32_t)j, NULL, 1.0};
      continue;
    }
    for (size_t e = 0; e < p->n_exchanges; e++) {
      const ilcd_exchange *ex = &p->exchanges[e];
      if (!ex->flow.valid || ex->resulting_amount == 0) continue;
      int32_t row = uuidmap_get(&s->row_of_flow, &ex->flow.uuid);
      if (row < 0) continue;
      v[m++] = (pcf_system_entry){row, (int32_t)j, ex, ex == s->ref_ex[j] ? 1.0 : pcf__system_sense(s, row, ex)};
    }
  }
  *out = v;
  *count = m;
  return 0;
}
