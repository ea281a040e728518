/* uncertainty_run.c: Monte Carlo runs of an uncertainty model, their statistics (mean, sample
 * standard deviation, percentiles by Hyndman and Fan's type 7), and common-random-number
 * comparisons of variants (pcf/uncertainty.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "uncertainty_internal.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double quantile_sorted(const double *v, size_t n, double p) {
  double h = (double)(n - 1) * p;
  size_t i = (size_t)h;
  if (i + 1 >= n) return v[n - 1];
  return v[i] + (h - (double)i) * (v[i + 1] - v[i]);
}

void pcf_unc_stats_of(pcf_unc_stats *o, double *v, size_t n) {
  memset(o, 0, sizeof *o);
  if (n == 0) return;
  /* Shifted by the first value: n equal values give exactly that mean and a zero sd. */
  double mean = 0;
  for (size_t i = 0; i < n; i++) mean += v[i] - v[0];
  mean = v[0] + mean / (double)n;
  double ss = 0;
  for (size_t i = 0; i < n; i++) ss += (v[i] - mean) * (v[i] - mean);
  qsort(v, n, sizeof *v, cmp_double);
  o->mean = mean;
  o->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
  o->p2_5 = quantile_sorted(v, n, 0.025);
  o->p50 = quantile_sorted(v, n, 0.5);
  o->p97_5 = quantile_sorted(v, n, 0.975);
  o->min = v[0];
  o->max = v[n - 1];
}

static int new_result(pcf_unc_result **out, const pcf_unc_model *m, const pcf_unc_options *o, double **cols,
                      pcf_error *err) {
  *out = NULL;
  *cols = NULL;
  if (o->iterations > PCF_UNC_MAX_ITERATIONS)
    return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "%zu iterations: at most %d", o->iterations,
                         PCF_UNC_MAX_ITERATIONS);
  pcf_unc_result *r = calloc(1, sizeof *r);
  *out = r;
  *cols = r ? malloc((o->iterations ? o->iterations : 1) * UNC_N * sizeof **cols) : NULL;
  if (!r || !*cols) return pcf_error_nomem(err);
  r->iterations = o->iterations;
  r->varied = (o->exchanges ? m->n_uncertain : 0) + (m->inputs ? m->inputs->count : 0);
  r->seed = o->seed;
  memcpy(r->deterministic, m->det, sizeof r->deterministic);
  return 0;
}

/* Fills the statistics from the samples (row per iteration) and keeps them if asked. */
static int finish(pcf_unc_result *r, double *samples, const pcf_unc_options *o, pcf_error *err) {
  size_t n = r->iterations;
  double *col = malloc((n ? n : 1) * sizeof *col);
  if (!col) return pcf_error_nomem(err);
  for (int k = 0; k < UNC_N; k++) {
    for (size_t i = 0; i < n; i++) col[i] = samples[i * UNC_N + (size_t)k];
    pcf_unc_stats_of(&r->stats[k], col, n);
  }
  free(col);
  if (o->keep_samples)
    r->samples = samples;
  else
    free(samples);
  return 0;
}

int pcf_unc_run(pcf_unc_result **out, pcf_unc_model *m, const pcf_unc_options *o, pcf_error *err) {
  double *samples = NULL;
  int rc = new_result(out, m, o, &samples, err);
  double t0 = now();
  for (size_t i = 0; !rc && i < o->iterations; i++)
    rc = pcf_unc_model_draw(m, o->seed, i, o->exchanges, samples + i * UNC_N, err);
  if (rc) {
    free(samples);
    return rc;
  }
  (*out)->seconds = now() - t0;
  return finish(*out, samples, o, err);
}

void pcf_unc_result_free(pcf_unc_result *r) {
  if (!r) return;
  free(r->samples);
  free(r);
}

int pcf_unc_compare(double *p_below, pcf_unc_result **results, pcf_unc_model *const *models, size_t n_models,
                    const pcf_unc_options *o, pcf_error *err) {
  size_t n = o->iterations;
  double **samples = calloc(n_models ? n_models : 1, sizeof *samples);
  size_t *below = calloc(n_models ? n_models : 1, sizeof *below);
  pcf_unc_result **res = calloc(n_models ? n_models : 1, sizeof *res);
  int rc = samples && below && res ? 0 : pcf_error_nomem(err);
  for (size_t v = 0; !rc && v < n_models; v++) rc = new_result(&res[v], models[v], o, &samples[v], err);
  double t0 = now();
  /* Iteration-major: every model sees iteration i's numbers before i + 1 is drawn. */
  for (size_t i = 0; !rc && i < n; i++) {
    for (size_t v = 0; !rc && v < n_models; v++)
      rc = pcf_unc_model_draw(models[v], o->seed, i, o->exchanges, samples[v] + i * UNC_N, err);
    for (size_t v = 1; !rc && v < n_models; v++)
      if (samples[v][i * UNC_N] < samples[0][i * UNC_N]) below[v]++;
  }
  double seconds = now() - t0;
  for (size_t v = 0; v < n_models; v++) {
    if (!rc) {
      p_below[v] = n ? (double)below[v] / (double)n : NAN;
      res[v]->seconds = seconds;
      rc = finish(res[v], samples[v], o, err);
      samples[v] = NULL;
    }
    free(samples ? samples[v] : NULL);
    if (results && !rc)
      results[v] = res[v];
    else if (res)
      pcf_unc_result_free(res[v]);
  }
  free(samples);
  free(below);
  free(res);
  return rc;
}
