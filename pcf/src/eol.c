/* eol.c: the Circular Footprint Formula kernel (Commission Recommendation (EU) 2021/2279, Annex C,
 * section "Circular Footprint Formula") and the three classic rules as its limits: cut-off A = 1
 * without credits, 50:50 A = 0.5, avoided burden A = 0. */
#include "pcf/eol.h"

#include <math.h>
#include <string.h>
#include <strings.h>

const char *pcf_eol_rule_name(pcf_eol_rule rule) {
  static const char *names[] = {"cut-off", "50:50", "avoided-burden", "cff"};
  return (unsigned)rule < 4 ? names[rule] : "?";
}

int pcf_eol_rule_parse(const char *t, pcf_eol_rule *out) {
  static const struct {
    const char *name;
    pcf_eol_rule rule;
  } names[] = {{"cut-off", PCF_EOL_CUT_OFF}, {"cutoff", PCF_EOL_CUT_OFF}, {"100:0", PCF_EOL_CUT_OFF},
               {"recycled-content", PCF_EOL_CUT_OFF}, {"50:50", PCF_EOL_50_50}, {"avoided-burden", PCF_EOL_AVOIDED_BURDEN},
               {"0:100", PCF_EOL_AVOIDED_BURDEN}, {"end-of-life", PCF_EOL_AVOIDED_BURDEN}, {"cff", PCF_EOL_CFF},
               {"pef", PCF_EOL_CFF}, {"circular-footprint-formula", PCF_EOL_CFF}};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcasecmp(t, names[i].name) == 0) return *out = names[i].rule, 0;
  return -1;
}

static int in01(double x) { return x >= 0 && x <= 1; }

int pcf_eol_check(const pcf_eol_params *p, const char *m, pcf_error *err) {
  struct {
    const char *name;
    double v;
  } unit[] = {{"recycled content R1", p->r1}, {"recycling share R2", p->r2}, {"energy recovery share R3", p->r3},
              {"A", p->a}, {"B", p->b}, {"Qsin/Qp", p->qsin}, {"Qsout/Qp", p->qsout},
              {"XER,heat", p->x_heat}, {"XER,elec", p->x_elec}};
  for (size_t i = 0; i < sizeof unit / sizeof *unit; i++)
    if (!in01(unit[i].v))
      return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "%s: %s = %g must lie in 0..1 (0..100 %%)", m, unit[i].name,
                           unit[i].v);
  if (p->r2 + p->r3 > 1 + 1e-12)
    return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                         "%s: recycling (R2 = %g) and energy recovery (R3 = %g) shares add up to more than 1", m,
                         p->r2, p->r3);
  if (!(p->lhv_mj_per_kg >= 0) || p->lhv_mj_per_kg > 1000)
    return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "%s: lower heating value %g MJ/kg is not plausible", m,
                         p->lhv_mj_per_kg);
  return 0;
}

double pcf_eol_rule_a(pcf_eol_rule rule, const pcf_eol_params *p) {
  switch (rule) {
  case PCF_EOL_CUT_OFF: return 1;
  case PCF_EOL_50_50: return 0.5;
  case PCF_EOL_AVOIDED_BURDEN: return 0;
  default: return p->a;
  }
}

void pcf_eol_terms_compute(pcf_eol_rule rule, const pcf_eol_params *p, const pcf_eol_impacts *e, pcf_eol_terms *t) {
  double a = pcf_eol_rule_a(rule, p);
  double b = rule == PCF_EOL_CUT_OFF ? 0 : p->b;
  t->virgin = (1 - p->r1) * e->ev;
  t->recycled = p->r1 * (a * e->erec + (1 - a) * e->ev * p->qsin);
  t->recycling = (1 - a) * p->r2 * e->erec_eol;
  t->energy_recovery = (1 - b) * p->r3 * e->eer;
  t->disposal = (1 - p->r2 - p->r3) * e->ed;
  t->credit_material = -(1 - a) * p->r2 * e->ev_star * p->qsout;
  t->credit_energy = -(1 - b) * p->r3 * p->lhv_mj_per_kg *
                     (p->x_heat * e->ese_heat_per_mj + p->x_elec * e->ese_elec_per_mj);
  /* Cut-off gives no credit for what leaves the system. */
  if (rule == PCF_EOL_CUT_OFF) t->credit_material = t->credit_energy = 0;
  /* Avoid -0 in reports. */
  if (t->credit_material == 0) t->credit_material = 0;
  if (t->credit_energy == 0) t->credit_energy = 0;
}
