/* test_eol_published.c: a published numerical worked example of the Circular Footprint Formula,
 * reproduced through the kernel (pcf_eol_terms_compute) to its printed precision.
 *
 * Source: Ecobalyse (formerly Wikicarbone), the French Ministry of Ecological Transition's
 * environmental-labelling calculator, methodology page "Utilisation de matière recyclé - M1 et
 * M2" (github.com/MTES-MCT/ecobalyse, methodologie/filature/3-calcul-de-limpact-matiere-
 * circular-footprint-formula-cff/circular-footprint-formula-cff-matiere.md, file version of commit
 * 2725397209e4096b919b6f7e23f1e054a2393587; the page carries no date). It applies the material
 * terms of the CFF, (1-R1)Ev + R1(A Erec + (1-A) Ev Qsin/Qp), with A and Qsin/Qp taken from the
 * draft PEFCR Apparel & Footwear v1.2, table 21. The example, section "Exemples de calcul":
 *
 *   "Pour un T-shirt de masse m = 0.17 kg de composition 100% laine recyclé
 *    [...] On a R1 = 100%, A = 0.8, Qsin/Qp = 0.5, m = 0.207 kg (la masse est plus importante
 *    à cette étape car il y a des pertes)
 *    Sur le changement climatique on a avec les données de la base impacts :
 *    Impact_laine_recyclé = 0.5 kgCO2e/kg_laine_recyclé
 *    Impact_laine_vierge = 80.3 kgCO2e/kg_laine_vierge
 *    Donc
 *    Impact_matière = 0.207 * [0.8*0.5 + (1-0.8)*0.5*80.3]
 *    Impact_matière = 1.75 kgCO2e"
 *
 * (a T-shirt of 0.17 kg, 100 % recycled wool; 0.207 kg of material at this stage because of
 * losses; Erec 0.5 and Ev 80.3 kg CO2e/kg from ADEME's Base Impacts.) The example covers the
 * material part only: no recycling, energy recovery or disposal at end of life, so R2 = R3 = 0 and
 * ED = 0 here. Printed precision: 2 decimals (exact value 0.207 * 8.43 = 1.74501).
 */
#include <criterion/criterion.h>
#include <math.h>

#include "pcf/eol.h"

Test(eol_published, ecobalyse_recycled_wool_tshirt) {
  const double m = 0.207; /* kg of wool at the material stage */
  const pcf_eol_params p = {.r1 = 1.0, .r2 = 0, .r3 = 0, .a = 0.8, .b = 0, .qsin = 0.5, .qsout = 1.0,
                            .lhv_mj_per_kg = 0, .x_heat = 0, .x_elec = 0};
  const pcf_eol_impacts e = {.ev = 80.3, .erec = 0.5, .erec_eol = 0, .ev_star = 80.3, .ed = 0, .eer = 0,
                             .ese_heat_per_mj = 0, .ese_elec_per_mj = 0};
  pcf_eol_terms t;
  cr_assert_eq(pcf_eol_check(&p, "recycled wool", NULL), 0);
  pcf_eol_terms_compute(PCF_EOL_CFF, &p, &e, &t);

  /* The bracket of the example per kg: 0.8*0.5 + (1-0.8)*0.5*80.3 = 8.43. */
  cr_expect_float_eq(t.virgin, 0.0, 1e-12);
  cr_expect_float_eq(t.recycled, 8.43, 1e-9, "recycled term %.12g per kg, expected 8.43", t.recycled);
  cr_expect_float_eq(t.recycling, 0.0, 1e-12);
  cr_expect_float_eq(t.energy_recovery, 0.0, 1e-12);
  cr_expect_float_eq(t.disposal, 0.0, 1e-12);
  cr_expect_float_eq(t.credit_material, 0.0, 1e-12);
  cr_expect_float_eq(t.credit_energy, 0.0, 1e-12);

  double impact = m * (t.virgin + t.recycled + t.recycling + t.energy_recovery + t.disposal);
  /* "Impact_matière = 1.75 kgCO2e", to 2 decimals. */
  cr_expect(fabs(round(impact * 100.0) / 100.0 - 1.75) < 1e-9, "material impact %.6f, printed 1.75", impact);

  /* The same example under cut-off (A = 1): recycled input carries Erec only, 0.207 * 0.5. */
  pcf_eol_terms_compute(PCF_EOL_CUT_OFF, &p, &e, &t);
  cr_expect_float_eq(m * t.recycled, 0.207 * 0.5, 1e-12);
}
