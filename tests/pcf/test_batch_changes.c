/* test_batch_changes.c: a catalogue varying one product by columns (bom.<part>.<field>: mass,
 * material, quantity, recycled content of a named line), and the warnings of each row written out
 * in the results CSV (issue 20). Expected values by hand from the datasets' per-unit values
 * (datasets/README.md, cases/toy-car/NOTES.md): ABS 3.945985, PP 1.918073 kg CO2e/kg; China grid
 * 0.5366 kg CO2e/kWh; truck 0.080459, sea ship 0.01594043 kg CO2e/t*km. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_test.h"
#include "pcf/batch.h"

#define ABS 3.945985
#define PP 1.918073
#define GRID_KWH 0.5366
#define T_KG ((150 * 0.080459 + 18000 * 0.01594043) / 1000) /* kg CO2e per kg moved */

static char dir[] = "/tmp/pcf-batch-changes-XXXXXX";

static const char *at(const char *name) {
  static char p[4][512];
  static int k;
  k = (k + 1) % 4;
  snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
  return p[k];
}

static void setup(void) {
  cr_assert(mkdtemp(dir));
  write_file(at("bom.csv"),
             "level,part number,name,quantity,unit,material,mass (kg)\n"
             "0,TC-100,Toy car,1,pcs,,\n1,TC-110,Body,1,pcs,ABS,0.120\n"
             "1,TC-120,Wheel,4,pcs,PP,0.0075\n1,TC-130,Axle,2,pcs,steel,0.010\n");
  write_file(at("car.ini"),
             "[product]\nname = Toy car\nbom = bom.csv\n"
             "[manufacturing]\nelectricity CN = 0.30 kWh\n"
             "[distribution]\ntruck = 150 km\nsea ship = 18000 km\n");
}

static void teardown(void) {
  const char *names[] = {"bom.csv", "car.ini", "catalogue.csv", "out.csv", "errors.csv", "bad.csv"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) unlink(at(names[i]));
  rmdir(dir);
}

TestSuite(batch_changes, .init = setup, .fini = teardown);

static pcf_batch *run(const char *catalogue) {
  pcf_batch_options o = PCF_BATCH_OPTIONS_INIT;
  o.threads = 2;
  pcf_batch *b = NULL;
  pcf_error err = {0};
  cr_assert_eq(pcf_batch_open(&b, catalogue, &o, &err), 0, "%s:%ld: %s", err.path, err.line, err.message);
  cr_assert_eq(pcf_batch_run(b, &err), 0, "%s", err.message);
  return b;
}

Test(batch_changes, columns_vary_named_lines_of_one_product) {
  write_file(at("catalogue.csv"),
             "id,product,bom.Body.mass,bom.Wheel.material,bom.TC-120.quantity,bom.Body.recycled_content\n"
             "base,car.ini,,,,\n"
             "light,car.ini,100 g,,,\n"
             "abs-wheels,car.ini,,ABS,,\n"
             "six,car.ini,,,6,\n"
             "nose,car.ini,,,,\n");
  pcf_batch *b = run(at("catalogue.csv"));
  cr_assert_eq(pcf_batch_count(b), 5);
  for (size_t i = 0; i < 5; i++) cr_assert(pcf_batch_row_at(b, i)->ok, "row %zu failed", i);
  double base = pcf_batch_row_at(b, 0)->value[PCF_TOTAL];
  /* 20 g less ABS, and 20 g less moved */
  cr_expect_float_eq(pcf_batch_row_at(b, 1)->value[PCF_TOTAL] - base, -0.020 * (ABS + T_KG), 2e-6);
  /* the four wheels' 0.030 kg in ABS instead of PP (same mass moved) */
  cr_expect_float_eq(pcf_batch_row_at(b, 2)->value[PCF_TOTAL] - base, 0.030 * (ABS - PP), 2e-6);
  /* six wheels: 0.015 kg more PP, moved */
  cr_expect_float_eq(pcf_batch_row_at(b, 3)->value[PCF_TOTAL] - base, 0.015 * (PP + T_KG), 2e-6);
  /* an empty cell changes nothing */
  cr_expect_eq(pcf_batch_row_at(b, 4)->value[PCF_TOTAL], base);
  pcf_batch_free(b);
}

Test(batch_changes, a_change_that_names_no_line_fails_its_row_only) {
  write_file(at("catalogue.csv"), "id,product,bom.Nose.mass\nok,car.ini,\nnose,car.ini,5 g\n");
  pcf_batch *b = run(at("catalogue.csv"));
  cr_expect(pcf_batch_row_at(b, 0)->ok);
  cr_expect_not(pcf_batch_row_at(b, 1)->ok);
  cr_expect(strstr(pcf_batch_error(b, 1)->message, "no BOM line is \"Nose\""), "%s", pcf_batch_error(b, 1)->message);
  pcf_batch_free(b);
}

Test(batch_changes, an_unknown_field_column_is_refused_with_its_name) {
  write_file(at("bad.csv"), "id,product,bom.Body.colour\nx,car.ini,red\n");
  pcf_batch_options o = PCF_BATCH_OPTIONS_INIT;
  pcf_batch *b = NULL;
  pcf_error err = {0};
  cr_expect_eq(pcf_batch_open(&b, at("bad.csv"), &o, &err), PCF_ERR_INPUT);
  cr_expect(strstr(err.message, "\"bom.Body.colour\""), "%s", err.message);
  cr_expect_eq(err.line, 1);
  pcf_batch_free(b);
}

Test(batch_changes, the_results_csv_carries_each_rows_warnings) {
  /* The ABS body and PP wheels are unformed plastic: the footprint notes them (footprint.c), once
   * per row; the same note must reach the CSV, quoted where it holds commas. */
  write_file(at("catalogue.csv"), "id,product\ncar,car.ini\n");
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "%s batch %s -o %s -q", PCF_BINARY, at("catalogue.csv"), at("out.csv"));
  cr_assert_eq(system(cmd), 0, "%s", cmd);
  FILE *f = fopen(at("out.csv"), "r");
  cr_assert(f);
  char header[1024], row[8192];
  cr_assert(fgets(header, sizeof header, f) && fgets(row, sizeof row, f));
  fclose(f);
  cr_expect(strstr(header, ",warnings,warning_text\n"), "%s", header);
  cr_expect(strstr(row, "\"note: 2 metal or plastic lines are valued as unformed material"), "%s", row);
  cr_expect(strstr(row, "Toy car/Body (ABS), Toy car/Wheel (PP)"), "%s", row);
  /* the count before it says how many " | "-separated warnings the text holds */
  const char *q = strchr(row, '"');
  cr_assert(q);
  const char *c = q - 2;
  while (c > row && *c != ',') c--;
  long n = strtol(c + 1, NULL, 10);
  long seps = 0;
  for (const char *s = q; (s = strstr(s, " | ")); s += 3) seps++;
  cr_expect_eq(n, seps + 1, "%ld warnings, %ld in the text: %s", n, seps + 1, row);
}
