/* test_allocation.c: multi-functional processes (pcf/system.h, "Multi-functional processes") on
 * the hand-built ILCD package tests/fixtures/allocation/, whose README describes each process and
 * calculates by hand every expected value below (kg CO2e per kg of the reference flow; bundled AR6
 * factors: CO2 fossil 1, CH4 fossil 29.8):
 *   co-production of A and B, 60/40 (and a feed input 50/50): A 3.5, B 5; users of A 7, of B 2.5;
 *   co-products' own default shares: C 6, D 1.66; fractions summing to 80 % and an exchange
 *   without any allocation: E 7.98, G 5.98; three reference flows without allocation: H 2; two
 *   reference exchanges of one flow: 1.5; a published result shared 70/30: P 7.7, Q 1.65. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pcf/footprint.h"
#include "pcf/product.h"
#include "pcf/uncertainty.h"

#define FIX PCF_SOURCE_DIR "/tests/fixtures/allocation"
#define PROC(nn) "d0000000-0000-4000-8000-0000000000" nn

static pcf_data *data;

static void setup(void) {
  const char *paths[] = {FIX "/ILCD"};
  pcf_data_options o = {.bundled = 1, .paths = paths, .n_paths = 1};
  pcf_error err = {0};
  cr_assert_eq(pcf_data_open(&data, &o, &err), 0, "%s", err.message);
}

static void teardown(void) { pcf_data_free(data); }

TestSuite(allocation, .init = setup, .fini = teardown);

/* The footprint of process nn per unit of its reference flow; r kept for more checks when out. */
static double process_total(const char *uuid, pcf_result **out) {
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_footprint_process(&r, data, uuid, &err), 0, "%s: %s", uuid, err.message);
  double v = pcf_result_value(r, PCF_TOTAL);
  if (out)
    *out = r;
  else
    pcf_result_free(r);
  return v;
}

static bool warned(const pcf_result *r, const char *a, const char *b) {
  for (size_t i = 0; i < pcf_result_warning_count(r); i++) {
    const char *w = pcf_result_warning(r, i);
    if (strstr(w, a) && (!b || strstr(w, b))) return true;
  }
  return false;
}

static void dump_warnings(const pcf_result *r) {
  for (size_t i = 0; i < pcf_result_warning_count(r); i++) fprintf(stderr, "  warning: %s\n", pcf_result_warning(r, i));
}

static bool any_allocation_warning(const pcf_result *r) {
  return warned(r, "reference flow", NULL) || warned(r, "allocat", NULL) || warned(r, "counted in full", NULL);
}

Test(allocation, coproducts_60_40_and_their_users) {
  pcf_result *r;
  /* Per kg of A, its first reference flow: (60 % of 10 kg CO2 + 50 % of 2 kg feed at 1) / 2 kg. */
  cr_expect_float_eq(process_total(PROC("02"), &r), 3.5, 1e-12);
  cr_expect(strstr(pcf_result_declared_unit(r), "co-product A"), "%s", pcf_result_declared_unit(r));
  cr_expect(!any_allocation_warning(r), "a clean allocation warns");
  pcf_result_free(r);
  cr_expect_float_eq(process_total(PROC("03"), &r), 7.0, 1e-12); /* 2 kg A */
  /* Contributions: A's column once (6 kg CO2), the feed once (1). */
  cr_assert_eq(pcf_result_hotspot_count(r), 2);
  cr_expect_str_eq(pcf_result_hotspot(r, 0)->name, "co-production of A and B");
  cr_expect_float_eq(pcf_result_hotspot(r, 0)->total, 6.0, 1e-12);
  cr_expect_str_eq(pcf_result_hotspot(r, 1)->name, "feed production");
  cr_expect_float_eq(pcf_result_hotspot(r, 1)->total, 1.0, 1e-12);
  if (any_allocation_warning(r)) dump_warnings(r);
  cr_expect(!any_allocation_warning(r));
  pcf_result_free(r);
  cr_expect_float_eq(process_total(PROC("04"), NULL), 2.5, 1e-12); /* 0.5 kg B at (4 + 1) / 1 */
}

Test(allocation, product_using_both_coproducts) {
  pcf_error err = {0};
  pcf_product *p = NULL;
  cr_assert_eq(pcf_product_read(&p, FIX "/product.ini", &err), 0, "%s", err.message);
  pcf_data *d = NULL;
  pcf_data_options o = {.bundled = 1};
  cr_assert_eq(pcf_data_open_product(&d, p, &o, &err), 0, "%s", err.message);
  pcf_result *r = NULL;
  cr_assert_eq(pcf_footprint_product(&r, d, p, &err), 0, "%s", err.message);
  cr_expect_float_eq(pcf_result_value(r, PCF_TOTAL), 9.5, 1e-12);
  /* Both columns of the co-production run, A once (6) and B half a time (2): one process, 8; the
   * feed 1.5 times. */
  cr_assert_eq(pcf_result_hotspot_count(r), 2);
  cr_expect_str_eq(pcf_result_hotspot(r, 0)->name, "co-production of A and B");
  cr_expect_float_eq(pcf_result_hotspot(r, 0)->total, 8.0, 1e-12);
  cr_expect_float_eq(pcf_result_hotspot(r, 1)->total, 1.5, 1e-12);
  pcf_result_free(r);
  pcf_data_free(d);
  pcf_product_free(p);
}

Test(allocation, default_shares_on_the_coproducts_own_exchanges) {
  pcf_result *r;
  /* C: 75 % of 8 kg CO2 (no allocation of its own: C's share), none of the CH4. */
  cr_expect_float_eq(process_total(PROC("05"), &r), 6.0, 1e-12);
  cr_expect(!any_allocation_warning(r));
  pcf_result_free(r);
  /* D, named only by allocations: (25 % of 8 + 0.1 kg CH4 x 29.8) / 3 kg, reached by its user. */
  cr_expect_float_eq(process_total(PROC("06"), NULL), 4.98 / 3, 1e-12);
}

Test(allocation, fractions_off_100_and_exchanges_counted_in_full_warn) {
  pcf_result *r;
  /* E: 50 % of 10 kg CO2 and the CH4 (no allocation, no default share) in full. */
  cr_expect_float_eq(process_total(PROC("07"), &r), 5 + 2.98, 1e-12);
  if (!warned(r, "sum to 80 %", NULL)) dump_warnings(r);
  cr_expect(warned(r, PROC("07"), "exchange 2 (\"carbon dioxide (fossil)\"): its allocated fractions sum to 80 %"));
  cr_expect(warned(r, PROC("07"), "counted in full"));
  pcf_result_free(r);
  cr_expect_float_eq(process_total(PROC("08"), &r), 3 + 2.98, 1e-12); /* G through its user */
  cr_expect(warned(r, PROC("07"), "sum to 80 %"));
  pcf_result_free(r);
}

Test(allocation, several_reference_flows_without_allocation) {
  pcf_result *r;
  /* Per kg H, the first function (the first reference flow is an input): (4 + 1 - 1) / 2. */
  cr_expect_float_eq(process_total(PROC("10"), &r), 2.0, 1e-12);
  cr_expect(strstr(pcf_result_declared_unit(r), "product H"), "%s", pcf_result_declared_unit(r));
  if (!warned(r, "3 reference flows", NULL)) dump_warnings(r);
  cr_expect(warned(r, PROC("10"),
                   "3 reference flows and no allocation factors: takes \"product H\" (exchange 1) "
                   "as its reference flow, which it provides"));
  cr_expect(warned(r, "exchange 0 (Input of \"feed F\")", "exchange 2 (Output of \"product K\")"));
  pcf_result_free(r);
  /* Its function is provided: the user of H links to it. */
  cr_expect_float_eq(process_total(PROC("11"), &r), 2.0, 1e-12);
  cr_expect(warned(r, PROC("10"), NULL));
  pcf_result_free(r);
}

Test(allocation, two_reference_exchanges_of_one_flow_count_together) {
  pcf_result *r;
  cr_expect_float_eq(process_total(PROC("13"), &r), 1.5, 1e-12);
  if (!warned(r, "taken together", NULL)) dump_warnings(r);
  cr_expect(warned(r, PROC("13"), "reference exchanges 0, 1 (Output of \"product M\") are taken together"));
  pcf_result_free(r);
}

Test(allocation, published_result_shared_by_the_own_shares) {
  pcf_result *r;
  /* No elementary exchanges: its published 10 kg CO2e, 70 % to P; the feed (whose allocation
   * names itself, no co-product: ignored) by the same shares: (7 + 0.7) / 1 kg P. */
  cr_expect_float_eq(process_total(PROC("14"), &r), 7.7, 1e-12);
  if (!warned(r, "ignored", NULL)) dump_warnings(r);
  cr_expect(warned(r, PROC("14"), "not a product output or waste input, ignored: 1"));
  pcf_result_free(r);
  /* Q: (3 + 0.3) / 2 kg, through its user. */
  cr_expect_float_eq(process_total(PROC("15"), NULL), 1.65, 1e-12);
}

/* The uncertainty model rebuilds A from the system's entries and values lines on its own blocks
 * (pcf/uncertainty.h): with every exchange drawn at a spread of zero (SDg² 1) it must give back
 * the deterministic footprints above, through the views of the multi-functional processes. */
static void model_gives(const char *product, const char *process, double expected) {
  pcf_unc_model *m = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_unc_model_new(&m, data, product, process, NULL, &err), 0, "%s", err.message);
  cr_expect_float_eq(pcf_unc_model_deterministic(m), expected, 1e-12);
  cr_assert_eq(pcf_unc_model_assume(m, 1.0, &err), 0, "%s", err.message);
  double out[PCF_STAGE_COUNT + 1];
  cr_assert_eq(pcf_unc_model_draw(m, 1, 0, 1, out, &err), 0, "%s", err.message);
  cr_expect_float_eq(out[0], expected, 1e-12, "%s%s: drawn %.17g", product ? product : "", process ? process : "",
                     out[0]);
  pcf_unc_model_free(m);
}

Test(allocation, uncertainty_model_through_the_views) {
  model_gives(FIX "/product.ini", NULL, 9.5);
  model_gives(NULL, PROC("02"), 3.5);
  model_gives(NULL, PROC("10"), 2.0);
  model_gives(NULL, PROC("13"), 1.5);
}
