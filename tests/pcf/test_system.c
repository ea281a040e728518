/* test_system.c: linking and solving a small product system by hand, with a loop, on top of the
 * bundled elementary flows and AR6 method. Two processes written here:
 *   A provides 1 kg of P1, takes 0.5 kg of P2, emits 2 kg CO2 (fossil);
 *   B provides 1 kg of P2, takes 0.2 kg of P1, emits 1 kg CH4 (fossil, GWP100 29.8).
 * Intensities y (kg CO2e per kg) solve y_A = 2 + 0.5 y_B, y_B = 29.8 + 0.2 y_A:
 *   0.9 y_A = 2 + 14.9  =>  y_A = 16.9 / 0.9 = 18.7777...,  y_B = 29.8 + 0.2 y_A = 33.5555...
 * Activities for 1 kg of P1 (A s = f): s_A = 1 / 0.9 = 1.1111, s_B = 0.5 / 0.9 = 0.5555. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pcf/footprint.h"

#define MASS "93a60a56-a3c8-11da-a746-0800200b9a66"
#define CO2 "08a91e70-3ddc-11dd-923d-0050c2490048"
#define CH4 "08a91e70-3ddc-11dd-9610-0050c2490048"
#define P1 "aaaaaaaa-0000-4000-8000-000000000001"
#define P2 "aaaaaaaa-0000-4000-8000-000000000002"
#define PA "bbbbbbbb-0000-4000-8000-00000000000a"
#define PB "bbbbbbbb-0000-4000-8000-00000000000b"

static const char *flow_xml(char *buf, size_t n, const char *uuid, const char *name) {
  snprintf(buf, n,
           "<flowDataSet xmlns=\"http://lca.jrc.it/ILCD/Flow\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">"
           "<flowInformation><dataSetInformation><common:UUID>%s</common:UUID><name><baseName>%s</baseName></name>"
           "</dataSetInformation><quantitativeReference><referenceToReferenceFlowProperty>0</"
           "referenceToReferenceFlowProperty>"
           "</quantitativeReference></flowInformation><modellingAndValidation><LCIMethod><typeOfDataSet>Product flow"
           "</typeOfDataSet></LCIMethod></modellingAndValidation><flowProperties><flowProperty dataSetInternalID=\"0\">"
           "<referenceToFlowPropertyDataSet refObjectId=\"" MASS
           "\"/><meanValue>1</meanValue></flowProperty>"
           "</flowProperties></flowDataSet>",
           uuid, name);
  return buf;
}

static const char *exchange(char *buf, size_t n, int id, const char *flow, const char *dir, double amount) {
  snprintf(buf, n,
           "<exchange dataSetInternalID=\"%d\"><referenceToFlowDataSet refObjectId=\"%s\"/>"
           "<exchangeDirection>%s</exchangeDirection><meanAmount>%g</meanAmount></exchange>",
           id, flow, dir, amount);
  return buf;
}

static const char *process_xml(char *buf, size_t n, const char *uuid, const char *name, const char *out, const char *in,
                               double in_amount, const char *gas, double gas_amount) {
  char e0[300], e1[300], e2[300];
  snprintf(buf, n,
           "<processDataSet xmlns=\"http://lca.jrc.it/ILCD/Process\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">"
           "<processInformation><dataSetInformation><common:UUID>%s</common:UUID><name><baseName>%s</baseName>"
           "</name></dataSetInformation><quantitativeReference><referenceToReferenceFlow>0</referenceToReferenceFlow>"
           "</quantitativeReference></processInformation><exchanges>%s%s%s</exchanges></processDataSet>",
           uuid, name, exchange(e0, sizeof e0, 0, out, "Output", 1), exchange(e1, sizeof e1, 1, in, "Input", in_amount),
           exchange(e2, sizeof e2, 2, gas, "Output", gas_amount));
  return buf;
}

static pcf_data *data;
static char data_dir[] = "/tmp/pcf-test-system-XXXXXX";

static void setup(void) {
  char *dir = data_dir;
  cr_assert(mkdtemp(dir));
  char path[256], xml[4096];
  const char *names[4] = {"p1", "p2", "a", "b"};
  const char *docs[4];
  char bufs[4][4096];
  docs[0] = flow_xml(bufs[0], sizeof bufs[0], P1, "product one");
  docs[1] = flow_xml(bufs[1], sizeof bufs[1], P2, "product two");
  docs[2] = process_xml(bufs[2], sizeof bufs[2], PA, "process A", P1, P2, 0.5, CO2, 2);
  docs[3] = process_xml(bufs[3], sizeof bufs[3], PB, "process B", P2, P1, 0.2, CH4, 1);
  for (int i = 0; i < 4; i++) {
    snprintf(path, sizeof path, "%s/%s.xml", dir, names[i]);
    FILE *f = fopen(path, "w");
    cr_assert(f);
    fputs(docs[i], f);
    fclose(f);
  }
  (void)xml;
  const char *paths[] = {dir};
  pcf_data_options o = {.bundled = 1, .paths = paths, .n_paths = 1};
  pcf_error err = {0};
  cr_assert_eq(pcf_data_open(&data, &o, &err), 0, "%s", err.message);
}

static void teardown(void) {
  pcf_data_free(data);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", data_dir); /* the dataset folder setup wrote */
  cr_expect_eq(system(cmd), 0);
}

TestSuite(system, .init = setup, .fini = teardown);

Test(system, loop_solved_by_hand) {
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_footprint_process(&r, data, PA, &err), 0, "%s", err.message);
  cr_expect_float_eq(pcf_result_value(r, PCF_TOTAL), 16.9 / 0.9, 1e-9);
  cr_expect_float_eq(pcf_result_value(r, PCF_FOSSIL), 16.9 / 0.9, 1e-9);
  /* Hotspots: A emits 2 kg CO2 per activity, s_A = 1/0.9; B 29.8 per activity, s_B = 0.5/0.9. */
  cr_assert_eq(pcf_result_hotspot_count(r), 2);
  cr_expect_float_eq(pcf_result_hotspot(r, 0)->total, 29.8 * 0.5 / 0.9, 1e-9);
  cr_expect_float_eq(pcf_result_hotspot(r, 1)->total, 2 / 0.9, 1e-9);
  pcf_result_free(r);
  cr_assert_eq(pcf_footprint_process(&r, data, PB, &err), 0, "%s", err.message);
  cr_expect_float_eq(pcf_result_value(r, PCF_TOTAL), 29.8 + 0.2 * 16.9 / 0.9, 1e-9);
  pcf_result_free(r);
}

Test(system, unknown_process_is_an_error) {
  pcf_result *r = NULL;
  pcf_error err = {0};
  cr_expect_eq(pcf_footprint_process(&r, data, "cccccccc-0000-4000-8000-000000000000", &err), PCF_ERR_NOT_FOUND);
  cr_expect(strstr(err.message, "cccccccc") != NULL);
  pcf_result_free(r);
}

/* A product of 1 kg of P1 made by A (a manufacturing line naming A): the same activities as A's
 * footprint above, s_A = 1/0.9 and s_B = 0.5/0.9. Kept to its one largest entry per list, the
 * hotspots keep B (29.8 x 0.5/0.9 = 16.556 kg CO2e) and leave out A (2/0.9 = 2.222), the flows
 * keep methane (1 kg CH4 x 29.8 x 0.5/0.9, the same 16.556) and leave out the CO2 (2 x 1/0.9): what
 * is kept and what is left out add up to the total, 16.9/0.9. */
Test(system, hotspots_keep_the_largest_and_sum_the_rest) {
  char dir[] = "/tmp/pcf-test-top-XXXXXX", path[256];
  cr_assert(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/product.ini", dir);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs("[product]\nname = made by A\ndeclared_unit = 1 piece\nbom = none\n\n[manufacturing]\n" PA " = 1 kg\n", f);
  fclose(f);
  pcf_product *p = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_product_read(&p, path, &err), 0, "%s", err.message);
  remove(path);
  remove(dir);
  for (size_t top = 0; top <= 1; top++) {
    pcf_footprint_options o = PCF_FOOTPRINT_OPTIONS_INIT;
    o.top = top;
    pcf_result *r = NULL;
    cr_assert_eq(pcf_footprint_product_ex(&r, data, p, &o, &err), 0, "%s", err.message);
    cr_expect_float_eq(pcf_result_value(r, PCF_TOTAL), 16.9 / 0.9, 1e-9);
    cr_assert_eq(pcf_result_hotspot_count(r), top ? 1 : 2);
    cr_expect_str_eq(pcf_result_hotspot(r, 0)->name, "process B");
    cr_expect_float_eq(pcf_result_hotspot(r, 0)->total, 29.8 * 0.5 / 0.9, 1e-9);
    cr_assert_eq(pcf_result_flow_count(r), top ? 1 : 2);
    cr_expect_float_eq(pcf_result_flow(r, 0)->total, 29.8 * 0.5 / 0.9, 1e-9);
    static const pcf_contribution_list lists[] = {PCF_LIST_HOTSPOTS, PCF_LIST_FLOWS};
    for (int k = 0; k < 2; k++) {
      cr_expect_eq(pcf_result_left_out(r, lists[k]), top ? 1u : 0u, "list %d", k);
      cr_assert_eq(pcf_result_left_out_unit_count(r, lists[k]), top ? 1u : 0u, "list %d", k);
      if (!top) continue;
      const char *unit = NULL;
      cr_expect_float_eq(pcf_result_left_out_sum(r, lists[k], 0, &unit), 2 / 0.9, 1e-9);
      cr_expect_str_eq(unit, "kg CO2e");
    }
    if (!top) cr_expect_str_eq(pcf_result_hotspot(r, 1)->name, "process A");
    pcf_result_free(r);
  }
  pcf_product_free(p);
}

static size_t contribution_count(const pcf_result *r, pcf_contribution_list l) {
  return l == PCF_LIST_HOTSPOTS          ? pcf_result_hotspot_count(r)
         : l == PCF_LIST_FLOWS           ? pcf_result_flow_count(r)
         : l == PCF_LIST_UNCHARACTERISED ? pcf_result_uncharacterised_count(r)
                                         : pcf_result_cut_off_count(r);
}
static const pcf_contribution *contribution(const pcf_result *r, pcf_contribution_list l, size_t i) {
  return l == PCF_LIST_HOTSPOTS          ? pcf_result_hotspot(r, i)
         : l == PCF_LIST_FLOWS           ? pcf_result_flow(r, i)
         : l == PCF_LIST_UNCHARACTERISED ? pcf_result_uncharacterised(r, i)
                                         : pcf_result_cut_off(r, i);
}

/* The top N of each list, chosen by selection (a heap) rather than by sorting the whole list, are
 * the first N of the full sort, in its order, bit for bit; what is left out is counted and sums
 * to the rest of the full list (summed in another order: to 1e-12). The electric kettle's chain
 * (bundled data) has tens of processes and flows in each list, so N = 1..25 moves the heap's root
 * both ways and passes the end of short lists. */
Test(system, top_entries_are_those_of_the_full_sort) {
  pcf_product *p = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_product_read(&p, PCF_SOURCE_DIR "/cases/electric-kettle/product.ini", &err), 0, "%s", err.message);
  pcf_footprint_options o = PCF_FOOTPRINT_OPTIONS_INIT;
  pcf_result *all = NULL;
  cr_assert_eq(pcf_footprint_product_ex(&all, data, p, &o, &err), 0, "%s", err.message);
  static const pcf_contribution_list lists[] = {PCF_LIST_HOTSPOTS, PCF_LIST_FLOWS, PCF_LIST_UNCHARACTERISED,
                                                PCF_LIST_CUT_OFF};
  size_t longest = 0;
  for (size_t top = 1; top <= 25; top++) {
    o.top = top;
    pcf_result *r = NULL;
    cr_assert_eq(pcf_footprint_product_ex(&r, data, p, &o, &err), 0, "%s", err.message);
    for (int k = 0; k < 4; k++) {
      size_t n = contribution_count(all, lists[k]), kept = contribution_count(r, lists[k]);
      if (n > longest) longest = n;
      cr_assert_eq(kept, n < top ? n : top, "list %d, top %zu", k, top);
      cr_expect_eq(pcf_result_left_out(r, lists[k]), n - kept, "list %d, top %zu", k, top);
      for (size_t i = 0; i < kept; i++) {
        const pcf_contribution *a = contribution(all, lists[k], i), *b = contribution(r, lists[k], i);
        cr_expect_str_eq(b->uuid, a->uuid, "list %d, top %zu, entry %zu", k, top, i);
        cr_expect_str_eq(b->name, a->name);
        cr_expect_str_eq(b->unit, a->unit);
        cr_expect(b->total == a->total, "list %d, top %zu, entry %zu: %.17g vs %.17g", k, top, i, b->total, a->total);
      }
      /* The rest, per unit, against the left-out sums. */
      for (size_t u = 0; u < pcf_result_left_out_unit_count(r, lists[k]); u++) {
        const char *unit;
        double left = pcf_result_left_out_sum(r, lists[k], u, &unit), rest = 0, scale = 0;
        for (size_t i = kept; i < n; i++) {
          const pcf_contribution *a = contribution(all, lists[k], i);
          if (strcmp(a->unit, unit) == 0) rest += a->total, scale += fabs(a->total);
        }
        cr_expect(fabs(left - rest) <= 1e-12 * scale, "list %d, top %zu, %s: %.17g vs %.17g", k, top, unit, left, rest);
      }
    }
    pcf_result_free(r);
  }
  cr_expect_gt(longest, 25u, "a list longer than the largest N tried");
  pcf_result_free(all);
  pcf_product_free(p);
}
