/* test_ill_posed.c: product systems that have no trustworthy answer give an error or a warning,
 * never a confident number (issue 13 item 9; the rules in pcf/system.h). Small ILCD packages are
 * written here on top of the bundled elementary flows and AR6 method; every process makes 1 kg
 * of its product (mass flows) and carbon dioxide (fossil) counts 1 kg CO2e per kg. Answers by
 * hand, with y_P the footprint per kg of P's product (y = direct + Σ inputs × y_provider):
 *
 * 1. A1 needs 0.5 kg of B1's product, B1 0.5 kg of A1's; A1 emits 1 kg CO2:
 *    y_A1 = 1 + 0.5 y_B1, y_B1 = 0.5 y_A1  →  y_A1 = 1 / (1 − 0.25) = 4/3. Its loop, per unit,
 *    [[1, −0.5], [−0.5, 1]]: ‖·‖₁ = 1.5, inverse [[1, 0.5], [0.5, 1]] / 0.75 with ‖·‖₁ = 2,
 *    condition 3: no warning.
 * 2. A2 needs 2 kg of B2's product and B2 2 kg of A2's: y_A2 = 1 + 2 y_B2, y_B2 = 2 y_A2 gives
 *    y_A2 = −1/3, a footprint of a loop that makes less than it uses: an error naming A2 and B2.
 *    For one unit of each product the activities x = [[1, −2], [−2, 1]]⁻¹ (1, 1) = (−1, −1).
 * 3. A3 needs 1 kg of B3's product, B3 1 kg of A3's: det [[1, −1], [−1, 1]] = 0, singular: an
 *    error naming the loop.
 * 4. A4 needs 1 kg of B4's product, B4 (1 − 1e-12) kg of A4's; A4 emits 1 kg CO2:
 *    y_A4 = 1 / (1 − (1 − 1e-12)) = 1/d with d = 1 − 0.999999999999 as doubles = 9.99977878e-13,
 *    so y_A4 = 1.000022e12 (the 1e-12 is not exact in binary). The loop [[1, −(1 − 1e-12)],
 *    [−1, 1]] has ‖·‖₁ = 2 and inverse [[1, 1 − 1e-12], [1, 1]] / d with ‖·‖₁ = 2/d: condition
 *    4/d = 4.0001e12, warned with that estimate ("4e+12").
 * 5. T0 … T8 in a chain without loops, each needing 1e-10 kg of the next one's product per kg; T8
 *    emits 1 kg CO2: y_T0 = (1e-10)^8 = 1e-80, no error and no warning.
 * 6. S makes 1 kg of X and takes in 1.5 kg of X: it provides nothing. Footprinting S is an error
 *    naming both amounts; C, which needs 2 kg of X and emits 1 kg CO2, gets y_C = 1 (X cut off)
 *    with a warning naming S.
 * 7. R makes 1 kg of Y, takes in 0.25 kg of Y and emits 1 kg CO2: per kg of its net output,
 *    y_R = 1 / 0.75 = 4/3, with a warning; D, needing 3 kg of Y, gets 3 × 4/3 = 4.
 * 8. O0 … O11 in a chain, each needing 1e30 kg (the largest amount the ILCD reader takes) of the
 *    next one's product per kg; O11 emits 1 kg CO2: y_O0 would be 1e330, beyond the largest
 *    double (1.8e308): an error, not "inf". */
#include <criterion/criterion.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcf/footprint.h"
#include "../scratch_base.h"

#define MASS "93a60a56-a3c8-11da-a746-0800200b9a66"
#define CO2 "08a91e70-3ddc-11dd-923d-0050c2490048"

static char dir[64];
static pcf_data *data;

static void put(const char *name, const char *text) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs(text, f);
  fclose(f);
}

/* Product flow number i: uuid aaaaaaaa-...-i, measured in kg. */
static void flow(int i) {
  char xml[2048], name[32];
  snprintf(xml, sizeof xml,
           "<flowDataSet xmlns=\"http://lca.jrc.it/ILCD/Flow\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">"
           "<flowInformation><dataSetInformation><common:UUID>aaaaaaaa-0000-4000-8000-%012d</common:UUID><name>"
           "<baseName>product %d</baseName></name></dataSetInformation><quantitativeReference>"
           "<referenceToReferenceFlowProperty>0</referenceToReferenceFlowProperty></quantitativeReference>"
           "</flowInformation><modellingAndValidation><LCIMethod><typeOfDataSet>Product flow</typeOfDataSet>"
           "</LCIMethod></modellingAndValidation><flowProperties><flowProperty dataSetInternalID=\"0\">"
           "<referenceToFlowPropertyDataSet refObjectId=\"" MASS
           "\"/><meanValue>1</meanValue></flowProperty>"
           "</flowProperties></flowDataSet>",
           i, i);
  snprintf(name, sizeof name, "f%d.xml", i);
  put(name, xml);
}

/* Process number i named `name`: makes 1 kg of flow `out`, then (flow, amount) inputs until a
 * flow 0; emits co2 kg of CO2 when co2 > 0. An input of flow `out` itself is the process taking
 * in its own product. Amounts written with 17 digits. */
static void process(int i, const char *name, int out, double co2, ...) {
  char xml[8192], ex[600];
  size_t n = (size_t)snprintf(xml, sizeof xml,
                              "<processDataSet xmlns=\"http://lca.jrc.it/ILCD/Process\" "
                              "xmlns:common=\"http://lca.jrc.it/ILCD/Common\"><processInformation><dataSetInformation>"
                              "<common:UUID>bbbbbbbb-0000-4000-8000-%012d</common:UUID><name><baseName>%s</baseName>"
                              "</name></dataSetInformation><quantitativeReference><referenceToReferenceFlow>0"
                              "</referenceToReferenceFlow></quantitativeReference></processInformation><exchanges>",
                              i, name);
  int id = 0;
  snprintf(ex, sizeof ex,
           "<exchange dataSetInternalID=\"%d\"><referenceToFlowDataSet refObjectId=\"aaaaaaaa-0000-4000-8000-%012d\"/>"
           "<exchangeDirection>Output</exchangeDirection><meanAmount>1</meanAmount></exchange>",
           id++, out);
  n += (size_t)snprintf(xml + n, sizeof xml - n, "%s", ex);
  va_list ap;
  va_start(ap, co2);
  for (int f; (f = va_arg(ap, int)) != 0;) {
    double amount = va_arg(ap, double);
    snprintf(
        ex, sizeof ex,
        "<exchange dataSetInternalID=\"%d\"><referenceToFlowDataSet refObjectId=\"aaaaaaaa-0000-4000-8000-%012d\"/>"
        "<exchangeDirection>Input</exchangeDirection><meanAmount>%.17g</meanAmount></exchange>",
        id++, f, amount);
    n += (size_t)snprintf(xml + n, sizeof xml - n, "%s", ex);
  }
  va_end(ap);
  if (co2 > 0) {
    snprintf(ex, sizeof ex,
             "<exchange dataSetInternalID=\"%d\"><referenceToFlowDataSet refObjectId=\"" CO2
             "\"/>"
             "<exchangeDirection>Output</exchangeDirection><meanAmount>%.17g</meanAmount></exchange>",
             id++, co2);
    n += (size_t)snprintf(xml + n, sizeof xml - n, "%s", ex);
  }
  snprintf(xml + n, sizeof xml - n, "</exchanges></processDataSet>");
  char file[32];
  snprintf(file, sizeof file, "p%d.xml", i);
  put(file, xml);
}

static void setup(void) {
  snprintf(dir, sizeof dir, "%s/pcf-ill-posed-XXXXXX", scratch_base());
  cr_assert(mkdtemp(dir));
  for (int i = 1; i <= 60; i++) flow(i);
  process(1, "A1", 1, 1, 2, 0.5, 0); /* 1: productive loop */
  process(2, "B1", 2, 0, 1, 0.5, 0);
  process(3, "A2", 3, 1, 4, 2.0, 0); /* 2: negative loop */
  process(4, "B2", 4, 0, 3, 2.0, 0);
  process(5, "A3", 5, 1, 6, 1.0, 0); /* 3: singular loop */
  process(6, "B3", 6, 0, 5, 1.0, 0);
  process(7, "A4", 7, 1, 8, 1.0, 0); /* 4: near-singular loop */
  process(8, "B4", 8, 0, 7, 1 - 1e-12, 0);
  for (int k = 0; k < 8; k++) { /* 5: T0..T8 = processes 10..18, flows 10..18 */
    char name[8];
    snprintf(name, sizeof name, "T%d", k);
    process(10 + k, name, 10 + k, 0, 11 + k, 1e-10, 0);
  }
  process(18, "T8", 18, 1, 0);
  process(20, "S", 20, 0, 20, 1.5, 0); /* 6: S takes in more X (flow 20) than it makes */
  process(21, "C", 21, 1, 20, 2.0, 0);
  process(22, "R", 22, 1, 22, 0.25, 0); /* 7: R takes in a quarter of its Y */
  process(23, "D", 23, 0, 22, 3.0, 0);
  for (int k = 0; k < 11; k++) { /* 8: O0..O11 = processes 30..41, flows 30..41 */
    char name[8];
    snprintf(name, sizeof name, "O%d", k);
    process(30 + k, name, 30 + k, 0, 31 + k, 1e30, 0);
  }
  process(41, "O11", 41, 1, 0);
  const char *paths[] = {dir};
  pcf_data_options o = {.bundled = 1, .paths = paths, .n_paths = 1};
  pcf_error err = {0};
  cr_assert_eq(pcf_data_open(&data, &o, &err), 0, "%s", err.message);
}

static void teardown(void) {
  pcf_data_free(data);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  cr_expect_eq(system(cmd), 0);
}

TestSuite(ill_posed, .init = setup, .fini = teardown);

static const char *P(int i) {
  static char buf[8][40];
  static int next;
  char *b = buf[next++ % 8];
  snprintf(b, 40, "bbbbbbbb-0000-4000-8000-%012d", i);
  return b;
}

/* The solution of one process's supply chains, as its footprint solves them. */
static pcf_solution *solution_of(const char *uuid) {
  ilcd_uuid u;
  cr_assert_eq(ilcd_uuid_parse(&u, uuid), 0);
  const ilcd_process *p = ilcd_db_process(pcf_data_db(data), &u);
  cr_assert(p, "%s", uuid);
  pcf_solution *x = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_solution_new(&x, pcf_data_system(data), &p, 1, &err), 0, "%s", err.message);
  return x;
}

static int warned(const pcf_result *r, const char *what) {
  for (size_t i = 0; i < pcf_result_warning_count(r); i++)
    if (strstr(pcf_result_warning(r, i), what)) return 1;
  return 0;
}

Test(ill_posed, productive_loop_by_hand) {
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_footprint_process(&r, data, P(1), &err), 0, "%s", err.message);
  cr_expect_float_eq(pcf_result_value(r, PCF_TOTAL), 4.0 / 3, 1e-12);
  cr_expect(!warned(r, "ill-conditioned"));
  pcf_solution *x = solution_of(P(1));
  cr_assert_eq(pcf_solution_loop_count(x), 1);
  cr_expect_float_eq(pcf_solution_loop_condition(x, 0), 3, 1e-9);
  pcf_solution_free(x);
  pcf_result_free(r);
}

Test(ill_posed, loop_with_negative_activity_is_an_error) {
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_footprint_process(&r, data, P(3), &err), PCF_ERR_INPUT, "%s", err.message);
  cr_expect(strstr(err.message, "needs more of its own products than it makes"), "%s", err.message);
  cr_expect(strstr(err.message, "would run -1 times"), "%s", err.message);
  cr_expect(strstr(err.message, "\"A2\"") && strstr(err.message, "\"B2\""), "%s", err.message);
  pcf_result_free(r);
}

Test(ill_posed, singular_loop_is_named_as_a_loop) {
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_footprint_process(&r, data, P(5), &err), PCF_ERR_SINGULAR, "%s", err.message);
  cr_expect(strstr(err.message, "a loop of 2 processes"), "%s", err.message);
  cr_expect(strstr(err.message, "\"A3\"") && strstr(err.message, "\"B3\""), "%s", err.message);
  pcf_result_free(r);
}

Test(ill_posed, near_singular_loop_warns_with_its_estimate) {
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_footprint_process(&r, data, P(7), &err), 0, "%s", err.message);
  double d = 1 - (1 - 1e-12);
  cr_expect_float_eq(pcf_result_value(r, PCF_TOTAL), 1 / d, 1e-3 / d, "%.17g", pcf_result_value(r, PCF_TOTAL));
  cr_expect(warned(r,
                   "ill-conditioned loop: the 2 processes \"A4\", \"B4\" supply each other with a condition "
                   "estimate of 4e+12"));
  pcf_solution *x = solution_of(P(7));
  cr_assert_eq(pcf_solution_loop_count(x), 1);
  cr_expect_float_eq(pcf_solution_loop_condition(x, 0), 4 / d, 1e-6 * 4 / d);
  pcf_solution_free(x);
  pcf_result_free(r);
}

Test(ill_posed, loop_free_chain_of_tiny_amounts) {
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_footprint_process(&r, data, P(10), &err), 0, "%s", err.message);
  cr_expect_float_eq(pcf_result_value(r, PCF_TOTAL), 1e-80, 1e-92, "%.17g", pcf_result_value(r, PCF_TOTAL));
  cr_expect(!warned(r, "ill-conditioned"));
  pcf_solution *x = solution_of(P(10));
  cr_expect_eq(pcf_solution_loop_count(x), 0);
  pcf_solution_free(x);
  pcf_result_free(r);
}

Test(ill_posed, process_taking_in_more_of_its_product_than_it_makes) {
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_footprint_process(&r, data, P(20), &err), PCF_ERR_INPUT, "%s", err.message);
  cr_expect(strstr(err.message, "takes in 1.5 kg of its own reference product for 1 kg it makes"), "%s", err.message);
  pcf_result_free(r);
  r = NULL;
  cr_assert_eq(pcf_footprint_process(&r, data, P(21), &err), 0, "%s", err.message);
  cr_expect_float_eq(pcf_result_value(r, PCF_TOTAL), 1, 1e-12);
  cr_expect(warned(r,
                   "product 20 (2 kg) is not provided by process \"S\", which makes it but takes in 1.5 kg of it "
                   "for 1 kg made"));
  pcf_result_free(r);
}

Test(ill_posed, process_taking_in_part_of_its_product_counts_its_net_output) {
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_footprint_process(&r, data, P(22), &err), 0, "%s", err.message);
  cr_expect_float_eq(pcf_result_value(r, PCF_TOTAL), 4.0 / 3, 1e-12);
  cr_expect(warned(r,
                   "process \"R\" names its reference product in several exchanges (1 kg made, 0.25 kg taken in "
                   "per run): it is counted by its net output, 0.75 kg per run"));
  pcf_result_free(r);
  r = NULL;
  cr_assert_eq(pcf_footprint_process(&r, data, P(23), &err), 0, "%s", err.message);
  cr_expect_float_eq(pcf_result_value(r, PCF_TOTAL), 4, 1e-12);
  cr_expect(warned(r, "process \"R\" names its reference product"));
  pcf_result_free(r);
}

Test(ill_posed, result_beyond_the_range_of_doubles_is_an_error) {
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_footprint_process(&r, data, P(30), &err), PCF_ERR_INPUT, "%s", err.message);
  cr_expect(strstr(err.message, "beyond the range of numbers"), "%s", err.message);
  pcf_result_free(r);
}
