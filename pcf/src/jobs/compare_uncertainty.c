/* compare_uncertainty.c: the Monte Carlo of a comparison (pcf/variant.h, options.uncertainty): one
 * uncertainty model per design (pcf/uncertainty.h), drawn with common random numbers, so that the
 * same draw of an exchange or input moves every design alike and P(variant < base) is not blurred
 * by the noise the designs share. The user's uncertain inputs (options.inputs) are keyed by their
 * name, so an input every design takes is drawn alike in all of them. */
#include <math.h>
#include <stdlib.h>

#include "compare_internal.h"
#include "variant_internal.h"

/* The default uncertainty of a design's model, from the ratings the caller gives its lines. */
static int pedigree(pcf_unc_model *m, const pcf_result *r, const pcf_compare_options *opt, pcf_error *err) {
  size_t n = pcf_result_line_count(r);
  double(*ratings)[5] = calloc(n ? n : 1, sizeof *ratings), other[5] = {3, 3, 3, 3, 3};
  if (!ratings) return pcf_error_nomem(err);
  int rc = opt->pedigree(r, ratings, other, opt->pedigree_ctx, err);
  if (!rc) rc = pcf_unc_model_pedigree(m, r, (const double(*)[5])ratings, other, err);
  free(ratings);
  return rc;
}

int pcf__compare_uncertainty(pcf_comparison *c, const pcf_data *data, const pcf_compare_options *opt, pcf_error *err) {
  const char *rule = opt->rule;
  size_t n = c->n, draws = opt->uncertainty;
  unsigned long long seed = opt->seed;
  pcf_unc_model **models = calloc(n, sizeof *models);
  pcf_override **changes = calloc(n, sizeof *changes);
  pcf_unc_result **results = calloc(n, sizeof *results);
  c->p_below = calloc(n, sizeof *c->p_below);
  c->stats = calloc(n, sizeof *c->stats);
  int rc = !models || !changes || !results || !c->p_below || !c->stats ? pcf_error_nomem(err) : 0;
  for (size_t d = 0; !rc && d < n; d++) {
    /* The design's changes to the product file, then the rule that replaces every design's. */
    size_t v = c->d[d].variant, nc = d ? pcf_variant_set_change_count(c->set, v) : 0;
    changes[d] = calloc(nc + 1, sizeof **changes);
    if (!changes[d]) {
      rc = pcf_error_nomem(err);
      break;
    }
    for (size_t k = 0; k < nc; k++) changes[d][k] = pcf_variant_set_change(c->set, v, k)->override;
    if (rule) changes[d][nc++] = (pcf_override){"end_of_life", "rule", rule};
    rc = pcf_unc_model_new_with(&models[d], data, pcf__variant_path(c->set), changes[d], nc, opt->inputs, err);
    if (!rc && opt->pedigree) rc = pedigree(models[d], c->d[d].result, opt, err);
    if (rc && d) pcf__variant_prefix_error(err, c->d[d].name);
    if (!rc && pcf_unc_model_uncertain_count(models[d]) > c->unc_exchanges)
      c->unc_exchanges = pcf_unc_model_uncertain_count(models[d]);
    if (!rc && pcf_unc_model_pedigree_count(models[d]) > c->unc_pedigree)
      c->unc_pedigree = pcf_unc_model_pedigree_count(models[d]);
  }
  pcf_unc_options o = PCF_UNC_OPTIONS_INIT;
  o.iterations = draws;
  o.seed = seed ? seed : 1;
  if (!rc) rc = pcf_unc_compare(c->p_below, results, models, n, &o, err);
  for (size_t d = 0; !rc && d < n; d++) c->stats[d] = results[d]->stats[0];
  if (!rc) {
    c->draws = draws;
    c->seed = o.seed;
    c->p_below[0] = NAN;
    c->unc_inputs = opt->inputs ? pcf_unc_inputs_count(opt->inputs) : 0;
  }
  for (size_t d = 0; d < n; d++) {
    if (models) pcf_unc_model_free(models[d]);
    if (changes) free(changes[d]);
    if (results) pcf_unc_result_free(results[d]);
  }
  free(models);
  free(changes);
  free(results);
  return rc;
}

size_t pcf_comparison_draws(const pcf_comparison *c) { return c->draws; }
unsigned long long pcf_comparison_seed(const pcf_comparison *c) { return c->seed; }
const pcf_unc_stats *pcf_comparison_uncertainty(const pcf_comparison *c, size_t i) {
  return c->draws && i < c->n ? &c->stats[i] : NULL;
}
double pcf_comparison_p_below_base(const pcf_comparison *c, size_t i) {
  return c->draws && i < c->n ? c->p_below[i] : NAN;
}

const char *pcf_comparison_uncertainty_warning(const pcf_comparison *c) {
  if (!c->draws || c->unc_exchanges || c->unc_inputs) return NULL;
  return "nothing here is uncertain: no exchange with a usable distribution and no input of the user's "
         "(--inputs FILE) was drawn, so every draw is the deterministic footprint: sd = 0 means that nothing "
         "was varied, not certainty, and P(< base) of 0 or 1 says which design is lower, not how likely";
}

size_t pcf_comparison_uncertainty_inputs(const pcf_comparison *c) { return c->unc_inputs; }
size_t pcf_comparison_pedigree_count(const pcf_comparison *c) { return c->unc_pedigree; }
