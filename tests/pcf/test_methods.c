/* test_methods.c: the bundled GWP100 methods carry the IPCC table values, read through the ILCD
 * reader and found by the same aliases pcf uses. Sources of the expected values:
 *   AR6: IPCC AR6 WG1 Table 7.15 / 7.SM.7 (as in the EF 3.1 method 6209b35f-...),
 *   AR5: IPCC AR5 WG1 Table 8.A.1, without climate-carbon feedback,
 *   AR4: IPCC AR4 WG1 Table 2.14.
 * CO2 fossil 1 in all three; CH4 fossil 29.8 / 30 / 25, non-fossil 27.0 / 28 / 25; N2O 273 / 265 /
 * 298; SF6 25,200 / 23,500 / 22,800; NF3 17,400 / 16,100 / 17,200; HFC-134a 1,530 / 1,300 / 1,430. */
#include <criterion/criterion.h>
#include <string.h>

#include "pcf/footprint.h"

static ilcd_db *db;

static void load(void) {
  ilcd_error e = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_assert_eq(ilcd_db_load(db, PCF_SOURCE_DIR "/datasets/ILCD", &e), 0, "%s: %s", e.path, e.message);
}

static void unload(void) { ilcd_db_free(db); }

/* The factor of the gas emitted to air, unspecified compartment, found by the flow's name. */
static double factor(const ilcd_lcia_method *m, const char *gas) {
  char want[200];
  snprintf(want, sizeof want, "%s (Mass, kg, Emissions to air, unspecified)", gas);
  for (size_t i = 0; i < m->n_factors; i++) {
    const ilcd_flow *f = ilcd_db_flow(db, &m->factors[i].flow.uuid);
    if (f && m->factors[i].direction == ILCD_OUTPUT && strcmp(m->factors[i].flow.text, want) == 0)
      return m->factors[i].mean_value;
  }
  cr_assert_fail("%s: no factor for %s", m->name, want);
  return 0;
}

static void check(const char *alias, const double expected[7]) {
  static const char *gases[7] = {
      "carbon dioxide (fossil)", "methane (fossil)", "methane (biogenic)", "nitrous oxide", "sulphur hexafluoride",
      "nitrogen trifluoride",    "HFC-134a"};
  pcf_method_set ms;
  pcf_error err = {0};
  cr_assert_eq(pcf_method_find(db, alias, &ms, &err), 0, "%s", err.message);
  cr_assert(ms.fossil && ms.biogenic && ms.luc, "%s: sub-methods found", alias);
  for (int i = 0; i < 7; i++)
    cr_expect_float_eq(factor(ms.total, gases[i]), expected[i], 1e-9, "%s %s", alias, gases[i]);
}

TestSuite(methods, .init = load, .fini = unload);

Test(methods, ar6) { check("AR6", (double[]){1, 29.8, 27.0, 273, 25200, 17400, 1530}); }
Test(methods, ar5) { check("AR5", (double[]){1, 30, 28, 265, 23500, 16100, 1300}); }
Test(methods, ar4) { check("AR4", (double[]){1, 25, 25, 298, 22800, 17200, 1430}); }

Test(methods, unknown_alias_is_an_error) {
  pcf_method_set ms;
  pcf_error err = {0};
  cr_expect_eq(pcf_method_find(db, "AR7", &ms, &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "AR7") != NULL);
}
