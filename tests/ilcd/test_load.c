/* Tests of loading real ILCD data (ilcd/src/db.c, zip.c, read_*.c): counts per dataset kind,
 * exact amounts of named datasets checked by hand against the XML, LCIA factors, EPD results per
 * module, version selection, duplicates and dangling references.
 *
 * Expected values come from the XML itself: each assertion quotes the lines it was read from.
 * Counts were verified independently of the library: `ls ILCD/<kind> | wc -l` and
 * `grep -rlE '<([a-zA-Z]+:)?flowDataSet[ >]' ILCD | wc -l` (one per root element kind) for the
 * folders, Python's zipfile module with the same root-element match for the archives. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ilcd/ilcd.h>

#define FIXTURE_ROOT PCF_SOURCE_DIR "/tests/fixtures/"
#define FIXTURES PCF_SOURCE_DIR "/tests/fixtures/ilcd/"

static ilcd_db *load(const char *path) {
  ilcd_db *db = NULL;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  int rc = ilcd_db_load(db, path, &err);
  cr_assert_eq(rc, 0, "loading %s: %s:%ld: %s", path, err.path, err.line, err.message);
  ilcd_db_check(db);
  return db;
}

static ilcd_uuid uuid(const char *text) {
  ilcd_uuid u;
  cr_assert_eq(ilcd_uuid_parse(&u, text), 0, "bad UUID literal %s", text);
  return u;
}

static void assert_counts(const ilcd_db *db, const size_t expected[ILCD_KIND_COUNT]) {
  for (int k = 0; k < ILCD_KIND_COUNT; k++)
    cr_expect_eq(ilcd_db_count(db, k), expected[k], "%s: %zu, expected %zu", ilcd_kind_name(k), ilcd_db_count(db, k),
                 expected[k]);
}

/* Order: process, flow, flow property, unit group, LCIA method, source, contact. */
static const size_t EF31_COUNTS[ILCD_KIND_COUNT] = {0, 1099, 101, 11, 4, 47, 37};

Test(load, ef31_climate_folder) {
  /* ls ef31-climate/ILCD/{flows,flowproperties,unitgroups,lciamethods,sources,contacts}:
   * 1099, 101, 11, 4, 47, 37; the four ILCD*_Reference.xml lists are not datasets. */
  ilcd_db *db = load(FIXTURE_ROOT "ef31-climate/ILCD");
  assert_counts(db, EF31_COUNTS);
  /* The package is reference-complete (tests/fixtures/PROVENANCE.md). */
  cr_expect_eq(ilcd_db_problem_count(db), 0);
  cr_expect_eq(ilcd_db_file_error_count(db), 0);
  /* find ef31-climate/ILCD -name '*.xml' -printf '%s\n' | awk '{s+=$1} END {print s}' */
  cr_expect_eq(ilcd_db_xml_bytes(db), 5700602);
  ilcd_db_free(db);
}

Test(load, ef31_ar6_method_factors) {
  ilcd_db *db = load(FIXTURE_ROOT "ef31-climate/ILCD");
  ilcd_uuid id = uuid("6209b35f-9447-40b5-b68c-a1099e3674a0");
  const ilcd_lcia_method *m = ilcd_db_lcia_method(db, &id);
  cr_assert_not_null(m);
  /* <methodology>Environmental Footprint</methodology>
   * <impactCategory>Climate change</impactCategory>
   * <common:dataSetVersion>01.00.000</common:dataSetVersion> */
  cr_expect_str_eq(m->methodology, "Environmental Footprint");
  cr_expect_str_eq(m->impact_category, "Climate change");
  cr_expect_str_eq(m->version, "01.00.000");
  /* grep -c '<factor>' 6209b35f-....xml: 1099 */
  cr_expect_eq(m->n_factors, 1099);
  /* <referenceQuantity refObjectId="93a60a56-a3c8-11da-a746-0800200b9a66" ...> kg CO2 Equivalents
   * : the Mass flow property. */
  ilcd_uuid mass = uuid("93a60a56-a3c8-11da-a746-0800200b9a66");
  cr_expect(m->reference_quantity.valid && ilcd_uuid_equal(&m->reference_quantity.uuid, &mass));
  struct {
    const char *flow;
    ilcd_direction direction;
    double value;
  } want[] = {
      /* refObjectId="08a91e70-3ddc-11dd-9611-0050c2490048" methane (fossil) (..., Emissions to
       * air, unspecified (long-term)) <exchangeDirection>Output</exchangeDirection>
       * <meanValue>29.8</meanValue> */
      {"08a91e70-3ddc-11dd-9611-0050c2490048", ILCD_OUTPUT, 29.8},
      /* refObjectId="08a91e70-3ddc-11dd-94c3-0050c2490048" nitrous oxide (..., Emissions to air,
       * unspecified) Output <meanValue>273.0</meanValue> */
      {"08a91e70-3ddc-11dd-94c3-0050c2490048", ILCD_OUTPUT, 273.0},
      /* refObjectId="b3d7c693-6465-4aec-86cb-68b4e457fc98" Carbon dioxide (land use change)
       * (..., Renewable material resources from air) <exchangeDirection>Input</exchangeDirection>
       * <meanValue>-1.0</meanValue> */
      {"b3d7c693-6465-4aec-86cb-68b4e457fc98", ILCD_INPUT, -1.0},
      /* refObjectId="08a91e70-3ddc-11dd-923e-0050c2490048" carbon dioxide (fossil) (..., Emissions
       * to air, unspecified (long-term)) Output <meanValue>1.0</meanValue> */
      {"08a91e70-3ddc-11dd-923e-0050c2490048", ILCD_OUTPUT, 1.0},
      /* refObjectId="08a91e70-3ddc-11dd-923f-0050c2490048" carbon dioxide (biogenic) Output
       * <meanValue>0.0</meanValue> */
      {"08a91e70-3ddc-11dd-923f-0050c2490048", ILCD_OUTPUT, 0.0},
  };
  for (size_t w = 0; w < sizeof want / sizeof *want; w++) {
    ilcd_uuid f = uuid(want[w].flow);
    int found = 0;
    for (size_t i = 0; i < m->n_factors; i++) {
      const ilcd_factor *c = &m->factors[i];
      if (!c->flow.valid || !ilcd_uuid_equal(&c->flow.uuid, &f)) continue;
      found++;
      cr_expect_eq(c->direction, want[w].direction, "%s direction", want[w].flow);
      cr_expect_eq(c->mean_value, want[w].value, "%s: %g, expected %g", want[w].flow, c->mean_value, want[w].value);
      cr_expect_str_eq(c->location, ""); /* <location/> */
    }
    cr_expect_eq(found, 1, "factor for %s found %d times", want[w].flow, found);
  }
  ilcd_db_free(db);
}

Test(load, ef31_flow_property_and_reference_unit) {
  ilcd_db *db = load(FIXTURE_ROOT "ef31-climate/ILCD");
  /* flows/08a91e70-3ddc-11dd-923e-0050c2490048.xml:
   *   <baseName xml:lang="en">carbon dioxide (fossil)</baseName>
   *   <CASNumber>124-38-9</CASNumber>
   *   <common:category level="0">Emissions</common:category> ... level 1 "Emissions to air",
   *   level 2 "Emissions to air, unspecified (long-term)"
   *   <referenceToReferenceFlowProperty>0</referenceToReferenceFlowProperty>
   *   <typeOfDataSet>Elementary flow</typeOfDataSet>
   *   <flowProperty dataSetInternalID="0"> refObjectId="93a60a56-a3c8-11da-a746-0800200b9a66"
   *   (Mass) <meanValue>1.0</meanValue> */
  ilcd_uuid id = uuid("08a91e70-3ddc-11dd-923e-0050c2490048");
  const ilcd_flow *f = ilcd_db_flow(db, &id);
  cr_assert_not_null(f);
  cr_expect_str_eq(f->name, "carbon dioxide (fossil)");
  cr_expect_str_eq(f->cas, "124-38-9");
  cr_expect_str_eq(f->version, "03.00.004");
  cr_expect_eq(f->type, ILCD_FLOW_ELEMENTARY);
  cr_expect_str_eq(f->classification, "Emissions / Emissions to air / Emissions to air, unspecified (long-term)");
  cr_assert_eq(f->n_properties, 1);
  cr_assert_eq(f->reference_property, 0);
  cr_expect_eq(f->properties[0].mean_value, 1.0);
  ilcd_uuid mass = uuid("93a60a56-a3c8-11da-a746-0800200b9a66");
  cr_expect(ilcd_uuid_equal(&f->properties[0].property.uuid, &mass));
  /* flowproperties/93a60a56-...: <common:name xml:lang="en">Mass</common:name>,
   * referenceToReferenceUnitGroup refObjectId="93a60a57-a4c8-11da-a746-0800200c9a66" (Units of
   * mass), whose <referenceToReferenceUnit>0</referenceToReferenceUnit> is <name>kg</name>. */
  const ilcd_flow_property *fp = ilcd_db_flow_property(db, &mass);
  cr_assert_not_null(fp);
  cr_expect_str_eq(fp->name, "Mass");
  const ilcd_unit_group *g = ilcd_db_unit_group(db, &fp->unit_group.uuid);
  cr_assert_not_null(g);
  cr_expect_str_eq(g->name, "Units of mass");
  cr_expect_eq(g->n_units, 14); /* grep -c '<unit ' */
  cr_assert_eq(g->reference_unit, 0);
  cr_expect_str_eq(g->units[0].name, "kg");
  /* <unit dataSetInternalID="4"> <name>kt</name> <meanValue>2.0E-4</meanValue> Carat (metric) */
  cr_expect_str_eq(g->units[4].name, "kt");
  cr_expect_eq(g->units[4].factor, 2.0e-4);
  const char *unit = NULL;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_flow_reference_unit(db, f, &unit, &err), 0, "%s", err.message);
  cr_expect_str_eq(unit, "kg");
  ilcd_db_free(db);
}

Test(load, tiangong_thermal_power_exchanges) {
  /* tiangong/processes/aef876a0-dd1f-4e00-97c5-3e59a0cfb6ac.xml, copied from the subset. */
  ilcd_db *db = load(FIXTURES "tiangong/processes/aef876a0-dd1f-4e00-97c5-3e59a0cfb6ac.xml");
  cr_assert_eq(ilcd_db_count(db, ILCD_PROCESS), 1);
  const ilcd_process *p = ilcd_db_process_at(db, 0);
  /* <baseName xml:lang="en">Electricity production ; Thermal power ; China</baseName>
   * (a zh baseName follows: English wins) */
  cr_expect_str_eq(p->name, "Electricity production ; Thermal power ; China");
  /* <typeOfDataSet>Unit process, single operation</typeOfDataSet>
   * <common:referenceYear>2019</common:referenceYear>
   * <locationOfOperationSupplyOrProduction location="CN"/>
   * <common:dataSetVersion>00.01.005</common:dataSetVersion> */
  cr_expect_str_eq(p->type, "Unit process, single operation");
  cr_expect_eq(p->reference_year, 2019);
  cr_expect_str_eq(p->location, "CN");
  cr_expect_str_eq(p->version, "00.01.005");
  cr_expect_str_eq(p->classification, "Unit processes / Energy carriers and technologies / Electricity");
  /* 19 <exchange> elements, dataSetInternalID 0..18 */
  cr_expect_eq(p->n_exchanges, 19);
  /* <referenceToReferenceFlow>0</referenceToReferenceFlow> */
  cr_assert_eq(p->n_reference_flows, 1);
  cr_assert_eq(p->reference_flows[0], 0);
  /* <exchange dataSetInternalID="0"> refObjectId="b4eb7d84-c7f3-4a55-92f6-256777553b49"
   * electricity for thermal power, <exchangeDirection>Output</exchangeDirection>
   * <meanAmount>3.6</meanAmount> <resultingAmount>3.6</resultingAmount>
   * <dataDerivationTypeStatus>Calculated</dataDerivationTypeStatus> */
  const ilcd_exchange *ref = ilcd_process_exchange(p, 0);
  cr_assert_not_null(ref);
  ilcd_uuid elec = uuid("b4eb7d84-c7f3-4a55-92f6-256777553b49");
  cr_expect(ref->flow.valid && ilcd_uuid_equal(&ref->flow.uuid, &elec));
  cr_expect_str_eq(ref->flow.text, "electricity for thermal power");
  cr_expect_eq(ref->direction, ILCD_OUTPUT);
  cr_expect_eq(ref->mean_amount, 3.6);
  cr_expect_eq(ref->resulting_amount, 3.6);
  cr_expect_str_eq(ref->derivation, "Calculated");
  cr_expect_eq(ref->line, 98); /* line of <exchange dataSetInternalID="0"> */
  /* <exchange dataSetInternalID="1"> refObjectId="08a91e70-3ddc-11dd-923d-0050c2490048" carbon
   * dioxide (fossil), Output, <meanAmount>0.834091067</meanAmount> */
  const ilcd_exchange *co2 = ilcd_process_exchange(p, 1);
  cr_assert_not_null(co2);
  ilcd_uuid co2_id = uuid("08a91e70-3ddc-11dd-923d-0050c2490048");
  cr_expect(ilcd_uuid_equal(&co2->flow.uuid, &co2_id));
  cr_expect_eq(co2->direction, ILCD_OUTPUT);
  cr_expect_eq(co2->mean_amount, 0.834091067);
  /* <exchange dataSetInternalID="5"> Raw coal, <exchangeDirection>Input</exchangeDirection>
   * <meanAmount>0.3937</meanAmount> */
  const ilcd_exchange *coal = ilcd_process_exchange(p, 5);
  cr_assert_not_null(coal);
  cr_expect_str_eq(coal->flow.text, "Raw coal");
  cr_expect_eq(coal->direction, ILCD_INPUT);
  cr_expect_eq(coal->mean_amount, 0.3937);
  /* <exchange dataSetInternalID="4"> particles (&gt; PM10): the entity is decoded;
   * <meanAmount>2.8978416e-05</meanAmount> */
  const ilcd_exchange *pm = ilcd_process_exchange(p, 4);
  cr_assert_not_null(pm);
  cr_expect_str_eq(pm->flow.text, "particles (> PM10)");
  cr_expect_eq(pm->mean_amount, 2.8978416e-05);
  /* <exchange dataSetInternalID="18"> Natural gas, liquefied, Input, <meanAmount>0.00044</meanAmount> */
  const ilcd_exchange *lng = ilcd_process_exchange(p, 18);
  cr_assert_not_null(lng);
  cr_expect_eq(lng->direction, ILCD_INPUT);
  cr_expect_eq(lng->mean_amount, 0.00044);
  cr_expect_eq(lng->uncertainty, ILCD_UNC_NONE);
  cr_expect(isnan(lng->rsd95_percent));
  cr_expect_null(ilcd_process_exchange(p, 19));
  ilcd_db_free(db);
}

Test(load, tiangong_slice_counts) {
  /* tests/tiangong/make_slice.py printed, and Python's zipfile confirms: 120 processes, 586 flows,
   * 49 flow properties, 12 unit groups, the 4 EF 3.1 climate methods; no sources or contacts. */
  static const size_t counts[ILCD_KIND_COUNT] = {120, 586, 49, 12, 4, 0, 0};
  ilcd_db *db = load(FIXTURE_ROOT "tiangong/tiangong-slice.zip");
  assert_counts(db, counts);
  cr_expect_eq(ilcd_db_file_error_count(db), 0);
  ilcd_db_free(db);
}

Test(load, elcd_sample_with_bom) {
  /* processes/c93541fe-....xml starts with EF BB BF (xxd); one dataset of each kind. */
  static const size_t counts[ILCD_KIND_COUNT] = {1, 1, 1, 1, 1, 1, 1};
  ilcd_db *db = load(FIXTURE_ROOT "elcd-sample/ILCD");
  assert_counts(db, counts);
  ilcd_uuid id = uuid("c93541fe-0b28-40b8-a890-9948e9f1d41f");
  const ilcd_process *p = ilcd_db_process(db, &id);
  cr_assert_not_null(p);
  /* <baseName>Electricity grid mix 1kV-60kV</baseName> <treatmentStandardsRoutes>AC
   * <mixAndLocationTypes>consumption mix, at consumer <functionalUnitFlowProperties>1kV - 60kV */
  cr_expect_str_eq(p->name, "Electricity grid mix 1kV-60kV; AC; consumption mix, at consumer; 1kV - 60kV");
  /* <typeOfDataSet>LCI result</typeOfDataSet>, location="BE", <common:referenceYear>2008,
   * <common:dataSetValidUntil>2015 */
  cr_expect_str_eq(p->type, "LCI result");
  cr_expect_str_eq(p->location, "BE");
  cr_expect_eq(p->reference_year, 2008);
  cr_expect_eq(p->valid_until, 2015);
  cr_expect_eq(p->n_exchanges, 514); /* grep -c '<exchange ' */
  /* <referenceToReferenceFlow>93</referenceToReferenceFlow>;
   * <exchange dataSetInternalID="93"> refObjectId="890a70b7-b677-4e2a-8a1b-7d017e0a10ae"
   * version="22.00.000" Electricity, <exchangeDirection>Output</exchangeDirection>
   * <meanAmount>3.6</meanAmount> <relativeStandardDeviation95In>0.000</...>
   * <dataDerivationTypeStatus>Unknown derivation</dataDerivationTypeStatus> (line 1943) */
  cr_assert_eq(p->n_reference_flows, 1);
  cr_assert_eq(p->reference_flows[0], 93);
  const ilcd_exchange *ref = ilcd_process_exchange(p, 93);
  cr_assert_not_null(ref);
  cr_expect_str_eq(ref->flow.text, "Electricity");
  cr_expect_str_eq(ref->flow.version, "22.00.000");
  cr_expect_eq(ref->direction, ILCD_OUTPUT);
  cr_expect_eq(ref->mean_amount, 3.6);
  cr_expect_eq(ref->rsd95_percent, 0.0);
  cr_expect_str_eq(ref->derivation, "Unknown derivation");
  cr_expect_eq(ref->line, 1943);
  /* <exchange dataSetInternalID="0"> air (Renewable material resources from air), Input,
   * <meanAmount>1.82035577938534</meanAmount>; its flow fe0acd60-3ddc-11dd-aaa4-... is loaded. */
  const ilcd_exchange *air = ilcd_process_exchange(p, 0);
  cr_assert_not_null(air);
  cr_expect_eq(air->direction, ILCD_INPUT);
  cr_expect_eq(air->mean_amount, 1.82035577938534);
  cr_expect_not_null(ilcd_db_flow(db, &air->flow.uuid));
  /* Not reference-complete: 513 of the 514 exchange flows are absent (only "air" is there). */
  size_t dangling_flows = 0;
  for (size_t i = 0; i < ilcd_db_problem_count(db); i++)
    if (ilcd_db_problem(db, i)->to_kind == ILCD_FLOW && strcmp(ilcd_db_problem(db, i)->what, "exchange flow") == 0)
      dangling_flows++;
  cr_expect_eq(dangling_flows, 513);
  ilcd_db_free(db);
}

Test(load, epd_zip_lcia_results_per_module) {
  /* environdec_with_dependencies.zip: 1 process, 19 flows, 7 sources, 5 contacts (unzip -l, one
   * directory entry per folder discounted); no flow properties, unit groups or methods. */
  static const size_t counts[ILCD_KIND_COUNT] = {1, 19, 0, 0, 0, 7, 5};
  ilcd_db *db = load(FIXTURE_ROOT "epd/environdec_with_dependencies.zip");
  assert_counts(db, counts);
  ilcd_uuid id = uuid("daa1778e-be8f-4d2f-b1b3-c32ca2f0e90d");
  const ilcd_process *p = ilcd_db_process(db, &id);
  cr_assert_not_null(p);
  cr_expect_str_eq(p->version, "01.00.001");
  /* <baseName xml:lang="en">12.5 mm Plasterboard Knauf A-ZERO </baseName> (trailing blank trimmed) */
  cr_expect_str_eq(p->name, "12.5 mm Plasterboard Knauf A-ZERO");
  /* <referenceToReferenceFlow>1</referenceToReferenceFlow>; <exchange dataSetInternalID="1">
   * (Renewable material resources / Wood) has no exchangeDirection: the declared product is the
   * output. <meanAmount>1.0</meanAmount> */
  const ilcd_exchange *ref = ilcd_process_exchange(p, 1);
  cr_assert_not_null(ref);
  cr_expect_eq(ref->direction, ILCD_OUTPUT);
  cr_expect_eq(ref->mean_amount, 1.0);
  /* grep -c '<LCIAResult>': 7 */
  cr_assert_eq(p->n_lcia_results, 7);
  /* The fifth: refObjectId="77e416eb-a363-4258-a04e-171d843a6460" Global warming potential (GWP)
   * <meanAmount>0.0</meanAmount>, then in common:other, in this order:
   *   epd:module="C3">0.0  A4">0.776  B2"/>  B5"/>  B7"/>  A1-A3">2.79  B4"/>  C1">0.0308
   *   B1"/>  A5">0.0635  B6"/>  D"/>  B3"/>  C4">0.0497  C2">0.0323 */
  ilcd_uuid gwp = uuid("77e416eb-a363-4258-a04e-171d843a6460");
  const ilcd_lcia_result *r = &p->lcia_results[4];
  cr_assert(ilcd_uuid_equal(&r->method.uuid, &gwp));
  cr_expect_str_eq(r->method.text, "Global warming potential (GWP)");
  cr_expect(r->has_mean_amount);
  cr_expect_eq(r->mean_amount, 0.0);
  cr_assert_eq(r->n_modules, 15);
  static const struct {
    const char *module;
    int has;
    double amount;
  } want[15] = {{"C3", 1, 0.0},     {"A4", 1, 0.776}, {"B2", 0, 0},      {"B5", 0, 0},      {"B7", 0, 0},
                {"A1-A3", 1, 2.79}, {"B4", 0, 0},     {"C1", 1, 0.0308}, {"B1", 0, 0},      {"A5", 1, 0.0635},
                {"B6", 0, 0},       {"D", 0, 0},      {"B3", 0, 0},      {"C4", 1, 0.0497}, {"C2", 1, 0.0323}};
  for (size_t i = 0; i < 15; i++) {
    cr_expect_str_eq(r->modules[i].module, want[i].module);
    cr_expect_eq(r->modules[i].has_amount, want[i].has, "module %s", want[i].module);
    if (want[i].has) cr_expect_eq(r->modules[i].amount, want[i].amount, "module %s", want[i].module);
  }
  /* The first result (ADPE, f7c73bb9-...) has A1-A3">3.76E-6 at the same position. */
  cr_expect_str_eq(p->lcia_results[0].modules[5].module, "A1-A3");
  cr_expect_eq(p->lcia_results[0].modules[5].amount, 3.76e-6);
  /* The methods are not in the archive: 7 dangling LCIA result references. */
  size_t dangling_methods = 0;
  for (size_t i = 0; i < ilcd_db_problem_count(db); i++)
    dangling_methods += ilcd_db_problem(db, i)->to_kind == ILCD_LCIA_METHOD;
  cr_expect_eq(dangling_methods, 7);
  ilcd_db_free(db);
}

Test(load, epd_results_per_module_oekobaudat) {
  /* oekobau_with_dependencies.zip, process ee8863aa-..._00.00.018.xml, GWP result
   * (77e416eb-...): epd:module="A1-A3">30.1 */
  ilcd_db *db = load(FIXTURE_ROOT "epd/oekobaudat/processes/ee8863aa-7276-4896-b07a-713937a3134d_00.00.018.xml");
  ilcd_uuid id = uuid("ee8863aa-7276-4896-b07a-713937a3134d");
  const ilcd_process *p = ilcd_db_process(db, &id);
  cr_assert_not_null(p);
  ilcd_uuid gwp = uuid("77e416eb-a363-4258-a04e-171d843a6460");
  int found = 0;
  for (size_t i = 0; i < p->n_lcia_results; i++) {
    const ilcd_lcia_result *r = &p->lcia_results[i];
    if (!ilcd_uuid_equal(&r->method.uuid, &gwp)) continue;
    for (size_t j = 0; j < r->n_modules; j++)
      if (strcmp(r->modules[j].module, "A1-A3") == 0) {
        found++;
        cr_expect(r->modules[j].has_amount);
        cr_expect_eq(r->modules[j].amount, 30.1);
      }
  }
  cr_expect_eq(found, 1);
  ilcd_db_free(db);
}

Test(load, epd_alternative_scenarios_and_their_default) {
  /* The ILCD+EPD format's own v1.3 example (tests/fixtures/epd/PROVENANCE.md), declared scenarios:
   *   <epd:scenario epd:default="true" epd:group="Transport" epd:name="Transport to Gdansk">
   *   <epd:scenario epd:group="Transport" epd:name="Transport to Berlin">
   *   <epd:scenario epd:default="true" epd:group="EoL" epd:name="100% recycling">
   *   <epd:scenario epd:group="EoL" epd:name="100% incineration"> */
  ilcd_db *db = load(PCF_SOURCE_DIR
                     "/tests/fixtures/epd/ILCD/processes/"
                     "EPDv1.3_example_57a4ae65-d305-421e-b21f-a3f0c35b8abe.xml");
  ilcd_uuid id = uuid("57a4ae65-d305-421e-b21f-a3f0c35b8abe");
  const ilcd_process *p = ilcd_db_process(db, &id);
  cr_assert_not_null(p);
  cr_assert_eq(p->n_default_scenarios, 2);
  cr_expect_str_eq(p->default_scenarios[0], "Transport to Gdansk");
  cr_expect_str_eq(p->default_scenarios[1], "100% recycling");
  /* The seventh LCIAResult (grep -n '<LCIAResult>': line 819), refObjectId="6a37f984-..."
   * Global Warming Potential - total (GWP-total), in this order:
   *   A1-A3">15.559479677163699  D" scenario="100% recycling">3.890472762252513
   *   A4" "Transport to Gdansk">10.403452605105544  C4" "100% recycling">16.861343234824155
   *   C3" "100% recycling">12.55722191320309  D" "100% incineration">21.473728298846915
   *   C3" "100% incineration">29.83997231119644  A4" "Transport to Berlin">10.621689444677362
   *   C4" "100% incineration">37.34889504407421 */
  cr_assert_geq(p->n_lcia_results, 7);
  const ilcd_lcia_result *r = &p->lcia_results[6];
  cr_expect_str_eq(r->method.text, "Global Warming Potential - total (GWP-total)");
  cr_assert_eq(r->n_modules, 9);
  static const struct {
    const char *module, *scenario;
    double amount;
  } want[9] = {{"A1-A3", "", 15.559479677163699},
               {"D", "100% recycling", 3.890472762252513},
               {"A4", "Transport to Gdansk", 10.403452605105544},
               {"C4", "100% recycling", 16.861343234824155},
               {"C3", "100% recycling", 12.55722191320309},
               {"D", "100% incineration", 21.473728298846915},
               {"C3", "100% incineration", 29.83997231119644},
               {"A4", "Transport to Berlin", 10.621689444677362},
               {"C4", "100% incineration", 37.34889504407421}};
  for (size_t i = 0; i < 9; i++) {
    cr_expect_str_eq(r->modules[i].module, want[i].module);
    cr_expect_str_eq(r->modules[i].scenario, want[i].scenario, "module %zu", i);
    cr_expect_eq(r->modules[i].amount, want[i].amount, "module %zu", i);
  }
  ilcd_db_free(db);
}

/* ---- versions and duplicates, with hand-written datasets ------------------------------------- */

static const char SOURCE_FMT[] =
    "<?xml version=\"1.0\"?>\n"
    "<sourceDataSet xmlns=\"http://lca.jrc.it/ILCD/Source\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\">\n"
    " <sourceInformation><dataSetInformation>\n"
    "  <common:UUID>5d8c535d-4941-4498-b515-46e26185dbef</common:UUID>\n"
    "  <common:shortName xml:lang=\"en\">%s</common:shortName>\n"
    " </dataSetInformation></sourceInformation>\n"
    " <administrativeInformation><publicationAndOwnership>\n"
    "  <common:dataSetVersion>%s</common:dataSetVersion>\n"
    " </publicationAndOwnership></administrativeInformation>\n"
    "</sourceDataSet>\n";

static int load_source(ilcd_db *db, const char *name, const char *version, ilcd_error *err) {
  char xml[1024];
  int n = snprintf(xml, sizeof xml, SOURCE_FMT, name, version);
  return ilcd_db_load_memory(db, name, xml, (size_t)n, err);
}

Test(load, version_selection_returns_newest) {
  ilcd_uuid id = uuid("5d8c535d-4941-4498-b515-46e26185dbef");
  /* Both load orders: the lookup returns 01.10.000 (numerically above 01.02.000, which a string
   * comparison of "01.10" and "01.02" would also give, and above 01.9.000, which it would not). */
  const char *orders[2][3] = {{"01.02.000", "01.10.000", "01.9.000"}, {"01.10.000", "01.9.000", "01.02.000"}};
  for (int o = 0; o < 2; o++) {
    ilcd_db *db;
    ilcd_error err = {0};
    cr_assert_eq(ilcd_db_new(&db), 0);
    for (int i = 0; i < 3; i++) {
      char name[32];
      snprintf(name, sizeof name, "v%s", orders[o][i]);
      cr_assert_eq(load_source(db, name, orders[o][i], &err), 0, "%s", err.message);
    }
    const ilcd_named *s = ilcd_db_source(db, &id);
    cr_assert_not_null(s);
    cr_expect_str_eq(s->version, "01.10.000", "order %d: got %s", o, s->version);
    cr_expect_str_eq(s->name, "v01.10.000");
    /* Every version stays listed; none is a duplicate. */
    cr_expect_eq(ilcd_db_count(db, ILCD_SOURCE), 3);
    cr_expect_eq(ilcd_db_problem_count(db), 0);
    ilcd_db_free(db);
  }
}

Test(load, duplicate_is_recorded_once) {
  ilcd_db *db;
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_new(&db), 0);
  cr_assert_eq(load_source(db, "first", "02.00.000", &err), 0);
  cr_assert_eq(load_source(db, "second", "02.00.000", &err), 0);
  cr_expect_eq(ilcd_db_count(db, ILCD_SOURCE), 1);
  ilcd_uuid id = uuid("5d8c535d-4941-4498-b515-46e26185dbef");
  cr_expect_str_eq(ilcd_db_source(db, &id)->name, "first"); /* the first one loaded is kept */
  cr_assert_eq(ilcd_db_problem_count(db), 1);
  const ilcd_problem *p = ilcd_db_problem(db, 0);
  cr_expect_str_eq(p->what, "duplicate data set");
  cr_expect_str_eq(p->target, "5d8c535d-4941-4498-b515-46e26185dbef");
  cr_expect_eq(p->from_kind, ILCD_SOURCE);
  /* The check keeps duplicates found while loading, and running it twice does not double them. */
  ilcd_db_check(db);
  ilcd_db_check(db);
  cr_expect_eq(ilcd_db_problem_count(db), 1);
  ilcd_db_free(db);
}

Test(load, same_folder_twice_gives_duplicates_not_new_datasets) {
  ilcd_db *db = load(FIXTURES "ef31");
  /* ef31/: 1 flow, 3 flow properties, 2 unit groups */
  cr_expect_eq(ilcd_db_count(db, ILCD_FLOW), 1);
  cr_expect_eq(ilcd_db_count(db, ILCD_FLOW_PROPERTY), 3);
  cr_expect_eq(ilcd_db_count(db, ILCD_UNIT_GROUP), 2);
  ilcd_error err = {0};
  cr_assert_eq(ilcd_db_load(db, FIXTURES "ef31", &err), 0);
  cr_expect_eq(ilcd_db_count(db, ILCD_FLOW), 1);
  cr_expect_eq(ilcd_db_count(db, ILCD_FLOW_PROPERTY), 3);
  cr_expect_eq(ilcd_db_problem_count(db), 6);
  ilcd_db_free(db);
}
