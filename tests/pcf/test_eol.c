/* test_eol.c: the recycling kernel against hand calculations on one material, the rules' limits,
 * edge cases and invalid shares. Inputs (kg CO2e per kg, per MJ for substituted energy):
 *   Ev 10, Erec 2, ErecEoL 1, E*v 10, ED 0.5, EER 3, ESE,heat 0.08/MJ, ESE,elec 0.15/MJ;
 *   R1 0.4, R2 0.5, R3 0.2, A 0.2, B 0, Qsin/Qp 0.9, Qsout/Qp 0.8, LHV 20 MJ/kg, XER 0.3 / 0.2. */
#include <criterion/criterion.h>
#include <string.h>

#include "pcf/eol.h"

static const pcf_eol_impacts E = {.ev = 10,
                                  .erec = 2,
                                  .erec_eol = 1,
                                  .ev_star = 10,
                                  .ed = 0.5,
                                  .eer = 3,
                                  .ese_heat_per_mj = 0.08,
                                  .ese_elec_per_mj = 0.15};
static const pcf_eol_params P = {.r1 = 0.4,
                                 .r2 = 0.5,
                                 .r3 = 0.2,
                                 .a = 0.2,
                                 .b = 0,
                                 .qsin = 0.9,
                                 .qsout = 0.8,
                                 .lhv_mj_per_kg = 20,
                                 .x_heat = 0.3,
                                 .x_elec = 0.2};

#define EQ(x, y) cr_expect_float_eq((x), (y), 1e-12, "%s = %.15g, expected %.15g", #x, (double)(x), (double)(y))

Test(eol, cff_by_hand) {
  pcf_eol_terms t;
  pcf_eol_terms_compute(PCF_EOL_CFF, &P, &E, &t);
  EQ(t.virgin, 0.6 * 10);                                     /* (1 - R1) Ev = 6 */
  EQ(t.recycled, 0.4 * (0.2 * 2 + 0.8 * 10 * 0.9));           /* R1 (A Erec + (1-A) Ev Qsin) = 3.04 */
  EQ(t.recycling, 0.8 * 0.5 * 1);                             /* (1-A) R2 ErecEoL = 0.4 */
  EQ(t.energy_recovery, 0.2 * 3);                             /* (1-B) R3 EER = 0.6 */
  EQ(t.disposal, 0.3 * 0.5);                                  /* (1-R2-R3) ED = 0.15 */
  EQ(t.credit_material, -0.8 * 0.5 * 10 * 0.8);               /* -(1-A) R2 E*v Qsout = -3.2 */
  EQ(t.credit_energy, -0.2 * 20 * (0.3 * 0.08 + 0.2 * 0.15)); /* -0.216 */
}

Test(eol, cut_off_by_hand) {
  pcf_eol_terms t;
  pcf_eol_terms_compute(PCF_EOL_CUT_OFF, &P, &E, &t);
  EQ(t.virgin, 6);
  EQ(t.recycled, 0.4 * 2); /* recycled input carries Erec */
  EQ(t.recycling, 0);      /* no recycling burden or credit at end of life */
  EQ(t.energy_recovery, 0.6);
  EQ(t.disposal, 0.15);
  EQ(t.credit_material, 0);
  EQ(t.credit_energy, 0);
}

Test(eol, fifty_fifty_and_avoided_burden_by_hand) {
  pcf_eol_terms t;
  pcf_eol_terms_compute(PCF_EOL_50_50, &P, &E, &t);
  EQ(t.recycled, 0.4 * (0.5 * 2 + 0.5 * 10 * 0.9)); /* 2.2 */
  EQ(t.recycling, 0.5 * 0.5 * 1);                   /* 0.25 */
  EQ(t.credit_material, -0.5 * 0.5 * 10 * 0.8);     /* -2.0 */
  pcf_eol_terms_compute(PCF_EOL_AVOIDED_BURDEN, &P, &E, &t);
  EQ(t.recycled, 0.4 * 10 * 0.9); /* recycled input valued as virgin x Qsin: 3.6 */
  EQ(t.recycling, 0.5);
  EQ(t.credit_material, -4.0);
  EQ(t.credit_energy, -0.216);
}

Test(eol, limits_agree) {
  /* CFF with A = 1 and Q = 1 equals cut-off (burdens; R3 = 0 so no energy credit either). */
  pcf_eol_params p = P;
  p.a = 1;
  p.qsin = p.qsout = 1;
  p.r3 = 0;
  pcf_eol_terms cff, cut;
  pcf_eol_terms_compute(PCF_EOL_CFF, &p, &E, &cff);
  pcf_eol_terms_compute(PCF_EOL_CUT_OFF, &p, &E, &cut);
  cr_expect_eq(memcmp(&cff, &cut, sizeof cff), 0);
  /* CFF with A = 0 equals avoided burden; A = 0.5 equals 50:50, term by term. */
  pcf_eol_terms avoided, half;
  p = P;
  p.a = 0;
  pcf_eol_terms_compute(PCF_EOL_CFF, &p, &E, &cff);
  pcf_eol_terms_compute(PCF_EOL_AVOIDED_BURDEN, &p, &E, &avoided);
  cr_expect_eq(memcmp(&cff, &avoided, sizeof cff), 0);
  p.a = 0.5;
  pcf_eol_terms_compute(PCF_EOL_CFF, &p, &E, &cff);
  pcf_eol_terms_compute(PCF_EOL_50_50, &p, &E, &half);
  cr_expect_eq(memcmp(&cff, &half, sizeof cff), 0);
}

Test(eol, all_recycled_content_and_all_recycled) {
  pcf_eol_params p = P;
  p.r1 = 1;
  p.r2 = 1;
  p.r3 = 0;
  pcf_eol_terms t;
  pcf_eol_terms_compute(PCF_EOL_CFF, &p, &E, &t);
  EQ(t.virgin, 0);
  EQ(t.recycled, 0.2 * 2 + 0.8 * 10 * 0.9); /* 7.6 */
  EQ(t.disposal, 0);
  EQ(t.recycling, 0.8 * 1);
  EQ(t.credit_material, -0.8 * 10 * 0.8);
  cr_expect_eq(pcf_eol_check(&p, "Al", NULL), 0);
}

Test(eol, invalid_shares_rejected) {
  pcf_error err = {0};
  pcf_eol_params p = P;
  p.r2 = 0.7;
  p.r3 = 0.4;
  cr_expect_eq(pcf_eol_check(&p, "PP", &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "more than 1") && strstr(err.message, "PP"), "%s", err.message);
  p = P;
  p.r1 = -0.1;
  cr_expect_eq(pcf_eol_check(&p, "PP", &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "R1"), "%s", err.message);
  p = P;
  p.r2 = 1.2;
  cr_expect_eq(pcf_eol_check(&p, "PP", &err), PCF_ERR_INPUT);
  p = P;
  p.qsout = 1.5;
  cr_expect_eq(pcf_eol_check(&p, "PP", &err), PCF_ERR_INPUT);
}

Test(eol, rule_names) {
  pcf_eol_rule r;
  cr_expect_eq(pcf_eol_rule_parse("CFF", &r), 0);
  cr_expect_eq(r, PCF_EOL_CFF);
  cr_expect_eq(pcf_eol_rule_parse("0:100", &r), 0);
  cr_expect_eq(r, PCF_EOL_AVOIDED_BURDEN);
  cr_expect_eq(pcf_eol_rule_parse("whatever", &r), -1);
  cr_expect_str_eq(pcf_eol_rule_name(PCF_EOL_50_50), "50:50");
}
