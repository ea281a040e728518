/* test_design_loop.c: what a designer writes to try designs, checked against hand calculations:
 * a BOM forming step, use as watts × hours per day × days × years on a grid, a variant's origin in
 * one line, based_on naming several variants, a line's quantity changed, and one name for a part
 * in variants and the sensitivity (issue 20, "the comparison loop").
 *
 * Per-unit values (datasets/README.md, cases/toy-car/NOTES.md): ABS 3.945985, PP 1.918073, steel
 * 2.305556 kg CO2e/kg; China grid 0.5366 and EU-27 grid 0.281 kg CO2e/kWh; injection moulding
 * 1.79 kWh per kg of part times the grid; truck 0.080459 and sea ship 0.015940 kg CO2e/t*km. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pcf/compare.h"
#include "pcf/footprint.h"
#include "pcf/variant.h"

#define ABS 3.945985
#define PP 1.918073
#define STEEL 2.305556
#define CN_KWH 0.5366
#define EU_KWH 0.281
#define MOULD_KWH 1.79
#define TRUCK 0.080459
#define SEA 0.01594043 /* 0.051647 kg for 3.24 t*km, cases/toy-car/NOTES.md */

static char dir[] = "/tmp/pcf-design-loop-XXXXXX";
static pcf_data *data;

static void put(const char *name, const char *text) {
  char p[512];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  FILE *f = fopen(p, "w");
  cr_assert(f);
  fputs(text, f);
  cr_assert_eq(fclose(f), 0);
}

static const char *path_of(const char *name) {
  static char p[512];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  return p;
}

static void setup(void) {
  cr_assert(mkdtemp(dir));
  pcf_error err = {0};
  cr_assert_eq(pcf_data_open(&data, &(pcf_data_options){.bundled = 1}, &err), 0, "%s", err.message);
}

static void teardown(void) {
  pcf_data_free(data);
  const char *names[] = {"product.ini", "bom.csv", "lamp.csv", "lamp.ini"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) unlink(path_of(names[i]));
  rmdir(dir);
}

TestSuite(design_loop, .init = setup, .fini = teardown);

/* The toy car's BOM with a forming column: the body moulded in China, the wheels too with 20 %
 * scrap (so 4 × 0.0075 / 0.8 = 0.0375 kg is moulded), the axles without. */
static const char bom[] =
    "level,part number,name,quantity,unit,material,mass (kg),scrap (%),forming\n"
    "0,TC-100,Toy car,1,pcs,,,,\n"
    "1,TC-110,Body,1,pcs,ABS,0.120,,injection moulding CN\n"
    "1,TC-120,Wheel,4,pcs,PP,0.0075,20,injection moulding CN\n"
    "1,TC-130,Axle,2,pcs,steel,0.010,,\n";

static pcf_result *footprint(const char *product_text, const pcf_override *o, size_t n) {
  put("bom.csv", bom);
  put("product.ini", product_text);
  pcf_error err = {0};
  pcf_product *p = NULL;
  pcf_result *r = NULL;
  cr_assert_eq(pcf_product_read_with(&p, path_of("product.ini"), o, n, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_footprint_product(&r, data, p, &err), 0, "%s", err.message);
  pcf_product_free(p);
  return r;
}

/* The value of the line of stage s whose component and dataset are these (NaN when none). */
static double line(const pcf_result *r, pcf_stage s, const char *component, const char *dataset) {
  for (size_t i = 0; i < pcf_result_line_count(r); i++) {
    const pcf_line *l = pcf_result_line(r, i);
    if (l->stage == s && strcmp(l->component, component) == 0 && strcmp(l->dataset, dataset) == 0)
      return l->value[PCF_TOTAL];
  }
  return NAN;
}

static bool warned(const pcf_result *r, const char *text) {
  for (size_t i = 0; i < pcf_result_warning_count(r); i++)
    if (strstr(pcf_result_warning(r, i), text)) return true;
  return false;
}

Test(design_loop, a_forming_step_is_valued_per_kg_of_input_mass) {
  pcf_result *r = footprint("[product]\nname = Car\nbom = bom.csv\n", NULL, 0);
  /* body: 0.120 kg × 1.79 kWh × 0.5366; wheels: 0.0375 kg (scrap included) */
  cr_expect_float_eq(line(r, PCF_STAGE_PRODUCTION, "Toy car/Body", "injection moulding CN"), 0.120 * MOULD_KWH * CN_KWH,
                     1e-6);
  cr_expect_float_eq(line(r, PCF_STAGE_PRODUCTION, "Toy car/Wheel", "injection moulding CN"),
                     0.0375 * MOULD_KWH * CN_KWH, 1e-6);
  cr_expect_float_eq(pcf_result_stage(r, PCF_STAGE_PRODUCTION, PCF_TOTAL), 0.1575 * MOULD_KWH * CN_KWH, 1e-6);
  /* formed lines are not noted as unformed (the axle's steel is hot-rolled sheet, formed) */
  cr_expect_not(warned(r, "unformed material"));
  pcf_result_free(r);
}

Test(design_loop, a_variant_changes_or_removes_a_forming_step) {
  pcf_override o[] = {{"bom", "Body.forming", "injection moulding EU"}, {"bom", "Wheel.forming", "none"}};
  pcf_result *r = footprint("[product]\nname = Car\nbom = bom.csv\n", o, 2);
  cr_expect_float_eq(line(r, PCF_STAGE_PRODUCTION, "Toy car/Body", "injection moulding EU"), 0.120 * MOULD_KWH * EU_KWH,
                     1e-6);
  cr_expect(isnan(line(r, PCF_STAGE_PRODUCTION, "Toy car/Wheel", "injection moulding CN")));
  cr_expect(warned(r, "Toy car/Wheel (PP)"));
  pcf_result_free(r);
}

Test(design_loop, use_as_watts_hours_days_and_years_on_a_grid) {
  /* 9 W × 4 h/day × 365 days × 2 years = 26.28 kWh of the EU grid; with 300 days, 21.6 kWh */
  const char *text =
      "[product]\nname = Lamp\nbom = bom.csv\n[use]\nyears = 2\npower = 9 W\nhours_per_day = 4\ngrid = EU\n";
  pcf_result *r = footprint(text, NULL, 0);
  cr_expect_float_eq(pcf_result_stage(r, PCF_STAGE_USE, PCF_TOTAL), 26.28 * EU_KWH, 1e-5);
  pcf_result_free(r);
  pcf_override days[] = {{"use", "days_per_year", "300"}, {"use", "power", "0.009 kW"}};
  r = footprint(text, days, 2);
  cr_expect_float_eq(pcf_result_stage(r, PCF_STAGE_USE, PCF_TOTAL), 21.6 * EU_KWH, 1e-5);
  pcf_result_free(r);

  /* each part is needed, and named when missing */
  put("product.ini", "[product]\nname = Lamp\nbom = bom.csv\n[use]\nyears = 2\npower = 9 W\nhours_per_day = 4\n");
  pcf_error err = {0};
  pcf_product *p = NULL;
  cr_expect_eq(pcf_product_read(&p, path_of("product.ini"), &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "grid is missing"), "%s", err.message);
  pcf_product_free(p);
  put("product.ini", "[product]\nname = Lamp\nbom = bom.csv\n[use]\npower = 9 V\n");
  cr_expect_eq(pcf_product_read(&p, path_of("product.ini"), &err), PCF_ERR_UNIT);
  cr_expect(strstr(err.message, "W or kW"), "%s", err.message);
  pcf_product_free(p);
}

static const char car[] =
    "[product]\nname = Car\nbom = bom.csv\n"
    "[manufacturing]\nelectricity CN = 0.30 kWh\n"
    "[distribution]\ntruck = 150 km\nsea ship = 18000 km\n";

Test(design_loop, an_origin_moves_grid_forming_and_legs_in_one_line) {
  pcf_override o[] = {{"product", "origin", "EU, truck 800 km, rail 200 km"}};
  pcf_result *r = footprint(car, o, 1);
  cr_expect_float_eq(line(r, PCF_STAGE_PRODUCTION, "Manufacturing", "electricity EU"), 0.30 * EU_KWH, 1e-6);
  cr_expect(isnan(line(r, PCF_STAGE_PRODUCTION, "Manufacturing", "electricity CN")));
  cr_expect_float_eq(line(r, PCF_STAGE_PRODUCTION, "Toy car/Body", "injection moulding EU"), 0.120 * MOULD_KWH * EU_KWH,
                     1e-6);
  /* the product's 0.170 kg moved 800 km by truck; the sea leg is gone; rail is a leg of its own */
  cr_expect_float_eq(line(r, PCF_STAGE_DISTRIBUTION, "Distribution", "truck"), 0.170e-3 * 800 * TRUCK, 1e-7);
  cr_expect(isnan(line(r, PCF_STAGE_DISTRIBUTION, "Distribution", "sea ship")));
  cr_expect(!isnan(line(r, PCF_STAGE_DISTRIBUTION, "Distribution", "rail")));
  pcf_result_free(r);

  /* the region alone keeps the legs */
  pcf_override region[] = {{"product", "origin", "EU"}};
  r = footprint(car, region, 1);
  cr_expect_float_eq(line(r, PCF_STAGE_DISTRIBUTION, "Distribution", "sea ship"), 0.170e-3 * 18000 * SEA, 1e-6);
  pcf_result_free(r);

  /* no manufacturing grid: only the legs move, and the result says so */
  r = footprint("[product]\nname = Car\nbom = bom.csv\n[distribution]\nsea ship = 18000 km\n", o, 1);
  cr_expect(warned(r, "origin EU: no [manufacturing]"));
  cr_expect_float_eq(line(r, PCF_STAGE_PRODUCTION, "Toy car/Body", "injection moulding CN"), 0.120 * MOULD_KWH * CN_KWH,
                     1e-6);
  pcf_result_free(r);

  /* a malformed leg is named */
  put("product.ini", car);
  pcf_product *p = NULL;
  pcf_error err = {0};
  pcf_override bad[] = {{"product", "origin", "EU, truck far"}};
  cr_expect_eq(pcf_product_read_with(&p, path_of("product.ini"), bad, 1, &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "\"truck far\""), "%s", err.message);
  pcf_product_free(p);
}

Test(design_loop, a_variant_origin_is_one_change) {
  char text[1024];
  snprintf(text, sizeof text, "%s[variant local]\norigin = EU, truck 800 km\n", car);
  put("bom.csv", bom);
  put("product.ini", text);
  pcf_error err = {0};
  pcf_variant_set *v = NULL;
  cr_assert_eq(pcf_variant_set_read(&v, path_of("product.ini"), &err), 0, "%s", err.message);
  cr_assert_eq(pcf_variant_set_change_count(v, 0), 1);
  const pcf_variant_change *c = pcf_variant_set_change(v, 0, 0);
  cr_expect_str_eq(c->text, "origin = EU, truck 800 km");
  cr_expect_str_eq(c->override.section, "product");
  cr_expect_str_eq(c->override.key, "origin");
  pcf_comparison *cmp = NULL;
  pcf_compare_options o = PCF_COMPARE_OPTIONS_INIT;
  o.sensitivity = 0;
  cr_assert_eq(pcf_compare_run(&cmp, data, v, &o, &err), 0, "%s", err.message);
  /* base: grid 0.30 × 0.5366, moulding 0.1575 kg × 1.79 × 0.5366, legs 0.170 t·km-per-t × (150 × truck +
   * 18000 × sea); local: the same on the EU grid and 800 km by truck */
  double base_prod = (0.30 + 0.1575 * MOULD_KWH) * CN_KWH, local_prod = (0.30 + 0.1575 * MOULD_KWH) * EU_KWH;
  double base_dist = 0.170e-3 * (150 * TRUCK + 18000 * SEA), local_dist = 0.170e-3 * 800 * TRUCK;
  const pcf_change_effect *e = pcf_comparison_change(cmp, 1, 0);
  cr_expect_float_eq(e->step[PCF_TOTAL], (local_prod - base_prod) + (local_dist - base_dist), 5e-6);
  pcf_comparison_free(cmp);
  pcf_variant_set_free(v);
}

Test(design_loop, based_on_several_variants_applies_a_shared_change_once) {
  char text[1024];
  snprintf(text, sizeof text,
           "%s[variant light]\nbom.Body.scale = 0.5\n"
           "[variant light-local]\nbased_on = light\norigin = EU\n"
           "[variant light-rail]\nbased_on = light\ndistribution.rail = 800 km\n"
           "[variant all]\nbased_on = light-local, light-rail\nbom.Wheel.quantity = 3\n",
           car);
  put("bom.csv", bom);
  put("product.ini", text);
  pcf_error err = {0};
  pcf_variant_set *v = NULL;
  cr_assert_eq(pcf_variant_set_read(&v, path_of("product.ini"), &err), 0, "%s", err.message);
  long all = pcf_variant_set_find(v, "all");
  cr_assert_geq(all, 0);
  /* light's scale (once, though both parents carry it), origin, rail, then the quantity */
  cr_assert_eq(pcf_variant_set_change_count(v, (size_t)all), 4);
  const char *want[] = {"bom.Body.scale = 0.5", "origin = EU", "distribution.rail = 800 km", "bom.Wheel.quantity = 3"};
  for (size_t k = 0; k < 4; k++) cr_expect_str_eq(pcf_variant_set_change(v, (size_t)all, k)->text, want[k]);
  pcf_product *p = NULL;
  pcf_result *r = NULL;
  cr_assert_eq(pcf_variant_set_product(&p, v, (size_t)all, (size_t)-1, NULL, 0, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_footprint_product(&r, data, p, &err), 0, "%s", err.message);
  /* body half: 0.060 kg of ABS; wheels 3 × 0.0075 kg of PP, bought with 20 % scrap */
  cr_expect_float_eq(line(r, PCF_STAGE_RAW_MATERIALS, "Toy car/Body", "ABS"), 0.060 * ABS, 1e-7);
  cr_expect_float_eq(line(r, PCF_STAGE_RAW_MATERIALS, "Toy car/Wheel", "PP"), 3 * 0.0075 / 0.8 * PP, 1e-7);
  pcf_result_free(r);
  pcf_product_free(p);
  pcf_variant_set_free(v);

  /* an unknown name in the list is named */
  snprintf(text, sizeof text, "%s[variant light]\nbom.Body.scale = 0.5\n[variant x]\nbased_on = light, heavy\n", car);
  put("product.ini", text);
  cr_expect_eq(pcf_variant_set_read(&v, path_of("product.ini"), &err), PCF_ERR_NOT_FOUND);
  cr_expect(strstr(err.message, "no [variant heavy]"), "%s", err.message);
}

Test(design_loop, a_line_quantity_change_keeps_the_unit_mass) {
  pcf_override o[] = {{"bom", "TC-120.quantity", "6"}};
  pcf_result *r = footprint(car, o, 1);
  cr_expect_float_eq(line(r, PCF_STAGE_RAW_MATERIALS, "Toy car/Wheel", "PP"), 6 * 0.0075 / 0.8 * PP, 1e-7);
  /* the product now weighs 0.120 + 0.045 + 0.020 kg, and moves so */
  cr_expect_float_eq(line(r, PCF_STAGE_DISTRIBUTION, "Distribution", "truck"), 0.185e-3 * 150 * TRUCK, 1e-7);
  pcf_result_free(r);
  pcf_override bad[] = {{"bom", "Wheel.quantity", "3 kg"}};
  put("product.ini", car);
  pcf_product *p = NULL;
  pcf_error err = {0};
  cr_expect_eq(pcf_product_read_with(&p, path_of("product.ini"), bad, 1, &err), PCF_ERR_INPUT);
  pcf_product_free(p);
}

/* Two parts named Cover (told apart by part number) and a screw under two parents (told apart by
 * path only): a change and the sensitivity name each by the shortest name that is its alone. */
Test(design_loop, one_name_for_a_part_in_variants_and_sensitivity) {
  put("lamp.csv",
      "level,part number,name,quantity,unit,material,mass (kg)\n"
      "0,L,Lamp,1,pcs,,\n1,A1,Head,1,pcs,,\n2,C-1,Cover,1,pcs,PP,0.010\n"
      "1,A2,Base,1,pcs,,\n2,C-2,Cover,1,pcs,ABS,0.020\n2,S-1,Screw,2,pcs,steel,0.001\n"
      "1,S-1,Screw,2,pcs,steel,0.001\n1,B,Body,1,pcs,steel,0.200\n");
  put("lamp.ini", "[product]\nname = Lamp\nbom = lamp.csv\n[variant thin]\nbom.Body.scale = 0.9\n");
  pcf_error err = {0};
  pcf_product *p = NULL;
  cr_assert_eq(pcf_product_read(&p, path_of("lamp.ini"), &err), 0, "%s", err.message);
  const char *want[] = {"C-1", "C-2", "Lamp/Base/Screw", "Lamp/Screw", "Body"};
  char buf[200];
  for (size_t i = 0; i < 5; i++) cr_expect_str_eq(pcf_product_part_ref(p, i, buf, sizeof buf), want[i]);
  cr_expect_null(pcf_product_part_ref(p, 99, buf, sizeof buf));
  pcf_product_free(p);

  pcf_variant_set *v = NULL;
  pcf_comparison *cmp = NULL;
  cr_assert_eq(pcf_variant_set_read(&v, path_of("lamp.ini"), &err), 0, "%s", err.message);
  pcf_compare_options o = PCF_COMPARE_OPTIONS_INIT;
  o.contributions = 0;
  cr_assert_eq(pcf_compare_run(&cmp, data, v, &o, &err), 0, "%s", err.message);
  bool body = false, c1 = false, screw = false;
  for (size_t k = 0; k < pcf_comparison_sensitivity_count(cmp); k++) {
    const pcf_sensitivity *s = pcf_comparison_sensitivity(cmp, k);
    body |= strcmp(s->input, "bom.Body.scale") == 0; /* as the variant wrote it */
    c1 |= strcmp(s->input, "bom.C-1.scale") == 0 && strcmp(s->label, "mass of C-1 (PP)") == 0;
    screw |= strcmp(s->input, "bom.Lamp/Base/Screw.scale") == 0;
    /* the Body's elasticity: its share of the total, 0.200 kg of steel */
    if (strcmp(s->input, "bom.Body.scale") == 0)
      cr_expect_float_eq(s->elasticity, 0.200 * STEEL / pcf_result_value(pcf_comparison_result(cmp, 0), PCF_TOTAL),
                         1e-6);
  }
  cr_expect(body && c1 && screw);
  pcf_comparison_free(cmp);
  pcf_variant_set_free(v);
}
