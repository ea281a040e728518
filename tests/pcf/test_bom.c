/* Tests of the BOM reader (pcf/bom.h): multiplication through levels and parents, units,
 * scrap, shares, header leniency, and each class of bad input with its line. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcf/bom.h"

#define TOL 1e-12

static pcf_bom *read_ok(const char *text) {
  pcf_bom *bom = NULL;
  pcf_error err = {0};
  int rc = pcf_bom_read_memory(&bom, "b.csv", text, strlen(text), &err);
  cr_assert_eq(rc, 0, "read failed: %s:%ld: %s", err.path, err.line, err.message);
  return bom;
}

/* Reads text expecting the error code at the line (-1: any); returns the message for more checks. */
static const char *read_fails(const char *text, int code, long line) {
  static pcf_error err;
  memset(&err, 0, sizeof err);
  pcf_bom *bom = NULL;
  int rc = pcf_bom_read_memory(&bom, "b.csv", text, strlen(text), &err);
  cr_assert_eq(rc, code, "expected %d, got %d: %s", code, rc, err.message);
  cr_assert_null(bom);
  cr_assert_eq(err.code, code);
  cr_assert_str_eq(err.path, "b.csv");
  if (line >= 0) cr_assert_eq(err.line, line, "line %ld, expected %ld: %s", err.line, line, err.message);
  return err.message;
}

static int has_warning(const pcf_bom *bom, const char *part) {
  for (size_t i = 0; i < pcf_bom_warning_count(bom); i++)
    if (strstr(pcf_bom_warning(bom, i), part)) return 1;
  return 0;
}

/* tests/fixtures/bom/kettle.csv, per kettle:
 *   Shell   1 pcs × 450 g            = 0.450 kg, recycled 30 % → 0.30, scrap 5 %:
 *           input 0.450 / 0.95       = 0.473684… kg
 *   Lid     1 × 80 g                 = 0.080 kg
 *   Screw   4 pcs × 2,5 g            = 0.010 kg (decimal comma, ';' file)
 *   Element 1 × 120 g                = 0.120 kg
 *   Cable   0,8 m × 45 g per m       = 0.036 kg
 *   Granulate 25 g, unit g           = 0.025 kg (the quantity is the mass)
 *   total                              0.721 kg */
Test(bom, kettle_fixture) {
  pcf_bom *bom = NULL;
  pcf_error err = {0};
  int rc = pcf_bom_read(&bom, PCF_SOURCE_DIR "/tests/fixtures/bom/kettle.csv", &err);
  cr_assert_eq(rc, 0, "%s:%ld: %s", err.path, err.line, err.message);
  cr_assert_eq(pcf_bom_leaf_count(bom), 6);
  const pcf_bom_line *shell = pcf_bom_leaf(bom, 0);
  cr_assert_str_eq(shell->part, "B-210");
  cr_assert_str_eq(shell->path, "Kettle/Body/Shell");
  cr_assert_str_eq(shell->material, "PP");
  cr_assert_eq(shell->level, 2);
  cr_assert_eq(shell->line, 7);
  cr_assert_float_eq(shell->mass_kg_total, 0.450, TOL);
  cr_assert_float_eq(shell->mass_kg_input, 0.450 / 0.95, TOL);
  cr_assert_float_eq(shell->recycled_content, 0.30, TOL);
  cr_assert_float_eq(shell->scrap_rate, 0.05, TOL);
  cr_assert_str_eq(shell->unit, "pcs");
  cr_assert(isnan(shell->supplier_pcf_kg_co2e_per_unit));
  cr_assert_null(shell->supplier_pcf_unit);
  const pcf_bom_line *screw = pcf_bom_leaf(bom, 2);
  cr_assert_str_eq(screw->name, "Screw M3x8; A2");
  cr_assert_float_eq(screw->quantity_total, 4, TOL);
  cr_assert_float_eq(screw->mass_kg_total, 0.010, TOL);
  cr_assert(isnan(screw->recycled_content));
  cr_assert_eq(screw->scrap_rate, 0);
  const pcf_bom_line *cable = pcf_bom_leaf(bom, 4);
  cr_assert_str_eq(cable->unit, "m");
  cr_assert_float_eq(cable->quantity_total, 0.8, TOL);
  cr_assert_float_eq(cable->mass_kg_total, 0.036, TOL);
  cr_assert_str_eq(cable->path, "Kettle/Heater/Cable");
  const pcf_bom_line *granulate = pcf_bom_leaf(bom, 5);
  cr_assert_str_eq(granulate->unit, "kg");
  cr_assert_float_eq(granulate->quantity_total, 0.025, TOL);
  cr_assert_float_eq(granulate->mass_kg_total, 0.025, TOL);
  cr_assert_eq(granulate->level, 1);
  cr_assert_float_eq(pcf_bom_mass_kg(bom), 0.721, TOL);
  /* the colour column is a note: kept out of the model without a word */
  cr_assert_eq(pcf_bom_warning_count(bom), 0);
  cr_assert_null(pcf_bom_leaf(bom, 6));
  pcf_bom_free(bom);
}

/* Chair ×1 → leg assembly ×4 → foot ×2 (10 g) and tube ×1 (0.3 kg); seat ×1 (1.2 kg).
 *   foot 1·4·2 = 8 pcs → 0.08 kg; tube 1·4·1 = 4 → 1.2 kg; seat 1.2 kg; total 2.48 kg.
 * Levels start at 1 here; leaf levels are depths from the top (0). */
Test(bom, multiply_through_levels) {
  pcf_bom *bom = read_ok(
      "level,part,name,qty,material,mass_kg\n"
      "1,A,Chair,1,,\n"
      "2,L,Leg assembly,4,,\n"
      "3,F,Foot,2,PP,0.01\n"
      "3,T,Tube,1,Steel,0.3\n"
      "2,S,Seat,1,PP,1.2\n");
  cr_assert_eq(pcf_bom_leaf_count(bom), 3);
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->quantity_total, 8, TOL);
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->mass_kg_total, 0.08, TOL);
  cr_assert_eq(pcf_bom_leaf(bom, 0)->level, 2);
  cr_assert_float_eq(pcf_bom_leaf(bom, 1)->quantity_total, 4, TOL);
  cr_assert_float_eq(pcf_bom_leaf(bom, 1)->mass_kg_total, 1.2, TOL);
  cr_assert_str_eq(pcf_bom_leaf(bom, 2)->path, "Chair/Seat");
  cr_assert_float_eq(pcf_bom_mass_kg(bom), 2.48, TOL);
  cr_assert_eq(pcf_bom_warning_count(bom), 0);
  pcf_bom_free(bom);
}

/* Dotted levels (".1", "..2") and tab separators; the part number shows when there is no name.
 * Box ×2 → insert ×3 (paper 40 g): 6 pcs, 0.24 kg. */
Test(bom, dotted_levels) {
  pcf_bom *bom = read_ok(
      "Lvl\tP/N\tQty\tMaterial\tWeight [g]\n"
      "1\tBOX\t2\t\t\n"
      ".2\tINS\t3\tPaper\t40\n");
  cr_assert_eq(pcf_bom_leaf_count(bom), 1);
  cr_assert_str_eq(pcf_bom_leaf(bom, 0)->path, "BOX/INS");
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->mass_kg_total, 0.24, TOL);
  pcf_bom_free(bom);
  bom = read_ok("level,name,qty,material\n.,Top,1,\n..,Leaf,5,PP\n");
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->quantity_total, 5, TOL);
  pcf_bom_free(bom);
}

/* Parent column, with one part (bolt set BS: 3 bolts of 10 g) under two parents:
 *   Cart → Frame ×1 → BS ×2 → Bolt ×3:  1·1·2·3 = 6 bolts,  0.06 kg
 *        → Frame ×1 → Tube ×2 (500 g):               2,      1.00 kg
 *        → Wheel ×4 → BS ×1 → Bolt ×3:  1·4·1·3 = 12 bolts, 0.12 kg
 *        → Wheel ×4 → Tyre ×1 (200 g):               4,      0.80 kg
 *   total 1.98 kg, 18 bolts along two paths. */
Test(bom, parent_column_dag) {
  pcf_bom *bom = read_ok(
      "part,parent,description,quantity,material,weight (g)\n"
      "CART,,Cart,1,,\n"
      "FRAME,CART,Frame,1,,\n"
      "WHEEL,CART,Wheel,4,,\n"
      "BS,FRAME,Bolt set,2,,\n"
      "BS,WHEEL,Bolt set,1,,\n"
      "BOLT,BS,Bolt,3,Steel,10\n"
      "TYRE,WHEEL,Tyre,1,Rubber,200\n"
      "TUBE,FRAME,Tube,2,Aluminium,500\n");
  cr_assert_eq(pcf_bom_leaf_count(bom), 4);
  const pcf_bom_line *l = pcf_bom_leaf(bom, 0);
  cr_assert_str_eq(l->path, "Cart/Frame/Bolt set/Bolt");
  cr_assert_float_eq(l->quantity_total, 6, TOL);
  cr_assert_float_eq(l->mass_kg_total, 0.06, TOL);
  cr_assert_eq(l->level, 3);
  cr_assert_eq(l->line, 7);
  l = pcf_bom_leaf(bom, 1);
  cr_assert_str_eq(l->part, "TUBE");
  cr_assert_float_eq(l->mass_kg_total, 1.0, TOL);
  l = pcf_bom_leaf(bom, 2);
  cr_assert_str_eq(l->path, "Cart/Wheel/Bolt set/Bolt");
  cr_assert_float_eq(l->quantity_total, 12, TOL);
  cr_assert_eq(l->line, 7);
  cr_assert_float_eq(pcf_bom_leaf(bom, 3)->mass_kg_total, 0.8, TOL);
  cr_assert_float_eq(pcf_bom_mass_kg(bom), 1.98, TOL);
  pcf_bom_free(bom);
}

/* Without level or parent the BOM is flat; the mass is unknown when a line has none. */
Test(bom, flat_and_unknown_mass) {
  pcf_bom *bom = read_ok("Part Number,QTY,Material,Mass\nA,2,PP,0.5\nB,1,PE,\n");
  cr_assert_eq(pcf_bom_leaf_count(bom), 2);
  cr_assert_eq(pcf_bom_leaf(bom, 0)->level, 0);
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->mass_kg_total, 1.0, TOL);
  cr_assert(isnan(pcf_bom_leaf(bom, 1)->mass_kg_total));
  cr_assert(isnan(pcf_bom_leaf(bom, 1)->mass_kg_input));
  cr_assert(isnan(pcf_bom_mass_kg(bom)));
  pcf_bom_free(bom);
}

/* Scrap: 10 % on the assembly (rejected units) and 20 % on the leaf, 1 kg net:
 *   kept share 0.9 · 0.8 = 0.72, effective scrap 0.28, input 1 / 0.72 = 1.3889 kg;
 *   quantity 2 pcs of 0.5 kg → quantity_input 2 / 0.72 = 2.7778.
 * The fraction header reads 0.1 and 0.2 as fractions; "20%" would be the same. */
Test(bom, scrap_applies_down) {
  pcf_bom *bom = read_ok(
      "level,part,qty,material,mass,scrap (fraction)\n"
      "0,ASSY,1,,,0.1\n"
      "1,LEAF,2,PP,0.5,20%\n");
  const pcf_bom_line *l = pcf_bom_leaf(bom, 0);
  cr_assert_float_eq(l->mass_kg_total, 1.0, TOL);
  cr_assert_float_eq(l->scrap_rate, 0.28, TOL);
  cr_assert_float_eq(l->mass_kg_input, 1 / 0.72, TOL);
  cr_assert_float_eq(l->quantity_input, 2 / 0.72, TOL);
  pcf_bom_free(bom);
}

/* Recycled content: percent by default, fraction by header, '%' always percent. */
Test(bom, recycled_content_units) {
  pcf_bom *bom = read_ok("part,qty,material,recycled content\nA,1,PP,25\nB,1,PP,40%\n");
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->recycled_content, 0.25, TOL);
  cr_assert_float_eq(pcf_bom_leaf(bom, 1)->recycled_content, 0.40, TOL);
  cr_assert_eq(pcf_bom_warning_count(bom), 0);
  pcf_bom_free(bom);
  bom = read_ok("part,qty,material,recycled_fraction\nA,1,PP,0.25\nB,1,PP,1\n");
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->recycled_content, 0.25, TOL);
  cr_assert_float_eq(pcf_bom_leaf(bom, 1)->recycled_content, 1.0, TOL);
  pcf_bom_free(bom);
  /* all values at most 1 in a percent column: read as percent, but warned */
  bom = read_ok("part,qty,material,recycled content\nA,1,PP,0.25\nB,1,PP,0.5\n");
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->recycled_content, 0.0025, TOL);
  cr_assert(has_warning(bom, "fraction"));
  pcf_bom_free(bom);
}

/* Supplier PCF: per the line's unit by default; per kg from the header; g CO2e scaled;
 * per-line unit column. 2 kg CO2e/pcs; "(kg CO2e/kg)" 3.5 per kg; "(g CO2e/kg)" 1500 → 1.5
 * kg CO2e per kg; a "g" unit column: 0.004 kg CO2e per g = 4 kg CO2e per kg. */
Test(bom, supplier_pcf) {
  pcf_bom *bom = read_ok("part,qty,supplier pcf\nMOTOR,1,2\n");
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->supplier_pcf_kg_co2e_per_unit, 2, TOL);
  cr_assert_str_eq(pcf_bom_leaf(bom, 0)->supplier_pcf_unit, "pcs");
  pcf_bom_free(bom);
  bom = read_ok("part,qty,mass,Supplier PCF (kg CO2e/kg)\nMOTOR,1,0.8,3.5\n");
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->supplier_pcf_kg_co2e_per_unit, 3.5, TOL);
  cr_assert_str_eq(pcf_bom_leaf(bom, 0)->supplier_pcf_unit, "kg");
  pcf_bom_free(bom);
  bom = read_ok("part,qty,pcf [g CO2e / kg]\nX,1,1500\n");
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->supplier_pcf_kg_co2e_per_unit, 1.5, TOL);
  pcf_bom_free(bom);
  bom = read_ok("part,qty,supplier_pcf_kgco2e,supplier pcf unit\nX,1,0.004,g\nY,1,7,\n");
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->supplier_pcf_kg_co2e_per_unit, 4, TOL);
  cr_assert_str_eq(pcf_bom_leaf(bom, 0)->supplier_pcf_unit, "kg");
  cr_assert_str_eq(pcf_bom_leaf(bom, 1)->supplier_pcf_unit, "pcs");
  pcf_bom_free(bom);
}

/* Units: 250 mm of cable at 0.1 kg/m... mass per unit as written is per mm here:
 *   250 mm = 0.25 m; 0.2 g per mm = 0.2 kg per m → 0.05 kg. 2 l of oil: 0.002 m3.
 * A total mass column: 4 pcs with 0.2 kg for the line → 0.05 kg each. */
Test(bom, units_and_total_mass) {
  pcf_bom *bom = read_ok(
      "part,qty,uom,material,mass (g)\n"
      "CABLE,250,mm,Cu,0.2\n"
      "OIL,2,L,Oil,\n");
  const pcf_bom_line *c = pcf_bom_leaf(bom, 0);
  cr_assert_str_eq(c->unit, "m");
  cr_assert_float_eq(c->quantity_total, 0.25, TOL);
  cr_assert_float_eq(c->mass_kg_total, 0.05, TOL);
  cr_assert_str_eq(pcf_bom_leaf(bom, 1)->unit, "m3");
  cr_assert_float_eq(pcf_bom_leaf(bom, 1)->quantity_total, 0.002, TOL);
  pcf_bom_free(bom);
  bom = read_ok("part,qty,material,total weight (kg)\nNUT,4,Steel,0.2\n");
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->mass_kg_total, 0.2, TOL);
  pcf_bom_free(bom);
  /* a kg line with a disagreeing mass: the quantity wins, with a warning */
  bom = read_ok("part,qty,unit,material,mass\nPP,0.25,kg,PP,0.3\n");
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->mass_kg_total, 0.25, TOL);
  cr_assert(has_warning(bom, "differs"));
  pcf_bom_free(bom);
  read_fails("part,qty,unit,material\nX,1,furlong,PP\n", PCF_ERR_UNIT, 2);
  read_fails("part,qty,material,mass (pcs)\nX,1,PP,1\n", PCF_ERR_UNIT, 1);
}

Test(bom, assemblies) {
  /* a material on an assembly is reported and ignored */
  pcf_bom *bom = read_ok("level,part,qty,material,mass\n0,A,1,Steel,5\n1,B,1,PP,1\n");
  cr_assert_eq(pcf_bom_leaf_count(bom), 1);
  cr_assert(has_warning(bom, "material 'Steel' of assembly 'A' ignored"));
  pcf_bom_free(bom);
  /* a supplier PCF or a dataset on an assembly would count twice */
  read_fails("level,part,qty,material,supplier pcf\n0,A,1,,9\n1,B,1,PP,\n", PCF_ERR_INPUT, 2);
  read_fails("level,part,qty,material,dataset\n0,A,1,,x\n1,B,1,PP,\n", PCF_ERR_INPUT, 2);
  /* an assembly counted in kg */
  read_fails("level,part,qty,unit,material\n0,A,2,kg,\n1,B,1,pcs,PP\n", PCF_ERR_UNIT, 2);
  /* a leaf with nothing to link it */
  const char *msg = read_fails("level,part,name,qty,material\n0,A,Top,1,\n1,B,Bolt,1,\n", PCF_ERR_INPUT, 3);
  cr_assert(strstr(msg, "'Bolt'"), "%s", msg);
}

Test(bom, level_errors) {
  const char *msg = read_fails("level,part,qty,material\n1,A,1,\n2,B,1,\n4,C,1,PP\n", PCF_ERR_INPUT, 4);
  cr_assert(strstr(msg, "jumps from 2 to 4"), "%s", msg);
  read_fails("level,part,qty,material\n1,A,1,PP\n0,B,1,PP\n", PCF_ERR_INPUT, 3);
  read_fails("level,part,qty,material\n1,A,1,PP\n1.2.3,B,1,PP\n", PCF_ERR_PARSE, 3);
  read_fails("level,part,qty,material\n1,A,1,PP\n,B,1,PP\n", PCF_ERR_PARSE, 3);
}

/* B → C → B reached from the top; X ↔ Y and Z → Z hanging apart; a parent that is nobody. */
Test(bom, parent_errors) {
  const char *msg = read_fails("part,parent,qty,material\nA,,1,\nB,A,1,\nC,B,1,\nB,C,1,\n", PCF_ERR_CYCLE, 5);
  cr_assert(strstr(msg, "B -> C -> B"), "%s", msg);
  cr_assert(strstr(msg, "lines 3, 4, 5"), "%s", msg);
  msg = read_fails("part,parent,qty,material\nA,,1,PP\nX,Y,1,PP\nY,X,1,PP\n", PCF_ERR_CYCLE, 3);
  cr_assert(strstr(msg, "X -> Y -> X"), "%s", msg);
  msg = read_fails("part,parent,qty,material\nA,,1,PP\nZ,Z,1,PP\n", PCF_ERR_CYCLE, 3);
  cr_assert(strstr(msg, "Z -> Z"), "%s", msg);
  msg = read_fails("part,parent,qty,material\nA,,1,\nB,A,1,PP\nC,Q,1,PP\n", PCF_ERR_NOT_FOUND, 4);
  cr_assert(strstr(msg, "'Q'"), "%s", msg);
}

Test(bom, bad_numbers) {
  read_fails("part,qty,material\nA,-1,PP\n", PCF_ERR_INPUT, 2);
  read_fails("part,qty,material\nA,0,PP\n", PCF_ERR_INPUT, 2);
  read_fails("part,qty,material\nA,2e12,PP\n", PCF_ERR_INPUT, 2); /* above PCF_BOM_MAX_AMOUNT pcs */
  read_fails("part,qty,material\nA,,PP\n", PCF_ERR_INPUT, 2);
  read_fails("part,qty,material\nA,two,PP\n", PCF_ERR_PARSE, 2);
  read_fails("part,qty,material\nA,\"1,5\",PP\n", PCF_ERR_PARSE, 2); /* decimal comma, ',' file */
  read_fails("part,qty,material,mass\nA,1,PP,-0.1\n", PCF_ERR_INPUT, 2);
  read_fails("part,qty,material,mass\nA,1,PP,0\n", PCF_ERR_INPUT, 2);
  read_fails("part,qty,material,mass (t)\nA,1,PP,2e9\n", PCF_ERR_INPUT, 2); /* 2e12 kg */
  read_fails("part,qty,material,recycled content\nA,1,PP,120\n", PCF_ERR_INPUT, 2);
  read_fails("part,qty,material,recycled content\nA,1,PP,-5\n", PCF_ERR_INPUT, 2);
  read_fails("part,qty,material,scrap\nA,1,PP,100\n", PCF_ERR_INPUT, 2);
  read_fails("part,qty,material,scrap (fraction)\nA,1,PP,1.5\n", PCF_ERR_INPUT, 2);
  /* 1e4 × 1e4 × 1e4 = 1e12 along a path is allowed; × 1e4 again is 1e16 */
  read_fails("level,part,qty,material\n0,A,1e4,\n1,B,1e4,\n2,C,1e4,\n3,D,1e4,PP\n", PCF_ERR_INPUT, 5);
}

/* Amounts a plant really has (issue 13 item 11): a BOM line of 1,500 t is 1,500 × 1,000 =
 * 1.5e6 kg; 750 MWh is 750 × 3,600 = 2.7e6 MJ (1 kWh = 3.6 MJ, the ILCD energy unit group);
 * 2 GWh is 7.2e6 MJ; 500 kJ is 0.5 MJ. A year of a large steel works, 10 Mt = 1e10 kg, reads too.
 * The limit is PCF_BOM_MAX_AMOUNT = 1e12 of the canonical unit: 1e9 t reads, 1.000001e9 t does
 * not, and the message names the canonical amount and the limit. */
Test(bom, industrial_amounts_and_their_limit) {
  pcf_bom *bom = read_ok(
      "part,qty,unit,material,dataset\n"
      "STEEL,1500,t,steel,\n"
      "POWER,750,MWh,,electricity CN\n"
      "HEAT,2,GWh,,steam\n"
      "SMALL,500,kJ,,steam\n"
      "YEAR,10000000,t,steel,\n"
      "MAX,1e9,t,steel,\n");
  cr_assert_eq(pcf_bom_leaf_count(bom), 6);
  cr_assert_str_eq(pcf_bom_leaf(bom, 0)->unit, "kg");
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->quantity_total, 1.5e6, 1e-3);
  cr_assert_float_eq(pcf_bom_leaf(bom, 0)->mass_kg_total, 1.5e6, 1e-3);
  cr_assert_str_eq(pcf_bom_leaf(bom, 1)->unit, "MJ");
  cr_assert_float_eq(pcf_bom_leaf(bom, 1)->quantity_total, 2.7e6, 1e-3);
  cr_assert(isnan(pcf_bom_leaf(bom, 1)->mass_kg_total));
  cr_assert_float_eq(pcf_bom_leaf(bom, 2)->quantity_total, 7.2e6, 1e-3);
  cr_assert_float_eq(pcf_bom_leaf(bom, 3)->quantity_total, 0.5, TOL);
  cr_assert_float_eq(pcf_bom_leaf(bom, 4)->quantity_total, 1e10, 1);
  cr_assert_float_eq(pcf_bom_leaf(bom, 5)->quantity_total, 1e12, 1);
  pcf_bom_free(bom);
  const char *msg = read_fails("part,qty,unit,material\nA,1.000001e9,t,steel\n", PCF_ERR_INPUT, 2);
  cr_assert(strstr(msg, "1.000001e9 (1.000001e+12 kg) is above the limit of 1e+12 kg"), "%s", msg);
  msg = read_fails("part,qty,unit,dataset\nA,300,TWh,x\n", PCF_ERR_UNIT, 2);     /* no TWh: a typo's guard */
  msg = read_fails("part,qty,unit,dataset\nA,300000,GWh,x\n", PCF_ERR_INPUT, 2); /* 1.08e12 MJ */
  cr_assert(strstr(msg, "limit of 1e+12 MJ"), "%s", msg);
  msg = read_fails("part,qty,material,supplier pcf (t CO2e)\nA,1,steel,2e9\n", PCF_ERR_INPUT, 2);
  cr_assert(strstr(msg, "limit of 1e+12 kg CO2e per unit"), "%s", msg);
}

Test(bom, header_leniency_and_required_columns) {
  pcf_bom *bom = read_ok(
      "  LEVEL ; Part_No ; DESCRIPTION ; Qty ; UoM ; Material ; Net-Weight "
      "(kg) ; Notes\n0;1;Thing;1;ea;Glass;0,5;fragile\n");
  cr_assert_float_eq(pcf_bom_mass_kg(bom), 0.5, TOL);
  cr_assert_eq(pcf_bom_warning_count(bom), 0); /* a notes column is not read, and not an error */
  pcf_bom_free(bom);
  const char *msg = read_fails("part,material\nA,PP\n", PCF_ERR_NOT_FOUND, 1);
  cr_assert(strstr(msg, "quantity"), "%s", msg);
  read_fails("qty,material\n1,PP\n", PCF_ERR_NOT_FOUND, 1);
  msg = read_fails("part,qty,colour\nA,1,red\n", PCF_ERR_NOT_FOUND, 1);
  cr_assert(strstr(msg, "material"), "%s", msg);
  read_fails("part,qty,quantity,material\nA,1,1,PP\n", PCF_ERR_INPUT, 1);
  read_fails("part,qty,material\n", PCF_ERR_INPUT, 1);
  read_fails("", PCF_ERR_INPUT, 0);
  read_fails("part,qty,material\nA,1,PP\n,2,PE\n", PCF_ERR_INPUT, 3); /* no part, no name */
  /* both level and parent: level wins, parent reported */
  bom = read_ok("level,part,parent,qty,material\n0,A,,1,PP\n");
  cr_assert(has_warning(bom, "parent"));
  pcf_bom_free(bom);
}

Test(bom, csv_errors_pass_through) {
  read_fails("part,qty,material\nA,1,\"PP\n", PCF_ERR_PARSE, 2);
  pcf_bom *bom = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_bom_read(&bom, "/nonexistent/bom.csv", &err), PCF_ERR_IO);
  cr_assert_null(bom);
  pcf_bom_free(NULL);
}

/* Pathological structures stop with an error, quickly and without exhausting memory. */
Test(bom, pathological_structures, .timeout = 20) {
  /* 24 levels, each part twice under the one above: 2^24 paths, with 1000-byte names. */
  size_t cap = 1 << 20, n = 0;
  char *text = malloc(cap);
  n += (size_t)snprintf(text + n, cap - n, "part,parent,name,qty,material\nP0,,top,1,\n");
  char name[1001];
  memset(name, 'n', 1000);
  name[1000] = '\0';
  for (int i = 1; i <= 24; i++)
    for (int copy = 0; copy < 2; copy++)
      n += (size_t)snprintf(text + n, cap - n, "P%d,P%d,%s,1,%s\n", i, i - 1, name, i == 24 ? "PP" : "");
  /* Each leaf's path is "top/" and 24 names with their '/' or NUL: 4 + 24 * 1001 = 24,028 bytes.
   * 64 MiB / 24,028 = 2,792.95, so the leaf numbered 2,792 from 0 crosses the limit; 2,792 is even,
   * so it is the first row of P24, on line 1 + 1 + 2 * 23 + 1 = 49. */
  const char *msg = read_fails(text, PCF_ERR_INPUT, 49);
  cr_assert(strstr(msg, "absurdly large"), "%s", msg);
  /* a chain of 70 parents */
  n = (size_t)snprintf(text, cap, "part,parent,qty,material\nC0,,1,\n");
  for (int i = 1; i < 70; i++)
    n += (size_t)snprintf(text + n, cap - n, "C%d,C%d,1,%s\n", i, i - 1, i == 69 ? "PP" : "");
  msg = read_fails(text, PCF_ERR_INPUT, 65); /* C63, at depth 63, may have no children */
  cr_assert(strstr(msg, "deeper than 64"), "%s", msg);
  /* 70 levels */
  n = (size_t)snprintf(text, cap, "level,part,qty,material\n");
  for (int i = 0; i < 70; i++) n += (size_t)snprintf(text + n, cap - n, "%d,L%d,1,%s\n", i, i, i == 69 ? "PP" : "");
  read_fails(text, PCF_ERR_INPUT, 66); /* L64 */
  free(text);
}

/* A BOM that would expand past the limits is refused before it is expanded, at the leaf where
 * the expansion would have stopped; errors of structure still come first. */
Test(bom, oversized_expansion_refused_by_counting, .timeout = 20) {
  size_t cap = 1 << 16, n = 0;
  char *text = malloc(cap);
  /* Parts A..U (21 levels), each twice under the one above: 2^20 = 1,048,576 leaves, whose paths
   * take 21 * 2 = 42 bytes each (44 MB in all, under the 64 MiB limit). The leaf numbered
   * 1,000,000 from 0 is the first one past the limit; its last choice is bit 0 of 1,000,000,
   * which is 0: the first row of U, on line 1 + 1 + 2 * 19 + 1 = 41. */
  n += (size_t)snprintf(text + n, cap - n, "part,parent,qty,material\nA,,1,\n");
  for (int i = 1; i <= 20; i++)
    for (int copy = 0; copy < 2; copy++)
      n += (size_t)snprintf(text + n, cap - n, "%c,%c,1,%s\n", 'A' + i, 'A' + i - 1, i == 20 ? "PP" : "");
  const char *msg = read_fails(text, PCF_ERR_INPUT, 41);
  cr_assert(strstr(msg, "more than 1000000 leaves"), "%s", msg);
  /* The same with B also under T (line 43): the cycle B -> ... -> T -> B comes first. */
  size_t base = n;
  n += (size_t)snprintf(text + n, cap - n, "B,T,1,\n");
  msg = read_fails(text, PCF_ERR_CYCLE, 43);
  cr_assert(strstr(msg, "cyclic parent references: B -> C -> D"), "%s", msg);
  /* Instead, a chain Z1..Z50 under T (lines 43..92): T sits at depth 19, so Zk sits at depth
   * 19 + k and Z44, at depth 63, may have no children (line 42 + 44 = 86). */
  n = base;
  n += (size_t)snprintf(text + n, cap - n, "Z1,T,1,\n");
  for (int k = 2; k <= 50; k++)
    n += (size_t)snprintf(text + n, cap - n, "Z%d,Z%d,1,%s\n", k, k - 1, k == 50 ? "PP" : "");
  msg = read_fails(text, PCF_ERR_INPUT, 86);
  cr_assert(strstr(msg, "deeper than 64"), "%s", msg);
  free(text);
}

/* A part met first near the top and later deeper: the expansion's first row too deep is found
 * through the part's height, not only on the first path that reached it. */
Test(bom, part_too_deep_on_a_later_path) {
  size_t cap = 1 << 14, n = 0;
  char *text = malloc(cap);
  /* S is a chain of 60 levels (S0..S59, lines 3..62) hung under the top at depth 1: its deepest
   * assembly S58 is at depth 59. Then a chain A1..A10 (lines 63..72) under the top ends with
   * S0 again (line 73) at depth 11: S0..S59 there sit at depths 11..70, and the first assembly at
   * depth 63 is S52, on line 3 + 52 = 55. */
  n += (size_t)snprintf(text + n, cap - n, "part,parent,qty,material\nT0,,1,\n");
  for (int k = 0; k < 60; k++)
    n += (size_t)snprintf(text + n, cap - n, "S%d,%s%d,1,%s\n", k, k ? "S" : "T", k ? k - 1 : 0, k == 59 ? "PP" : "");
  for (int k = 1; k <= 10; k++)
    n += (size_t)snprintf(text + n, cap - n, "A%d,%s%d,1,\n", k, k == 1 ? "T" : "A", k == 1 ? 0 : k - 1);
  n += (size_t)snprintf(text + n, cap - n, "S0,A10,1,\n");
  const char *msg = read_fails(text, PCF_ERR_INPUT, 55);
  cr_assert(strstr(msg, "deeper than 64"), "%s", msg);
  free(text);
}
