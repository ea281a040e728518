/* Tests of unit conversion (ilcd/src/units.c): within a unit group and across the flow properties
 * of one flow, on real EF 3.1 unit groups (tests/fixtures/ilcd/ef31) and a real TianGong fuel flow
 * (tests/fixtures/ilcd/tiangong/flows), plus hand-written flows for the cases real data lacks
 * (piece -> kg, zero factors, missing references). Expected values are the meanValues quoted from
 * the XML, combined by hand. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <ilcd/ilcd.h>

#define FIXTURES PCF_SOURCE_DIR "/tests/fixtures/ilcd/"

/* Relative comparison: the conversions multiply and divide factors. */
#define expect_near(x, want) expect_near_at((x), (double)(want), #x)
static void expect_near_at(double x, double want, const char *what) {
  cr_expect(fabs(x - want) <= 1e-12 * fabs(want), "%s = %.17g, expected %.17g", what, x, want);
}

static ilcd_db *db;

static void load_fixtures(void) {
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_assert_eq(ilcd_db_load(db, FIXTURES "ef31", &err), 0, "%s", err.message);
  cr_assert_eq(ilcd_db_load(db, FIXTURES "tiangong/flows", &err), 0, "%s", err.message);
}

static void free_db(void) { ilcd_db_free(db); }

static const ilcd_flow *flow(const char *id) {
  ilcd_uuid u;
  cr_assert_eq(ilcd_uuid_parse(&u, id), 0);
  const ilcd_flow *f = ilcd_db_flow(db, &u);
  cr_assert_not_null(f, "flow %s not loaded", id);
  return f;
}

static double convert(const ilcd_flow *f, double amount, const char *from, const char *to) {
  double out = NAN;
  ilcd_error err = {0};
  int rc = ilcd_flow_convert(db, f, amount, from, to, &out, &err);
  cr_assert_eq(rc, 0, "%g %s -> %s: %s", amount, from, to, err.message);
  return out;
}

/* carbon dioxide (fossil), EF 3.1: reference property Mass, unit group "Units of mass". */
#define CO2 "08a91e70-3ddc-11dd-923e-0050c2490048"
/* hard coal, TianGong: <flowProperty dataSetInternalID="0"> Mass <meanValue>1</meanValue>,
 * "1" Net calorific value <meanValue>25.93</meanValue>, "2" Gross calorific value
 * <meanValue>27.23</meanValue>; <referenceToReferenceFlowProperty>0</...> */
#define HARD_COAL "4f19a2ff-7b3b-11dd-ad8b-0800200c9a66"

TestSuite(units, .init = load_fixtures, .fini = free_db);

Test(units, within_mass_group) {
  /* unitgroups/93a60a57-a4c8-11da-a746-0800200c9a66.xml (Units of mass): kg <meanValue>1.0,
   * t 1000.0, lb av 0.45359237, Mg 1000.0, kt 2.0E-4 (carat), g 0.0010, mg 1.0E-6 */
  const ilcd_flow *f = flow(CO2);
  expect_near(convert(f, 1, "t", "kg"), 1000);
  expect_near(convert(f, 2500, "g", "kg"), 2.5);
  expect_near(convert(f, 1, "t", "g"), 1e6);
  expect_near(convert(f, 1, "lb av", "kg"), 0.45359237);
  expect_near(convert(f, 1, "kg", "lb av"), 1 / 0.45359237);
  expect_near(convert(f, 10, "lb av", "t"), 10 * 0.45359237 / 1000);
  /* Exact names before case-insensitive ones: Mg is a tonne, mg a milligram. */
  expect_near(convert(f, 1, "Mg", "kg"), 1000);
  expect_near(convert(f, 1, "mg", "kg"), 1e-6);
  /* No exact match: case-insensitive ("KG" -> kg). */
  expect_near(convert(f, 3, "KG", "g"), 3000);
  /* The EF pitfall: kt is the carat, not a kilotonne. */
  expect_near(convert(f, 1, "kt", "kg"), 2e-4);

  double kg = 0;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_flow_to_reference(db, f, 2, "t", &kg, &err), 0, "%s", err.message);
  expect_near(kg, 2000);

  ilcd_uuid gid;
  ilcd_uuid_parse(&gid, "93a60a57-a4c8-11da-a746-0800200c9a66");
  double factor = 0;
  cr_assert_eq(ilcd_unit_group_factor(ilcd_db_unit_group(db, &gid), "lb av", &factor), 0);
  cr_expect_eq(factor, 0.45359237);
  cr_expect_eq(ilcd_unit_group_factor(ilcd_db_unit_group(db, &gid), "stone", &factor), ILCD_ERR_UNIT);
}

Test(units, within_energy_group_and_across_properties) {
  /* unitgroups/93a60a57-a3c8-11da-a746-0800200c9a66.xml (Units of energy): MJ <meanValue>1.0,
   * kWh <meanValue>3.6 */
  const ilcd_flow *f = flow(HARD_COAL);
  const char *ref = NULL;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_flow_reference_unit(db, f, &ref, &err), 0, "%s", err.message);
  cr_expect_str_eq(ref, "kg");
  expect_near(convert(f, 3.6, "MJ", "kWh"), 1);
  expect_near(convert(f, 1, "kWh", "MJ"), 3.6);
  /* Across properties through the net calorific value (the first property holding MJ):
   * 25.93 MJ of hard coal is 1 kg; 1 t is 25,930 MJ; 1 kg is 25.93 / 3.6 kWh. */
  expect_near(convert(f, 25.93, "MJ", "kg"), 1);
  expect_near(convert(f, 1, "t", "MJ"), 25930);
  expect_near(convert(f, 1, "kg", "kWh"), 25.93 / 3.6);
  expect_near(convert(f, 100, "kWh", "t"), 100 * 3.6 / 25.93 / 1000);
  double kg = 0;
  cr_assert_eq(ilcd_flow_to_reference(db, f, 51.86, "MJ", &kg, &err), 0, "%s", err.message);
  expect_near(kg, 2);
}

/* Asserts a conversion fails with ILCD_ERR_UNIT and a message naming the flow and both units. */
static void expect_unit_error(const ilcd_flow *f, const char *from, const char *to, const char *why) {
  double out = -1;
  ilcd_error err = {0};
  int rc = ilcd_flow_convert(db, f, 1, from, to, &out, &err);
  cr_expect_eq(rc, ILCD_ERR_UNIT, "%s -> %s gave %d", from, to, rc);
  cr_expect_eq(err.code, ILCD_ERR_UNIT);
  cr_expect_eq(out, -1, "output written on failure");
  char quoted[80];
  snprintf(quoted, sizeof quoted, "\"%s\"", f->name);
  cr_expect_not_null(strstr(err.message, quoted), "no flow name in: %s", err.message);
  snprintf(quoted, sizeof quoted, "\"%s\"", from);
  cr_expect_not_null(strstr(err.message, quoted), "no \"%s\" in: %s", from, err.message);
  snprintf(quoted, sizeof quoted, "\"%s\"", to);
  cr_expect_not_null(strstr(err.message, quoted), "no \"%s\" in: %s", to, err.message);
  cr_expect_not_null(strstr(err.message, why), "no \"%s\" in: %s", why, err.message);
  char id[40];
  cr_expect_str_eq(err.uuid, ilcd_uuid_format(&f->uuid, id));
}

Test(units, unknown_and_mismatched_units) {
  const ilcd_flow *co2 = flow(CO2);
  expect_unit_error(co2, "furlong", "kg", "belongs to none");
  expect_unit_error(co2, "kg", "stone", "belongs to none");
  /* CO2 has only a mass property: MJ exists in the database, but not for this flow. */
  expect_unit_error(co2, "kg", "MJ", "\"MJ\" belongs to none");
  expect_unit_error(co2, "", "kg", "belongs to none");
  double out;
  ilcd_error err = {0};
  cr_expect_eq(ilcd_flow_to_reference(db, co2, 1, "MJ", &out, &err), ILCD_ERR_UNIT);
  cr_expect_not_null(strstr(err.message, "carbon dioxide (fossil)"), "%s", err.message);
}

/* ---- hand-written flows for what real data lacks ------------------------------------------------ */

#define HEAD(kind, ns)                                                                                                 \
  "<" kind " xmlns=\"http://lca.jrc.it/ILCD/" ns "\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">"

static const char ITEMS_GROUP[] =
    HEAD("unitGroupDataSet", "UnitGroup")
    "<unitGroupInformation><dataSetInformation><common:UUID>00000000-0000-4000-8000-000000000001</common:UUID>"
    "<common:name xml:lang=\"en\">Units of items (test)</common:name></dataSetInformation>"
    "<quantitativeReference><referenceToReferenceUnit>0</referenceToReferenceUnit></quantitativeReference>"
    "</unitGroupInformation><units>"
    "<unit dataSetInternalID=\"0\"><name>Item(s)</name><meanValue>1</meanValue></unit>"
    "<unit dataSetInternalID=\"1\"><name>dozen</name><meanValue>12</meanValue></unit>"
    "<unit dataSetInternalID=\"2\"><name>nothing</name><meanValue>0</meanValue></unit>"
    "</units></unitGroupDataSet>";

static const char ITEMS_PROPERTY[] =
    HEAD("flowPropertyDataSet", "FlowProperty")
    "<flowPropertiesInformation><dataSetInformation>"
    "<common:UUID>00000000-0000-4000-8000-000000000002</common:UUID>"
    "<common:name xml:lang=\"en\">Number of items (test)</common:name></dataSetInformation>"
    "<quantitativeReference><referenceToReferenceUnitGroup refObjectId=\"00000000-0000-4000-8000-000000000001\"/>"
    "</quantitativeReference></flowPropertiesInformation></flowPropertyDataSet>";

/* A flow counted in pieces (reference) with a mass of mass_kg per piece; ref_id is the
 * referenceToReferenceFlowProperty ("" leaves it out). */
static const ilcd_flow *piece_flow(const char *uuid, const char *name, const char *mass_kg, const char *ref_id) {
  char xml[2048];
  char ref[128] = "";
  if (*ref_id)
    snprintf(ref, sizeof ref,
             "<quantitativeReference><referenceToReferenceFlowProperty>%s"
             "</referenceToReferenceFlowProperty></quantitativeReference>",
             ref_id);
  int n = snprintf(xml, sizeof xml,
      HEAD("flowDataSet", "Flow")
      "<flowInformation><dataSetInformation><common:UUID>%s</common:UUID>"
      "<name><baseName xml:lang=\"en\">%s</baseName></name></dataSetInformation>%s</flowInformation>"
      "<modellingAndValidation><LCIMethod><typeOfDataSet>Product flow</typeOfDataSet></LCIMethod></modellingAndValidation>"
      "<flowProperties>"
      "<flowProperty dataSetInternalID=\"0\"><referenceToFlowPropertyDataSet refObjectId=\"00000000-0000-4000-8000-000000000002\">"
      "<common:shortDescription xml:lang=\"en\">Number of items</common:shortDescription></referenceToFlowPropertyDataSet>"
      "<meanValue>1</meanValue></flowProperty>"
      "<flowProperty dataSetInternalID=\"1\"><referenceToFlowPropertyDataSet refObjectId=\"93a60a56-a3c8-11da-a746-0800200b9a66\">"
      "<common:shortDescription xml:lang=\"en\">Mass</common:shortDescription></referenceToFlowPropertyDataSet>"
      "<meanValue>%s</meanValue></flowProperty>"
      "</flowProperties></flowDataSet>", uuid, name, ref, mass_kg);
  cr_assert_lt(n, (int)sizeof xml);
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_load_memory(db, name, xml, (size_t)n, &err), 0, "%s: %s", name, err.message);
  return flow(uuid);
}

static void load_items(void) {
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_load_memory(db, "items group", ITEMS_GROUP, strlen(ITEMS_GROUP), &err), 0, "%s", err.message);
  cr_assert_eq(ilcd_db_load_memory(db, "items property", ITEMS_PROPERTY, strlen(ITEMS_PROPERTY), &err), 0, "%s",
               err.message);
}

Test(units, piece_to_kg) {
  load_items();
  /* 0.25 kg per piece: 4 pieces are 1 kg, a dozen is 3 kg, a tonne is 4,000 pieces. */
  const ilcd_flow *f = piece_flow("00000000-0000-4000-8000-000000000003", "widget", "0.25", "0");
  const char *ref = NULL;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_flow_reference_unit(db, f, &ref, &err), 0, "%s", err.message);
  cr_expect_str_eq(ref, "Item(s)");
  expect_near(convert(f, 4, "Item(s)", "kg"), 1);
  expect_near(convert(f, 1, "dozen", "kg"), 3);
  expect_near(convert(f, 1, "kg", "Item(s)"), 4);
  expect_near(convert(f, 1, "t", "Item(s)"), 4000);
  expect_near(convert(f, 500, "g", "dozen"), 500 / 1000.0 / 0.25 / 12);
  double pieces = 0;
  cr_assert_eq(ilcd_flow_to_reference(db, f, 750, "g", &pieces, &err), 0, "%s", err.message);
  expect_near(pieces, 3);
}

Test(units, counts_in_bill_of_materials_words) {
  load_items();
  /* "Units of items" names its unit "Item(s)" alone; a BOM counts in pcs, pieces, items: the same
   * unit. 0.25 kg per piece: 8 pcs are 2 kg, 2 kg are 8 pieces, 3 items are 3 Item(s). */
  const ilcd_flow *f = piece_flow("00000000-0000-4000-8000-00000000000a", "counted widget", "0.25", "0");
  expect_near(convert(f, 8, "pcs", "kg"), 2);
  expect_near(convert(f, 2, "kg", "pieces"), 8);
  expect_near(convert(f, 3, "items", "Item(s)"), 3);
  expect_near(convert(f, 1, "PCS", "Item(s)"), 1);
  double pieces = 0;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_flow_to_reference(db, f, 5, "piece", &pieces, &err), 0, "%s", err.message);
  expect_near(pieces, 5);
  /* Not a count word: still an error. */
  expect_unit_error(f, "pcx", "kg", "\"pcx\" belongs to none");
}

Test(units, conversions_that_cannot_be_made) {
  load_items();
  /* The mass property's mean value is 0: pieces and kg cannot be related. */
  const ilcd_flow *zero = piece_flow("00000000-0000-4000-8000-000000000004", "massless widget", "0", "0");
  expect_unit_error(zero, "Item(s)", "kg", "no positive mean value");
  expect_unit_error(zero, "t", "dozen", "no positive mean value");
  /* A unit whose factor is 0 in its group. */
  const ilcd_flow *w = piece_flow("00000000-0000-4000-8000-000000000005", "gadget", "2", "0");
  expect_unit_error(w, "nothing", "Item(s)", "\"nothing\" has no positive factor");
  expect_unit_error(w, "kg", "nothing", "\"nothing\" has no positive factor");
  /* No referenceToReferenceFlowProperty: nothing can be converted. */
  const ilcd_flow *orphan = piece_flow("00000000-0000-4000-8000-000000000006", "orphan", "2", "");
  cr_expect_eq(orphan->reference_property, -1);
  expect_unit_error(orphan, "kg", "Item(s)", "no reference flow property");
  const char *ref = NULL;
  ilcd_error err = {0};
  cr_expect_eq(ilcd_flow_reference_unit(db, orphan, &ref, &err), ILCD_ERR_NOT_FOUND);
  cr_expect_not_null(strstr(err.message, "\"orphan\""), "%s", err.message);
  /* A reference property that does not match any dataSetInternalID. */
  const ilcd_flow *bad_ref = piece_flow("00000000-0000-4000-8000-000000000007", "bad ref", "2", "7");
  cr_expect_eq(bad_ref->reference_property, -1);
  expect_unit_error(bad_ref, "kg", "Item(s)", "no reference flow property");
  /* Mean values within +-1e30 can still chain to an overflow: 1e30 t of a flow whose pieces weigh
   * 1e-300 kg is 1e333 pieces, past the largest double. */
  const ilcd_flow *tiny = piece_flow("00000000-0000-4000-8000-000000000008", "tiny", "1e-300", "0");
  double out = -1;
  cr_expect_eq(ilcd_flow_convert(db, tiny, 1e30, "t", "Item(s)", &out, &err), ILCD_ERR_UNIT);
  cr_expect_not_null(strstr(err.message, "out of range"), "%s", err.message);
  cr_expect_eq(out, -1);
}

Test(units, a_conversion_found_once_gives_the_same_bits) {
  load_items();
  /* A conversion found once (what a batch keeps per material) applied to many amounts gives
   * ilcd_flow_convert's result to the last bit, within a group and across properties: 0.3 kg per
   * piece, so 0.9 kg is 3 pieces (0.9 / 0.3 is 3.0000000000000004 in doubles: the same order of
   * operations is what makes the bits agree). */
  const ilcd_flow *f = piece_flow("00000000-0000-4000-8000-00000000000b", "converted widget", "0.3", "0");
  const char *pairs[][2] = {{"kg", "Item(s)"}, {"g", "dozen"}, {"t", "kg"}, {"Item(s)", "g"}};
  const double amounts[] = {0.9, 1e-7, 3, 123.456, 0.1 + 0.2};
  ilcd_error err = {0};
  for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
    ilcd_conversion c;
    cr_assert_eq(ilcd_flow_conversion(db, f, pairs[i][0], pairs[i][1], &c, &err), 0, "%s", err.message);
    cr_expect_eq(c.across, strcmp(pairs[i][0], "t") != 0, "%s -> %s", pairs[i][0], pairs[i][1]);
    for (size_t k = 0; k < sizeof amounts / sizeof *amounts; k++) {
      double once = -1;
      cr_assert_eq(ilcd_conversion_apply(&c, amounts[k], &once), 0);
      double direct = convert(f, amounts[k], pairs[i][0], pairs[i][1]);
      cr_expect(memcmp(&once, &direct, sizeof once) == 0, "%g %s -> %s: %.17g, ilcd_flow_convert %.17g", amounts[k],
                pairs[i][0], pairs[i][1], once, direct);
    }
  }
  double pieces = -1;
  ilcd_conversion c;
  cr_assert_eq(ilcd_flow_conversion(db, f, "kg", "Item(s)", &c, &err), 0, "%s", err.message);
  cr_expect_eq(ilcd_conversion_apply(&c, 0.9, &pieces), 0);
  expect_near(pieces, 3);
  /* Out of range is refused, the output untouched; a unit no property holds is an error naming it. */
  pieces = -1;
  cr_expect_eq(ilcd_conversion_apply(&c, 1e308, &pieces), ILCD_ERR_UNIT);
  cr_expect_eq(pieces, -1);
  cr_expect_eq(ilcd_flow_conversion(db, f, "pcx", "kg", &c, &err), ILCD_ERR_UNIT);
  cr_expect_not_null(strstr(err.message, "\"pcx\" belongs to none"), "%s", err.message);
}

Test(units, property_or_group_not_loaded) {
  /* Without the items property and group, the widget's reference unit is unknown and only its
   * mass units are convertible (kg <-> t). */
  const ilcd_flow *f = piece_flow("00000000-0000-4000-8000-000000000009", "lonely widget", "0.25", "0");
  const char *ref = NULL;
  ilcd_error err = {0};
  cr_expect_eq(ilcd_flow_reference_unit(db, f, &ref, &err), ILCD_ERR_NOT_FOUND);
  cr_expect_not_null(strstr(err.message, "not loaded"), "%s", err.message);
  expect_near(convert(f, 1, "t", "kg"), 1000);
  expect_unit_error(f, "Item(s)", "kg", "\"Item(s)\" belongs to none");
  double out;
  cr_expect_eq(ilcd_flow_to_reference(db, f, 1, "kg", &out, &err), ILCD_ERR_NOT_FOUND);
}
