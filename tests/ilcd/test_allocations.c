/* test_allocations.c: <allocations> of process exchanges (ILCD_ProcessDataSet.xsd, AllocationType:
 * internalReferenceToCoProduct, allocatedFraction in percent), read from the hand-built package
 * tests/fixtures/allocation/ILCD (values quoted from its XML) and refused when they cannot mean
 * anything: a co-product the process does not have (the schema's keyref "allocation"), a fraction
 * outside 0..100 % or not a number, an attribute missing. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include <ilcd/ilcd.h>

#define FIX PCF_SOURCE_DIR "/tests/fixtures/allocation/ILCD"

static const ilcd_process *process(const ilcd_db *db, const char *id) {
  ilcd_uuid u;
  cr_assert_eq(ilcd_uuid_parse(&u, id), 0);
  const ilcd_process *p = ilcd_db_process(db, &u);
  cr_assert_not_null(p, "%s not loaded", id);
  return p;
}

Test(allocations, read_from_the_fixture) {
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_assert_eq(ilcd_db_load(db, FIX, &err), 0, "%s: %s", err.path, err.message);
  /* 02_coproduction_ab.xml: reference flows 0 and 1; exchange 2 (feed) <allocation
   * internalReferenceToCoProduct="0" allocatedFraction="50"/> and "1" "50"; exchange 3 (CO2) "0"
   * "60" and "1" "40"; the co-products carry none. */
  const ilcd_process *p = process(db, "d0000000-0000-4000-8000-000000000002");
  cr_assert_eq(p->n_reference_flows, 2);
  cr_expect_eq(p->reference_flows[0], 0);
  cr_expect_eq(p->reference_flows[1], 1);
  cr_assert_eq(p->n_exchanges, 4);
  cr_expect_eq(p->exchanges[0].n_allocations, 0);
  cr_expect_null(p->exchanges[0].allocations);
  cr_expect_eq(p->exchanges[1].n_allocations, 0);
  const ilcd_exchange *co2 = &p->exchanges[3];
  cr_assert_eq(co2->n_allocations, 2);
  cr_expect_eq(co2->allocations[0].co_product, 0);
  cr_expect_eq(co2->allocations[0].fraction_percent, 60.0);
  cr_expect_eq(co2->allocations[1].co_product, 1);
  cr_expect_eq(co2->allocations[1].fraction_percent, 40.0);
  cr_assert_eq(p->exchanges[2].n_allocations, 2);
  cr_expect_eq(p->exchanges[2].allocations[1].fraction_percent, 50.0);
  /* 05_coproduction_cd.xml: the co-products' own shares, exchange 0 "0" "75", exchange 1 "1" "25". */
  p = process(db, "d0000000-0000-4000-8000-000000000005");
  cr_assert_eq(p->exchanges[0].n_allocations, 1);
  cr_expect_eq(p->exchanges[0].allocations[0].co_product, 0);
  cr_expect_eq(p->exchanges[0].allocations[0].fraction_percent, 75.0);
  cr_expect_eq(p->exchanges[1].allocations[0].co_product, 1);
  cr_expect_eq(p->exchanges[1].allocations[0].fraction_percent, 25.0);
  cr_expect_eq(p->exchanges[2].n_allocations, 0);
  ilcd_db_free(db);
}

/* A process of two exchanges, the second carrying `allocation` (an element or elements). */
static int load_with(const char *allocation, ilcd_error *err) {
  char xml[2048];
  int n = snprintf(
      xml, sizeof xml,
      "<processDataSet xmlns=\"http://lca.jrc.it/ILCD/Process\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">"
      "<processInformation><dataSetInformation><common:UUID>d0000000-0000-4000-8000-0000000000ff</common:UUID>"
      "</dataSetInformation><quantitativeReference><referenceToReferenceFlow>0</referenceToReferenceFlow>"
      "</quantitativeReference></processInformation><exchanges>"
      "<exchange dataSetInternalID=\"0\"><referenceToFlowDataSet refObjectId=\"c0000000-0000-4000-8000-0000000000a1\"/>"
      "<exchangeDirection>Output</exchangeDirection><meanAmount>1</meanAmount></exchange>\n"
      "<exchange dataSetInternalID=\"1\"><referenceToFlowDataSet refObjectId=\"08a91e70-3ddc-11dd-923d-0050c2490048\"/>"
      "<exchangeDirection>Output</exchangeDirection><meanAmount>1</meanAmount>\n"
      "<allocations>%s</allocations></exchange></exchanges></processDataSet>",
      allocation);
  ilcd_db *db;
  cr_assert_eq(ilcd_db_new(&db), 0);
  int rc = ilcd_db_load_memory(db, "allocated.xml", xml, (size_t)n, err);
  ilcd_db_free(db);
  return rc;
}

static void refused(const char *allocation, const char *message) {
  ilcd_error err = {0};
  cr_expect_eq(load_with(allocation, &err), ILCD_ERR_DATA, "%s accepted", allocation);
  cr_expect(strstr(err.message, message), "%s: \"%s\" does not say \"%s\"", allocation, err.message, message);
  cr_expect_str_eq(err.path, "allocated.xml");
  cr_expect_gt(err.line, 0);
}

Test(allocations, meaningless_ones_are_refused) {
  ilcd_error err = {0};
  cr_expect_eq(load_with("<allocation internalReferenceToCoProduct=\"0\" allocatedFraction=\"100\"/>", &err), 0, "%s",
               err.message);
  refused("<allocation internalReferenceToCoProduct=\"7\" allocatedFraction=\"60\"/>",
          "names co-product exchange 7, which the process does not have");
  refused("<allocation internalReferenceToCoProduct=\"0\" allocatedFraction=\"120\"/>", "outside 0..100 %");
  refused("<allocation internalReferenceToCoProduct=\"0\" allocatedFraction=\"-5\"/>", "outside 0..100 %");
  refused("<allocation internalReferenceToCoProduct=\"0\" allocatedFraction=\"sixty\"/>",
          "allocatedFraction is not a finite number");
  refused("<allocation internalReferenceToCoProduct=\"A\" allocatedFraction=\"60\"/>",
          "internalReferenceToCoProduct is not an integer");
  refused("<allocation allocatedFraction=\"60\"/>", "without internalReferenceToCoProduct");
  refused("<allocation internalReferenceToCoProduct=\"0\"/>", "without allocatedFraction");
}
