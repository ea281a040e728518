/* test_own_factors.c: own factors as secondary data and the designer's units (issue 16 items 3
 * and 7). Every expected value is worked by hand in its comment; the unit sizes are the exact
 * definitions (1 lb = 0.45359237 kg, 1 oz = 1/16 lb, 1 mile = 1609.344 m). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bom_internal.h"
#include "pcf/footprint.h"
#include "pcf/pact.h"
#include "pcf/product.h"
#include "scratch_dir.h"

static void init(void) { scratch_setup("own-factors"); }

static void write(const char *name, const char *text) {
  FILE *f = fopen(in_dir(name), "w");
  cr_assert_not_null(f);
  fputs(text, f);
  fclose(f);
}

static pcf_data *bundled(void) {
  pcf_data *data = NULL;
  pcf_error err = {0};
  pcf_data_options o = {.bundled = 1};
  cr_assert_eq(pcf_data_open(&data, &o, &err), 0, "%s", err.message);
  return data;
}

/* The product of the last footprint: its result's lines borrow its strings. */
static pcf_product *product;

/* Footprint of dir/product.ini; returns the status, the result in *out (NULL on error). */
static int footprint(pcf_data *data, pcf_result **out, pcf_error *err) {
  pcf_product_free(product);
  product = NULL;
  *out = NULL;
  int rc = pcf_product_read(&product, in_dir("product.ini"), err);
  if (!rc) rc = pcf_footprint_product(out, data, product, err);
  return rc;
}

static void fini(void) {
  pcf_product_free(product);
  product = NULL;
  scratch_teardown();
}

TestSuite(own_factor, .init = init, .fini = fini);
TestSuite(units, .init = init, .fini = scratch_teardown);

static const pcf_line *line_of(const pcf_result *r, const char *component, pcf_stage stage) {
  for (size_t i = 0; i < pcf_result_line_count(r); i++) {
    const pcf_line *l = pcf_result_line(r, i);
    if (!strcmp(l->component, component) && l->stage == stage) return l;
  }
  return NULL;
}

static const char *const product_ini =
    "[product]\nname = Lamp\nbom = bom.csv\nmethod = AR6\n[end_of_life]\nmetal = recycling 0.9, landfill 0.1\n"
    "plastic = landfill 1.0\n";

/* A foundry's own factor per tonne on a cast-iron base counted in pieces with a mass: 0.800 kg =
 * 0.0008 t (ILCD Units of mass: t = 1000 kg), × 1900 kg CO2e/t = 1.52 kg CO2e; secondary, with its
 * source and the five ratings given; the base keeps the metal end of life: 10 % landfilled =
 * 0.08 kg (the 90 % recycled carries nothing under cut-off). */
Test(own_factor, bom_line_is_secondary_and_keeps_its_end_of_life) {
  write("bom.csv",
        "level,name,quantity,unit,material,mass (kg),factor (kg CO2e/t),factor source,factor quality\n"
        "0,Lamp,1,pcs,,,,,\n1,Base,1,pcs,cast iron,0.800,1900,Foundry EPD S-P-01234 (2024),\"2, 1, 1, 2, 1\"\n"
        "1,Cable,1,pcs,PVC,0.060,,,\n");
  write("product.ini", product_ini);
  pcf_data *data = bundled();
  pcf_result *r;
  pcf_error err = {0};
  cr_assert_eq(footprint(data, &r, &err), 0, "%s", err.message);
  const pcf_line *base = line_of(r, "Lamp/Base", PCF_STAGE_RAW_MATERIALS);
  cr_assert_not_null(base);
  cr_expect(fabs(base->value[PCF_TOTAL] - 1.52) < 1e-12, "%.15g", base->value[PCF_TOTAL]);
  cr_expect(fabs(base->amount - 0.0008) < 1e-15, "%.15g", base->amount);
  cr_expect_str_eq(base->unit, "t");
  cr_expect_eq(base->primary, 0);
  cr_expect_str_eq(base->factor_source, "Foundry EPD S-P-01234 (2024)");
  const pcf_line *eol = line_of(r, "Lamp/Base", PCF_STAGE_END_OF_LIFE);
  cr_assert_not_null(eol, "the base lost its end of life");
  cr_expect(fabs(eol->amount - 0.08) < 1e-12, "%.15g", eol->amount);
  cr_expect_eq(pcf_result_primary_share(r), 0);
  for (size_t i = 0; i < pcf_result_line_count(r); i++) {
    if (pcf_result_line(r, i) != base) continue;
    pcf_dqr_line q;
    cr_assert_eq(pcf_dqr_rate(&q, r, i, pcf_data_db(data), NULL, 2025, "CN", &err), 0, "%s", err.message);
    double want[PCF_DQR_COUNT] = {2, 1, 1, 2, 1};
    for (int k = 0; k < PCF_DQR_COUNT; k++) cr_expect_eq(q.rating[k], want[k], "rating %d", k);
  }
  pcf_result_free(r);
  pcf_data_free(data);
}

/* Factors per a count and per a pound. LED board: 2 pcs × 750 g CO2e/Item(s) = 1.5 kg CO2e
 * (pcs is the ILCD Item(s)); Knob: 1 pc of 0.5 kg with a factor per lb: 0.5 / 0.45359237 =
 * 1.10231131092439 lb × 1.0 = 1.10231131092439 kg CO2e (no material: no end of life, no quality:
 * rated 2, 3, 3, 2, 2). */
Test(own_factor, per_item_and_per_pound) {
  write("bom.csv",
        "level,name,quantity,unit,material,mass (kg),factor (g CO2e per Item(s)),factor source\n"
        "0,Lamp,1,pcs,,,,\n1,LED board,2,pcs,,0.015,750,Supplier catalogue 2025\n");
  write("product.ini", product_ini);
  pcf_data *data = bundled();
  pcf_result *r;
  pcf_error err = {0};
  cr_assert_eq(footprint(data, &r, &err), 0, "%s", err.message);
  const pcf_line *l = line_of(r, "Lamp/LED board", PCF_STAGE_RAW_MATERIALS);
  cr_assert_not_null(l);
  cr_expect(fabs(l->value[PCF_TOTAL] - 1.5) < 1e-12, "%.15g", l->value[PCF_TOTAL]);
  pcf_result_free(r);
  write("bom.csv",
        "level,name,quantity,unit,mass (kg),factor (kg CO2e/lb),factor source\n"
        "0,Lamp,1,pcs,,,\n1,Knob,1,pcs,0.5,1.0,Zinc die casting study 2023\n");
  cr_assert_eq(footprint(data, &r, &err), 0, "%s", err.message);
  l = line_of(r, "Lamp/Knob", PCF_STAGE_RAW_MATERIALS);
  cr_assert_not_null(l);
  cr_expect(fabs(l->value[PCF_TOTAL] - 1.10231131092439) < 1e-12, "%.15g", l->value[PCF_TOTAL]);
  cr_expect_null(line_of(r, "Lamp/Knob", PCF_STAGE_END_OF_LIFE));
  pcf_dqr_line q;
  cr_assert_eq(pcf_dqr_rate(&q, r, 0, pcf_data_db(data), NULL, 2025, "CN", &err), 0, "%s", err.message);
  double want[PCF_DQR_COUNT] = {2, 3, 3, 2, 2};
  for (int k = 0; k < PCF_DQR_COUNT; k++) cr_expect_eq(q.rating[k], want[k], "rating %d", k);
  pcf_result_free(r);
  pcf_data_free(data);
}

/* A factor needs its source; bad quality, a unit no group holds and a unit of another kind are
 * errors naming the file, line and what is wrong (the last with the units that would fit). */
Test(own_factor, errors) {
  pcf_error err = {0};
  pcf_bom *bom = NULL;
  static const char no_source_column[] = "name,quantity,material,factor (kg CO2e/kg)\nA,1,PP,2\n";
  cr_expect_eq(pcf_bom_read_memory(&bom, "b.csv", no_source_column, strlen(no_source_column), &err), PCF_ERR_NOT_FOUND);
  expect_in(err.message, "needs a factor source column");
  static const char empty_source[] =
      "name,quantity,material,mass,factor (kg CO2e/kg),factor source\nA,1,PP,1,2,src\nB,1,PP,1,2,\n";
  cr_expect_eq(pcf_bom_read_memory(&bom, "b.csv", empty_source, strlen(empty_source), &err), PCF_ERR_INPUT);
  cr_expect_eq(err.line, 3);
  expect_in(err.message, "has no factor source");
  static const char bad_quality[] =
      "name,quantity,material,factor (kg CO2e/kg),factor source,factor quality\nA,1,PP,2,src,\"1, 2, 4, 1, 1\"\n";
  cr_expect_eq(pcf_bom_read_memory(&bom, "b.csv", bad_quality, strlen(bad_quality), &err), PCF_ERR_INPUT);
  expect_in(err.message, "expected five ratings from 1 to 3");
  pcf_data *data = bundled();
  pcf_result *r;
  write("product.ini", product_ini);
  write("bom.csv", "name,quantity,unit,mass (kg),factor (kg CO2e/furlong),factor source\nA,1,pcs,1,2,src\n");
  cr_expect_eq(footprint(data, &r, &err), PCF_ERR_UNIT);
  expect_in(err.message, "unit \"furlong\" is in no unit group of the loaded data");
  pcf_result_free(r);
  write("bom.csv", "name,quantity,unit,factor (kg CO2e/kWh),factor source\nA,2,m,2,src\n");
  cr_expect_eq(footprint(data, &r, &err), PCF_ERR_UNIT);
  expect_in(err.message, "A: factor 2 kg CO2e/kWh, but the line is counted in m and has no mass");
  expect_in(err.message, "the units of Units of energy are: MJ, kWh");
  cr_expect_eq(err.line, 2);
  pcf_result_free(r);
  pcf_data_free(data);
}

/* Scenario items with their own factor: 120 kWh × 45 g CO2e/kWh = 5.4 kg CO2e; a truck leg of
 * 500 mi (804.672 km) moving 0.860 kg (the BOM's mass) is 0.00086 × 804.672 = 0.69201792 t*km,
 * × 0.1 kg CO2e/t*km = 0.069201792 kg CO2e. A factor without source, or for no item, is refused. */
Test(own_factor, scenario_items) {
  write("bom.csv", "level,name,quantity,unit,material,mass (kg)\n0,Lamp,1,pcs,,\n1,Base,1,pcs,cast iron,0.860\n");
  char ini[1024];
  snprintf(ini, sizeof ini,
           "%s[manufacturing]\nelectricity, rooftop PV = 120 kWh\nelectricity, rooftop PV.factor = 45 g CO2e/kWh\n"
           "electricity, rooftop PV.factor_source = Installer LCA 2024\n[distribution]\ntruck = 500 mi\n"
           "truck.factor = 0.1 kg CO2e/t*km\ntruck.factor_source = GLEC Framework v3 default\n",
           product_ini);
  write("product.ini", ini);
  pcf_data *data = bundled();
  pcf_result *r;
  pcf_error err = {0};
  cr_assert_eq(footprint(data, &r, &err), 0, "%s", err.message);
  const pcf_line *pv = line_of(r, "Manufacturing", PCF_STAGE_PRODUCTION);
  const pcf_line *truck = line_of(r, "Distribution", PCF_STAGE_DISTRIBUTION);
  cr_assert(pv && truck);
  cr_expect(fabs(pv->value[PCF_TOTAL] - 5.4) < 1e-12, "%.15g", pv->value[PCF_TOTAL]);
  cr_expect_str_eq(pv->factor_source, "Installer LCA 2024");
  cr_expect(fabs(truck->amount - 0.69201792) < 1e-12, "%.15g", truck->amount);
  cr_expect(fabs(truck->value[PCF_TOTAL] - 0.069201792) < 1e-13, "%.15g", truck->value[PCF_TOTAL]);
  pcf_result_free(r);
  write("product.ini",
        "[product]\nname = L\nbom = bom.csv\n[manufacturing]\nheat = 2 MJ\nheat.factor = 0.07 kg "
        "CO2e/MJ\n");
  cr_expect_eq(footprint(data, &r, &err), PCF_ERR_INPUT);
  expect_in(err.message, "heat.factor has no heat.factor_source");
  cr_expect_eq(err.line, 6);
  write("product.ini",
        "[product]\nname = L\nbom = bom.csv\n[manufacturing]\nsteam.factor = 0.07 kg CO2e/MJ\n"
        "steam.factor_source = x\n");
  cr_expect_eq(footprint(data, &r, &err), PCF_ERR_INPUT);
  expect_in(err.message, "no item \"steam\" in [manufacturing]");
  pcf_data_free(data);
}

/* Masses in lb and oz and distances in miles in a product file: a 2 lb package (0.90718474 kg) and
 * 8 oz of board (8 / 16 × 0.45359237 = 0.226796185 kg) over 100 mi (160.9344 km) by truck is
 * 0.90718474 / 1000 × 160.9344 = 0.145997231821056 t*km; a unit of no kind is refused with the
 * accepted ones listed. */
Test(units, pounds_ounces_and_miles_in_a_product_file) {
  write("bom.csv", "name,quantity,material,mass (kg)\nBody,1,PP,0.2\n");
  write("product.ini",
        "[product]\nname = P\nbom = bom.csv\n[packaging]\ncorrugated board = 8 oz\n[distribution]\n"
        "mass = 2 lb\ntruck = 100 mi\n");
  pcf_product *p = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_product_read(&p, in_dir("product.ini"), &err), 0, "%s", err.message);
  int board = 0, leg = 0;
  for (size_t i = 0; i < pcf_product_item_count(p); i++) {
    const pcf_item *it = pcf_product_item(p, i);
    if (!strcmp(it->dataset, "corrugated board")) {
      board = 1;
      cr_expect(fabs(it->mass_kg - 0.226796185) < 1e-15, "%.17g", it->mass_kg);
    }
    if (!strcmp(it->dataset, "truck")) {
      leg = 1;
      cr_expect(fabs(it->amount - 0.145997231821056) < 1e-15, "%.17g", it->amount);
    }
  }
  cr_expect(board && leg);
  pcf_product_free(p);
  write("product.ini", "[product]\nname = P\nbom = bom.csv\n[distribution]\ntruck = 100 leagues\n");
  cr_expect_eq(pcf_product_read(&p, in_dir("product.ini"), &err), PCF_ERR_UNIT);
  expect_in(err.message, "a transport leg is a distance (km, m, cm, mm, mi, ft, in)");
  write("product.ini", "[product]\nname = P\nbom = bom.csv\n[packaging]\ncorrugated board = 2 m2\n");
  cr_expect_eq(pcf_product_read(&p, in_dir("product.ini"), &err), PCF_ERR_UNIT);
  expect_in(err.message, "give packaging as a mass (kg, g, mg, t, lb, oz)");
}

/* The BOM and product-file unit table agrees with the bundled ILCD unit groups wherever both name
 * a unit: each unit's size in its canonical unit, through ilcd_db_unit_convert, to 1e-12. The
 * exact definitions come out: mile 1609.344 m (the bundled group published 1609.347, corrected by
 * datasets/tools/build_package.py), lb 0.45359237 kg, oz 0.028349523125 kg. */
Test(units, the_unit_table_agrees_with_the_ilcd_unit_groups) {
  static const char *const names[] = {"g",  "mg", "t",  "lb", "oz",  "lbs",  "pound", "ounce", "m",   "mm",
                                      "cm", "km", "in", "ft", "mi",  "mile", "m2",    "cm2",   "m3",  "l",
                                      "ml", "J",  "MJ", "GJ", "kWh", "MWh",  "pcs",   "piece", "item"};
  pcf_data *data = bundled();
  const ilcd_db *db = pcf_data_db(data);
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    bom_unit u;
    cr_assert_eq(pcf_bom_unit_parse(names[i], &u), 0, "%s", names[i]);
    const char *canonical = !strcmp(u.canonical, "pcs") ? "Item(s)" : u.canonical;
    double x;
    ilcd_error ie = {0};
    cr_assert_eq(ilcd_db_unit_convert(db, 1, names[i], canonical, &x, &ie), 0, "%s: %s", names[i], ie.message);
    cr_expect(fabs(x - u.factor) <= 1e-12 * u.factor, "%s: ILCD %.17g, table %.17g", names[i], x, u.factor);
  }
  double mile;
  ilcd_error ie = {0};
  cr_assert_eq(ilcd_db_unit_convert(db, 1, "mile", "m", &mile, &ie), 0, "%s", ie.message);
  cr_expect_eq(mile, 1609.344);
  pcf_data_free(data);
}
