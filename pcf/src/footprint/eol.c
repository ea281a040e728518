/* eol.c: the Circular Footprint Formula kernel (Commission Recommendation (EU) 2021/2279, Annex C,
 * section "Circular Footprint Formula") and the three classic rules as its limits: cut-off A = 1
 * without credits, 50:50 A = 0.5, avoided burden A = 0. */
#include "pcf/eol.h"

#include <math.h>
#include <stdbool.h>
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
  } names[] = {{"cut-off", PCF_EOL_CUT_OFF},
               {"cutoff", PCF_EOL_CUT_OFF},
               {"100:0", PCF_EOL_CUT_OFF},
               {"recycled-content", PCF_EOL_CUT_OFF},
               {"50:50", PCF_EOL_50_50},
               {"avoided-burden", PCF_EOL_AVOIDED_BURDEN},
               {"0:100", PCF_EOL_AVOIDED_BURDEN},
               {"end-of-life", PCF_EOL_AVOIDED_BURDEN},
               {"cff", PCF_EOL_CFF},
               {"pef", PCF_EOL_CFF},
               {"circular-footprint-formula", PCF_EOL_CFF}};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcasecmp(t, names[i].name) == 0) return *out = names[i].rule, 0;
  return -1;
}

static int in01(double x) { return x >= 0 && x <= 1; }

int pcf_eol_check(const pcf_eol_params *p, const char *m, pcf_error *err) {
  struct {
    const char *name;
    double v;
  } unit[] = {{"recycled content R1", p->r1},
              {"recycling share R2", p->r2},
              {"energy recovery share R3", p->r3},
              {"A", p->a},
              {"B", p->b},
              {"Qsin/Qp", p->qsin},
              {"Qsout/Qp", p->qsout},
              {"XER,heat", p->x_heat},
              {"XER,elec", p->x_elec},
              {"incineration share", p->incinerated},
              {"landfill share", p->landfilled}};
  for (size_t i = 0; i < sizeof unit / sizeof *unit; i++)
    if (!in01(unit[i].v))
      return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0, "%s: %s = %g must lie in 0..1 (0..100 %%)", m, unit[i].name,
                           unit[i].v);
  if (p->r2 + p->r3 + p->incinerated + p->landfilled > 1 + 1e-12)
    return pcf_error_set(err, PCF_ERR_INPUT, NULL, 0,
                         "%s: recycling (R2 = %g), energy recovery (R3 = %g), incineration (%g) and landfill (%g) "
                         "shares add up to more than 1",
                         m, p->r2, p->r3, p->incinerated, p->landfilled);
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

const char *pcf_eol_route_name(pcf_eol_route route) {
  static const char *names[PCF_EOL_ROUTE_COUNT] = {"recycling", "incineration_energy_recovery", "incineration",
                                                   "landfill"};
  return (unsigned)route < PCF_EOL_ROUTE_COUNT ? names[route] : "?";
}

void pcf_eol_amounts_compute(pcf_eol_rule rule, const pcf_eol_params *p, double input_kg, double eol_kg,
                             pcf_eol_amounts *out) {
  double a = pcf_eol_rule_a(rule, p);
  double b = rule == PCF_EOL_CUT_OFF ? 0 : p->b;
  bool credits = rule != PCF_EOL_CUT_OFF; /* cut-off gives no credit for what leaves the system */
  out->virgin_kg = (1 - p->r1) * input_kg;
  out->recycled_kg = p->r1 * a * input_kg;
  out->recycled_as_virgin_kg = p->r1 * (1 - a) * p->qsin * input_kg;
  out->route_kg[PCF_EOL_RECYCLING] = (1 - a) * p->r2 * eol_kg;
  out->route_kg[PCF_EOL_ENERGY_RECOVERY] = (1 - b) * p->r3 * eol_kg;
  out->route_kg[PCF_EOL_INCINERATION] = p->incinerated * eol_kg;
  out->route_kg[PCF_EOL_LANDFILL] = p->landfilled * eol_kg;
  out->credit_material_kg = credits ? (1 - a) * p->r2 * p->qsout * eol_kg : 0;
  double recovered_mj = credits ? (1 - b) * p->r3 * p->lhv_mj_per_kg * eol_kg : 0;
  out->credit_heat_mj = recovered_mj * p->x_heat;
  out->credit_elec_mj = recovered_mj * p->x_elec;
}

void pcf_eol_terms_compute(pcf_eol_rule rule, const pcf_eol_params *p, const pcf_eol_impacts *e, pcf_eol_terms *t) {
  pcf_eol_amounts x;
  pcf_eol_params one = *p;
  /* The terms take disposal, 1 − R2 − R3, as one ED, incinerated or landfilled alike. */
  one.incinerated = 0;
  one.landfilled = 1 - p->r2 - p->r3;
  pcf_eol_amounts_compute(rule, &one, 1, 1, &x);
  t->virgin = x.virgin_kg * e->ev;
  t->recycled = x.recycled_kg * e->erec + x.recycled_as_virgin_kg * e->ev;
  t->recycling = x.route_kg[PCF_EOL_RECYCLING] * e->erec_eol;
  t->energy_recovery = x.route_kg[PCF_EOL_ENERGY_RECOVERY] * e->eer;
  t->disposal = x.route_kg[PCF_EOL_LANDFILL] * e->ed;
  /* 0 - 0 is +0: no -0 in reports */
  t->credit_material = 0 - x.credit_material_kg * e->ev_star;
  t->credit_energy = 0 - (x.credit_heat_mj * e->ese_heat_per_mj + x.credit_elec_mj * e->ese_elec_per_mj);
}
