/* test_misreadings.c: inputs that used to give a wrong number without a word now give an error
 * naming the file and line (pcf/src/ini_file.c, product.c, bom_columns.c, csv.c,
 * uncertainty_units.c). Each test writes its input, says what pcf did with it before, and checks
 * the error, or the right number where a misreading is now read as meant.
 *
 * Figures: the China grid mix is 0.5366 kg CO2e/kWh and the kettle's use stage 210.75 kg CO2e
 * (0.10 kWh x 1,500 uses a year x 5 years of the EU mix), both from
 * cases/electric-kettle/expected.json (calc.py, independent of pcf). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_test.h"
#include "pcf/batch.h"
#include "pcf/bom.h"
#include "pcf/footprint.h"
#include "pcf/pact.h"
#include "pcf/uncertainty.h"

#define KETTLE PCF_SOURCE_DIR "/cases/electric-kettle/product.ini"
#define GRID_CN_KWH 0.5366

#include "scratch_dir.h"

static void setup(void) { scratch_setup("misread"); }
static void teardown(void) { scratch_teardown(); }

static const char BOM[] = "part number,name,quantity,unit,material,mass (kg)\nB1,Body,1,pcs,PP,0.5\n";

/* Writes product.ini (and bom.csv) and reads it: the status, err filled, *out when asked. */
static int read_product(const char *ini, const char *bom, pcf_error *err, pcf_product **out) {
  write_file(in_dir("product.ini"), ini);
  write_file(in_dir("bom.csv"), bom ? bom : BOM);
  pcf_product *p = NULL;
  memset(err, 0, sizeof *err);
  int rc = pcf_product_read(&p, in_dir("product.ini"), err);
  if (out && !rc)
    *out = p;
  else
    pcf_product_free(p);
  return rc;
}

/* The footprint total of product.ini as written (kg CO2e); fails the test on any error. */
static double total_of(const char *ini) {
  pcf_error err = {0};
  pcf_product *p = NULL;
  cr_assert_eq(read_product(ini, NULL, &err, &p), 0, "%s:%ld: %s", err.path, err.line, err.message);
  pcf_data *d = NULL;
  pcf_result *r = NULL;
  pcf_data_options o = {.bundled = 1};
  cr_assert_eq(pcf_data_open_product(&d, p, &o, &err), 0, "%s", err.message);
  cr_assert_eq(pcf_footprint_product(&r, d, p, &err), 0, "%s", err.message);
  double t = pcf_result_value(r, PCF_TOTAL);
  pcf_result_free(r);
  pcf_data_free(d);
  pcf_product_free(p);
  return t;
}

TestSuite(misread, .init = setup, .fini = teardown, .timeout = 60);

/* ---- the bill of materials ---------------------------------------------------------------------- */

/* Before: a product file without bom = computed a footprint without any BOM. */
Test(misread, product_without_a_bom) {
  pcf_error err;
  cr_expect_eq(read_product("[product]\nname = x\n[manufacturing]\nelectricity CN = 1 kWh\n", NULL, &err, NULL),
               PCF_ERR_INPUT);
  expect_in(err.message, "[product] has no bom");
  expect_in(err.message, "bom = none");
  /* Said on purpose, the product is its manufacturing alone: 1 kWh of the China mix. */
  double t = total_of("[product]\nname = x\nbom = none\n[manufacturing]\nelectricity CN = 1 kWh\n");
  cr_expect(fabs(t - GRID_CN_KWH) < 1e-9, "%.12g", t);
}

/* Before: 'recyled content (%)' was a warning, and the 80 % recycled content did not count. */
Test(misread, unknown_bom_column) {
  pcf_error err;
  const char *bom =
      "part number,name,quantity,unit,material,mass (kg),recyled content (%),colour\n"
      "B1,Body,1,pcs,PP,0.5,80,red\n";
  cr_expect_eq(read_product("[product]\nname = x\nbom = bom.csv\n", bom, &err, NULL), PCF_ERR_INPUT);
  expect_in(err.message, "unknown BOM columns 'recyled content (%)' (recycled content?), 'colour'");
  expect_in(err.message, "the columns are level, parent, part number");
  cr_expect_eq(err.line, 1);
  /* Notes are for people: kept out of the model, without an error. */
  pcf_product *p = NULL;
  bom = "part number,name,quantity,unit,material,mass (kg),note (colour),comments\nB1,Body,1,pcs,PP,0.5,red,ok\n";
  cr_expect_eq(read_product("[product]\nname = x\nbom = bom.csv\n", bom, &err, &p), 0, "%s", err.message);
  cr_expect_float_eq(pcf_product_mass_kg(p), 0.5, 1e-12);
  pcf_product_free(p);
}

/* Before: "0,6" in a comma-separated BOM gave "mass 0 is zero"; "1,5" followed by a recycled
 * content read mass 1 kg and recycled content 5 %, without a word. */
Test(misread, decimal_comma_in_a_comma_separated_bom) {
  pcf_error err;
  cr_expect_eq(read_product("[product]\nname = x\nbom = bom.csv\n",
                            "part number,name,quantity,unit,material,mass (kg)\nB1,Body,1,pcs,PP,0,6\n", &err, NULL),
               PCF_ERR_PARSE);
  expect_in(err.message, "\"0,6\" under 'mass (kg)' looks like a decimal comma");
  expect_in(err.message, "write 0.6");
  cr_expect_eq(err.line, 2);
  cr_expect_eq(read_product("[product]\nname = x\nbom = bom.csv\n",
                            "part number,name,quantity,unit,material,mass (kg),recycled content (%)\n"
                            "B1,Body,1,pcs,PP,0.5,30\nB2,Lid,1,pcs,PP,1,5,30\n",
                            &err, NULL),
               PCF_ERR_PARSE);
  expect_in(err.message, "8 values for the header's 7 columns");
  expect_in(err.message, "\"1,5\" under 'mass (kg)'");
  cr_expect_eq(err.line, 3);
  /* An unquoted comma in a name shifts the columns just as well. */
  cr_expect_eq(
      read_product("[product]\nname = x\nbom = bom.csv\n",
                   "part number,name,quantity,unit,material,mass (kg)\nB1,Body, left,1,pcs,PP,0.5\n", &err, NULL),
      PCF_ERR_PARSE);
  expect_in(err.message, "a comma inside a value shifts the later columns");
  /* Separated by ';', a decimal comma is a decimal comma; trailing empty fields are fine. */
  pcf_product *p = NULL;
  cr_expect_eq(read_product("[product]\nname = x\nbom = bom.csv\n",
                            "part number;name;quantity;unit;material;mass (kg)\nB1;Body;1;pcs;PP;0,6;;\n", &err, &p),
               0, "%s", err.message);
  cr_expect_float_eq(pcf_product_mass_kg(p), 0.6, 1e-12);
  pcf_product_free(p);
}

/* Before: "1,0 kWh" was 1 of a unit ",0 kWh" (an error about units that never said why). */
Test(misread, decimal_comma_in_a_product_file) {
  pcf_error err;
  cr_expect_eq(
      read_product("[product]\nname = x\nbom = bom.csv\n[manufacturing]\nelectricity CN = 1,5 kWh\n", NULL, &err, NULL),
      PCF_ERR_INPUT);
  expect_in(err.message, "a decimal comma; write 1.5 kWh");
  cr_expect_eq(err.line, 5);
  cr_expect_eq(read_product("[product]\nname = x\nbom = bom.csv\nservice_life_years = 2,5\n", NULL, &err, NULL),
               PCF_ERR_INPUT);
  expect_in(err.message, "write 2.5");
}

/* A catalogue's scale "1,5" was scale 1 and a stray column. */
Test(misread, decimal_comma_in_a_catalogue) {
  write_file(in_dir("catalogue.csv"), "id,product,scale\nA,product.ini,1,5\n");
  pcf_catalogue *c = NULL;
  pcf_error err = {0};
  cr_expect_eq(pcf_catalogue_read(&c, in_dir("catalogue.csv"), &err), PCF_ERR_PARSE);
  expect_in(err.message, "\"1,5\" under 'scale'");
  pcf_catalogue_free(c);
}

/* ---- INI files ---------------------------------------------------------------------------------- */

/* Before: the last of two values won (3 kWh here), the first one silently dropped. */
Test(misread, key_given_twice) {
  pcf_error err;
  cr_expect_eq(read_product("[product]\nname = x\nbom = bom.csv\n[manufacturing]\nelectricity CN = 1 kWh\n"
                            "; more\nelectricity CN = 3 kWh\n",
                            NULL, &err, NULL),
               PCF_ERR_INPUT);
  expect_in(err.message, "[manufacturing] \"electricity CN\" is given twice, on lines 5 and 7");
  cr_expect_eq(err.line, 7);
  /* The same section written twice is fine as long as no key repeats. */
  pcf_product *p = NULL;
  cr_expect_eq(read_product("[product]\nname = x\n[manufacturing]\nelectricity CN = 1 kWh\n[product]\nbom = bom.csv\n",
                            NULL, &err, &p),
               0, "%s", err.message);
  pcf_product_free(p);
  /* Two names for one value are one key given twice. */
  cr_expect_eq(read_product("[product]\nname = x\nbom = bom.csv\ndeclared_unit = 1 piece\nfunctional_unit = 1 pair\n",
                            NULL, &err, NULL),
               PCF_ERR_INPUT);
  expect_in(err.message, "declared_unit and functional_unit are one value given twice, on lines 4 and 5");
}

/* Before: [use] years won over service_life_years without a word (here 2 years of use, not 10). */
Test(misread, years_and_service_life) {
  pcf_error err;
  cr_expect_eq(read_product("[product]\nname = x\nbom = bom.csv\nservice_life_years = 10\n[use]\nyears = 2\n"
                            "electricity EU = 1 kWh per year\n",
                            NULL, &err, NULL),
               PCF_ERR_INPUT);
  expect_in(err.message, "[use] years (line 6) and [product] service_life_years (line 4)");
}

/* Before: a NUL byte ended the value there ("3 kWh\0 per use" read 3 kWh for the whole life). */
Test(misread, nul_byte) {
  write_file(in_dir("bom.csv"), BOM);
  FILE *f = fopen(in_dir("nul.ini"), "wb");
  cr_assert(f);
  static const char text[] =
      "[product]\nname = x\nbom = bom.csv\n[use]\nyears = 5\nuses_per_year = 100\n"
      "electricity EU = 3 kWh\0 per use\n";
  fwrite(text, 1, sizeof text - 1, f);
  fclose(f);
  pcf_product *p = NULL;
  pcf_error err = {0};
  cr_expect_eq(pcf_product_read(&p, in_dir("nul.ini"), &err), PCF_ERR_PARSE);
  expect_in(err.message, "NUL byte");
  cr_expect_eq(err.line, 7);
  pcf_product_free(p);
}

/* libinih cuts a line longer than its 200-byte buffer in two and reads the rest as a key of its own
 * (here "x = 9 kWh" at the end of a long comment-free value), cuts a section name at 49 bytes, and
 * takes an indented line for the continuation of the value above. */
Test(misread, lines_libinih_would_cut_or_join) {
  pcf_error err;
  char text[1024], name[240];
  memset(name, 'n', 200);
  name[200] = '\0';
  snprintf(text, sizeof text, "[product]\nname = %s x = 9 kWh\nbom = bom.csv\n", name);
  cr_expect_eq(read_product(text, NULL, &err, NULL), PCF_ERR_PARSE);
  expect_in(err.message, "line longer than 197 bytes");
  cr_expect_eq(err.line, 2);
  /* A long comment is no problem: comments never reach libinih. */
  snprintf(text, sizeof text, "; %s\n[product]\nname = x ; %s\nbom = bom.csv\n", name, name);
  pcf_product *p = NULL;
  cr_expect_eq(read_product(text, NULL, &err, &p), 0, "%s", err.message);
  cr_expect_str_eq(pcf_product_name(p), "x");
  pcf_product_free(p);
  cr_expect_eq(read_product("[product]\nname = x\nbom = bom.csv\n[material Polypropylene copolymer for the lid and the "
                            "handle]\nA = 0.5\n",
                            NULL, &err, NULL),
               PCF_ERR_PARSE);
  expect_in(err.message, "section name longer than 49 bytes");
  /* Indented keys are keys: 10 g of LDPE and 50 g of board, 0.06 kg of packaging. */
  cr_expect_eq(read_product("[product]\nname = x\nbom = bom.csv\n[packaging]\n  LDPE = 0.010 kg\n"
                            "    corrugated board = 0.050 kg\n",
                            NULL, &err, &p),
               0, "%s", err.message);
  cr_expect_float_eq(pcf_product_packaging_kg(p), 0.060, 1e-12);
  pcf_product_free(p);
  /* A ':' before the '=' would end the key there. */
  cr_expect_eq(read_product("[product]\nname = x\nbom = bom.csv\n[manufacturing]\nA:1 = 1 kWh\n", NULL, &err, NULL),
               PCF_ERR_PARSE);
  expect_in(err.message, "a ':' before the '='");
}

/* Before: "[product] name is missing". */
Test(misread, a_folder_for_a_product_file) {
  pcf_error err;
  pcf_product *p = NULL;
  cr_assert_eq(read_product("[product]\nname = In a folder\nbom = bom.csv\n", NULL, &err, &p), 0, "%s", err.message);
  pcf_product_free(p);
  p = NULL;
  cr_expect_eq(pcf_product_read(&p, dir, &err), 0, "%s", err.message);
  cr_expect_str_eq(pcf_product_name(p), "In a folder");
  cr_expect_str_eq(pcf_product_path(p), in_dir("product.ini"));
  cr_expect_float_eq(pcf_product_mass_kg(p), 0.5, 1e-12); /* its BOM, beside it */
  pcf_product_free(p);
  p = NULL;
  cr_assert_eq(mkdir(in_dir("empty"), 0700), 0);
  cr_expect_eq(pcf_product_read(&p, in_dir("empty"), &err), PCF_ERR_IO);
  expect_in(err.message, "a folder without a product.ini");
  pcf_product_free(p);
}

/* Before: "unknown section [] (product, manufacturing, ...)". */
Test(misread, no_product_section) {
  pcf_error err;
  cr_expect_eq(read_product("name = x\nbom = bom.csv\n", NULL, &err, NULL), PCF_ERR_INPUT);
  expect_in(err.message, "\"name\" comes before any [section]: a product file starts with [product]");
  cr_expect_eq(err.line, 1);
  cr_expect_eq(
      read_product("; a scenario without its product\n[manufacturing]\nelectricity CN = 1 kWh\n", NULL, &err, NULL),
      PCF_ERR_INPUT);
  expect_in(err.message, "no [product] section");
}

/* Profiles and uncertainty inputs follow the same rules: a key twice is an error, not a win. */
Test(misread, key_twice_in_a_profile_and_in_inputs) {
  write_file(in_dir("profile.ini"),
             "[company]\nname = A\n[footprint]\nboundary = cradle-to-gate\n"
             "boundary = cradle-to-grave\n");
  pcf_profile *profile = NULL;
  pcf_error err = {0};
  cr_expect_eq(pcf_profile_read(&profile, in_dir("profile.ini"), &err), PCF_ERR_INPUT);
  expect_in(err.message, "[footprint] \"boundary\" is given twice, on lines 4 and 5");
  write_file(in_dir("inputs.ini"), "use.years = uniform 4 6\nuse.years = uniform 1 9\n");
  pcf_unc_inputs *in = NULL;
  cr_expect_eq(pcf_unc_inputs_read(&in, in_dir("inputs.ini"), &err), PCF_ERR_INPUT);
  expect_in(err.message, "\"use.years\" is given twice, on lines 1 and 2");
  pcf_unc_inputs_free(in);
}

/* ---- uncertainty inputs --------------------------------------------------------------------------- */

TestSuite(unc_units, .init = setup, .fini = teardown, .timeout = 120);

/* Builds the kettle's model with the inputs text; returns the status (err filled), *m when asked. */
static int kettle_model(const char *inputs, pcf_data **d, pcf_unc_inputs **in, pcf_unc_model **m, pcf_error *err) {
  write_file(in_dir("inputs.ini"), inputs);
  pcf_product *p = NULL;
  cr_assert_eq(pcf_product_read(&p, KETTLE, err), 0, "%s", err->message);
  pcf_data_options o = {.bundled = 1};
  cr_assert_eq(pcf_data_open_product(d, p, &o, err), 0, "%s", err->message);
  pcf_product_free(p);
  cr_assert_eq(pcf_unc_inputs_read(in, in_dir("inputs.ini"), err), 0, "%s", err->message);
  return pcf_unc_model_new(m, *d, KETTLE, NULL, *in, err);
}

/* Before: kWh for the kettle's "0.10 kWh per use" was read as a whole-life amount: the use stage
 * went from 210.75 to 0.028 kg CO2e (7,500 times off) and nothing was said. */
Test(unc_units, unit_of_the_scenario_item) {
  pcf_data *d = NULL;
  pcf_unc_inputs *in = NULL;
  pcf_unc_model *m = NULL;
  pcf_error err = {0};
  cr_expect_eq(kettle_model("use.electricity EU = triangular 0.05 0.10 0.15 kWh\n", &d, &in, &m, &err), PCF_ERR_UNIT);
  expect_in(err.message, "give the distribution in kWh per use");
  expect_in(err.message, "electric-kettle/product.ini:31"); /* the [use] electricity line */
  cr_expect_eq(err.line, 1);
  expect_in(err.path, "inputs.ini");
  pcf_unc_model_free(m);
  pcf_unc_inputs_free(in);
  pcf_data_free(d);
  /* A unit on a plain number, and a BOM mass without one. */
  cr_expect_eq(kettle_model("[inputs]\nuse.uses_per_year = uniform 1000 2000 pcs\n", &d, &in, &m, &err), PCF_ERR_UNIT);
  expect_in(err.message, "give the distribution without a unit");
  cr_expect_eq(err.line, 2);
  pcf_unc_model_free(m);
  pcf_unc_inputs_free(in);
  pcf_data_free(d);
  cr_expect_eq(kettle_model("bom.Shell.mass = normal 0.4 0.02\n", &d, &in, &m, &err), PCF_ERR_UNIT);
  expect_in(err.message, "in kg or g");
  pcf_unc_model_free(m);
  pcf_unc_inputs_free(in);
  pcf_data_free(d);
  /* In the right unit the use stage keeps its size: a symmetric triangular around 0.10 kWh per
   * use, 400 draws, mean within 5 % of 210.75 (standard error about 1 %). */
  cr_assert_eq(kettle_model("use.electricity EU = triangular 0.05 0.10 0.15 kWh per use\n", &d, &in, &m, &err), 0, "%s",
               err.message);
  pcf_unc_options uo = PCF_UNC_OPTIONS_INIT;
  uo.iterations = 400;
  uo.exchanges = 0;
  pcf_unc_result *r = NULL;
  cr_assert_eq(pcf_unc_run(&r, m, &uo, &err), 0, "%s", err.message);
  double use = r->stats[1 + PCF_STAGE_USE].mean;
  cr_expect(fabs(use / 210.75 - 1) < 0.05, "use stage mean %g", use);
  pcf_unc_result_free(r);
  pcf_unc_model_free(m);
  pcf_unc_inputs_free(in);
  pcf_data_free(d);
}

/* Before: "[use] years = \"-4.5859287562332192\": expected a positive number", as if the file said so. */
Test(unc_units, a_drawn_value_is_said_to_be_drawn) {
  pcf_data *d = NULL;
  pcf_unc_inputs *in = NULL;
  pcf_unc_model *m = NULL;
  pcf_error err = {0};
  cr_assert_eq(kettle_model("use.years = normal 5 5\n", &d, &in, &m, &err), 0, "%s", err.message);
  pcf_unc_options uo = PCF_UNC_OPTIONS_INIT;
  uo.iterations = 200; /* P(a draw below 0) = 16 % each */
  uo.exchanges = 0;
  pcf_unc_result *r = NULL;
  cr_expect_neq(pcf_unc_run(&r, m, &uo, &err), 0);
  static const char start[] = "the uncertainty input use.years = normal 5 5 (";
  cr_expect(strncmp(err.message, start, sizeof start - 1) == 0, "%s", err.message);
  expect_in(err.message, "inputs.ini:1) drew -");
  expect_in(err.message, "which the product does not take");
  pcf_unc_result_free(r);
  pcf_unc_model_free(m);
  pcf_unc_inputs_free(in);
  pcf_data_free(d);
}
