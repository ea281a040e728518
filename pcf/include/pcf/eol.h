/* eol.h: recycled content and end of life of one material, under a chosen allocation rule.
 *
 * One kernel, the Circular Footprint Formula of the EU PEF method (Commission Recommendation (EU)
 * 2021/2279, Annex C), serves all four rules:
 *   material   (1 − R1)·Ev + R1·(A·Erec + (1 − A)·Ev·Qsin/Qp)
 *   recycling  (1 − A)·R2·(ErecEoL − E*v·Qsout/Qp)
 *   energy     (1 − B)·R3·(EER − LHV·XER,heat·ESE,heat − LHV·XER,elec·ESE,elec)
 *   disposal   (1 − R2 − R3)·ED
 * with cut-off (recycled content, 100:0) as A = 1, 50:50 as A = 0.5, avoided burden (end of life,
 * 0:100) as A = 0, and the CFF with the material's A. Terms that credit avoided production
 * (−E*v·Qsout/Qp, −LHV·X·ESE) lie beyond the system boundary (module D in EN 15804): they are
 * returned apart and never netted into the footprint; under cut-off they are zero. The burden of
 * energy recovery EER always stays with the product (B = 0 unless given). All E are per kg of
 * material, in any one indicator (the formula is linear, so it applies per ISO 14067 component).
 */
#ifndef PCF_EOL_H
#define PCF_EOL_H

#include "pcf/export.h"

#include "pcf/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pcf_eol_rule {
  PCF_EOL_CUT_OFF = 0, /* default for ISO 14067 footprints */
  PCF_EOL_50_50,
  PCF_EOL_AVOIDED_BURDEN,
  PCF_EOL_CFF
} pcf_eol_rule;

/* "cut-off", "50:50", "avoided-burden", "cff". */
PCF_EXTERN const char *pcf_eol_rule_name(pcf_eol_rule rule);
/* Parses those names (and "100:0", "0:100", "recycled-content", "end-of-life", "pef"). */
PCF_EXTERN int pcf_eol_rule_parse(const char *text, pcf_eol_rule *out);

typedef struct pcf_eol_params {
  double r1, r2, r3;              /* recycled content; shares recycled and energy-recovered at end of life */
  double incinerated, landfilled; /* the disposal share 1 − R2 − R3 split between incineration
                                     without energy recovery and landfill, each with its own ED */
  double a, b;                    /* allocation factors (A is used by the CFF only; B by all but cut-off) */
  double qsin, qsout;             /* quality ratios Qsin/Qp and Qsout/Qp */
  double lhv_mj_per_kg;           /* lower heating value of the material */
  double x_heat, x_elec;          /* energy recovery efficiencies */
} pcf_eol_params;

/* Per-kg impacts of the datasets (one indicator). */
typedef struct pcf_eol_impacts {
  double ev, erec, erec_eol, ev_star, ed, eer;
  double ese_heat_per_mj, ese_elec_per_mj;
} pcf_eol_impacts;

typedef struct pcf_eol_terms {
  double virgin;          /* (1 − R1)·Ev */
  double recycled;        /* R1·(A·Erec + (1 − A)·Ev·Qsin/Qp) */
  double recycling;       /* (1 − A)·R2·ErecEoL */
  double energy_recovery; /* (1 − B)·R3·EER */
  double disposal;        /* (1 − R2 − R3)·ED */
  double credit_material; /* −(1 − A)·R2·E*v·Qsout/Qp: module D */
  double credit_energy;   /* −(1 − B)·R3·LHV·(XER,heat·ESE,heat + XER,elec·ESE,elec): module D */
} pcf_eol_terms;

/* The end-of-life routes, in the order of pcf_eol_amounts.route_kg. Their names are those of the
 * services a product's scenario uses ("<route> <family>", product.h). */
typedef enum pcf_eol_route {
  PCF_EOL_RECYCLING,
  PCF_EOL_ENERGY_RECOVERY, /* "incineration_energy_recovery" */
  PCF_EOL_INCINERATION,
  PCF_EOL_LANDFILL,
  PCF_EOL_ROUTE_COUNT
} pcf_eol_route;
PCF_EXTERN const char *pcf_eol_route_name(pcf_eol_route route);

/* What the formula asks of each dataset, for one material line: the amounts the engine values with
 * the datasets' impacts (every E above is per kg, so each term is an amount times an E). Input
 * mass is what the product takes in (scrap included), end-of-life mass what leaves it. */
typedef struct pcf_eol_amounts {
  double virgin_kg;                      /* of Ev: (1 − R1) · input */
  double recycled_kg;                    /* of Erec: R1 · A · input */
  double recycled_as_virgin_kg;          /* of Ev: R1 · (1 − A) · Qsin/Qp · input */
  double route_kg[PCF_EOL_ROUTE_COUNT];  /* recycling (1 − A)·R2, energy recovery (1 − B)·R3,
                                           incineration and landfill (their parts of 1 − R2 − R3),
                                           each · end-of-life mass */
  double credit_material_kg;             /* of E*v, module D: (1 − A)·R2·Qsout/Qp · end-of-life mass */
  double credit_heat_mj, credit_elec_mj; /* of ESE, module D: (1 − B)·R3·LHV·XER · end-of-life mass */
} pcf_eol_amounts;

/* Checks the parameters: shares and factors within 0..1, R2 + R3 + incinerated + landfilled ≤ 1,
 * quality ratios
 * in 0..1, LHV and efficiencies non-negative. Returns 0 or PCF_ERR_INPUT naming the parameter. */
PCF_EXTERN int pcf_eol_check(const pcf_eol_params *p, const char *material, pcf_error *err);

/* The amounts for input_kg taken in and eol_kg leaving at end of life, under rule: the one place the
 * formula is written. The A of p is used for the CFF; the rules fix it for the others; cut-off
 * gives no credits and B = 0. */
PCF_EXTERN void pcf_eol_amounts_compute(pcf_eol_rule rule, const pcf_eol_params *p, double input_kg, double eol_kg,
                                        pcf_eol_amounts *out);

/* The terms per kg of material under rule: the amounts for 1 kg valued with e. */
PCF_EXTERN void pcf_eol_terms_compute(pcf_eol_rule rule, const pcf_eol_params *p, const pcf_eol_impacts *e,
                                      pcf_eol_terms *out);

/* The A the rule applies (p->a for the CFF). */
PCF_EXTERN double pcf_eol_rule_a(pcf_eol_rule rule, const pcf_eol_params *p);

#ifdef __cplusplus
}
#endif
#endif
