/* uncertainty_analytic.c: first-order error propagation of a footprint's uncertainty
 * (pcf/uncertainty.h, pcf_unc_analytic_run): Taylor expansion around the deterministic point
 * with the sensitivities of the matrix model (Heijungs and Suh 2002, ch. 7: ∂h/∂a_ij = −y_i s_j,
 * ∂h/∂b_kj = λ_k s_j; Imbeault-Tétreault et al., J. Ind. Ecol. 17(4), 2013, for the log-scale
 * form used with lognormal data: (ln GSD_h)² = Σ e_i² (ln GSD_i)² with elasticities e_i). User
 * inputs get their sensitivities by central differences of the whole footprint. Each input's
 * g² Var[x] for the total is kept: the largest are what drives the spread (pcf_unc_driver). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "uncertainty_internal.h"

static void accumulate(double *var, double *lvar, double *shift, int k, double g, const pcf_dist *d, double x0,
                       double t) {
  var[k] += g * g * pcf_dist_variance(d);
  shift[k] += g * (pcf_dist_mean(d) - x0);
  if (t != 0) {
    double e = g * x0 / t, ls = pcf_dist_log_sd(d);
    lvar[k] += e * e * ls * ls;
  }
}

/* Sensitivities of the total and stages to every uncertain exchange, at the deterministic point. */
static int exchanges(pcf_unc_model *m, const double *t, double *var, double *lvar, double *shift, double *contrib,
                     pcf_error *err) {
  size_t n = m->n;
  double *s = calloc(n * UNC_N, sizeof *s);           /* s_k = A⁻¹ f_k for total and stages */
  double *w = calloc(m->n_blocks * UNC_N, sizeof *w); /* Σ c_l / x_ref of the lines using a block */
  if (!s || !w) {
    free(s);
    free(w);
    return pcf_error_nomem(err);
  }
  for (size_t i = 0; i < m->n_lines; i++) {
    const unc_line *l = &m->lines[i];
    double c = l->c / m->blocks[l->block].xref;
    w[(size_t)l->block * UNC_N] += c;
    w[(size_t)l->block * UNC_N + 1 + (size_t)l->stage] += c;
  }
  /* The product's demand on the background: its processes' linked inputs. */
  for (size_t b = 0; b < m->n_blocks; b++) {
    const unc_block *bl = &m->blocks[b];
    for (size_t e = bl->first; e < bl->first + bl->count; e++) {
      const unc_ex *u = &m->ex[e];
      if (!u->linked) continue;
      for (int k = 0; k < UNC_N; k++) s[(size_t)k * n + (size_t)u->row] -= w[b * UNC_N + (size_t)k] * u->sign * u->x0;
    }
  }
  int rc = pcf_sparse_set_values(m->a, m->n_entries, m->vals0, err);
  if (!rc) rc = pcf_sparse_solve(m->a, UNC_N, s, &m->common, err);
  for (size_t i = 0; !rc && i < m->n_uncertain; i++) {
    const unc_ex *u = &m->ex[m->uncertain[i]];
    const unc_block *bl = &m->blocks[u->block];
    double yrow = u->linked ? m->y0[u->row] : 0;
    for (int k = 0; k < UNC_N; k++) {
      /* foreground: the lines' own use of the process; background: through A and d. */
      double g = w[(size_t)u->block * UNC_N + (size_t)k] * (u->cf - u->sign * yrow);
      if (bl->col >= 0) {
        double sj = s[(size_t)k * n + (size_t)bl->col];
        g += u->cf * sj;
        if (u->triplet >= 0) g -= u->sign * yrow * sj;
      }
      accumulate(var, lvar, shift, k, g, &u->dist, u->x0, t[k]);
      if (k == 0) contrib[i] = g * g * pcf_dist_variance(&u->dist);
    }
  }
  free(s);
  free(w);
  return rc;
}

/* Central differences of the footprint in each user input, at the inputs' means. */
static int inputs(pcf_unc_model *m, const double *mean, double *var, double *lvar, double *contrib, pcf_error *err) {
  size_t ni = m->inputs->count;
  double *v = malloc(ni * sizeof *v);
  if (!v) return pcf_error_nomem(err);
  int rc = 0;
  for (size_t i = 0; !rc && i < ni; i++) {
    const pcf_dist *d = &m->inputs->items[i].dist;
    double sd = sqrt(pcf_dist_variance(d));
    if (sd == 0) continue;
    double h = 1e-3 * sd, tp[UNC_N], tm[UNC_N];
    for (size_t j = 0; j < ni; j++) v[j] = pcf_dist_mean(&m->inputs->items[j].dist);
    v[i] += h;
    if ((rc = pcf__unc_model_apply_inputs(m, v, err))) break;
    pcf__unc_model_value(m, m->y0, tp);
    v[i] -= 2 * h;
    if ((rc = pcf__unc_model_apply_inputs(m, v, err))) break;
    pcf__unc_model_value(m, m->y0, tm);
    for (int k = 0; k < UNC_N; k++) {
      double g = (tp[k] - tm[k]) / (2 * h);
      pcf_dist at_mean = *d;
      accumulate(var, lvar, (double[UNC_N]){0}, k, g, &at_mean, pcf_dist_mean(d), mean[k]);
      if (k == 0) contrib[i] = g * g * pcf_dist_variance(d);
    }
  }
  free(v);
  return rc;
}

/* "<flow> in <process>" for an exchange, the input's own name for the user's; NULL when out of memory. */
static char *driver_name(const pcf_unc_model *m, size_t i, int user) {
  const char *a, *b = "", *sep = "";
  char key[300];
  if (user) {
    const pcf_unc_input *in = &m->inputs->items[i];
    snprintf(key, sizeof key, "%s.%s", in->section, in->key);
    a = key;
  } else {
    const unc_ex *u = &m->ex[m->uncertain[i]];
    const ilcd_flow *f = u->ex->flow.valid ? ilcd_db_flow(pcf_data_db(m->data), &u->ex->flow.uuid) : NULL;
    a = f && f->name && f->name[0] ? f->name : u->ex->flow.text;
    b = m->blocks[u->block].p->name ? m->blocks[u->block].p->name : "";
    sep = " in ";
  }
  size_t n = strlen(a) + strlen(sep) + strlen(b) + 1;
  char *s = malloc(n);
  if (s) snprintf(s, n, "%s%s%s", a, sep, b);
  return s;
}

/* Keeps the PCF_UNC_DRIVERS largest contributions (exchanges cex[n_ex], user inputs cin[n_in]). */
static int keep_drivers(pcf_unc_model *m, double *cex, size_t n_ex, double *cin, size_t n_in, pcf_error *err) {
  for (size_t i = 0; i < m->n_drivers; i++) free((char *)m->drivers[i].name);
  m->n_drivers = 0;
  double total = 0;
  for (size_t i = 0; i < n_ex; i++) total += cex[i];
  for (size_t i = 0; i < n_in; i++) total += cin[i];
  while (total > 0 && m->n_drivers < PCF_UNC_DRIVERS) {
    double best = 0, *at = NULL;
    int user = 0;
    for (size_t i = 0; i < n_ex; i++)
      if (cex[i] > best) best = cex[i], at = &cex[i], user = 0;
    for (size_t i = 0; i < n_in; i++) /* a user's input before an exchange of equal weight */
      if (cin[i] >= best && cin[i] > 0) best = cin[i], at = &cin[i], user = 1;
    if (!at) break;
    char *name = driver_name(m, (size_t)(at - (user ? cin : cex)), user);
    if (!name) return pcf_error_nomem(err);
    m->drivers[m->n_drivers++] = (pcf_unc_driver){name, user, best, best / total};
    *at = 0;
  }
  return 0;
}

int pcf_unc_analytic_run(pcf_unc_analytic *o, pcf_unc_model *m, int with_exchanges, pcf_error *err) {
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  memset(o, 0, sizeof *o);
  double var[UNC_N] = {0}, lvar[UNC_N] = {0}, shift[UNC_N] = {0}, base[UNC_N];
  int rc = 0;
  /* The point of expansion: user inputs at their means, exchanges as written. */
  if (m->inputs) {
    double *v = malloc(m->inputs->count * sizeof *v);
    if (!v) return pcf_error_nomem(err);
    for (size_t j = 0; j < m->inputs->count; j++) v[j] = pcf_dist_mean(&m->inputs->items[j].dist);
    rc = pcf__unc_model_apply_inputs(m, v, err);
    free(v);
  }
  pcf__unc_model_value(m, m->y0, base);
  size_t n_in = m->inputs ? m->inputs->count : 0;
  double *cex = calloc(m->n_uncertain ? m->n_uncertain : 1, sizeof *cex), *cin = calloc(n_in ? n_in : 1, sizeof *cin);
  if (!rc && (!cex || !cin)) rc = pcf_error_nomem(err);
  if (!rc && with_exchanges) rc = exchanges(m, base, var, lvar, shift, cex, err);
  if (!rc && m->inputs) rc = inputs(m, base, var, lvar, cin, err);
  if (!rc && m->inputs) { /* leave the lines as written */
    rc = pcf__unc_model_apply_inputs(m, NULL, err);
  }
  if (!rc) rc = keep_drivers(m, cex, with_exchanges ? m->n_uncertain : 0, cin, n_in, err);
  free(cex);
  free(cin);
  if (rc) return rc;
  o->inputs = (with_exchanges ? m->n_uncertain : 0) + (m->inputs ? m->inputs->count : 0);
  for (int k = 0; k < UNC_N; k++) {
    o->deterministic[k] = base[k];
    o->mean[k] = base[k] + shift[k];
    o->sd[k] = sqrt(var[k]);
    if (base[k] > 0) {
      double lsd = sqrt(lvar[k]);
      o->gsd2[k] = pcf_exp(2 * lsd);
      o->p2_5[k] = base[k] / o->gsd2[k];
      o->p97_5[k] = base[k] * o->gsd2[k];
    } else {
      o->gsd2[k] = NAN;
      o->p2_5[k] = o->mean[k] - 1.96 * o->sd[k];
      o->p97_5[k] = o->mean[k] + 1.96 * o->sd[k];
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  o->seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
  return 0;
}
