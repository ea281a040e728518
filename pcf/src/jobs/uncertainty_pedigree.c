/* uncertainty_pedigree.c: default uncertainty of the exchanges the data leave without one, by the
 * ecoinvent method of basic uncertainty plus pedigree matrix (pcf/uncertainty.h,
 * pcf_unc_model_pedigree; Frischknecht et al. 2007, ecoinvent report No. 1, 7.4; Weidema et al.
 * 2013, 10.2-10.4). ISO 14067:2018 6.4.7 asks for the uncertainty of the CFP; data sets without
 * distributions would otherwise give a spread of 0. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "uncertainty_internal.h"

/* Pedigree factors by score 1..5, in the order of the PACT ratings (pcf_dqr_kind): further
 * technological correlation, temporal correlation, geographical correlation, completeness,
 * reliability (ecoinvent report No. 1, table 7.2; its empty cells, technological 2 and
 * geographical 4, as brightway's pedigree_matrix fills them: never reached from 1-3 ratings). */
static const double factor[5][5] = {
    {1.00, 1.00, 1.20, 1.50, 2.00}, /* further technological correlation */
    {1.00, 1.03, 1.10, 1.20, 1.50}, /* temporal correlation */
    {1.00, 1.01, 1.02, 1.02, 1.10}, /* geographical correlation */
    {1.00, 1.02, 1.05, 1.10, 1.20}, /* completeness */
    {1.00, 1.05, 1.10, 1.20, 1.50}, /* reliability */
};

/* PACT's three levels at ecoinvent's 1, 3 and 5: score = 2·rating − 1, rounded, within 1..5. */
static int score(double rating) {
  double s = isfinite(rating) ? 2 * rating - 1 : 5;
  int k = (int)lround(s);
  return k < 1 ? 1 : k > 5 ? 5 : k;
}

double pcf_unc_pedigree_gsd2(double basic, const double ratings[5]) {
  double l = pcf_log(basic), sum = l * l;
  for (int i = 0; i < 5; i++) {
    double f = pcf_log(factor[i][score(ratings[i]) - 1]);
    sum += f * f;
  }
  return pcf_exp(sqrt(sum));
}

static int contains(const char *s, const char *what) {
  for (size_t n = strlen(what); *s; s++)
    if (strncasecmp(s, what, n) == 0) return 1;
  return 0;
}

/* The basic uncertainty factor of an exchange (ecoinvent report No. 1, table 7.3). */
static double basic_factor(const pcf_unc_model *m, const unc_ex *u) {
  const ilcd_db *db = pcf_data_db(m->data);
  const ilcd_flow *f = u->ex->flow.valid ? ilcd_db_flow(db, &u->ex->flow.uuid) : NULL;
  if (u->linked) {
    const char *unit = NULL;
    ilcd_error ie;
    if (f && !ilcd_flow_reference_unit(db, f, &unit, &ie) && unit && strcmp(unit, "t*km") == 0) return 2.0;
    return 1.05; /* demand of energy, semi-finished products, working material, services */
  }
  const char *name = f && f->name ? f->name : u->ex->flow.text;
  if (contains(name, "carbon dioxide")) return 1.05;
  return 1.5; /* CH4, N2O and any other emission */
}

int pcf_unc_model_pedigree(pcf_unc_model *m, const pcf_result *r, const double (*line_ratings)[5],
                           const double other[5], pcf_error *err) {
  /* The ratings of each block: a line's for the process it uses, else `other`. */
  const double **of = malloc((m->n_blocks ? m->n_blocks : 1) * sizeof *of);
  if (!of) return pcf_error_nomem(err);
  for (size_t b = 0; b < m->n_blocks; b++) of[b] = other;
  const ilcd_db *db = pcf_data_db(m->data);
  for (size_t i = 0; r && line_ratings && i < pcf_result_line_count(r); i++) {
    const pcf_line *l = pcf_result_line(r, i);
    ilcd_uuid id;
    const ilcd_process *p =
        l->process_uuid[0] && !ilcd_uuid_parse(&id, l->process_uuid) ? ilcd_db_process(db, &id) : NULL;
    if (!p) continue;
    p = pcf_system_view(pcf_data_system(m->data), p);
    for (size_t b = 0; b < m->n_blocks; b++)
      if (m->blocks[b].p == p && of[b] == other) of[b] = line_ratings[i];
  }
  size_t *v = realloc(m->uncertain, (m->n_ex ? m->n_ex : 1) * sizeof *v);
  if (!v) {
    free(of);
    return pcf_error_nomem(err);
  }
  m->uncertain = v;
  for (size_t i = 0; i < m->n_ex; i++) {
    unc_ex *u = &m->ex[i];
    if (u->uncertain || !(u->linked || u->cf != 0) || u->x0 == 0) continue;
    double gsd2 = pcf_unc_pedigree_gsd2(basic_factor(m, u), of[u->block]);
    u->dist = (pcf_dist){PCF_DIST_LOGNORMAL, u->x0, pcf_log(gsd2) / 2, 0};
    u->uncertain = true;
    m->uncertain[m->n_uncertain++] = i;
    m->n_pedigree++;
    if (u->triplet >= 0) m->a_uncertain = true;
  }
  free(of);
  return 0;
}

size_t pcf_unc_model_pedigree_count(const pcf_unc_model *m) { return m->n_pedigree; }
